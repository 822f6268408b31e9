// A unique index refusing a row, from either database, as the field error the action's own check gives.
import { ValidationError } from './errors';

/**
 * A unique index refusing a row: two requests raced past the action's own duplicate check (on
 * PostgreSQL, each in its own transaction). It is the same conflict as the check reports: 409 on the field.
 */
export function uniqueViolation(error: unknown): ValidationError | null {
  const e = error as { code?: string; detail?: string; message?: string } | null;
  if (!e || typeof e !== 'object') return null;
  const pg = e.code === '23505' ? /Key \(([^)]+)\)/.exec(e.detail ?? '') : null;
  const sqlite = /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(e.code ?? '') ? /constraint failed: \w+\.(\w+)/.exec(e.message ?? '') : null;
  const match = pg ?? sqlite;
  if (!match) return null;
  const field = match[1].split(',')[0].trim().replace(/"/g, '');
  return ValidationError.field(field, 'Valore già in uso: un altro utente lo ha appena registrato, scegline un altro');
}
