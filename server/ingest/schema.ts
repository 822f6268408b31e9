// The data dictionary as a Frictionless Table Schema, and its mapping to the DataStore's CKAN types.
import { DatastoreField, DatastoreType } from '../datastore/types';
import { Column } from './columns';
import { InferredType } from './infer';
import { FieldType } from './values';

export interface SchemaField {
  name: string;
  type: FieldType;
  format?: string;
  /** The header as the publisher wrote it. */
  title: string;
  description?: string;
  /** Numbers: ',' for Italian (1.234,56), '.' for English (1,234.56). */
  decimalChar?: ',' | '.';
  groupChar?: '.' | ',';
  /** The inferred type, when an editor's type_override replaced it. */
  inferredType?: FieldType;
  type_override?: FieldType;
}

export interface TableSchema {
  fields: SchemaField[];
}

/** What an editor set on a column: a type that the data must then fit, a title, a description. */
export interface FieldOverride {
  type?: FieldType;
  title?: string;
  description?: string;
}

export const CKAN_TYPES: Record<FieldType, DatastoreType> = {
  integer: 'int', number: 'numeric', boolean: 'bool', date: 'date', datetime: 'timestamp', string: 'text', object: 'json',
};

export const FIELD_TYPES = Object.keys(CKAN_TYPES) as FieldType[];

export function schemaField(column: Column, inferred: InferredType, override: FieldOverride | undefined): SchemaField {
  const type = override?.type ?? inferred.type;
  const field: SchemaField = { name: column.id, type, title: override?.title ?? column.label };
  if (override?.description) field.description = override.description;
  if (type === inferred.type && inferred.format) field.format = inferred.format;
  if (type === 'number') {
    field.decimalChar = inferred.decimalChar ?? '.';
    field.groupChar = field.decimalChar === ',' ? '.' : ',';
  }
  if (override?.type) { field.type_override = override.type; field.inferredType = inferred.type; }
  return field;
}

/** The DataStore fields for a schema, with the dictionary in CKAN's `info` (label, notes, type_override). */
export function datastoreFields(schema: TableSchema): DatastoreField[] {
  return schema.fields.map((field) => ({
    id: field.name,
    type: CKAN_TYPES[field.type],
    info: { label: field.title, notes: field.description ?? '', ...(field.type_override ? { type_override: CKAN_TYPES[field.type_override] } : {}) },
  }));
}
