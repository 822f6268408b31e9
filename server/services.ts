// Builds the services every action needs: database (migrated), file store, config.
import { Config } from './config';
import { Services } from './core/context';
import { openDatabase } from './db/data-source';
import { FileStore } from './files/store';
import { ThisNode } from './nodes/registry';
import { registerAllActions } from './actions';
import { checkCatalogSettings } from './dcat/catalog-settings';

export async function createServices(config: Config): Promise<Services> {
  checkCatalogSettings(config.catalog);
  registerAllActions();
  const db = await openDatabase(config);
  const node = new ThisNode(db);
  const files = new FileStore({ dataDir: config.dataDir, maxBytes: config.maxUploadBytes, stallMs: config.uploadStallSeconds * 1000 }, node, db);
  return { db, config, files, node };
}

export async function closeServices(services: Services): Promise<void> {
  await services.node.stop();
  if (services.db.isInitialized) await services.db.destroy();
}
