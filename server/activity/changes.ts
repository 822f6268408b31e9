// What changed between two versions of a dataset (two activities' package dicts), field by field, as
// CKAN's activity plugin lists them (ckanext/activity/changes.py), plus what this portal adds: themes,
// DCAT-AP_IT fields, and which file replaced which.
import { vocabulary } from '../dcat/vocabularies';
import { Change, Dict, isEmpty, sameValue, valueChange } from './change-types';
import { checkResourceChanges } from './resource-changes';

export type { Change } from './change-types';

/** CKAN's core fields shown as "field X changed from A to B", in the order of its changes.py. */
const PLAIN_FIELDS = ['maintainer', 'maintainer_email', 'author', 'author_email', 'url', 'version'];

/** The DCAT-AP_IT dataset fields, plain values or (creator, conforms_to...) JSON text. */
const DCAT_FIELDS = [
  'identifier', 'frequency', 'issued', 'modified', 'temporal_start', 'temporal_end', 'geographical_name',
  'geographical_geonames_url', 'language', 'is_version_of', 'conforms_to', 'creator', 'alternate_identifier',
  'publisher_name', 'publisher_identifier', 'holder_name', 'holder_identifier', 'contact_name', 'contact_email',
];

/** Computed or shown through another change; any other key is an extension field, compared as it is. */
const NOT_COMPARED = new Set([
  'id', 'type', 'title', 'name', 'notes', 'private', 'state', 'owner_org', 'organization', 'license_id', 'license_title',
  'license_url', 'isopen', 'creator_user_id', 'metadata_created', 'metadata_modified', 'num_resources', 'num_tags',
  'resources', 'tags', 'groups', 'extras', 'theme', 'dcatapit_defaults', 'dcat_quality',
  'relationships_as_object', 'relationships_as_subject', ...PLAIN_FIELDS, ...DCAT_FIELDS,
]);

function orgOf(dict: Dict): Dict | null {
  return dict.organization ? { id: dict.organization.id, name: dict.organization.name, title: dict.organization.title } : null;
}

function defaulted(dict: Dict, field: string): boolean {
  return Array.isArray(dict.dcatapit_defaults) && dict.dcatapit_defaults.includes(field);
}

