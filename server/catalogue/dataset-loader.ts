// The rows around a batch of datasets (active resources, tags, groups, organizations), loaded with four
// queries whatever the batch's size. Both presenters read them: the CKAN dict (present.ts) and the DCAT
// record (server/dcat/records.ts), so the two can never load them differently.
import { EntityManager, In } from 'typeorm';
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

export async function loadDatasets(db: EntityManager, pkgs: PackageEntity[]): Promise<LoadedDataset[]> {
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
    pkg,
    org: groups.get(pkg.ownerOrg),
    resources: resourcesByPkg.get(pkg.id) ?? [],
    // Sorted here, not by the database: the two databases' collations order mixed case differently.
    tags: (tagsByPkg.get(pkg.id) ?? []).map((t) => t.tag).sort(),
    groups: byName((linksByPkg.get(pkg.id) ?? []).map((l) => groups.get(l.groupId)).filter((g): g is GroupEntity => !!g)),
  }));
}
