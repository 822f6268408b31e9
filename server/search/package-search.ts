// package_search: CKAN's q and fq (Solr syntax, read in search-input.ts); q's words answered by the
// full-text index of the database (search-index.ts) and ranked by it, the rest turned into SQL
// (sql-filter.ts); facets over the matches; and, when nothing is found, close terms to try
// (suggestions.ts). Who may see a dataset is the package table's scope (visibility.ts), never the index.
import { EntityManager } from 'typeorm';
import { Dict, packageDictsByKeys } from '../catalogue/present';
import { rememberRevision } from '../catalogue/dataset-cache';
import { scopeFor } from '../catalogue/visibility';
import { defineAction, publicAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { termLabel, vocabulary } from '../dcat/vocabularies';
import { MatchNode } from './match';
import { FacetField, SortOrder } from './query';
import { cachedSearch } from './search-cache';
import { parseInput, SearchInput } from './search-input';
import { SearchBackend, searchBackend } from './search-index';
import { countRows, FacetRow, PackageFilter, pageAndFacetRows, pageRows } from './search-sql';
import { SqlParams } from './sql-params';
import { suggestions } from './suggestions';
import { titleKey } from './text';

const MAX_ROWS = 1000;

/** Public, active datasets; with include_private and include_drafts, also those the caller may read, as in CKAN. */
async function filterFor(ctx: ActionContext, input: SearchInput, condition: string, params: Record<string, unknown>): Promise<PackageFilter> {
  const scope = await scopeFor(ctx, 'p', { includePrivate: input.include_private, includeDrafts: input.include_drafts });
  return { where: `(${scope.where}) AND (${condition})`, params: { ...scope.params, ...params } };
}

/** The filter narrowed to the index's matches of `match` (parameters named apart from the filter's). */
function withMatch(filter: PackageFilter, backend: SearchBackend, match: MatchNode | null, q: string): PackageFilter {
  if (!match) return filter;
  const p = new SqlParams('m');
  const hits = backend.hits(match, p);
  return { ...filter, hits, params: { ...filter.params, ...p.values }, titleKey: titleKey(q) };
}

interface FacetItem {
  name: string;
  display_name: string;
  count: number;
}

/** A facet value's label: the frequency's from its vocabulary, the others as the query gave them. */
function displayName(row: FacetRow): string {
  if (row.facet === 'frequency') {
    const term = vocabulary('frequency').byCode(row.name);
    return term ? termLabel(term, 'it') : row.name;
  }
  return row.display || row.name;
}

/** Each facet's values, most datasets first (ties by value): sorted once, when the search is computed. */
type RankedFacets = Partial<Record<FacetField, FacetItem[]>>;

function rankFacets(rows: FacetRow[]): RankedFacets {
  const ranked: RankedFacets = {};
  for (const row of rows) (ranked[row.facet] ??= []).push({ name: row.name, display_name: displayName(row), count: Number(row.count) });
  for (const items of Object.values(ranked)) items.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return ranked;
}

/** CKAN's facet.mincount and facet.limit (-1: all) over a ranked facet. */
function facetItems(ranked: RankedFacets, field: FacetField, limit: number, mincount: number): FacetItem[] {
  const items: FacetItem[] = [];
  for (const item of ranked[field] ?? []) {
    if (item.count < mincount || (limit >= 0 && items.length >= limit)) break;
    items.push({ ...item });
  }
  return items;
}

/** fl as CKAN takes it: "id,name title", ["id", "name"] or its JSON; null (whole dicts) when absent or "*". */
function resultFields(fl: unknown): string[] | null {
  let list: unknown = fl;
  if (typeof fl === 'string' && fl.trim().startsWith('[')) {
    try {
      list = JSON.parse(fl);
    } catch {
      list = fl;
    }
  }
  const names = (Array.isArray(list) ? list.map(String) : typeof list === 'string' ? [list] : []).flatMap((f) => f.split(/[\s,]+/)).filter(Boolean);
  return names.length && !names.includes('*') ? [...new Set(names)] : null;
}

/** The named fields of a dataset dict; extras_NAME is the value of the extra NAME (as CKAN's index has it). */
function onlyFields(dataset: Dict, fields: string[]): Dict {
  const picked: Dict = {};
  for (const field of fields) {
    const extra = /^extras_(.+)$/.exec(field)?.[1];
    const value = extra !== undefined ? (dataset.extras as Dict[]).find((e) => e.key === extra)?.value : dataset[field];
    if (value !== undefined) picked[field] = value;
  }
  return picked;
}

/** The search's own statements: with facets, one (page, total and facets); without, the page with its total. */
async function searchRows(db: EntityManager, filter: PackageFilter, sort: SortOrder[], start: number, rowCount: number, facets: FacetField[]) {
  if (facets.length) return pageAndFacetRows(db, filter, sort, start, rowCount, facets, searchBackend(db).jsonTextList);
  const page = await pageRows(db, filter, sort, start, rowCount);
  // An empty page (rows=0, or past the end) has no row to carry the total: count apart, only then.
  const count = page.length ? Number(page[0].total) : start || rowCount === 0 ? await countRows(db, filter) : 0;
  return { page, count, facets: [] as FacetRow[] };
}

/** The search as kept by the cache: the page's rows, the total, and the facets ranked. */
async function computeSearch(db: EntityManager, filter: PackageFilter, sort: SortOrder[], start: number, rowCount: number, facets: FacetField[]) {
  const { page, count, facets: rows } = await searchRows(db, filter, sort, start, rowCount, facets);
  return { value: { page, count, ranked: rankFacets(rows) }, rows: page.length + rows.length };
}

export const packageSearch = defineAction({
  name: 'package_search', kind: 'read', schema: 'package_search.json', auth: publicAction,
  help: 'Cerca i dataset: q (testo, per rilevanza con sort "score desc"), fq (filtri campo:valore, anche theme, frequency, holder_identifier, identifier ed extras_NOME; nome:pre* per un prefisso), rows (max 1000), start, sort, facet.field, fl (solo i campi indicati). Gli altri parametri che CKAN passa a Solr (defType, qf, bf, mm, tie, df, wt, hl...) sono accettati e ignorati.',
  run: async (ctx, input: SearchInput) => {
    const db = ctx.services.db.manager;
    const backend = searchBackend(db);
    const { condition, params, sort, facets, match } = parseInput(input, backend);
    const base = await filterFor(ctx, input, condition, params);
    const filter = withMatch(base, backend, match, input.q ?? '');
    const start = input.start ?? 0;
    const rowCount = Math.min(input.rows ?? 10, MAX_ROWS);
    const { page, count, ranked } = await cachedSearch(db, JSON.stringify([filter, sort, start, rowCount, facets]),
      () => computeSearch(db, filter, sort, start, rowCount, facets));
    const keys = page.map((row) => {
      const key = { id: row.id, metadataModified: row.modified };
      rememberRevision(key, row.revision);
      return key;
    });
    const results = await packageDictsByKeys(db, keys, ctx.services.config.siteUrl);
    const facetsOut: Dict = {};
    const searchFacets: Dict = {};
    for (const field of facets) {
      const items = facetItems(ranked, field, input['facet.limit'] ?? 50, input['facet.mincount'] ?? 1);
      facetsOut[field] = Object.fromEntries(items.map((i) => [i.name, i.count]));
      searchFacets[field] = { title: field, items };
    }
    const fields = resultFields(input.fl);
    const result: Dict = {
      count, sort: input.sort ?? 'score desc, metadata_modified desc', results: fields ? results.map((r) => onlyFields(r, fields)) : results,
      facets: facetsOut, search_facets: searchFacets,
    };
    // Not in CKAN's result (its clients ignore the key): close terms to try when q found nothing.
    if (count === 0 && match) {
      result.suggestions = await suggestions(db, match, async (near) => (await countRows(db, withMatch(base, backend, near, ''))) > 0);
    }
    return result;
  },
});
