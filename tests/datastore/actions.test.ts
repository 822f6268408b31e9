// datastore_create, datastore_upsert, datastore_delete and datastore_info through the API, with CKAN's
// shapes, rights and errors; datastore_active in package_show.
import { runAction } from '../../server/core/actions';
import { tableIndexes } from '../../server/datastore/indexes';
import { callAction, getAction, makeDataset, sysadminContext } from '../support/factories';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { CITIES, CITY_FIELDS, cityTable, DatastoreWorld, makeWorld } from './support';

let cat: TestCatalogue;
let world: DatastoreWorld;
beforeAll(async () => {
  cat = await startCatalogue();
  world = await makeWorld(cat);
});
afterAll(async () => cat.close());

async function search(resourceId: string, extra: Record<string, unknown> = {}, token?: string) {
  return callAction(cat, 'datastore_search', { resource_id: resourceId, ...extra }, token);
}

describe('datastore_create', () => {
  it('creates a resource and its table, and the dataset shows datastore_active', async () => {
    const before = (await getAction(cat, 'package_show', { id: world.publicDataset.id })).body.result;
    const id = await cityTable(cat, world.editor.token, world.publicDataset.id);
    const pkg = (await getAction(cat, 'package_show', { id: world.publicDataset.id })).body.result;
    const resource = pkg.resources.find((r: { id: string }) => r.id === id);
    expect(resource.datastore_active).toBe(true);
    expect(resource.url_type).toBe('datastore');
    expect(resource.url).toBe(`http://catalogo.test/datastore/dump/${id}`);
    expect(pkg.metadata_modified > before.metadata_modified).toBe(true);
    const shown = await getAction(cat, 'resource_show', { id });
    expect(shown.body.result.datastore_active).toBe(true);
  });

  it('answers CKAN\'s shape and adds fields to an existing table', async () => {
    const id = await cityTable(cat, world.editor.token, world.publicDataset.id);
    const res = await callAction(cat, 'datastore_create', { resource_id: id, fields: [{ id: 'provincia', type: 'text', info: { label: 'Provincia' } }], records: [{ città: 'Pistoia', provincia: 'PT' }] }, world.editor.token);
    expect(res.status).toBe(200);
    expect(res.body.result.resource_id).toBe(id);
    expect(res.body.result.primary_key).toEqual(['città']);
    expect(res.body.result.fields.map((f: { id: string }) => f.id)).toEqual([...CITY_FIELDS.map((f) => f.id), 'provincia']);
    const found = await search(id, { filters: { città: 'Pistoia' } });
    expect(found.body.result.records).toEqual([expect.objectContaining({ città: 'Pistoia', provincia: 'PT', abitanti: null })]);
  });

  it('refuses a resource whose data come from a file without force, as CKAN', async () => {
    const link = await callAction(cat, 'resource_create', { package_id: world.publicDataset.id, url: 'http://example.it/a.csv', name: 'A' }, world.editor.token);
    const id = link.body.result.id;
    const refused = await callAction(cat, 'datastore_create', { resource_id: id, fields: [{ id: 'a', type: 'int' }] }, world.editor.token);
    expect(refused.status).toBe(409);
    expect(refused.body.error['read-only']).toBeDefined();
    const forced = await callAction(cat, 'datastore_create', { resource_id: id, force: true, fields: [{ id: 'a', type: 'int' }], records: [{ a: 1 }] }, world.editor.token);
    expect(forced.status).toBe(200);
    expect((await getAction(cat, 'resource_show', { id })).body.result.datastore_active).toBe(true);
  });

  it('refuses bad input with 409 and names the field', async () => {
    const id = await cityTable(cat, world.editor.token, world.publicDataset.id);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ fields: [{ id: '_nascosto', type: 'text' }] }, /_nascosto/],
      [{ fields: [{ id: 'x', type: 'money' }] }, /Tipo non valido/],
      [{ records: [{ abitanti: 'molti' }] }, /abitanti/],
      [{ records: [{ sconosciuto: 1 }] }, /sconosciuto/],
      [{ fields: [{ id: 'abitanti', type: 'text' }] }, /abitanti/],
      [{ primary_key: ['nessuno'] }, /nessuno/],
      [{ records: [{ città: 'Firenze' }] }, /Chiave duplicata/],
    ];
    for (const [input, message] of cases) {
      const res = await callAction(cat, 'datastore_create', { resource_id: id, ...input }, world.editor.token);
      expect([res.status, JSON.stringify(res.body.error)]).toEqual([409, expect.stringMatching(message)]);
    }
  });

  it('lets only editors of the dataset write; others are refused or find nothing', async () => {
    const id = await cityTable(cat, world.editor.token, world.publicDataset.id);
    const anonymous = await callAction(cat, 'datastore_upsert', { resource_id: id, records: [] });
    expect(anonymous.status).toBe(403);
    const outsider = await callAction(cat, 'datastore_upsert', { resource_id: id, records: [] }, world.outsider.token);
    expect(outsider.status).toBe(403);
    const hidden = await cityTable(cat, world.editor.token, world.privateDataset.id);
    const onPrivate = await callAction(cat, 'datastore_upsert', { resource_id: hidden, records: [] }, world.outsider.token);
    expect(onPrivate.status).toBe(404);
    const missing = await callAction(cat, 'datastore_create', { resource_id: 'nessuna', fields: [{ id: 'a' }] }, world.editor.token);
    expect(missing.status).toBe(404);
  });

  it('makes the indexes asked for, as CKAN: a comma-separated string or a list, a list for several columns', async () => {
    const id = await cityTable(cat, world.editor.token, world.publicDataset.id, { indexes: 'abitanti, fondata' });
    const indexed = async () => (await tableIndexes(cat.services.datastore.backend, cat.services.datastore.dialect, id)).filter((i) => !i.unique).map((i) => i.columns);
    expect(await indexed()).toEqual(expect.arrayContaining([['abitanti'], ['fondata']]));
    expect((await indexed()).length).toBe(2);
    const info = (await getAction(cat, 'datastore_info', { id })).body.result;
    const isIndex = Object.fromEntries(info.fields.map((f: { id: string; schema: { is_index: boolean } }) => [f.id, f.schema.is_index]));
    expect(isIndex).toMatchObject({ città: true, abitanti: true, fondata: true, superficie: false });
    // Given again, they replace the table's indexes (the primary key's stays).
    const res = await callAction(cat, 'datastore_create', { resource_id: id, indexes: [['capoluogo', 'superficie']] }, world.editor.token);
    expect(res.status).toBe(200);
    expect(await indexed()).toEqual([['capoluogo', 'superficie']]);
    const found = await search(id, { filters: { capoluogo: true, superficie: 97.35 } });
    expect(found.body.result.records.map((r: { città: string }) => r.città)).toEqual(['Prato']);
    const refused = await callAction(cat, 'datastore_create', { resource_id: id, indexes: 'abitanti,nessuno' }, world.editor.token);
    expect([refused.status, JSON.stringify(refused.body.error)]).toEqual([409, expect.stringMatching(/indexes.*nessuno/)]);
    expect(await indexed()).toEqual([['capoluogo', 'superficie']]);
  });
});

