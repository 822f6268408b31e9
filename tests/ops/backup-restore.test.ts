// A backup restored into an empty place serves the same catalogue: every dataset as package_show
// gives it, the same activity, the same bytes for every file version, and the same tokens.
import { randomUUID } from 'node:crypto';
import { cli, envOf } from '../cli/support';
import { loggedInAgent } from '../pages/helpers';
import { callAction } from '../support/factories';
import { emptyPlace, EmptyPlace, startCatalogue, TestCatalogue } from '../support/harness';
import { archiveFolder, buildRichCatalogue, catalogueOn, envOfPlace, RichCatalogue, servedCatalogue } from './backup-support';

let original: TestCatalogue;
let rich: RichCatalogue;
let tableId: string;
const archives = archiveFolder();

/** A DataStore table with a primary key, beside the rich catalogue's datasets. */
async function loadedTable(cat: TestCatalogue, token: string, packageId: string): Promise<string> {
  const res = await callAction(cat, 'datastore_create', {
    resource: { package_id: packageId, name: 'Comuni' }, primary_key: ['comune'],
    fields: [{ id: 'comune', type: 'text' }, { id: 'abitanti', type: 'int' }, { id: 'superficie', type: 'numeric' }, { id: 'aggiornato', type: 'timestamp' }, { id: 'extra', type: 'json' }],
    records: [
      { comune: 'Firenze', abitanti: 360930, superficie: '102.32', aggiornato: '2024-01-01T10:00:00', extra: { sigla: 'FI' } },
      { comune: 'Forlì "storica"', abitanti: 117000, superficie: null, aggiornato: null, extra: [1, 2] },
    ],
  }, token).expect(200);
  return res.body.result.resource_id;
}

const tableOf = async (cat: TestCatalogue, id: string) => ({
  search: (await callAction(cat, 'datastore_search', { resource_id: id, sort: 'comune' }).expect(200)).body.result.records,
  info: (await callAction(cat, 'datastore_info', { id }).expect(200)).body.result,
});

const sessions = async (cat: TestCatalogue) => Number((await cat.services.db.query('SELECT count(*) AS n FROM http_session'))[0].n);

beforeAll(async () => {
  original = await startCatalogue();
  rich = await buildRichCatalogue(original);
  tableId = await loadedTable(original, rich.sysadmin.token, rich.datasetIds[0]);
  // A load half-way through while the backups are taken: its table is no part of them.
  const running = await original.services.datastore.beginLoad(randomUUID(), [{ id: 'comune', type: 'text' }]);
  await running.append([['Pisa']]);
  await loggedInAgent(original, rich.member);
}, 60_000);
afterAll(async () => {
  await original?.close();
  archives.remove();
});

describe('backup and restore', () => {
  let place: EmptyPlace;
  let restored: TestCatalogue;
  afterEach(async () => {
    await restored?.close();
    await place?.drop();
  });

  it.each(['catalogo.tar.gz', 'catalogo.tar'])('bring back the same catalogue (%s)', async (name) => {
    const archive = archives.file(name);
    const backup = await cli(envOf(original), 'backup', archive);
    expect(backup.stderr).toContain('Backup scritto');
    expect(backup.code).toBe(0);
    place = await emptyPlace();
    const restore = await cli(envOfPlace(place), 'restore', archive);
    expect(restore.stderr).toContain('Ripristino completato: 3 dataset');
    expect(restore.code).toBe(0);

    restored = await catalogueOn(place);
    const before = await servedCatalogue(original, rich.datasetIds, rich.sysadmin.token);
    const after = await servedCatalogue(restored, rich.datasetIds, rich.sysadmin.token);
    expect(Object.keys(before)).toHaveLength(3);
    expect(after).toEqual(before);
    // A token made before the backup still authenticates, with its user's rights.
    await callAction(restored, 'package_show', { id: rich.privateDatasetId }, rich.member.token).expect(200);
    await callAction(restored, 'package_show', { id: rich.privateDatasetId }).expect(404);
    // The DataStore comes back: the same rows and dictionary, its primary key and row ids still at work.
    expect((await tableOf(restored, tableId))).toEqual(await tableOf(original, tableId));
    expect((await tableOf(restored, tableId)).search).toHaveLength(2);
    await callAction(restored, 'datastore_upsert', { resource_id: tableId, method: 'insert', records: [{ comune: 'Prato', abitanti: 195213 }] }, rich.sysadmin.token).expect(200);
    await callAction(restored, 'datastore_upsert', { resource_id: tableId, method: 'insert', records: [{ comune: 'Prato' }] }, rich.sysadmin.token).expect(409);
    const ids = (await tableOf(restored, tableId)).search.map((row: { _id: number }) => row._id);
    expect(new Set(ids).size).toBe(3);
    expect(await original.services.datastore.loadTables()).toHaveLength(1);
    expect(await restored.services.datastore.loadTables()).toEqual([]);
    // Sessions stay behind: a stolen archive carries no live login.
    expect(await sessions(original)).toBeGreaterThan(0);
    expect(await sessions(restored)).toBe(0);
  }, 60_000);
});
