// The search page's whole state lives in its URL (q, filters, sort, page), in CKAN's parameter names,
// so that every link and form of the page keeps it and a search can be bookmarked or shared.
import { Request } from 'express';
import { pageNumber } from './page';

/** The filters the page offers, each a URL parameter that may repeat (CKAN's own names). */
export const FACETS = ['organization', 'groups', 'tags', 'res_format', 'license_id', 'frequency'] as const;
export type Facet = (typeof FACETS)[number];
export type Filters = Record<Facet, string[]>;

/** The sort choices and their labels; relevance only means something when there is a q. */
export const SORTS: Record<string, string> = {
  'score desc': 'search.sort.relevance',
  'metadata_modified desc': 'sort.modified',
  'metadata_created desc': 'sort.created',
  'name asc': 'sort.name_asc',
  'name desc': 'sort.name_desc',
};

/** A longer q is cut: the search would refuse it, and the box can still show what was asked. */
const MAX_Q = 500;
const MAX_VALUE = 200;

export interface SearchState {
  q: string;
  filters: Filters;
  /** The sort the visitor chose, '' for the default; kept in links only when chosen. */
  chosenSort: string;
  page: number;
}

function listParam(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const kept = values.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_VALUE);
  return [...new Set(kept)];
}

export function readState(req: Request): SearchState {
  const q = typeof req.query.q === 'string' ? req.query.q.slice(0, MAX_Q).trim() : '';
  const sort = typeof req.query.sort === 'string' ? req.query.sort : '';
  // An unknown sort (a hand-edited URL) is the default order, as is relevance without words to rank by.
  const chosenSort = SORTS[sort] && (q || sort !== 'score desc') ? sort : '';
  const filters = Object.fromEntries(FACETS.map((f) => [f, listParam(req.query[f])])) as Filters;
  return { q, filters, chosenSort, page: pageNumber(req.query.page) };
}

/** CKAN's default: by relevance when there is a q, else the latest changed first. */
export function effectiveSort(state: SearchState): string {
  return state.chosenSort || (state.q ? 'score desc' : 'metadata_modified desc');
}

/** The filters as package_search's fq, each value quoted and escaped as Solr reads it. */
export function filterQuery(filters: Filters): string {
  return FACETS.flatMap((f) => filters[f].map((v) => `${f}:"${v.replace(/["\\]/g, '\\$&')}"`)).join(' ');
}

/** The page's URL for `state` changed by `changes`; any change but the page's own goes back to page 1. */
export function searchUrl(state: SearchState, changes: Partial<SearchState> = {}): string {
  const next = { ...state, page: 'page' in changes ? state.page : 1, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  for (const f of FACETS) for (const v of next.filters[f]) params.append(f, v);
  if (next.chosenSort) params.set('sort', next.chosenSort);
  if (next.page > 1) params.set('page', String(next.page));
  const query = params.toString();
  return query ? `/dataset?${query}` : '/dataset';
}

/** The filters with `value` of `field` added, or removed when it is there. */
export function toggled(filters: Filters, field: Facet, value: string): Filters {
  const current = filters[field];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...filters, [field]: next };
}

export function noFilters(): Filters {
  return Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as Filters;
}

/** The hidden fields a form needs to keep the rest of the state (its own field left out). */
export function hiddenFields(state: SearchState, except: 'q' | 'sort'): { name: string; value: string }[] {
  const fields = FACETS.flatMap((name) => state.filters[name].map((value) => ({ name: name as string, value })));
  if (except !== 'q' && state.q) fields.unshift({ name: 'q', value: state.q });
  if (except !== 'sort' && state.chosenSort) fields.push({ name: 'sort', value: state.chosenSort });
  return fields;
}
