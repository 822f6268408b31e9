// Datasets as last loaded and presented, kept in memory so that a read of an unchanged dataset costs
// one query instead of five and no presenting. Nothing needs to be told of a change: the key is made
// of what every change changes.
//   - a dataset's own row: every write that changes what it shows (its fields, resources, tags,
//     groups, state) gives it a new metadata_modified, in the same transaction (see ARCHITECTURE.md);
//   - organizations and groups, which many datasets show: every write to one sets a new random
//     `groups_revision` (bumpGroupsRevision), in the same transaction.
// A key is read before the rows it covers, so an entry may hold rows newer than its key says, never
// older; an instance never trusts another's memory, since each request reads both parts of the key
// from the database. Only committed reads fill or use the cache: a transaction's rows may roll back.
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager } from 'typeorm';
import { SystemSettingEntity } from '../auth/entities';
import { deepFreeze } from '../core/immutable';
import { fixedRead } from '../db/rows';
import { perDatabase } from '../db/transaction';
import { PackageEntity } from './entities';

const REVISION_KEY = 'groups_revision';
/** Datasets kept per database: the demo catalogue many times over; a big portal keeps its busy ones. */
const MAX_ENTRIES = 5000;

/** What a key guarantees: the dataset's row and related rows, and what presenters made of them. */
export interface CacheEntry<R> {
  pkg: PackageEntity;
  related: R;
  presented: Map<string, unknown>;
}

/** What a cache key is made of: the dataset's id and the last change to its row. */
export type DatasetKey = Pick<PackageEntity, 'id' | 'metadataModified'>;

const caches = new WeakMap<DataSource, LRUCache<string, CacheEntry<unknown>>>();

function cacheOf(db: EntityManager): LRUCache<string, CacheEntry<unknown>> {
  return perDatabase(caches, db, () => new LRUCache<string, CacheEntry<unknown>>({ max: MAX_ENTRIES }));
}

/** True when `db` runs inside a transaction, whose rows other readers may never see. */
function inTransaction(db: EntityManager): boolean {
  return !!db.queryRunner?.isTransactionActive;
}

/** Every write to an organization or a group calls this in its transaction. */
export async function bumpGroupsRevision(manager: EntityManager): Promise<void> {
  await manager.createQueryBuilder().insert().into(SystemSettingEntity).values({ key: REVISION_KEY, value: randomUUID() })
    .orUpdate(['value'], ['key']).execute();
}

const setting = fixedRead(SystemSettingEntity, '"key" = ?');

async function groupsRevision(db: EntityManager): Promise<string> {
  const [row] = await setting(db, [REVISION_KEY]);
  return row?.value ?? '';
}

/**
 * The groups revision as a subquery, for reads that want it in the same statement as a dataset's row
 * (its key then costs no query of its own): pair it with rememberRevision.
 */
export const GROUPS_REVISION_SQL = `(SELECT "value" FROM "system_setting" WHERE "key" = '${REVISION_KEY}')`;

const revisionReadWith = new WeakMap<object, string>();

/** Records the groups revision read in the same statement as this row (or search result). */
export function rememberRevision(key: object, revision: unknown): void {
  revisionReadWith.set(key, typeof revision === 'string' ? revision : '');
}

export interface DatasetCacheView<R> {
  /** The entry of a dataset row, if one is kept for exactly this state of it. */
  get(key: DatasetKey): CacheEntry<R> | undefined;
  /** Keeps (frozen) what was loaded for this state of the row; answers the kept entry. */
  set(pkg: PackageEntity, related: R): CacheEntry<R>;
}

/**
 * The cache as one read of `keys` sees it: each key under the groups revision read with its row, or
 * else read now (one query for them all). A transaction gets none.
 */
export async function datasetCache<R>(db: EntityManager, keys: DatasetKey[]): Promise<DatasetCacheView<R> | null> {
  if (inTransaction(db)) return null;
  const current = keys.every((key) => revisionReadWith.has(key)) ? '' : await groupsRevision(db);
  // By id: the rows loaded (or kept) for these keys are other objects, and go under the same revision,
  // which was read before them (so an entry may be newer than its key, never older).
  const revisionOf = new Map(keys.map((key) => [key.id, revisionReadWith.get(key) ?? current]));
  const cache = cacheOf(db) as unknown as LRUCache<string, CacheEntry<R>>;
  const keyOf = (pkg: DatasetKey) => `${pkg.id}|${pkg.metadataModified}|${revisionOf.get(pkg.id)}`;
  return {
    get: (key) => cache.get(keyOf(key)),
    set: (pkg, related) => {
      // A copy of the row: the caller's own object stays theirs to change.
      const row = deepFreeze(Object.assign(new PackageEntity(), pkg));
      const entry = { pkg: row, related: deepFreeze(related), presented: new Map<string, unknown>() };
      cache.set(keyOf(pkg), entry);
      return entry;
    },
  };
}

/**
 * What `present` makes of an entry, made once and kept with it (frozen: callers share it, and a
 * change to it would show in every later answer). Without an entry (inside a transaction), made each time.
 */
export function presentedOnce<T>(entry: CacheEntry<unknown> | undefined, name: string, present: () => T): T {
  if (!entry) return present();
  if (!entry.presented.has(name)) entry.presented.set(name, deepFreeze(present()));
  return entry.presented.get(name) as T;
}
