// The resource page's data dictionary: each column's id, label (the original header), type in words,
// description, and a profile (empty cells, distinct values, minimum and maximum) computed by one
// aggregate query through datastore_search_sql, kept per table version because it reads the whole table.
import { Request } from 'express';
import { ActionContext } from '../core/context';
import { formatCount, formatValue, optionalAction, SearchField } from './resource-actions';
import { t } from './page';

/** CKAN's DataStore types and Frictionless Table Schema's, as the dictionary names them. */
const TYPE_KEYS: Record<string, string> = {
  int: 'integer', integer: 'integer', int4: 'integer', int8: 'integer', bigint: 'integer',
  numeric: 'number', number: 'number', float8: 'number', float: 'number',
  bool: 'boolean', boolean: 'boolean',
  date: 'date', timestamp: 'datetime', datetime: 'datetime',
  text: 'string', string: 'string', json: 'json', object: 'json', array: 'json',
};

/** "int" → "numero intero": the type in words, in the page's language. */
export function typeInWords(req: Request, type: string): string {
  const key = TYPE_KEYS[type];
  return key ? t(req, `dictionary.type.${key}`) : type;
}

/** The types an editor may choose for a column (CKAN's DataStore names). */
export const EDITABLE_TYPES = ['text', 'int', 'numeric', 'bool', 'date', 'timestamp', 'json'];

/** Past this many columns the profile's single query would be unreasonably long: the dictionary shows without it. */
const MAX_PROFILED_COLUMNS = 200;
const ORDERED = new Set(['integer', 'number', 'date', 'datetime']);

interface ColumnProfile { empty: number; distinct: number | null; min: unknown; max: unknown }

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** One read-only SELECT that profiles every column at once: a single pass over the table. */
export function profileSql(resourceId: string, fields: SearchField[]): string {
  const parts = ['COUNT(*) AS "n"'];
  fields.forEach((f, i) => {
    const column = quoted(f.id);
    const kind = TYPE_KEYS[f.type];
    parts.push(`COUNT(${column}) AS "f${i}"`);
    // JSON values have no equality on PostgreSQL, booleans no order: those parts are left out.
    if (kind !== 'json') parts.push(`COUNT(DISTINCT ${column}) AS "d${i}"`);
    if (ORDERED.has(kind)) parts.push(`MIN(${column}) AS "lo${i}"`, `MAX(${column}) AS "hi${i}"`);
  });
  return `SELECT ${parts.join(', ')} FROM ${quoted(resourceId)}`;
}

const cache = new Map<string, { profile: ColumnProfile[]; at: number }>();
const CACHE_ENTRIES = 200;
/** datastore_upsert can change values without changing the version: a kept profile lives this long at most. */
const CACHE_MS = 5 * 60 * 1000;

function remember(key: string, profile: ColumnProfile[]): void {
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { profile, at: Date.now() });
}

function kept(key: string): ColumnProfile[] | null {
  const entry = cache.get(key);
  return entry && Date.now() - entry.at < CACHE_MS ? entry.profile : null;
}

/**
 * The columns' profiles, or null when datastore_search_sql is not there or refuses. `version` changes
 * when the table is made again (the dataset's metadata_modified) or its row count changes.
 */
export async function columnProfiles(ctx: ActionContext, resourceId: string, fields: SearchField[], version: string): Promise<ColumnProfile[] | null> {
  if (fields.length === 0 || fields.length > MAX_PROFILED_COLUMNS) return null;
  const key = `${resourceId}|${version}|${fields.map((f) => `${f.id}:${f.type}`).join(',')}`;
  const known = kept(key);
  if (known) return known;
  const result = await optionalAction<{ records: Record<string, unknown>[] }>('datastore_search_sql', ctx, { sql: profileSql(resourceId, fields) });
  const row = result?.records?.[0];
  if (!row) return null;
  const rows = Number(row.n);
  const profile = fields.map((_f, i) => ({
    empty: rows - Number(row[`f${i}`]),
    distinct: row[`d${i}`] === undefined ? null : Number(row[`d${i}`]),
    min: row[`lo${i}`] ?? null,
    max: row[`hi${i}`] ?? null,
  }));
  remember(key, profile);
  return profile;
}

/** What views/partials/resource-dictionary.hbs shows. */
export function dictionaryView(req: Request, fields: SearchField[], profiles: ColumnProfile[] | null) {
  const lang = req.lang ?? 'it';
  return {
    caption: t(req, 'dictionary.caption'),
    profiled: profiles !== null,
    columns: fields.map((f, i) => ({
      id: f.id,
      label: f.info?.label ?? '',
      type: typeInWords(req, f.type),
      description: f.info?.notes ?? '',
      profile: profiles ? {
        empty: formatCount(profiles[i].empty, lang),
        distinct: profiles[i].distinct === null ? '' : formatCount(profiles[i].distinct!, lang),
        min: formatValue(profiles[i].min, lang),
        max: formatValue(profiles[i].max, lang),
      } : null,
    })),
  };
}
