// Who may do what: every write action × every role, as a table, then what private datasets hide.
import request from 'supertest';
import { listActions, runAction } from '../../server/core/actions';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, callAction, getAction, makeUser, sysadminContext, TestUser, unique } from '../support/factories';
import { buildWorld, download, Role, ROLES, seedDataset, tokenOf, uploadTo, World } from './world';
import { idleJob, newQueue } from '../jobs/support';
import { seedDatastoreTable } from '../datastore/support';
import { markHarvested, seedSource } from '../harvest/support';

// ✓ = allowed (200), ✗ = refused (403). Columns, in order:
//                               anonymous  member  editor  admin  editor-of-another-org  sysadmin
const TABLE: Record<string, string> = {
  package_create:               '✗ ✗ ✓ ✓ ✗ ✓',
  package_update:               '✗ ✗ ✓ ✓ ✗ ✓',
  package_patch:                '✗ ✗ ✓ ✓ ✗ ✓',
  package_delete:               '✗ ✗ ✓ ✓ ✗ ✓',
  dataset_purge:                '✗ ✗ ✗ ✗ ✗ ✓',
  resource_create:              '✗ ✗ ✓ ✓ ✗ ✓',
  resource_update:              '✗ ✗ ✓ ✓ ✗ ✓',
  resource_patch:               '✗ ✗ ✓ ✓ ✗ ✓',
  resource_delete:              '✗ ✗ ✓ ✓ ✗ ✓',
  organization_create:          '✗ ✗ ✗ ✗ ✗ ✓',
  organization_update:          '✗ ✗ ✗ ✓ ✗ ✓',
  organization_patch:           '✗ ✗ ✗ ✓ ✗ ✓',
  organization_member_create:   '✗ ✗ ✗ ✓ ✗ ✓',
  organization_member_delete:   '✗ ✗ ✗ ✓ ✗ ✓',
  group_create:                 '✗ ✗ ✗ ✗ ✗ ✓',
  group_update:                 '✗ ✗ ✗ ✗ ✗ ✓',
  user_create:                  '✗ ✗ ✗ ✗ ✗ ✓',
  user_update:                  '✗ ✗ ✗ ✗ ✗ ✓', // someone else; for oneself, see below
  user_patch:                   '✗ ✗ ✗ ✗ ✗ ✓', // someone else
  api_token_create:             '✗ ✗ ✗ ✗ ✗ ✓', // for someone else; for oneself, see below
  api_token_revoke:             '✗ ✗ ✗ ✗ ✗ ✓', // someone else's token
  job_cancel:                   '✗ ✗ ✗ ✗ ✗ ✓',
  job_clear:                    '✗ ✗ ✗ ✗ ✗ ✓',
  datastore_create:             '✗ ✗ ✓ ✓ ✗ ✓',
  datastore_upsert:             '✗ ✗ ✓ ✓ ✗ ✓',
  datastore_delete:             '✗ ✗ ✓ ✓ ✗ ✓',
  resource_dictionary_update:   '✗ ✗ ✓ ✓ ✗ ✓',
  xloader_submit:               '✗ ✗ ✓ ✓ ✗ ✓',
  harvest_source_create:        '✗ ✗ ✗ ✓ ✗ ✓',
  harvest_source_update:        '✗ ✗ ✗ ✓ ✗ ✓',
  harvest_source_patch:         '✗ ✗ ✗ ✓ ✗ ✓',
  harvest_source_delete:        '✗ ✗ ✗ ✓ ✗ ✓',
  harvest_job_create:           '✗ ✗ ✗ ✓ ✗ ✓',
  harvest_dataset_detach:       '✗ ✗ ✗ ✓ ✗ ✓',
};

let cat: TestCatalogue;
let world: World;
let outsider: TestUser; // the user that member and token actions are about

