// Benchmark of the DCAT feeds (docs/BENCHMARKS.md): a catalogue of N datasets (default 100,000) on a
// fresh database, then
//   1. one page of 100 datasets as Turtle over HTTP (median of 20 requests, pages spread over the catalogue);
//   2. the whole catalogue streamed as Turtle (writeWholeCatalog), with peak memory sampled every 50 ms;
//   3. the reference: the same triples, batch by batch, serialised by n3's Writer alone (building the
//      triples is not timed), in the same run.
// Usage: npm run build && node --expose-gc dist/scripts/bench/feeds.js [--datasets 100000]
// (DATABASE_URL=postgres://... for PostgreSQL: give it an empty database).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { Writer as N3Writer } from 'n3';
import { createApp } from '../../server/app';
import { GroupEntity, PackageEntity, PackageTagEntity, ResourceEntity } from '../../server/catalogue/entities';
import { loadConfig } from '../../server/config';
import { Services } from '../../server/core/context';
import { writeWholeCatalog } from '../../server/dcat/catalog-stream';
import { publishedBatches } from '../../server/dcat/feed-query';
import { catalogRecord, datasetRecords } from '../../server/dcat/records';
import { catalogQuads, createTermRegistry, datasetQuads } from '../../server/dcat/rdf/dataset-quads';
import { PREFIXES } from '../../server/dcat/rdf/namespaces';
import { closeServices, createServices } from '../../server/services';
import { writerOf } from '../../server/db/transaction';

const THEMES = ['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'JUST', 'REGI', 'SOCI', 'TECH', 'TRAN'];
const FREQUENCIES = ['ANNUAL', 'MONTHLY', 'WEEKLY', 'DAILY', 'IRREG'];

function isoAt(index: number): string {
  return new Date(Date.UTC(2020, 0, 1) + index * 60_000).toISOString().replace('Z', '000');
}

function datasetRows(orgId: string, start: number, end: number) {
  const pkgs: Partial<PackageEntity>[] = [];
  const resources: Partial<ResourceEntity>[] = [];
  const tags: Partial<PackageTagEntity>[] = [];
  for (let i = start; i < end; i += 1) {
    const id = randomUUID();
    const name = `dataset-${i}`;
    pkgs.push({
      id, name, title: `Dataset di prova numero ${i}`, notes: `Descrizione del dataset ${i}: dati di esempio per il benchmark.`,
      licenseId: 'CC-BY-4.0', ownerOrg: orgId, private: false, state: 'active', type: 'dataset',
      identifier: `c_d612:${name}`, hasDistribution: true, metadataCreated: isoAt(i), metadataModified: isoAt(i),
      dcat: { theme: [{ theme: THEMES[i % THEMES.length], subthemes: [] }], frequency: FREQUENCIES[i % FREQUENCIES.length], language: ['ITA'], temporal_start: '2020-01-01' },
      url: '', version: '', author: '', authorEmail: '', maintainer: '', maintainerEmail: '', extras: null,
    });
    resources.push({
      id: randomUUID(), packageId: id, url: `https://dati.example.it/files/${name}.csv`, urlType: '', name: `${name}.csv`,
      description: 'File CSV', format: 'CSV', mimetype: 'text/csv', size: 1000 + i, hash: '', position: 0, state: 'active',
      created: isoAt(i), lastModified: null, metadataModified: isoAt(i), currentFileId: null, extras: null, dcat: null,
    });
    tags.push({ packageId: id, tag: 'benchmark' }, { packageId: id, tag: `gruppo ${i % 50}` });
  }
  return [[PackageEntity, pkgs], [ResourceEntity, resources], [PackageTagEntity, tags]] as const;
}

/** Rows inserted directly, 1,000 datasets per transaction: realistic datasets, without going through the actions. */
async function fillCatalogue(services: Services, count: number): Promise<void> {
  // The services read through a read-only connection on SQLite: bulk rows go through the writer.
  const db = writerOf(services.db);
  const org = Object.assign(new GroupEntity(), {
    id: randomUUID(), name: 'comune-di-firenze', title: 'Comune di Firenze', identifier: 'c_d612', isOrganization: true,
    email: 'opendata@comune.fi.it', created: isoAt(0), state: 'active', description: '', url: '', imageUrl: '',
  });
  await db.getRepository(GroupEntity).insert(org);
  for (let start = 0; start < count; start += 1000) {
    await db.transaction(async (m) => {
      for (const [entity, rows] of datasetRows(org.id, start, Math.min(count, start + 1000))) {
        // JSON columns go through their transformer, which the deep-partial insert type does not model;
        // updateEntity(false): no read-back of defaults, which TypeORM does with one OR per row.
        for (let i = 0; i < rows.length; i += 250) {
          await m.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + 250) as never).updateEntity(false).execute();
        }
      }
    });
  }
}

/** Counts bytes and throws them away, like a fast network. */
function sink(): Writable & { bytes: number } {
  const stream = new Writable({ write(chunk, _enc, done) { stream.bytes += chunk.length; done(); } }) as Writable & { bytes: number };
  stream.bytes = 0;
  return stream;
}

