// Records who did what: called by every write action, inside its transaction.
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { nowIso } from '../db/columns';
import { ActivityEntity } from './entities';

export type ActivityType =
  | 'new package' | 'changed package' | 'deleted package'
  | 'new organization' | 'changed organization' | 'deleted organization'
  | 'new group' | 'changed group'
  | 'new user';

export async function recordActivity(
  manager: EntityManager,
  entry: { userId: string | null; objectId: string; ownerOrg?: string | null; type: ActivityType; data: Record<string, unknown> },
): Promise<void> {
  const row: ActivityEntity = {
    id: randomUUID(),
    timestamp: nowIso(),
    userId: entry.userId,
    objectId: entry.objectId,
    ownerOrg: entry.ownerOrg ?? null,
    activityType: entry.type,
    data: entry.data,
  };
  await manager.getRepository(ActivityEntity).insert(row as never);
}
