// /dataset: simple search (q), facet filters (CKAN's URL parameters: organization, tags, groups,
// res_format, license_id), sort and pagination, all through package_search.
import { Request, Response } from 'express';
import { runAction } from '../core/actions';
import { ValidationError } from '../core/errors';
import { Services } from '../core/context';
import { actionContext, editableOrgIds, page, pageNumber, renderPage, t } from './page';
import { numberedPagination } from './pagination';

const PAGE_SIZE = 20;
const FACETS = ['organization', 'groups', 'tags', 'res_format', 'license_id'] as const;
const SORTS: Record<string, string> = {
  'metadata_modified desc': 'sort.modified',
  'metadata_created desc': 'sort.created',
  'name asc': 'sort.name_asc',
  'name desc': 'sort.name_desc',
};

type Filters = Record<(typeof FACETS)[number], string[]>;

function listParam(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200);
}

function readFilters(req: Request): Filters {
  return Object.fromEntries(FACETS.map((f) => [f, listParam(req.query[f])])) as Filters;
}

function filterQuery(filters: Filters): string {
  // Escaped as Solr does, so a quote inside a value cannot end the quoted term early.
  return FACETS.flatMap((f) => filters[f].map((v) => `${f}:"${v.replace(/["\\]/g, '\\$&')}"`)).join(' ');
}

function searchUrl(q: string, filters: Filters, sort: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  for (const f of FACETS) for (const v of filters[f]) params.append(f, v);
  if (sort !== 'metadata_modified desc') params.set('sort', sort);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const query = params.toString();
  return query ? `/dataset?${query}` : '/dataset';
}

function toggled(filters: Filters, field: (typeof FACETS)[number], value: string): Filters {
  const current = filters[field];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...filters, [field]: next };
}

function facetView(req: Request, searchFacets: Record<string, any>, q: string, filters: Filters, sort: string) {
  return FACETS.map((field) => ({
    field,
    title: t(req, `facet.${field}`),
    items: (searchFacets[field]?.items ?? []).map((item: { name: string; display_name: string; count: number }) => ({
      ...item,
      active: filters[field].includes(item.name),
      href: searchUrl(q, toggled(filters, field, item.name), sort),
    })),
  })).filter((facet) => facet.items.length > 0);
}

function activeFilters(req: Request, q: string, filters: Filters, sort: string) {
  return FACETS.flatMap((field) => filters[field].map((value) => ({
    label: `${t(req, `facet.${field}`)}: ${value}`,
    removeLabel: t(req, 'search.filter.remove', { value }),
    href: searchUrl(q, toggled(filters, field, value), sort),
  })));
}

const NO_RESULTS = { count: 0, results: [], search_facets: {} };

/** A query the search cannot read (unbalanced parentheses, say) is explained next to the box, not a 400. */
async function searchOrExplain(search: Promise<any>): Promise<{ result: any; searchError: string | null }> {
  try {
    return { result: await search, searchError: null };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { result: NO_RESULTS, searchError: Object.values(error.fields).flat().join(' ') };
  }
}

export function datasetSearchPage(services: Services) {
  return page(async (req: Request, res: Response) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 500) : '';
    const sort = typeof req.query.sort === 'string' && SORTS[req.query.sort] ? req.query.sort : 'metadata_modified desc';
    const filters = readFilters(req);
    const current = pageNumber(req.query.page);
    const ctx = actionContext(services, req);
    const [{ result, searchError }, editable] = await Promise.all([
      searchOrExplain(runAction('package_search', ctx, {
        q, fq: filterQuery(filters), sort, rows: PAGE_SIZE, start: (current - 1) * PAGE_SIZE,
        'facet.field': [...FACETS], 'facet.limit': 20, include_private: true,
      })),
      editableOrgIds(services, req),
    ]);
    renderPage(req, res, 'dataset/search', {
      title: t(req, 'dataset.list.title'),
      breadcrumbs: [{ label: t(req, 'nav.datasets') }],
      q, sort, count: result.count, searchError,
      countLabel: result.count === 1 ? t(req, 'search.results.one') : t(req, 'search.results', { count: result.count }),
      datasets: result.results,
      facets: facetView(req, result.search_facets, q, filters, sort),
      activeFilters: activeFilters(req, q, filters, sort),
      hiddenFilters: FACETS.flatMap((field) => filters[field].map((value) => ({ field, value }))),
      sorts: Object.entries(SORTS).map(([value, key]) => ({ value, label: t(req, key), selected: value === sort })),
      pagination: numberedPagination(req, result.count, current, PAGE_SIZE, (p) => searchUrl(q, filters, sort, { page: String(p) })),
      canCreate: editable.size > 0,
    });
  });
}
