// Presented datasets are kept in memory (server/catalogue/dataset-cache.ts), yet every change shows at
// once: in the instance that made it and in another instance sharing the database.
import { runAction } from '../../server/core/actions';
import { ActionContext, Services } from '../../server/core/context';
import { closeServices, createServices } from '../../server/services';
import { databaseKind, startCatalogue, TestCatalogue } from '../support/harness';
import { makeDataset, makeOrg, sysadminContext, unique } from '../support/factories';
import { siteUser } from '../../server/seed/site-user';

let cat: TestCatalogue;
let other: Services;
let here: ActionContext;
let there: ActionContext;

beforeAll(async () => {
  cat = await startCatalogue();
  // A second app instance on the same database, with a memory of its own.
  other = await createServices(cat.config);
  here = await sysadminContext(cat);
  there = { services: other, user: await siteUser(other) };
});
afterAll(async () => {
  await closeServices(other);
  await cat.close();
});

const show = (ctx: ActionContext, id: string) => runAction('package_show', ctx, { id });
const anonymous = (ctx: ActionContext): ActionContext => ({ services: ctx.services, user: null });

describe(`cached datasets (${databaseKind})`, () => {
  let org: { id: string; name: string };
  let dataset: { id: string; name: string };

  beforeAll(async () => {
    org = await makeOrg(cat, { title: 'Ente prima' });
    dataset = await makeDataset(cat, org.name, { resources: [{ name: 'Primo', url: 'https://example.org/a.csv' }] });
  });

  /** Reads the dataset in both instances, so that each keeps it, and checks they agree. */
  async function readBoth(): Promise<Record<string, any>> {
    const a = await show(anonymous(here), dataset.id);
    const b = await show(anonymous(there), dataset.id);
    expect(b).toEqual(a);
    return a;
  }

  it('show a change of the dataset made by another instance', async () => {
    await readBoth();
    await runAction('package_patch', there, { id: dataset.id, title: 'Titolo nuovo' });
    expect((await readBoth()).title).toBe('Titolo nuovo');
  });

  it('show a resource added, renamed or deleted, whichever instance did it', async () => {
    await readBoth();
    const added = await runAction('resource_create', here, { package_id: dataset.id, name: 'Secondo', url: 'https://example.org/b.json' });
    expect((await readBoth()).resources.map((r: { name: string }) => r.name)).toEqual(['Primo', 'Secondo']);
    await runAction('resource_patch', there, { id: added.id, name: 'Secondo, rinominato' });
    expect((await readBoth()).resources.map((r: { name: string }) => r.name)).toEqual(['Primo', 'Secondo, rinominato']);
    await runAction('resource_delete', here, { id: added.id });
    expect((await readBoth()).resources.map((r: { name: string }) => r.name)).toEqual(['Primo']);
  });

  it('show a change of the organization, which does not touch the dataset row', async () => {
    const before = await readBoth();
    expect(before.organization.title).toBe('Ente prima');
    await runAction('organization_patch', there, { id: org.id, title: 'Ente dopo' });
    const after = await readBoth();
    expect(after.organization.title).toBe('Ente dopo');
    expect(after.publisher_name).toBe('Ente dopo');
    expect(after.metadata_modified).toBe(before.metadata_modified);
  });

  it('show a deleted dataset as gone', async () => {
    const doomed = await makeDataset(cat, org.name);
    await show(anonymous(here), doomed.id);
    await runAction('package_delete', there, { id: doomed.id });
    await expect(show(anonymous(here), doomed.id)).rejects.toThrow(/non trovato/);
    expect((await show(here, doomed.id)).state).toBe('deleted');
  });

  it('hand out frozen dicts, so that no caller can change what the next one gets', async () => {
    const dict = await show(anonymous(here), dataset.id);
    expect(Object.isFrozen(dict)).toBe(true);
    expect(() => { dict.title = 'cambiato'; }).toThrow(TypeError);
    expect(() => { dict.resources[0].name = 'cambiato'; }).toThrow(TypeError);
    expect((await show(anonymous(here), dataset.id)).title).toBe('Titolo nuovo');
  });

  it('are presented the same as a fresh load', async () => {
    const fresh = await makeDataset(cat, org.name, { name: unique('fresco'), tags: [{ name: 'Zeta' }, { name: 'alfa' }] });
    const first = await show(anonymous(here), fresh.id);
    const kept = await show(anonymous(here), fresh.id);
    expect(kept).toBe(first);
    expect(await show(anonymous(there), fresh.id)).toEqual(first);
  });
});