/** The input of each action, on fresh targets in orgA (public, so a refusal is 403, not 404). */
const INPUTS: Record<string, () => Promise<Record<string, unknown>>> = {
  package_create: async () => ({ name: unique('nuovo'), notes: 'Un dataset nuovo', owner_org: world.orgA.name }),
  package_update: async () => ({ id: (await seedDataset(cat, world.orgA.name)).id, title: 'Titolo cambiato', notes: 'Descrizione cambiata' }),
  package_patch: async () => ({ id: (await seedDataset(cat, world.orgA.name)).id, title: 'Titolo cambiato' }),
  package_delete: async () => ({ id: (await seedDataset(cat, world.orgA.name)).id }),
  dataset_purge: async () => ({ id: (await seedDataset(cat, world.orgA.name)).id }),
  resource_create: async () => ({ package_id: (await seedDataset(cat, world.orgA.name)).id, url: 'https://example.org/b.csv' }),
  resource_update: async () => ({ id: (await seedDataset(cat, world.orgA.name)).resources[0].id, url: 'https://example.org/c.csv' }),
  resource_patch: async () => ({ id: (await seedDataset(cat, world.orgA.name)).resources[0].id, name: 'Rinominata' }),
  resource_delete: async () => ({ id: (await seedDataset(cat, world.orgA.name)).resources[0].id }),
  organization_create: async () => ({ name: unique('ente') }),
  organization_update: async () => ({ id: world.orgA.id, title: 'Ente A' }),
  organization_patch: async () => ({ id: world.orgA.id, title: 'Ente A' }),
  organization_member_create: async () => ({ id: world.orgA.name, username: outsider.name, role: 'member' }),
  organization_member_delete: async () => {
    await addMember(cat, world.orgA.name, outsider.name, 'member');
    return { id: world.orgA.name, username: outsider.name };
  },
  group_create: async () => ({ name: unique('tema') }),
  group_update: async () => ({ id: 'trasporti', description: 'Mobilità e trasporti' }),
  user_create: async () => ({ name: unique('nuovo'), email: 'nuovo@example.it' }),
  user_update: async () => ({ id: outsider.name, email: 'altro@example.it', fullname: 'Cambiato' }),
  user_patch: async () => ({ id: outsider.name, about: 'Cambiato' }),
  api_token_create: async () => ({ user: outsider.name, name: 'altrui' }),
  api_token_revoke: async () => ({ token: (await runAction('api_token_create', await sysadminContext(cat), { user: outsider.name, name: 'x' })).token }),
  job_cancel: async () => ({ id: await idleJob(cat) }),
  job_clear: async () => ({ queues: [newQueue()] }),
  datastore_create: async () => ({ resource: { package_id: (await seedDataset(cat, world.orgA.name)).id }, fields: [{ id: 'a', type: 'int' }] }),
  datastore_upsert: async () => ({ resource_id: await seedDatastoreTable(cat, world.orgA.name), records: [{ nome: 'c', n: 3 }] }),
  datastore_delete: async () => ({ resource_id: await seedDatastoreTable(cat, world.orgA.name), filters: { nome: 'a' } }),
  resource_dictionary_update: async () => ({ id: await uploadedTable(), fields: [{ id: 'b', description: 'Seconda colonna' }] }),
  xloader_submit: async () => ({ resource_id: await uploadedTable() }),
  harvest_source_create: async () => ({ name: unique('fonte'), url: 'https://dati.example.org/', source_type: 'ckan', owner_org: world.orgA.name }),
  harvest_source_update: async () => ({ id: (await seedSource(cat, world.orgA.name)).id, url: 'https://altri.example.org/', source_type: 'dcat_rdf' }),
  harvest_source_patch: async () => ({ id: (await seedSource(cat, world.orgA.name)).id, frequency: 'WEEKLY' }),
  harvest_source_delete: async () => ({ id: (await seedSource(cat, world.orgA.name)).id }),
  harvest_job_create: async () => ({ source_id: (await seedSource(cat, world.orgA.name)).id }),
  harvest_dataset_detach: async () => {
    const dataset = await seedDataset(cat, world.orgA.name);
    await markHarvested(cat, dataset);
    return { id: dataset.id };
  },
};

