// Checks on a table's fields, with CKAN's rules: a field id is not empty, does not start with "_"
// (`_id` and `_full_text` are the DataStore's), has no double quote, is unique and at most 63
// characters (PostgreSQL's identifier limit); its type is one of CKAN's.
import { ValidationError } from '../core/errors';
import { datastoreType } from './sql';
import { DatastoreField } from './types';

function fieldProblem(id: unknown, seen: Set<string>): string | null {
  if (typeof id !== 'string' || id.trim() === '') return 'Ogni campo deve avere un id (nome della colonna)';
  if (id.startsWith('_')) return `Il nome del campo "${id}" non può iniziare con "_"`;
  if (id.includes('"') || id.includes('\u0000')) return `Il nome del campo "${id}" contiene caratteri non ammessi`;
  if (id.length > 63) return `Il nome del campo "${id}" è più lungo di 63 caratteri`;
  if (seen.has(id)) return `Il campo "${id}" compare più di una volta`;
  return null;
}

/** The fields, checked and with their types named as CKAN names them. */
export function checkedFields(input: Array<{ id: unknown; type?: unknown; info?: unknown }>): DatastoreField[] {
  const seen = new Set<string>();
  return input.map((field) => {
    const problem = fieldProblem(field.id, seen);
    if (problem) throw ValidationError.field('fields', problem);
    const id = field.id as string;
    seen.add(id);
    const type = field.type === undefined ? 'text' : typeof field.type === 'string' ? datastoreType(field.type) : undefined;
    if (!type) throw ValidationError.field('fields', `Tipo non valido per il campo "${id}": usa text, int, numeric, bool, date, timestamp o json`);
    const info = field.info && typeof field.info === 'object' ? (field.info as DatastoreField['info']) : undefined;
    return info ? { id, type, info } : { id, type };
  });
}

/** Every name must be one of the table's fields (or `_id`): an unknown one is a 409 that names it. */
export function requireKnownFields(fields: DatastoreField[], names: Iterable<string>, parameter: string): void {
  const known = new Set(['_id', ...fields.map((f) => f.id)]);
  for (const name of names) {
    if (!known.has(name)) throw ValidationError.field(parameter, `Campo sconosciuto: "${name}" non è una colonna di questa tabella`);
  }
}

export function checkedPrimaryKey(fields: DatastoreField[], primaryKey: string[] | undefined): string[] {
  const key = primaryKey ?? [];
  requireKnownFields(fields, key, 'primary_key');
  if (key.includes('_id')) throw ValidationError.field('primary_key', 'La chiave primaria non può comprendere _id');
  return key;
}
