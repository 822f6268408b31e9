// The activity stream records who did what and when, for datasets and organizations.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction } from '../support/factories';
import { buildWorld, World } from './world';

let cat: TestCatalogue;
let world: World;
beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
});
afterAll(async () => cat.close());

describe('the activity of a dataset', () => {
  it('records create, update and delete with who did it, newest first', async () => {
    const start = new Date().toISOString().replace('Z', '');
    const { editor, admin } = world.users;
    const created = (await callAction(cat, 'package_create', { name: 'bandi-2024', title: 'Bandi', notes: 'Bandi di gara del comune', owner_org: world.orgA.name }, editor.token)).body.result;
    await callAction(cat, 'package_patch', { id: created.id, title: 'Bandi di gara' }, admin.token);
    await callAction(cat, 'package_delete', { id: created.id }, editor.token);

    // A deleted dataset, and so its history, is left to sysadmins.
    const list = (await getAction(cat, 'package_activity_list', { id: created.id }, world.users.sysadmin.token)).body.result;
    expect(list.map((a: any) => [a.activity_type, a.user_name])).toEqual([
      ['deleted package', editor.name], ['changed package', admin.name], ['new package', editor.name],
    ]);
    for (const a of list) {
      expect(a.object_id).toBe(created.id);
      expect(a.timestamp >= start).toBe(true);
    }
    expect(list[1].data.package.title).toBe('Bandi di gara');
    expect(list[0].data.package.state).toBe('deleted');
  });

  it('hides a deleted dataset, and its history, from everyone but sysadmins', async () => {
    const created = (await callAction(cat, 'package_create', { name: 'da-cancellare', notes: 'Da cancellare', owner_org: world.orgA.name }, world.users.editor.token)).body.result;
    await callAction(cat, 'package_delete', { id: created.id }, world.users.editor.token);
    expect((await getAction(cat, 'package_show', { id: created.id })).status).toBe(404);
    expect((await getAction(cat, 'package_list')).body.result).not.toContain('da-cancellare');
    expect((await getAction(cat, 'package_search', { q: 'da-cancellare' })).body.result.count).toBe(0);
    for (const role of ['member', 'editor', 'admin'] as const) {
      expect((await getAction(cat, 'package_show', { id: created.id }, world.users[role].token)).status).toBe(404);
      expect((await getAction(cat, 'package_activity_list', { id: created.id }, world.users[role].token)).status).toBe(404);
    }
    const anyone = await getAction(cat, 'recently_changed_packages_activity_list', { limit: '100' });
    expect(anyone.body.result.some((a: any) => a.object_id === created.id)).toBe(false);
    const seen = await getAction(cat, 'package_show', { id: created.id }, world.users.sysadmin.token);
    expect(seen.body.result.state).toBe('deleted');
  });

  it('records a resource change as a change of its dataset', async () => {
    const created = (await callAction(cat, 'package_create', { name: 'con-risorsa', notes: 'Con una risorsa', owner_org: world.orgA.name }, world.users.editor.token)).body.result;
    await callAction(cat, 'resource_create', { package_id: created.id, url: 'https://example.org/a.csv' }, world.users.editor.token);
    const list = (await getAction(cat, 'package_activity_list', { id: created.id })).body.result;
    expect(list.map((a: any) => a.activity_type)).toEqual(['changed package', 'new package']);
    expect(list[0].data.package.num_resources).toBe(1);
  });
});

describe('the activity of a draft', () => {
  it('is shown to editors of its organization only, as the draft itself', async () => {
    const draft = (await callAction(cat, 'package_create', { name: 'bozza', owner_org: world.orgA.name, state: 'draft' }, world.users.editor.token)).body.result;
    const seesIt = async (token?: string) =>
      (await getAction(cat, 'recently_changed_packages_activity_list', { limit: '100' }, token)).body.result.some((a: any) => a.object_id === draft.id);
    expect({
      anonymous: await seesIt(), member: await seesIt(world.users.member.token),
      editor: await seesIt(world.users.editor.token), sysadmin: await seesIt(world.users.sysadmin.token),
    }).toEqual({ anonymous: false, member: false, editor: true, sysadmin: true });
    expect((await getAction(cat, 'package_show', { id: 'bozza' }, world.users.member.token)).status).toBe(404);
  });
});

describe('the activity of an organization and of the site', () => {
  it('lists the changes to the organization itself and to its datasets', async () => {
    await callAction(cat, 'organization_patch', { id: world.orgB.id, description: 'Nuova descrizione' }, world.users.sysadmin.token);
    const ds = (await callAction(cat, 'package_create', { name: 'di-b', notes: "Un dataset dell'ente B", owner_org: world.orgB.name }, world.users.otherEditor.token)).body.result;
    const list = (await getAction(cat, 'organization_activity_list', { id: world.orgB.name })).body.result;
    expect(list.slice(0, 2).map((a: any) => [a.activity_type, a.object_id])).toEqual([
      ['new package', ds.id], ['changed organization', world.orgB.id],
    ]);
    expect(list.every((a: any) => a.object_id !== world.orgA.id)).toBe(true);
  });

  it('shows the latest dataset changes in recently_changed_packages_activity_list', async () => {
    const ds = (await callAction(cat, 'package_create', { name: 'ultimo', notes: "L'ultimo dataset", owner_org: world.orgA.name }, world.users.editor.token)).body.result;
    const [latest] = (await getAction(cat, 'recently_changed_packages_activity_list', { limit: '1' })).body.result;
    expect(latest).toMatchObject({ object_id: ds.id, activity_type: 'new package', user_name: world.users.editor.name });
  });
});
