// Positional parameters for SQL written by hand, as each driver wants them: `?` for better-sqlite3,
// `$1`, `$2`... for pg. (search/sql-params.ts names its parameters and lets TypeORM number them.)
import { isPostgres } from './dialect';

type Connection = { options: { type: string } };

export class PositionalParams {
  readonly values: unknown[] = [];
  private readonly postgres: boolean;

  constructor(db: Connection | 'sqlite' | 'postgres') {
    this.postgres = typeof db === 'string' ? db === 'postgres' : isPostgres(db);
  }

  /** Adds a value; answers its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : '?';
  }

  /** A "column IN list" test: one array parameter on PostgreSQL, one placeholder per value on SQLite. */
  in(column: string, list: unknown[]): string {
    if (this.postgres) return `${column} = ANY(${this.add(list)})`;
    return `${column} IN (${list.map((value) => this.add(value)).join(', ')})`;
  }
}

/** SQL written with `?` placeholders, numbered for PostgreSQL. */
export function positional(db: Connection, text: string): string {
  let n = 0;
  return isPostgres(db) ? text.replace(/\?/g, () => `$${++n}`) : text;
}