/** Peak RSS and peak JS heap while the export runs, against the RSS just before: what the export itself costs. */
function peakMemorySampler(): { stop(): { before: number; peakRss: number; peakHeap: number } } {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peakRss = before;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const timer = setInterval(sample, 50);
  return { stop: () => { clearInterval(timer); sample(); return { before, peakRss, peakHeap }; } };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function timePages(services: Services, count: number): Promise<number[]> {
  const app = await createApp(services);
  const server = app.listen(0);
  const { port } = server.address() as AddressInfo;
  const lastPage = Math.ceil(count / 100);
  const times: number[] = [];
  try {
    for (let i = 0; i < 21; i += 1) {
      const page = 1 + Math.floor((i * lastPage) / 21);
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/catalog.ttl?page=${page}`);
      await res.text();
      if (res.status !== 200) throw new Error(`page ${page}: HTTP ${res.status}`);
      if (i > 0) times.push(performance.now() - started); // the first request warms up the caches
    }
  } finally {
    server.close();
  }
  return times.sort((a, b) => a - b);
}

async function timeWholeCatalogue(services: Services) {
  const out = sink();
  const sampler = peakMemorySampler();
  const started = performance.now();
  const source = { db: services.db.manager, settings: services.config.catalog, siteUrl: services.config.siteUrl };
  const datasets = await writeWholeCatalog(source, {}, { format: 'turtle', profile: 'compatible', stream: out });
  const ms = performance.now() - started;
  return { ms, bytes: out.bytes, datasets, memory: sampler.stop() };
}

/**
 * A second, untimed export that collects garbage every 400 writes and notes the heap still in use: if
 * the export kept anything per dataset, this would climb from the first batch to the last.
 */
async function retainedHeap(services: Services): Promise<{ first: number; last: number; max: number } | null> {
  const gc = global.gc;
  if (!gc) return null;
  const samples: number[] = [];
  let writes = 0;
  const out = new Writable({
    write(_chunk, _enc, done) {
      writes += 1;
      if (writes % 400 === 0) {
        gc();
        samples.push(process.memoryUsage().heapUsed);
      }
      done();
    },
  });
  const source = { db: services.db.manager, settings: services.config.catalog, siteUrl: services.config.siteUrl };
  await writeWholeCatalog(source, {}, { format: 'turtle', profile: 'compatible', stream: out });
  return { first: samples[0], last: samples[samples.length - 1], max: Math.max(...samples) };
}

/** n3's Writer alone on the same triples, batch by batch; only the serialisation is timed. */
async function timeBareN3(services: Services): Promise<{ ms: number; bytes: number; quads: number }> {
  const terms = createTermRegistry();
  const siteUrl = services.config.siteUrl;
  let ms = 0;
  let bytes = 0;
  let quads = 0;
  const serialise = (batch: ReturnType<typeof datasetQuads>) => {
    const started = performance.now();
    const writer = new N3Writer({ prefixes: PREFIXES });
    writer.addQuads(batch);
    writer.end((_error, text) => { bytes += text.length; });
    ms += performance.now() - started;
    quads += batch.length;
  };
  serialise(catalogQuads(await catalogRecord(services.db.manager, services.config.catalog, siteUrl), [], terms));
  for await (const batch of publishedBatches(services.db.manager, {}, 500)) {
    const records = await datasetRecords(services.db.manager, batch, siteUrl);
    serialise(records.flatMap((r) => datasetQuads(r, terms)));
  }
  return { ms, bytes, quads };
}

async function run(services: Services, count: number): Promise<void> {
  const fillStart = performance.now();
  await fillCatalogue(services, count);
  // What autovacuum does soon after a bulk load on PostgreSQL: planner statistics and the visibility
  // map (which index-only scans need) for the new rows.
  if (services.db.options.type === 'postgres') await services.db.query('VACUUM ANALYZE');
  console.log(`catalogue: ${count} datasets on ${services.db.options.type}, filled in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);
  const pages = await timePages(services, count);
  console.log(`one page of 100 (Turtle, HTTP): median ${pages[Math.floor(pages.length / 2)].toFixed(1)} ms, max ${pages[pages.length - 1].toFixed(1)} ms`);
  const whole = await timeWholeCatalogue(services);
  const { before, peakRss, peakHeap } = whole.memory;
  console.log(`whole catalogue (Turtle, streamed): ${(whole.ms / 1000).toFixed(2)} s, ${mb(whole.bytes)} written, ${whole.datasets} datasets`);
  console.log(`  memory: RSS ${mb(before)} before, peak ${mb(peakRss)} (+${mb(peakRss - before)}); peak JS heap ${mb(peakHeap)}`);
  const heap = await retainedHeap(services);
  if (heap) console.log(`  heap in use after GC during the export: ${mb(heap.first)} at the start, ${mb(heap.last)} at the end, ${mb(heap.max)} at most`);
  const bare = await timeBareN3(services);
  console.log(`reference, n3 Writer alone on the same ${bare.quads} triples: ${(bare.ms / 1000).toFixed(2)} s (${mb(bare.bytes)})`);
  console.log(`ratio whole catalogue / bare n3: ${(whole.ms / bare.ms).toFixed(2)}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${mb(os.totalmem())} RAM, Node ${process.version}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { datasets: { type: 'string', default: '100000' } } });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-bench-'));
  const services = await createServices(loadConfig({ ...process.env, CATALOGO_DATA_DIR: dataDir, CATALOGO_SEED: 'none', CATALOGO_SITE_URL: 'https://dati.example.it' }));
  try {
    await run(services, Number(values.datasets));
  } finally {
    await closeServices(services);
    if (process.env.BENCH_KEEP_DATA) console.log(`data kept in ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
