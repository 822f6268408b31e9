// Accept what CKAN accepts, lose nothing. Datasets written through the API come from other portals as
// they were published: values are normalised before the schema judges them (CKAN's validators convert
// them the same way), and fields this portal does not know are kept as extras rather than refused.
// Fields CKAN generates itself are declared "ignored" in schemas/definitions.json and dropped.
import { schemaProperties } from '../core/schemas';
import { FieldErrors, ValidationError } from '../core/errors';
import { normalizeLicenseId } from './licenses';
import { Dict } from './present';

const EMAIL_FIELDS = ['author_email', 'maintainer_email', 'contact_email'];
/** Text fields ckanext-fluent sends as {"it": ..., "en": ...}; the other languages go to FIELD_translated. */
const MULTILINGUAL_FIELDS = ['title', 'notes'];
/** The language shown where one text is needed: the portal's. */
const MAIN_LANGUAGE = 'it';

const MAX_EXTRAS = 200;
const MAX_EXTRA_KEY = 200;
const MAX_EXTRA_VALUE = 100_000;

/** A ckanext-fluent value: a plain object of language codes to texts. */
export function isMultilingual(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value)
    && Object.keys(value).length > 0 && Object.keys(value).every((k) => /^[a-z]{2,3}([-_][A-Za-z]{2,4})?$/.test(k));
}

/** The text to show of a multilingual value: the portal's language, else the first one given. */
export function mainText(value: Record<string, unknown>): string {
  const main = value[MAIN_LANGUAGE];
  if (typeof main === 'string' && main.trim()) return main;
  const first = Object.values(value).find((v) => typeof v === 'string' && v.trim());
  return typeof first === 'string' ? first : '';
}

function readMultilingual(input: Dict, field: string): void {
  const value = input[field];
  const translatedKey = `${field}_translated`;
  if (isMultilingual(value)) {
    input[field] = mainText(value);
    input[translatedKey] ??= value;
  } else if ((value === undefined || value === '') && isMultilingual(input[translatedKey])) {
    input[field] = mainText(input[translatedKey] as Record<string, unknown>);
  }
}

/** package_create and _update: CKAN's forms of the values, before the schema judges them. */
export function preparePackageInput(input: Dict): void {
  preparePackagePatch(input);
  // CKAN shows the name where there is no title; a dataset keeps it as its title (DCAT needs one).
  if ((input.title === undefined || input.title === '' || input.title === null) && typeof input.name === 'string') input.title = input.name;
}

/** package_patch: the same, except that a missing title is one left as it is. */
export function preparePackagePatch(input: Dict): void {
  for (const field of EMAIL_FIELDS) if (typeof input[field] === 'string') input[field] = (input[field] as string).trim();
  if (typeof input.license_id === 'string') input.license_id = normalizeLicenseId(input.license_id);
  for (const field of MULTILINGUAL_FIELDS) readMultilingual(input, field);
  // Older ckanext-dcatapit portals publish one creator as two top-level fields.
  if (input.creator === undefined && (input.creator_name !== undefined || input.creator_identifier !== undefined)) {
    input.creator = [{ creator_name: input.creator_name ?? '', creator_identifier: input.creator_identifier ?? '' }];
    delete input.creator_name;
    delete input.creator_identifier;
  }
  // A record from another portal names its organization in the dict only: that is its owner.
  const org = input.organization as Dict | null | undefined;
  if (input.owner_org === undefined && org && typeof org === 'object' && typeof (org.name ?? org.id) === 'string') input.owner_org = org.name ?? org.id;
  if (Array.isArray(input.extras)) input.extras = input.extras.map((e) => (e && typeof e === 'object' ? { ...e, value: extraValue((e as Dict).value) } : e));
  if (Array.isArray(input.resources)) for (const resource of input.resources) if (resource && typeof resource === 'object') prepareResourceInput(resource as Dict);
}

/** resource_create, _update and _patch (and each resource of a dataset). */
export function prepareResourceInput(input: Dict): void {
  if (typeof input.license_id === 'string') input.license_id = normalizeLicenseId(input.license_id);
  for (const field of ['url', 'format']) if (typeof input[field] === 'string') input[field] = (input[field] as string).trim();
}

/** An extra's value as CKAN stores it: text (lists and objects as their JSON). */
function extraValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean);
}

/**
 * Values CKAN takes that the EU vocabularies or the feeds cannot: theme values outside the EU vocabulary,
 * standards' URIs that are no web address. Kept as the extras FIELD_unmapped (a JSON list), shown with the
 * other metadata and returned by package_show, left out of the DCAT feeds (dcat/quality.ts says so).
 */
export function keepUnmappedValues(input: Dict, unmapped: Record<string, string[]>): void {
  for (const [field, values] of Object.entries(unmapped)) if (values.length) input[`${field}_unmapped`] = JSON.stringify([...new Set(values)]);
}

let knownFields: Set<string> | undefined;

/** The fields a dataset has here: the others a client sends are its extras. */
function isKnownField(field: string): boolean {
  knownFields ??= new Set(schemaProperties('package_create.json').keys());
  return knownFields.has(field);
}

/**
 * The dataset's extras: those it was given, with every field this portal does not know added (or
 * replacing the extra of the same key). Values that could not be stored are per-field errors.
 */
export function extrasWithUnknownFields(input: Dict): { key: string; value: string }[] {
  const extras = new Map<string, string>();
  for (const extra of (input.extras as Dict[] | undefined) ?? []) extras.set(String(extra.key), textValue(extra.value));
  const errors: FieldErrors = {};
  for (const [field, value] of Object.entries(input)) {
    if (isKnownField(field) || value === undefined) continue;
    if (field.length > MAX_EXTRA_KEY) errors[field.slice(0, MAX_EXTRA_KEY)] = [`Nome di campo troppo lungo: al massimo ${MAX_EXTRA_KEY} caratteri`];
    const text = textValue(extraValue(value));
    if (text.length > MAX_EXTRA_VALUE) errors[field] = [`Valore troppo lungo: al massimo ${MAX_EXTRA_VALUE} caratteri`];
    extras.set(field, text);
  }
  if (extras.size > MAX_EXTRAS) errors.extras = [`Troppi metadati aggiuntivi (campi extra e campi sconosciuti): al massimo ${MAX_EXTRAS}`];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return [...extras].map(([key, value]) => ({ key, value }));
}

function textValue(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/**
 * A dataset's text in the page's language: the ckanext-fluent translation kept in the extra
 * FIELD_translated when it has one for `lang`, else the field itself (the portal's language).
 */
export function translatedText(dataset: Dict, field: string, lang: string): string {
  const plain = textValue(dataset[field]);
  if (lang === MAIN_LANGUAGE) return plain;
  const extra = ((dataset.extras as Dict[] | undefined) ?? []).find((e) => e.key === `${field}_translated`);
  if (!extra) return plain;
  try {
    const translations = JSON.parse(String(extra.value)) as unknown;
    const text = isMultilingual(translations) ? translations[lang] : undefined;
    return typeof text === 'string' && text.trim() ? text : plain;
  } catch {
    return plain;
  }
}
