// What the search page shows, made from package_search's answer: facets with their labels, the active
// filters as chips that name what they filter (a title, not a slug), and each result's summary.
import { Request } from 'express';
import { runAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { findLicense } from '../catalogue/licenses';
import { licenceTitle } from '../i18n';
import { groupLabelByName } from './theme-labels';
import { termLabel, vocabulary } from '../dcat/vocabularies';
import { t } from './page';
import { highlighted, snippet } from './search-snippet';
import { FACETS, Facet, SearchState, searchUrl, toggled } from './search-state';

interface FacetItem {
  name: string;
  display_name: string;
  count: number;
}
type SearchFacets = Record<string, { items?: FacetItem[] } | undefined>;

const dateFormats = {
  it: new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'Europe/Rome' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Rome' }),
};
const numberFormats = { it: new Intl.NumberFormat('it-IT'), en: new Intl.NumberFormat('en-GB') };

function lang(req: Request): 'it' | 'en' {
  return req.lang === 'en' ? 'en' : 'it';
}

/** A facet value's label in the page's language: licences and frequencies from their lists, the rest as package_search names it. */
function valueLabel(req: Request, field: Facet, value: string, given?: string): string {
  if (field === 'frequency') {
    const term = vocabulary('frequency').byCode(value);
    return term ? termLabel(term, lang(req)) : given || value;
  }
  if (field === 'license_id') return licenceTitle(lang(req), value, findLicense(value)?.title ?? given ?? value);
  if (field === 'groups') return groupLabelByName(req, value, given || value);
  return given || value;
}

export function facetView(req: Request, facets: SearchFacets, state: SearchState) {
  return FACETS.map((field) => ({
    field,
    title: t(req, `facet.${field}`),
    items: (facets[field]?.items ?? []).map((item) => ({
      label: valueLabel(req, field, item.name, item.display_name),
      count: item.count,
      active: state.filters[field].includes(item.name),
      href: searchUrl(state, { filters: toggled(state.filters, field, item.name) }),
    })),
  })).filter((facet) => facet.items.length > 0);
}

/**
 * The label of an active filter. Every result has the filtered value, so the facets nearly always hold
 * it; when nothing was found they are empty, and an organization's or theme's title is asked for.
 */
async function activeLabel(req: Request, ctx: ActionContext, facets: SearchFacets, field: Facet, value: string): Promise<string> {
  const given = facets[field]?.items?.find((item) => item.name === value)?.display_name;
  if (given || (field !== 'organization' && field !== 'groups')) return valueLabel(req, field, value, given);
  try {
    const shown = await runAction<{ title?: string }>(field === 'organization' ? 'organization_show' : 'group_show', ctx, { id: value });
    return shown.title || value;
  } catch {
    return value;
  }
}

/** Removable chips: the visible text is the field and the value's label; the name adds only "Remove filter" before it. */
export async function chipsView(req: Request, ctx: ActionContext, facets: SearchFacets, state: SearchState) {
  const active = FACETS.flatMap((field) => state.filters[field].map((value) => ({ field, value })));
  return Promise.all(active.map(async ({ field, value }) => ({
    field: t(req, `search.chip.${field}`),
    label: await activeLabel(req, ctx, facets, field, value),
    href: searchUrl(state, { filters: toggled(state.filters, field, value) }),
  })));
}

/** CKAN's timestamps are UTC without a zone: read as UTC, shown as a day in Rome, in the page's language. */
function dayOf(req: Request, timestamp: unknown): { iso: string; label: string } | null {
  if (typeof timestamp !== 'string' || !timestamp) return null;
  const when = new Date(/(Z|[+-]\d\d:?\d\d)$/.test(timestamp) ? timestamp : `${timestamp}Z`);
  if (Number.isNaN(when.getTime())) return null;
  return { iso: when.toISOString(), label: dateFormats[lang(req)].format(when) };
}

/** Each format once, written as the facets write it (upper case), in the order of the resources. */
function formatsOf(resources: unknown): string[] {
  const list = Array.isArray(resources) ? resources : [];
  return [...new Set(list.map((r) => String(r?.format ?? '').trim().toUpperCase()).filter(Boolean))];
}

export function resultView(req: Request, dataset: Record<string, any>, terms: string[]) {
  return {
    dataset,
    summary: {
      titleHtml: highlighted(String(dataset.title || dataset.name), terms),
      snippetHtml: snippet(dataset.notes, terms),
      organization: dataset.organization?.title || dataset.organization?.name || '',
      formats: formatsOf(dataset.resources),
      licence: dataset.license_id ? valueLabel(req, 'license_id', dataset.license_id, dataset.license_title) : '',
      modified: dayOf(req, dataset.metadata_modified),
    },
  };
}

/** "1 dataset trovato", "1.234 dataset trovati"; "12 datasets found" in English. */
export function countLabel(req: Request, count: number): string {
  return count === 1 ? t(req, 'search.results.one') : t(req, 'search.results', { count: numberFormats[lang(req)].format(count) });
}
