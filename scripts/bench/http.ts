// HTTP benchmark (docs/BENCHMARKS.md): the portal on the demo catalogue against a bare Express route
// that returns a fixed package dict, both served by this one process, measured in the same run.
//   bare route · package_show · a dataset page · the home page · package_search with two facets
// Each target gets 8 keep-alive connections from autocannon, which runs in a worker thread so that the
// load generator does not share the server's event loop. Results: requests per second, p50 and p99
// latency, errors, and each target's ratio to the bare route. It runs in rounds (bare route, then every
// target) and reports medians over the rounds, so that a noisy neighbour sways one round, not the table.
// Usage: npm run build && node dist/scripts/bench/http.js [--seconds 10] [--rounds 3] [--connections 8] [--json]
// (DATABASE_URL=postgres://... for PostgreSQL: give it an empty database).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import express from 'express';
import autocannon from 'autocannon';
import pino from 'pino';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { runAction } from '../../server/core/actions';
import { Services } from '../../server/core/context';
import { createLogger, logger } from '../../server/ops/log';
import { seedIfEmpty } from '../../server/seed/demo';
import { closeServices, createServices } from '../../server/services';

interface Target {
  name: string;
  path: string;
  /** Which server answers: the portal or the bare Express app. */
  server: 'bare' | 'portal';
}

interface Result {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  ratio: number;
}

function listen(app: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(app);
  // Keep-alive connections must outlive a benchmark run's idle gaps.
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  }));
}

/** The reference: Express with one route that sends a package dict fixed in memory. */
function bareApp(dict: unknown): express.Express {
  const app = express();
  const body = { help: 'http://localhost/api/3/action/help_show?name=package_show', success: true, result: dict };
  app.get('/api/3/action/package_show', (_req, res) => void res.json(body));
  return app;
}

async function measure(url: string, seconds: number, connections: number): Promise<Omit<Result, 'name' | 'ratio'>> {
  const result = await autocannon({ url, connections, duration: seconds, pipelining: 1, workers: 1 });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function startPortal(): Promise<{ services: Services; dataDir: string | null }> {
  const ownDir = process.env.CATALOGO_DATA_DIR ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-bench-http-'));
  const config = loadConfig({
    ...process.env,
    CATALOGO_DATA_DIR: ownDir ?? process.env.CATALOGO_DATA_DIR,
    CATALOGO_SEED: 'demo',
    // The benchmark is one client hammering the API: no rate limit.
    CATALOGO_API_RATE_LIMIT: '0',
    CATALOGO_LOG_LEVEL: 'info',
  });
  const services = await createServices(config);
  await seedIfEmpty(services);
  return { services, dataDir: ownDir };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One target over the rounds: medians of throughput, p50 and ratio; the worst p99; every error. */
function summarise(name: string, measured: Result[]): Result {
  return {
    name,
    requestsPerSecond: median(measured.map((m) => m.requestsPerSecond)),
    p50: median(measured.map((m) => m.p50)),
    p99: Math.max(...measured.map((m) => m.p99)),
    errors: measured.reduce((n, m) => n + m.errors, 0),
    non2xx: measured.reduce((n, m) => n + m.non2xx, 0),
    ratio: median(measured.map((m) => m.ratio)),
  };
}

function printTable(results: Result[], meta: Record<string, string>): void {
  console.log(`\n${Object.entries(meta).map(([k, v]) => `${k}: ${v}`).join(' · ')}\n`);
  console.log('| target | requests/s (median) | p50 (ms) | p99 (ms, worst) | errors | non-2xx | ratio to bare (median of rounds) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(`| ${r.name} | ${Math.round(r.requestsPerSecond)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.ratio.toFixed(2)} |`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' }, rounds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '8' }, json: { type: 'boolean', default: false },
    },
  });
  const seconds = Number(values.seconds);
  const roundCount = Math.max(1, Number(values.rounds));
  const connections = Number(values.connections);
  logger.level = 'warn'; // the process's own messages (seeding) stay out of the table
  const { services, dataDir } = await startPortal();
  const sample = await runAction('package_search', { services, user: null }, { rows: 1, sort: 'name asc', fq: 'res_format:CSV' });
  const dataset = sample.results[0];
  // Request logs as in production (info, one JSON line per request), written to /dev/null.
  const requestLog = createLogger(pino.destination({ dest: os.devNull, sync: false }), 'info');
  const portal = await listen(await createApp(services, { logger: requestLog }));
  const bare = await listen(bareApp(dataset));
  const targets: Target[] = [
    { name: 'bare Express route (fixed package dict)', path: `/api/3/action/package_show?id=${dataset.name}`, server: 'bare' },
    { name: 'package_show', path: `/api/3/action/package_show?id=${dataset.name}`, server: 'portal' },
    { name: 'dataset page', path: `/dataset/${dataset.name}`, server: 'portal' },
    { name: 'home page', path: '/', server: 'portal' },
    { name: 'package_search, 2 facets', path: `/api/3/action/package_search?q=dati&facet.field=${encodeURIComponent('["organization","tags"]')}&rows=10`, server: 'portal' },
  ];
  // Rounds: each measures the bare route and then every target, so that each ratio compares
  // measurements taken minutes apart at most, and a busy neighbour's burst sways one round, not all.
  const rounds: Result[][] = [];
  for (let round = 0; round < roundCount; round += 1) {
    const results: Result[] = [];
    for (const target of targets) {
      const url = `${target.server === 'bare' ? bare.url : portal.url}${target.path}`;
      if (round === 0) await measure(url, 1, connections); // warm-up: compiled templates, prepared statements, JIT
      const measured = await measure(url, seconds, connections);
      results.push({ name: target.name, ...measured, ratio: 0 });
    }
    for (const r of results) r.ratio = r.requestsPerSecond / results[0].requestsPerSecond;
    rounds.push(results);
  }
  const results = targets.map((target, i) => summarise(target.name, rounds.map((round) => round[i])));
  const meta = {
    database: services.config.databaseUrl ? 'PostgreSQL' : 'SQLite',
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    seconds: String(seconds),
    rounds: String(roundCount),
    connections: String(connections),
  };
  if (values.json) console.log(JSON.stringify({ meta, results }, null, 2));
  else printTable(results, meta);
  portal.server.closeAllConnections();
  bare.server.closeAllConnections();
  await new Promise((resolve) => portal.server.close(resolve));
  await new Promise((resolve) => bare.server.close(resolve));
  await closeServices(services);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
