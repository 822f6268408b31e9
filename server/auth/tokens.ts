// API tokens: random, shown once, stored as sha256. Sent raw in Authorization (as CKAN clients do),
// as "Bearer TOKEN", or in X-CKAN-API-Key.
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor } from '../core/context';
import { nowIso } from '../db/columns';
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

/** The active user a token belongs to, or null. Records when the token was last used. */
export async function actorForToken(db: DataSource, token: string): Promise<Actor | null> {
  const row = await db.getRepository(ApiTokenEntity).findOneBy({ tokenHash: hashToken(token) });
  if (!row) return null;
  const user = await db.getRepository(UserEntity).findOneBy({ id: row.userId, state: 'active' });
  if (!user) return null;
  await serializedWrite(db, (writer) => writer.getRepository(ApiTokenEntity).update({ id: row.id }, { lastAccess: nowIso() }));
  return { id: user.id, name: user.name, sysadmin: user.sysadmin };
}
