// datastore_search with every parameter, CKAN's answer, paging by _links.next and by the keyset cursor,
// records_format, bad input (409) and visibility (404).
import { callAction, getAction } from '../support/factories';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { CITIES, CITY_FIELDS, cityTable, DatastoreWorld, makeWorld } from './support';

let cat: TestCatalogue;
let world: DatastoreWorld;
let cities: string;
let big: string;
const BIG_ROWS = 230;

beforeAll(async () => {
  cat = await startCatalogue();
  world = await makeWorld(cat);
  cities = await cityTable(cat, world.editor.token, world.publicDataset.id);
  const created = await callAction(cat, 'datastore_create', { resource: { package_id: world.publicDataset.id }, fields: [{ id: 'n', type: 'int' }, { id: 'pari', type: 'bool' }] }, world.editor.token);
  big = created.body.result.resource_id;
  const load = await cat.services.datastore.beginLoad(big, [{ id: 'n', type: 'int' }, { id: 'pari', type: 'bool' }]);
  await load.append(Array.from({ length: BIG_ROWS }, (_, i) => [i + 1, (i + 1) % 2 === 0]));
  await load.commit();
});
afterAll(async () => cat.close());

async function search(input: Record<string, unknown>, token?: string) {
  return callAction(cat, 'datastore_search', { resource_id: cities, ...input }, token);
}

async function names(input: Record<string, unknown>): Promise<string[]> {
  const res = await search(input);
  expect(res.status).toBe(200);
  return res.body.result.records.map((r: { città: string }) => r.città);
}

describe('datastore_search answers as CKAN', () => {
  it('returns fields with types, typed records, total, limit and _links', async () => {
    const res = await search({});
    expect(res.status).toBe(200);
    const r = res.body.result;
    expect(r.fields).toEqual([{ id: '_id', type: 'int' }, ...CITY_FIELDS]);
    expect(r.records[0]).toEqual({ _id: 1, ...CITIES[0] });
    expect(r.records.map((x: { città: string }) => x.città)).toEqual(CITIES.map((c) => c.città));
    expect(r).toMatchObject({ total: CITIES.length, limit: 100, offset: 0, records_format: 'objects', include_total: true, resource_id: cities });
    expect(r._links).toEqual({ start: `/api/3/action/datastore_search?resource_id=${cities}`, next: `/api/3/action/datastore_search?offset=100&resource_id=${cities}` });
  });

  it('filters by a value or a list of values, also sent as JSON text in a GET', async () => {
    expect(await names({ filters: { capoluogo: false } })).toEqual(['Sesto Fiorentino']);
    expect(await names({ filters: { città: ['Lucca', 'Prato', 'Atlantide'] } })).toEqual(['Prato', 'Lucca']);
    expect(await names({ filters: { abitanti: '89046' } })).toEqual(['Lucca']);
    const get = await getAction(cat, 'datastore_search', { resource_id: cities, filters: '{"città": "Firenze"}' });
    expect(get.body.result.records.map((r: { abitanti: number }) => r.abitanti)).toEqual([360930]);
  });

  it('searches words over the whole row, case and accents as written, or per field', async () => {
    expect(await names({ q: 'fiorentino' })).toEqual(['Sesto Fiorentino']);
    expect(await names({ q: 'FIRENZE' })).toEqual(['Firenze']);
    expect(await names({ q: '"storica"' })).toEqual(["L'Aquila \"storica\", città"]);
    expect(await names({ q: 'città' })).toEqual(["L'Aquila \"storica\", città"]);
    expect(await names({ q: '195213' })).toEqual(['Prato']);
    expect(await names({ q: { città: 'sesto' } })).toEqual(['Sesto Fiorentino']);
    expect(await names({ q: { città: 'ato' } })).toEqual(['Prato']);
  });

  it('chooses fields, distinct rows and the sort order', async () => {
    const chosen = await search({ fields: ['città', 'abitanti'], sort: 'abitanti desc', limit: 2 });
    expect(chosen.body.result.fields).toEqual([{ id: 'città', type: 'text' }, { id: 'abitanti', type: 'int' }]);
    expect(chosen.body.result.records).toEqual([{ città: 'Firenze', abitanti: 360930 }, { città: 'Prato', abitanti: 195213 }]);
    const distinct = await search({ fields: 'capoluogo', distinct: true, sort: 'capoluogo' });
    expect(distinct.body.result.records).toEqual([{ capoluogo: false }, { capoluogo: true }]);
    expect(distinct.body.result.total).toBe(2);
    expect(await names({ sort: 'capoluogo asc, superficie desc' })).toEqual(['Sesto Fiorentino', "L'Aquila \"storica\", città", 'Lucca', 'Firenze', 'Prato']);
    expect(await names({ sort: '"città" desc', limit: 1 })).toEqual(['Sesto Fiorentino']);
  });

  it('pages with limit and offset, and counts only when asked', async () => {
    expect(await names({ limit: 2, offset: 3 })).toEqual(['Lucca', "L'Aquila \"storica\", città"]);
    const noTotal = await search({ include_total: false, limit: 1 });
    expect(noTotal.body.result.total).toBeUndefined();
    const capped = await search({ limit: 1_000_000 });
    expect(capped.body.result.limit).toBe(32000);
  });

  it('gives records as lists, CSV or TSV', async () => {
    const lists = await search({ records_format: 'lists', fields: 'città,abitanti,extra', limit: 1 });
    expect(lists.body.result.records).toEqual([['Firenze', 360930, { sigla: 'FI' }]]);
    const csv = await search({ records_format: 'csv', fields: 'città,abitanti', filters: { città: ["L'Aquila \"storica\", città", 'Prato'] } });
    expect(csv.body.result.records).toBe('Prato,195213\n"L\'Aquila ""storica"", città",69439\n');
    const tsv = await search({ records_format: 'tsv', fields: 'città,capoluogo', limit: 2 });
    expect(tsv.body.result.records).toBe('Firenze\ttrue\nPrato\ttrue\n');
  });
});

