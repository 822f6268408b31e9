// INSERT without TypeORM's extra statements: save() reads a row before writing it, and insert() reads
// back the columns that have defaults. The callers set every column, so one statement is enough.
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: T | T[]): Promise<void> {
  if (Array.isArray(rows) && !rows.length) return;
  await manager.createQueryBuilder().insert().into(target).values(rows as never).updateEntity(false).execute();
}