/** A resource of orgA with an uploaded CSV, loaded into the DataStore. */
async function uploadedTable(): Promise<string> {
  const dataset = await seedDataset(cat, world.orgA.name);
  const res = await uploadTo(cat, 'resource_create', { package_id: dataset.id }, { content: Buffer.from('a,b\n1,2\n'), filename: 'tabella.csv' }, world.users.sysadmin.token);
  return res.body.result.id;
}

beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
  outsider = await makeUser(cat);
});
afterAll(async () => cat.close());

describe('the permission table', () => {
  it('has a row, and an input, for every write action in the registry', () => {
    const writes = listActions().filter((a) => a.kind === 'write').map((a) => a.name).sort();
    expect(Object.keys(TABLE).sort()).toEqual(writes);
    expect(Object.keys(INPUTS).sort()).toEqual(writes);
  });

  const cells = Object.entries(TABLE).flatMap(([action, row]) => {
    const marks = row.split(/\s+/);
    return ROLES.map((role, i) => ({ action, role, allowed: marks[i] === '✓' }));
  });

  it.each(cells)('$action by $role: allowed = $allowed', async ({ action, role, allowed }) => {
    const res = await callAction(cat, action, await INPUTS[action](), tokenOf(world, role as Role));
    if (allowed) {
      expect({ status: res.status, success: res.body.success }).toEqual({ status: 200, success: true });
    } else {
      expect(res.status).toBe(403);
      expect(res.body.success).toBe(false);
      expect(res.body.error.__type).toBe('Authorization Error');
    }
  });
});

describe('rules the table does not show', () => {
  it('leaves a dataset unchanged when an editor of another organization tries to update it', async () => {
    const ds = await seedDataset(cat, world.orgA.name, { title: 'Originale' });
    const res = await callAction(cat, 'package_update', { id: ds.id, title: 'Rubato', notes: 'Descrizione rubata' }, world.users.otherEditor.token);
    expect(res.status).toBe(403);
    expect((await getAction(cat, 'package_show', { id: ds.id })).body.result.title).toBe('Originale');
  });

  it("refuses to move a dataset into an organization where the editor has no role", async () => {
    const ds = await seedDataset(cat, world.orgA.name);
    const res = await callAction(cat, 'package_patch', { id: ds.id, owner_org: world.orgB.name }, world.users.editor.token);
    expect(res.status).toBe(403);
    expect((await getAction(cat, 'package_show', { id: ds.id })).body.result.owner_org).toBe(world.orgA.id);
  });

  it.each(['member', 'editor', 'otherEditor'] as const)('lets a %s create, list and revoke their own tokens', async (role) => {
    const me = world.users[role];
    const created = await callAction(cat, 'api_token_create', { user: me.name, name: 'mio' }, me.token);
    expect(created.status).toBe(200);
    const listed = await callAction(cat, 'api_token_list', { user_id: me.name }, me.token);
    expect(listed.body.result.map((t: { id: string }) => t.id)).toContain(created.body.result.id);
    expect((await callAction(cat, 'api_token_list', { user_id: outsider.name }, me.token)).status).toBe(403);
    expect((await callAction(cat, 'api_token_revoke', { jti: created.body.result.id }, me.token)).status).toBe(200);
  });

  it('lists, for each user, the organizations they can manage or edit in', async () => {
    const names = async (role: 'member' | 'editor' | 'admin', permission?: string) =>
      (await callAction(cat, 'organization_list_for_user', permission ? { permission } : {}, world.users[role].token)).body.result.map((o: { name: string }) => o.name);
    expect(await names('admin')).toEqual([world.orgA.name]);
    expect(await names('editor')).toEqual([]);
    expect(await names('editor', 'create_dataset')).toEqual([world.orgA.name]);
    expect(await names('member', 'read')).toEqual([world.orgA.name]);
    expect((await callAction(cat, 'organization_list_for_user', {}, undefined)).status).toBe(403);
  });
});

