// package_search as ckanext-harvest's CKAN harvester calls it: sort=id asc, pages of 100 with start,
// fq=(... OR ...) with organization filters and metadata_modified:[SINCE TO *].
import { PackageEntity } from '../../server/catalogue/entities';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { getAction } from '../support/factories';
import { buildWorld, seedDataset, World } from './world';
import { writerOf } from '../../server/db/transaction';

let cat: TestCatalogue;
let world: World;
const ids: string[] = [];

beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
  for (let i = 0; i < 5; i += 1) ids.push((await seedDataset(cat, world.orgA.name, { name: `a-${i}` })).id);
  ids.push((await seedDataset(cat, world.orgB.name, { name: 'b-0' })).id);
  // Two datasets last changed long ago, as an incremental harvest would skip them.
  await writerOf(cat.services.db).getRepository(PackageEntity).update({ name: 'a-0' }, { metadataModified: '2020-01-01T00:00:00.000000' });
  await writerOf(cat.services.db).getRepository(PackageEntity).update({ name: 'b-0' }, { metadataModified: '2020-01-01T00:00:00.000000' });
});
afterAll(async () => cat.close());

async function harvest(fq: string | undefined, rows: number): Promise<string[]> {
  const seen: string[] = [];
  for (let start = 0; ; start += rows) {
    const query: Record<string, string> = { rows: String(rows), start: String(start), sort: 'id asc' };
    if (fq) query.fq = fq;
    const res = await getAction(cat, 'package_search', query);
    expect(res.status).toBe(200);
    const page = res.body.result.results.map((p: { name: string }) => p.name);
    if (page.length === 0) return seen;
    seen.push(...page);
  }
}

describe('package_search for the CKAN harvester', () => {
  it('pages through everything in id order without repeats', async () => {
    const names = await harvest(undefined, 2);
    expect(names).toHaveLength(6);
    expect(new Set(names).size).toBe(6);
    const res = await getAction(cat, 'package_search', { rows: '100', sort: 'id asc' });
    const byId = res.body.result.results.map((p: { id: string }) => p.id);
    expect(byId).toEqual([...ids].sort());
  });

  it('takes only what changed since the last harvest', async () => {
    const names = await harvest('(metadata_modified:[2024-01-01T00:00:00Z TO *])', 100);
    expect(names.sort()).toEqual(['a-1', 'a-2', 'a-3', 'a-4']);
  });

  it('combines organization filters with OR, as the harvester joins them', async () => {
    const names = await harvest(`(organization:${world.orgB.name} OR metadata_modified:[2024-01-01T00:00:00Z TO *])`, 100);
    expect(names.sort()).toEqual(['a-1', 'a-2', 'a-3', 'a-4', 'b-0']);
  });

  it('excludes organizations with -organization:NAME', async () => {
    expect((await harvest(`-organization:${world.orgA.name}`, 100))).toEqual(['b-0']);
  });

  it('answers 409 on the fq field for a malformed range or date, never 500', async () => {
    for (const fq of ['metadata_modified:[ieri TO *]', '(organization:x', 'tags:[a TO b]']) {
      const res = await getAction(cat, 'package_search', { fq });
      expect(res.status).toBe(409);
      expect(res.body.error.fq[0]).toMatch(/non valid|intervalli/);
    }
  });
});
