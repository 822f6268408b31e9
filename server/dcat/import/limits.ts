// What package_create accepts (schemas/definitions.json): the importer keeps within it, so that a
// harvested dataset is refused only for what it really lacks.
import { LIST_LIMITS } from '../dataset-field-readers';
import { MAX_LANGUAGES } from '../field-parsers';
import type { Warn } from './values';

// Strings: maximum length; arrays: maximum items. URLs over the limit are dropped, text is cut.
export const DATASET_LIMITS: Record<string, number> = {
  title: 500, notes: 100000, identifier: 300, version: 100, url: 1000, publisher_name: 300, publisher_identifier: 100,
  holder_name: 300, holder_identifier: 100, contact_name: 300, contact_email: 300, frequency: 40, geographical_name: 40,
  geographical_geonames_url: 500, is_version_of: 1000, issued: 40, modified: 40, temporal_start: 40, temporal_end: 40,
  tags: 200, theme: LIST_LIMITS.theme, creator: LIST_LIMITS.creator, language: MAX_LANGUAGES,
  alternate_identifier: LIST_LIMITS.alternate_identifier, conforms_to: LIST_LIMITS.conforms_to, resources: 1000,
};
export const RESOURCE_LIMITS: Record<string, number> = {
  name: 500, description: 100000, url: 2000, access_url: 2000, download_url: 2000, format: 100, checksum: 200, media_type: 200,
  language: MAX_LANGUAGES,
};
// Strings inside the items of a list (creator_name, agent.agent_name, conforms_to's title…): cut to what
// the schema allows; a reference URI over its limit is dropped, as a URL field is.
const ITEM_TEXT_LIMITS: Record<string, number> = {
  identifier: 300, creator_name: 300, creator_identifier: 300, agent_name: 300, agent_identifier: 300, title: 1000, uri: 1000,
};
const URL_FIELDS = new Set(['url', 'access_url', 'download_url', 'geographical_geonames_url', 'is_version_of']);

export type Setter = (field: string, value: unknown) => void;

const isEmpty = (value: unknown): boolean =>
  value === '' || value === null || value === undefined || (Array.isArray(value) && value.length === 0);

/** Sets a field unless empty, within the limits (with a warning when cut or dropped). */
export function setter(target: Record<string, unknown>, limits: Record<string, number>, warn: Warn): Setter {
  return (field, value) => {
    if (isEmpty(value)) return;
    const max = limits[field];
    if (max !== undefined && typeof value === 'string' && value.length > max) {
      if (URL_FIELDS.has(field)) {
        warn(`${field} più lungo di ${max} caratteri, scartato`);
        return;
      }
      warn(`${field} più lungo di ${max} caratteri, troncato`);
      value = value.slice(0, max);
    } else if (max !== undefined && Array.isArray(value) && value.length > max) {
      warn(`${field}: più di ${max} valori, tenuti i primi ${max}`);
      value = value.slice(0, max);
    }
    target[field] = withinItemLimits(value, field, warn);
  };
}

/** `value` with the strings of its list items (and their agents) within ITEM_TEXT_LIMITS. */
function withinItemLimits(value: unknown, field: string, warn: Warn): unknown {
  if (Array.isArray(value)) return value.map((item) => withinItemLimits(item, field, warn));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => {
    const max = ITEM_TEXT_LIMITS[key];
    if (typeof v !== 'string' || max === undefined || v.length <= max) return [key, withinItemLimits(v, field, warn)];
    const dropped = key === 'uri';
    warn(`${field}: ${key} più lungo di ${max} caratteri, ${dropped ? 'scartato' : 'troncato'}`);
    return [key, dropped ? '' : v.slice(0, max)];
  }));
}
