// package_search: q, fq on CKAN's fields, rows/start/sort, facets in CKAN's shape.
import { randomUUID } from 'node:crypto';
import { PackageEntity } from '../../server/catalogue/entities';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction, makeOrg } from '../support/factories';
import { buildWorld, seedDataset, World } from './world';
import { writerOf } from '../../server/db/transaction';

let cat: TestCatalogue;
let world: World;
const search = async (query: Record<string, string>) => {
  const res = await getAction(cat, 'package_search', query);
  expect(res.status).toBe(200);
  return res.body.result;
};
const names = (r: any) => r.results.map((p: any) => p.name);

beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
  await callAction(cat, 'group_create', { name: 'trasporti', title: 'Trasporti' }, world.users.sysadmin.token);
  const A = world.orgA.name;
  const B = world.orgB.name;
  await seedDataset(cat, A, { name: 's-autobus', title: 'Fermate autobus', tags: [{ name: 'mobilita' }], groups: [{ name: 'trasporti' }], resources: [{ url: 'https://e.org/f.csv', format: 'CSV' }] });
  await seedDataset(cat, A, { name: 's-treni', title: 'Orari treni', tags: [{ name: 'mobilita' }, { name: 'orari' }], license_id: 'CC0-1.0', resources: [{ url: 'https://e.org/t.json', format: 'JSON' }] });
  await seedDataset(cat, B, { name: 's-bilancio', title: 'Bilancio comunale', notes: 'Spese per autobus', tags: [{ name: 'bilancio' }], resources: [{ url: 'https://e.org/b.csv', format: 'csv' }] });
});
afterAll(async () => cat.close());

describe('package_search', () => {
  it('finds words in title, notes and tags, case-insensitively', async () => {
    expect(names(await search({ q: 'AUTOBUS', sort: 'name asc' }))).toEqual(['s-autobus', 's-bilancio']);
    expect(names(await search({ q: 'orari' }))).toEqual(['s-treni']);
  });

  it.each([
    ['organization', () => `organization:${world.orgB.name}`, ['s-bilancio']],
    ['tags', () => 'tags:mobilita', ['s-autobus', 's-treni']],
    ['groups', () => 'groups:trasporti', ['s-autobus']],
    ['res_format', () => 'res_format:CSV', ['s-autobus', 's-bilancio']],
    ['license_id', () => 'license_id:CC0-1.0', ['s-treni']],
    ['two filters', () => `tags:mobilita organization:${world.orgA.name} -res_format:JSON`, ['s-autobus']],
  ])('filters on %s with fq', async (_f, fq, expected) => {
    expect(names(await search({ fq: fq(), sort: 'name asc' }))).toEqual(expected);
  });

  it('sorts, pages with start, and counts everything', async () => {
    const all = await search({ sort: 'name desc' });
    expect(names(all)).toEqual(['s-treni', 's-bilancio', 's-autobus']);
    const page = await search({ sort: 'name desc', rows: '1', start: '1' });
    expect({ count: page.count, names: names(page) }).toEqual({ count: 3, names: ['s-bilancio'] });
    expect(names(await search({ sort: 'title_string asc' }))).toEqual(['s-bilancio', 's-autobus', 's-treni']);
  });

  it('counts with rows=0 and past the last page, where no row carries the total', async () => {
    const countOnly = await search({ rows: '0', q: 'autobus' });
    expect({ count: countOnly.count, results: countOnly.results }).toEqual({ count: 2, results: [] });
    const pastEnd = await search({ start: '50', q: 'autobus' });
    expect({ count: pastEnd.count, results: pastEnd.results }).toEqual({ count: 2, results: [] });
  });

  it("returns facets and search_facets in CKAN's shape", async () => {
    const r = await search({ 'facet.field': '["organization","tags","res_format","license_id","groups"]' });
    expect(r.search_facets.tags).toEqual({
      title: 'tags',
      items: [
        { name: 'mobilita', display_name: 'mobilita', count: 2 },
        { name: 'bilancio', display_name: 'bilancio', count: 1 },
        { name: 'orari', display_name: 'orari', count: 1 },
      ],
    });
    expect(r.search_facets.res_format.items).toEqual([
      { name: 'CSV', display_name: 'CSV', count: 2 }, { name: 'JSON', display_name: 'JSON', count: 1 },
    ]);
    expect(r.search_facets.organization.items).toEqual([
      { name: world.orgA.name, display_name: 'Ente di prova', count: 2 }, { name: world.orgB.name, display_name: 'Ente di prova', count: 1 },
    ]);
    expect(r.search_facets.groups.items).toEqual([{ name: 'trasporti', display_name: 'Trasporti', count: 1 }]);
    expect(r.facets.license_id).toEqual({ 'CC-BY-4.0': 2, 'CC0-1.0': 1 });
  });
});

describe('rows', () => {
  let org: { id: string; name: string };
  beforeAll(async () => {
    // 1001 public datasets written straight to the table: enough to test the cap, quickly.
    org = await makeOrg(cat);
    const now = new Date().toISOString().replace('Z', '');
    const rows = Array.from({ length: 1001 }, (_, i) => ({
      id: randomUUID(), name: `massa-${String(i).padStart(4, '0')}`, title: `Massa ${i}`, ownerOrg: org.id, metadataCreated: now, metadataModified: now,
    }));
    for (let i = 0; i < rows.length; i += 100) await writerOf(cat.services.db).getRepository(PackageEntity).insert(rows.slice(i, i + 100));
  });

  it('defaults to 10 and is capped at 1000', async () => {
    const fq = `organization:${org.name}`;
    const byDefault = await search({ fq });
    expect({ count: byDefault.count, rows: byDefault.results.length }).toEqual({ count: 1001, rows: 10 });
    const capped = await search({ fq, rows: '5000' });
    expect(capped.results.length).toBe(1000);
    expect((await search({ fq, rows: '5000', start: '1000' })).results.length).toBe(1);
  });
});
