// One email, one user: emails are compared trimmed and lower-cased, through a column of their own
// (`user.email_key`, unique) computed here rather than by the database's lower(), which SQLite and
// PostgreSQL fold differently (and which server/db/data-source.ts overrides on SQLite).
import { EntityManager, Not } from 'typeorm';
import { ValidationError } from '../core/errors';
import { uniqueViolation } from '../core/unique-violation';
import { UserEntity } from './entities';

const TAKEN = 'Questo indirizzo email è già usato da un altro utente';

/** The email as uniqueness sees it; null for no email (users made by the system have none). */
export function emailKey(email: string): string | null {
  const key = email.normalize('NFC').trim().toLowerCase();
  return key || null;
}

/** 409 on `email` when another user already has this email, in any case. */
export async function requireEmailFree(manager: EntityManager, email: string, userId?: string): Promise<void> {
  const key = emailKey(email);
  if (!key) return;
  const clash = await manager.getRepository(UserEntity).findOneBy(userId ? { emailKey: key, id: Not(userId) } : { emailKey: key });
  if (clash) throw ValidationError.field('email', TAKEN);
}

/** Two requests raced past requireEmailFree: the unique index speaks, as the same field error. */
export function emailRace(error: unknown): unknown {
  const violation = uniqueViolation(error);
  return violation && 'email_key' in violation.fields ? ValidationError.field('email', TAKEN) : error;
}
