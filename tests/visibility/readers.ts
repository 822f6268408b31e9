// Every place that shows datasets, each read as one role: for each state, did the reader show the
// dataset in that state? 'yes', 'no', or what else happened (a 403 where a dataset must simply not
// exist, a 500...), so that a wrong cell says what went wrong.
import request from 'supertest';
import { TestCatalogue } from '../support/harness';
import { getAction } from '../support/factories';
import { download } from '../api/world';
import { Role, State, STATES, Subject, tokenOf, World } from './world';

export type Cell = 'yes' | 'no' | string;
export type Row = Record<State, Cell>;

/** The rules of docs/ARCHITECTURE.md "Who may see a dataset", one per kind of reader. */
export type Rule = 'show' | 'listed' | 'withPrivate' | 'withDrafts' | 'withPrivateAndDrafts' | 'anonymous' | 'published';

export interface Reader {
  name: string;
  rule: Rule;
  read(role: Role): Promise<Row>;
}

/** The cell of a reader that has nothing to read in that state (a download without a file). */
export const NOTHING_TO_READ = 'n/a';

type Context = { cat: TestCatalogue; world: World };

const SITE = 'http://catalogo.test';

function yes(found: boolean): Cell {
  return found ? 'yes' : 'no';
}

/** A reader asked once per state. */
function perState(ctx: Context, name: string, rule: Rule, cell: (s: Subject, token?: string) => Promise<Cell>): Reader {
  return {
    name, rule,
    async read(role) {
      const row = {} as Row;
      for (const state of STATES) row[state] = await cell(ctx.world.subjects[state], tokenOf(ctx.world, role));
      return row;
    },
  };
}

/** A reader of one dataset at a time: 200 shows it, 404 hides it, anything else is wrong. */
function perDataset(ctx: Context, name: string, rule: Rule, status: (s: Subject, token?: string) => Promise<number | null>): Reader {
  return perState(ctx, name, rule, async (s, token) => {
    const code = await status(s, token);
    return code === null ? NOTHING_TO_READ : code === 200 ? 'yes' : code === 404 ? 'no' : `HTTP ${code}`;
  });
}

/** A reader that answers once for all datasets: which of them does its answer mention? */
function listing(ctx: Context, name: string, rule: Rule, answer: (token?: string) => Promise<string>, mentions: (s: Subject) => string): Reader {
  return {
    name, rule,
    async read(role) {
      const text = await answer(tokenOf(ctx.world, role));
      return Object.fromEntries(STATES.map((state) => [state, yes(text.includes(mentions(ctx.world.subjects[state])))])) as Row;
    },
  };
}

/** A reader that answers per organization or group: is its count 1 (this dataset counted) or 0? */
function perContainer(ctx: Context, name: string, rule: Rule, count: (s: Subject, token?: string) => Promise<number>): Reader {
  return perState(ctx, name, rule, async (s, token) => {
    const n = await count(s, token);
    return n === 1 ? 'yes' : n === 0 ? 'no' : `count ${n}`;
  });
}

function page(ctx: Context, path: string, token?: string) {
  const req = request(ctx.cat.app).get(path);
  if (token) req.set('Authorization', token);
  return req;
}

async function text(res: PromiseLike<request.Response>): Promise<string> {
  const answer = await res;
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
  return answer.text;
}

