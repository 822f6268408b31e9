// Boot: config → database (migrations) → demo catalogue on first start → listen; SIGTERM stops it gently.
import { loadConfig } from './config';
import { createApp } from './app';
import { startJobRunner } from './jobs/runner';
import { seedIfEmpty } from './seed/demo';
import { sweepFiles } from './files/sweep';
import { closeServices, createServices } from './services';
import { logger } from './ops/log';
import { handleShutdownSignals, Stoppable } from './ops/shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  logger.level = config.logLevel;
  const services = await createServices(config);
  // Registered, then swept of what a crash (even kill -9) left behind, before taking any request.
  await services.node.register('server');
  const swept = await sweepFiles(services);
  if (swept.tempRemoved || swept.orphansRemoved) logger.info(swept, `rimossi ${swept.tempRemoved} file temporanei e ${swept.orphansRemoved} file orfani`);
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
  // Node cuts a request at 5 minutes by default: too short for a 1 GB upload on a slow line. Uploads
  // end themselves when they stall (CATALOGO_UPLOAD_STALL_SECONDS); an hour bounds everything else.
  server.requestTimeout = 60 * 60 * 1000;
  handleShutdownSignals({ server, app, services, closeServices, background, seconds: config.shutdownSeconds });
}

main().catch((error) => {
  logger.fatal({ err: error }, `catalogo non è partito: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
