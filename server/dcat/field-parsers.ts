// Readers for the shapes CKAN clients send DCAT-AP_IT fields in: lists, ckanext-dcatapit's JSON strings,
// PostgreSQL-array strings ("{ITA,ENG}"), comma lists. Each returns a normalised value or adds a
// per-field Italian message to `errors`.
import { isRealDate } from '../core/dates';
import { FieldErrors } from '../core/errors';
import { textOf } from '../core/text';
import { VocabularyName, vocabulary } from './vocabularies';

/** Messages shown per field: past these, one line counts the others. */
export const MAX_MESSAGES_PER_FIELD = 5;

interface FieldMessages { list: string[]; seen: Set<string>; hidden: number; overflowAt: number }
// What addError knows of each field of each errors object: the messages already given (to skip repeats
// in O(1)) and how many were left out. Weak: it goes with the errors object.
const messagesOf = new WeakMap<FieldErrors, Map<string, FieldMessages>>();

/**
 * Adds `message` to the field's messages unless already there. Past MAX_MESSAGES_PER_FIELD distinct
 * messages, one last line counts the others: a list of thousands of bad values costs O(1) per value,
 * and the answer stays readable.
 */
export function addError(errors: FieldErrors, field: string, message: string): void {
  const list = (errors[field] ??= []);
  let fields = messagesOf.get(errors);
  if (!fields) messagesOf.set(errors, (fields = new Map()));
  let state = fields.get(field);
  // A list set or replaced by other code (errors[field] = [...]) is taken as it is.
  if (!state || state.list !== list) fields.set(field, (state = { list, seen: new Set(list), hidden: 0, overflowAt: -1 }));
  if (state.seen.has(message)) return;
  state.seen.add(message);
  if (state.overflowAt < 0 && list.length < MAX_MESSAGES_PER_FIELD) {
    list.push(message);
    return;
  }
  if (state.overflowAt < 0) state.overflowAt = list.length;
  state.hidden++;
  list[state.overflowAt] = state.hidden === 1 ? '… e un altro valore non valido' : `… e altri ${state.hidden} valori non validi`;
}

/**
 * Whether a list is within `max` items; when not, `message` goes on the field. Readers call it before
 * any work on the items, so that an oversized list costs one check.
 */
export function withinLimit(items: readonly unknown[], max: number, field: string, message: string, errors: FieldErrors): boolean {
  if (items.length <= max) return true;
  addError(errors, field, `${message}: al massimo ${max}`);
  return false;
}