async function result(cat: TestCatalogue, action: string, query: Record<string, string>, token?: string): Promise<any> {
  const res = await getAction(cat, action, query, token);
  if (res.status !== 200) throw new Error(`${action}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result;
}

/** A dataset's activities, newest first, as a sysadmin lists them. */
async function activityIds(ctx: Context, s: Subject): Promise<string[]> {
  return (await result(ctx.cat, 'package_activity_list', { id: s.id }, ctx.world.users.sysadmin.token)).map((a: any) => a.id);
}

function searchReader(ctx: Context, name: string, rule: Rule, options: Record<string, string>): Reader {
  return listing(ctx, name, rule,
    async (token) => {
      const fq = `tags:(${STATES.map((s) => ctx.world.subjects[s].tag).join(' OR ')})`;
      return JSON.stringify((await result(ctx.cat, 'package_search', { fq, rows: '100', ...options }, token)).results.map((d: any) => d.name));
    },
    (s) => `"${s.name}"`);
}

function apiReaders(ctx: Context): Reader[] {
  const { cat } = ctx;
  const names = async (action: string, token?: string) => JSON.stringify((await result(cat, action, { limit: '1000' }, token)).map((d: any) => d.name ?? d));
  const activities = async (action: string, query: Record<string, string>, token?: string) =>
    JSON.stringify((await result(cat, action, { limit: '100', ...query }, token)).map((a: any) => a.object_id));
  return [
    perDataset(ctx, 'package_show', 'show', async (s, token) => (await getAction(cat, 'package_show', { id: s.name }, token)).status),
    perDataset(ctx, 'resource_show', 'show', async (s, token) =>
      (s.resourceId ? (await getAction(cat, 'resource_show', { id: s.resourceId }, token)).status : null)),
    listing(ctx, 'package_list', 'listed', (token) => names('package_list', token), (s) => `"${s.name}"`),
    listing(ctx, 'current_package_list_with_resources', 'listed', (token) => names('current_package_list_with_resources', token), (s) => `"${s.name}"`),
    listing(ctx, 'tag_list', 'listed', async (token) => JSON.stringify(await result(cat, 'tag_list', {}, token)), (s) => `"${s.tag}"`),
    searchReader(ctx, 'package_search', 'listed', {}),
    searchReader(ctx, 'package_search include_private', 'withPrivate', { include_private: 'true' }),
    searchReader(ctx, 'package_search include_drafts', 'withDrafts', { include_drafts: 'true' }),
    searchReader(ctx, 'package_search include_private include_drafts', 'withPrivateAndDrafts', { include_private: 'true', include_drafts: 'true' }),
    perDataset(ctx, 'package_activity_list', 'show', async (s, token) => (await getAction(cat, 'package_activity_list', { id: s.id }, token)).status),
    perDataset(ctx, 'activity_show', 'show', async (s, token) =>
      (await getAction(cat, 'activity_show', { id: (await activityIds(ctx, s))[0] }, token)).status),
    // A dataset with one activity has nothing to compare it with (noDistribution: only its creation).
    perDataset(ctx, 'activity_diff', 'show', async (s, token) => {
      const [latest, previous] = await activityIds(ctx, s);
      return previous ? (await getAction(cat, 'activity_diff', { id: latest, object_type: 'package' }, token)).status : null;
    }),
    listing(ctx, 'recently_changed_packages_activity_list', 'show', (token) => activities('recently_changed_packages_activity_list', {}, token), (s) => `"${s.id}"`),
    perContainer(ctx, 'organization_activity_list', 'show', async (s, token) =>
      (await result(cat, 'organization_activity_list', { id: s.org.name, limit: '100' }, token)).some((a: any) => a.object_id === s.id) ? 1 : 0),
    perContainer(ctx, 'organization_show include_datasets', 'withPrivate', async (s, token) =>
      (await result(cat, 'organization_show', { id: s.org.name, include_datasets: 'true' }, token)).packages.length),
    perContainer(ctx, 'organization_show package_count', 'withPrivate', async (s, token) =>
      (await result(cat, 'organization_show', { id: s.org.name }, token)).package_count),
    perContainer(ctx, 'organization_list package_count', 'withPrivate', async (s, token) =>
      (await result(cat, 'organization_list', { all_fields: 'true', organizations: s.org.name }, token))[0].package_count),
    perContainer(ctx, 'group_show include_datasets', 'withPrivate', async (s, token) =>
      (await result(cat, 'group_show', { id: s.group.name, include_datasets: 'true' }, token)).packages.length),
    perContainer(ctx, 'group_show package_count', 'withPrivate', async (s, token) =>
      (await result(cat, 'group_show', { id: s.group.name }, token)).package_count),
  ];
}

function htmlReaders(ctx: Context): Reader[] {
  const linksTo = (s: Subject) => `href="/dataset/${s.name}"`;
  return [
    perDataset(ctx, 'dataset page', 'show', async (s, token) => (await page(ctx, `/dataset/${s.name}`, token)).status),
    perDataset(ctx, 'dataset activity page', 'show', async (s, token) => (await page(ctx, `/dataset/activity/${s.name}`, token)).status),
    perDataset(ctx, 'dataset change page', 'show', async (s, token) => (await page(ctx, `/dataset/changes/${(await activityIds(ctx, s))[0]}`, token)).status),
    perDataset(ctx, "dataset page's RDF links", 'published', async (s, token) => {
      const res = await page(ctx, `/dataset/${s.name}`, token);
      return res.status === 200 && res.text.includes(`/dataset/${s.name}.ttl`) ? 200 : 404;
    }),
    perContainer(ctx, 'organization page', 'withPrivate', async (s, token) =>
      (await text(page(ctx, `/organization/${s.org.name}`, token))).includes(linksTo(s)) ? 1 : 0),
    perContainer(ctx, 'group page', 'withPrivate', async (s, token) =>
      (await text(page(ctx, `/group/${s.group.name}`, token))).includes(linksTo(s)) ? 1 : 0),
    listing(ctx, 'dataset search page', 'withPrivate', (token) => text(page(ctx, '/dataset?q=Dataset', token)), linksTo),
  ];
}

function publicationReaders(ctx: Context): Reader[] {
  return [
    listing(ctx, 'DCAT catalogue (/catalog.nt)', 'published', (token) => text(page(ctx, '/catalog.nt', token)), (s) => `<${SITE}/dataset/${s.id}>`),
    perDataset(ctx, '/dataset/NAME.ttl', 'published', async (s, token) => (await page(ctx, `/dataset/${s.name}.ttl`, token)).status),
    listing(ctx, 'Atom feed of the site', 'anonymous', (token) => text(page(ctx, '/feeds/dataset.atom', token)), (s) => `${SITE}/dataset/${s.id}<`),
    perContainer(ctx, 'Atom feed of the organization', 'anonymous', async (s, token) =>
      (await text(page(ctx, `/feeds/organization/${s.org.name}.atom`, token))).includes(`${SITE}/dataset/${s.id}<`) ? 1 : 0),
    listing(ctx, 'sitemap', 'anonymous', (token) => text(page(ctx, '/sitemap.xml', token)), (s) => `${SITE}/dataset/${s.name}<`),
    perDataset(ctx, 'download of the current file', 'show', async (s, token) => (s.download ? (await download(ctx.cat, s.download.current, token)).status : null)),
    perDataset(ctx, 'download of an old version', 'show', async (s, token) => (s.download ? (await download(ctx.cat, s.download.previous, token)).status : null)),
  ];
}

export function allReaders(cat: TestCatalogue, world: World): Reader[] {
  const ctx = { cat, world };
  return [...apiReaders(ctx), ...htmlReaders(ctx), ...publicationReaders(ctx)];
}
