// Boot: config → database (migrations) → demo catalogue on first start → listen.
import { loadConfig } from './config';
import { createApp } from './app';
import { startJobRunner } from './jobs/runner';
import { seedIfEmpty } from './seed/demo';
import { closeServices, createServices } from './services';

async function main(): Promise<void> {
  const config = loadConfig();
  const services = await createServices(config);
  if (config.seed === 'demo') {
    const loaded = await seedIfEmpty(services);
    if (loaded) console.log(`catalogo: caricato il catalogo dimostrativo (${loaded.datasets} dataset, ${loaded.organizations} organizzazioni)`);
  }
  const app = await createApp(services);
  const server = app.listen(config.port, () => {
    console.log(`catalogo in ascolto su ${config.siteUrl} (porta ${config.port}, database ${config.databaseUrl ? 'PostgreSQL' : 'SQLite'})`);
  });
  // Background jobs (among them the hourly pruning of sessions and rate-limit counters), unless only
  // `npm run worker` runs them (CATALOGO_JOBS=off).
  const jobs = config.jobs === 'inline' ? startJobRunner(services, { role: 'server' }) : null;
  const stop = () => {
    const jobsStopped = jobs?.stop() ?? Promise.resolve(); // the running job reaches a checkpoint or is given back
    server.close(() => void jobsStopped.then(() => closeServices(services)).then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`catalogo non è partito: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
