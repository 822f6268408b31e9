// A CKAN source, as ckanext-harvest's CKAN harvester reads one: paged package_search (incremental with
// fq=metadata_modified:[LAST TO *]), each dataset as published; and a full listing of ids (fl=id) for
// the deletions. Resources stay links to the source: an upload's URL is already its remote download URL.
import { fetchJson, FetchRefused, GuardOptions } from '../net/fetch';
import { Dict, HarvestRecord, withRemoteIdentifier } from './records';

const PAGE_ROWS = 100;
/** A remote that never ends its pages (or lies about its count) stops here. */
const MAX_PAGES = 2000;

/** Fields the remote portal generates: a local write makes its own, or they name remote things (groups, org). */
const DROPPED_DATASET_FIELDS = [
  'id', 'owner_org', 'organization', 'groups', 'metadata_created', 'metadata_modified', 'creator_user_id', 'revision_id',
  'num_resources', 'num_tags', 'relationships_as_object', 'relationships_as_subject', 'tracking_summary', 'state',
  'private', 'dcat_quality', 'license_title', 'license_url', 'isopen', 'type',
];
const DROPPED_RESOURCE_FIELDS = [
  'id', 'package_id', 'created', 'metadata_modified', 'position', 'state', 'url_type', 'datastore_active', 'file_versions',
  'cache_url', 'cache_last_updated', 'revision_id', 'tracking_summary',
];

function without(dict: Dict, fields: string[]): Dict {
  const copy = { ...dict };
  for (const field of fields) delete copy[field];
  return copy;
}

/** A remote package_show dict → package_create input (owner_org is the harvester's). */
export function ckanInput(remote: Dict): Dict {
  const resources = Array.isArray(remote.resources) ? remote.resources : [];
  return {
    ...without(remote, DROPPED_DATASET_FIELDS),
    resources: resources.map((r) => without(r as Dict, DROPPED_RESOURCE_FIELDS)),
  };
}

/** The names of a remote dataset's groups (kept where a local group has the name: config remote_groups). */
function groupNames(remote: Dict): string[] {
  const groups = Array.isArray(remote.groups) ? remote.groups : [];
  return groups.map((g) => (g && typeof g === 'object' ? (g as Dict).name : undefined)).filter((n): n is string => typeof n === 'string' && !!n);
}

/** One remote dataset; `site` is the remote portal's address, for the dataset's own (its page). */
export function ckanRecord(remote: Dict, site: string): HarvestRecord {
  const guid = String(remote.id ?? '');
  if (!guid) return { guid: `senza-id:${String(remote.name ?? '?')}`, hash: '', input: null, error: 'il dataset remoto non ha id' };
  const input = withRemoteIdentifier(ckanInput(remote), `${site}/dataset/${guid}`);
  const org = remote.organization as Dict | null | undefined;
  return {
    guid, hash: String(remote.metadata_modified ?? ''), input, remoteId: guid,
    remoteOrg: typeof org?.name === 'string' ? org.name : undefined, remoteGroups: groupNames(remote),
  };
}

/** The remote portal's address from the source URL (the site, or its API). */
export function ckanSite(sourceUrl: string): string {
  return sourceUrl.replace(/\/+$/, '').replace(/\/api(\/3)?(\/action)?$/, '');
}

/** The action API's root for a source URL (the site, or the API itself). */
export function ckanApiBase(sourceUrl: string): string {
  return `${ckanSite(sourceUrl)}/api/3/action/`;
}

async function callSearch(base: string, params: Record<string, string>, guard: GuardOptions): Promise<{ count: number; results: Dict[] }> {
  const url = `${base}package_search?${new URLSearchParams(params).toString()}`;
  const body = (await fetchJson(url, guard)) as { success?: boolean; result?: { count?: number; results?: Dict[] }; error?: { message?: string } };
  if (!body || body.success !== true || !body.result || !Array.isArray(body.result.results)) {
    throw new FetchRefused(`${url}: risposta non valida di package_search${body?.error?.message ? ` (${body.error.message})` : ''}`);
  }
  return { count: Number(body.result.count ?? 0), results: body.result.results };
}

/** Every page of a search, in a stable order (id asc), as dicts; a listing that ends before its count is an error. */
async function* searchPages(base: string, params: Record<string, string>, guard: GuardOptions): AsyncGenerator<Dict[]> {
  for (let page = 0, start = 0; ; page += 1) {
    if (page >= MAX_PAGES) throw new FetchRefused(`${base}package_search: più di ${MAX_PAGES} pagine, elenco interrotto`);
    const { count, results } = await callSearch(base, { ...params, sort: 'id asc', rows: String(PAGE_ROWS), start: String(start) }, guard);
    // An empty page before the count is reached: the remote lost its place (or lies about its count).
    if (!results.length && start < count) throw new FetchRefused(`${base}package_search: pagina vuota a ${start} di ${count} risultati, elenco incompleto`);
    if (!results.length) return;
    yield results;
    start += results.length;
    if (start >= count) return;
  }
}

/** What a source reads: its address, the guard, and the config's filters (fq terms). */
export interface CkanGather {
  sourceUrl: string;
  guard: GuardOptions;
  filters: string[];
}

function searchParams(filters: string[], extra: string[] = []): Record<string, string> {
  const fq = [...filters, ...extra].join(' ');
  return fq ? { q: '*:*', fq } : { q: '*:*' };
}

/** The remote datasets changed since `since` (all when null). */
export async function* ckanRecords(gather: CkanGather, since: string | null): AsyncGenerator<HarvestRecord> {
  const params = searchParams(gather.filters, since ? [`metadata_modified:[${since.replace(/Z?$/, 'Z')} TO *]`] : []);
  for await (const page of searchPages(ckanApiBase(gather.sourceUrl), params, gather.guard)) {
    for (const remote of page) yield ckanRecord(remote, ckanSite(gather.sourceUrl));
  }
}

/** Every remote dataset's id: what is not among them was deleted at the source. Throws when the listing is incomplete. */
export async function ckanRemoteIds(gather: CkanGather): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const page of searchPages(ckanApiBase(gather.sourceUrl), { ...searchParams(gather.filters), fl: 'id' }, gather.guard)) {
    for (const remote of page) if (remote.id) ids.add(String(remote.id));
  }
  return ids;
}
