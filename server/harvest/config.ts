// A source's config, read as ckanext-harvest's CKAN harvester reads its options. The options that make
// sense here are typed and checked when the source is saved (a wrong type is a `config` field error, as
// ckanext-harvest's validate_config raises); options it has and we do not are ignored, and listed in the
// README ("Harvesting", Config). A value we cannot honour (remote_groups/remote_orgs "create") is refused
// rather than silently taken for something else.
import { ValidationError } from '../core/errors';
import { parseSourceConfig } from './sources';

export interface HarvestConfig {
  /** Another local organization for the datasets (catalogo's own option). */
  ownerOrg?: string;
  /** Datasets go to the local namesake of their remote organization (ckanext-harvest's remote_orgs "only_local"). */
  remoteOrgs: boolean;
  /** Each run reads every remote dataset, not only those changed since the last complete run. */
  forceAll: boolean;
  /** Tags added to every harvested dataset. */
  defaultTags: string[];
  /** Remote tags made valid CKAN tag names (CKAN's munge_tag) instead of failing the record. */
  cleanTags: boolean;
  /** Local groups (names or ids) every harvested dataset joins. */
  defaultGroups: string[];
  /** The remote groups that exist here (same name) are kept (ckanext-harvest's remote_groups "only_local"). */
  remoteGroups: boolean;
  /** Sent as the Authorization header to the source's own address only (private datasets of a CKAN). */
  apiKey?: string;
  /** package_search filters on the remote organizations and groups (CKAN sources). */
  organizationsInclude: string[];
  organizationsExclude: string[];
  groupsInclude: string[];
  groupsExclude: string[];
}

const fail = (message: string): never => {
  throw ValidationError.field('config', message);
};

function flag(config: Record<string, unknown>, key: string): boolean {
  const value = config[key];
  if (value === undefined || value === null || value === false) return false;
  if (value === true) return true;
  return fail(`"${key}" deve essere true o false`);
}

/** A list of names; a tag or group may also be given as {"name": ...}, as ckanext-harvest accepts. */
function names(config: Record<string, unknown>, key: string): string[] {
  const value = config[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return fail(`"${key}" deve essere un elenco, per esempio ["nome-1", "nome-2"]`);
  return value.map((item) => {
    const name = item && typeof item === 'object' ? (item as Record<string, unknown>).name : item;
    if (typeof name !== 'string' || !name.trim()) return fail(`"${key}" contiene un valore che non è un nome: ${JSON.stringify(item).slice(0, 60)}`);
    return name.trim();
  });
}

/** ckanext-harvest's remote_groups / remote_orgs: "only_local" (or true) here; "create" is not supported. */
function onlyLocal(config: Record<string, unknown>, key: string): boolean {
  const value = config[key];
  if (value === undefined || value === null || value === false) return false;
  if (value === true || value === 'only_local') return true;
  if (value === 'create') return fail(`"${key}": "create" non è supportato (le organizzazioni e i gruppi non si creano raccogliendo): usa "only_local"`);
  return fail(`"${key}" deve essere "only_local"`);
}

export function readHarvestConfig(text: string | undefined | null): HarvestConfig {
  const config = parseSourceConfig(text);
  const apiKey = config.api_key;
  if (apiKey !== undefined && apiKey !== null && typeof apiKey !== 'string') fail('"api_key" deve essere un testo');
  const ownerOrg = config.owner_org;
  if (ownerOrg !== undefined && typeof ownerOrg !== 'string') fail('"owner_org" deve essere il nome di un\'organizzazione');
  return {
    ownerOrg: ownerOrg as string | undefined,
    remoteOrgs: onlyLocal(config, 'remote_orgs'),
    forceAll: flag(config, 'force_all'),
    defaultTags: names(config, 'default_tags'),
    cleanTags: flag(config, 'clean_tags'),
    defaultGroups: names(config, 'default_groups'),
    remoteGroups: onlyLocal(config, 'remote_groups'),
    apiKey: typeof apiKey === 'string' && apiKey.trim() ? apiKey.trim() : undefined,
    organizationsInclude: names(config, 'organizations_filter_include'),
    organizationsExclude: names(config, 'organizations_filter_exclude'),
    groupsInclude: names(config, 'groups_filter_include'),
    groupsExclude: names(config, 'groups_filter_exclude'),
  };
}

/** CKAN's munge_tag: ASCII, lower case, letters, digits, "-" and spaces (then "-"), 2 to 100 characters. */
export function cleanTag(tag: string): string {
  const ascii = tag.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const cleaned = ascii.toLowerCase().trim().replace(/[^a-z0-9\- ]/g, '').replace(/ /g, '-');
  return cleaned.length < 2 ? cleaned.padEnd(2, '_') : cleaned.slice(0, 100);
}

/** The package_search filter terms of the config (ckanext-harvest's, joined as its gather stage joins them). */
export function filterTerms(config: HarvestConfig): string[] {
  const terms: string[] = [];
  if (config.organizationsInclude.length) terms.push(config.organizationsInclude.map((o) => `organization:${o}`).join(' OR '));
  else terms.push(...config.organizationsExclude.map((o) => `-organization:${o}`));
  if (config.groupsInclude.length) terms.push(config.groupsInclude.map((g) => `groups:${g}`).join(' OR '));
  else terms.push(...config.groupsExclude.map((g) => `-groups:${g}`));
  return terms;
}
