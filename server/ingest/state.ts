// Reading and writing a resource's load row (resource_load), each write a short transaction of its own.
import { DataSource, EntityManager } from 'typeorm';
import { nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import { LoadStatus, ResourceLoadEntity } from './entities';

export function loadRow(db: DataSource | EntityManager, resourceId: string): Promise<ResourceLoadEntity | null> {
  return db.getRepository(ResourceLoadEntity).findOneBy({ resourceId });
}

/** A load waiting for its job: a new row, or the last one with its dictionary and corrections kept. */
export async function markPending(m: EntityManager, resourceId: string, fileId: string | null, jobId: string): Promise<void> {
  const now = nowIso();
  const repo = m.getRepository(ResourceLoadEntity);
  const reset = { status: 'pending' as LoadStatus, fileId, jobId, rowsRead: 0, percent: 0, error: null, errorEn: null, started: null, finished: null, updated: now };
  const existing = await repo.findOneBy({ resourceId });
  if (existing) await repo.update({ resourceId }, reset);
  else {
    await repo.insert(Object.assign(new ResourceLoadEntity(), {
      resourceId, format: null, encoding: null, delimiter: null, rows: null, columns: null, report: null, dictionary: null, overrides: null, created: now, ...reset,
    }));
  }
}

export function updateLoad(db: DataSource, resourceId: string, fields: Partial<ResourceLoadEntity>): Promise<void> {
  return inTransaction(db, async (m) => {
    await m.getRepository(ResourceLoadEntity).update({ resourceId }, { ...fields, updated: nowIso() } as never);
  });
}
