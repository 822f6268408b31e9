// Boot: config → database (migrations) → demo catalogue on first start → listen; SIGTERM stops it gently.
import { loadConfig } from './config';
import { createApp } from './app';
import { startJobRunner } from './jobs/runner';
import { seedIfEmpty } from './seed/demo';
import { createServices } from './services';
import { logger } from './ops/log';
import { handleShutdownSignals, Stoppable } from './ops/shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  logger.level = config.logLevel;
  const services = await createServices(config);
  if (config.seed === 'demo') {
    const loaded = await seedIfEmpty(services);
    if (loaded) logger.info(loaded, `caricato il catalogo dimostrativo (${loaded.datasets} dataset, ${loaded.organizations} organizzazioni)`);
  }
  // Work that runs beside the requests and must stop before the database closes: the background jobs
  // (among them the hourly pruning of sessions and counters), unless only `npm run worker` runs them.
  const background: Stoppable[] = [];
  if (config.jobs === 'inline') {
    const jobs = startJobRunner(services, { role: 'server' });
    background.push({ name: 'lavori in background', stop: () => jobs.stop() });
  }
  const app = await createApp(services);
  const server = app.listen(config.port, () => {
    const database = config.databaseUrl ? 'PostgreSQL' : 'SQLite';
    logger.info({ port: config.port, database, siteUrl: config.siteUrl }, `catalogo in ascolto su ${config.siteUrl} (porta ${config.port}, database ${database})`);
  });
  handleShutdownSignals({ server, app, services, background, seconds: config.shutdownSeconds });
}

main().catch((error) => {
  logger.fatal({ err: error }, `catalogo non è partito: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
