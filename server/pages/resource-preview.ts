// The resource page's preview: the rows of its DataStore table, a page at a time through
// datastore_search, sortable by a column. Paging and sorting are plain links, so they work without JavaScript.
import { Request } from 'express';
import { ActionContext } from '../core/context';
import { formatCount, optionalAction, SearchField, SearchResult, shownFields } from './resource-actions';
import { numberedPagination } from './pagination';
import { t } from './page';

export const PREVIEW_ROWS = 20;
/** Past this many characters a cell shows its beginning; the whole value is one click away. */
const CELL_CHARS = 120;
/** Deep pages of a huge table cost the store a long scan: the preview stops here (the API goes on). */
const MAX_PAGE = 500;

export interface PreviewRequest {
  page: number;
  sort: { id: string; desc: boolean } | null;
}

/** ?page= and ?sort=COLUMN&order=desc from the page's URL; anything odd is ignored. */
export function previewRequest(query: Request['query']): PreviewRequest {
  const page = Number.parseInt(String(query.page ?? '1'), 10);
  const sort = typeof query.sort === 'string' && query.sort.length > 0 && query.sort.length <= 200 ? query.sort : null;
  return {
    page: Number.isFinite(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
    sort: sort ? { id: sort, desc: query.order === 'desc' } : null,
  };
}

/** CKAN's sort string, the column name quoted as datastore_search accepts it. */
function sortParam(sort: PreviewRequest['sort']): string | undefined {
  return sort ? `"${sort.id.replace(/"/g, '""')}" ${sort.desc ? 'desc' : 'asc'}` : undefined;
}

function cellView(value: unknown) {
  if (value === null || value === undefined) return { text: '', empty: true };
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > CELL_CHARS ? { text, short: `${text.slice(0, CELL_CHARS)}…` } : { text };
}

function previewUrl(base: string, page: number, sort: PreviewRequest['sort']): string {
  const params = new URLSearchParams();
  if (sort) params.set('sort', sort.id);
  if (sort?.desc) params.set('order', 'desc');
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `${base}${query ? `?${query}` : ''}#anteprima`;
}

/** Each header links to the order it would switch to; the sorted one says so (aria-sort). */
function headerView(req: Request, field: SearchField, base: string, sort: PreviewRequest['sort']) {
  const sorted = sort?.id === field.id ? sort : null;
  const next = { id: field.id, desc: sorted ? !sorted.desc : false };
  return {
    id: field.id,
    label: field.info?.label || field.id,
    ariaSort: sorted ? (sorted.desc ? 'descending' : 'ascending') : null,
    href: previewUrl(base, 1, next),
    action: t(req, next.desc ? 'preview.sort.desc' : 'preview.sort.asc'),
  };
}

async function search(ctx: ActionContext, resourceId: string, request: PreviewRequest): Promise<{ result: SearchResult; sort: PreviewRequest['sort'] } | null> {
  const input = { resource_id: resourceId, limit: PREVIEW_ROWS, offset: (request.page - 1) * PREVIEW_ROWS, include_total: true };
  if (request.sort) {
    const sorted = await optionalAction<SearchResult>('datastore_search', ctx, { ...input, sort: sortParam(request.sort) });
    if (sorted) return { result: sorted, sort: request.sort };
  }
  // Unsorted, or sorted by a column the table does not have (an old link, a hand-edited URL).
  const result = await optionalAction<SearchResult>('datastore_search', ctx, input);
  return result ? { result, sort: null } : null;
}

/** What views/partials/resource-preview.hbs shows, or null when the resource has no table to show. */
export async function previewView(req: Request, ctx: ActionContext, resource: Record<string, any>, base: string) {
  if (!resource.datastore_active) return null;
  const request = previewRequest(req.query);
  const found = await search(ctx, resource.id, request);
  if (!found) return null;
  const { result, sort } = found;
  const fields = shownFields(result.fields);
  const total = result.total ?? result.records.length;
  const lang = req.lang ?? 'it';
  const first = (request.page - 1) * PREVIEW_ROWS + 1;
  const last = first + result.records.length - 1;
  const pageUrl = (page: number) => previewUrl(base, page, sort);
  return {
    headers: fields.map((f) => headerView(req, f, base, sort)),
    rows: result.records.map((record) => fields.map((f) => cellView(record[f.id]))),
    caption: t(req, 'preview.caption', { name: resource.name || t(req, 'resource.unnamed') }),
    range: result.records.length
      ? t(req, 'preview.range', { first: formatCount(first, lang), last: formatCount(last, lang), total: formatCount(total, lang) })
      : t(req, 'preview.empty'),
    sortedBy: sort ? t(req, sort.desc ? 'preview.sorted.desc' : 'preview.sorted.asc', { column: fields.find((f) => f.id === sort.id)?.info?.label || sort.id }) : null,
    pagination: numberedPagination(req, Math.min(total, MAX_PAGE * PREVIEW_ROWS), request.page, PREVIEW_ROWS, pageUrl),
    fields,
    firstRecord: result.records[0],
    total,
  };
}
