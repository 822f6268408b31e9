// The DataStore's own record of its tables (CKAN keeps this in PostgreSQL's comments and catalog):
// one row per resource with its fields (and their data dictionary `info`), primary key and row count.
import { Backend, SqlRunner } from './backend';
import { PositionalParams as Params } from '../db/params';
import { DatastoreField } from './types';

export const METADATA_TABLE = '_table_metadata';

export interface TableMeta {
  fields: DatastoreField[];
  primaryKey: string[];
  rows: number;
}

export async function ensureMetadataTable(backend: Backend): Promise<void> {
  await backend.run(`CREATE TABLE IF NOT EXISTS "${METADATA_TABLE}" (resource_id text PRIMARY KEY, fields text NOT NULL, primary_key text NOT NULL, row_count bigint NOT NULL, updated text NOT NULL)`);
}

interface MetaRow {
  fields: string;
  primary_key: string;
  row_count: number | string;
}

export async function readMeta(runner: SqlRunner, dialect: Backend['dialect'], resourceId: string): Promise<TableMeta | null> {
  const p = new Params(dialect);
  const [row] = await runner.all<MetaRow>(`SELECT fields, primary_key, row_count FROM "${METADATA_TABLE}" WHERE resource_id = ${p.add(resourceId)}`, p.values);
  if (!row) return null;
  return { fields: JSON.parse(row.fields), primaryKey: JSON.parse(row.primary_key), rows: Number(row.row_count) };
}

export async function writeMeta(tx: SqlRunner, dialect: Backend['dialect'], resourceId: string, meta: TableMeta): Promise<void> {
  const p = new Params(dialect);
  const values = [resourceId, JSON.stringify(meta.fields), JSON.stringify(meta.primaryKey), meta.rows, new Date().toISOString()].map((v) => p.add(v));
  await tx.run(
    `INSERT INTO "${METADATA_TABLE}" (resource_id, fields, primary_key, row_count, updated) VALUES (${values.join(', ')}) ` +
      'ON CONFLICT (resource_id) DO UPDATE SET fields = excluded.fields, primary_key = excluded.primary_key, row_count = excluded.row_count, updated = excluded.updated',
    p.values,
  );
}

export async function deleteMeta(tx: SqlRunner, dialect: Backend['dialect'], resourceId: string): Promise<void> {
  const p = new Params(dialect);
  await tx.run(`DELETE FROM "${METADATA_TABLE}" WHERE resource_id = ${p.add(resourceId)}`, p.values);
}

/** The resource ids among these table names (the names of resource tables are their resources' ids). */
export async function knownTables(runner: SqlRunner, dialect: Backend['dialect'], names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const p = new Params(dialect);
  const list = names.map((n) => p.add(n)).join(', ');
  const rows = await runner.all<{ resource_id: string }>(`SELECT resource_id FROM "${METADATA_TABLE}" WHERE resource_id IN (${list})`, p.values);
  return rows.map((r) => r.resource_id);
}
