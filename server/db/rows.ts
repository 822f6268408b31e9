// Entities read with one fixed SQL statement, for the few reads every request makes (a dataset by id
// or name, the cache key). TypeORM's query builder rebuilds and re-escapes its SQL on each call, which
// costs more than SQLite takes to answer; here the statement is written once per database (and
// prepared once by the driver), and rows become entities through TypeORM's own column conversions.
import type { Pool } from 'pg';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { isPostgres } from './dialect';
import { positional } from './params';

let readsDefined = 0;

/**
 * Runs a fixed statement. On PostgreSQL, outside a transaction, as a named prepared statement: each
 * pooled connection parses and plans it once, which halves what a lookup by key costs the database.
 * Inside a transaction it must go through the transaction's own connection (TypeORM's query).
 */
async function runFixed(db: EntityManager, name: string, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const { connection } = db;
  if (!isPostgres(connection) || db.queryRunner) return db.query(text, params);
  connection.logger.logQuery(text, params); // as TypeORM would: the statement counts in tests and debug logs
  const pool = (connection.driver as PostgresDriver).master as Pool;
  return (await pool.query({ name, text, values: params })).rows;
}

export interface FixedRead<T> {
  /** The rows matching the statement's condition; `params` fill its `?`s, in order. */
  (db: EntityManager, params: unknown[]): Promise<T[]>;
}

/** Values read in the same statement as each row (a subquery each), handed over with the entity. */
export interface AlsoRead<T> {
  columns: Record<string, string>;
  take(entity: T, values: Record<string, unknown>): void;
}

/**
 * A read of `target` rows `WHERE condition` (SQL on the table's column names, `?` for parameters,
 * optionally followed by ORDER BY / LIMIT). Condition and table are ours, never user input.
 */
export function fixedRead<T extends ObjectLiteral>(target: EntityTarget<T>, condition: string, also?: AlsoRead<T>): FixedRead<T> {
  const statements = new WeakMap<DataSource, string>();
  const name = `catalogo_fixed_read_${++readsDefined}`;
  const statementFor = (connection: DataSource): string => {
    let sql = statements.get(connection);
    if (!sql) {
      const metadata = connection.getMetadata(target);
      const extra = Object.entries(also?.columns ?? {}).map(([alias, sql]) => `${sql} AS "${alias}"`);
      const columns = [...metadata.columns.map((column) => `"${column.databaseName}"`), ...extra].join(', ');
      const where = positional(connection, condition);
      sql = `SELECT ${columns} FROM "${metadata.tableName}" WHERE ${where}`;
      statements.set(connection, sql);
    }
    return sql;
  };
  return async (db, params) => {
    const { connection } = db;
    const rows = await runFixed(db, name, statementFor(connection), params);
    const metadata = connection.getMetadata(target);
    return rows.map((row) => {
      const entity = metadata.create() as T;
      for (const column of metadata.columns) {
        (entity as Record<string, unknown>)[column.propertyName] = connection.driver.prepareHydratedValue(row[column.databaseName], column);
      }
      also?.take(entity, row);
      return entity;
    });
  };
}
