// Dataset actions (CKAN "packages"): show, list, create, update, patch, delete, purge.
import { In } from 'typeorm';
import { recordActivity } from '../activity/record';
import { ActivityEntity } from '../activity/entities';
import { CAN_EDIT_DATASETS, requireLogin, requireOrgCapacity, requireSysadmin } from '../auth/policies';
import { defineAction, publicAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { ValidationError } from '../core/errors';
import { nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import { GroupEntity, PackageEntity, PackageGroupEntity, PackageTagEntity, ResourceEntity, ResourceFileEntity } from './entities';
import { findPackage } from './lookup';
import { Dict, packageDictOf, packageDicts } from './present';
import { writePackage } from './package-write';
import { ANONYMOUS, datasetScope, visiblePackage } from './visibility';
import { DATASET_DCAT_FIELDS } from '../dcat/dataset-fields';

const EDIT_DENIED = 'Puoi modificare solo i dataset delle organizzazioni di cui sei editor o amministratore';

/** The organization named by owner_org; a missing or unknown one is a field error. */
async function ownerOrgOf(ctx: ActionContext, input: Dict): Promise<GroupEntity> {
  const key = input.owner_org ? String(input.owner_org) : '';
  if (!key) throw ValidationError.field('owner_org', "Scegli l'organizzazione che pubblica il dataset");
  const rows = await ctx.services.db.getRepository(GroupEntity).find({ where: [{ id: key, isOrganization: true }, { name: key, isOrganization: true }], take: 2 });
  const org = rows.find((g) => g.id === key) ?? rows[0];
  if (!org || org.state !== 'active') throw ValidationError.field('owner_org', `Organizzazione inesistente: ${key}`);
  return org;
}

/** package_list and current_package_list_with_resources list what everyone may read, as in CKAN. */
function listedPackages(ctx: ActionContext) {
  const scope = datasetScope('p', ANONYMOUS);
  return ctx.services.db.getRepository(PackageEntity).createQueryBuilder('p').where(scope.where, scope.params);
}

/** Editors of the dataset's organization (and, when it moves, of the new one). */
export async function requireEditRights(ctx: ActionContext, input: Dict): Promise<void> {
  requireLogin(ctx);
  const pkg = await visiblePackage(ctx, String(input.id ?? input.name));
  await requireOrgCapacity(ctx, pkg.ownerOrg, CAN_EDIT_DATASETS, EDIT_DENIED);
  if (input.owner_org !== undefined) {
    const org = await ownerOrgOf(ctx, input);
    if (org.id !== pkg.ownerOrg) await requireOrgCapacity(ctx, org.id, CAN_EDIT_DATASETS, EDIT_DENIED);
  }
}

export const packageShow = defineAction({
  name: 'package_show', kind: 'read', schema: 'package_show.json', auth: publicAction,
  help: 'Restituisce un dataset, per id o nome, con risorse, tag, gruppi e organizzazione.',
  run: async (ctx, input: { id: string }) => packageDictOf(ctx.services.db.manager, await visiblePackage(ctx, input.id), ctx.services.config.siteUrl),
});

export const packageList = defineAction({
  name: 'package_list', kind: 'read', schema: 'package_list.json', auth: publicAction,
  help: 'Elenca i nomi dei dataset pubblici attivi.',
  run: async (ctx, input: { limit?: number; offset?: number }) => {
    const rows = await listedPackages(ctx).select('p.name', 'name').orderBy('p.name', 'ASC')
      .limit(input.limit).offset(input.offset).getRawMany<{ name: string }>();
    return rows.map((r) => r.name);
  },
});

export const currentPackageListWithResources = defineAction({
  name: 'current_package_list_with_resources', kind: 'read', schema: 'current_package_list_with_resources.json', auth: publicAction,
  help: 'I dataset pubblici modificati più di recente, con le loro risorse.',
  run: async (ctx, input: { limit?: number; offset?: number; page?: number }) => {
    const limit = input.limit ?? 100;
    const offset = input.page ? (input.page - 1) * limit : input.offset ?? 0;
    const pkgs = await listedPackages(ctx).orderBy('p.metadata_modified', 'DESC').addOrderBy('p.id', 'ASC').take(limit).skip(offset).getMany();
    return packageDicts(ctx.services.db.manager, pkgs, ctx.services.config.siteUrl);
  },
});

export const packageCreate = defineAction({
  name: 'package_create', kind: 'write', schema: 'package_create.json',
  help: "Crea un dataset in un'organizzazione di cui sei editor o amministratore.",
  auth: async (ctx, input: Dict) => {
    requireLogin(ctx);
    const org = await ownerOrgOf(ctx, input);
    await requireOrgCapacity(ctx, org.id, CAN_EDIT_DATASETS, "Puoi creare dataset solo nelle organizzazioni di cui sei editor o amministratore");
  },
  run: async (ctx, input: Dict) => {
    const org = await ownerOrgOf(ctx, input);
    const { dict } = await inTransaction(ctx.services.db, (m) => writePackage(m, ctx, { input, org }));
    return dict;
  },
});

async function updatePackage(ctx: ActionContext, input: Dict): Promise<Dict> {
  const existing = await findPackage(ctx.services.db.manager, String(input.id ?? input.name));
  const org = input.owner_org !== undefined
    ? await ownerOrgOf(ctx, input)
    : await ctx.services.db.getRepository(GroupEntity).findOneByOrFail({ id: existing.ownerOrg });
  const merged = { ...input, name: input.name ?? existing.name };
  const { dict } = await inTransaction(ctx.services.db, (m) => writePackage(m, ctx, { input: merged, org, existing }));
  return dict;
}

export const packageUpdate = defineAction({
  name: 'package_update', kind: 'write', schema: 'package_update.json', auth: requireEditRights,
  help: 'Sostituisce i metadati di un dataset (i campi omessi tornano vuoti; le risorse omesse restano).',
  run: updatePackage,
});

export const packagePatch = defineAction({
  name: 'package_patch', kind: 'write', schema: 'package_patch.json', auth: requireEditRights,
  help: 'Modifica solo i campi indicati di un dataset.',
  run: async (ctx, input: Dict) => {
    const pkg = await findPackage(ctx.services.db.manager, String(input.id ?? input.name));
    const current = await packageDictOf(ctx.services.db.manager, pkg, ctx.services.config.siteUrl);
    const { resources: _kept, ...withoutResources } = current;
    // DCAT-AP_IT fields start from what the editor stored, not from the derived values package_show adds.
    for (const key of [...DATASET_DCAT_FIELDS, 'dcatapit_defaults', 'dcat_quality']) delete withoutResources[key];
    return updatePackage(ctx, { ...withoutResources, ...(pkg.dcat ?? {}), owner_org: current.owner_org, ...input, id: current.id });
  },
});

export const packageDelete = defineAction({
  name: 'package_delete', kind: 'write', schema: 'package_delete.json', auth: requireEditRights,
  help: 'Cancella un dataset (stato "deleted": resta recuperabile da un amministratore di sistema).',
  run: async (ctx, input: { id: string }) => {
    const pkg = await findPackage(ctx.services.db.manager, input.id);
    await inTransaction(ctx.services.db, async (m) => {
      await m.getRepository(PackageEntity).update({ id: pkg.id }, { state: 'deleted', metadataModified: nowIso() });
      const dict = await packageDictOf(m, { ...pkg, state: 'deleted' } as PackageEntity, ctx.services.config.siteUrl);
      await recordActivity(m, { userId: ctx.user!.id, objectId: pkg.id, ownerOrg: pkg.ownerOrg, type: 'deleted package', data: { package: dict } });
    });
    return null;
  },
});

export const datasetPurge = defineAction({
  name: 'dataset_purge', kind: 'write', schema: 'dataset_purge.json', auth: (ctx) => void requireSysadmin(ctx),
  help: 'Elimina definitivamente un dataset, le sue risorse e i suoi file (solo amministratori di sistema).',
  run: async (ctx, input: { id: string }) => {
    const pkg = await findPackage(ctx.services.db.manager, input.id);
    const keys = await inTransaction(ctx.services.db, async (m) => {
      const resourceIds = (await m.getRepository(ResourceEntity).findBy({ packageId: pkg.id })).map((r) => r.id);
      const files = resourceIds.length ? await m.getRepository(ResourceFileEntity).findBy({ resourceId: In(resourceIds) }) : [];
      if (resourceIds.length) await m.getRepository(ResourceFileEntity).delete({ resourceId: In(resourceIds) });
      await m.getRepository(ResourceEntity).delete({ packageId: pkg.id });
      await m.getRepository(PackageTagEntity).delete({ packageId: pkg.id });
      await m.getRepository(PackageGroupEntity).delete({ packageId: pkg.id });
      await m.getRepository(ActivityEntity).delete({ objectId: pkg.id });
      await m.getRepository(PackageEntity).delete({ id: pkg.id });
      return files.map((f) => f.storageKey);
    });
    // Files go only once the rows that point at them are gone.
    for (const key of keys) await ctx.services.files.remove(key);
    return null;
  },
});

export const packageActions = [packageShow, packageList, currentPackageListWithResources, packageCreate, packageUpdate, packagePatch, packageDelete, datasetPurge];
