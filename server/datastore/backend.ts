// The DataStore's two connections, one per database, behind one small interface. SQLite: its own file
// (DATA_DIR/datastore.sqlite), a writer whose transactions this module queues (never behind the
// catalogue's writer) and a read-only connection for searches. PostgreSQL: the schema `datastore` in
// the catalogue's database, through its own small pool.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Pool, PoolClient, types } from 'pg';
import QueryStream from 'pg-query-stream';
import { appendRows } from './append';
import { CopyWriter } from './copy-postgres';
import { Dialect } from './sql';
import { DatastoreField, DatastoreValue } from './types';

export type Row = Record<string, unknown>;

export interface SqlRunner {
  /** Runs a statement; answers the number of rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  all<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A load's rows into its table, in the order added. */
export interface RowWriter {
  add(rows: DatastoreValue[][]): Promise<void>;
  /** Resolves when every row added is in the table. */
  finish(): Promise<void>;
  /** Drops what is not written yet, once what is being written has ended. */
  discard(): Promise<void>;
}

export interface Backend extends SqlRunner {
  readonly dialect: Dialect;
  /** How a load's rows are written: INSERTs on SQLite, COPY on PostgreSQL. */
  rowWriter(table: string, fields: DatastoreField[]): RowWriter;
  /** A write transaction; on SQLite they run one at a time. */
  write<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Rows one by one, with their own connection, for dumps: memory holds one batch. */
  stream(sql: string, params: unknown[]): AsyncIterable<Row>;
  close(): Promise<void>;
}

export const DATASTORE_SCHEMA = 'datastore';

export function datastoreFile(dataDir: string): string {
  return path.join(dataDir, 'datastore.sqlite');
}

function unicodeCase(db: Database.Database): void {
  // SQLite's lower() folds ASCII only; PostgreSQL's folds every letter: "CITTÀ" must find "città".
  db.function('lower', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v));
}

export function openSqliteReader(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  unicodeCase(db);
  return db;
}

export class SqliteBackend implements Backend {
  readonly dialect = 'sqlite' as const;
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.writer = new Database(file);
    this.writer.pragma('journal_mode = WAL');
    this.writer.pragma('synchronous = NORMAL');
    this.writer.pragma('busy_timeout = 5000');
    // 32 MB of pages (the default is 2 MB): a load's B-trees and its index sorts stay in memory.
    this.writer.pragma('cache_size = -32768');
    unicodeCase(this.writer);
    this.reader = openSqliteReader(file);
  }

  private prepared(db: Database.Database, sql: string): Database.Statement {
    if (db !== this.writer) return db.prepare(sql);
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size > 200) this.statements.clear();
      statement = db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private runnerOf(db: Database.Database): SqlRunner {
    return {
      run: async (sql, params = []) => {
        const statement = this.prepared(db, sql);
        return statement.reader ? statement.all(...params).length : statement.run(...params).changes;
      },
      all: async <T>(sql: string, params: unknown[] = []) => this.prepared(db, sql).all(...params) as T[],
    };
  }

  run(sql: string, params?: unknown[]): Promise<number> {
    return this.write((tx) => tx.run(sql, params));
  }

  all<T = Row>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.runnerOf(this.reader).all<T>(sql, params);
  }

  write<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const task = async () => {
      this.writer.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.runnerOf(this.writer));
        this.writer.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
        throw error;
      }
    };
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A transaction of multi-row INSERTs per batch, done when `add` resolves. */
  rowWriter(table: string, fields: DatastoreField[]): RowWriter {
    return {
      add: (rows) => this.write((tx) => appendRows(tx, this.dialect, table, fields, rows)),
      finish: async () => undefined,
      discard: async () => undefined,
    };
  }

  async *stream(sql: string, params: unknown[]): AsyncIterable<Row> {
    // A connection of its own: an open iterator keeps its connection busy.
    const db = openSqliteReader(this.file);
    try {
      let count = 0;
      for (const row of db.prepare(sql).iterate(...params)) {
        yield row as Row;
        // Let the event loop breathe: better-sqlite3 reads synchronously.
        if (++count % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      db.close();
    }
  }

  async close(): Promise<void> {
    await this.queue;
    this.reader.close();
    this.writer.close();
  }
}

/** Values as CKAN returns them: bigint and numeric as numbers, dates and timestamps as ISO text. */
const pgTypes = {
  getTypeParser(oid: number, format?: string): (value: string) => unknown {
    if (oid === 20 || oid === 1700) return (v: string) => (Math.abs(Number(v)) <= Number.MAX_SAFE_INTEGER ? Number(v) : v);
    if (oid === 1082) return (v: string) => v;
    if (oid === 1114) return (v: string) => v.replace(' ', 'T');
    return types.getTypeParser(oid, format as 'text');
  },
};

export class PgBackend implements Backend {
  readonly dialect = 'postgres' as const;
  readonly pool: Pool;
  private ready: Promise<void>;

  constructor(url: string) {
    this.pool = new Pool({
      connectionString: url, max: 8, types: pgTypes,
      options: `-c search_path=${DATASTORE_SCHEMA}`,
    } as ConstructorParameters<typeof Pool>[0]);
    this.pool.on('error', () => undefined);
    this.ready = this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${DATASTORE_SCHEMA}`).then(() => undefined);
  }

  async init(): Promise<void> {
    await this.ready;
  }

  private runnerOf(client: Pool | PoolClient): SqlRunner {
    return {
      run: async (sql, params = []) => (await client.query(sql, params)).rowCount ?? 0,
      all: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    };
  }

  run(sql: string, params?: unknown[]): Promise<number> {
    return this.runnerOf(this.pool).run(sql, params);
  }

  all<T = Row>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.runnerOf(this.pool).all<T>(sql, params);
  }

  async write<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(this.runnerOf(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** COPY, a megabyte at a time (copy-postgres.ts). */
  rowWriter(table: string, fields: DatastoreField[]): RowWriter {
    return new CopyWriter(this.pool, table, fields);
  }

  async *stream(sql: string, params: unknown[]): AsyncIterable<Row> {
    const client = await this.pool.connect();
    let finished = false;
    try {
      const stream = client.query(new QueryStream(sql, params, { batchSize: 500 }));
      for await (const row of stream) yield row as Row;
      finished = true;
    } finally {
      // A dump the client left half way leaves its connection mid-query: it is closed, not reused.
      client.release(!finished);
    }
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.pool.end();
  }
}

export async function openBackend(options: { dataDir: string; databaseUrl: string | null }): Promise<Backend> {
  if (!options.databaseUrl) return new SqliteBackend(datastoreFile(options.dataDir));
  const backend = new PgBackend(options.databaseUrl);
  await backend.init();
  return backend;
}

