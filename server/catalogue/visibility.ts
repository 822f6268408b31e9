// Who may see a dataset, written once, as CKAN decides it: anonymous users read public, active
// datasets; members of an organization also its private ones; its editors and admins also its drafts;
// deleted datasets only sysadmins. A private dataset the caller may not see does not exist for them
// (NotFound, never NotAuthorized).
//
// Each reader says what it shows (ReadOptions: package_search's include_private and include_drafts,
// package_show's everything-you-may-read, the feeds' only-with-a-distribution) and gets the rule as a
// SQL condition on a package alias (datasetScope) or as the answer for one row (canSee). The two are the
// same rule; tests/visibility checks every reader against it, on both databases.
import { ObjectLiteral } from 'typeorm';
import { Capacity, MemberEntity } from '../auth/entities';
import { CAN_EDIT_DATASETS, CAN_READ_PRIVATE } from '../auth/policies';
import { ActionContext } from '../core/context';
import { NotFound } from '../core/errors';
import { fixedRead } from '../db/rows';
import { PackageEntity } from './entities';
import { packageByIdOrName } from './lookup';

export interface Reader {
  sysadmin: boolean;
  /** The reader's capacity in each organization they belong to. */
  capacities: ReadonlyMap<string, Capacity>;
}

const membershipsOf = fixedRead(MemberEntity, '"user_id" = ?');

export const ANONYMOUS: Reader = { sysadmin: false, capacities: new Map() };

export interface ReadOptions {
  /** Private datasets of the organizations the reader is a member of (every one, for sysadmins). */
  includePrivate?: boolean;
  /** Drafts of the organizations the reader edits for (every one, for sysadmins). */
  includeDrafts?: boolean;
  /** Deleted datasets: sysadmins only. */
  includeDeleted?: boolean;
  /** Only datasets with a distribution: DCAT-AP_IT publishes no other. */
  withDistribution?: boolean;
}

/** What a dataset's own readers show (package_show, its activity, resources and files): all the reader may read. */
export const ONE_DATASET: ReadOptions = { includePrivate: true, includeDrafts: true, includeDeleted: true };

/** What the DCAT feeds publish, whoever asks: what an anonymous visitor reads, with a distribution. */
export const PUBLISHED: ReadOptions = { withDistribution: true };

type Visible = Pick<PackageEntity, 'ownerOrg' | 'private' | 'state' | 'hasDistribution'>;

/** The reader behind an action context: one query for a user with no sysadmin rights, none otherwise. */
export async function readerOf(ctx: ActionContext): Promise<Reader> {
  if (!ctx.user) return ANONYMOUS;
  if (ctx.user.sysadmin) return { sysadmin: true, capacities: new Map() };
  const rows = await membershipsOf(ctx.services.db.manager, [ctx.user.id]);
  return { sysadmin: false, capacities: new Map(rows.map((r) => [r.groupId, r.capacity])) };
}

/** Options that only public, active datasets satisfy need no reader: everyone reads those. */
function asksForMore(options: ReadOptions): boolean {
  return !!(options.includePrivate || options.includeDrafts || options.includeDeleted);
}

/** The reader, fetched only when the options can show more than what everyone reads. */
export async function readerFor(ctx: ActionContext, options: ReadOptions): Promise<Reader> {
  return asksForMore(options) ? readerOf(ctx) : ANONYMOUS;
}

function orgsWhere(reader: Reader, capacities: Capacity[]): string[] {
  return [...reader.capacities].filter(([, capacity]) => capacities.includes(capacity)).map(([orgId]) => orgId);
}

function holds(reader: Reader, orgId: string, capacities: Capacity[]): boolean {
  const capacity = reader.capacities.get(orgId);
  return reader.sysadmin || (!!capacity && capacities.includes(capacity));
}

/** The rule for one loaded dataset. */
export function canSee(reader: Reader, pkg: Visible, options: ReadOptions = {}): boolean {
  if (options.withDistribution && !pkg.hasDistribution) return false;
  switch (pkg.state) {
    case 'active':
      return !pkg.private || (!!options.includePrivate && holds(reader, pkg.ownerOrg, CAN_READ_PRIVATE));
    case 'draft':
      return !!options.includeDrafts && holds(reader, pkg.ownerOrg, CAN_EDIT_DATASETS);
    case 'deleted':
      return !!options.includeDeleted && reader.sysadmin;
    default:
      return false;
  }
}

/** A SQL condition on a package alias, with its parameters (named after the alias: two scopes never clash). */
export interface Scope {
  where: string;
  params: ObjectLiteral;
}

/** The same rule as a SQL condition on the package table aliased `alias`. */
export function datasetScope(alias: string, reader: Reader, options: ReadOptions = {}): Scope {
  const param = (name: string) => `visibility_${alias}_${name}`;
  const params: ObjectLiteral = { [param('public')]: false };
  const inOrgs = (name: string, ids: string[]) => {
    params[param(name)] = ids;
    return `${alias}.owner_org IN (:...${param(name)})`;
  };
  const anyOf = [`(${alias}.state = 'active' AND ${alias}.private = :${param('public')})`];
  const readable = reader.sysadmin ? null : orgsWhere(reader, CAN_READ_PRIVATE);
  if (options.includePrivate && !readable) anyOf.push(`${alias}.state = 'active'`);
  else if (options.includePrivate && readable?.length) anyOf.push(`(${alias}.state = 'active' AND ${inOrgs('readable', readable)})`);
  const editable = reader.sysadmin ? null : orgsWhere(reader, CAN_EDIT_DATASETS);
  if (options.includeDrafts && !editable) anyOf.push(`${alias}.state = 'draft'`);
  else if (options.includeDrafts && editable?.length) anyOf.push(`(${alias}.state = 'draft' AND ${inOrgs('editable', editable)})`);
  if (options.includeDeleted && reader.sysadmin) anyOf.push(`${alias}.state = 'deleted'`);
  let where = `(${anyOf.join(' OR ')})`;
  if (options.withDistribution) {
    params[param('distribution')] = true;
    where = `(${where} AND ${alias}.has_distribution = :${param('distribution')})`;
  }
  return { where, params };
}

/** The scope for the caller of an action: `datasetScope` with the reader fetched only when needed. */
export async function scopeFor(ctx: ActionContext, alias: string, options: ReadOptions = {}): Promise<Scope> {
  return datasetScope(alias, await readerFor(ctx, options), options);
}

/** A dataset the caller may see (by id or name), or NotFound: a dataset they may not see does not exist for them. */
export async function visiblePackage(ctx: ActionContext, idOrName: string, options: ReadOptions = ONE_DATASET): Promise<PackageEntity> {
  const pkg = await packageByIdOrName(ctx.services.db.manager, idOrName);
  if (pkg && (canSee(ANONYMOUS, pkg, options) || canSee(await readerFor(ctx, options), pkg, options))) return pkg;
  throw new NotFound(`Dataset non trovato: ${idOrName}`);
}
