// The writes of datastore_create, datastore_upsert and datastore_delete on a resource's table.
import { NotFound, ValidationError } from '../core/errors';
import { Backend, SqlRunner } from './backend';
import { requireKnownFields } from './fields';
import { checkedIndexes, IndexColumns, replaceIndexes } from './indexes';
import { appendRows } from './append';
import { uniqueIndexSql } from './load';
import { readMeta, TableMeta, writeMeta } from './metadata';
import { PositionalParams as Params } from '../db/params';
import { whereClause } from './query';
import { columnType, createTableSql, quoteIdent, toStored } from './sql';
import { DatastoreField, DatastoreValue } from './types';
import { checkValue } from './values';

export type DatastoreRecord = Record<string, unknown>;
export type UpsertMethod = 'insert' | 'update' | 'upsert';

function checkedRecords(fields: DatastoreField[], records: DatastoreRecord[], allowId: boolean): void {
  records.forEach((record, i) => {
    if (!record || typeof record !== 'object' || Array.isArray(record)) throw ValidationError.field('records', `Riga ${i + 1}: ogni record è un oggetto {"campo": valore}`);
    const keys = Object.keys(record).filter((k) => !(allowId && k === '_id'));
    requireKnownFields(fields, keys, 'records');
    for (const field of fields) checkValue(field.id, field.type, record[field.id], 'records', i);
  });
}