/** ckanext-dcatapit stores lists as JSON text: accept it wherever a list is expected. */
export function jsonOrValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!/^[[{]/.test(trimmed) || /^\{[^"{}]*\}$/.test(trimmed)) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

/** "ITA", "ITA,ENG", "{ITA,ENG}" (ckanext-dcatapit) or ["ITA", "ENG"]. */
export function codeList(value: unknown): string[] {
  const parsed = jsonOrValue(value);
  const items = Array.isArray(parsed) ? parsed.map(textOf) : textOf(parsed).replace(/^\{|\}$/g, '').split(/[,;]/);
  return [...new Set(items.map((s) => s.trim()).filter(Boolean))];
}

/** At most this many languages per dataset or distribution: the EU table has 400, a dataset a few. */
export const MAX_LANGUAGES = 30;

/**
 * The EU language codes of `value` (any codeList shape); more than MAX_LANGUAGES is an error. A value
 * outside the vocabulary goes to `unmapped` when it is given, else it is an error.
 */
export function languageCodes(value: unknown, field: string, errors: FieldErrors, unmapped?: string[]): string[] {
  const codes = codeList(value);
  if (!withinLimit(codes, MAX_LANGUAGES, field, 'Troppe lingue', errors)) return [];
  // "it" and "Italiano" are both ITA: once.
  return [...new Set(codes.map((c) => vocabularyCodeOrKept('language', c, field, errors, unmapped)).filter((c): c is string => !!c))];
}

const VOCABULARY_TITLES: Record<VocabularyName, string> = {
  'data-theme': 'dei temi EU (data-theme)',
  frequency: 'delle frequenze EU (frequency)',
  'file-type': 'dei formati EU (file-type)',
  language: 'delle lingue EU (language)',
  place: 'dei luoghi EU (place)',
  licence: 'delle licenze AgID',
};

/** The canonical code of `raw` in a vocabulary, or an error naming the vocabulary and a few examples. */
export function vocabularyCode(name: VocabularyName, raw: string, field: string, errors: FieldErrors): string | null {
  const term = vocabulary(name).find(raw);
  if (term) return term.code;
  const examples = vocabulary(name).terms.slice(0, 4).map((t) => t.code).join(', ');
  addError(errors, field, `"${raw.slice(0, 60)}" non è un codice del vocabolario ${VOCABULARY_TITLES[name]}: usa un codice come ${examples}`);
  return null;
}

/**
 * The code of `raw` in a vocabulary, or null. A value outside it goes to `unmapped` when that is given
 * (CKAN and ckanext-dcatapit take any value: liberal-input.ts keeps it as an extra), else it is an error.
 */
export function vocabularyCodeOrKept(name: VocabularyName, raw: string, field: string, errors: FieldErrors, unmapped?: string[]): string | null {
  if (!unmapped) return vocabularyCode(name, raw, field, errors);
  const code = vocabularyCode(name, raw, field, {});
  if (!code && raw.trim()) unmapped.push(raw.trim().slice(0, 300));
  return code;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// Hours 00-23, minutes and seconds 00-59, zone offsets up to ±14:00: what xsd:dateTime accepts.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/;

/** YYYY-MM-DD or an ISO date-time that exists in the calendar; '' when empty. */
export function isoDate(value: unknown, field: string, errors: FieldErrors): string {
  const text = textOf(value).trim();
  if (!text) return '';
  const match = DATE_ONLY.exec(text) ?? DATE_TIME.exec(text);
  if (match && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) return text;
  addError(errors, field, `Data non valida: "${text.slice(0, 40)}". Usa il formato AAAA-MM-GG (es. 2024-12-31)`);
  return '';
}

/** A list of objects, given as a list, one object, or JSON text; anything else is an error. */
export function objectList(value: unknown, field: string, errors: FieldErrors): Record<string, unknown>[] {
  const parsed = jsonOrValue(value);
  if (parsed === undefined || parsed === null || parsed === '') return [];
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const objects = list.filter((item): item is Record<string, unknown> => !!item && typeof item === 'object' && !Array.isArray(item));
  if (objects.length !== list.length) addError(errors, field, 'Formato non valido: atteso un elenco di oggetti JSON');
  return objects;
}

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const LINK_URL = /^(?:https?|ftp):\/\/[^\s/$.?#][^\s]*$/i;
// The links of a distribution may be ftp://, as a resource's url may (server/catalogue/resource-write.ts):
// DCAT takes any IRI there. The other links (is_version_of, conforms_to, GeoNames) are web pages.
const LINK_FIELD = /(?:^|[.\]])(?:access_url|download_url)$/;

/** Whether `field` (e.g. "download_url", "resources.0.access_url") takes ftp:// besides http(s)://. */
const takesFtp = (field: string): boolean => LINK_FIELD.test(field);

/** Whether `text` is an absolute http(s) URL (or ftp:// too, when `ftp`): what httpUrl accepts. */
export const isWebUrl = (text: string, ftp = false): boolean => (ftp ? LINK_URL : HTTP_URL).test(text);

/** An absolute http(s) URL (also ftp:// for a distribution's access_url and download_url); '' when empty or invalid. */
export function httpUrl(value: unknown, field: string, errors: FieldErrors): string {
  const text = textOf(value).trim();
  if (!text) return '';
  const ftp = takesFtp(field);
  if (isWebUrl(text, ftp)) return text;
  const schemes = ftp ? 'http://, https:// o ftp://' : 'http:// o https://';
  addError(errors, field, `Indirizzo non valido: "${text.slice(0, 60)}". Deve iniziare con ${schemes}`);
  return '';
}
