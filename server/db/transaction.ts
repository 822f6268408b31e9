// Transactions that behave the same on both databases. SQLite (better-sqlite3) has a single
// connection: two interleaved transactions would nest and fail, and a stray write from another request
// would join an open transaction. So on SQLite every write runs one at a time, behind a queue.
// PostgreSQL gives each transaction its own pooled connection and needs no queue.
import { DataSource, EntityManager } from 'typeorm';
import { isPostgres } from './dialect';

const queues = new WeakMap<DataSource, Promise<unknown>>();

function serialized<T>(db: DataSource, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(db, next.catch(() => undefined));
  return next;
}

export function inTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (isPostgres(db)) return db.transaction(work);
  return serialized(db, () => db.transaction(work));
}

/** A single write outside a transaction (sessions, token last-use): on SQLite it waits its turn. */
export function serializedWrite<T>(db: DataSource, work: () => Promise<T>): Promise<T> {
  if (isPostgres(db)) return work();
  return serialized(db, work);
}
