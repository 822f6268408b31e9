// `npm run worker`: runs background jobs in a process of its own, beside the servers (which can then
// run none: CATALOGO_JOBS=off). Reads the server's environment and opens the same database; any number
// of workers may run, on PostgreSQL on any number of machines. SIGTERM or SIGINT: the running job
// reaches a checkpoint or is given back, to resume in another runner.
import { ConfigError, loadConfig } from '../server/config';
import { startJobRunner } from '../server/jobs/runner';
import { closeServices, createServices } from '../server/services';

async function main(): Promise<void> {
  const config = loadConfig();
  const services = await createServices(config);
  const runner = startJobRunner(services, { role: 'worker' });
  console.error(`catalogo: esecutore dei lavori avviato (database ${config.databaseUrl ? 'PostgreSQL' : 'SQLite'})`);
  const stop = () => {
    void runner.stop().then(() => closeServices(services)).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  const message = error instanceof ConfigError ? `configurazione non valida: ${error.message}` : error instanceof Error ? error.message : String(error);
  console.error(`catalogo: l'esecutore dei lavori non è partito: ${message}`);
  process.exit(1);
});
