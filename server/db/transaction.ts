// Transactions that behave the same on both databases. SQLite (better-sqlite3) has a single
// connection: two interleaved transactions would nest and fail, and a stray write from another request
// would join an open transaction. So on SQLite every write runs one at a time, behind a queue.
// PostgreSQL gives each transaction its own pooled connection and needs no queue.
import { DataSource, EntityManager } from 'typeorm';
import { isPostgres } from './dialect';

const queues = new WeakMap<DataSource, Promise<unknown>>();
const writers = new WeakMap<DataSource, DataSource>();

/** On SQLite the services hold a read-only connection; its writer is registered here (data-source.ts). */
export function pairWriter(reader: DataSource, writer: DataSource): void {
  writers.set(reader, writer);
}

/** The connection that writes: the reader's writer on SQLite, the pool itself on PostgreSQL. */
export function writerOf(db: DataSource): DataSource {
  return writers.get(db) ?? db;
}

/** What `map` holds for this database, made by `create` the first time: the reader and the writer of one SQLite file share it. */
export function perDatabase<T>(map: WeakMap<DataSource, T>, db: EntityManager, create: () => T): T {
  const owner = writerOf(db.connection);
  let value = map.get(owner);
  if (value === undefined) {
    value = create();
    map.set(owner, value);
  }
  return value;
}

function serialized<T>(writer: DataSource, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(writer) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(writer, next.catch(() => undefined));
  return next;
}

export function inTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const writer = writerOf(db);
  if (isPostgres(writer)) return writer.transaction(work);
  return serialized(writer, () => writer.transaction(work));
}

/**
 * A single write outside a transaction (sessions, token last-use): on SQLite it waits its turn. `work`
 * gets the writing connection and must write through it: the services' own connection is read-only.
 */
export function serializedWrite<T>(db: DataSource, work: (writer: DataSource) => Promise<T>): Promise<T> {
  const writer = writerOf(db);
  if (isPostgres(writer)) return work(writer);
  return serialized(writer, () => work(writer));
}
