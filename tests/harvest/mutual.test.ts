// Issue 10's "Done when": two portals on one machine harvest each other, A reading B as a `ckan` source
// and B reading A's DCAT-AP_IT feed as a `dcat_rdf` source. Nothing is lost (ids, titles, resources), each
// portal skips its own datasets coming back through the other, a second round changes nothing (0 added,
// 0 updated, 0 deleted, metadata_modified as it was), and both feeds still pass every shape.
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { ActionContext } from '../../server/core/context';
import { makeDataset, makeOrg, sysadminContext, unique } from '../support/factories';
import { toNTriples } from '../support/rdf';
import { describeViolations, ShapeSet, violationsOf } from '../support/shacl';
import { stopRunners } from '../jobs/support';
import { harvestNow, RemotePortal, startHarvestingRemote } from './support';

// The full sets are run on harvested datasets in harvested-datasets.test.ts; here the national profile and DCAT-AP 3's base.
const SHAPES: ShapeSet[] = ['dcat-ap-3.0.1-base', 'dcat-ap_it'];

let a: RemotePortal;
let b: RemotePortal;
let ctxA: ActionContext;
let ctxB: ActionContext;
let sourceOfA: string;
let sourceOfB: string;
const own: Record<'a' | 'b', any[]> = { a: [], b: [] };

beforeAll(async () => {
  [a, b] = [await startHarvestingRemote(), await startHarvestingRemote()];
  [ctxA, ctxB] = [await sysadminContext(a.cat), await sysadminContext(b.cat)];
  const [orgA, orgB] = [await makeOrg(a.cat, { title: 'Comune A' }), await makeOrg(b.cat, { title: 'Comune B' })];
  for (const [portal, org, key] of [[a, orgA, 'a'], [b, orgB, 'b']] as const) {
    for (const n of [1, 2]) {
      own[key].push(await makeDataset(portal.cat, org.name, {
        name: unique(`${key}${n}`), title: `Dataset ${key}${n}`, notes: `Il dataset ${n} del portale ${key.toUpperCase()}`,
        theme: 'ENVI', frequency: 'ANNUAL', tags: [{ name: `tag-${key}` }],
        resources: [{ url: `https://example.org/${key}${n}.csv`, name: `File ${key}${n}`, format: 'CSV' }],
      }));
    }
  }
  sourceOfA = (await runAction<{ id: string }>('harvest_source_create', ctxA, {
    name: unique('b-ckan'), url: b.url, source_type: 'ckan', owner_org: orgA.name,
  })).id;
  sourceOfB = (await runAction<{ id: string }>('harvest_source_create', ctxB, {
    name: unique('a-dcat'), url: `${a.url}/catalog.ttl`, source_type: 'dcat_rdf', owner_org: orgB.name,
  })).id;
}, 90_000);

afterAll(async () => {
  await stopRunners();
  await a.close();
  await b.close();
});

async function everything(ctx: ActionContext): Promise<any[]> {
  return (await runAction<any>('package_search', ctx, { q: '*:*', rows: 100, sort: 'name asc' })).results;
}

const byTitle = (datasets: any[], title: string) => datasets.find((d) => d.title === title);

it('A harvests B (ckan) and B harvests A (dcat_rdf): every dataset arrives with its resources, own datasets are not copied back', async () => {
  expect((await harvestNow(a.cat, sourceOfA)).stats).toEqual({ added: 2, updated: 0, deleted: 0, errored: 0 });
  const job = await harvestNow(b.cat, sourceOfB);
  // A's feed lists its own two and its copies of B's: the copies are B's own datasets, skipped.
  expect(job).toMatchObject({ stats: { added: 2, updated: 0, deleted: 0, errored: 0 }, gather_errors: [] });
  const [inA, inB] = [await everything(ctxA), await everything(ctxB)];
  expect(inA.map((d) => d.title).sort()).toEqual(['Dataset a1', 'Dataset a2', 'Dataset b1', 'Dataset b2']);
  expect(inB.map((d) => d.title).sort()).toEqual(['Dataset a1', 'Dataset a2', 'Dataset b1', 'Dataset b2']);
  for (const original of own.b) {
    const copy = byTitle(inA, original.title);
    expect(copy).toMatchObject({ id: original.id, name: original.name, notes: original.notes, tags: [expect.objectContaining({ name: 'tag-b' })] });
    expect(copy.resources.map((r: any) => [r.url, r.name, r.format])).toEqual(original.resources.map((r: any) => [r.url, r.name, r.format]));
    expect(JSON.parse(copy.theme)).toEqual([{ theme: 'ENVI', subthemes: [] }]);
  }
  for (const original of own.a) {
    const copy = byTitle(inB, original.title);
    expect(copy).toMatchObject({ notes: original.notes, frequency: 'ANNUAL', identifier: original.identifier, tags: [expect.objectContaining({ name: 'tag-a' })] });
    expect(copy.resources.map((r: any) => r.download_url || r.url)).toEqual(original.resources.map((r: any) => r.url));
    expect(JSON.parse(copy.theme).map((t: any) => t.theme)).toEqual(['ENVI']);
  }
}, 90_000);

it('a second round in both directions changes nothing', async () => {
  const before = [...(await everything(ctxA)), ...(await everything(ctxB))].map((d) => [d.id, d.metadata_modified]);
  expect((await harvestNow(a.cat, sourceOfA)).stats).toEqual({ added: 0, updated: 0, deleted: 0, errored: 0 });
  expect((await harvestNow(b.cat, sourceOfB)).stats).toEqual({ added: 0, updated: 0, deleted: 0, errored: 0 });
  const after = [...(await everything(ctxA)), ...(await everything(ctxB))].map((d) => [d.id, d.metadata_modified]);
  expect(after).toEqual(before);
}, 90_000);

it('both feeds, with their harvested datasets, pass every shape', async () => {
  for (const portal of [a, b]) {
    const feed = await request(portal.cat.app).get('/catalog.ttl').expect(200);
    const triples = await toNTriples(feed.text, 'turtle');
    expect(describeViolations(await violationsOf(triples, SHAPES))).toBe(describeViolations([]));
  }
}, 90_000);
