// The resource page's optional sections call actions that other parts of the portal provide (the
// DataStore, the loader): a section shows only when its action exists and answers for this caller.
import { getAction, runAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { NotAuthorized, NotFound, ValidationError } from '../core/errors';
import { formatNumber, translate } from '../i18n';

/** The action's answer, or null when it is not registered or has nothing for this resource and caller. */
export async function optionalAction<O>(name: string, ctx: ActionContext, input: Record<string, unknown>): Promise<O | null> {
  if (!getAction(name)) return null;
  try {
    return await runAction<O>(name, ctx, input);
  } catch (error) {
    if (error instanceof NotFound || error instanceof NotAuthorized || error instanceof ValidationError) return null;
    throw error;
  }
}

/** One column as datastore_search returns it (CKAN's shape; `info` is the data dictionary). */
export interface SearchField {
  id: string;
  type: string;
  info?: { label?: string; notes?: string; type_override?: string; [key: string]: unknown };
}

/** datastore_search's result, records as objects (CKAN's default records_format). */
export interface SearchResult {
  fields: SearchField[];
  records: Record<string, unknown>[];
  total?: number;
}

/** Columns a reader cares about: CKAN's row id and full-text column are the store's own. */
export function shownFields(fields: SearchField[]): SearchField[] {
  return fields.filter((f) => f.id !== '_id' && f.id !== '_full_text');
}

const VALUES = { it: new Intl.NumberFormat('it-IT', { maximumFractionDigits: 20 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 20 }) };

/** A number as the page's language writes it, every decimal kept; anything else as text. */
export function formatValue(value: unknown, lang: string): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? VALUES[lang === 'en' ? 'en' : 'it'].format(value) : String(value);
}

/** 11802 → "11.802" in Italian, "11,802" in English. */
export function formatCount(value: number, lang: string): string {
  return formatNumber(lang, value);
}

/**
 * "11.802 righe", "7 colonne" for a resource with a DataStore table (the dataset page's list), or null:
 * one datastore_search with no rows asks for the total and the fields only.
 */
export async function tableSize(ctx: ActionContext, resource: Record<string, any>, lang: string): Promise<{ rows: string; columns: string } | null> {
  if (!resource.datastore_active) return null;
  // datastore_info answers from the table's metadata (its kept row count): no COUNT(*) of a large table
  // on every view of the dataset page.
  const info = await optionalAction<{ meta: { count: number }; fields: SearchField[] }>('datastore_info', ctx, { id: resource.id });
  if (!info) return null;
  const language = lang === 'en' ? 'en' : 'it';
  return {
    rows: translate(language, 'preview.rows', { count: info.meta.count }),
    columns: translate(language, 'preview.columns', { count: shownFields(info.fields).length }),
  };
}
