// The typed load into the DataStore: one pass when the first rows' types hold, two when a column
// changes late; the editor's types checked; the previous table kept whenever a load fails.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { tableIndexes } from '../../server/datastore/indexes';
import { DatastoreStore } from '../../server/datastore/store';
import { IngestError } from '../../server/ingest/errors';
import { loadFile } from '../../server/ingest/load';
import { FieldOverride } from '../../server/ingest/schema';
import { tempFile } from './read';

let cat: TestCatalogue;
let store: DatastoreStore;
beforeAll(async () => {
  cat = await startCatalogue();
  store = cat.services.datastore;
});
afterAll(async () => cat.close());

const rowsOf = (id: string) => store.backend.all(`SELECT * FROM "${id}" ORDER BY "_id"`);
const load = (resourceId: string, content: string, overrides: Record<string, FieldOverride> = {}) =>
  loadFile({ store, resourceId, path: tempFile(content), format: 'csv', overrides });

describe('loadFile', () => {
  it('loads typed rows in one pass when the first rows tell the types', async () => {
    const outcome = await load('res-1', 'codice;importo;giorno;attivo;cap\nA;1.234,56;31/12/2024;sì;00184\nB;-,5;01/01/2025;no;50122\n');
    expect(outcome).toMatchObject({ rows: 2, passes: 1 });
    const info = await store.tableInfo('res-1');
    expect(info?.fields.map((field) => [field.id, field.type])).toEqual([['codice', 'text'], ['importo', 'numeric'], ['giorno', 'date'], ['attivo', 'bool'], ['cap', 'text']]);
    const rows = await rowsOf('res-1');
    expect(rows.map((row) => [row.codice, Number(row.importo), row.cap])).toEqual([['A', 1234.56, '00184'], ['B', -0.5, '50122']]);
  });

  it('loads a column that turns to text late in a second pass, as text', async () => {
    const lines = ['id;valore'];
    for (let i = 1; i <= 3000; i += 1) lines.push(`${i};${i}`);
    lines.push('3001;non disponibile');
    const outcome = await load('res-2', lines.join('\n') + '\n');
    expect(outcome).toMatchObject({ rows: 3001, passes: 2 });
    expect((await store.tableInfo('res-2'))?.fields.map((field) => field.type)).toEqual(['int', 'text']);
    const rows = await rowsOf('res-2');
    expect(rows[3000]).toMatchObject({ id: 3001, valore: 'non disponibile' });
    expect(rows[0]).toMatchObject({ id: 1, valore: '1' });
  });

  it('fails on values that do not fit the editor\'s types, keeping the previous table', async () => {
    await load('res-3', 'a;b\n1;x\n');
    const error = await load('res-3', 'a;b\n1;2\nuno;3\n', { a: { type: 'integer' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).code).toBe('type-errors');
    expect(await rowsOf('res-3')).toEqual([expect.objectContaining({ a: 1, b: 'x' })]);
    const tables = await store.backend.all(store.dialect === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_load\\_%' ESCAPE '\\'"
      : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'datastore' AND table_name LIKE '\\_load\\_%'");
    expect(tables).toEqual([]);
  });

  it('keeps the previous table when the new file is no table', async () => {
    await load('res-4', 'a\n1\n');
    await expect(load('res-4', 'a,b\n"rotto\n')).rejects.toMatchObject({ code: 'unterminated-quote' });
    expect((await rowsOf('res-4')).length).toBe(1);
  });

  it('indexes the columns a filter needs on a large table: keys, integers, dates; not prose, decimals or few values', async () => {
    const lines = ['id;ente;importo;giorno;codice;descrizione'];
    for (let i = 1; i <= 10_000; i += 1) {
      lines.push(`${i};Comune ${i % 3};${i},5;${String((i % 28) + 1).padStart(2, '0')}/01/2024;${String(i % 500).padStart(6, '0')};Pagamento numero ${i} della fattura, a saldo del capitolo di spesa`);
    }
    await load('res-5', lines.join('\n') + '\n');
    const indexes = await tableIndexes(store.backend, store.dialect, 'res-5');
    expect(indexes.map((i) => i.columns).sort()).toEqual([['codice'], ['giorno'], ['id']]);
    // A table too small to need one gets none.
    await load('res-6', 'id;codice\n1;001\n2;002\n');
    expect(await tableIndexes(store.backend, store.dialect, 'res-6')).toEqual([]);
  });
});
