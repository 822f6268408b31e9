// Entities read with one fixed SQL statement, for the few reads every request makes (a dataset by id
// or name, the cache key). TypeORM's query builder rebuilds and re-escapes its SQL on each call, which
// costs more than SQLite takes to answer; here the statement is written once per database (and
// prepared once by the driver), and rows become entities through TypeORM's own column conversions.
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { isPostgres } from './dialect';

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
  const statementFor = (connection: DataSource): string => {
    let sql = statements.get(connection);
    if (!sql) {
      const metadata = connection.getMetadata(target);
      const extra = Object.entries(also?.columns ?? {}).map(([alias, sql]) => `${sql} AS "${alias}"`);
      const columns = [...metadata.columns.map((column) => `"${column.databaseName}"`), ...extra].join(', ');
      let n = 0;
      const where = isPostgres(connection) ? condition.replace(/\?/g, () => `$${++n}`) : condition;
      sql = `SELECT ${columns} FROM "${metadata.tableName}" WHERE ${where}`;
      statements.set(connection, sql);
    }
    return sql;
  };
  return async (db, params) => {
    const { connection } = db;
    const rows: Record<string, unknown>[] = await db.query(statementFor(connection), params);
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
