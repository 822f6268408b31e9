// Read-modify-write without lost updates: a patch reads the row it merges into inside its own write
// transaction, with the row locked, so that a concurrent write to it waits for this one to commit.
// PostgreSQL locks the row (SELECT ... FOR UPDATE); SQLite needs no lock, because its write queue
// (db/transaction.ts) runs one transaction at a time: the read only has to happen inside it.
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { isPostgres } from '../db/dialect';

/** The row with this id, as it is now, locked until the caller's transaction ends; null if there is none. */
export async function lockedRow<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, id: string): Promise<T | null> {
  const query = manager.getRepository(target).createQueryBuilder('row').where('row.id = :id', { id });
  if (isPostgres(manager.dataSource)) query.setLock('pessimistic_write');
  return query.getOne();
}
