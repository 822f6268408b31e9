// Benchmark of the DataStore over HTTP (docs/BENCHMARKS.md), against the server as it runs (a child
// process: `node dist/server/main.js`, jobs inline), on a fresh catalogue:
//   1. the reference of the same file in the same run: the sqlite3 command line's `.import`, or on
//      PostgreSQL psql's `\copy` (COPY FROM STDIN) into a table of text columns;
//   2. the whole path of an upload: resource_create with the file as multipart, then resource_show
//      polled every 100 ms until datastore_active (the load's job runs in the server);
//   3. datastore_search with an equality filter (`codice`, ten rows each, a different code per
//      request) from concurrent keep-alive clients, p50 / p95 / p99 over every request;
//   4. the floor beside it: status_show (no database) from the same clients, right after;
//   5. the server's peak RSS (VmHWM of /proc/PID/status) after each load;
// for the file of --rows rows and, with --scale N, for one N times larger (its own server, so that
// the peak is its own). The machine's load average is printed before and after: it is shared.
// Usage: npm run build && node dist/scripts/bench/ingest-http.js [--rows 1000000] [--scale 5]
//   [--clients 4] [--seconds 10] [--dir DIR]   (DATABASE_URL=postgres://.../EMPTY_DB for PostgreSQL)
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../server/config';
import { runAction } from '../../server/core/actions';
import { siteUser } from '../../server/seed/site-user';
import { closeServices, createServices } from '../../server/services';
import { generate, postgresCopy, sqliteImport } from './payments-csv';

const databaseUrl = process.env.DATABASE_URL ?? '';

interface Catalogue {
  token: string;
  datasetId: string;
}

function serverEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env, PORT: String(port), CATALOGO_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, CATALOGO_SEED: 'none',
    CATALOGO_LOG_LEVEL: 'warn', CATALOGO_API_RATE_LIMIT: '0', CATALOGO_SITE_URL: `http://127.0.0.1:${port}`, CATALOGO_MAX_UPLOAD_MB: '4096',
  };
}

/** A sysadmin's token and an empty dataset, made through the actions before the server starts. */
async function prepare(dataDir: string): Promise<Catalogue> {
  const services = await createServices(loadConfig(serverEnv(dataDir, 3999)));
  try {
    const ctx = { services, user: await siteUser(services) };
    const name = `bench-${Date.now()}`;
    await runAction('user_create', ctx, { name, email: `${name}@example.it`, password: 'password-del-benchmark', sysadmin: true });
    const { token } = await runAction<{ token: string }>('api_token_create', ctx, { user: name, name: 'bench' });
    const org = await runAction<{ id: string }>('organization_create', ctx, { name, title: 'Ente del benchmark', identifier: `c_${Date.now().toString(16)}` });
    const dataset = await runAction<{ id: string }>('package_create', ctx, { name, title: 'Pagamenti', notes: 'Benchmark', owner_org: org.id });
    return { token, datasetId: dataset.id };
  } finally {
    await closeServices(services);
  }
}

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, '../../server/main.js')], { env: serverEnv(dataDir, port), stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error('the server stopped');
    const ok = await fetch(`http://127.0.0.1:${port}/api/3/action/status_show`).then((r) => r.ok, () => false);
    if (ok) return child;
    await sleep(100);
  }
  throw new Error('the server did not start');
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Peak resident memory of a process since it started, in MB (Linux). */
function peakRssMb(pid: number): number | null {
  const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : null;
}

/** A GET of an action; a connection reset (a keep-alive connection the server just closed) is tried again. */
async function api<T>(base: string, token: string, name: string, query: Record<string, string>, tries = 3): Promise<T> {
  const url = `${base}/api/3/action/${name}?${new URLSearchParams(query)}`;
  const res = await fetch(url, { headers: { Authorization: token } }).catch(async (error) => {
    if (tries <= 1) throw error;
    await sleep(200);
    return null;
  });
  if (!res) return api<T>(base, token, name, query, tries - 1);
  const body = await res.json() as { success: boolean; result: T; error?: unknown };
  if (!body.success) throw new Error(`${name}: ${JSON.stringify(body.error)}`);
  return body.result;
}