function parsedList(text: unknown): Dict[] {
  if (Array.isArray(text)) return text;
  try {
    const parsed = JSON.parse(String(text ?? '[]'));
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** A themes' field the portal filled in ("Dati provvisori") is no choice: it counts as none. */
function themesOf(dict: Dict): Dict[] {
  return defaulted(dict, 'theme') ? [] : parsedList(dict.theme).filter((t) => t && typeof t.theme === 'string');
}

/** Entries of `after` not in `before` (added) and of `before` not in `after` (removed), by key. */
function setChanges<T>(type: Change['type'], before: T[], after: T[], key: (item: T) => string): Change[] {
  const [was, is] = [new Set(before.map(key)), new Set(after.map(key))];
  return [
    ...after.filter((item) => !was.has(key(item))).map((item): Change => ({ type, method: 'add', new: item })),
    ...before.filter((item) => !is.has(key(item))).map((item): Change => ({ type, method: 'remove', old: item })),
  ];
}

function themeChanges(old: Dict, now: Dict): Change[] {
  const [before, after] = [themesOf(old), themesOf(now)];
  const subthemes = (themes: Dict[]) => themes.flatMap((t) => (Array.isArray(t.subthemes) ? t.subthemes.map(String) : []));
  return [
    ...setChanges('theme', before.map((t) => String(t.theme)), after.map((t) => String(t.theme)), (code) => code),
    ...setChanges('subtheme', subthemes(before), subthemes(after), (uri) => uri),
  ];
}

/** A group that mirrors a theme (same label) is already told by the theme's change. */
function groupChanges(old: Dict, now: Dict, themes: Change[]): Change[] {
  const labels = new Set(themes.flatMap((c) => {
    const term = vocabulary('data-theme').byCode(String(c.new ?? c.old));
    return term ? [`${c.method} ${term.code.toLowerCase()}`, `${c.method} ${term.labels.it.toLowerCase()}`, `${c.method} ${term.labels.en.toLowerCase()}`] : [];
  }));
  const group = (g: Dict) => ({ name: String(g.name ?? ''), title: String(g.title || g.display_name || g.name || '') });
  const list = (dict: Dict) => (Array.isArray(dict.groups) ? dict.groups.map(group) : []);
  return setChanges('group', list(old), list(now), (g) => g.name).filter((c) => {
    const g = (c.new ?? c.old) as { name: string; title: string };
    return !labels.has(`${c.method} ${g.name.toLowerCase()}`) && !labels.has(`${c.method} ${g.title.toLowerCase()}`);
  });
}

function tagChanges(old: Dict, now: Dict): Change[] {
  const names = (dict: Dict) => (Array.isArray(dict.tags) ? dict.tags.map((t: Dict) => String(t.name)) : []).sort();
  return setChanges('tag', names(old), names(now), (name) => name);
}

function extrasOf(dict: Dict): Map<string, unknown> {
  return new Map((Array.isArray(dict.extras) ? dict.extras : []).map((e: Dict) => [String(e.key), e.value]));
}

function extraChanges(old: Dict, now: Dict): Change[] {
  const [before, after] = [extrasOf(old), extrasOf(now)];
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.flatMap((key) => {
    if (before.has(key) && after.has(key)) return valueChange('extra', before.get(key), after.get(key), { field: key });
    return before.has(key) ? [{ type: 'extra', method: 'remove', field: key, old: before.get(key) } as Change]
      : [{ type: 'extra', method: 'add', field: key, new: after.get(key) } as Change];
  });
}

/** What the portal would fill in for a DCAT field the editor left empty (dcat/dataset-fields.ts). */
function derivedValue(dict: Dict, field: string): unknown {
  const org = dict.organization ?? {};
  const email = dict.maintainer_email || dict.author_email || org.email || '';
  switch (field) {
    case 'frequency': return defaulted(dict, 'frequency') ? dict.frequency : undefined;
    case 'modified': return String(dict.metadata_modified ?? '').slice(0, 10);
    case 'publisher_name': case 'holder_name': return org.title || org.name;
    case 'publisher_identifier': case 'holder_identifier': return org.identifier || org.name;
    case 'contact_email': return email;
    case 'contact_name': return email ? dict.maintainer || dict.author || org.title || org.name : '';
    default: return undefined;
  }
}

/** A DCAT value that only follows another change (the date, the organization) is not a change of its own. */
function dcatChanges(old: Dict, now: Dict): Change[] {
  return DCAT_FIELDS.flatMap((field) => {
    const derivedBoth = sameValue(old[field], derivedValue(old, field)) && sameValue(now[field], derivedValue(now, field));
    if (derivedBoth) return [];
    const shown = (dict: Dict) => (field === 'frequency' && defaulted(dict, field) ? '' : dict[field]);
    return valueChange('dcat', shown(old), shown(now), { field });
  });
}

function extensionChanges(old: Dict, now: Dict): Change[] {
  const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])].filter((k) => !NOT_COMPARED.has(k)).sort();
  return keys.flatMap((key) => valueChange('field', old[key], now[key], { field: key }));
}

function coreChanges(old: Dict, now: Dict): Change[] {
  return [
    ...valueChange('title', old.title, now.title),
    ...(old.owner_org !== now.owner_org ? valueChange('org', orgOf(old), orgOf(now)) : []),
    ...PLAIN_FIELDS.flatMap((field) => valueChange('field', old[field], now[field], { field })),
    ...(Boolean(old.private) !== Boolean(now.private) ? [{ type: 'private', method: 'change', old: Boolean(old.private), new: Boolean(now.private) } as Change] : []),
    ...valueChange('state', old.state, now.state),
    ...valueChange('notes', old.notes, now.notes),
  ];
}

/** Every change from `old` to `now`, two package dicts as package_show returned them. */
export function packageChanges(old: Dict, now: Dict): Change[] {
  const themes = themeChanges(old, now);
  const licence = (dict: Dict) => (isEmpty(dict.license_id) ? null : { id: dict.license_id, title: dict.license_title || dict.license_id });
  return [
    ...coreChanges(old, now),
    ...tagChanges(old, now),
    ...themes,
    ...groupChanges(old, now, themes),
    ...(old.license_id !== now.license_id ? valueChange('license', licence(old), licence(now)) : []),
    ...valueChange('name', old.name, now.name),
    ...dcatChanges(old, now),
    ...extraChanges(old, now),
    ...extensionChanges(old, now),
    ...checkResourceChanges(old, now),
  ];
}

/** The changes CKAN shows for an organization or a group: its title, description and image. */
export function groupDictChanges(old: Dict, now: Dict): Change[] {
  return [
    ...valueChange('title', old.title, now.title),
    ...['description', 'image_url'].flatMap((field) => valueChange('field', old[field], now[field], { field })),
  ];
}
