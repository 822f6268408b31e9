// Dataset actions (CKAN "packages"): show, list, create, update, patch, delete, purge.
import { EntityManager, In } from 'typeorm';
import { recordActivity } from '../activity/record';
import { ActivityEntity } from '../activity/entities';
import { CAN_EDIT_DATASETS, requireLogin, requireOrgCapacity, requireSysadmin } from '../auth/policies';
import { defineAction, publicAction } from '../core/actions';
import { refuseIfHarvested } from '../harvest/guard';
import { preparePackageInput, preparePackagePatch } from './liberal-input';
import { ActionContext } from '../core/context';
import { FieldErrors, NotFound, ValidationError } from '../core/errors';
import { nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import { GroupEntity, PackageEntity, PackageGroupEntity, PackageTagEntity, ResourceEntity, ResourceFileEntity } from './entities';
import { dropDatastoreTables } from './datastore-flag';
import { findPackage } from './lookup';
import { LoadedDataset, loadDatasets } from './dataset-loader';
import { Dict, packageDict, packageDictOf, packageDicts } from './present';
import { lockedRow } from './row-lock';
import { writePackage } from './package-write';
import { ReadOptions, scopeFor, visiblePackage } from './visibility';
import { DATASET_DCAT_FIELDS } from '../dcat/dataset-fields';
import { reindexDatasets } from '../search/search-index';

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

/**
 * What package_list and current_package_list_with_resources list: what everyone may read, as in CKAN;
 * with options, also what the caller may read of the others (see visibility.ts).
 */
async function listedPackages(ctx: ActionContext, options: ReadOptions = {}) {
  const scope = await scopeFor(ctx, 'p', options);
  return ctx.services.db.getRepository(PackageEntity).createQueryBuilder('p').where(scope.where, scope.params);
}

/** Editors of the dataset's organization (and, when it moves, of the new one). */
export async function requireEditRights(ctx: ActionContext, input: Dict): Promise<void> {
  requireLogin(ctx);
  const pkg = await visiblePackage(ctx, String(input.id ?? input.name));
  await requireOrgCapacity(ctx, pkg.ownerOrg, CAN_EDIT_DATASETS, EDIT_DENIED);
  await refuseIfHarvested(ctx, pkg.id);
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
  help: 'Elenca i nomi dei dataset pubblici attivi (con include_private, include_drafts e include_deleted, come li manda ckanapi dump, anche quelli che il chiamante può leggere).',
  run: async (ctx, input: { limit?: number; offset?: number; include_private?: boolean; include_drafts?: boolean; include_deleted?: boolean }) => {
    const options = { includePrivate: input.include_private === true, includeDrafts: input.include_drafts === true, includeDeleted: input.include_deleted === true };
    const listed = await listedPackages(ctx, options);
    const rows = await listed.select('p.name', 'name').orderBy('p.name', 'ASC')
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
    const pkgs = await (await listedPackages(ctx)).orderBy('p.metadata_modified', 'DESC').addOrderBy('p.id', 'ASC').take(limit).skip(offset).getMany();
    return packageDicts(ctx.services.db.manager, pkgs, ctx.services.config.siteUrl);
  },
});

export const packageCreate = defineAction({
  name: 'package_create', kind: 'write', schema: 'package_create.json', prepare: preparePackageInput, collectsErrors: true,
  help: "Crea un dataset in un'organizzazione di cui sei editor o amministratore. Accetta un record come lo pubblica CKAN: i campi sconosciuti diventano extras, quelli calcolati da CKAN sono ignorati.",
  auth: async (ctx, input: Dict) => {
    requireLogin(ctx);
    const org = await ownerOrgOf(ctx, input);
    await requireOrgCapacity(ctx, org.id, CAN_EDIT_DATASETS, "Puoi creare dataset solo nelle organizzazioni di cui sei editor o amministratore");
  },
  run: async (ctx, input: Dict, schemaErrors) => {
    const org = await ownerOrgOf(ctx, input);
    const { dict } = await inTransaction(ctx.services.db, (m) => writePackage(m, ctx, { input, org, schemaErrors }));
    return dict;
  },
});

/** The dataset as it is now, read in the write transaction with its row locked (row-lock.ts), and its related rows. */
async function lockedDataset(m: EntityManager, id: string): Promise<LoadedDataset & { org: GroupEntity }> {
  const pkg = await lockedRow(m, PackageEntity, id);
  if (!pkg) throw new NotFound(`Dataset non trovato: ${id}`);
  const [loaded] = await loadDatasets(m, [pkg]);
  if (!loaded.org) throw new NotFound(`Organizzazione non trovata: ${pkg.ownerOrg}`);
  return { ...loaded, org: loaded.org };
}

/**
 * package_update and package_patch: the dataset is read, merged with the input and written in one
 * transaction, its row locked meanwhile, so that an editor's change never overwrites another's it did
 * not see. Two patches of different fields both stay; of the same fields, the last one wins whole.
 */
