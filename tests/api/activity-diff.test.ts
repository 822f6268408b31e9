// activity_diff and activity_show: what one activity changed against the previous one of the same
// object (CKAN's shapes: diff and the two activities, plus `changes` field by field), read by whoever
// may read the object; unknown ids are 404, bad parameters 409.
import { ActivityEntity } from '../../server/activity/entities';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction } from '../support/factories';
import { buildWorld, uploadTo, World } from './world';

let cat: TestCatalogue;
let world: World;
beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
});
afterAll(async () => cat.close());

async function latestActivity(id: string, token?: string): Promise<any> {
  const list = (await getAction(cat, 'package_activity_list', { id }, token ?? world.users.sysadmin.token)).body.result;
  return list[0];
}

async function createDataset(fields: Record<string, unknown> = {}): Promise<any> {
  const body = { name: `diff-${Math.random().toString(16).slice(2, 10)}`, title: 'Prima', notes: 'Testo', owner_org: world.orgA.name, ...fields };
  const res = await callAction(cat, 'package_create', body, world.users.editor.token);
  expect(res.status).toBe(200);
  return res.body.result;
}

async function diffOf(activityId: string, extra: Record<string, string> = {}, token?: string) {
  return getAction(cat, 'activity_diff', { id: activityId, object_type: 'package', ...extra }, token);
}

