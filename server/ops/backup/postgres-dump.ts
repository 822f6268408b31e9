// PostgreSQL: a logical dump written in TypeScript, so no pg_dump binary is needed. Every table of the
// schema (found in the catalog, so tables added later are included) is read in one REPEATABLE READ
// READ ONLY transaction, a consistent snapshot, and streamed row by row (pg-query-stream) into one
// JSON-lines file per table. Values travel in PostgreSQL's own text form, as pg_dump's COPY does, so
// they come back exactly.
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import QueryStream from 'pg-query-stream';
import { hashingCounter } from './archive';
import { DatabaseDump, DumpedEntry, StoredFileRow, TRANSIENT_TABLES } from './dump';
import { SequenceState } from './manifest';
import { DATASTORE_SCHEMA, datastoreTable, datastoreTables, TableShape, tableShape } from './postgres-datastore';

/** TypeORM's own table: recreated on restore by running the same migrations. */
export const MIGRATIONS_TABLE = 'migrations';
const ROWS_PER_FETCH = 500;

/** Every value as PostgreSQL writes it in text: no Date, number or JSON conversion on the way. */
const asText = { getTypeParser: () => (value: string) => value };

/** A connection whose values are text and whose date and number output does not depend on settings. */
export async function openTextClient(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, types: asText });
  await client.connect();
  await client.query("SET DateStyle = 'ISO'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 3; SET TimeZone = 'UTC'");
  return client;
}

export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function schemaTables(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
  );
  return rows.map((row) => row.name);
}

/** The columns a dump carries: generated columns are computed again on restore. */
export async function writableColumns(client: Client, table: string, schema: string | null = null): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_schema = coalesce($2, current_schema()) AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table, schema],
  );
  return rows.map((row) => row.name);
}

/** A DataStore table's place and shape, in its file's header (postgres-datastore.ts). */
interface DatastoreHeader {
  schema: string;
  shape: TableShape;
}

/**
 * One table into `file`: a header line with the columns (and, for a DataStore table, its schema and
 * shape), then one JSON array of text values per row.
 */
async function dumpTable(client: Client, table: string, name: string, workDir: string, datastore?: DatastoreHeader): Promise<{ rows: number; entry: DumpedEntry }> {
  const file = path.join(workDir, name);
  const columns = await writableColumns(client, table, datastore?.schema ?? null);
  const relation = datastore ? datastoreTable(table) : quoteIdentifier(table);
  const select = `SELECT ${columns.map(quoteIdentifier).join(', ')} FROM ${relation}`;
  const stream = client.query(new QueryStream(select, [], { batchSize: ROWS_PER_FETCH, rowMode: 'array', types: asText }));
  let rows = 0;
  const lines = new Transform({
    writableObjectMode: true,
    transform(row: unknown[], _encoding, done) {
      rows += 1;
      done(null, `${JSON.stringify(row)}\n`);
    },
  });
  lines.push(`${JSON.stringify({ table, columns, ...datastore })}\n`);
  const counter = hashingCounter();
  await pipeline(stream, lines, counter, fs.createWriteStream(file));
  return { rows, entry: { name: `database/${name}`, path: file, ...counter.digest() } };
}

async function sequenceStates(client: Client): Promise<Record<string, SequenceState>> {
  const { rows } = await client.query<{ name: string }>(
    'SELECT sequence_name AS name FROM information_schema.sequences WHERE sequence_schema = current_schema() ORDER BY sequence_name',
  );
  const states: Record<string, SequenceState> = {};
  for (const { name } of rows) {
    const { rows: [state] } = await client.query<{ last_value: string; is_called: string }>(`SELECT last_value, is_called FROM ${quoteIdentifier(name)}`);
    states[name] = { lastValue: state.last_value, isCalled: state.is_called === 't' };
  }
  return states;
}

async function snapshotContents(client: Client, workDir: string): Promise<DatabaseDump> {
  const tables = await schemaTables(client);
  const leftOut = tables.filter((table) => TRANSIENT_TABLES.includes(table));
  const counts: Record<string, number> = {};
  const entries: DumpedEntry[] = [];
  for (const [index, table] of tables.entries()) {
    if (table === MIGRATIONS_TABLE || leftOut.includes(table)) continue;
    // The table's own name is in the file's first line; the entry's name only has to be unique and plain.
    const name = `${String(index).padStart(3, '0')}-${table.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100)}.jsonl`;
    const { rows, entry } = await dumpTable(client, table, name, workDir);
    counts[table] = rows;
    entries.push(entry);
  }
  const datastore: Record<string, number> = {};
  for (const [index, table] of (await datastoreTables(client)).entries()) {
    const name = `datastore-${String(index).padStart(6, '0')}-${table.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100)}.jsonl`;
    const { rows, entry } = await dumpTable(client, table, name, workDir, { schema: DATASTORE_SCHEMA, shape: await tableShape(client, table) });
    datastore[table] = rows;
    entries.push(entry);
  }
  const migrations = (await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`)).rows.map((row) => row.name);
  const files = (await client.query<StoredFileRow>('SELECT storage_key AS key, size, sha256 FROM resource_file ORDER BY storage_key')).rows;
  return {
    kind: 'postgres', migrations, tables: counts, leftOut, sequences: await sequenceStates(client), datastore, entries,
    files: files.map((file) => ({ ...file, size: Number(file.size) })),
  };
}

export async function dumpPostgres(url: string, workDir: string): Promise<DatabaseDump> {
  const client = await openTextClient(url);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const dump = await snapshotContents(client, workDir);
    await client.query('COMMIT');
    return dump;
  } finally {
    await client.end();
  }
}
