// The choices the editors' forms offer for the DCAT-AP_IT fields, and the labels the dataset page shows,
// built on the controlled vocabularies (vocabularies.ts) in the page's language.
import { findLicense, licenses } from '../catalogue/licenses';
import { licenceTitle } from '../i18n';
import { DEFAULT_THEME } from './dataset-fields';
import { subthemeByUri, subthemesOf, termLabel, vocabulary, VocabularyName, VocabularyTerm } from './vocabularies';

export type ChoiceLang = 'it' | 'en';

export interface Choice { value: string; label: string; selected: boolean }
export interface ThemeOption { value: string; label: string; checked: boolean; subthemes: Choice[] }
export interface ChoiceGroup { label: string; options: Choice[] }

/** The languages most datasets of an Italian portal are in: offered first. */
export const FIRST_LANGUAGES = ['ITA', 'ENG', 'DEU', 'FRA'];

/** Vocabulary labels are lower case where the language writes them so ("annuale", "italiano"): a list item starts upper case. */
export function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

const collator = (lang: ChoiceLang) => new Intl.Collator(lang === 'en' ? 'en' : 'it', { sensitivity: 'base', numeric: true });

function byLabel<T extends { label: string }>(items: T[], lang: ChoiceLang): T[] {
  const compare = collator(lang).compare;
  return [...items].sort((a, b) => compare(a.label, b.label));
}

/** A term's label in the page's language; the code itself for a code the vocabulary does not know. */
export function codeLabel(name: VocabularyName, code: string, lang: ChoiceLang): string {
  const term = code ? vocabulary(name).byCode(code) : undefined;
  return term ? termLabel(term, lang) : code;
}

export function subthemeLabel(uri: string, lang: ChoiceLang): string {
  const term = subthemeByUri(uri);
  return term ? termLabel(term, lang) : uri;
}

/**
 * The EU data themes with their EuroVoc sub-themes. "Dati provvisori" (OP_DATPRO) is the placeholder the
 * portal fills in, not a choice: it is offered only to a dataset that already has it, so nothing is lost.
 */
export function themeOptions(lang: ChoiceLang, chosen: { theme: string; subthemes: string[] }[]): ThemeOption[] {
  const themes = new Map(chosen.map((c) => [c.theme.toUpperCase(), new Set(c.subthemes)]));
  const terms = vocabulary('data-theme').terms.filter((t) => t.code !== DEFAULT_THEME || themes.has(DEFAULT_THEME));
  return byLabel(terms.map((term) => ({
    value: term.code,
    label: termLabel(term, lang),
    checked: themes.has(term.code),
    subthemes: byLabel(subthemesOf(term.code).map((s) => ({
      value: s.uri, label: termLabel(s, lang), selected: themes.get(term.code)?.has(s.uri) ?? false,
    })), lang),
  })), lang);
}

/** EU frequencies sorted by label; OP_DATPRO only when already chosen (as for themes). */
export function frequencyOptions(lang: ChoiceLang, chosen: string): Choice[] {
  const terms = vocabulary('frequency').terms.filter((t) => t.code !== 'OP_DATPRO' || chosen === 'OP_DATPRO');
  return byLabel(terms.map((t) => ({ value: t.code, label: capitalised(termLabel(t, lang)), selected: t.code === chosen })), lang);
}

// Each EU table has an "OP_DATPRO" (provisional data) term: a placeholder, offered only when already chosen.

/** Languages in two groups (labels from the page): the usual four first, then all the others by name. */
export function languageGroups(lang: ChoiceLang, chosen: string[], labels: { first: string; others: string }): ChoiceGroup[] {
  const picked = new Set(chosen.map((c) => c.toUpperCase()));
  const option = (code: string, label: string): Choice => ({ value: code, label: capitalised(label), selected: picked.has(code) });
  const terms = vocabulary('language').terms.filter((t) => t.code !== 'OP_DATPRO' || picked.has(t.code));
  const first = FIRST_LANGUAGES.map((code) => vocabulary('language').byCode(code)).filter((t): t is VocabularyTerm => !!t)
    .map((t) => option(t.code, termLabel(t, lang)));
  const others = byLabel(terms.filter((t) => !FIRST_LANGUAGES.includes(t.code)).map((t) => option(t.code, termLabel(t, lang))), lang);
  return [
    { label: labels.first, options: first },
    { label: labels.others, options: others },
  ];
}

/** EU places (the Italian ones) sorted by name; the label says the code where two places share a name. */
export function placeOptions(lang: ChoiceLang, chosen: string): Choice[] {
  const terms = vocabulary('place').terms.filter((t) => t.code !== 'OP_DATPRO' || chosen === t.code);
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(termLabel(t, lang), (counts.get(termLabel(t, lang)) ?? 0) + 1);
  return byLabel(terms.map((t) => {
    const label = termLabel(t, lang);
    return { value: t.code, label: (counts.get(label) ?? 0) > 1 ? `${label} (${t.code})` : label, selected: t.code === chosen };
  }), lang);
}

/** The EU file types for a <datalist>: the code is what the field takes, the label says what it is. */
export function fileTypeOptions(lang: ChoiceLang): { value: string; label: string }[] {
  return vocabulary('file-type').terms.filter((t) => t.code !== 'OP_DATPRO').map((t) => ({ value: t.code, label: termLabel(t, lang) }));
}

/**
 * The resource form's DCAT-AP_IT choices (views/partials/resource-dcat-fields.hbs): the EU file types for the
 * format box's <datalist>, the licences (first "as the dataset", the empty value: the resource then follows
 * the dataset's licence) and the languages. `labels` are the page's strings for the first option and groups.
 */
export function resourceChoices(
  lang: ChoiceLang,
  values: { license_id: string; language: string[] },
  datasetLicenseId: string,
  labels: { sameAsDataset: string; firstLanguages: string; otherLanguages: string },
) {
  const datasetLicence = licenceTitle(lang, datasetLicenseId, findLicense(datasetLicenseId)?.title);
  return {
    fileTypes: fileTypeOptions(lang),
    licenceOptions: [
      { value: '', label: labels.sameAsDataset.replace('{licence}', datasetLicence), selected: !values.license_id },
      ...licenses.map((l) => ({ value: l.id, label: licenceTitle(lang, l.id, l.title), selected: l.id === values.license_id })),
    ],
    resourceLanguageGroups: languageGroups(lang, values.language, { first: labels.firstLanguages, others: labels.otherLanguages }),
  };
}
