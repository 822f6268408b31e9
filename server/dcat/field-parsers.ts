// Readers for the shapes CKAN clients send DCAT-AP_IT fields in: lists, ckanext-dcatapit's JSON strings,
// PostgreSQL-array strings ("{ITA,ENG}"), comma lists. Each returns a normalised value or adds a
// per-field Italian message to `errors`.
import { FieldErrors } from '../core/errors';
import { textOf } from '../core/text';
import { VocabularyName, vocabulary } from './vocabularies';

export function addError(errors: FieldErrors, field: string, message: string): void {
  errors[field] = [...new Set([...(errors[field] ?? []), message])];
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
  const term = vocabulary(name).byCode(raw.trim()) ?? vocabulary(name).byUri(raw.trim());
  if (term) return term.code;
  const examples = vocabulary(name).terms.slice(0, 4).map((t) => t.code).join(', ');
  addError(errors, field, `"${raw.slice(0, 60)}" non è un codice del vocabolario ${VOCABULARY_TITLES[name]}: usa un codice come ${examples}`);
  return null;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// Hours 00-23, minutes and seconds 00-59, zone offsets up to ±14:00: what xsd:dateTime accepts.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/;

/** YYYY-MM-DD or an ISO date-time that exists in the calendar; '' when empty. */
export function isoDate(value: unknown, field: string, errors: FieldErrors): string {
  const text = textOf(value).trim();
  if (!text) return '';
  const match = DATE_ONLY.exec(text) ?? DATE_TIME.exec(text);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const day = new Date(Date.UTC(y, m - 1, d));
    if (day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d) return text;
  }
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

export function httpUrl(value: unknown, field: string, errors: FieldErrors): string {
  const text = textOf(value).trim();
  if (text && !HTTP_URL.test(text)) addError(errors, field, `Indirizzo non valido: "${text.slice(0, 60)}". Deve iniziare con http:// o https://`);
  return HTTP_URL.test(text) ? text : '';
}
