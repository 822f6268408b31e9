// Boot: config → database (migrations) → demo catalogue on first start → listen; SIGTERM stops it gently.
import { loadConfig } from './config';
import { createApp } from './app';
import { DatabaseSessionStore } from './http/session-store';
import { DatabaseRateLimitStore } from './http/rate-limit-store';
import { Services } from './core/context';
import { seedIfEmpty } from './seed/demo';
import { createServices } from './services';
import { logger } from './ops/log';
import { handleShutdownSignals, Stoppable } from './ops/shutdown';

/** Expired sessions and rate-limit counters are dead weight: cleared hourly, by any instance. */
function pruneHourly(services: Services): Stoppable {
  const prune = setInterval(() => {
    void new DatabaseSessionStore(services.db).prune().catch(() => undefined);
    void new DatabaseRateLimitStore(services.db).prune().catch(() => undefined);
  }, 60 * 60 * 1000);
  prune.unref();
  return { name: 'pulizia oraria', stop: () => clearInterval(prune) };
}

async function main(): Promise<void> {
  const config = loadConfig();
  logger.level = config.logLevel;
  const services = await createServices(config);
  if (config.seed === 'demo') {
    const loaded = await seedIfEmpty(services);
    if (loaded) logger.info(loaded, `caricato il catalogo dimostrativo (${loaded.datasets} dataset, ${loaded.organizations} organizzazioni)`);
  }
  // Work that runs beside the requests and must stop before the database closes. The jobs runner
  // plugs in here: background.push(startJobRunner(services, { role: 'server' })).
  const background: Stoppable[] = [pruneHourly(services)];
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
