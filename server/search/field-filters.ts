// fq on the fields kept as JSON text (package.dcat, package.extras: db/columns.ts jsonText), and
// trailing wildcards (name:foo*). The JSON is written by JSON.stringify, so a stored value is found
// by its exact JSON text with LIKE, the same SQL on SQLite and PostgreSQL; lower-cased on both, as
// SQLite's LIKE is anyway.
import { DEFAULT_FREQUENCY, DEFAULT_THEME } from '../dcat/dataset-fields';
import { VocabularyName, vocabulary } from '../dcat/vocabularies';
import { likeEscaped } from './like';

/** Binds a value as a named parameter and gives its placeholder. */
export type Bind = (value: unknown) => string;

/** DCAT-AP_IT fields of package.dcat that fq takes, with their vocabulary and the value a dataset without one shows. */
const DCAT_FIELDS: Record<string, { vocabulary?: VocabularyName; placeholder?: string }> = {
  theme: { vocabulary: 'data-theme', placeholder: DEFAULT_THEME },
  frequency: { vocabulary: 'frequency', placeholder: DEFAULT_FREQUENCY },
  holder_identifier: {},
  publisher_identifier: {},
  geographical_name: { vocabulary: 'place' },
};

const EXTRA_FIELD = /^extras_(.{1,200})$/;

export function isJsonField(field: string): boolean {
  return Object.hasOwn(DCAT_FIELDS, field) || EXTRA_FIELD.test(field);
}

/** "foo*": the prefix, else null. A lone "*" is field:* (present), handled apart. */
export function prefixOf(value: string): string | null {
  return value.length > 1 && value.endsWith('*') ? value.slice(0, -1) : null;
}

/** The LIKE pattern of a JSON text fragment: its own wildcards literal, lower-cased. */
function jsonLike(fragment: string): string {
  return likeEscaped(fragment);
}

/** JSON.stringify of a string without its closing quote: what a value starting with `text` begins with. */
const openJson = (text: string): string => JSON.stringify(text).slice(0, -1);

function extraCondition(key: string, value: string, bind: Bind): string {
  const prefix = prefixOf(value);
  const fragment = `{"key":${JSON.stringify(key)},"value":${prefix !== null ? openJson(prefix) : JSON.stringify(value)}`;
  return `LOWER(p.extras) LIKE ${bind(`%${jsonLike(fragment)}${prefix !== null ? '%' : '}%'}`)} ESCAPE '\\'`;
}

function dcatCondition(field: string, value: string, bind: Bind): string {
  const spec = DCAT_FIELDS[field];
  const prefix = prefixOf(value);
  const code = prefix === null && spec.vocabulary ? vocabulary(spec.vocabulary).find(value)?.code ?? value : value;
  const fragment = `"${field}":${prefix !== null ? openJson(prefix) : JSON.stringify(code)}`;
  const stored = `LOWER(p.dcat) LIKE ${bind(`%${jsonLike(fragment)}%`)} ESCAPE '\\'`;
  const unset = `(p.dcat IS NULL OR p.dcat NOT LIKE ${bind(`%${jsonLike(`"${field}":`)}%`)} ESCAPE '\\')`;
  // What package_show shows when nothing is stored: the placeholder, or the organization's IPA code.
  if (spec.placeholder && prefix === null && code === spec.placeholder) return `(${stored} OR ${unset})`;
  if (field === 'holder_identifier' || field === 'publisher_identifier') {
    const org = prefix !== null ? `LOWER(o.identifier) LIKE ${bind(`${likeEscaped(prefix)}%`)} ESCAPE '\\'` : `o.identifier = ${bind(value)}`;
    return `(${stored} OR (${unset} AND EXISTS (SELECT 1 FROM "group" o WHERE o.id = p.owner_org AND ${org})))`;
  }
  return stored;
}

/** fq on a DCAT-AP_IT field or an extra (extras_NAME). */
export function jsonFieldCondition(field: string, value: string, bind: Bind): string {
  const extra = EXTRA_FIELD.exec(field);
  return extra ? extraCondition(extra[1], value, bind) : dcatCondition(field, value, bind);
}
