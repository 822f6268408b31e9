// Rows as datastore_search returns them (records_format): objects, lists, or CSV/TSV text without a
// header, as CKAN writes them. Values come back in CKAN's shapes (fromStored).
import { Row } from './backend';
import { fromStored } from './sql';
import { DatastoreField } from './types';

export type RecordsFormat = 'objects' | 'lists' | 'csv' | 'tsv';

export function presentValue(field: DatastoreField, value: unknown): unknown {
  return fromStored(field.type, value);
}

/** A cell of CSV (or TSV): quoted when it holds the separator, a quote or a line break. */
export function delimitedCell(value: unknown, separator: string): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function delimitedLine(values: unknown[], separator: string): string {
  return values.map((v) => delimitedCell(v, separator)).join(separator);
}

export function rowValues(fields: DatastoreField[], row: Row): unknown[] {
  return fields.map((f) => presentValue(f, row[f.id]));
}

export function formatRecords(fields: DatastoreField[], rows: Row[], format: RecordsFormat): unknown {
  switch (format) {
    case 'lists':
      return rows.map((row) => rowValues(fields, row));
    case 'csv':
    case 'tsv': {
      const separator = format === 'csv' ? ',' : '\t';
      return rows.map((row) => `${delimitedLine(rowValues(fields, row), separator)}\n`).join('');
    }
    default:
      return rows.map((row) => Object.fromEntries(fields.map((f) => [f.id, presentValue(f, row[f.id])])));
  }
}

/** Fields as CKAN's answers show them: id, type, and the data dictionary's info when there is one. */
export function presentFields(fields: DatastoreField[]): Array<Record<string, unknown>> {
  return fields.map((f) => (f.info && Object.keys(f.info).length ? { id: f.id, type: f.type, info: f.info } : { id: f.id, type: f.type }));
}
