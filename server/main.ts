// Boot: config → database (migrations) → demo catalogue on first start → listen.
import { loadConfig } from './config';
import { createApp } from './app';
import { DatabaseSessionStore } from './http/session-store';
import { DatabaseRateLimitStore } from './http/rate-limit-store';
import { seedIfEmpty } from './seed/demo';
import { sweepFiles } from './files/sweep';
import { closeServices, createServices } from './services';

async function main(): Promise<void> {
  const config = loadConfig();
  const services = await createServices(config);
  // Registered, then swept of what a crash (even kill -9) left behind, before taking any request.
  await services.node.register('server');
  const swept = await sweepFiles(services);
  if (swept.tempRemoved || swept.orphansRemoved) console.log(`catalogo: rimossi ${swept.tempRemoved} file temporanei e ${swept.orphansRemoved} file orfani`);
  if (config.seed === 'demo') {
    const loaded = await seedIfEmpty(services);
    if (loaded) console.log(`catalogo: caricato il catalogo dimostrativo (${loaded.datasets} dataset, ${loaded.organizations} organizzazioni)`);
  }
  const app = await createApp(services);
  const server = app.listen(config.port, () => {
    console.log(`catalogo in ascolto su ${config.siteUrl} (porta ${config.port}, database ${config.databaseUrl ? 'PostgreSQL' : 'SQLite'})`);
  });
  // Expired sessions and rate-limit counters are dead weight: cleared hourly, by any instance.
  const prune = setInterval(() => {
    void new DatabaseSessionStore(services.db).prune().catch(() => undefined);
    void new DatabaseRateLimitStore(services.db).prune().catch(() => undefined);
  }, 60 * 60 * 1000);
  prune.unref();
  const stop = () => {
    clearInterval(prune);
    server.close(() => void closeServices(services).then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`catalogo non è partito: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
