// API tokens: random, shown once, stored as sha256. Sent raw in Authorization (as CKAN clients do),
// as "Bearer TOKEN", or in X-CKAN-API-Key.
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor } from '../core/context';
import { isoAt, nowIso } from '../db/columns';
import { serializedWrite } from '../db/transaction';
import { ApiTokenEntity, UserEntity } from './entities';

export function newToken(): string {
  return `cat_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokenFromHeaders(headers: Record<string, string | string[] | undefined>): string | null {
  const raw = headers.authorization ?? headers['x-ckan-api-key'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) return null;
  return value.replace(/^Bearer\s+/i, '').trim() || null;
}

/** A token's last use is recorded at most this often: reads must not write on every call. */
const RECORD_USE_EVERY_MS = 60_000;
/** Token id → when this process last recorded its use (the row tells what other instances recorded). */
const recordedUse = new Map<string, number>();

/**
 * Records a token's use when neither the row nor this process has done so within the last minute, in
 * the background: the request does not wait for it, and a failed write is simply tried again next time.
 */
function recordTokenUse(db: DataSource, row: ApiTokenEntity): void {
  const now = Date.now();
  const recentlyRecorded = (recordedUse.get(row.id) ?? 0) > now - RECORD_USE_EVERY_MS
    || (!!row.lastAccess && row.lastAccess > isoAt(now - RECORD_USE_EVERY_MS));
  if (recentlyRecorded) return;
  if (recordedUse.size >= 10_000) recordedUse.clear();
  recordedUse.set(row.id, now);
  Promise.resolve()
    .then(() => serializedWrite(db, (writer) => writer.getRepository(ApiTokenEntity).update({ id: row.id }, { lastAccess: nowIso() })))
    .catch(() => recordedUse.delete(row.id));
}

/** The active user a token belongs to, or null. Notes, at most once a minute, that the token was used. */
export async function actorForToken(db: DataSource, token: string): Promise<Actor | null> {
  const row = await db.getRepository(ApiTokenEntity).findOneBy({ tokenHash: hashToken(token) });
  if (!row) return null;
  const user = await db.getRepository(UserEntity).findOneBy({ id: row.userId, state: 'active' });
  if (!user) return null;
  recordTokenUse(db, row);
  return { id: user.id, name: user.name, sysadmin: user.sysadmin };
}