describe('paging through a whole table', () => {
  it('follows _links.next to the end', async () => {
    const seen: number[] = [];
    let link = `/api/3/action/datastore_search?resource_id=${big}&limit=40`;
    for (let page = 0; page < 20; page++) {
      const query = Object.fromEntries(new URL(link, 'http://catalogo.test').searchParams);
      const body = (await getAction(cat, 'datastore_search', query)).body.result;
      if (body.records.length === 0) break;
      seen.push(...body.records.map((r: { n: number }) => r.n));
      link = body._links.next;
    }
    expect(seen).toEqual(Array.from({ length: BIG_ROWS }, (_, i) => i + 1));
  });

  it('follows the keyset cursor to the end, with filters', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res = await callAction(cat, 'datastore_search', { resource_id: big, limit: 25, filters: { pari: true }, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...res.body.result.records.map((r: { n: number }) => r.n));
      cursor = res.body.result.next_page;
      if (!cursor) break;
    }
    expect(seen).toEqual(Array.from({ length: BIG_ROWS / 2 }, (_, i) => (i + 1) * 2));
  });

  it('refuses a cursor that is not one, or with another order', async () => {
    const bad = await callAction(cat, 'datastore_search', { resource_id: big, cursor: 'non-un-cursore' });
    expect(bad.status).toBe(409);
    const first = await callAction(cat, 'datastore_search', { resource_id: big, limit: 5 });
    const sorted = await callAction(cat, 'datastore_search', { resource_id: big, sort: 'n desc', cursor: first.body.result.next_page });
    expect(sorted.status).toBe(409);
    expect(sorted.body.error.cursor).toBeDefined();
  });
});

describe('during a whole-table load', () => {
  it('searches see the old table until commit; an abort leaves it', async () => {
    const fields = [{ id: 'n', type: 'int' as const }, { id: 'pari', type: 'bool' as const }];
    const load = await cat.services.datastore.beginLoad(big, fields);
    await load.append([[-1, false]]);
    const during = await callAction(cat, 'datastore_search', { resource_id: big, limit: 1 });
    expect([during.body.result.total, during.body.result.records[0].n]).toEqual([BIG_ROWS, 1]);
    await load.abort();
    const after = await callAction(cat, 'datastore_search', { resource_id: big, limit: 1 });
    expect([after.body.result.total, after.body.result.records[0].n]).toEqual([BIG_ROWS, 1]);
  });
});

describe('bad input and visibility', () => {
  it('refuses unknown fields in filters, q, fields, sort and distinct with 409 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ filters: { colore: 'rosso' } }, 'filters'], [{ q: { colore: 'rosso' } }, 'q'], [{ fields: 'città,colore' }, 'fields'],
      [{ sort: 'colore desc' }, 'sort'], [{ sort: 'città; DROP TABLE x' }, 'sort'], [{ filters: '{non json' }, 'filters'],
      [{ distinct: true, fields: 'città', sort: 'abitanti' }, 'sort'],
    ];
    for (const [input, field] of cases) {
      const res = await search(input);
      expect([res.status, res.body.error?.[field]?.[0]]).toEqual([409, expect.stringMatching(field === 'filters' && typeof input.filters === 'string' ? /JSON/ : /colore|campi|città;/)]);
    }
  });

  it('refuses a bad limit, offset or value with 409, never 500', async () => {
    for (const input of [{ limit: -1 }, { offset: -5 }, { limit: 'molti' }, { records_format: 'xml' }, { filters: { abitanti: 'molti' } }, { filters: { fondata: 'ieri' } }]) {
      const res = await search(input);
      expect({ input, status: res.status }).toEqual({ input, status: 409 });
    }
  });

  it('does not find a table of a private dataset for anonymous or outsiders, and finds it for members', async () => {
    const hidden = await cityTable(cat, world.editor.token, world.privateDataset.id);
    expect((await callAction(cat, 'datastore_search', { resource_id: hidden })).status).toBe(404);
    expect((await callAction(cat, 'datastore_search', { resource_id: hidden }, world.outsider.token)).status).toBe(404);
    expect((await callAction(cat, 'datastore_info', { id: hidden })).status).toBe(404);
    const editor = await callAction(cat, 'datastore_search', { resource_id: hidden }, world.editor.token);
    expect(editor.body.result.total).toBe(CITIES.length);
    expect((await callAction(cat, 'datastore_search', { resource_id: 'nessuna' })).status).toBe(404);
  });
});
