// Patches that race: two editors patching different fields of one dataset (or resource, or organization)
// at the same moment must both keep their change; patching the same fields, the last write wins, as in
// CKAN, but the result is always one editor's whole patch, never half of each.
import { runAction } from '../../server/core/actions';
import { ActionContext } from '../../server/core/context';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, makeDataset, makeOrg, makeUser, sysadminContext } from '../support/factories';

const ROUNDS = 8;

let cat: TestCatalogue;
let org: { id: string; name: string };
let editors: [ActionContext, ActionContext];
let admins: [ActionContext, ActionContext];

async function member(role: 'editor' | 'admin'): Promise<ActionContext> {
  const user = await makeUser(cat);
  await addMember(cat, org.name, user.name, role);
  return { services: cat.services, user: user.actor };
}

beforeAll(async () => {
  cat = await startCatalogue();
  org = await makeOrg(cat);
  editors = [await member('editor'), await member('editor')];
  admins = [await member('admin'), await member('admin')];
});
afterAll(async () => cat?.close());

const show = async (action: string, id: string) => runAction(action, await sysadminContext(cat), { id });

describe('package_patch at the same moment', () => {
  it('keeps both changes when two editors patch different fields', async () => {
    const dataset = await makeDataset(cat, org.name, { resources: [{ url: 'https://example.org/a.csv' }] });
    for (let round = 0; round < ROUNDS; round += 1) {
      await Promise.all([
        runAction('package_patch', editors[0], { id: dataset.id, title: `Titolo ${round}` }),
        runAction('package_patch', editors[1], { id: dataset.id, notes: `Descrizione ${round}`, tags: [{ name: `giro-${round}` }] }),
      ]);
      const shown = await show('package_show', dataset.id);
      expect([shown.title, shown.notes, shown.tags.map((t: { name: string }) => t.name)]).toEqual([`Titolo ${round}`, `Descrizione ${round}`, [`giro-${round}`]]);
      expect(shown.num_resources).toBe(1);
    }
  });

  it('lets the last of two patches of the same fields win whole', async () => {
    const dataset = await makeDataset(cat, org.name);
    for (let round = 0; round < ROUNDS; round += 1) {
      await Promise.all(editors.map((editor, i) =>
        runAction('package_patch', editor, { id: dataset.id, title: `T${i}-${round}`, notes: `N${i}-${round}`, tags: [{ name: `tag${i}-${round}` }] })));
      const shown = await show('package_show', dataset.id);
      const winner = shown.title.slice(1, 2);
      expect([shown.title, shown.notes, shown.tags.map((t: { name: string }) => t.name)])
        .toEqual([`T${winner}-${round}`, `N${winner}-${round}`, [`tag${winner}-${round}`]]);
    }
  });
});

describe('resource_patch at the same moment', () => {
  it('keeps both changes when two editors patch different fields of one resource', async () => {
    const dataset = await makeDataset(cat, org.name, { resources: [{ url: 'https://example.org/r.csv', name: 'Risorsa' }] });
    const id = dataset.resources[0].id;
    for (let round = 0; round < ROUNDS; round += 1) {
      await Promise.all([
        runAction('resource_patch', editors[0], { id, name: `Nome ${round}` }),
        runAction('resource_patch', editors[1], { id, description: `Descrizione ${round}` }),
      ]);
      const shown = await show('resource_show', id);
      expect([shown.name, shown.description]).toEqual([`Nome ${round}`, `Descrizione ${round}`]);
    }
  });
});

describe('organization_patch at the same moment', () => {
  it('keeps both changes when two admins patch different fields', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      await Promise.all([
        runAction('organization_patch', admins[0], { id: org.id, title: `Ente ${round}` }),
        runAction('organization_patch', admins[1], { id: org.id, description: `Chi siamo ${round}` }),
      ]);
      const shown = await show('organization_show', org.id);
      expect([shown.title, shown.description]).toEqual([`Ente ${round}`, `Chi siamo ${round}`]);
    }
  });
});
