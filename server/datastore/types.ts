// The DataStore's vocabulary, shared by the store (server/datastore) and the loader that fills it from
// uploaded files (server/ingest). Field and type names are CKAN's, so that datastore_* answers keep
// CKAN's shapes.

/** CKAN's DataStore column types that catalogo stores. */
export type DatastoreType = 'text' | 'int' | 'numeric' | 'bool' | 'date' | 'timestamp' | 'json';

/** What CKAN keeps in a field's `info` (the data dictionary), as ckanext-datastore's form edits it. */
export interface FieldInfo {
  label?: string;
  notes?: string;
  /** The type the editor chose; the next load uses it instead of the inferred one. */
  type_override?: string;
  [key: string]: unknown;
}

/** One column, as datastore_create takes it and datastore_search returns it. */
export interface DatastoreField {
  id: string;
  type: DatastoreType;
  info?: FieldInfo;
}

/**
 * A value as it goes into a typed column: int as number (or a decimal string beyond 2^53), numeric as
 * number or decimal string, bool as boolean, date as 'YYYY-MM-DD', timestamp as ISO 8601 without zone
 * ('YYYY-MM-DDTHH:MM:SS'), json as any JSON value, text as string; null for an empty cell.
 */
export type DatastoreValue = string | number | boolean | null | object;

/**
 * A whole-table load in progress: rows go into a new table that replaces the resource's table only
 * on commit, so readers see the old table or the new one, never half of one.
 */
export interface TableLoad {
  /** Appends rows, each with one value per field, in the fields' order. */
  append(rows: DatastoreValue[][]): Promise<void>;
  /**
   * Swaps the new table in, in one transaction, after building the indexes asked for (each a list of
   * fields: datastore_create's `indexes`); returns the number of rows.
   */
  commit(options?: { indexes?: string[][] }): Promise<{ rows: number }>;
  /** Drops the new table; the resource's previous table, if any, stays. Safe to call twice. */
  abort(): Promise<void>;
}
