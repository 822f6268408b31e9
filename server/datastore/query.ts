// datastore_search's parameters turned into one parameterised SELECT, for either database: filters
// (a value or a list per field), q (words over the whole row, or per field), distinct, fields, sort,
// limit/offset and the keyset cursor. Every field name is checked against the table's fields first.
import { ValidationError } from '../core/errors';
import { requireKnownFields } from './fields';
import { PositionalParams as Params } from '../db/params';
import { Dialect, quoteIdent, toStored } from './sql';
import { DatastoreField, DatastoreType } from './types';
import { checkValue } from './values';

export const ID_FIELD: DatastoreField = { id: '_id', type: 'int' };

export interface QueryInput {
  filters?: unknown;
  q?: unknown;
  distinct?: boolean;
  fields?: unknown;
  sort?: unknown;
  /** The last `_id` of the previous page (from the keyset cursor). */
  afterId?: number;
}

export interface BuiltQuery {
  /** The fields returned, `_id` first unless `fields` says otherwise. */
  fields: DatastoreField[];
  /** FROM ... WHERE ..., shared by the page and the total. */
  from: string;
  select: string;
  orderBy: string;
  params: Params;
  /** True when rows come in `_id` order, so that a keyset cursor can continue them. */
  byId: boolean;
}

/** A JSON parameter that GET requests send as text (CKAN's json_validator). */
export function jsonParam(value: unknown, name: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw ValidationError.field(name, `${name} non è JSON valido`);
  }
}

/** A list given as a list or as a comma-separated string. */
export function listParam(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value) ? value : String(value).split(',');
  return list.map((item) => String(item).trim()).filter((item) => item !== '');
}

function unquoted(name: string): string {
  const m = /^"((?:[^"]|"")+)"$/.exec(name);
  return m ? m[1].replace(/""/g, '"') : name;
}

export interface SortKey {
  field: string;
  desc: boolean;
}

export function parseSort(value: unknown): SortKey[] {
  return listParam(value).map((part) => {
    const m = /^(.+?)(?:\s+(asc|desc))?$/i.exec(part)!;
    return { field: unquoted(m[1].trim()), desc: (m[2] ?? '').toLowerCase() === 'desc' };
  });
}

function fieldMap(fields: DatastoreField[]): Map<string, DatastoreType> {
  return new Map([ID_FIELD, ...fields].map((f) => [f.id, f.type]));
}

/** The whole row as text, for q over every field. */
function rowText(dialect: Dialect, fields: DatastoreField[]): string {
  const cast = (f: DatastoreField) => (dialect === 'sqlite' ? `coalesce(CAST(${quoteIdent(f.id)} AS TEXT), '')` : `coalesce(${quoteIdent(f.id)}::text, '')`);
  return `lower(${fields.map(cast).join(` || ' ' || `) || "''"})`;
}

function contains(dialect: Dialect, haystack: string, placeholder: string): string {
  return dialect === 'sqlite' ? `instr(${haystack}, lower(${placeholder})) > 0` : `strpos(${haystack}, lower(${placeholder})) > 0`;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean).slice(0, 20);
}

function filterConditions(dialect: Dialect, types: Map<string, DatastoreType>, filters: Record<string, unknown>, p: Params): string[] {
  return Object.entries(filters).map(([field, value]) => {
    const type = types.get(field)!;
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) return '1 = 0';
    for (const v of values) checkValue(field, type, v, 'filters');
    const column = quoteIdent(field);
    const stored = values.map((v) => (v === null ? null : toStored(dialect, type, v as never)));
    const nonNull = stored.filter((v) => v !== null).map((v) => p.add(v));
    const parts = nonNull.length ? [`${column} IN (${nonNull.join(', ')})`] : [];
    if (stored.includes(null)) parts.push(`${column} IS NULL`);
    return `(${parts.join(' OR ')})`;
  });
}

