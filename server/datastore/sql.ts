// The DataStore's SQL vocabulary for both databases: one identifier quoting helper, CKAN's column types
// mapped to each database's, and values converted to and from what each driver stores.
import { DatastoreField, DatastoreType, DatastoreValue } from './types';

export type Dialect = 'sqlite' | 'postgres';

export const DATASTORE_TYPES: readonly DatastoreType[] = ['text', 'int', 'numeric', 'bool', 'date', 'timestamp', 'json'];

/** CKAN's aliases for its types (ckanext-datastore accepts the PostgreSQL names too). */
const TYPE_ALIASES: Record<string, DatastoreType> = {
  text: 'text', int: 'int', int4: 'int', int8: 'int', integer: 'int', bigint: 'int', numeric: 'numeric',
  float: 'numeric', float8: 'numeric', number: 'numeric', bool: 'bool', boolean: 'bool', date: 'date',
  timestamp: 'timestamp', datetime: 'timestamp', json: 'json', jsonb: 'json', string: 'text',
};

/** The DataStore type a name stands for, or undefined. */
export function datastoreType(name: string): DatastoreType | undefined {
  return TYPE_ALIASES[name.trim().toLowerCase()];
}

/** The only way an identifier reaches SQL: double-quoted, inner quotes doubled, NUL refused. */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('Identificatore non valido');
  return `"${name.replace(/"/g, '""')}"`;
}

const COLUMN_TYPES: Record<Dialect, Record<DatastoreType, string>> = {
  sqlite: { text: 'TEXT', int: 'INTEGER', numeric: 'REAL', bool: 'BOOLEAN', date: 'DATE', timestamp: 'TIMESTAMP', json: 'JSON' },
  postgres: { text: 'text', int: 'bigint', numeric: 'numeric', bool: 'boolean', date: 'date', timestamp: 'timestamp', json: 'jsonb' },
};

export function columnType(dialect: Dialect, type: DatastoreType): string {
  return COLUMN_TYPES[dialect][type];
}

/** CREATE TABLE for a resource's table: `_id` first, as in CKAN, then the fields in order. */
export function createTableSql(dialect: Dialect, table: string, fields: DatastoreField[]): string {
  const id = dialect === 'sqlite' ? '"_id" INTEGER PRIMARY KEY' : '"_id" bigserial PRIMARY KEY';
  const columns = fields.map((f) => `${quoteIdent(f.id)} ${columnType(dialect, f.type)}`);
  return `CREATE TABLE ${table} (${[id, ...columns].join(', ')})`;
}

/** A value as the database stores it; anything the column cannot hold is left for the database to refuse. */
export function toStored(dialect: Dialect, type: DatastoreType, value: DatastoreValue | undefined): unknown {
  if (value === null || value === undefined || value === '') return type === 'text' && value === '' ? '' : null;
  switch (type) {
    case 'bool':
      if (typeof value === 'string') return storedBool(dialect, value);
      return dialect === 'sqlite' ? (value ? 1 : 0) : Boolean(value);
    case 'json':
      // Both keep JSON text (jsonb parses it); a plain string becomes a JSON string.
      return JSON.stringify(value);
    case 'int':
    case 'numeric':
      return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) && dialect === 'sqlite' ? Number(value) : value;
    case 'text':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'timestamp':
      // One spelling on SQLite, where timestamps are text: ISO's "T", as PostgreSQL answers them.
      return typeof value === 'string' && dialect === 'sqlite' ? value.trim().replace(' ', 'T') : value;
    default:
      return typeof value === 'object' ? JSON.stringify(value) : value;
  }
}

function storedBool(dialect: Dialect, text: string): unknown {
  const lower = text.trim().toLowerCase();
  const truth = ['true', 't', '1', 'yes', 'sì', 'si', 'vero'].includes(lower) ? true : ['false', 'f', '0', 'no', 'falso'].includes(lower) ? false : null;
  if (truth === null) return text;
  return dialect === 'sqlite' ? (truth ? 1 : 0) : truth;
}

/** A value read back, in the shape CKAN's datastore_search returns. */
export function fromStored(type: DatastoreType | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'bool':
      return typeof value === 'number' ? value !== 0 : value;
    case 'json':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    case 'int':
    case 'numeric':
      return typeof value === 'string' && Number.isFinite(Number(value)) && Math.abs(Number(value)) <= Number.MAX_SAFE_INTEGER ? Number(value) : value;
    case 'timestamp':
      return typeof value === 'string' ? value.replace(' ', 'T') : value;
    default:
      return value;
  }
}
