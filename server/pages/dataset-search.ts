// /dataset: the search page. q, facet filters (CKAN's URL parameters: organization, groups, tags,
// res_format, license_id, frequency), sort and page, all in the URL (search-state.ts) and all through
// package_search; the view of its answer is made in search-view.ts.
import { Request, Response } from 'express';
import { runAction } from '../core/actions';
import { ValidationError } from '../core/errors';
import { Services } from '../core/context';
import { pageErrors } from './form-errors';
import { actionContext, editableOrgIds, page, renderPage, t } from './page';
import { numberedPagination } from './pagination';
import { highlightTerms } from './search-snippet';
import { effectiveSort, FACETS, filterQuery, hiddenFields, noFilters, readState, SearchState, searchUrl, SORTS } from './search-state';
import { chipsView, countLabel, facetView, resultView } from './search-view';

const PAGE_SIZE = 20;

const NO_RESULTS = { count: 0, results: [], search_facets: {}, suggestions: [] };

/**
 * A search package_search cannot run (unbalanced parentheses, say) is explained next to the box, with a
 * 400, in the page's language where the message is known (validation-en.ts), otherwise marked Italian.
 */
async function searchOrExplain(req: Request, search: Promise<any>): Promise<{ result: any; searchError: string | null; searchErrorItalian: boolean }> {
  try {
    return { result: await search, searchError: null, searchErrorItalian: false };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const { fields, italian } = pageErrors(req, error);
    return { result: NO_RESULTS, searchError: Object.values(fields).flat().join(' '), searchErrorItalian: italian };
  }
}

function sortChoices(req: Request, state: SearchState) {
  const current = effectiveSort(state);
  return Object.entries(SORTS)
    .filter(([value]) => state.q || value !== 'score desc')
    .map(([value, key]) => ({ value, label: t(req, key), selected: value === current }));
}

/** "Forse cercavi …": package_search's close terms, each a link to the same search with that q. */
function suggestionLinks(state: SearchState, suggestions: unknown) {
  const list = Array.isArray(suggestions) ? suggestions.filter((s): s is string => typeof s === 'string') : [];
  return list.map((q) => ({ q, href: searchUrl(state, { q }) }));
}

export function datasetSearchPage(services: Services) {
  return page(async (req: Request, res: Response) => {
    const state = readState(req);
    const ctx = actionContext(services, req);
    const [{ result, searchError, searchErrorItalian }, editable] = await Promise.all([
      searchOrExplain(req, runAction('package_search', ctx, {
        q: state.q, fq: filterQuery(state.filters), sort: effectiveSort(state), rows: PAGE_SIZE, start: (state.page - 1) * PAGE_SIZE,
        'facet.field': [...FACETS], 'facet.limit': 20, include_private: true,
      })),
      editableOrgIds(services, req),
    ]);
    const terms = highlightTerms(state.q);
    const chips = await chipsView(req, ctx, result.search_facets, state);
    renderPage(req, res, 'dataset/search', {
      title: t(req, 'dataset.list.title'),
      breadcrumbs: [{ label: t(req, 'nav.datasets') }],
      q: state.q, count: result.count, searchError, searchErrorItalian,
      countLabel: countLabel(req, result.count),
      results: result.results.map((dataset: Record<string, unknown>) => resultView(req, dataset, terms)),
      suggestions: suggestionLinks(state, result.suggestions),
      facets: facetView(req, result.search_facets, state),
      chips,
      clearFiltersHref: chips.length > 1 ? searchUrl(state, { filters: noFilters() }) : null,
      searchHidden: hiddenFields(state, 'q'),
      sortHidden: hiddenFields(state, 'sort'),
      sorts: sortChoices(req, state),
      pagination: numberedPagination(req, result.count, state.page, PAGE_SIZE, (p) => searchUrl(state, { page: p })),
      canCreate: editable.size > 0,
    }, searchError ? 400 : 200);
  });
}