async function countRows(tx: SqlRunner, table: string): Promise<number> {
  const [row] = await tx.all<{ n: number | string }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`);
  return Number(row.n);
}

async function uniqueIndexes(tx: SqlRunner, backend: Backend, table: string): Promise<string[]> {
  const p = new Params(backend.dialect);
  const sql = backend.dialect === 'sqlite'
    ? `SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ${p.add(table)} AND sql LIKE 'CREATE UNIQUE INDEX%'`
    : `SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'datastore' AND tablename = ${p.add(table)} AND indexdef LIKE 'CREATE UNIQUE INDEX%' AND indexname NOT LIKE '%pkey'`;
  return (await tx.all<{ name: string }>(sql, p.values)).map((r) => r.name);
}

async function replacePrimaryKey(tx: SqlRunner, backend: Backend, resourceId: string, primaryKey: string[]): Promise<void> {
  for (const name of await uniqueIndexes(tx, backend, resourceId)) await tx.run(`DROP INDEX ${quoteIdent(name)}`);
  if (primaryKey.length) await tx.run(uniqueIndexSql(quoteIdent(resourceId), `${resourceId.slice(0, 50)}_pk`, primaryKey));
}

/** Merges datastore_create's fields into the table's: new ones are added, a known one keeps its type. */
function mergedFields(current: DatastoreField[], given: DatastoreField[]): { fields: DatastoreField[]; added: DatastoreField[] } {
  const added: DatastoreField[] = [];
  const fields = current.map((f) => ({ ...f }));
  for (const g of given) {
    const existing = fields.find((f) => f.id === g.id);
    if (!existing) {
      fields.push(g);
      added.push(g);
    } else if (existing.type !== g.type) {
      throw ValidationError.field('fields', `Il campo "${g.id}" è già di tipo ${existing.type}: non si può cambiare in ${g.type} con datastore_create`);
    } else if (g.info) existing.info = g.info;
  }
  return { fields, added };
}

export interface TableDesign {
  fields: DatastoreField[];
  primaryKey?: string[];
  /** Given: they replace the table's other indexes (CKAN); absent: those stay. */
  indexes?: IndexColumns[];
}

/** Creates the table, or adds fields and changes the key (and indexes) of the one there is; then inserts the records. */
export async function createOrExtend(backend: Backend, resourceId: string, design: TableDesign, records: DatastoreRecord[]): Promise<TableMeta> {
  const { fields: given, primaryKey, indexes } = design;
  return backend.write(async (tx) => {
    const current = await readMeta(tx, backend.dialect, resourceId);
    const table = quoteIdent(resourceId);
    const { fields, added } = mergedFields(current?.fields ?? [], given);
    if (!current) await tx.run(createTableSql(backend.dialect, table, fields));
    else for (const f of added) await tx.run(`ALTER TABLE ${table} ADD COLUMN ${quoteIdent(f.id)} ${columnType(backend.dialect, f.type)}`);
    const key = primaryKey ?? current?.primaryKey ?? [];
    requireKnownFields(fields, key, 'primary_key');
    if (primaryKey && (!current || primaryKey.join('\u0000') !== current.primaryKey.join('\u0000'))) await replacePrimaryKey(tx, backend, resourceId, key);
    if (indexes) await replaceIndexes(tx, backend, resourceId, checkedIndexes(fields, indexes));
    checkedRecords(fields, records, false);
    await insertRecords(tx, backend, resourceId, fields, records);
    const meta = { fields, primaryKey: key, rows: await countRows(tx, resourceId) };
    await writeMeta(tx, backend.dialect, resourceId, meta);
    return meta;
  });
}

async function insertRecords(tx: SqlRunner, backend: Backend, resourceId: string, fields: DatastoreField[], records: DatastoreRecord[]): Promise<void> {
  const rows = records.map((r) => fields.map((f) => (r[f.id] ?? null) as DatastoreValue));
  await appendRows(tx, backend.dialect, quoteIdent(resourceId), fields, rows);
}

function keyOf(meta: TableMeta): string[] {
  return meta.primaryKey.length ? meta.primaryKey : ['_id'];
}

function typeOf(meta: TableMeta, id: string) {
  return id === '_id' ? 'int' as const : meta.fields.find((f) => f.id === id)!.type;
}

async function writeRecord(tx: SqlRunner, backend: Backend, resourceId: string, meta: TableMeta, record: DatastoreRecord, method: 'update' | 'upsert', index: number): Promise<void> {
  const key = keyOf(meta);
  const missing = key.filter((k) => record[k] === undefined || record[k] === null);
  if (missing.length) throw ValidationError.field('records', `Riga ${index + 1}: manca il valore della chiave ${missing.map((k) => `"${k}"`).join(', ')}`);
  const p = new Params(backend.dialect);
  const columns = Object.keys(record).filter((k) => k !== '_id' || key.includes('_id'));
  const value = (k: string) => p.add(toStored(backend.dialect, typeOf(meta, k), record[k] as DatastoreValue));
  const table = quoteIdent(resourceId);
  const others = columns.filter((c) => !key.includes(c));
  if (method === 'update') {
    if (others.length === 0) return;
    const sets = others.map((c) => `${quoteIdent(c)} = ${value(c)}`).join(', ');
    const where = key.map((k) => `${quoteIdent(k)} = ${value(k)}`).join(' AND ');
    if ((await tx.run(`UPDATE ${table} SET ${sets} WHERE ${where}`, p.values)) === 0) {
      throw ValidationError.field('records', `Riga ${index + 1}: nessun record con chiave ${key.map((k) => `${k}=${JSON.stringify(record[k])}`).join(', ')}`);
    }
    return;
  }
  const placeholders = columns.map(value);
  const onConflict = others.length ? `DO UPDATE SET ${others.map((c) => `${quoteIdent(c)} = excluded.${quoteIdent(c)}`).join(', ')}` : 'DO NOTHING';
  await tx.run(`INSERT INTO ${table} (${columns.map(quoteIdent).join(', ')}) VALUES (${placeholders.join(', ')}) ON CONFLICT (${key.map(quoteIdent).join(', ')}) ${onConflict}`, p.values);
}

export async function upsertRecords(backend: Backend, resourceId: string, records: DatastoreRecord[], method: UpsertMethod): Promise<TableMeta> {
  return backend.write(async (tx) => {
    const meta = await readMeta(tx, backend.dialect, resourceId);
    if (!meta) throw new NotFound(`La risorsa ${resourceId} non ha una tabella nel DataStore`);
    checkedRecords(meta.fields, records, method !== 'insert');
    if (method === 'insert') await insertRecords(tx, backend, resourceId, meta.fields, records);
    else for (const [i, record] of records.entries()) await writeRecord(tx, backend, resourceId, meta, record, method, i);
    const updated = { ...meta, rows: await countRows(tx, resourceId) };
    await writeMeta(tx, backend.dialect, resourceId, updated);
    return updated;
  });
}

/** Deletes the rows the filters select (all of them for `{}`); the table stays. */
export async function deleteRows(backend: Backend, resourceId: string, filters: unknown): Promise<number> {
  return backend.write(async (tx) => {
    const meta = await readMeta(tx, backend.dialect, resourceId);
    if (!meta) throw new NotFound(`La risorsa ${resourceId} non ha una tabella nel DataStore`);
    const p = new Params(backend.dialect);
    const conditions = whereClause(backend.dialect, meta.fields, { filters }, p);
    const deleted = await tx.run(`DELETE FROM ${quoteIdent(resourceId)}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`, p.values);
    await writeMeta(tx, backend.dialect, resourceId, { ...meta, rows: await countRows(tx, resourceId) });
    return deleted;
  });
}
