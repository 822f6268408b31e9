// A resource's `datastore_active`: set when its DataStore table is ready, cleared when the table goes.
// It changes what the dataset shows, so the dataset gets a new metadata_modified in the same
// transaction (the dataset-cache rule, docs/ARCHITECTURE.md). The loader (server/ingest) calls it too.
import { Services } from '../core/context';
import { nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import { logger } from '../ops/log';
import { PackageEntity, ResourceEntity } from './entities';
import { lockedRow } from './row-lock';

/**
 * Sets the flag; answers whether it changed (false also when the resource does not exist). With
 * `datastoreOnlyUrl`, the resource also becomes a DataStore-only one (url_type "datastore", CKAN's
 * resource made by datastore_create), whose url is its dump.
 */
export async function setDatastoreActive(services: Services, resourceId: string, active: boolean, datastoreOnlyUrl?: string): Promise<boolean> {
  return inTransaction(services.db, async (m) => {
    const found = await m.getRepository(ResourceEntity).findOneBy({ id: resourceId });
    if (!found) return false;
    // The dataset first, as every resource write locks it, so that the two never deadlock.
    await lockedRow(m, PackageEntity, found.packageId);
    const resource = await lockedRow(m, ResourceEntity, resourceId);
    if (!resource || (resource.datastoreActive === active && !datastoreOnlyUrl)) return false;
    const now = nowIso();
    const change = datastoreOnlyUrl ? { urlType: 'datastore', url: datastoreOnlyUrl } : {};
    await m.getRepository(ResourceEntity).update({ id: resourceId }, { ...change, datastoreActive: active, metadataModified: now });
    await m.getRepository(PackageEntity).update({ id: resource.packageId }, { metadataModified: now });
    return true;
  });
}

/** Drops deleted resources' DataStore tables, after the catalogue's commit; a failure is logged, not thrown. */
export async function dropDatastoreTables(services: Services, resourceIds: string[]): Promise<void> {
  for (const id of resourceIds) {
    try {
      await services.datastore.dropTable(id);
    } catch (error) {
      logger.warn({ err: error, resourceId: id }, 'DataStore: tabella della risorsa eliminata non rimossa');
    }
  }
}