describe('a private dataset', () => {
  let priv: any;
  let fileUrl: string;
  beforeAll(async () => {
    priv = await seedDataset(cat, world.orgA.name, { private: true, title: 'Riservato', tags: [{ name: 'segreto' }] });
    const up = await uploadTo(cat, 'resource_create', { package_id: priv.id, name: 'File' }, { content: Buffer.from('a,b\n1,2\n'), filename: 'dati.csv' }, world.users.editor.token);
    expect(up.status).toBe(200);
    fileUrl = up.body.result.url;
  });

  async function seenBy(role: Role) {
    const token = tokenOf(world, role);
    const ids = (r: request.Response) => (r.body.result.results ?? r.body.result).map((p: any) => p.id ?? p);
    const show = await getAction(cat, 'package_show', { id: priv.name }, token);
    const search = await getAction(cat, 'package_search', { q: 'Riservato', include_private: 'true', rows: '1000' }, token);
    const list = await getAction(cat, 'package_list', {}, token);
    const current = await getAction(cat, 'current_package_list_with_resources', { limit: '1000' }, token);
    const recent = await getAction(cat, 'recently_changed_packages_activity_list', { limit: '100' }, token);
    const file = await download(cat, fileUrl, token);
    const resource = await getAction(cat, 'resource_show', { id: priv.resources[0].id }, token);
    const activity = await getAction(cat, 'package_activity_list', { id: priv.id }, token);
    const orgActivity = await getAction(cat, 'organization_activity_list', { id: world.orgA.name, limit: '100' }, token);
    const org = await getAction(cat, 'organization_show', { id: world.orgA.name, include_datasets: 'true' }, token);
    return {
      inOrgShow: ids({ body: { result: org.body.result.packages } } as request.Response).includes(priv.id),
      show: show.status, resourceShow: resource.status, download: file.status, activity: activity.status,
      inOrgActivity: orgActivity.body.result.some((a: any) => a.object_id === priv.id),
      inSearch: ids(search).includes(priv.id), inList: list.body.result.includes(priv.name),
      inCurrent: ids(current).includes(priv.id),
      inRecent: recent.body.result.some((a: any) => a.object_id === priv.id),
    };
  }

  const hidden = { inOrgShow: false, show: 404, resourceShow: 404, download: 404, activity: 404, inOrgActivity: false, inSearch: false, inList: false, inCurrent: false, inRecent: false };

  it.each(['anonymous', 'otherEditor'] as const)('is invisible everywhere to %s', async (role) => {
    expect(await seenBy(role)).toEqual(hidden);
  });

  it.each(['member', 'editor', 'admin', 'sysadmin'] as const)('is visible to %s, the public lists still leave it out', async (role) => {
    // package_list and current_package_list_with_resources list public datasets only, as in CKAN.
    expect(await seenBy(role)).toEqual({ ...hidden, inOrgShow: true, show: 200, resourceShow: 200, download: 200, activity: 200, inOrgActivity: true, inSearch: true, inRecent: true });
  });

  it('is in package_list with include_private (as ckanapi dump sends it) for its readers only', async () => {
    const listed = async (role: Role) => (await getAction(cat, 'package_list', { include_private: 'true', include_drafts: 'false', include_deleted: 'false' }, tokenOf(world, role))).body.result;
    for (const role of ['member', 'sysadmin'] as const) expect(await listed(role)).toContain(priv.name);
    for (const role of ['anonymous', 'otherEditor'] as const) expect(await listed(role)).not.toContain(priv.name);
  });

  it('is downloaded with Cache-Control: private, so that no shared cache keeps it', async () => {
    const res = await download(cat, fileUrl, world.users.member.token);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-cache, no-transform');
  });

  it('needs include_private=true to appear in package_search, even for members', async () => {
    const res = await getAction(cat, 'package_search', { q: 'Riservato' }, world.users.member.token);
    expect(res.body.result.count).toBe(0);
  });

  it('does not show up in tag_list or in the organization dataset count', async () => {
    expect((await getAction(cat, 'tag_list')).body.result).not.toContain('segreto');
    const orgs = (await getAction(cat, 'organization_list', { all_fields: 'true' })).body.result;
    const publicInA = (await getAction(cat, 'package_search', { fq: `organization:${world.orgA.name}` })).body.result.count;
    expect(orgs.find((o: any) => o.name === world.orgA.name).package_count).toBe(publicInA);
  });
});
