// Resource actions: create (with an optional multipart `upload`), show, update, patch, delete.
import { EntityManager, MoreThan } from 'typeorm';
import { recordActivity } from '../activity/record';
import { CAN_EDIT_DATASETS, requireLogin, requireOrgCapacity } from '../auth/policies';
import { defineAction, publicAction } from '../core/actions';
import { refuseIfHarvested } from '../harvest/guard';
import { prepareResourceInput } from './liberal-input';
import { ActionContext } from '../core/context';
import { NotFound, ValidationError } from '../core/errors';
import { nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import { isUploadedFile } from '../files/store';
import { PackageEntity, ResourceEntity, ResourceFileEntity } from './entities';
import { findResource } from './lookup';
import { lockedRow } from './row-lock';
import { visiblePackage } from './visibility';
import { DISTRIBUTION_DERIVED_FIELDS } from '../dcat/distribution-fields';
import { refreshDistributionFlag } from './distribution-flag';
import { dropDatastoreTables } from './datastore-flag';
import { Dict, packageDictOf, resourceDict } from './present';
import { StoredUpload, saveResource } from './resource-write';
import { isLoadable, linkStateOf, runInlineLoad, ScheduledLoad, scheduleLinkLoad, scheduleLoad } from '../ingest/schedule';
import { reindexDatasets } from '../search/search-index';

const EDIT_DENIED = 'Puoi modificare le risorse solo dei dataset delle tue organizzazioni (come editor o amministratore)';

async function packageOfResource(ctx: ActionContext, resourceId: string): Promise<{ pkg: PackageEntity; resource: ResourceEntity }> {
  const resource = await findResource(ctx.services.db.manager, resourceId);
  const pkg = await visiblePackage(ctx, resource.packageId).catch(() => {
    throw new NotFound(`Risorsa non trovata: ${resourceId}`);
  });
  return { pkg, resource };
}

async function requireEditPackage(ctx: ActionContext, pkg: PackageEntity): Promise<void> {
  await requireOrgCapacity(ctx, pkg.ownerOrg, CAN_EDIT_DATASETS, EDIT_DENIED);
  await refuseIfHarvested(ctx, pkg.id);
}

/** Checks the upload, moves it into the store, and removes it again if the write fails. */
async function withStoredUpload<T>(ctx: ActionContext, input: Dict, work: (stored?: StoredUpload) => Promise<T>): Promise<T> {
  const upload = input.upload;
  if (!isUploadedFile(upload)) return work(undefined);
  if (upload.size === 0) {
    await ctx.services.files.discard(upload);
    throw ValidationError.field('upload', 'Il file caricato è vuoto: scegli un file con dei dati');
  }
  const key = await ctx.services.files.keep(upload);
  try {
    return await work({ upload, key });
  } catch (error) {
    await ctx.services.files.remove(key);
    throw error;
  }
}

/**
 * The dataset and the resource as they are now, read in the write transaction with their rows locked
 * (row-lock.ts): the dataset first, as package_update locks it, so that the two never deadlock.
 */
async function lockedPackage(m: EntityManager, packageId: string): Promise<PackageEntity> {
  const pkg = await lockedRow(m, PackageEntity, packageId);
  if (!pkg) throw new NotFound(`Dataset non trovato: ${packageId}`);
  return pkg;
}

async function lockedResource(m: EntityManager, pkg: PackageEntity, resourceId: string): Promise<ResourceEntity> {
  const resource = await lockedRow(m, ResourceEntity, resourceId);
  if (!resource || resource.state !== 'active' || resource.packageId !== pkg.id) throw new NotFound(`Risorsa non trovata: ${resourceId}`);
  return resource;
}

/** Creates or changes a resource; `merge` makes a patch's input from the resource as it is in the transaction. */
async function writeResource(
  ctx: ActionContext, target: { packageId: string; resourceId?: string }, input: Dict,
  merge?: (pkg: PackageEntity, resource: ResourceEntity) => Dict,
): Promise<Dict> {
  const siteUrl = ctx.services.config.siteUrl;
  let load: ScheduledLoad | null = null;
  const dict = await withStoredUpload(ctx, input, (stored) =>
    inTransaction(ctx.services.db, async (m) => {
      const pkg = await lockedPackage(m, target.packageId);
      const existing = target.resourceId ? await lockedResource(m, pkg, target.resourceId) : undefined;
      const before = linkStateOf(existing);
      const position = existing ? existing.position : await m.getRepository(ResourceEntity).countBy({ packageId: pkg.id, state: 'active' });
      const data = existing && merge ? merge(pkg, existing) : input;
      const resource = await saveResource(m, { pkg, input: data, existing, stored, position, actor: ctx.user!, siteUrl });
      // An uploaded table is read into the DataStore by a job enqueued with the resource (server/ingest).
      if (stored && isLoadable(resource)) load = await scheduleLoad(m, resource, stored.upload.size, ctx.services.config.ingestInlineMaxBytes);
      // A link to a table on an allowed host is fetched and loaded by the job, in the background.
      else await scheduleLinkLoad(m, ctx.services.config.ingestUrlHosts, resource, before);
      await touchPackage(ctx, m, pkg);
      return resourceDict(resource, pkg, siteUrl);
    }),
  );
  if (!load || !(load as ScheduledLoad).inline) return dict;
  await runInlineLoad(ctx, load);
  const { pkg, resource } = await packageOfResource(ctx, String(dict.id));
  return resourceDict(resource, pkg, siteUrl);
}

/** A resource change is a change of its dataset: new modified date and an activity entry. */
async function touchPackage(ctx: ActionContext, m: EntityManager, pkg: PackageEntity): Promise<void> {
  pkg.metadataModified = nowIso();
  await m.getRepository(PackageEntity).update({ id: pkg.id }, { metadataModified: pkg.metadataModified });
  await refreshDistributionFlag(m, pkg.id);
  await reindexDatasets(m, [pkg.id]);
  const dict = await packageDictOf(m, pkg, ctx.services.config.siteUrl);
  await recordActivity(m, { userId: ctx.user!.id, objectId: pkg.id, ownerOrg: pkg.ownerOrg, type: 'changed package', data: { package: dict } });
}

export const resourceCreate = defineAction({
  name: 'resource_create', kind: 'write', schema: 'resource_create.json', prepare: prepareResourceInput,
  help: 'Aggiunge una risorsa a un dataset: un indirizzo (url) o un file (campo multipart "upload").',
  auth: async (ctx, input: Dict) => {
    requireLogin(ctx);
    await requireEditPackage(ctx, await visiblePackage(ctx, String(input.package_id)));
  },
  run: async (ctx, input: Dict) => writeResource(ctx, { packageId: (await visiblePackage(ctx, String(input.package_id))).id }, input),
});

export const resourceShow = defineAction({
  name: 'resource_show', kind: 'read', schema: 'resource_show.json', auth: publicAction,
  help: 'Restituisce una risorsa, con le versioni precedenti del file caricato.',
  run: async (ctx, input: { id: string }) => {
    const { pkg, resource } = await packageOfResource(ctx, input.id);
    const versions = await ctx.services.db.getRepository(ResourceFileEntity).find({ where: { resourceId: resource.id }, order: { created: 'DESC' } });
    return resourceDict(resource, pkg, ctx.services.config.siteUrl, versions);
  },
});

const editResourceAuth = async (ctx: ActionContext, input: Dict) => {
  requireLogin(ctx);
  await requireEditPackage(ctx, (await packageOfResource(ctx, String(input.id))).pkg);
};

export const resourceUpdate = defineAction({
  name: 'resource_update', kind: 'write', schema: 'resource_update.json', prepare: prepareResourceInput, auth: editResourceAuth,
  help: 'Sostituisce i metadati di una risorsa; con "upload" sostituisce il file, conservando il precedente nella cronologia.',
  run: async (ctx, input: Dict) => {
    const { pkg, resource } = await packageOfResource(ctx, String(input.id));
    return writeResource(ctx, { packageId: pkg.id, resourceId: resource.id }, input);
  },
});

export const resourcePatch = defineAction({
  name: 'resource_patch', kind: 'write', schema: 'resource_patch.json', prepare: prepareResourceInput, auth: editResourceAuth,
  help: 'Modifica solo i campi indicati di una risorsa.',
  run: async (ctx, input: Dict) => {
    const { pkg, resource } = await packageOfResource(ctx, String(input.id));
    // Merged with the resource as it is inside the write: a concurrent patch of other fields is kept.
    return writeResource(ctx, { packageId: pkg.id, resourceId: resource.id }, input, (fresh, current) => {
      const shown = resourceDict(current, fresh, ctx.services.config.siteUrl);
      // DCAT fields start from what was stored, not from the values resource_show derives (links, licence).
      for (const key of DISTRIBUTION_DERIVED_FIELDS) delete shown[key];
      const merged = { ...shown, ...(current.dcat ?? {}), ...input };
      if (isUploadedFile(input.upload) || input.url !== undefined) delete merged.url_type;
      return merged;
    });
  },
});

export const resourceDelete = defineAction({
  name: 'resource_delete', kind: 'write', schema: 'resource_delete.json', auth: editResourceAuth,
  help: 'Cancella una risorsa (i file restano nella cronologia finché il dataset non viene eliminato definitivamente).',
  run: async (ctx, input: { id: string }) => {
    const target = await packageOfResource(ctx, input.id);
    await inTransaction(ctx.services.db, async (m) => {
      const pkg = await lockedPackage(m, target.pkg.id);
      const resource = await lockedResource(m, pkg, target.resource.id);
      await m.getRepository(ResourceEntity).update({ id: resource.id }, { state: 'deleted', metadataModified: nowIso() });
      // Positions stay 0..n-1, as CKAN numbers them: the next resource_create appends after the last.
      await m.getRepository(ResourceEntity).decrement({ packageId: pkg.id, state: 'active', position: MoreThan(resource.position) }, 'position', 1);
      await touchPackage(ctx, m, pkg);
    });
    // Its DataStore table goes once the resource is deleted, as in CKAN.
    await dropDatastoreTables(ctx.services, [target.resource.id]);
    return null;
  },
});

export const resourceActions = [resourceCreate, resourceShow, resourceUpdate, resourcePatch, resourceDelete];