/** Upload through resource_create (multipart, the file streamed from disk), then poll until datastore_active. */
async function uploadAndLoad(base: string, cat: Catalogue, file: string): Promise<{ seconds: number; uploadSeconds: number; resourceId: string }> {
  const form = new FormData();
  form.set('package_id', cat.datasetId);
  form.set('name', path.basename(file));
  form.set('upload', await fs.openAsBlob(file, { type: 'text/csv' }), path.basename(file));
  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
  const res = await fetch(`${base}/api/3/action/resource_create`, { method: 'POST', headers: { Authorization: cat.token }, body: form });
  const body = await res.json() as { success: boolean; result: { id: string }; error?: unknown };
  if (!body.success) throw new Error(`resource_create: ${JSON.stringify(body.error)}`);
  const uploadSeconds = elapsed();
  const resourceId = body.result.id;
  for (;;) {
    const resource = await api<{ datastore_active?: boolean }>(base, cat.token, 'resource_show', { id: resourceId });
    if (resource.datastore_active) return { seconds: elapsed(), uploadSeconds, resourceId };
    const validation = await api<{ status: string; error?: unknown }>(base, cat.token, 'resource_validation_show', { id: resourceId }).catch(() => null);
    if (validation && ['failure', 'error'].includes(validation.status)) throw new Error(`the load failed: ${JSON.stringify(validation)}`);
    await sleep(100);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Requests from `clients` keep-alive clients for `seconds`; `path` makes the n-th request's path; `ok` judges its answer. */
async function latency(base: string, path: (n: number) => string, ok: (body: string) => boolean, clients: number, seconds: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let failures = 0;
  const until = Date.now() + seconds * 1000;
  const one = (url: string) => new Promise<boolean>((resolve) => {
    const req = http.get(url, { agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve(res.statusCode === 200 && ok(text)));
    });
    req.on('error', () => resolve(false));
  });
  let n = 0;
  const client = async () => {
    while (Date.now() < until) {
      const start = process.hrtime.bigint();
      const answered = await one(`${base}${path(n += 1)}`);
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (!answered) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (ms: number) => +ms.toFixed(1);
  return {
    requests: latencies.length, failures, requests_per_second: Math.round(latencies.length / seconds),
    p50_ms: round(percentile(latencies, 50)), p95_ms: round(percentile(latencies, 95)), p99_ms: round(percentile(latencies, 99)),
  };
}

/** datastore_search with an equality filter on `codice` (ten rows each; a different code per request). */
function searchLatency(base: string, resourceId: string, clients: number, seconds: number) {
  const path = (n: number) => {
    const code = String((n * 7919) % 100000).padStart(6, '0');
    return `/api/3/action/datastore_search?${new URLSearchParams({ resource_id: resourceId, filters: JSON.stringify({ codice: code }) })}`;
  };
  return latency(base, path, (body) => JSON.parse(body).result.records.length > 0, clients, seconds);
}

/**
 * The floor on this machine at this moment: status_show (no database) from the same clients. On a
 * shared machine the latencies are mostly waiting for a core; the difference is what the DataStore adds.
 */
function floorLatency(base: string, clients: number, seconds: number) {
  return latency(base, () => '/api/3/action/status_show', (body) => JSON.parse(body).success === true, clients, seconds);
}

/** One file through one fresh server: reference, upload to datastore_active, searches, peak RSS. */
async function measure(dir: string, label: string, file: string, options: { clients: number; seconds: number }) {
  const bytes = fs.statSync(file).size;
  const loadAverage = () => os.loadavg().map((l) => +l.toFixed(2));
  const loadBefore = loadAverage();
  const reference = databaseUrl ? postgresCopy(file, databaseUrl) : sqliteImport(file, dir);
  const dataDir = path.join(dir, `data-${label}`);
  const cat = await prepare(dataDir);
  const port = 40000 + Math.floor(Math.random() * 20000);
  const server = await startServer(dataDir, port);
  server.once('exit', (code, signal) => { if (code !== 0) process.stderr.write(`the server stopped: ${code ?? signal}\n`); });
  const base = `http://127.0.0.1:${port}`;
  try {
    const load = await uploadAndLoad(base, cat, file);
    const peak = peakRssMb(server.pid!);
    const loadAfter = loadAverage();
    const search = await searchLatency(base, load.resourceId, options.clients, options.seconds);
    const floor = await floorLatency(base, options.clients, options.seconds);
    return {
      file: label, bytes, upload_to_datastore_active_seconds: +load.seconds.toFixed(2), upload_request_seconds: +load.uploadSeconds.toFixed(2),
      reference: databaseUrl ? 'psql \\copy' : 'sqlite3 .import', reference_seconds: reference === null ? null : +reference.toFixed(2),
      ratio: reference === null ? null : +(load.seconds / reference).toFixed(2), server_peak_rss_mb: peak,
      load_average_before: loadBefore, load_average_after_load: loadAfter,
      datastore_search: { clients: options.clients, seconds: options.seconds, ...search },
      status_show_floor: floor,
    };
  } finally {
    await stopServer(server);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    rows: { type: 'string', default: '1000000' }, scale: { type: 'string', default: '5' }, clients: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '10' }, dir: { type: 'string' },
  } });
  const rows = Number(values.rows), scale = Number(values.scale);
  const dir = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-bench-ingest-http-'));
  fs.mkdirSync(dir, { recursive: true });
  const options = { clients: Number(values.clients), seconds: Number(values.seconds) };
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, load_average_before: os.loadavg().map((l) => +l.toFixed(2)) };
  const results = [];
  for (const n of scale > 1 ? [rows, rows * scale] : [rows]) {
    const file = path.join(dir, `pagamenti-${n}.csv`);
    if (!fs.existsSync(file)) await generate(file, n);
    results.push(await measure(dir, `${n} rows`, file, options));
    process.stderr.write(`${JSON.stringify(results[results.length - 1])}\n`);
  }
  const output = { database: databaseUrl ? 'postgres' : 'sqlite', ...machine, load_average_after: os.loadavg().map((l) => +l.toFixed(2)), results };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  if (!values.dir) fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
