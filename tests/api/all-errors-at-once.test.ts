// One submission, every error: the JSON Schema's and the checks beyond it (DCAT-AP_IT fields, names taken)
// come back together in one 409, so that a client or a form is fixed in one round; nothing is written.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction } from '../support/factories';
import { buildWorld, seedDataset, World } from './world';

let cat: TestCatalogue;
let world: World;
let existing: any;
beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
  existing = await seedDataset(cat, world.orgA.name, { name: 'qualita-aria', title: 'Qualità dell\'aria', notes: 'Misure' });
});
afterAll(async () => cat.close());

// A bad basic field (the schema's email format) and bad DCAT-AP_IT fields (checked after the schema).
const BAD_BASIC_AND_DCAT = {
  maintainer_email: 'non-una-email',
  temporal_start: '2024-05-01', temporal_end: '2023-01-01',
  issued: '2024-02-30',
};

describe('package_create', () => {
  it('reports a bad basic field, bad DCAT-AP_IT fields and a name taken in one 409', async () => {
    const res = await callAction(cat, 'package_create', {
      name: 'qualita-aria', title: 'Aria', notes: 'Misure', owner_org: world.orgA.name, ...BAD_BASIC_AND_DCAT,
    }, world.users.editor.token);
    expect(res.status).toBe(409);
    expect(res.body.success).toBe(false);
    expect(res.body.error.__type).toBe('Validation Error');
    expect(Object.keys(res.body.error).sort()).toEqual(['__type', 'issued', 'maintainer_email', 'name', 'temporal_end']);
    expect(res.body.error.name[0]).toMatch(/già usato.*«qualita-aria-2»/);
    expect((await getAction(cat, 'package_list')).body.result).toEqual(['qualita-aria']);
  });

  it('does not report a title missing when the name it would fall back to was refused', async () => {
    const res = await callAction(cat, 'package_create', { name: 'Nome Sbagliato', notes: 'x', owner_org: world.orgA.name, temporal_start: 'ieri' }, world.users.editor.token);
    expect(res.status).toBe(409);
    expect(Object.keys(res.body.error).sort()).toEqual(['__type', 'name', 'temporal_start']);
  });

  it('tells a caller who may not create no more than the schema did', async () => {
    const res = await callAction(cat, 'package_create', { name: 'qualita-aria', owner_org: world.orgA.name, ...BAD_BASIC_AND_DCAT }, world.users.otherEditor.token);
    expect(res.status).toBe(409);
    expect(Object.keys(res.body.error).sort()).toEqual(['__type', 'maintainer_email']);
  });
});

describe('package_patch and package_update', () => {
  it.each(['package_patch', 'package_update'])('%s reports every error at once and leaves the dataset as it was', async (action) => {
    const before = (await getAction(cat, 'package_show', { id: existing.id })).body.result;
    const res = await callAction(cat, action, { id: existing.id, name: 'qualita-aria', title: 'x'.repeat(501), notes: 'Misure', ...BAD_BASIC_AND_DCAT }, world.users.editor.token);
    expect(res.status).toBe(409);
    expect(Object.keys(res.body.error).sort()).toEqual(['__type', 'issued', 'maintainer_email', 'temporal_end', 'title']);
    expect((await getAction(cat, 'package_show', { id: existing.id })).body.result).toEqual(before);
  });
});
