// Builds schemas/vocabularies/*.json from the RDF and CSV in schemas/vocabularies/source/.
// The JSON files are committed because they are what the server reads; tests/dcat/vocabularies.test.ts
// rebuilds them in memory and fails if they drift from the sources.
// Run: npm run build && node dist/scripts/build-vocabularies.js
import fs from 'node:fs';
import path from 'node:path';
import { Parser, Store } from 'n3';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCT = 'http://purl.org/dc/terms/';
const EU = 'http://publications.europa.eu/resource/authority/';
const AGID_LICENCES = 'https://w3id.org/italia/controlled-vocabulary/licences';
const ADMS_LICENCE_TYPE = 'http://purl.org/adms/licencetype/';

interface Labels { it: string; en: string }
interface Term { code: string; uri: string; labels: Labels; admsType?: string }

// The trimmed EU tables carry no scheme titles (place has an English one only): these are the
// Publications Office names of the tables.
const EU_TABLES: { name: string; file: string; scheme: string; title: Labels }[] = [
  { name: 'data-theme', file: 'eu-data-theme.ttl', scheme: 'data-theme', title: { it: 'Temi dei dati', en: 'Data theme' } },
  { name: 'frequency', file: 'eu-frequency.ttl', scheme: 'frequency', title: { it: 'Frequenza', en: 'Frequency' } },
  { name: 'file-type', file: 'eu-file-type.ttl', scheme: 'file-type', title: { it: 'Tipo di file', en: 'File type' } },
  { name: 'language', file: 'eu-language.ttl', scheme: 'language', title: { it: 'Lingua', en: 'Language' } },
  { name: 'place', file: 'eu-place-ita.ttl', scheme: 'place', title: { it: 'Luogo', en: 'Place' } },
];

function load(file: string): Store {
  return new Store(new Parser({ baseIRI: 'http://localhost/' }).parse(fs.readFileSync(file, 'utf8')));
}

function literal(store: Store, subject: string, predicate: string, lang: string): string {
  const found = store.getObjects(subject, predicate, null).find((o) => o.termType === 'Literal' && o.language === lang);
  return found ? found.value.trim() : '';
}

// A missing language falls back to the other one, so both are always filled (place is English only).
function labelsOf(store: Store, subject: string, predicate = SKOS + 'prefLabel'): Labels {
  const it = literal(store, subject, predicate, 'it');
  const en = literal(store, subject, predicate, 'en');
  return { it: it || en, en: en || it };
}

const lastSegment = (uri: string): string => uri.slice(uri.lastIndexOf('/') + 1);
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byCode = (a: { code: string }, b: { code: string }): number => compare(a.code, b.code);

function conceptsIn(store: Store, scheme: string): string[] {
  return store.getSubjects(SKOS + 'inScheme', scheme, null).map((s) => s.value);
}

function euTable(sourceDir: string, table: (typeof EU_TABLES)[number]): Record<string, unknown> {
  const store = load(path.join(sourceDir, table.file));
  const schemeUri = EU + table.scheme;
  const terms: Term[] = conceptsIn(store, schemeUri).map((uri) => ({ code: lastSegment(uri), uri, labels: labelsOf(store, uri) }));
  return { name: table.name, schemeUri, title: table.title, terms: terms.sort(byCode) };
}

// ADMS type of an AgID licence: the skos:exactMatch of its second-level AgID category (skos:broader),
// which AgID itself states (A.1 PublicDomain, A.2 Attribution, A.3 ViralEffect-ShareAlike,
// B.1 NonCommercialUseOnly, B.2 NoDerivativeWork, C.1 UnknownIPR). A.4 points at
// "ShareAlike-NotCompatible", which the ADMS licencetype scheme does not define: a copyleft licence
// is still share-alike, so it becomes ViralEffect-ShareAlike. Any type outside the scheme fails the build.
function admsTypeOf(store: Store, licence: string, admsTypes: Set<string>): string {
  for (const category of store.getObjects(licence, SKOS + 'broader', null)) {
    for (const match of store.getObjects(category, SKOS + 'exactMatch', null)) {
      if (!match.value.startsWith(ADMS_LICENCE_TYPE)) continue;
      const type = match.value.endsWith('/ShareAlike-NotCompatible') ? ADMS_LICENCE_TYPE + 'ViralEffect-ShareAlike' : match.value;
      if (!admsTypes.has(type)) throw new Error(`${licence}: tipo ADMS ${type} non presente nello schema licencetype`);
      return type;
    }
  }
  throw new Error(`${licence}: nessun tipo ADMS`);
}

