// What CKAN clients rely on beyond single calls: show → update round trips, parallel writes, and
// deletes that really delete (or really hide).
import fs from 'node:fs';
import path from 'node:path';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction } from '../support/factories';
import { buildWorld, download, seedDataset, uploadTo, World } from './world';

let cat: TestCatalogue;
let world: World;
let editor: World['users']['editor'];
beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
  editor = world.users.editor;
  await callAction(cat, 'group_create', { name: 'economia', title: 'Economia' }, world.users.sysadmin.token);
});
afterAll(async () => cat.close());

const storedFiles = () => fs.readdirSync(path.join(cat.dataDir, 'files'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

describe('a package_show → package_update round trip', () => {
  it('accepts the dict package_show returned and changes nothing but what the client changed', async () => {
    const ds = await seedDataset(cat, world.orgA.name, {
      tags: [{ name: 'spesa' }], groups: [{ name: 'economia' }], extras: [{ key: 'frequenza', value: 'annuale' }], private: true,
    });
    const up = await uploadTo(cat, 'resource_create', { package_id: ds.id, name: 'File' }, { content: Buffer.from('a\n1\n'), filename: 'a.csv' }, editor.token);
    const before = (await getAction(cat, 'package_show', { id: ds.id }, editor.token)).body.result;
    const res = await callAction(cat, 'package_update', { ...before, title: 'Titolo nuovo' }, editor.token);
    expect(res.status).toBe(200);
    const after = (await getAction(cat, 'package_show', { id: ds.id }, editor.token)).body.result;
    const stable = (d: any) => ({ ...d, metadata_modified: undefined, resources: d.resources.map((r: any) => ({ ...r, metadata_modified: undefined, last_modified: undefined })) });
    expect(stable(after)).toEqual(stable({ ...before, title: 'Titolo nuovo' }));
    expect((await download(cat, up.body.result.url, editor.token)).body.toString()).toBe('a\n1\n');
  });

  it('keeps an uploaded file when the dataset is renamed in the same update', async () => {
    const ds = await seedDataset(cat, world.orgA.name, { resources: [] });
    await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content: Buffer.from('x\n'), filename: 'x.csv' }, editor.token);
    const before = (await getAction(cat, 'package_show', { id: ds.id })).body.result;
    const res = await callAction(cat, 'package_update', { ...before, name: `${before.name}-nuovo` }, editor.token);
    expect(res.status).toBe(200);
    const [resource] = res.body.result.resources;
    expect(resource).toMatchObject({ url_type: 'upload', hash: before.resources[0].hash });
    expect(resource.url).toContain(`/dataset/${before.name}-nuovo/`);
    expect((await download(cat, resource.url)).body.toString()).toBe('x\n');
  });
});

describe('parallel writes', () => {
  it('all succeed when ten datasets are created at once', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      callAction(cat, 'package_create', { name: `parallelo-${i}`, notes: 'Scritto in parallelo', owner_org: world.orgA.name }, editor.token)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const found = await getAction(cat, 'package_search', { q: 'parallelo', rows: '100' });
    expect(found.body.result.count).toBe(10);
  });

  it('give exactly one winner, and 409s (not 500s), when five clients race for one name', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () =>
      callAction(cat, 'package_create', { name: 'conteso', notes: 'Nome conteso', owner_org: world.orgA.name }, editor.token)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.name).toEqual([expect.any(String)]);
  });
});

describe('deleting', () => {
  it('hides a deleted dataset\'s files from everyone but sysadmins', async () => {
    const ds = await seedDataset(cat, world.orgA.name, { resources: [] });
    const url = (await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content: Buffer.from('d\n'), filename: 'd.csv' }, editor.token)).body.result.url;
    await callAction(cat, 'package_delete', { id: ds.id }, editor.token);
    expect((await download(cat, url)).status).toBe(404);
    expect((await download(cat, url, editor.token)).status).toBe(404);
    expect((await download(cat, url, world.users.sysadmin.token)).status).toBe(200);
  });

  it('makes a deleted resource 404 at its download URL', async () => {
    const ds = await seedDataset(cat, world.orgA.name, { resources: [] });
    const r = (await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content: Buffer.from('r\n'), filename: 'r.csv' }, editor.token)).body.result;
    await callAction(cat, 'resource_delete', { id: r.id }, editor.token);
    expect((await download(cat, r.url, editor.token)).status).toBe(404);
    expect((await getAction(cat, 'package_show', { id: ds.id })).body.result.num_resources).toBe(0);
  });

  it('keeps resource positions contiguous, in order, after a delete', async () => {
    const ds = await seedDataset(cat, world.orgA.name, {
      resources: ['a', 'b', 'c'].map((n) => ({ name: n, url: `https://example.org/${n}.csv` })),
    });
    await callAction(cat, 'resource_delete', { id: ds.resources[0].id }, editor.token);
    await callAction(cat, 'resource_create', { package_id: ds.id, name: 'd', url: 'https://example.org/d.csv' }, editor.token);
    const shown = (await getAction(cat, 'package_show', { id: ds.id })).body.result.resources;
    expect(shown.map((r: any) => [r.name, r.position])).toEqual([['b', 0], ['c', 1], ['d', 2]]);
  });

  it('purges a dataset with its rows, its activity and every version of its files', async () => {
    const ds = await seedDataset(cat, world.orgA.name, { resources: [] });
    const r = (await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content: Buffer.from('v1\n'), filename: 'p.csv' }, editor.token)).body.result;
    await uploadTo(cat, 'resource_update', { id: r.id }, { content: Buffer.from('v2\n'), filename: 'p.csv' }, editor.token);
    const filesBefore = storedFiles();
    const res = await callAction(cat, 'dataset_purge', { id: ds.name }, world.users.sysadmin.token);
    expect(res.status).toBe(200);
    expect(storedFiles()).toBe(filesBefore - 2);
    expect((await getAction(cat, 'package_show', { id: ds.id }, world.users.sysadmin.token)).status).toBe(404);
    expect((await getAction(cat, 'resource_show', { id: r.id }, world.users.sysadmin.token)).status).toBe(404);
    const recent = (await getAction(cat, 'recently_changed_packages_activity_list', { limit: '100' }, world.users.sysadmin.token)).body.result;
    expect(recent.some((a: any) => a.object_id === ds.id)).toBe(false);
    // The name is free again.
    expect((await callAction(cat, 'package_create', { name: ds.name, notes: 'Di nuovo', owner_org: world.orgA.name }, editor.token)).status).toBe(200);
  });
});
