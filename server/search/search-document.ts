// What the index holds of a dataset: its words in four weight classes (title over tags and themes over
// description over resources), each with its stems, the folded title for "exact title first", and the
// values the facets count (the DCAT-AP_IT frequency among them). Built from the same loaded rows the presenters
// use (dataset-loader.ts).
import { LoadedDataset } from '../catalogue/dataset-loader';
import { StoredDatasetDcat } from '../dcat/dataset-fields';
import { subthemeByUri, termLabel, vocabulary } from '../dcat/vocabularies';
import { stemText, titleKey, words } from './text';

export interface SearchDocument {
  packageId: string;
  titleKey: string;
  /** Folded words of each weight class, space-separated: A title and name, B tags, organization, themes and places, C description, D resources. */
  words: [string, string, string, string];
  /** The stems of the same words (stop words left out). */
  stems: [string, string, string, string];
  /** What package_search's facets count, each value once (search-sql.ts): see facetValues. */
  facets: string[];
}

/** The prefix of each facet's values in `SearchDocument.facets` (organization and licence are package columns). */
export const FACET_PREFIXES = { groups: 'g:', tags: 't:', res_format: 'f:', frequency: 'q:' } as const;

/** Group ids, tags, formats of the active resources (in upper case, as CKAN's facet shows them) and the frequency. */
function facetValues(dataset: LoadedDataset, dcat: StoredDatasetDcat | null): string[] {
  const frequency = typeof dcat?.frequency === 'string' ? dcat.frequency : '';
  const values = new Set([
    ...dataset.groups.map((g) => FACET_PREFIXES.groups + g.id),
    ...dataset.tags.map((tag) => FACET_PREFIXES.tags + tag),
    ...dataset.resources.filter((r) => r.format).map((r) => FACET_PREFIXES.res_format + r.format.toUpperCase()),
  ]);
  if (frequency) values.add(FACET_PREFIXES.frequency + frequency);
  return [...values];
}

/** Italian and English labels of the dataset's DCAT-AP themes and sub-themes, and of its place. */
function dcatLabels(dcat: StoredDatasetDcat | null): string[] {
  const labels: string[] = [];
  const both = (term: { labels: { it: string; en: string } } | undefined) => {
    if (term) labels.push(termLabel(term, 'it'), termLabel(term, 'en'));
  };
  for (const choice of dcat?.theme ?? []) {
    both(vocabulary('data-theme').byCode(choice.theme));
    for (const uri of choice.subthemes ?? []) both(subthemeByUri(uri));
  }
  if (dcat?.geographical_name) both(vocabulary('place').byCode(dcat.geographical_name));
  return labels;
}

function classText(parts: (string | undefined | null)[]): string[] {
  return words(parts.filter(Boolean).join(' \n '));
}

export function searchDocument(dataset: LoadedDataset): SearchDocument {
  const { pkg } = dataset;
  const dcat = pkg.dcat as StoredDatasetDcat | null;
  const classes = [
    classText([pkg.title, pkg.name.replace(/[-_]/g, ' ')]),
    // A theme's group says what its theme's labels say (catalogue/themes.ts): only the other groups' titles.
    classText([...dataset.tags, dataset.org?.title, ...dataset.groups.filter((g) => !g.theme).map((g) => g.title || g.name), ...dcatLabels(dcat)]),
    classText([pkg.notes]),
    classText(dataset.resources.flatMap((r) => [r.name, r.description, r.format])),
  ];
  return {
    packageId: pkg.id,
    titleKey: titleKey(pkg.title || pkg.name),
    facets: facetValues(dataset, dcat),
    words: classes.map((c) => c.join(' ')) as SearchDocument['words'],
    stems: classes.map(stemText) as SearchDocument['stems'],
  };
}
