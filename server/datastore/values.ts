// Checks a record's values against their columns before they reach the database, with one Italian
// message on both databases (SQLite would store "abc" in an INTEGER column without a word).
import { ValidationError } from '../core/errors';
import { DatastoreType } from './types';

const CHECKS: Record<DatastoreType, (v: unknown) => boolean> = {
  text: (v) => typeof v !== 'object',
  int: (v) => (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^\s*[+-]?\d{1,18}\s*$/.test(v)),
  numeric: (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)),
  bool: (v) => typeof v === 'boolean' || v === 0 || v === 1 || (typeof v === 'string' && /^(true|false|t|f|0|1|yes|no|sì|si|vero|falso)$/i.test(v.trim())),
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) && !Number.isNaN(Date.parse(v.trim())),
  timestamp: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$/.test(v.trim()) && !Number.isNaN(Date.parse(v.trim().slice(0, 10))),
  json: () => true,
};

const TYPE_NAMES: Record<DatastoreType, string> = {
  text: 'un testo', int: 'un numero intero', numeric: 'un numero', bool: 'vero o falso (true/false)',
  date: 'una data AAAA-MM-GG', timestamp: 'una data e ora AAAA-MM-GGTHH:MM:SS', json: 'un valore JSON',
};

/** Refuses a value its column cannot hold: a 409 on `parameter` naming the field (and the record's row). */
export function checkValue(field: string, type: DatastoreType, value: unknown, parameter: string, row?: number): void {
  if (value === null || value === undefined || value === '') return;
  if (!CHECKS[type](value)) {
    const shown = JSON.stringify(value).slice(0, 80);
    const where = row === undefined ? '' : `Riga ${row + 1}, `;
    throw ValidationError.field(parameter, `${where}campo "${field}": ${shown} non è ${TYPE_NAMES[type]}`);
  }
}
