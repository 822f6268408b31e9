// Benchmark of search (docs/BENCHMARKS.md): a catalogue of N realistic datasets (search-catalogue.ts)
// on a fresh database, then
//   1. a full reindex, timed (what `cli search-reindex` runs);
//   2. over HTTP with autocannon (8 connections, in a worker): a fixed mix of package_search requests,
//      each with five facets; a broad term that matches 15% of the catalogue; the search page;
//   3. beside them, in the same run, in-process: package_search without HTTP, and the bare index
//      query (the matches of q, counted and the first ten by score).
// Usage: npm run build && node --expose-gc dist/scripts/bench/search.js [--datasets 100000] [--seconds 10]
//   [--data-dir DIR: keep the SQLite catalogue there and reuse it] [--skip-reindex] [--fill-only]
// (DATABASE_URL=postgres://... for PostgreSQL: give it an empty database).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { runAction } from '../../server/core/actions';
import { Services } from '../../server/core/context';
import { inTransaction } from '../../server/db/transaction';
import { logger } from '../../server/ops/log';
import { parseSolr } from '../../server/search/solr-syntax';
import { splitQuery } from '../../server/search/match';
import { bumpSearchRevision } from '../../server/search/search-cache';
import { reindexAll, searchBackend } from '../../server/search/search-index';
import { runSql, SqlParams } from '../../server/search/sql-params';
import { closeServices, createServices } from '../../server/services';
import { BROAD_TERM, fillCatalogue, vocabularyOf } from './search-catalogue';

const FACETS = encodeURIComponent('["organization","groups","tags","res_format","license_id"]');

interface Search { label: string; q: string; extra?: string }

function mixOf(v: string[]): Search[] {
  return [
    { label: 'one frequent word', q: v[4] }, { label: 'one word', q: v[40] }, { label: 'one rare word', q: v[900] },
    { label: 'a prefix', q: v[12].slice(0, 5) }, { label: 'a stem (plural)', q: 'parcheggio' },
    { label: 'two words', q: `${v[3]} ${v[25]}` }, { label: 'a field term', q: `tags:${v[2]}` },
    { label: 'a word and a filter', q: v[8], extra: '&fq=organization:comune-di-prato' },
    { label: 'a deep page', q: v[1], extra: '&start=500' }, { label: 'no word, facets only', q: '' },
  ];
}

const pathOf = (s: Search) => `/api/3/action/package_search?q=${encodeURIComponent(s.q)}&rows=10&facet.field=${FACETS}${s.extra ?? ''}`;

