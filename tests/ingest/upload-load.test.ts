// Uploads through resource_create load into the DataStore before the call returns (small files), with
// their state in resource_validation_show; a bad file fails with its Italian reason and still downloads
// byte for byte; the editor corrects the dictionary and the load runs again with their types.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction } from '../support/factories';
import { buildWorld, download, seedDataset, uploadTo, World } from '../api/world';
import { JobEntity } from '../../server/jobs/entities';

let cat: TestCatalogue;
let world: World;
let datasetId: string;
beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
  datasetId = (await seedDataset(cat, world.orgA.name)).id;
});
afterAll(async () => cat.close());

const FILES = path.join(__dirname, '../../datasets/files');
const EXPECTED = path.join(__dirname, '../fixtures/real-data');

async function upload(content: Buffer | string, filename: string) {
  const res = await uploadTo(cat, 'resource_create', { package_id: datasetId }, { content: Buffer.from(content), filename }, world.users.editor.token);
  expect(res.status).toBe(200);
  return res.body.result;
}

async function validation(id: string) {
  const res = await getAction(cat, 'resource_validation_show', { id });
  expect(res.status).toBe(200);
  return res.body.result;
}

describe('an uploaded table', () => {
  it.each(['vaccini-punti-somministrazione-latest', 'rt-beni-confiscati', 'rt-covid19-ars-20220615', 'dpc-covid19-ita-metriche-dashboard-desktop', 'dpc-covid19-ita-andamento-nazionale'])(
    '%s loads before resource_create returns, with the rows and columns Python reads',
    async (name) => {
      const expected = JSON.parse(readFileSync(path.join(EXPECTED, `${name}.expected.json`), 'utf8'));
      const filename = `${name}.${expected.format}`;
      const resource = await upload(readFileSync(path.join(FILES, filename)), filename);
      expect(resource.datastore_active).toBe(true);
      const state = await validation(resource.id);
      expect({ status: state.status, rows: state.rows, error: state.error }).toEqual({ status: 'success', rows: expected.rows, error: null });
      expect(state.progress).toEqual({ rows_read: expected.rows, percent: 100 });
      const table = await cat.services.datastore.tableInfo(resource.id);
      const trailing = expected.header[expected.header.length - 1] === '' ? 1 : 0;
      expect(table?.rows).toBe(expected.rows);
      expect(table?.fields.map((field) => field.info?.label)).toEqual(expected.header.slice(0, expected.header.length - trailing));
      expect(state.dictionary.fields.length).toBe(expected.columns - trailing);
      const search = await getAction(cat, 'datastore_search', { resource_id: resource.id, limit: '1', offset: String(expected.rows - 1) });
      expect(search.body.result.total).toBe(expected.rows);
      expect(search.body.result.records[0]._id).toBe(expected.rows);
    },
  );

  it('resource_validation_show takes resource_id too, as ckanext-validation names it', async () => {
    const resource = await upload('codice;valore\n10;1\n', 'piccolo.csv');
    const byResourceId = await getAction(cat, 'resource_validation_show', { resource_id: resource.id });
    expect(byResourceId.status).toBe(200);
    expect(byResourceId.body.result).toEqual(await validation(resource.id));
    const neither = await getAction(cat, 'resource_validation_show', {});
    expect(neither.status).toBe(409);
    expect(neither.body.error).toMatchObject({ __type: 'Validation Error', id: [expect.any(String)] });
  });

  it('a bad file ends as failure with its Italian reason, and still downloads byte for byte', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00]);
    const resource = await upload(bytes, 'immagine.csv');
    expect(resource.datastore_active).toBe(false);
    const state = await validation(resource.id);
    expect(state).toMatchObject({ status: 'failure', error: expect.stringMatching(/non è un testo/), error_en: expect.stringMatching(/not text/) });
    expect(await cat.services.datastore.tableInfo(resource.id)).toBeNull();
    const file = await download(cat, resource.url);
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body, bytes)).toBe(0);
  });

  it('the editor corrects the dictionary: the load runs again with their type, title and description', async () => {
    const resource = await upload('codice;valore\n10;1\n20;2\n', 'codici.csv');
    expect((await validation(resource.id)).dictionary.fields.map((field: any) => field.type)).toEqual(['integer', 'integer']);
    const res = await callAction(cat, 'resource_dictionary_update', { id: resource.id, fields: [{ id: 'codice', type: 'text', title: 'Codice', description: 'Il codice ISTAT' }] }, world.users.editor.token);
    expect(res.status).toBe(200);
    expect(res.body.result.status).toBe('success');
    expect(res.body.result.dictionary.fields[0]).toMatchObject({ name: 'codice', type: 'string', title: 'Codice', description: 'Il codice ISTAT', type_override: 'string' });
    const table = await cat.services.datastore.tableInfo(resource.id);
    expect(table?.fields[0]).toMatchObject({ id: 'codice', type: 'text', info: { label: 'Codice', notes: 'Il codice ISTAT' } });
  });

  it('a type the data does not fit fails with the problems listed, and the previous table stays', async () => {
    const resource = await upload('nome;numero\nuno;1\ndue;due\n', 'misto.csv');
    expect((await validation(resource.id)).status).toBe('success');
    const res = await callAction(cat, 'resource_dictionary_update', { id: resource.id, fields: [{ id: 'numero', type: 'int' }] }, world.users.editor.token);
    expect(res.status).toBe(200);
    const state = res.body.result;
    expect(state.status).toBe('failure');
    expect(state.error).toMatch(/1 valore non corrisponde ai tipi del dizionario/);
    expect(state.report.counts).toEqual({ 'type-error': 1 });
    expect(state.report.problems).toEqual([expect.objectContaining({ kind: 'type-error', row: 3, line: 3, column: 'numero', value: 'due', message: 'Riga 3, colonna "numero": il valore "due" non è un numero intero.' })]);
    const table = await cat.services.datastore.tableInfo(resource.id);
    expect(table?.fields.map((field) => field.type)).toEqual(['text', 'text']);
    expect(table?.rows).toBe(2);
  });

  it('refuses a dictionary change naming an unknown column', async () => {
    const resource = await upload('a,b\n1,2\n', 'ab.csv');
    const res = await callAction(cat, 'resource_dictionary_update', { id: resource.id, fields: [{ id: 'zeta', type: 'text' }] }, world.users.editor.token);
    expect(res.status).toBe(409);
    expect(res.body.error.fields[0]).toMatch(/Colonna sconosciuta/);
  });

  it('a large file waits for a runner as one pending job per resource; xloader_submit does not add a second', async () => {
    const previous = cat.services.config.ingestInlineMaxBytes;
    cat.services.config.ingestInlineMaxBytes = 10;
    try {
      const resource = await upload('a,b\n1,2\n3,4\n', 'grande.csv');
      expect((await validation(resource.id)).status).toBe('pending');
      expect((await callAction(cat, 'xloader_submit', { resource_id: resource.id }, world.users.editor.token)).status).toBe(200);
      const jobs = await cat.services.db.getRepository(JobEntity).findBy({ type: 'datastore.load', status: 'queued' });
      expect(jobs.filter((job) => (job.data as { resourceId: string }).resourceId === resource.id)).toHaveLength(1);
    } finally {
      cat.services.config.ingestInlineMaxBytes = previous;
    }
  });
});
