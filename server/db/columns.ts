// Column helpers shared by the entities: the same declaration must work on SQLite and PostgreSQL.
import { ValueTransformer } from 'typeorm';

/** pg returns BIGINT as a string; the API wants numbers. */
export const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

/** JSON kept as text: identical on both databases, and never queried inside. */
export const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? null : JSON.stringify(value)),
  from: (value: string | null) => (value === null || value === undefined ? null : JSON.parse(value)),
};

let lastMicros = 0;

/**
 * Timestamps are stored as ISO-8601 text with microseconds, as CKAN prints them: sortable and identical
 * on both databases. Within a process they strictly increase, so two changes in the same millisecond
 * (an activity and the next one) still sort in the order they happened.
 */
export function nowIso(): string {
  lastMicros = Math.max(Date.now() * 1000, lastMicros + 1);
  const millis = Math.floor(lastMicros / 1000);
  const micros = String(lastMicros % 1000).padStart(3, '0');
  return new Date(millis).toISOString().replace('Z', micros);
}

/** The stored form of an instant given in milliseconds (as nowIso writes it), e.g. 2025-01-31T09:00:00.000000. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000');
}
