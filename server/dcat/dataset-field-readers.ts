// Readers for the composite DCAT-AP_IT dataset fields (themes, alternate identifiers, creators,
// standards): each accepts the shapes CKAN clients send (JSON text, objects, plain lists) and returns
// the stored form, reporting what it cannot take in `errors`.
import { FieldErrors } from '../core/errors';
import { textOf } from '../core/text';
import { addError, codeList, httpUrl, isWebUrl, jsonOrValue, objectList, vocabularyCodeOrKept, withinLimit } from './field-parsers';
import { subthemesOf } from './vocabularies';

export interface ThemeChoice { theme: string; subthemes: string[] }
export interface AlternateIdentifier { identifier: string; agent: { agent_name: string; agent_identifier: string } | null }
export interface Creator { creator_name: string; creator_identifier: string }
export interface Standard { identifier: string; title: string; uri: string }

// How many values each list takes. Checked before any work on the items: one request must not make
// the server read (and report on) thousands of values. The EU table has 14 themes, the AgID mapping
// at most 37 sub-themes for one.
export const LIST_LIMITS = { theme: 20, subthemes: 50, alternate_identifier: 50, creator: 50, conforms_to: 50 } as const;

const EUROVOC = /^(?:https?:\/\/eurovoc\.europa\.eu\/)?(\d+)$/;

/**
 * The subthemes of `code` among `raw` (EuroVoc ids or URIs), as URIs; the others go to `unmapped` when it
 * is given (CKAN takes any value: liberal-input.ts keeps them), else they are errors.
 */
function readSubthemes(code: string, raw: string[], errors: FieldErrors, unmapped?: string[]): string[] {
  const uris: string[] = [];
  for (const value of raw) {
    const match = EUROVOC.exec(value);
    const uri = match ? `http://eurovoc.europa.eu/${match[1]}` : value;
    // One EuroVoc concept may belong to two themes (100212: EDUC and SOCI): ask the theme, not the concept.
    if (subthemesOf(code).some((sub) => sub.uri === uri)) uris.push(uri);
    else if (unmapped) unmapped.push(`${code}/${value.slice(0, 300)}`);
    else addError(errors, 'theme', `Sottotema "${value.slice(0, 60)}" non previsto per il tema ${code} (vedi la mappatura AgID temi-sottotemi EuroVoc)`);
  }
  return uris;
}

export function readThemes(value: unknown, errors: FieldErrors, unmapped?: string[]): ThemeChoice[] {
  const parsed = jsonOrValue(value);
  const items = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed ? [parsed] : codeList(parsed);
  if (!withinLimit(items, LIST_LIMITS.theme, 'theme', 'Troppi temi', errors)) return [];
  const themes = new Map<string, Set<string>>();
  for (const item of items) {
    const isObject = typeof item === 'object' && item !== null;
    const code = vocabularyCodeOrKept('data-theme', textOf(isObject ? (item as Record<string, unknown>).theme : item), 'theme', errors, unmapped);
    if (!code) continue;
    const subthemes = themes.get(code) ?? new Set<string>();
    themes.set(code, subthemes);
    const rawSubthemes = isObject ? codeList((item as Record<string, unknown>).subthemes) : [];
    if (!withinLimit(rawSubthemes, LIST_LIMITS.subthemes, 'theme', `Troppi sottotemi per il tema ${code}`, errors)) continue;
    for (const uri of readSubthemes(code, rawSubthemes, errors, unmapped)) subthemes.add(uri);
  }
  return [...themes].map(([theme, subthemes]) => ({ theme, subthemes: [...subthemes] }));
}

type ObjectListField = 'alternate_identifier' | 'creator' | 'conforms_to';

/** A list of objects, at most LIST_LIMITS[field]; [] (with `tooMany` on the field) for a longer one. */
function boundedObjects(value: unknown, field: ObjectListField, tooMany: string, errors: FieldErrors): Record<string, unknown>[] {
  const parsed = jsonOrValue(value);
  if (Array.isArray(parsed) && !withinLimit(parsed, LIST_LIMITS[field], field, tooMany, errors)) return [];
  return objectList(parsed, field, errors);
}

/**
 * A list of objects; a plain list of strings is read as objects with just an `identifier`, and so is
 * plain text (older ckanext-dcatapit portals publish "ISBN,TEST"): split at commas where `commaList`.
 */
function identifiedObjects(value: unknown, field: ObjectListField, tooMany: string, errors: FieldErrors, commaList = false): Record<string, unknown>[] {
  let parsed = jsonOrValue(value);
  if (typeof parsed === 'string' && parsed.trim()) parsed = commaList ? codeList(parsed) : [parsed.trim()];
  if (Array.isArray(parsed) && parsed.length <= LIST_LIMITS[field] && parsed.every((v) => typeof v === 'string')) {
    return parsed.map((identifier): Record<string, unknown> => ({ identifier }));
  }
  return boundedObjects(parsed, field, tooMany, errors);
}

/** A text, or ckanext-dcatapit 2's {"it": ..., "en": ...} as its Italian (else its first) text. */
function localizedText(value: unknown): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return textOf(value);
  const texts = value as Record<string, unknown>;
  return textOf(texts.it ?? Object.values(texts).find((v) => typeof v === 'string') ?? '');
}

export function readAlternateIdentifiers(value: unknown, errors: FieldErrors): AlternateIdentifier[] {
  return identifiedObjects(value, 'alternate_identifier', 'Troppi identificativi alternativi', errors, true).map((item) => {
    const agent = (item.agent ?? null) as Record<string, unknown> | null;
    return {
      identifier: textOf(item.identifier).trim(),
      agent: agent && (agent.agent_name || agent.agent_identifier) ? { agent_name: localizedText(agent.agent_name), agent_identifier: textOf(agent.agent_identifier) } : null,
    };
  }).filter((a) => a.identifier);
}

export function readCreators(value: unknown, errors: FieldErrors): Creator[] {
  return boundedObjects(value, 'creator', 'Troppi autori', errors)
    // ckanext-dcat (scheming) names them name and identifier.
    .map((c) => ({ creator_name: localizedText(c.creator_name ?? c.name).trim(), creator_identifier: textOf(c.creator_identifier ?? c.identifier).trim() }))
    .filter((c) => c.creator_name || c.creator_identifier);
}

/**
 * The standards of conforms_to. A `uri` that is no web address is an error, or, when `unmapped` is given
 * (CKAN and ckanext-dcatapit take any text), goes there as "identifier uri" and the standard stays without it.
 */
export function readStandards(value: unknown, errors: FieldErrors, unmapped?: string[]): Standard[] {
  return identifiedObjects(value, 'conforms_to', 'Troppi standard', errors).map((item) => {
    const identifier = textOf(item.identifier).trim();
    const uri = textOf(item.uri).trim() || (/^https?:\/\//.test(identifier) ? identifier : '');
    const kept = unmapped && uri && !isWebUrl(uri);
    if (kept) unmapped.push(`${identifier} ${uri}`.trim().slice(0, 600));
    return { identifier, title: localizedText(item.title).trim(), uri: kept ? '' : httpUrl(uri, 'conforms_to', errors) };
  }).filter((s) => s.identifier || s.uri);
}