function licences(sourceDir: string): Record<string, unknown> {
  const store = load(path.join(sourceDir, 'it-licences.ttl'));
  const adms = load(path.join(sourceDir, 'adms-skos-v1.00.ttl'));
  const admsTypes = new Set(conceptsIn(adms, ADMS_LICENCE_TYPE + '1.0'));
  // Leaves are the licence documents; the A/B/C and A.1… levels are categories.
  const leaves = conceptsIn(store, AGID_LICENCES).filter((uri) => store.countQuads(uri, RDF_TYPE, DCT + 'LicenseDocument', null) > 0);
  const terms: Term[] = leaves.map((uri) => ({ code: lastSegment(uri), uri, labels: labelsOf(store, uri), admsType: admsTypeOf(store, uri, admsTypes) }));
  return { name: 'licence', schemeUri: AGID_LICENCES, title: labelsOf(store, AGID_LICENCES, DCT + 'title'), terms: terms.sort(byCode) };
}

// RFC 4180 fields: quoted, with "" for a quote inside.
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

function subthemes(sourceDir: string): Record<string, unknown> {
  const [header, ...rows] = csvRows(fs.readFileSync(path.join(sourceDir, 'it-theme-subtheme-mapping.csv'), 'utf8'));
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`colonna ${name} mancante nel CSV dei sottotemi`);
    return i;
  };
  const [theme, uri, it, en] = ['codice_1_livello', 'uri_2_livello', 'label_2_livello_it', 'label_2_livello_en'].map(col);
  const terms = rows.map((r) => ({ theme: r[theme], uri: r[uri], labels: { it: r[it] || r[en], en: r[en] || r[it] } }));
  terms.sort((a, b) => compare(a.theme, b.theme) || compare(a.uri, b.uri));
  return { terms };
}

/** Every generated vocabulary, keyed by the JSON file name without extension. */
export function buildVocabularies(sourceDir: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const table of EU_TABLES) out[table.name] = euTable(sourceDir, table);
  out.licence = licences(sourceDir);
  out.subtheme = subthemes(sourceDir);
  return out;
}

/** One term per line: compact, yet a diff shows which term changed. */
export function serializeVocabulary(value: unknown): string {
  const { terms, ...head } = value as { terms: unknown[] };
  const fields = JSON.stringify(head).slice(1, -1);
  return `{${fields ? fields + ',' : ''}"terms":[\n${terms.map((t) => JSON.stringify(t)).join(',\n')}\n]}\n`;
}

function vocabulariesDir(): string {
  // Compiled code runs from dist/scripts, the sources live in scripts/.
  for (const root of [path.resolve(__dirname, '..', '..'), path.resolve(__dirname, '..')]) {
    const dir = path.join(root, 'schemas', 'vocabularies');
    if (fs.existsSync(path.join(dir, 'source'))) return dir;
  }
  throw new Error('cartella schemas/vocabularies/source non trovata');
}

if (require.main === module) {
  const dir = vocabulariesDir();
  for (const [name, value] of Object.entries(buildVocabularies(path.join(dir, 'source')))) {
    fs.writeFileSync(path.join(dir, `${name}.json`), serializeVocabulary(value));
    console.error(`scritto ${name}.json (${(value as { terms: unknown[] }).terms.length} voci)`);
  }
}