describe('activity_diff of a dataset', () => {
  it('returns the unified diff, the two activities and the changes field by field', async () => {
    const ds = await createDataset({ tags: [{ name: 'acqua' }] });
    await callAction(cat, 'package_patch', { id: ds.id, title: 'Dopo', tags: [{ name: 'aria' }], extras: [{ key: 'fonte', value: 'ISTAT' }] }, world.users.editor.token);
    const activity = await latestActivity(ds.id);
    const res = await diffOf(activity.id);
    expect(res.status).toBe(200);
    const { diff, activities, changes } = res.body.result;
    expect(diff).toContain('-  "title": "Prima",');
    expect(diff).toContain('+  "title": "Dopo",');
    expect(diff).toMatch(/^--- \n\+\+\+ \n@@ -\d+(,\d+)? \+\d+(,\d+)? @@/);
    expect(activities.map((a: any) => a.activity_type)).toEqual(['new package', 'changed package']);
    expect(activities[1].id).toBe(activity.id);
    expect(activities[0].data.package.title).toBe('Prima');
    expect(changes).toEqual(expect.arrayContaining([
      { type: 'title', method: 'change', old: 'Prima', new: 'Dopo' },
      { type: 'tag', method: 'add', new: 'aria' },
      { type: 'tag', method: 'remove', old: 'acqua' },
      { type: 'extra', method: 'add', field: 'fonte', new: 'ISTAT' },
    ]));
    // Dates and scores the portal computes are not changes an editor made.
    expect(changes.map((c: any) => c.field ?? c.type)).not.toEqual(expect.arrayContaining(['modified', 'metadata_modified', 'dcat_quality']));
  });

  it('gives the context and html formats, the html escaped', async () => {
    const ds = await createDataset();
    await callAction(cat, 'package_patch', { id: ds.id, title: '<script>alert(1)</script>' }, world.users.editor.token);
    const { id } = await latestActivity(ds.id);
    const context = (await diffOf(id, { diff_type: 'context' })).body.result.diff;
    expect(context).toContain('***************');
    expect(context).toContain('!   "title": "Prima",');
    expect(context).toContain('!   "title": "<script>alert(1)</script>",');
    const html = (await diffOf(id, { diff_type: 'html' })).body.result.diff;
    expect(html).toMatch(/^<table class="activity-diff">/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('says which uploaded file replaced which, with their sizes', async () => {
    const ds = await createDataset();
    const created = await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content: Buffer.from('a,b\n1,2\n'), filename: 'vecchio.csv' }, world.users.editor.token);
    expect(created.status).toBe(200);
    const replaced = await uploadTo(cat, 'resource_patch', { id: created.body.result.id }, { content: Buffer.from('a,b\n1,2\n3,4\n5,6\n'), filename: 'nuovo.csv' }, world.users.editor.token);
    expect(replaced.status).toBe(200);
    const { changes } = (await diffOf((await latestActivity(ds.id)).id)).body.result;
    expect(changes).toEqual([expect.objectContaining({
      type: 'new_file', resource: expect.objectContaining({ id: created.body.result.id, file: 'nuovo.csv' }),
      old: expect.objectContaining({ file: 'vecchio.csv', size: 8 }), new: expect.objectContaining({ file: 'nuovo.csv', size: 16 }),
    })]);
  });

  it('is 404 for an unknown activity, a first activity and another object type', async () => {
    const ds = await createDataset();
    const first = await latestActivity(ds.id);
    expect((await diffOf('00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await diffOf(first.id)).status).toBe(404);
    await callAction(cat, 'package_patch', { id: ds.id, title: 'Altro' }, world.users.editor.token);
    const second = await latestActivity(ds.id);
    const wrongType = await diffOf(second.id, { object_type: 'organization' });
    expect(wrongType.status).toBe(404);
    expect(wrongType.body.error.__type).toBe('Not Found Error');
  });

  it('is 409 for a missing id or object_type and an unknown diff_type', async () => {
    const ds = await createDataset();
    await callAction(cat, 'package_patch', { id: ds.id, title: 'Altro' }, world.users.editor.token);
    const { id } = await latestActivity(ds.id);
    for (const [query, field] of [[{ object_type: 'package' }, 'id'], [{ id }, 'object_type'], [{ id, object_type: 'package', diff_type: 'side' }, 'diff_type'], [{ id, object_type: 'dataset' }, 'object_type']] as const) {
      const res = await getAction(cat, 'activity_diff', query as Record<string, string>);
      expect(res.status).toBe(409);
      expect(Object.keys(res.body.error)).toContain(field);
    }
  });

  it("follows the dataset's visibility: a private dataset's diff is only for its organization", async () => {
    const ds = await createDataset({ private: true });
    await callAction(cat, 'package_patch', { id: ds.id, title: 'Riservato' }, world.users.editor.token);
    const { id } = await latestActivity(ds.id);
    const status = async (token?: string) => (await diffOf(id, {}, token)).status;
    expect({
      anonymous: await status(), otherEditor: await status(world.users.otherEditor.token),
      member: await status(world.users.member.token), sysadmin: await status(world.users.sysadmin.token),
    }).toEqual({ anonymous: 404, otherEditor: 404, member: 200, sysadmin: 200 });
    expect((await getAction(cat, 'activity_show', { id })).status).toBe(404);
  });
});

describe('activity_show', () => {
  it('returns one activity with its data, or only what names the object', async () => {
    const ds = await createDataset({ title: 'Mostrato' });
    const { id } = await latestActivity(ds.id);
    const full = (await getAction(cat, 'activity_show', { id })).body.result;
    expect(full).toMatchObject({ id, object_id: ds.id, activity_type: 'new package', user_name: world.users.editor.name });
    expect(full.data.package.notes).toBe('Testo');
    const bare = (await getAction(cat, 'activity_show', { id, include_data: 'false' })).body.result;
    expect(bare.data).toEqual({ package: { id: ds.id, name: ds.name, title: 'Mostrato' } });
    expect((await getAction(cat, 'activity_show', { id: 'nessuna' })).status).toBe(404);
  });

  it("shows a user's activity as user_show shows the user: without the email", async () => {
    const row = await cat.services.db.getRepository(ActivityEntity).findOneByOrFail({ objectId: world.users.member.actor.id });
    const res = await getAction(cat, 'activity_show', { id: row.id });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ activity_type: 'new user', data: { user: { name: world.users.member.name } } });
    expect(JSON.stringify(res.body.result)).not.toContain('@example.it');
    expect((await getAction(cat, 'activity_diff', { id: row.id, object_type: 'user' })).status).toBe(404);
  });
});

describe('activity_diff of an organization', () => {
  it('lists the title and description changes', async () => {
    await callAction(cat, 'organization_patch', { id: world.orgB.id, description: 'Nuova descrizione' }, world.users.sysadmin.token);
    const [latest] = (await getAction(cat, 'organization_activity_list', { id: world.orgB.name })).body.result;
    const res = await getAction(cat, 'activity_diff', { id: latest.id, object_type: 'organization' });
    expect(res.status).toBe(200);
    expect(res.body.result.changes).toEqual([{ type: 'field', method: 'add', field: 'description', old: '', new: 'Nuova descrizione' }]);
  });
});
