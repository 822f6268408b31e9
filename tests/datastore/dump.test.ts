// Dumps at /datastore/dump/ID in CSV, TSV, JSON and XML, parsed back; CKAN's parameters; visibility.
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { CITIES, CITY_FIELDS, cityTable, DatastoreWorld, makeWorld } from './support';

let cat: TestCatalogue;
let world: DatastoreWorld;
let cities: string;

beforeAll(async () => {
  cat = await startCatalogue();
  world = await makeWorld(cat);
  cities = await cityTable(cat, world.editor.token, world.publicDataset.id);
});
afterAll(async () => cat.close());

const dump = (id: string, query: Record<string, string> = {}, token?: string) => {
  const req = request(cat.app).get(`/datastore/dump/${id}`).query(query).buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  });
  if (token) req.set('Authorization', token);
  return req;
};

const HEADER = ['_id', ...CITY_FIELDS.map((f) => f.id)];

function decodeXml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
}

describe('dump formats', () => {
  it('streams CSV with a header, every row, and the charset', async () => {
    const res = await dump(cities);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${cities}.csv"`);
    const rows = parse(res.body as string) as string[][];
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1).map((r) => r[1])).toEqual(CITIES.map((c) => c.città));
    expect(rows[1]).toEqual(['1', 'Firenze', '360930', '102.32', 'true', '0059-01-01', '2024-01-01T10:00:00', '{"sigla":"FI"}']);
  });

  it('starts with a BOM when asked', async () => {
    const res = await dump(cities, { bom: 'true' });
    expect((res.body as string).charCodeAt(0)).toBe(0xfeff);
    expect((await dump(cities)).body.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('streams TSV', async () => {
    const res = await dump(cities, { format: 'tsv' });
    expect(res.headers['content-type']).toBe('text/tab-separated-values; charset=utf-8');
    const rows = parse(res.body as string, { delimiter: '\t' }) as string[][];
    expect(rows[0]).toEqual(HEADER);
    expect(rows[5][1]).toBe(CITIES[4].città);
  });

  it('streams JSON: fields and records as lists, as CKAN', async () => {
    const res = await dump(cities, { format: 'json' });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(res.body as string);
    expect(body.fields).toEqual([{ id: '_id', type: 'int' }, ...CITY_FIELDS]);
    expect(body.records).toEqual(CITIES.map((c, i) => [i + 1, ...CITY_FIELDS.map((f) => (c as Record<string, unknown>)[f.id])]));
  });

  it('streams XML, one row element per record', async () => {
    const res = await dump(cities, { format: 'xml', fields: 'città,abitanti' });
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    const text = res.body as string;
    expect(text.startsWith('<data>')).toBe(true);
    const rows = [...text.matchAll(/<row>(.*?)<\/row>/g)].map((m) => [...m[1].matchAll(/<value key="([^"]*)">(.*?)<\/value>|<(\w+)>(.*?)<\/\3>/g)]
      .map((c) => [decodeXml(c[1] ?? c[3]), decodeXml(c[2] ?? c[4])]));
    expect(rows).toEqual(CITIES.map((c) => [['città', c.città], ['abitanti', String(c.abitanti)]]));
  });

  it('takes CKAN\'s q, filters, fields, sort, limit and offset', async () => {
    const res = await dump(cities, { fields: 'città', sort: 'abitanti desc', limit: '2', offset: '1' });
    expect(parse(res.body as string)).toEqual([['città'], ['Prato'], ['Lucca']]);
    const q = await dump(cities, { q: 'fiorentino', fields: 'città' });
    expect(parse(q.body as string)).toEqual([['città'], ['Sesto Fiorentino']]);
    const filtered = await dump(cities, { filters: '{"capoluogo": false}', fields: 'città', format: 'json' });
    expect(JSON.parse(filtered.body as string).records).toEqual([['Sesto Fiorentino']]);
  });

  it('dumps a large table whole, in order', async () => {
    const created = await request(cat.app).post('/api/3/action/datastore_create').set('Authorization', world.editor.token)
      .send({ resource: { package_id: world.publicDataset.id }, fields: [{ id: 'n', type: 'int' }, { id: 'testo', type: 'text' }] });
    const id = created.body.result.resource_id;
    const load = await cat.services.datastore.beginLoad(id, [{ id: 'n', type: 'int' }, { id: 'testo', type: 'text' }]);
    for (let batch = 0; batch < 6; batch++) await load.append(Array.from({ length: 5000 }, (_, i) => [batch * 5000 + i, `riga ${batch * 5000 + i} "citata", à`]));
    await load.commit();
    const rows = parse((await dump(id)).body as string) as string[][];
    expect(rows).toHaveLength(30001);
    expect(rows[30000]).toEqual(['30000', '29999', 'riga 29999 "citata", à']);
  });
});

describe('dump errors and visibility', () => {
  it('answers 404 for a private dataset\'s table to anonymous callers and outsiders, 200 to its editor', async () => {
    const hidden = await cityTable(cat, world.editor.token, world.privateDataset.id);
    expect((await dump(hidden)).status).toBe(404);
    expect((await dump(hidden, {}, world.outsider.token)).status).toBe(404);
    const editor = await dump(hidden, {}, world.editor.token);
    expect(editor.status).toBe(200);
    expect(editor.headers['cache-control']).toBe('private, no-cache');
  });

  it('answers 404 for a resource without a table, 409 for a bad format or field', async () => {
    expect((await dump('nessuna')).status).toBe(404);
    expect((await dump(cities, { format: 'xlsx' })).status).toBe(409);
    expect((await dump(cities, { fields: 'colore' })).status).toBe(409);
    expect((await dump(cities, { limit: '-1' })).status).toBe(409);
    expect((await dump(cities, { filters: '{"abitanti": "molti"}' })).status).toBe(409);
  });
});