function qConditions(dialect: Dialect, fields: DatastoreField[], q: unknown, p: Params): string[] {
  if (q === undefined || q === null || q === '') return [];
  if (typeof q === 'string') return words(q).map((word) => contains(dialect, rowText(dialect, fields), p.add(word)));
  if (typeof q !== 'object' || Array.isArray(q)) throw ValidationError.field('q', 'q è un testo oppure un oggetto {"campo": "testo"}');
  const byField = q as Record<string, unknown>;
  requireKnownFields(fields, Object.keys(byField), 'q');
  return Object.entries(byField).flatMap(([field, text]) => {
    const column = rowText(dialect, [fields.find((f) => f.id === field) ?? ID_FIELD]);
    return words(String(text ?? '')).map((word) => contains(dialect, column, p.add(word)));
  });
}

function checkedFilters(fields: DatastoreField[], value: unknown): Record<string, unknown> {
  const filters = jsonParam(value, 'filters') ?? {};
  if (typeof filters !== 'object' || Array.isArray(filters)) throw ValidationError.field('filters', 'filters è un oggetto {"campo": valore o [valori]}');
  requireKnownFields(fields, Object.keys(filters), 'filters');
  return filters as Record<string, unknown>;
}

/** WHERE for filters and q (datastore_search, datastore_delete, dumps). */
export function whereClause(dialect: Dialect, fields: DatastoreField[], input: QueryInput, p: Params): string[] {
  const types = fieldMap(fields);
  const conditions = filterConditions(dialect, types, checkedFilters(fields, input.filters), p);
  // q is words, or per field as an object (which a GET sends as JSON text).
  const q = typeof input.q === 'string' && input.q.trim().startsWith('{') ? jsonParam(input.q, 'q') : input.q;
  conditions.push(...qConditions(dialect, fields, q, p));
  if (input.afterId !== undefined) conditions.push(`"_id" > ${p.add(input.afterId)}`);
  return conditions;
}

function orderClause(sort: SortKey[], selected: string[], distinct: boolean): { sql: string; byId: boolean } {
  const keys = [...sort];
  if (distinct && keys.some((k) => !selected.includes(k.field))) {
    throw ValidationError.field('sort', 'Con distinct si può ordinare solo per i campi restituiti (fields)');
  }
  const tieBreak = !distinct || selected.includes('_id');
  if (tieBreak && !keys.some((k) => k.field === '_id')) keys.push({ field: '_id', desc: false });
  if (keys.length === 0) keys.push(...selected.map((field) => ({ field, desc: false })));
  const byId = keys[0]?.field === '_id' && !keys[0].desc;
  // PostgreSQL's default null order, written out so that SQLite sorts the same way.
  const sql = keys.map((k) => `${quoteIdent(k.field)} ${k.desc ? 'DESC NULLS FIRST' : 'ASC NULLS LAST'}`).join(', ');
  return { sql, byId };
}

export function buildQuery(dialect: Dialect, table: string, tableFields: DatastoreField[], input: QueryInput): BuiltQuery {
  const requested = listParam(input.fields).map(unquoted);
  requireKnownFields(tableFields, requested, 'fields');
  const all = [ID_FIELD, ...tableFields];
  const fields = requested.length ? requested.map((id) => all.find((f) => f.id === id)!) : all;
  const sort = parseSort(input.sort);
  requireKnownFields(tableFields, sort.map((k) => k.field), 'sort');
  const p = new Params(dialect);
  const conditions = whereClause(dialect, tableFields, input, p);
  const from = `FROM ${quoteIdent(table)}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
  const columns = fields.map((f) => quoteIdent(f.id)).join(', ');
  const select = `SELECT ${input.distinct ? 'DISTINCT ' : ''}${columns}`;
  const order = orderClause(sort, fields.map((f) => f.id), !!input.distinct);
  return { fields, from, select, orderBy: order.sql ? `ORDER BY ${order.sql}` : '', params: p, byId: order.byId && !input.distinct };
}
