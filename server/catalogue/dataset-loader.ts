// The rows around a batch of datasets (active resources, tags, groups, organizations), loaded with four
// queries whatever the batch's size. Both presenters read them: the CKAN dict (present.ts) and the DCAT
// record (server/dcat/records.ts), so the two can never load them differently.
import { EntityManager, In } from 'typeorm';
import { CacheEntry, datasetCache, DatasetCacheView, DatasetKey } from './dataset-cache';
import { GroupEntity, PackageEntity, PackageGroupEntity, PackageTagEntity, ResourceEntity } from './entities';

export interface LoadedDataset {
  pkg: PackageEntity;
  org: GroupEntity | undefined;
  /** Active resources, in their order. */
  resources: ResourceEntity[];
  /** Tag names, sorted by code point. */
  tags: string[];
  /** Groups (themes), sorted by name. */
  groups: GroupEntity[];
  /** The cache entry this came from or went to (none inside a transaction): presenters keep their work there. */
  cached?: CacheEntry<unknown>;
}

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = map.get(k);
    if (group) group.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Groups in the order every dataset shows them. */
export function byName(groups: GroupEntity[]): GroupEntity[] {
  return [...groups].sort((a, b) => a.name.localeCompare(b.name));
}

/** What the cache keeps of a dataset: everything but its own row, which the caller has read. */
type Related = Omit<LoadedDataset, 'pkg' | 'cached'>;

/**
 * The datasets with their related rows: those kept in the cache for exactly this state of their row
 * (dataset-cache.ts) cost nothing, the others four queries together.
 */
export async function loadDatasets(db: EntityManager, pkgs: PackageEntity[]): Promise<LoadedDataset[]> {
  if (pkgs.length === 0) return [];
  return loadWith(db, await datasetCache<Related>(db, pkgs), pkgs);
}

/**
 * The same, from what identifies a state of each dataset (a search's page of id and metadata_modified):
 * kept datasets cost no read at all, not even of their row.
 */
export async function loadDatasetsByKeys(db: EntityManager, keys: DatasetKey[]): Promise<LoadedDataset[]> {
  if (keys.length === 0) return [];
  const cache = await datasetCache<Related>(db, keys);
  const kept = new Map(keys.map((key) => [key.id, cache?.get(key)]));
  const missing = keys.filter((key) => !kept.get(key.id)).map((key) => key.id);
  const rows = new Map((missing.length ? await db.getRepository(PackageEntity).findBy({ id: In(missing) }) : []).map((pkg) => [pkg.id, pkg]));
  // A row changed or deleted since the page was read is shown as it is now, or left out.
  const pkgs = keys.map((key) => kept.get(key.id)?.pkg ?? rows.get(key.id)).filter((pkg): pkg is PackageEntity => !!pkg);
  return loadWith(db, cache, pkgs);
}

async function loadWith(db: EntityManager, cache: DatasetCacheView<Related> | null, pkgs: PackageEntity[]): Promise<LoadedDataset[]> {
  const kept = new Map(pkgs.map((pkg) => [pkg.id, cache?.get(pkg)]));
  const missing = pkgs.filter((pkg) => !kept.get(pkg.id));
  const loaded = new Map((await loadRelated(db, missing)).map((related, i) => [missing[i].id, related]));
  return pkgs.map((pkg) => {
    const entry = kept.get(pkg.id) ?? (cache ? cache.set(pkg, loaded.get(pkg.id)!) : undefined);
    return { pkg, ...(entry?.related ?? loaded.get(pkg.id)!), cached: entry };
  });
}

async function loadRelated(db: EntityManager, pkgs: PackageEntity[]): Promise<Related[]> {
  if (pkgs.length === 0) return [];
  const ids = pkgs.map((p) => p.id);
  // One after the other: inside a transaction the manager holds a single connection.
  const resources = await db.getRepository(ResourceEntity).find({ where: { packageId: In(ids), state: 'active' }, order: { position: 'ASC' } });
  const tags = await db.getRepository(PackageTagEntity).find({ where: { packageId: In(ids) } });
  const links = await db.getRepository(PackageGroupEntity).find({ where: { packageId: In(ids) } });
  // Organizations and groups share the table: one query for both.
  const groupIds = new Set([...pkgs.map((p) => p.ownerOrg), ...links.map((l) => l.groupId)]);
  const groups = new Map((await db.getRepository(GroupEntity).findBy({ id: In([...groupIds]) })).map((g) => [g.id, g]));
  const resourcesByPkg = groupBy(resources, (r) => r.packageId);
  const tagsByPkg = groupBy(tags, (t) => t.packageId);
  const linksByPkg = groupBy(links, (l) => l.packageId);
  return pkgs.map((pkg) => ({
    org: groups.get(pkg.ownerOrg),
    resources: resourcesByPkg.get(pkg.id) ?? [],
    // Sorted here, not by the database: the two databases' collations order mixed case differently.
    tags: (tagsByPkg.get(pkg.id) ?? []).map((t) => t.tag).sort(),
    groups: byName((linksByPkg.get(pkg.id) ?? []).map((l) => groups.get(l.groupId)).filter((g): g is GroupEntity => !!g)),
  }));
}
