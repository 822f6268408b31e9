// Whole-table loads: rows go into a new table, in batches each with its own short transaction, and the
// new table takes the resource's place in one transaction on commit, so readers see the old table or
// the new one. Memory holds one batch: multi-row INSERTs on SQLite, unnest() of column arrays on
// PostgreSQL (one statement per batch, whatever its size).
import { randomBytes } from 'node:crypto';
import { Backend, PgBackend, SqlRunner } from './backend';
import { copyRows } from './copy-postgres';
import { createIndexes } from './indexes';
import { TableMeta, writeMeta } from './metadata';
import { PositionalParams as Params } from '../db/params';
import { columnType, createTableSql, Dialect, quoteIdent, toStored } from './sql';
import { DatastoreField, DatastoreValue, TableLoad } from './types';

/** SQLite's bound on parameters per statement is 32,766; about 200 rows per INSERT is fastest (measured). */
function sqliteRowsPerInsert(columns: number): number {
  return Math.max(1, Math.min(200, Math.floor(32000 / Math.max(1, columns))));
}

const insertSqlCache = new Map<string, string>();

/** The INSERT of `rows` rows, made once per table and size: building a long string per batch costs. */
function sqliteInsertSql(table: string, fields: DatastoreField[], rows: number): string {
  const key = `${table}\u0000${fields.length}\u0000${rows}`;
  let sql = insertSqlCache.get(key);
  if (!sql) {
    const tuple = `(${fields.map(() => '?').join(', ')})`;
    sql = `INSERT INTO ${table} (${fields.map((f) => quoteIdent(f.id)).join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
    if (insertSqlCache.size > 100) insertSqlCache.clear();
    insertSqlCache.set(key, sql);
  }
  return sql;
}

/** Appends rows (one value per field, in order) to a table. */
export async function appendRows(tx: SqlRunner, dialect: Dialect, table: string, fields: DatastoreField[], rows: DatastoreValue[][]): Promise<void> {
  if (rows.length === 0 || fields.length === 0) return;
  if (dialect === 'postgres') return appendPostgres(tx, table, fields, rows);
  const per = sqliteRowsPerInsert(fields.length);
  const types = fields.map((f) => f.type);
  for (let start = 0; start < rows.length; start += per) {
    const end = Math.min(rows.length, start + per);
    const params: unknown[] = [];
    for (let r = start; r < end; r++) {
      const row = rows[r];
      for (let k = 0; k < types.length; k++) params.push(toStored('sqlite', types[k], row[k]));
    }
    await tx.run(sqliteInsertSql(table, fields, end - start), params);
  }
}

async function appendPostgres(tx: SqlRunner, table: string, fields: DatastoreField[], rows: DatastoreValue[][]): Promise<void> {
  const p = new Params('postgres');
  const arrays = fields.map((field, i) => p.add(rows.map((row) => toStored('postgres', field.type, row[i]))) + `::${columnType('postgres', field.type)}[]`);
  await tx.run(`INSERT INTO ${table} (${fields.map((f) => quoteIdent(f.id)).join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})`, p.values);
}

export function uniqueIndexSql(table: string, indexName: string, primaryKey: string[]): string {
  return `CREATE UNIQUE INDEX ${quoteIdent(indexName)} ON ${table} (${primaryKey.map(quoteIdent).join(', ')})`;
}

/** Puts a table (already filled) in the resource's place: drops the old one, renames, records it. */
export async function swapIn(tx: SqlRunner, dialect: Dialect, from: string, resourceId: string, meta: TableMeta): Promise<void> {
  await tx.run(`DROP TABLE IF EXISTS ${quoteIdent(resourceId)}`);
  await tx.run(`ALTER TABLE ${quoteIdent(from)} RENAME TO ${quoteIdent(resourceId)}`);
  await writeMeta(tx, dialect, resourceId, meta);
}

/**
 * A load's table is named after the node (server/nodes) that fills it, `_load_NODE_RANDOM`, so that a
 * sweep can tell a live load's table from one a dead process left (sweepUnfinishedLoads).
 */
export function loadTableName(ownerId: string): string {
  return `_load_${ownerId.replace(/-/g, '').toLowerCase()}_${randomBytes(8).toString('hex')}`;
}

const LOAD_TABLE = /^_load_(?:([0-9a-f]{32})_)?[0-9a-f]{16}$/;

/** Whether a table name is a load's, and the node id that owns it (null: a name without one, made before owners were named). */
export function loadTableOwner(name: string): { owner: string | null } | null {
  const match = LOAD_TABLE.exec(name);
  if (!match) return null;
  const hex = match[1];
  return { owner: hex ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` : null };
}

export async function beginTableLoad(backend: Backend, resourceId: string, fields: DatastoreField[], primaryKey: string[], ownerId: string): Promise<TableLoad> {
  const loadName = loadTableName(ownerId);
  const table = quoteIdent(loadName);
  await backend.write((tx) => tx.run(createTableSql(backend.dialect, table, fields)));
  let rows = 0;
  let state: 'open' | 'committed' | 'aborted' = 'open';
  // Appends run one after the other in the order called, even when not awaited: rows keep the file's order.
  let appending: Promise<void> = Promise.resolve();
  // PostgreSQL: a COPY per batch, ended before the append returns. One COPY kept open for the whole load
  // would sit between batches waiting for rows, holding its connection, and such a backend does not
  // answer the signal that DROP DATABASE ... WITH (FORCE) waits for, in any database of the server.
  const writeBatch = (batch: DatastoreValue[][]) => (backend instanceof PgBackend
    ? copyRows(backend.pool, table, fields, batch)
    : backend.write((tx) => appendRows(tx, backend.dialect, table, fields, batch)));
  const requireOpen = () => {
    if (state !== 'open') throw new Error(`Caricamento già ${state === 'committed' ? 'concluso' : 'annullato'}`);
  };
  return {
    async append(batch) {
      requireOpen();
      if (batch.length === 0 || fields.length === 0) return;
      const written = appending.then(() => writeBatch(batch));
      appending = written.catch(() => undefined);
      await written;
      rows += batch.length;
    },
    async commit(options: { indexes?: string[][] } = {}) {
      requireOpen();
      await appending;
      await backend.write(async (tx) => {
        if (primaryKey.length) await tx.run(uniqueIndexSql(table, `${loadName}_pk`, primaryKey));
        // Built on the full table (one sort each), before the swap: readers get the table with its indexes.
        if (backend.dialect === 'postgres' && options.indexes?.length) await tx.run(`SET LOCAL maintenance_work_mem = '128MB'`);
        await createIndexes(tx, loadName, options.indexes ?? []);
        // Statistics now, not when autovacuum comes by: without them PostgreSQL guesses that an
        // equality matches 0.5% of the rows and walks the whole table in `_id` order (1.7 s, not 0.1 ms).
        if (backend.dialect === 'postgres') await tx.run(`ANALYZE ${table}`);
        await swapIn(tx, backend.dialect, loadName, resourceId, { fields, primaryKey, rows });
      });
      state = 'committed';
      return { rows };
    },
    async abort() {
      if (state !== 'open') return;
      state = 'aborted';
      await appending;
      await backend.write((tx) => tx.run(`DROP TABLE IF EXISTS ${table}`));
    },
  };
}
