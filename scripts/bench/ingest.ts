// Benchmark of the DataStore load (docs/BENCHMARKS.md): a CSV of administration payments, 1,000,000
// rows by default, 7 columns (integer id, organization, beneficiary with quotes and accents, amount
// as 1.234,56, date dd/mm/yyyy, code with leading zeros, description), about 135 MB; then
//   1. the reference: the sqlite3 command-line `.import` of the same file into a new database, or with
//      DATABASE_URL psql's `\copy` (COPY FROM STDIN) into a table of text columns;
//   2. loadFile (encoding check, sniffing, parsing, whole-column inference, typed load, commit) into
//      the DataStore of a fresh catalogue, with the process's peak RSS sampled every 50 ms.
// Upload and HTTP are not timed here (they stream the file to disk once).
// The machine's load average is printed before and after: it may be shared.
// --parse main|worker: where the file is parsed (default: as the server does, a worker for a large CSV).
// Usage: npm run build && node dist/scripts/bench/ingest.js [--rows 1000000] [--keep FILE] [--parse main|worker]
//   (DATABASE_URL=postgres://.../EMPTY_DB for PostgreSQL)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../server/config';
import { loadFile, LoadRequest } from '../../server/ingest/load';
import { closeServices, createServices } from '../../server/services';
import { generate, postgresCopy, sqliteImport } from './payments-csv';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'string' }, parse: { type: 'string', default: 'auto' } } });
  const parse = values.parse as LoadRequest['parse'];
  const rows = Number(values.rows);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-bench-ingest-'));
  const file = values.keep ?? path.join(dir, 'pagamenti.csv');
  if (!fs.existsSync(file)) await generate(file, rows);
  const bytes = fs.statSync(file).size;
  const loadBefore = os.loadavg().map((n) => +n.toFixed(2));
  const databaseUrl = process.env.DATABASE_URL ?? '';
  const reference = databaseUrl ? postgresCopy(file, databaseUrl) : sqliteImport(file, dir);
  const services = await createServices(loadConfig({ CATALOGO_DATA_DIR: path.join(dir, 'data'), CATALOGO_SEED: 'none', CATALOGO_LOG_LEVEL: 'silent', DATABASE_URL: process.env.DATABASE_URL ?? '' }));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const start = process.hrtime.bigint();
  const outcome = await loadFile({ store: services.datastore, resourceId: 'bench-pagamenti', path: file, format: 'csv', overrides: {}, parse });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  await closeServices(services);
  const result = {
    database: process.env.DATABASE_URL ? 'postgres' : 'sqlite', parse, rows: outcome.rows, bytes, passes: outcome.passes,
    types: outcome.analysis.report.read.types, load_seconds: +seconds.toFixed(2), rows_per_second: Math.round(outcome.rows / seconds),
    reference: databaseUrl ? 'psql \\copy' : 'sqlite3 .import', reference_seconds: reference === null ? null : +reference.toFixed(2), ratio: reference === null ? null : +(seconds / reference).toFixed(2),
    peak_rss_mb: Math.round(peak / 1024 / 1024), load_average_before: loadBefore, load_average_after: os.loadavg().map((n) => +n.toFixed(2)), cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
