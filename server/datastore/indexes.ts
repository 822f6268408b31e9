// Column indexes on DataStore tables, as CKAN's datastore_create makes them from `indexes` (a list, or
// a comma-separated string, of fields or of lists of fields for a composite index). Without one an
// equality filter on a large table is a full scan (168 ms on 1,000,000 rows); with one it is a lookup.
// The unique index of the primary key is kept apart (records.ts replacePrimaryKey).
import { createHash } from 'node:crypto';
import { ValidationError } from '../core/errors';
import { Backend, DATASTORE_SCHEMA, SqlRunner } from './backend';
import { requireKnownFields } from './fields';
import { PositionalParams as Params } from '../db/params';
import { jsonParam } from './query';
import { Dialect, quoteIdent } from './sql';
import { DatastoreField } from './types';

/** One index: its columns, in order. */
export type IndexColumns = string[];

/** CKAN's `indexes`: "a,b" or ["a", ["b", "c"]] (as JSON text from a GET); each entry one index. */
export function indexesParam(value: unknown): IndexColumns[] {
  if (value === undefined || value === null || value === '') return [];
  const text = typeof value === 'string' ? value.trim() : null;
  const list = text?.startsWith('[') ? jsonParam(text, 'indexes') : value;
  const entries = Array.isArray(list) ? list : String(list).split(',');
  return entries.flatMap((entry): IndexColumns[] => {
    const columns = (Array.isArray(entry) ? entry : [entry]).map((c) => String(c).trim()).filter((c) => c !== '');
    return columns.length ? [columns] : [];
  });
}

export function checkedIndexes(fields: DatastoreField[], indexes: IndexColumns[]): IndexColumns[] {
  for (const columns of indexes) {
    requireKnownFields(fields, columns, 'indexes');
    if (new Set(columns).size !== columns.length) throw ValidationError.field('indexes', `Un indice nomina due volte lo stesso campo: ${columns.join(', ')}`);
  }
  // The same index asked twice is made once.
  const seen = new Set<string>();
  return indexes.filter((columns) => !seen.has(columns.join('\u0000')) && !!seen.add(columns.join('\u0000')));
}

/**
 * An index's name: PostgreSQL's names are per schema and at most 63 characters, so the table's name
 * (at most 55 characters here) and a digest of the columns.
 */
function indexName(table: string, columns: IndexColumns): string {
  const digest = createHash('sha1').update(columns.join('\u0000')).digest('hex').slice(0, 7);
  return `${table.slice(0, 55)}_${digest}`;
}

/** The statement that creates an index on a table (its plain name, not quoted). */
export function createIndexSql(table: string, columns: IndexColumns): string {
  return `CREATE INDEX ${quoteIdent(indexName(table, columns))} ON ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')})`;
}

/** Creates the indexes on a table (its plain name, not quoted). */
export async function createIndexes(tx: SqlRunner, table: string, indexes: IndexColumns[]): Promise<void> {
  for (const columns of indexes) await tx.run(createIndexSql(table, columns));
}

export interface TableIndex {
  name: string;
  unique: boolean;
  columns: string[];
}

/** The table's indexes (the primary key of `_id` left out). */
export async function tableIndexes(runner: SqlRunner, dialect: Dialect, table: string): Promise<TableIndex[]> {
  const p = new Params(dialect);
  const sql = dialect === 'sqlite'
    ? `SELECT l.name AS name, l."unique" AS "unique", json_group_array(i.name) AS columns FROM pragma_index_list(${p.add(table)}) AS l
       JOIN pragma_index_info(l.name) AS i WHERE l.origin = 'c' GROUP BY l.name ORDER BY l.name`
    : `SELECT c.relname AS name, ix.indisunique AS "unique",
         (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum)::text AS columns
       FROM pg_index ix JOIN pg_class c ON c.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = '${DATASTORE_SCHEMA}' AND t.relname = ${p.add(table)} AND NOT ix.indisprimary ORDER BY c.relname`;
  const rows = await runner.all<{ name: string; unique: unknown; columns: string }>(sql, p.values);
  return rows.map((r) => ({ name: r.name, unique: r.unique === true || r.unique === 1, columns: JSON.parse(r.columns) as string[] }));
}

/** datastore_create's `indexes`: the table's other indexes (not the primary key's) give way to these. */
export async function replaceIndexes(tx: SqlRunner, backend: Backend, table: string, indexes: IndexColumns[]): Promise<void> {
  for (const index of await tableIndexes(tx, backend.dialect, table)) {
    if (!index.unique) await tx.run(`DROP INDEX ${quoteIdent(index.name)}`);
  }
  await createIndexes(tx, table, indexes);
}