describe('datastore_upsert', () => {
  it('inserts, updates and upserts by the primary key', async () => {
    const id = await cityTable(cat, world.editor.token, world.publicDataset.id);
    const insert = await callAction(cat, 'datastore_upsert', { resource_id: id, method: 'insert', records: [{ città: 'Pistoia', abitanti: 90000 }] }, world.editor.token);
    expect(insert.status).toBe(200);
    expect(insert.body.result).toEqual({ resource_id: id, method: 'insert', records: [{ città: 'Pistoia', abitanti: 90000 }] });
    const update = await callAction(cat, 'datastore_upsert', { resource_id: id, method: 'update', records: [{ città: 'Prato', abitanti: 196000 }] }, world.editor.token);
    expect(update.status).toBe(200);
    const upsert = await callAction(cat, 'datastore_upsert', { resource_id: id, records: [{ città: 'Lucca', capoluogo: false }, { città: 'Massa', abitanti: 68000 }] }, world.editor.token);
    expect(upsert.status).toBe(200);
    const rows = (await search(id, { fields: 'città,abitanti,capoluogo', sort: 'città' })).body.result.records;
    expect(rows).toEqual(expect.arrayContaining([
      { città: 'Prato', abitanti: 196000, capoluogo: true }, { città: 'Lucca', abitanti: 89046, capoluogo: false },
      { città: 'Massa', abitanti: 68000, capoluogo: null }, { città: 'Pistoia', abitanti: 90000, capoluogo: null },
    ]));
    expect(rows).toHaveLength(CITIES.length + 2);
  });

  it('refuses an update of a key that does not exist and a record without its key', async () => {
    const id = await cityTable(cat, world.editor.token, world.publicDataset.id);
    const missing = await callAction(cat, 'datastore_upsert', { resource_id: id, method: 'update', records: [{ città: 'Atlantide', abitanti: 1 }] }, world.editor.token);
    expect(missing.status).toBe(409);
    expect(JSON.stringify(missing.body.error)).toMatch(/Atlantide/);
    const keyless = await callAction(cat, 'datastore_upsert', { resource_id: id, records: [{ abitanti: 1 }] }, world.editor.token);
    expect(keyless.status).toBe(409);
    expect((await search(id)).body.result.total).toBe(CITIES.length);
  });
});

