// Query parameters for either database: `?` on SQLite, `$n` on PostgreSQL, added in order.
import { Dialect } from './sql';

export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: Dialect) {}

  /** Adds a value; answers its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === 'sqlite' ? '?' : `$${this.values.length}`;
  }
}
