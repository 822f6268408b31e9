// The DCAT-AP_IT controlled vocabularies, read from schemas/vocabularies/*.json (generated from the
// sources beside them by scripts/build-vocabularies.ts). Each file is read once, on first use.
import fs from 'node:fs';
import path from 'node:path';

export type VocabularyName = 'data-theme' | 'frequency' | 'file-type' | 'language' | 'place' | 'licence';

export interface VocabularyTerm { code: string; uri: string; labels: { it: string; en: string }; admsType?: string }

export interface Vocabulary {
  name: VocabularyName;
  schemeUri: string;
  title: { it: string; en: string };
  terms: VocabularyTerm[];
  /** Case-insensitive. */
  byCode(code: string): VocabularyTerm | undefined;
  byUri(uri: string): VocabularyTerm | undefined;
  /** By a label in any language the vocabulary carries (Italian and English): case and accents aside. */
  byLabel(label: string): VocabularyTerm | undefined;
  /** By code, URI (http or https) or label: what clients send for a term. */
  find(value: string): VocabularyTerm | undefined;
}

/** How labels are compared: letter case, accents and extra spaces aside. */
export function labelKey(label: string): string {
  return label.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

interface Subtheme { theme: string; uri: string; labels: { it: string; en: string } }

function vocabulariesDir(): string {
  // Compiled code runs from dist/server/dcat, ts-jest from server/dcat (as in server/core/schemas.ts).
  for (const root of [path.resolve(__dirname, '..', '..', '..'), path.resolve(__dirname, '..', '..')]) {
    const dir = path.join(root, 'schemas', 'vocabularies');
    if (fs.existsSync(dir)) return dir;
  }
  throw new Error('cartella schemas/vocabularies non trovata');
}

function readJson<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(vocabulariesDir(), `${name}.json`), 'utf8')) as T;
}

const loaded = new Map<VocabularyName, Vocabulary>();

/**
 * ISO 639-1 codes (what ckanext-dcat, scheming and HTML send: "en", "it-IT") of the EU languages and
 * their neighbours, to the EU language table's codes: the table itself names only its own codes.
 */
const ISO_639_1: Record<string, string> = {
  bg: 'BUL', cs: 'CES', da: 'DAN', de: 'DEU', el: 'ELL', en: 'ENG', es: 'SPA', et: 'EST', fi: 'FIN', fr: 'FRA',
  ga: 'GLE', hr: 'HRV', hu: 'HUN', it: 'ITA', lt: 'LIT', lv: 'LAV', mt: 'MLT', nl: 'NLD', pl: 'POL', pt: 'POR',
  ro: 'RON', sk: 'SLK', sl: 'SLV', sv: 'SWE', ca: 'CAT', eu: 'EUS', gl: 'GLG', lb: 'LTZ', no: 'NOR', nb: 'NOB',
  is: 'ISL', sq: 'SQI', sr: 'SRP', mk: 'MKD', bs: 'BOS', tr: 'TUR', ru: 'RUS', uk: 'UKR', la: 'LAT', sc: 'SRD',
  fur: 'FUR', zh: 'ZHO', ar: 'ARA', ja: 'JPN',
};

function isoLanguage(name: VocabularyName, value: string): string | undefined {
  if (name !== 'language') return undefined;
  return ISO_639_1[value.trim().toLowerCase().split(/[-_]/)[0]];
}

export function vocabulary(name: VocabularyName): Vocabulary {
  let found = loaded.get(name);
  if (!found) {
    const data = readJson<Omit<Vocabulary, 'byCode' | 'byUri' | 'byLabel' | 'find'>>(name);
    const codes = new Map(data.terms.map((t) => [t.code.toUpperCase(), t]));
    const uris = new Map(data.terms.map((t) => [t.uri, t]));
    const labels = new Map<string, VocabularyTerm>();
    // Italian first: where an English label is also another term's Italian one, the Italian reading wins.
    for (const lang of ['it', 'en'] as const) for (const t of data.terms) if (t.labels[lang] && !labels.has(labelKey(t.labels[lang]))) labels.set(labelKey(t.labels[lang]), t);
    const byCode = (code: string) => codes.get(code.trim().toUpperCase());
    // EU authority URIs are published as http://; clients also write them with https://.
    const byUri = (uri: string) => uris.get(uri.trim()) ?? uris.get(uri.trim().replace(/^https:\/\//, 'http://'));
    const byLabel = (label: string) => labels.get(labelKey(label));
    const byIso = (value: string) => { const code = isoLanguage(name, value); return code ? byCode(code) : undefined; };
    found = { ...data, name, byCode, byUri, byLabel, find: (value) => byCode(value) ?? byUri(value) ?? byLabel(value) ?? byIso(value) };
    loaded.set(name, found);
  }
  return found;
}

let subthemes: Subtheme[] | undefined;

function allSubthemes(): Subtheme[] {
  subthemes ??= readJson<{ terms: Subtheme[] }>('subtheme').terms;
  return subthemes;
}

/** EuroVoc sub-themes of an EU data theme (case-insensitive code); [] for an unknown theme. */
export function subthemesOf(themeCode: string): { uri: string; labels: { it: string; en: string } }[] {
  const theme = themeCode.trim().toUpperCase();
  return allSubthemes().filter((s) => s.theme === theme).map(({ uri, labels }) => ({ uri, labels }));
}

export function subthemeByUri(uri: string): Subtheme | undefined {
  return allSubthemes().find((s) => s.uri === uri.trim());
}

/** The label in the wanted language; the build fills both, the fallback covers hand-made terms. */
export function termLabel(term: { labels: { it: string; en: string } }, lang: 'it' | 'en'): string {
  return term.labels[lang] || term.labels[lang === 'it' ? 'en' : 'it'];
}