describe('datastore_delete and datastore_info', () => {
  it('describes the table: fields with types and info, and the row count', async () => {
    const id = await cityTable(cat, world.editor.token, world.publicDataset.id);
    await cat.services.datastore.setFieldInfo(id, { abitanti: { label: 'Abitanti', notes: 'Al 2023' } });
    const info = await getAction(cat, 'datastore_info', { id });
    expect(info.status).toBe(200);
    expect(info.body.result.meta.count).toBe(CITIES.length);
    expect(info.body.result.fields[1]).toMatchObject({ id: 'abitanti', type: 'int', info: { label: 'Abitanti', notes: 'Al 2023' } });
    expect((await getAction(cat, 'datastore_info', { id: 'nessuna' })).status).toBe(404);
  });

  it('deletes filtered rows, then the whole table, clearing datastore_active', async () => {
    const id = await cityTable(cat, world.editor.token, world.publicDataset.id);
    const some = await callAction(cat, 'datastore_delete', { resource_id: id, filters: { capoluogo: true } }, world.editor.token);
    expect(some.body.result).toEqual({ resource_id: id, filters: { capoluogo: true } });
    expect((await search(id)).body.result.records.map((r: { città: string }) => r.città)).toEqual(['Sesto Fiorentino']);
    const unknown = await callAction(cat, 'datastore_delete', { resource_id: id, filters: { colore: 'rosso' } }, world.editor.token);
    expect(unknown.status).toBe(409);
    const all = await callAction(cat, 'datastore_delete', { resource_id: id }, world.editor.token);
    expect(all.status).toBe(200);
    expect((await search(id)).status).toBe(404);
    expect((await getAction(cat, 'resource_show', { id })).body.result.datastore_active).toBe(false);
  });

  it('drops the tables of a purged dataset', async () => {
    const org = (await getAction(cat, 'package_show', { id: world.publicDataset.id })).body.result.owner_org;
    const dataset = await makeDataset(cat, org);
    const id = await cityTable(cat, world.editor.token, dataset.id);
    await runAction('dataset_purge', await sysadminContext(cat), { id: dataset.id });
    expect(await cat.services.datastore.tableInfo(id)).toBeNull();
  });

  it('drops the table when the resource is deleted', async () => {
    const id = await cityTable(cat, world.editor.token, world.publicDataset.id);
    expect((await callAction(cat, 'resource_delete', { id }, world.editor.token)).status).toBe(200);
    expect(await cat.services.datastore.tableInfo(id)).toBeNull();
  });
});
