// activity_diff's `changes` for each kind of dataset edit, made through the actions: themes, licence,
// organization, visibility, DCAT fields, resources added, renamed, relinked and removed; and what the
// portal derives by itself (dates, the publisher following the organization, upload URLs following
// the dataset's name) is not reported as an editor's change.
import { runAction } from '../../server/core/actions';
import { ActionContext } from '../../server/core/context';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { makeOrg, makeUser, sysadminContext, unique } from '../support/factories';
import { uploadTo } from '../api/world';

let cat: TestCatalogue;
let ctx: ActionContext;
let orgs: { id: string; name: string }[];

beforeAll(async () => {
  cat = await startCatalogue();
  ctx = await sysadminContext(cat);
  orgs = [await makeOrg(cat, { title: 'Comune di Siena' }), await makeOrg(cat, { title: 'Provincia di Siena' })];
});
afterAll(async () => cat.close());

async function dataset(fields: Record<string, unknown> = {}): Promise<any> {
  return runAction('package_create', ctx, { name: unique('modifiche'), title: 'Rifiuti', notes: 'Raccolta differenziata', owner_org: orgs[0].name, ...fields });
}

/** The changes of the dataset's latest activity. */
async function lastChanges(id: string): Promise<any[]> {
  const [latest] = await runAction('package_activity_list', ctx, { id, limit: 1 });
  return (await runAction('activity_diff', ctx, { id: latest.id, object_type: 'package' })).changes;
}

async function patchChanges(id: string, fields: Record<string, unknown>): Promise<any[]> {
  await runAction('package_patch', ctx, { id, ...fields });
  return lastChanges(id);
}

describe('the changes of a dataset', () => {
  it('tells themes and subthemes chosen, not the placeholder theme the portal filled in', async () => {
    const ds = await dataset();
    expect(await patchChanges(ds.id, { theme: [{ theme: 'TRAN', subthemes: ['http://eurovoc.europa.eu/100237'] }] })).toEqual([
      { type: 'theme', method: 'add', new: 'TRAN' },
      { type: 'subtheme', method: 'add', new: 'http://eurovoc.europa.eu/100237' },
    ]);
    expect(await patchChanges(ds.id, { theme: [{ theme: 'ENVI', subthemes: [] }] })).toEqual([
      { type: 'theme', method: 'add', new: 'ENVI' },
      { type: 'theme', method: 'remove', old: 'TRAN' },
      { type: 'subtheme', method: 'remove', old: 'http://eurovoc.europa.eu/100237' },
    ]);
  });

  it('tells the licence, the visibility and the DCAT-AP_IT fields', async () => {
    const ds = await dataset();
    const changes = await patchChanges(ds.id, { license_id: 'CC0-1.0', private: true, frequency: 'MONTHLY', temporal_start: '2024-01-01' });
    expect(changes).toEqual([
      { type: 'private', method: 'change', old: false, new: true },
      { type: 'license', method: 'change', old: { id: 'CC-BY-4.0', title: expect.stringContaining('CC BY 4.0') }, new: { id: 'CC0-1.0', title: expect.stringContaining('CC0 1.0') } },
      { type: 'dcat', method: 'add', field: 'frequency', old: '', new: 'MONTHLY' },
      { type: 'dcat', method: 'add', field: 'temporal_start', old: '', new: '2024-01-01' },
    ]);
  });

  it('tells a move to another organization once, not again through the publisher it brings', async () => {
    const ds = await dataset();
    expect(await patchChanges(ds.id, { owner_org: orgs[1].id })).toEqual([{
      type: 'org', method: 'change',
      old: { id: orgs[0].id, name: orgs[0].name, title: 'Comune di Siena' }, new: { id: orgs[1].id, name: orgs[1].name, title: 'Provincia di Siena' },
    }]);
  });

  it('tells a rename once: the URLs of the uploaded files follow it by themselves', async () => {
    const ds = await dataset();
    const editor = await makeUser(cat, { sysadmin: true });
    const upload = await uploadTo(cat, 'resource_create', { package_id: ds.id, name: 'Tonnellate' }, { content: Buffer.from('a\n1\n'), filename: 't.csv' }, editor.token);
    expect(upload.status).toBe(200);
    const renamed = `${ds.name}-nuovo`;
    expect(await patchChanges(ds.id, { name: renamed })).toEqual([{ type: 'name', method: 'change', old: ds.name, new: renamed }]);
  });

  it('tells resources added, renamed, relinked and removed', async () => {
    const ds = await dataset({ resources: [{ name: 'Anno 2022', url: 'https://example.org/2022.csv' }, { name: 'Anno 2023', url: 'https://example.org/2023.csv' }] });
    const [first, second] = ds.resources;
    const changes = await patchChanges(ds.id, {
      resources: [
        { id: first.id, name: 'Raccolta 2022', url: 'https://example.org/2022-v2.csv' },
        { name: 'Anno 2024', url: 'https://example.org/2024.json' },
      ],
    });
    const added = changes.find((c) => c.type === 'new_resource');
    expect(added).toMatchObject({ method: 'add', resource: { name: 'Anno 2024' }, new: { url: 'https://example.org/2024.json' } });
    expect(changes.filter((c) => c !== added)).toEqual([
      { type: 'delete_resource', method: 'remove', resource: { id: second.id, name: 'Anno 2023', file: '' }, old: { url: 'https://example.org/2023.csv' } },
      { type: 'resource_name', method: 'change', resource: { id: first.id, name: 'Raccolta 2022', file: '' }, old: 'Anno 2022', new: 'Raccolta 2022' },
      { type: 'resource_url', method: 'change', resource: { id: first.id, name: 'Raccolta 2022', file: '' }, old: 'https://example.org/2022.csv', new: 'https://example.org/2022-v2.csv' },
    ]);
  });

  it('tells a file replaced by a link', async () => {
    const ds = await dataset();
    const editor = await makeUser(cat, { sysadmin: true });
    const upload = await uploadTo(cat, 'resource_create', { package_id: ds.id, name: 'Dati' }, { content: Buffer.from('a\n1\n2\n'), filename: 'dati.csv' }, editor.token);
    await runAction('resource_patch', ctx, { id: upload.body.result.id, url: 'https://example.org/dati.csv' });
    expect(await lastChanges(ds.id)).toEqual([expect.objectContaining({
      type: 'new_file', old: expect.objectContaining({ file: 'dati.csv', size: 6 }), new: { url: 'https://example.org/dati.csv' },
    })]);
  });
});
