// Named parameters for SQL written by hand, run through the driver's own escaping: no value is ever
// spliced into the text. Both databases take the same `:name` and `:...list` placeholders.
import { EntityManager, ObjectLiteral } from 'typeorm';

/** Where SQL written by hand gets its placeholders. */
export interface ParamSink {
  add(value: unknown): string;
}

export class SqlParams implements ParamSink {
  readonly values: Record<string, unknown> = {};
  private count = 0;
  constructor(private readonly prefix: string) {}

  /** A placeholder for `value`. */
  add(value: unknown): string {
    this.count += 1;
    const name = `${this.prefix}${this.count}`;
    this.values[name] = value;
    return `:${name}`;
  }

  /** A placeholder for a list, for IN (...). */
  list(values: unknown[]): string {
    this.count += 1;
    const name = `${this.prefix}${this.count}`;
    this.values[name] = values;
    return `(:...${name})`;
  }
}

export async function runSql<T = ObjectLiteral>(db: EntityManager, sql: string, params: ObjectLiteral): Promise<T[]> {
  const [text, values] = db.connection.driver.escapeQueryWithParameters(sql, params);
  return db.query(text, values);
}