async function updatePackage(ctx: ActionContext, input: Dict, merge: (current: LoadedDataset) => Dict, schemaErrors?: FieldErrors): Promise<Dict> {
  const { id } = await findPackage(ctx.services.db.manager, String(input.id ?? input.name));
  const movedTo = input.owner_org !== undefined ? await ownerOrgOf(ctx, input) : null;
  const { dict, dropped } = await inTransaction(ctx.services.db, async (m) => {
    const current = await lockedDataset(m, id);
    const written = await writePackage(m, ctx, { input: merge(current), org: movedTo ?? current.org, existing: current.pkg, schemaErrors });
    const kept = new Set(((written.dict.resources ?? []) as Dict[]).map((r) => String(r.id)));
    return { dict: written.dict, dropped: current.resources.map((r) => r.id).filter((r) => !kept.has(r)) };
  });
  // Resources left out of the list are deleted: their DataStore tables go, once the catalogue has committed.
  await dropDatastoreTables(ctx.services, dropped);
  return dict;
}

/** package_patch's input over the dataset as package_show gives it, resources aside (kept unless sent). */
function patched(current: LoadedDataset, input: Dict, siteUrl: string): Dict {
  const { resources: _kept, ...shown } = packageDict(current, siteUrl);
  // DCAT-AP_IT fields start from what the editor stored, not from the derived values package_show adds.
  for (const key of [...DATASET_DCAT_FIELDS, 'dcatapit_defaults', 'dcat_quality']) delete shown[key];
  return { ...shown, ...(current.pkg.dcat ?? {}), owner_org: shown.owner_org, ...input, id: shown.id };
}

export const packageUpdate = defineAction({
  name: 'package_update', kind: 'write', schema: 'package_update.json', prepare: preparePackageInput, auth: requireEditRights, collectsErrors: true,
  help: 'Sostituisce i metadati di un dataset (i campi omessi tornano vuoti; le risorse omesse restano; i campi sconosciuti diventano extras).',
  run: (ctx, input: Dict, schemaErrors) => updatePackage(ctx, input, ({ pkg }) => ({ ...input, name: input.name ?? pkg.name }), schemaErrors),
});

export const packagePatch = defineAction({
  name: 'package_patch', kind: 'write', schema: 'package_patch.json', prepare: preparePackagePatch, auth: requireEditRights, collectsErrors: true,
  help: 'Modifica solo i campi indicati di un dataset (un campo sconosciuto aggiunge o cambia l\'extra con quel nome).',
  run: (ctx, input: Dict, schemaErrors) => updatePackage(ctx, input, (current) => patched(current, input, ctx.services.config.siteUrl), schemaErrors),
});

export const packageDelete = defineAction({
  name: 'package_delete', kind: 'write', schema: 'package_delete.json', auth: requireEditRights,
  help: 'Cancella un dataset (stato "deleted": resta recuperabile da un amministratore di sistema).',
  run: async (ctx, input: { id: string }) => {
    const { id } = await findPackage(ctx.services.db.manager, input.id);
    await inTransaction(ctx.services.db, async (m) => {
      const current = await lockedDataset(m, id);
      const pkg = Object.assign(current.pkg, { state: 'deleted', metadataModified: nowIso() });
      await m.getRepository(PackageEntity).update({ id }, { state: pkg.state, metadataModified: pkg.metadataModified });
      await reindexDatasets(m, [id]);
      const dict = packageDict(current, ctx.services.config.siteUrl);
      await recordActivity(m, { userId: ctx.user!.id, objectId: id, ownerOrg: pkg.ownerOrg, type: 'deleted package', data: { package: dict } });
    });
    return null;
  },
});

export const datasetPurge = defineAction({
  name: 'dataset_purge', kind: 'write', schema: 'dataset_purge.json', auth: (ctx) => void requireSysadmin(ctx),
  help: 'Elimina definitivamente un dataset, le sue risorse e i suoi file (solo amministratori di sistema).',
  run: async (ctx, input: { id: string }) => {
    const pkg = await findPackage(ctx.services.db.manager, input.id);
    const { keys, resourceIds } = await inTransaction(ctx.services.db, async (m) => {
      const resourceIds = (await m.getRepository(ResourceEntity).findBy({ packageId: pkg.id })).map((r) => r.id);
      const files = resourceIds.length ? await m.getRepository(ResourceFileEntity).findBy({ resourceId: In(resourceIds) }) : [];
      if (resourceIds.length) await m.getRepository(ResourceFileEntity).delete({ resourceId: In(resourceIds) });
      await m.getRepository(ResourceEntity).delete({ packageId: pkg.id });
      await m.getRepository(PackageTagEntity).delete({ packageId: pkg.id });
      await m.getRepository(PackageGroupEntity).delete({ packageId: pkg.id });
      await m.getRepository(ActivityEntity).delete({ objectId: pkg.id });
      await m.getRepository(PackageEntity).delete({ id: pkg.id });
      await reindexDatasets(m, [pkg.id]);
      return { keys: files.map((f) => f.storageKey), resourceIds };
    });
    await dropDatastoreTables(ctx.services, resourceIds);
    // Files go only once the rows that point at them are gone.
    for (const key of keys) await ctx.services.files.remove(key);
    return null;
  },
});

export const packageActions = [packageShow, packageList, currentPackageListWithResources, packageCreate, packageUpdate, packagePatch, packageDelete, datasetPurge];
