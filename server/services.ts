// Builds the services every action needs: database (migrated), file store, config.
import { Config } from './config';
import { Services } from './core/context';
import { closeDatabase, openDatabase } from './db/data-source';
import { FileStore } from './files/store';
import { DatastoreStore } from './datastore/store';
import { ThisNode } from './nodes/registry';
import { registerAllActions } from './actions';
import { checkCatalogSettings } from './dcat/catalog-settings';
import { registerAllJobs } from './jobs/all';
import { ensureSearchIndex } from './search/search-index';
import { syncThemeGroups } from './catalogue/themes';

export async function createServices(config: Config): Promise<Services> {
  checkCatalogSettings(config.catalog);
  registerAllActions();
  registerAllJobs();
  const db = await openDatabase(config);
  await ensureSearchIndex(db);
  await syncThemeGroups(db);
  const node = new ThisNode(db);
  const files = new FileStore({ dataDir: config.dataDir, maxBytes: config.maxUploadBytes, stallMs: config.uploadStallSeconds * 1000 }, node, db);
  const datastore = await DatastoreStore.open({ ...config, owner: node });
  return { db, config, files, node, datastore };
}

export async function closeServices(services: Services): Promise<void> {
  await services.node.stop();
  await services.datastore.close();
  await closeDatabase(services.db);
}
