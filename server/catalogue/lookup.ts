// Finding things by id or name, with a NotFound that says what was missing.
import { EntityManager } from 'typeorm';
import { NotFound } from '../core/errors';
import { fixedRead } from '../db/rows';
import { GROUPS_REVISION_SQL, rememberRevision } from './dataset-cache';
import { GroupEntity, PackageEntity, ResourceEntity } from './entities';

// The cache key's groups revision comes in the same statement: showing a kept dataset costs this one read.
const byIdOrName = fixedRead(PackageEntity, '"id" = ? OR "name" = ? LIMIT 2', {
  columns: { groups_revision: GROUPS_REVISION_SQL },
  take: (pkg, values) => rememberRevision(pkg, values.groups_revision),
});

/** A dataset by id or by name, in one query; the id wins should another dataset be named like it. */
export async function packageByIdOrName(db: EntityManager, idOrName: string): Promise<PackageEntity | null> {
  const rows = await byIdOrName(db, [idOrName, idOrName]);
  return rows.find((p) => p.id === idOrName) ?? rows[0] ?? null;
}

export async function findPackage(db: EntityManager, idOrName: string): Promise<PackageEntity> {
  const pkg = await packageByIdOrName(db, idOrName);
  if (!pkg) throw new NotFound(`Dataset non trovato: ${idOrName}`);
  return pkg;
}

export async function findGroupOrOrg(db: EntityManager, idOrName: string, isOrganization: boolean): Promise<GroupEntity> {
  const repo = db.getRepository(GroupEntity);
  const found = (await repo.findOneBy({ id: idOrName, isOrganization })) ?? (await repo.findOneBy({ name: idOrName, isOrganization }));
  if (!found || found.state === 'deleted') {
    throw new NotFound(`${isOrganization ? 'Organizzazione' : 'Gruppo'} non trovat${isOrganization ? 'a' : 'o'}: ${idOrName}`);
  }
  return found;
}

export async function findResource(db: EntityManager, id: string): Promise<ResourceEntity> {
  const resource = await db.getRepository(ResourceEntity).findOneBy({ id });
  if (!resource || resource.state === 'deleted') throw new NotFound(`Risorsa non trovata: ${id}`);
  return resource;
}