function listen(app: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(app);
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

/** `paths` over 8 connections; `shuffle`: each connection asks them in its own order (search-client.ts). */
async function load(url: string, paths: string[], seconds: number, shuffle = false) {
  let setupClient: string | undefined;
  if (shuffle) {
    process.env.CATALOGO_BENCH_SEARCH_PATHS = path.join(os.tmpdir(), `catalogo-bench-paths-${process.pid}.json`);
    fs.writeFileSync(process.env.CATALOGO_BENCH_SEARCH_PATHS, JSON.stringify(paths));
    setupClient = path.join(__dirname, 'search-client.js');
  }
  const result = await autocannon({
    url, connections: 8, duration: seconds, workers: 1, requests: paths.map((p) => ({ method: 'GET', path: p })), // In workers mode autocannon takes setupClient as a module's path; its types know only functions.
    ...(setupClient ? { setupClient: setupClient as unknown as autocannon.Options['setupClient'] } : {}),
  });
  return { rps: result.requests.average, total: result.requests.total, p50: result.latency.p50, p975: result.latency.p97_5, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed(times: number, work: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < times; i += 1) {
    if (before) await before();
    const started = performance.now();
    await work();
    ms.push(performance.now() - started);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

/** The index alone: q's matches counted, and the first ten by score. */
async function bareIndexQuery(services: Services, q: string): Promise<void> {
  const { match } = splitQuery(parseSolr(q));
  if (!match) return;
  const db = services.db.manager;
  const p = new SqlParams('b');
  const hits = searchBackend(db).hits(match, p);
  await runSql(db, `SELECT COUNT(*) AS n FROM (${hits}) h`, p.values);
  await runSql(db, `SELECT package_id FROM (${hits}) h ORDER BY score DESC LIMIT 10`, p.values);
}

const f = (n: number) => n.toFixed(1);

/** A search as package_search's input. */
function inputOf(s: Search): Record<string, unknown> {
  const input: Record<string, unknown> = { q: s.q, rows: 10, 'facet.field': decodeURIComponent(FACETS) };
  if (s.extra?.includes('fq=')) input.fq = decodeURIComponent(s.extra.split('fq=')[1]);
  if (s.extra?.includes('start=')) input.start = Number(s.extra.split('start=')[1]);
  return input;
}

/** package_search without HTTP: computed (a new search revision before each call: nothing kept) and kept; the bare index query beside. */
async function inProcess(services: Services, searches: Search[], times: number): Promise<void> {
  console.log('\n| search | matches | package_search computed p50 / p95 (ms) | package_search kept p50 / p95 (ms) | bare index query p50 / p95 (ms) |\n|---|---|---|---|---|');
  const search = (s: Search) => runAction('package_search', { services, user: null }, inputOf(s));
  for (const s of searches) {
    const { count } = await search(s);
    const computed = await timed(times, () => search(s), () => inTransaction(services.db, bumpSearchRevision));
    const kept = await timed(times, () => search(s));
    const bare = await timed(times, () => bareIndexQuery(services, s.q));
    console.log(`| ${s.label} (${s.q || '—'}) | ${count} | ${f(computed.p50)} / ${f(computed.p95)} | ${f(kept.p50)} / ${f(kept.p95)} | ${f(bare.p50)} / ${f(bare.p95)} |`);
  }
}

interface Options { count: number; seconds: number; times: number; skipReindex: boolean; fillOnly: boolean }

async function run(services: Services, { count, seconds, times, skipReindex, fillOnly }: Options): Promise<void> {
  const fillStart = performance.now();
  const isPg = services.db.options.type === 'postgres';
  const [{ n }] = await services.db.query('SELECT COUNT(*) AS n FROM "package"');
  // A catalogue kept from an earlier run (--data-dir, or a PostgreSQL database) is measured again as it is.
  const vocabulary = Number(n) > 0 ? vocabularyOf(3000) : await fillCatalogue(services, count);
  if (Number(n) > 0) count = Number(n);
  if (isPg) await services.db.query('VACUUM ANALYZE');
  console.log(`catalogue: ${count} datasets on ${services.db.options.type}, ${Number(n) > 0 ? 'kept from an earlier run' : 'filled'} in ${f((performance.now() - fillStart) / 1000)} s`);
  if (!skipReindex) {
    console.log(`load average before the reindex: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const reindexStart = performance.now();
    await reindexAll(services.db.manager, (work) => inTransaction(services.db, work));
    console.log(`full reindex: ${f((performance.now() - reindexStart) / 1000)} s`);
  }
  if (fillOnly) return;
  if (isPg) await services.db.query('VACUUM ANALYZE');
  const mix = mixOf(vocabulary);
  const broad = { label: 'broad term (15%)', q: BROAD_TERM };
  const broadCount = (await runAction('package_search', { services, user: null }, { q: BROAD_TERM, rows: 0 })).count;
  console.log(`broad term "${BROAD_TERM}" matches ${broadCount} datasets (${f((broadCount / count) * 100)}%)`);
  await inProcess(services, [...mix, broad], times);
  // Clients that autocannon cuts at the end of each run are logged as warnings: not what is measured.
  logger.level = 'error';
  const portal = await listen(await createApp(services));
  try {
    // Every word of the vocabulary once, five facets: most of these answers are computed, not kept.
    const varied = vocabulary.map((word) => pathOf({ label: word, q: word }));
    // Warm-up: the fixed searches computed once (the in-process runs renewed the revision after each),
    // then templates, JIT and prepared statements over HTTP.
    for (const s of [...mix, broad]) await runAction('package_search', { services, user: null }, inputOf(s));
    // The search page asks for its own facets and 20 rows: its searches once each, as a visitor would have.
    const pages = mix.filter((s) => s.q && !s.extra).map((s) => `/dataset?q=${encodeURIComponent(s.q)}`);
    for (const page of pages) await fetch(portal.url + page);
    await load(portal.url, mix.map(pathOf), 2);
    const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
    // With node --expose-gc: the heap still in use after a collection, which is what a leak would grow.
    const gc = (globalThis as { gc?: () => void }).gc;
    const heapAfterGc = () => (gc ? (gc(), `${Math.round(process.memoryUsage().heapUsed / 2 ** 20)}`) : '—');
    const rssBefore = mb();
    const heapBefore = heapAfterGc();
    // RSS after each run: the caches fill, then memory stays (the varied words run three times to show it).
    const run = async (name: string, paths: string[], shuffle = false) => ({ name, ...(await load(portal.url, paths, seconds, shuffle)), rss: mb(), heap: heapAfterGc() });
    const rows = [
      await run('query mix, 5 facets', mix.map(pathOf)),
      await run('broad term, 5 facets', [pathOf(broad)]),
      await run('search page /dataset?q=', pages),
      await run(`${varied.length} different words, 5 facets`, varied, true),
      await run(`${varied.length} different words again`, varied, true),
      await run(`${varied.length} different words a third time`, varied, true),
    ];
    console.log('\n| over HTTP (8 connections) | searches/s | p50 (ms) | p97.5 (ms) | p99 (ms) | requests | errors | non-2xx | RSS after (MB) | heap after GC (MB) |\n|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p975} | ${r.p99} | ${r.total} | ${r.errors} | ${r.non2xx} | ${r.rss} | ${r.heap} |`);
    const total = rows.reduce((n, r) => n + r.total, 0);
    console.log(`\nRSS ${rssBefore} MB before the HTTP runs, ${mb()} MB after ${total} searches; heap after GC ${heapBefore} MB before, ${heapAfterGc()} MB after`);
  } finally {
    // Searches still computing when autocannon stopped end before the database closes (a few seconds at most).
    portal.server.closeAllConnections();
    await new Promise((resolve) => portal.server.close(resolve));
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    datasets: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '10' }, times: { type: 'string', default: '10' }, 'data-dir': { type: 'string' },
    'skip-reindex': { type: 'boolean', default: false }, 'fill-only': { type: 'boolean', default: false },
  } });
  // --data-dir keeps the SQLite catalogue for the next run (filling 100,000 datasets takes minutes).
  const kept = values['data-dir'];
  if (kept) fs.mkdirSync(kept, { recursive: true });
  const dataDir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-bench-search-'));
  const services = await createServices(loadConfig({
    ...process.env, CATALOGO_DATA_DIR: dataDir, CATALOGO_SEED: 'none', CATALOGO_API_RATE_LIMIT: '0', CATALOGO_SITE_URL: 'https://dati.example.it',
  }));
  try {
    await run(services, {
      count: Number(values.datasets), seconds: Number(values.seconds), times: Number(values.times), skipReindex: values['skip-reindex'], fillOnly: values['fill-only'],
    });
  } finally {
    await closeServices(services);
    if (!kept) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
