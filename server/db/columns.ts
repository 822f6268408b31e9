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

/** Timestamps are stored as ISO-8601 text, as CKAN prints them: sortable and identical on both databases. */
export function nowIso(): string {
  return new Date().toISOString().replace('Z', '');
}
