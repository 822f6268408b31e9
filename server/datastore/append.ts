// Rows appended to a DataStore table by INSERT: multi-row INSERTs on SQLite, unnest() of column arrays on
// PostgreSQL (one statement per batch, whatever its size). datastore_create/upsert's records go this way,
// and so do a load's rows on SQLite (on PostgreSQL a load's rows go by COPY: copy-postgres.ts).
import type { SqlRunner } from './backend';
import { PositionalParams as Params } from '../db/params';
import { columnType, Dialect, quoteIdent, toStored } from './sql';
import { DatastoreField, DatastoreValue } from './types';

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
