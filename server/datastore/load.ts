// Whole-table loads: rows go into a new table, and the new table takes the resource's place in one
// transaction on commit, so readers see the old table or the new one. SQLite: multi-row INSERTs, a short
// transaction per batch. PostgreSQL: COPY, a megabyte at a time (copy-postgres.ts). Memory holds a batch
// or two. datastore_upsert's rows go by appendRows (unnest() of column arrays on PostgreSQL).
import { randomBytes } from 'node:crypto';
import { Backend, PgBackend, SqlRunner } from './backend';
import { CopyWriter } from './copy-postgres';
import { createIndexSql } from './indexes';
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

interface RowWriter {
  add(rows: DatastoreValue[][]): Promise<void>;
  finish(): Promise<void>;
  discard(): Promise<void>;
}

/** How a load's rows are written: COPY on PostgreSQL; on SQLite a transaction per batch, done when add resolves. */
function rowWriter(backend: Backend, table: string, fields: DatastoreField[]): RowWriter {
  if (backend instanceof PgBackend) return new CopyWriter(backend.pool, table, fields);
  return {
    add: (rows) => backend.write((tx) => appendRows(tx, backend.dialect, table, fields, rows)),
    finish: async () => undefined,
    discard: async () => undefined,
  };
}

/**
 * A load's indexes, built on the full table (one sort each) before the swap, so that readers get the
 * table with its indexes. On PostgreSQL side by side, each on its own connection (the table is nobody
 * else's yet): three indexes of a 1,000,000-row table took 2.4 s one after the other.
 */
async function buildIndexes(backend: Backend, statements: string[]): Promise<void> {
  if (backend.dialect === 'sqlite') {
    await backend.write(async (tx) => { for (const sql of statements) await tx.run(sql); });
    return;
  }
  const builds = await Promise.allSettled(statements.map((sql) => backend.write(async (tx) => {
    await tx.run(`SET LOCAL maintenance_work_mem = '128MB'`);
    await tx.run(sql);
  })));
  const failed = builds.find((build): build is PromiseRejectedResult => build.status === 'rejected');
  if (failed) throw failed.reason;
}

export async function beginTableLoad(backend: Backend, resourceId: string, fields: DatastoreField[], primaryKey: string[], ownerId: string): Promise<TableLoad> {
  const loadName = loadTableName(ownerId);
  const table = quoteIdent(loadName);
  await backend.write((tx) => tx.run(createTableSql(backend.dialect, table, fields)));
  let rows = 0;
  let state: 'open' | 'committed' | 'aborted' = 'open';
  // Appends run one after the other in the order called, even when not awaited: rows keep the file's order.
  let appending: Promise<void> = Promise.resolve();
  const writer = rowWriter(backend, table, fields);
  const requireOpen = () => {
    if (state !== 'open') throw new Error(`Caricamento già ${state === 'committed' ? 'concluso' : 'annullato'}`);
  };
  return {
    async append(batch) {
      requireOpen();
      if (batch.length === 0 || fields.length === 0) return;
      const written = appending.then(() => writer.add(batch));
      appending = written.catch(() => undefined);
      await written;
      rows += batch.length;
    },
    async commit(options: { indexes?: string[][] } = {}) {
      requireOpen();
      await appending;
      await writer.finish();
      const indexes = [
        ...(primaryKey.length ? [uniqueIndexSql(table, `${loadName}_pk`, primaryKey)] : []),
        ...(options.indexes ?? []).map((columns) => createIndexSql(loadName, columns)),
      ];
      await buildIndexes(backend, indexes);
      await backend.write(async (tx) => {
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
      await writer.discard();
      await backend.write((tx) => tx.run(`DROP TABLE IF EXISTS ${table}`));
    },
  };
}
