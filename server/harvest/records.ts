// One harvested record → the local dataset, through the ordinary actions (package_create /
// package_update / package_delete), and its harvest_object, each in its own small transaction.
// Idempotent: an object this job already handled is skipped, so a resumed job does not count twice.
import { createHash, randomUUID } from 'node:crypto';
import { runAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { ValidationError } from '../core/errors';
import { In } from 'typeorm';
import { GroupEntity, PackageEntity } from '../catalogue/entities';
import { nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import { cleanTag, HarvestConfig } from './config';
import { HarvestObjectAction, HarvestObjectEntity } from './entities';

export type Dict = Record<string, unknown>;

export interface HarvestRecord {
  /** The remote identity (CKAN id, DCAT dataset URI). */
  guid: string;
  /** What tells a change: the remote metadata_modified, or a hash of the mapped record. */
  hash: string;
  /** package_create input (without owner_org); null when the record could not be read. */
  input: Dict | null;
  /** Why the record could not be read. */
  error?: string;
  /** A remote id to keep locally if no dataset has it. */
  remoteId?: string;
  /** The remote organization's name (CKAN sources), for config {"remote_orgs": true}. */
  remoteOrg?: string;
  /** The remote groups' names (CKAN sources), for config {"remote_groups": "only_local"}. */
  remoteGroups?: string[];
}

export interface HarvestTarget {
  sourceId: string;
  jobId: string;
  ownerOrg: string;
  /** The source's config: remote_orgs, remote_groups, default_tags, default_groups, clean_tags. */
  config: HarvestConfig;
}

/** The local organization of a record: the remote one's namesake if asked for and active, else the target's. */
async function ownerFor(ctx: ActionContext, target: HarvestTarget, record: HarvestRecord): Promise<string> {
  if (!target.config.remoteOrgs || !record.remoteOrg) return target.ownerOrg;
  const org = await ctx.services.db.getRepository(GroupEntity).findOneBy({ name: record.remoteOrg, isOrganization: true, state: 'active' });
  return org?.id ?? target.ownerOrg;
}

/** The record's tags, cleaned if asked (clean_tags), with the config's default_tags. */
function tagsWithConfig(input: Dict, config: HarvestConfig): Dict[] | undefined {
  const given = Array.isArray(input.tags) ? input.tags : [];
  if (!given.length && !config.defaultTags.length && !config.cleanTags) return input.tags as Dict[] | undefined;
  const names = given.map((t) => String(t && typeof t === 'object' ? (t as Dict).name ?? '' : t));
  const all = [...names.map((n) => (config.cleanTags ? cleanTag(n) : n)), ...config.defaultTags];
  return [...new Set(all.filter(Boolean))].map((name) => ({ name }));
}

/** The local groups of a record: the config's default_groups, and its remote groups that exist here (remote_groups). */
async function groupsWithConfig(ctx: ActionContext, record: HarvestRecord, config: HarvestConfig): Promise<Dict[] | undefined> {
  const remote = config.remoteGroups ? record.remoteGroups ?? [] : [];
  if (!remote.length && !config.defaultGroups.length) return undefined;
  const local = remote.length
    ? (await ctx.services.db.getRepository(GroupEntity).findBy({ name: In(remote), isOrganization: false, state: 'active' })).map((g) => g.name)
    : [];
  return [...new Set([...config.defaultGroups, ...local])].map((name) => ({ name }));
}

/**
 * What tells a change: the record's own hash and, when the config changes what is written (tags, groups),
 * those options too, so that a changed config rewrites the datasets on the next run.
 */
function hashWithConfig(record: HarvestRecord, config: HarvestConfig): string {
  const { defaultTags, defaultGroups, cleanTags, remoteGroups } = config;
  if (!defaultTags.length && !defaultGroups.length && !cleanTags && !remoteGroups) return record.hash;
  const options = createHash('sha256').update(JSON.stringify([defaultTags, defaultGroups, cleanTags, remoteGroups])).digest('hex').slice(0, 16);
  return `${record.hash.slice(0, 80)}|${options}`;
}

/** The record's input as the source's config wants it written. */
async function configuredInput(ctx: ActionContext, target: HarvestTarget, record: HarvestRecord): Promise<Dict> {
  const input = { ...record.input! };
  const tags = tagsWithConfig(input, target.config);
  if (tags) input.tags = tags;
  const groups = await groupsWithConfig(ctx, record, target.config);
  if (groups) input.groups = groups;
  return input;
}

const NAME_TRIES = 20;

const MAX_IDENTIFIER = 300;

/** The input's alternate identifiers as a list (ckanext-dcatapit sends them as a JSON string too). */
function alternateIdentifiers(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.trim()) {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  }
  return [];
}

/**
 * The record's input with the remote dataset's address among its alternate identifiers (adms:identifier
 * in the DCAT feed): where a harvested dataset comes from, for whoever harvests this portal in turn.
 */
export function withRemoteIdentifier(input: Dict, remoteUri: string): Dict {
  if (!remoteUri || remoteUri.length > MAX_IDENTIFIER) return input;
  const current = alternateIdentifiers(input.alternate_identifier);
  const known = current.some((item) => (item && typeof item === 'object' ? (item as Dict).identifier : item) === remoteUri);
  return known ? input : { ...input, alternate_identifier: [...current, { identifier: remoteUri }] };
}

/** An error as an administrator reads it: the message and each field's reasons. */
export function describeError(err: unknown): string {
  if (err instanceof ValidationError) return `dati non validi: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** The remote name if free, else the name with -2, -3...: a local dataset is never taken over. */
async function freeName(ctx: ActionContext, wanted: string): Promise<string> {
  const repo = ctx.services.db.getRepository(PackageEntity);
  const base = (wanted || 'dataset-raccolto').slice(0, 90);
  for (let n = 1; n <= NAME_TRIES; n += 1) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!(await repo.existsBy({ name }))) return name;
  }
  throw new Error(`nessun nome libero per "${base}" (provati ${NAME_TRIES})`);
}

async function saveObject(ctx: ActionContext, existing: HarvestObjectEntity | null, target: HarvestTarget, fields: Partial<HarvestObjectEntity>): Promise<void> {
  await inTransaction(ctx.services.db, async (m) => {
    const repo = m.getRepository(HarvestObjectEntity);
    if (existing) await repo.update({ id: existing.id }, { ...fields, lastJobId: target.jobId, updated: nowIso() });
    else {
      await repo.insert({
        id: randomUUID(), sourceId: target.sourceId, guid: fields.guid!, packageId: null, contentHash: '', current: true,
        lastAction: 'unchanged', state: 'active', error: null, ...fields, lastJobId: target.jobId, updated: nowIso(),
      } as never);
    }
  });
}

async function createDataset(ctx: ActionContext, record: HarvestRecord, input: Dict, ownerOrg: string): Promise<string> {
  const name = await freeName(ctx, String(input.name ?? ''));
  const idFree = record.remoteId && !(await ctx.services.db.getRepository(PackageEntity).existsBy({ id: record.remoteId }));
  const created = await runAction<Dict>('package_create', ctx, { ...input, ...(idFree ? { id: record.remoteId } : {}), name, owner_org: ownerOrg });
  return String(created.id);
}

async function updateDataset(ctx: ActionContext, input: Dict, pkg: PackageEntity, ownerOrg: string): Promise<void> {
  // The local name stays: links to the dataset must not break because the remote one was renamed.
  await runAction('package_update', ctx, { ...input, id: pkg.id, name: pkg.name, owner_org: ownerOrg, state: 'active' });
}

/**
 * Whether the record is one of this portal's own datasets coming back (two portals harvesting each other):
 * its alternate identifiers name a dataset page of this site. It is skipped, or each run would copy the
 * other's copies again.
 */
export function isOwnDataset(input: Dict | null, siteUrl: string): boolean {
  if (!input) return false;
  const own = `${siteUrl.replace(/\/+$/, '')}/dataset/`;
  return alternateIdentifiers(input.alternate_identifier).some((item) => {
    const identifier = item && typeof item === 'object' ? (item as Dict).identifier : item;
    return typeof identifier === 'string' && identifier.startsWith(own);
  });
}

/** Creates, updates or leaves the record's dataset; returns what was done. Never throws for the record's own faults. */
export async function applyRecord(ctx: ActionContext, target: HarvestTarget, record: HarvestRecord): Promise<HarvestObjectAction | 'skipped'> {
  if (isOwnDataset(record.input, ctx.services.config.siteUrl)) return 'skipped';
  const object = await ctx.services.db.getRepository(HarvestObjectEntity).findOneBy({ sourceId: target.sourceId, guid: record.guid });
  if (object && (object.lastJobId === target.jobId || !object.current)) return 'skipped';
  const fail = async (message: string) => {
    await saveObject(ctx, object, target, { guid: record.guid, lastAction: 'errored', error: message.slice(0, 4000) });
    return 'errored' as const;
  };
  if (!record.input) return fail(record.error ?? 'record non leggibile');
  const pkg = object?.packageId ? await ctx.services.db.getRepository(PackageEntity).findOneBy({ id: object.packageId }) : null;
  if (pkg && object!.contentHash === hashWithConfig(record, target.config) && pkg.state === 'active' && object!.state === 'active') {
    await saveObject(ctx, object, target, { lastAction: 'unchanged', error: null });
    return 'unchanged';
  }
  try {
    let packageId: string;
    let action: HarvestObjectAction;
    const ownerOrg = await ownerFor(ctx, target, record);
    const input = await configuredInput(ctx, target, record);
    if (pkg) {
      await updateDataset(ctx, input, pkg, ownerOrg);
      [packageId, action] = [pkg.id, 'updated'];
    } else {
      [packageId, action] = [await createDataset(ctx, record, input, ownerOrg), 'added'];
    }
    await saveObject(ctx, object, target, { guid: record.guid, packageId, contentHash: hashWithConfig(record, target.config), lastAction: action, state: 'active', error: null });
    return action;
  } catch (err) {
    return fail(describeError(err));
  }
}

/** Marks deleted the datasets whose remote record is gone (the whole listing is `remaining`). */
export async function deleteMissing(ctx: ActionContext, target: HarvestTarget, remaining: Set<string>, checkpoint: () => Promise<void>): Promise<void> {
  const objects = await ctx.services.db.getRepository(HarvestObjectEntity).findBy({ sourceId: target.sourceId, current: true, state: 'active' });
  for (const object of objects) {
    if (remaining.has(object.guid) || !object.packageId || object.lastJobId === target.jobId) continue;
    await checkpoint();
    try {
      const pkg = await ctx.services.db.getRepository(PackageEntity).findOneBy({ id: object.packageId });
      if (pkg && pkg.state !== 'deleted') await runAction('package_delete', ctx, { id: object.packageId });
      await saveObject(ctx, object, target, { lastAction: 'deleted', state: 'deleted', error: null });
    } catch (err) {
      await saveObject(ctx, object, target, { lastAction: 'errored', error: `cancellazione non riuscita: ${describeError(err)}` });
    }
  }
}
