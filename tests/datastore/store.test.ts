// The store API the loader uses: whole-table loads swapped in atomically, table info, field info, drop.
import { databaseKind, startCatalogue, TestCatalogue } from '../support/harness';
import { appendRows } from '../../server/datastore/append';
import { createTableSql } from '../../server/datastore/sql';
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

  // PostgreSQL sends a megabyte of COPY text at a time from two buffers that take turns: every row must
  // arrive once, whole and in order, across many COPYs, and a batch larger than a buffer too.
  it('loads megabytes of rows whole and in order, and a batch larger than the write buffer', async () => {
    const row = (i: number) => [`riga ${i} ${'àè€'.repeat(i % 40)}`, i, i / 8, null, '2024-02-29', null, { i }];
    const l = await store.beginLoad('res-mb', FIELDS);
    let next = 0;
    const batch = (size: number) => Array.from({ length: size }, () => row(next++));
    for (let b = 0; b < 40; b += 1) await l.append(batch(500) as never);
    // One batch of about 5 MB of text: more than both buffers.
    await l.append(Array.from({ length: 50 }, () => { const r = row(next++); r[0] = `${r[0]} ${'x'.repeat(100_000)}`; return r; }) as never);
    for (let b = 0; b < 4; b += 1) await l.append(batch(500) as never);
    expect(await l.commit()).toEqual({ rows: next });
    const stored = await store.backend.all<{ codice: string; n: unknown; extra: unknown }>(`SELECT codice, n, extra FROM "res-mb" ORDER BY "_id"`);
    expect(stored).toHaveLength(next);
    const mismatched = stored.flatMap((r, i) => {
      const expected = row(i)[0] as string;
      const codice = i >= 20_000 && i < 20_050 ? expected + ' ' + 'x'.repeat(100_000) : expected;
      const extra = typeof r.extra === 'string' ? JSON.parse(r.extra) : r.extra;
      return r.codice === codice && Number(r.n) === i && (extra as { i: number }).i === i ? [] : [i];
    });
    expect(mismatched).toEqual([]);
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
    // Matched on the message: better-sqlite3 makes its errors with the Error class of the first test file
    // that loaded it in this process, so toThrow() (instanceof Error) fails when another file ran first.
    await expect(l.commit()).rejects.toMatchObject({ message: expect.stringMatching(/UNIQUE constraint failed|could not create unique index|duplicate key/) });
    await l.abort();
    expect((await rowsOf('res-d')).map((r) => r.codice)).toEqual(['a']);
    expect((await store.tableInfo('res-d'))?.primaryKey).toEqual(['codice']);
  });

  // PostgreSQL loads by COPY's text format, where a tab, a line break or a backslash means something:
  // every value must come back as the INSERTs of datastore_create (appendRows) store it.
  it('stores nasty values exactly as the typed INSERTs do', async () => {
    const nasty: unknown[][] = [
      ['tab\there', 1, '12345678901234567890.123456789', true, '2024-02-29', '2024-02-29T23:59:59', { a: 'x\ty\n\\N', b: [1, null] }],
      ['line\nbreak\r\nCRLF and CR\r', -2, '-0.5', false, '0059-01-01', '2024-01-01 10:20:30', 'a JSON string with \\ and \t'],
      ['back\\slash \\N \\t \\\\', 0, 1e-7, null, null, null, null],
      ['\\N', null, null, null, null, null, [1, 'due', { tre: '\\N' }]],
      ['', 123456789012345, '0', true, '2000-01-01', '2000-01-01T00:00:00', {}],
      [null, 9, 1234.5, false, null, null, 'null'],
      ['"virgolette", \'apici\'; punto e virgola, città € 😀 \u2028 \u00a0 end ', 7, '1e3', null, null, null, true],
    ];
    const l = await store.beginLoad('res-nasty', FIELDS);
    await l.append(nasty.slice(0, 3) as never);
    await l.append(nasty.slice(3) as never);
    expect(await l.commit()).toEqual({ rows: nasty.length });
    await store.backend.write(async (tx) => {
      await tx.run(createTableSql(store.dialect, '"ref-nasty"', FIELDS));
      await appendRows(tx, store.dialect, '"ref-nasty"', FIELDS, nasty as never);
    });
    const loaded = await rowsOf('res-nasty');
    expect(loaded).toEqual(await rowsOf('ref-nasty'));
    expect(loaded.map((r) => r.codice)).toEqual(nasty.map((r) => r[0]));
    if (databaseKind === 'postgres') {
      // Each row as PostgreSQL prints it: numerics to the last digit, jsonb, dates, timestamps.
      const asText = (table: string) => store.backend.all<{ row: string }>(`SELECT t::text AS row FROM "${table}" AS t ORDER BY "_id"`);
      const text = await asText('res-nasty');
      expect(text).toEqual(await asText('ref-nasty'));
      expect(text[0].row).toContain('12345678901234567890.123456789');
    }
  });

  it('keeps the old table and leaves none behind when a load fails: a value PostgreSQL\'s COPY refuses, or an abort', async () => {
    await load('res-refused', [['vecchio', 1, 1, true, null, null, null]]);
    const l = await store.beginLoad('res-refused', FIELDS);
    await l.append([['a', 1, 1, true, null, null, null]]);
    // PostgreSQL's COPY refuses a text in an integer column; SQLite stores what it is given, so there the load is aborted.
    const refused = databaseKind === 'postgres';
    let error: unknown;
    try {
      await l.append([['b', refused ? 'non un numero' : 2, 1, true, null, null, null]] as never);
      await l.append([['c', 3, 1, true, null, null, null]]);
      if (refused) await l.commit();
    } catch (caught) {
      error = caught;
    }
    if (refused) expect(error).toMatchObject({ message: expect.stringMatching(/invalid input syntax/) });
    else expect(error).toBeUndefined();
    await l.abort();
    expect((await rowsOf('res-refused')).map((r) => r.codice)).toEqual(['vecchio']);
    expect(await store.loadTables()).toEqual([]);
    // The pool (or the writer) is whole: the next load runs.
    await load('res-refused', [['nuovo', 2, 2, false, null, null, null]]);
    expect((await rowsOf('res-refused')).map((r) => r.codice)).toEqual(['nuovo']);
  });

  it('takes appends called side by side into one table, in order', async () => {
    const l = await store.beginLoad('res-side', FIELDS);
    const row = (n: number) => [`r${n}`, n, n, null, null, null, null];
    await Promise.all([l.append([row(1), row(2)] as never), l.append([row(3)] as never), l.append([row(4)] as never)]);
    expect(await l.commit()).toEqual({ rows: 4 });
    expect((await rowsOf('res-side')).map((r) => r.codice)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(await store.loadTables()).toEqual([]);
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
    await expect(rowsOf('res-g')).rejects.toMatchObject({ message: expect.stringMatching(/no such table|does not exist/) });
  });
});

describe('a load left open when the services close', () => {
  it('holds no connection once the services are closed (a restart, a test): the database can be dropped at once', async () => {
    const own = await startCatalogue();
    const l = await own.services.datastore.beginLoad('res-abbandonata', FIELDS);
    await l.append([['a', 1, 1, true, null, null, null]]);
    // Closing drops the test database: it waited for ever while a COPY stayed open between batches.
    await own.close();
    if (databaseKind === 'postgres') {
      const [{ n }] = await cat.services.db.query("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE query LIKE 'COPY %_load_%' AND state <> 'idle'");
      expect(Number(n)).toBe(0);
    }
  });
});
