// The store API the loader uses: whole-table loads swapped in atomically, table info, field info, drop.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { DatastoreStore } from '../../server/datastore/store';
import { DatastoreField } from '../../server/datastore/types';
import { NotFound, ValidationError } from '../../server/core/errors';

let cat: TestCatalogue;
let store: DatastoreStore;
beforeAll(async () => {
  cat = await startCatalogue();
  store = cat.services.datastore;
});
afterAll(async () => cat.close());

const FIELDS: DatastoreField[] = [
  { id: 'codice', type: 'text' }, { id: 'n', type: 'int' }, { id: 'importo', type: 'numeric' },
  { id: 'attivo', type: 'bool' }, { id: 'giorno', type: 'date' }, { id: 'ora', type: 'timestamp' }, { id: 'extra', type: 'json' },
];

async function rowsOf(resourceId: string): Promise<Record<string, unknown>[]> {
  const rows = await store.backend.all(`SELECT * FROM "${resourceId}" ORDER BY "_id"`);
  return rows;
}

async function load(resourceId: string, rows: unknown[][], primaryKey?: string[]) {
  const l = await store.beginLoad(resourceId, FIELDS, { primaryKey });
  await l.append(rows as never);
  return l.commit();
}

describe('beginLoad', () => {
  it('loads typed rows in batches and records the table', async () => {
    const batch = (from: number) => Array.from({ length: 700 }, (_, i) => [`00${from + i}`, from + i, (from + i) / 4, i % 2 === 0, '2024-01-31', '2024-01-31T10:20:30', { k: [i] }]);
    const l = await store.beginLoad('res-a', FIELDS);
    await l.append(batch(0) as never);
    await l.append(batch(700) as never);
    expect(await l.commit()).toEqual({ rows: 1400 });
    const info = await store.tableInfo('res-a');
    expect(info).toEqual({ fields: FIELDS, primaryKey: [], rows: 1400 });
    const rows = await rowsOf('res-a');
    expect(rows).toHaveLength(1400);
    expect(rows[1399]).toMatchObject({ _id: 1400, codice: '001399', n: 1399 });
    expect(Number(rows[3].importo)).toBe(0.75);
  });

  it('keeps the old table for readers until commit, and after an abort', async () => {
    await load('res-b', [['vecchio', 1, 1, true, null, null, null]]);
    const l = await store.beginLoad('res-b', FIELDS);
    await l.append([['nuovo', 2, 2, false, null, null, null]]);
    expect((await rowsOf('res-b')).map((r) => r.codice)).toEqual(['vecchio']);
    await l.abort();
    await l.abort();
    expect((await rowsOf('res-b')).map((r) => r.codice)).toEqual(['vecchio']);
    expect((await store.tableInfo('res-b'))?.rows).toBe(1);
    const again = await store.beginLoad('res-b', FIELDS);
    await again.append([['nuovo', 2, 2, false, null, null, null], ['altro', 3, 3, null, null, null, null]]);
    await again.commit();
    expect((await rowsOf('res-b')).map((r) => r.codice)).toEqual(['nuovo', 'altro']);
    await expect(again.append([])).rejects.toThrow(/concluso/);
  });

  it('leaves no load table behind after commit or abort', async () => {
    const aborted = await store.beginLoad('res-c', FIELDS);
    await aborted.abort();
    const sql = store.dialect === 'sqlite'
      ? `SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE '\\_load\\_%' ESCAPE '\\'`
      : `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'datastore' AND tablename LIKE '\\_load\\_%'`;
    expect(await store.backend.all(sql)).toEqual([]);
  });

  it('refuses duplicate keys on commit and keeps the old table', async () => {
    await load('res-d', [['a', 1, 1, true, null, null, null]], ['codice']);
    const l = await store.beginLoad('res-d', FIELDS, { primaryKey: ['codice'] });
    await l.append([['x', 1, 1, true, null, null, null], ['x', 2, 1, true, null, null, null]]);
    await expect(l.commit()).rejects.toThrow();
    await l.abort();
    expect((await rowsOf('res-d')).map((r) => r.codice)).toEqual(['a']);
    expect((await store.tableInfo('res-d'))?.primaryKey).toEqual(['codice']);
  });

  it('refuses bad field names and unknown primary keys', async () => {
    await expect(store.beginLoad('res-e', [{ id: '_x', type: 'text' }])).rejects.toBeInstanceOf(ValidationError);
    await expect(store.beginLoad('res-e', [{ id: 'a', type: 'text' }, { id: 'a', type: 'int' }])).rejects.toBeInstanceOf(ValidationError);
    await expect(store.beginLoad('res-e', FIELDS, { primaryKey: ['nessuno'] })).rejects.toThrow(/nessuno/);
  });
});

describe('tableInfo, setFieldInfo, dropTable', () => {
  it('updates the data dictionary without reloading', async () => {
    await load('res-f', [['a', 1, 1, true, null, null, null]]);
    const meta = await store.setFieldInfo('res-f', { n: { label: 'Numero', notes: 'Progressivo' } });
    expect(meta.fields.find((f) => f.id === 'n')?.info).toEqual({ label: 'Numero', notes: 'Progressivo' });
    expect((await store.tableInfo('res-f'))?.fields[1].info?.label).toBe('Numero');
    expect(await rowsOf('res-f')).toHaveLength(1);
    await expect(store.setFieldInfo('res-f', { manca: {} })).rejects.toThrow(/manca/);
    await expect(store.setFieldInfo('nessuna', {})).rejects.toBeInstanceOf(NotFound);
  });

  it('drops a table and forgets it', async () => {
    await load('res-g', [['a', 1, 1, true, null, null, null]]);
    expect(await store.dropTable('res-g')).toBe(true);
    expect(await store.tableInfo('res-g')).toBeNull();
    expect(await store.dropTable('res-g')).toBe(false);
    await expect(rowsOf('res-g')).rejects.toThrow();
  });
});
