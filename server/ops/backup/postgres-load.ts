// PostgreSQL restore: the schema comes from the same migrations the archive's database had applied,
// then every table's rows are loaded in one transaction (referenced tables first), in batches, and the
// sequences are set where they were. A failure leaves the database empty again.
import fs from 'node:fs';
import readline from 'node:readline';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../db/migrations';
import { BackupRefused, checkRowCounts, Manifest } from './manifest';
import { openTextClient, quoteIdentifier, schemaTables } from './postgres-dump';
import { createDatastoreTable, DATASTORE_SCHEMA, datastoreTable, finishDatastoreTable, TableShape } from './postgres-datastore';

/** PostgreSQL takes at most 65,535 parameters a statement. */
const PARAMETERS_PER_INSERT = 30_000;
const MAX_ROWS_PER_INSERT = 500;

/** Creates the schema as it was when the archive was made: its migrations, no later ones. */
async function createSchema(url: string, applied: number): Promise<void> {
  // No entities: migrations write SQL only (the search index is filled at the first start, ensureSearchIndex).
  const db = new DataSource({ type: 'postgres', url, migrations: migrations.slice(0, applied) });
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'all' });
  } finally {
    await db.destroy();
  }
}

/** Tables in an order where each comes after the tables its foreign keys point at. */
async function loadOrder(client: Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent FROM pg_constraint con
     JOIN pg_class child ON child.oid = con.conrelid JOIN pg_class parent ON parent.oid = con.confrelid
     JOIN pg_namespace n ON n.oid = con.connamespace WHERE con.contype = 'f' AND n.nspname = current_schema()`,
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const { parent } of rows.filter((row) => row.child === table && row.parent !== table)) if (tables.includes(parent)) visit(parent);
    ordered.push(table);
  };
  tables.forEach(visit);
  return ordered;
}

async function insertBatch(client: Client, relation: string, columns: string[], batch: unknown[][]): Promise<void> {
  const values = batch.map((_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(', ')})`);
  await client.query(
    `INSERT INTO ${relation} (${columns.map(quoteIdentifier).join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${values.join(', ')}`,
    batch.flat(),
  );
}

interface TableHeader {
  table: string;
  columns: string[];
  /** A DataStore table (postgres-datastore.ts): its schema and shape. */
  schema?: string;
  shape?: TableShape;
}

const relationOf = (header: TableHeader) => (header.schema === DATASTORE_SCHEMA ? datastoreTable(header.table) : quoteIdentifier(header.table));

function parseHeader(line: string | undefined, file: string): TableHeader {
  const header = JSON.parse(line ?? 'null') as TableHeader | null;
  if (typeof header?.table !== 'string' || !Array.isArray(header.columns)) throw new BackupRefused(`Archivio non valido: ${file} non inizia con la sua tabella.`);
  return header;
}

async function readHeader(file: string): Promise<TableHeader> {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  try {
    for await (const line of lines) return parseHeader(line, file);
    return parseHeader(undefined, file);
  } finally {
    lines.close();
  }
}

/** Streams one JSON-lines table file (header, then one row per line) into its table; returns the rows. */
async function loadTable(client: Client, file: string): Promise<number> {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let header: TableHeader | null = null;
  let batch: unknown[][] = [];
  let rows = 0;
  let batchSize = MAX_ROWS_PER_INSERT;
  for await (const line of lines) {
    if (!header) {
      header = parseHeader(line, file);
      batchSize = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(PARAMETERS_PER_INSERT / Math.max(1, header.columns.length))));
      continue;
    }
    batch.push(JSON.parse(line) as unknown[]);
    rows += 1;
    if (batch.length >= batchSize) {
      await insertBatch(client, relationOf(header), header.columns, batch);
      batch = [];
    }
  }
  if (header && batch.length) await insertBatch(client, relationOf(header), header.columns, batch);
  return rows;
}

/** The DataStore's tables: each created from its archived shape, filled, then indexed. */
async function loadDatastore(client: Client, manifest: Manifest, files: Map<string, { file: string; header: TableHeader }>): Promise<void> {
  const loaded: Record<string, number> = {};
  for (const [table, { file, header }] of files) {
    const shape = await createDatastoreTable(client, table, header.shape);
    loaded[table] = await loadTable(client, file);
    await finishDatastoreTable(client, table, shape);
  }
  checkRowCounts(manifest, loaded, 'datastore');
}

async function loadRows(client: Client, manifest: Manifest, fileOf: (entry: string) => string): Promise<void> {
  const fileOfTable = new Map<string, string>();
  const datastoreFiles = new Map<string, { file: string; header: TableHeader }>();
  for (const entry of manifest.database.entries) {
    const header = await readHeader(fileOf(entry.name));
    const { table } = header;
    const seen = header.schema === DATASTORE_SCHEMA ? datastoreFiles : fileOfTable;
    if (seen.has(table)) throw new BackupRefused(`Archivio non valido: la tabella ${table} compare due volte.`);
    if (header.schema === DATASTORE_SCHEMA) datastoreFiles.set(table, { file: fileOf(entry.name), header });
    else if (header.schema !== undefined) throw new BackupRefused(`Archivio non valido: schema sconosciuto (${String(header.schema).slice(0, 100)}).`);
    else fileOfTable.set(table, fileOf(entry.name));
  }
  await loadDatastore(client, manifest, datastoreFiles);
  // The migrations may have written rows of their own (the EU themes' groups, settings): the archive's
  // rows replace them, or its copies of those rows would collide with them.
  if (fileOfTable.size) await client.query(`TRUNCATE ${[...fileOfTable.keys()].map(quoteIdentifier).join(', ')} CASCADE`);
  const loaded: Record<string, number> = {};
  for (const table of await loadOrder(client, [...fileOfTable.keys()])) loaded[table] = await loadTable(client, fileOfTable.get(table)!);
  checkRowCounts(manifest, loaded);
  for (const [sequence, state] of Object.entries(manifest.database.sequences)) {
    await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [quoteIdentifier(sequence), state.lastValue, state.isCalled]);
  }
}

/** Puts the schema back as empty as it was found: only used when a restore failed half-way. */
async function dropTables(client: Client): Promise<void> {
  const tables = await schemaTables(client);
  if (tables.length) await client.query(`DROP TABLE ${tables.map(quoteIdentifier).join(', ')} CASCADE`);
  await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(DATASTORE_SCHEMA)} CASCADE`);
}

/** Loads the staged dump into an empty database; `fileOf` maps an entry name to its staged file. */
export async function loadPostgres(url: string, manifest: Manifest, fileOf: (entry: string) => string): Promise<void> {
  await createSchema(url, manifest.database.migrations.length);
  const client = await openTextClient(url);
  try {
    await client.query('BEGIN');
    await loadRows(client, manifest, fileOf);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    await dropTables(client);
    throw error;
  } finally {
    await client.end();
  }
}
