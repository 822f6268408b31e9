// Whole-table loads: rows go into a new table, and the new table takes the resource's place in one
// transaction on commit, so readers see the old table or the new one. The rows are written by the
// backend's row writer (backend.ts: multi-row INSERTs on SQLite, COPY on PostgreSQL). Memory holds a
// batch or two.
import { randomBytes } from 'node:crypto';
import { Backend, SqlRunner } from './backend';
import { createIndexSql } from './indexes';
import { TableMeta, writeMeta } from './metadata';
import { createTableSql, Dialect, quoteIdent } from './sql';
import { DatastoreField, TableLoad } from './types';

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
  const writer = backend.rowWriter(table, fields);
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
