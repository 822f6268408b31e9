// The editors' form on the resource page to correct the data dictionary (each column's type, label and
// description), which then loads the file again with those types. The form shows only when the loader's
// dictionary action exists; its errors come back next to the fields, as every form's do.
import { Request } from 'express';
import { getAction } from '../core/actions';
import { FieldErrors } from '../core/errors';
import { SearchField } from './resource-actions';
import { EDITABLE_TYPES, typeInWords } from './resource-dictionary';
import { t } from './page';

export const DICTIONARY_ACTION = 'resource_dictionary_update';
const LABEL_MAX = 500;
const DESCRIPTION_MAX = 5000;

export interface DictionaryColumn {
  id: string;
  type: string;
  label: string;
  description: string;
}

/** The form's values as the table has them now: the editor's earlier type choice, else the column's type. */
export function currentDictionary(fields: SearchField[]): DictionaryColumn[] {
  return fields.map((f) => ({
    id: f.id,
    type: f.info?.type_override || f.type,
    label: f.info?.label ?? '',
    description: f.info?.notes ?? '',
  }));
}

const text = (body: Record<string, unknown>, key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : '');

/** The posted form, column by column (the fields are named type-0, label-0, description-0...), and its errors. */
export function postedDictionary(req: Request, columns: DictionaryColumn[]): { values: DictionaryColumn[]; errors: FieldErrors } {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const values = columns.map((column, i) => {
    const value = { id: column.id, type: text(body, `type-${i}`), label: text(body, `label-${i}`), description: text(body, `description-${i}`) };
    if (!EDITABLE_TYPES.includes(value.type)) errors[`type-${i}`] = [t(req, 'dictionary.form.error.type')];
    if (value.label.length > LABEL_MAX) errors[`label-${i}`] = [t(req, 'dictionary.form.error.too_long', { max: LABEL_MAX })];
    if (value.description.length > DESCRIPTION_MAX) errors[`description-${i}`] = [t(req, 'dictionary.form.error.too_long', { max: DESCRIPTION_MAX })];
    return value;
  });
  return { values, errors };
}

/** Field labels for the error summary: "Tipo della colonna «anno»"... */
export function dictionaryLabels(req: Request, columns: DictionaryColumn[]): Record<string, string> {
  const labels: Record<string, string> = {};
  columns.forEach((column, i) => {
    for (const part of ['type', 'label', 'description']) labels[`${part}-${i}`] = t(req, `dictionary.form.${part}`, { column: column.id });
  });
  return labels;
}

/** What views/partials/dictionary-form.hbs shows, or null when no dictionary action is registered. */
export function dictionaryFormView(req: Request, action: string, values: DictionaryColumn[]) {
  if (!getAction(DICTIONARY_ACTION)) return null;
  return {
    action,
    columns: values.map((column, i) => ({
      ...column,
      index: i,
      typeLabel: t(req, 'dictionary.form.type', { column: column.id }),
      labelLabel: t(req, 'dictionary.form.label', { column: column.id }),
      descriptionLabel: t(req, 'dictionary.form.description', { column: column.id }),
      types: EDITABLE_TYPES.map((type) => ({ value: type, label: typeInWords(req, type), selected: type === column.type })),
    })),
  };
}

/** The dictionary action's input: each column's chosen type, label and description. */
export function dictionaryInput(resourceId: string, values: DictionaryColumn[]) {
  return {
    id: resourceId,
    fields: values.map((v) => ({ id: v.id, type: v.type, title: v.label, description: v.description })),
  };
}
