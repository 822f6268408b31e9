// PostgreSQL: the DataStore's tables live in the schema `datastore` (datastore/backend.ts), made by
// loads, not by migrations. The dump carries each table's shape (columns with their types, the `_id`
// serial, the primary key, the unique indexes) in its file's header; the restore creates the tables
// again from it, loads the rows, rebuilds the indexes and sets each `_id` sequence past the last row.
// Tables of loads still running (`_load_...`) are half-made: left out.
import { Client } from 'pg';
import { DATASTORE_SCHEMA } from '../../datastore/backend';
import { loadTableOwner } from '../../datastore/load';
import { BackupRefused } from './manifest';

export { DATASTORE_SCHEMA };

export interface TableShape {
  columns: { name: string; type: string; serial: boolean }[];
  primaryKey: string[];
  indexes: { name: string; unique: boolean; columns: string[] }[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const datastoreTable = (table: string) => `${quote(DATASTORE_SCHEMA)}.${quote(table)}`;

/** The DataStore's finished tables (none when the schema does not exist). */
export async function datastoreTables(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`, [DATASTORE_SCHEMA],
  );
  return rows.map((row) => row.name).filter((name) => !loadTableOwner(name));
}

export async function tableShape(client: Client, table: string): Promise<TableShape> {
  const relation = datastoreTable(table);
  const { rows: columns } = await client.query<{ name: string; type: string; serial: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       (pg_get_serial_sequence($1, a.attname) IS NOT NULL)::text AS serial
     FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`, [relation],
  );
  const { rows: indexes } = await client.query<{ name: string; unique: string; primary: string; columns: string }>(
    `SELECT i.relname AS name, ix.indisunique::text AS unique, ix.indisprimary::text AS primary,
       (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum)::text AS columns
     FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid WHERE ix.indrelid = $1::regclass ORDER BY i.relname`, [relation],
  );
  const parsed = indexes.map((index) => ({ name: index.name, unique: index.unique === 'true', primary: index.primary === 'true', columns: JSON.parse(index.columns) as string[] }));
  return {
    columns: columns.map((column) => ({ name: column.name, type: column.type, serial: column.serial === 'true' })),
    primaryKey: parsed.find((index) => index.primary)?.columns ?? [],
    indexes: parsed.filter((index) => !index.primary).map(({ name, unique, columns: cols }) => ({ name, unique, columns: cols })),
  };
}

/** A type name as format_type writes it (`text`, `numeric(10,2)`, `timestamp without time zone`, `text[]`): nothing else goes into SQL. */
const PLAIN_TYPE = /^[a-z][a-z0-9 ]{0,60}(\(\d+(,\d+)?\))?(\[\])?$/;

function checkedShape(table: string, shape: TableShape | undefined): TableShape {
  const valid = shape && Array.isArray(shape.columns) && shape.columns.length > 0 && Array.isArray(shape.primaryKey) && Array.isArray(shape.indexes)
    && shape.columns.every((c) => typeof c.name === 'string' && typeof c.type === 'string' && PLAIN_TYPE.test(c.type))
    && shape.indexes.every((i) => typeof i.name === 'string' && Array.isArray(i.columns) && i.columns.every((c) => typeof c === 'string'))
    && shape.primaryKey.every((c) => typeof c === 'string');
  if (!valid) throw new BackupRefused(`Archivio non valido: la forma della tabella ${table} del DataStore non è leggibile.`);
  return shape!;
}

/** Creates an archived DataStore table, empty, with its primary key (the indexes come after the rows). */
export async function createDatastoreTable(client: Client, table: string, archived: TableShape | undefined): Promise<TableShape> {
  const shape = checkedShape(table, archived);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${quote(DATASTORE_SCHEMA)}`);
  const columns = shape.columns.map((c) => `${quote(c.name)} ${c.serial ? (c.type === 'integer' ? 'serial' : 'bigserial') : c.type}`);
  if (shape.primaryKey.length) columns.push(`PRIMARY KEY (${shape.primaryKey.map(quote).join(', ')})`);
  await client.query(`CREATE TABLE ${datastoreTable(table)} (${columns.join(', ')})`);
  return shape;
}

/** After the rows: the unique indexes, and each serial's sequence set past the highest value. */
export async function finishDatastoreTable(client: Client, table: string, shape: TableShape): Promise<void> {
  for (const index of shape.indexes) {
    await client.query(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quote(index.name)} ON ${datastoreTable(table)} (${index.columns.map(quote).join(', ')})`);
  }
  for (const column of shape.columns.filter((c) => c.serial)) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quote(column.name)}) FROM ${datastoreTable(table)}), 0) + 1, false)`,
      [datastoreTable(table), column.name],
    );
  }
}
