// datastore_search: CKAN's parameters and answer (fields with types, records in the asked format,
// total, _links), plus a keyset cursor (`next_page`) that pages a deep table without OFFSET's cost.
import { defineAction, publicAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { ValidationError } from '../core/errors';
import { refusedAsValidation, requireTable, visibleResource } from './access';
import { buildQuery, jsonParam } from './query';
import { formatRecords, presentFields, RecordsFormat } from './records-format';
import { ROWS_MAX } from './store';

type Dict = Record<string, unknown>;

export const DEFAULT_LIMIT = 100;

/** The cursor: the last `_id` of a page, as opaque text. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString('base64url');
}

function decodeCursor(cursor: unknown): number | undefined {
  if (cursor === undefined || cursor === null || cursor === '') return undefined;
  try {
    const after = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')).after;
    if (Number.isSafeInteger(after)) return after;
  } catch {
    // answered below
  }
  throw ValidationError.field('cursor', 'Cursore non valido: usa il valore next_page della risposta precedente');
}

function searchLink(input: Dict, offset?: number): string {
  const params = new URLSearchParams();
  if (offset !== undefined) params.set('offset', String(offset));
  for (const [key, value] of Object.entries(input)) {
    if (key === 'offset' || key === 'cursor' || value === undefined) continue;
    params.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return `/api/3/action/datastore_search?${params.toString()}`;
}

export async function searchTable(ctx: ActionContext, input: Dict): Promise<Dict> {
  const resourceId = String(input.resource_id ?? input.id ?? '');
  await visibleResource(ctx, resourceId);
  const meta = await requireTable(ctx, resourceId);
  const afterId = decodeCursor(input.cursor);
  const query = buildQuery(ctx.services.datastore.dialect, resourceId, meta.fields, { ...input, afterId } as never);
  if (afterId !== undefined && !query.byId) throw ValidationError.field('cursor', 'Il cursore vale solo nell\'ordine predefinito (per _id), senza distinct');
  const limit = Math.min(Number(input.limit ?? DEFAULT_LIMIT), ROWS_MAX);
  const offset = Number(input.offset ?? 0);
  const p = query.params;
  const backend = ctx.services.datastore.backend;
  const pageSql = `${query.select} ${query.from} ${query.orderBy} LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
  const rows = await refusedAsValidation('filters', backend.all(pageSql, p.values));
  const format = (input.records_format ?? 'objects') as RecordsFormat;
  const result: Dict = {
    ...input, resource_id: resourceId, fields: presentFields(query.fields), records: formatRecords(query.fields, rows, format),
    records_format: format, limit, offset, include_total: input.include_total !== false,
    _links: { start: searchLink(input), next: searchLink(input, offset + limit) },
  };
  delete result.id;
  if (input.include_total !== false) {
    const totalParams = p.values.slice(0, -2);
    const [row] = await refusedAsValidation('filters', backend.all<{ n: number | string }>(`SELECT count(*) AS n FROM (${query.select} ${query.from}) AS counted`, totalParams));
    result.total = Number(row.n);
    result.total_was_estimated = false;
  }
  const last = rows[rows.length - 1];
  result.next_page = query.byId && rows.length === limit && last && typeof last._id === 'number' ? encodeCursor(last._id) : null;
  return result;
}

export const datastoreSearch = defineAction({
  name: 'datastore_search', kind: 'read', schema: 'datastore_search.json', auth: publicAction,
  help: 'Cerca nella tabella DataStore di una risorsa: filtri per campo, ricerca testuale (q), campi, ordinamento, paginazione (offset o cursore next_page).',
  run: async (ctx, input: Dict) => {
    jsonParam(input.filters, 'filters');
    return searchTable(ctx, input);
  },
});
