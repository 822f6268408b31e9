// A few public datasets that share a theme or a tag with this one, through package_search (so the
// visibility rule is the search's own: include_private is off whoever is looking).
import { runAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { DEFAULT_THEME } from '../dcat/dataset-fields';

const SHOWN = 4;
const MAX_TERMS = 8;

/** A Solr phrase, or null for a value our parser could not take back as one (quotes, backslashes). */
const phrase = (value: string): string | null => (/^[^"\\]{1,100}$/.test(value) ? `"${value}"` : null);

export function relatedQuery(groups: string[], tags: string[], themes: string[]): string | null {
  const terms = [
    ...groups.map((g) => ['groups', phrase(g)]),
    ...themes.filter((t) => t !== DEFAULT_THEME).map((t) => ['theme', phrase(t)]),
    ...tags.map((t) => ['tags', phrase(t)]),
  ].filter(([, value]) => value !== null).slice(0, MAX_TERMS).map(([field, value]) => `${field}:${value}`);
  return terms.length ? terms.join(' OR ') : null;
}

export interface RelatedDataset {
  name: string;
  title: string;
  organization: string;
}

export async function relatedDatasets(ctx: ActionContext, dataset: Record<string, any>, themes: string[]): Promise<RelatedDataset[]> {
  const fq = relatedQuery((dataset.groups ?? []).map((g: { name: string }) => g.name), (dataset.tags ?? []).map((t: { name: string }) => t.name), themes);
  if (!fq) return [];
  const found = await runAction<{ results: Record<string, any>[] }>('package_search', ctx, {
    fq, rows: SHOWN + 1, include_private: false, include_drafts: false,
  });
  return found.results.filter((d) => d.id !== dataset.id).slice(0, SHOWN)
    .map((d) => ({ name: d.name, title: d.title || d.name, organization: d.organization?.title ?? '' }));
}
