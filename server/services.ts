// Builds the services every action needs: database (migrated), file store, config.
import { Config } from './config';
import { Services } from './core/context';
import { closeDatabase, openDatabase } from './db/data-source';
import { FileStore } from './files/store';
import { registerAllActions } from './actions';
import { checkCatalogSettings } from './dcat/catalog-settings';
import { registerAllJobs } from './jobs/all';

export async function createServices(config: Config): Promise<Services> {
  checkCatalogSettings(config.catalog);
  registerAllActions();
  registerAllJobs();
  const db = await openDatabase(config);
  return { db, config, files: new FileStore(config.dataDir, config.maxUploadBytes) };
}

export async function closeServices(services: Services): Promise<void> {
  await closeDatabase(services.db);
}
