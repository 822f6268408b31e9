// Builds the services every action needs: database (migrated), file store, config.
import { Config } from './config';
import { Services } from './core/context';
import { openDatabase } from './db/data-source';
import { FileStore } from './files/store';
import { registerAllActions } from './actions';
import { checkCatalogSettings } from './dcat/catalog-settings';

export async function createServices(config: Config): Promise<Services> {
  checkCatalogSettings(config.catalog);
  registerAllActions();
  const db = await openDatabase(config);
  return { db, config, files: new FileStore({ dataDir: config.dataDir, maxBytes: config.maxUploadBytes, stallMs: config.uploadStallSeconds * 1000 }) };
}

export async function closeServices(services: Services): Promise<void> {
  if (services.db.isInitialized) await services.db.destroy();
}
