// A linked resource (a URL, not an upload) whose host is in CATALOGO_INGEST_URL_HOSTS is fetched by the
// load job, in the background, and loaded as an upload would be; another host is not loaded at all; an
// error status or a web page ends the load as a failure with its reason. The files come from a local
// server on 127.0.0.1 (allowed through CATALOGO_HARVEST_ALLOW_PRIVATE).
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction } from '../support/factories';
import { buildWorld, seedDataset, World } from '../api/world';
import { JobRunner, startJobRunner } from '../../server/jobs/runner';
import { JobEntity } from '../../server/jobs/entities';

const LATIN1_CSV = Buffer.from('comune;importo;data\nCascina;1.234,56;01/02/2024\nForlì;-0,5;31/12/2023\n', 'latin1');

let cat: TestCatalogue;
let world: World;
let files: http.Server;
let base: string;
let runner: JobRunner | null = null;

beforeAll(async () => {
  files = http.createServer((req, res) => {
    if (req.url === '/dati/pagamenti.csv') res.writeHead(200, { 'Content-Type': 'text/csv' }).end(LATIN1_CSV);
    else if (req.url === '/vecchio.csv') res.writeHead(301, { Location: '/dati/pagamenti.csv' }).end();
    else if (req.url === '/pagina.csv') res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Portale</title><p>Dati</p>');
    else if (req.url === '/immagine.csv') res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('non trovato');
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  cat = await startCatalogue({ CATALOGO_INGEST_URL_HOSTS: 'esempio.invalid, 127.0.0.1', CATALOGO_HARVEST_ALLOW_PRIVATE: 'true' });
  world = await buildWorld(cat);
  runner = startJobRunner(cat.services, { role: 'test', pollMs: 20, types: ['datastore.load'] });
});
afterAll(async () => {
  await runner?.stop();
  await cat.close();
  await new Promise((resolve) => files.close(resolve));
});

const state = async (id: string) => (await getAction(cat, 'resource_validation_show', { id })).body.result;

async function settled(id: string): Promise<any> {
  const end = Date.now() + 30_000;
  for (;;) {
    const now = await state(id);
    if (['success', 'failure', 'error'].includes(now.status)) return now;
    if (Date.now() > end) throw new Error(`load still ${now.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function linkResource(url: string, format = 'CSV'): Promise<string> {
  const dataset = await seedDataset(cat, world.orgA.name);
  const res = await callAction(cat, 'resource_create', { package_id: dataset.id, url, format, name: 'Pagamenti' }, world.users.editor.token);
  expect(res.status).toBe(200);
  return res.body.result.id;
}

const loadJobs = () => cat.services.db.getRepository(JobEntity).countBy({ type: 'datastore.load' });

describe('a linked table on an allowed host', () => {
  it('is fetched in the background and loaded, the report saying where it came from', async () => {
    const id = await linkResource(`${base}/vecchio.csv`);
    const done = await settled(id);
    expect(done).toMatchObject({ status: 'success', rows: 2, columns: 3, encoding: 'windows-1252', delimiter: ';' });
    expect(done.report.read.source).toMatchObject({ url: `${base}/dati/pagamenti.csv`, contentType: 'text/csv' });
    expect((await getAction(cat, 'resource_show', { id })).body.result.datastore_active).toBe(true);
    const rows = (await getAction(cat, 'datastore_search', { resource_id: id })).body.result.records;
    expect(rows.map((row: any) => row.comune)).toEqual(['Cascina', 'Forlì']);
    expect(fs.readdirSync(cat.services.files.tempDir)).toEqual([]);
  });

  it('is loaded again when the link changes, not when other fields do', async () => {
    const id = await linkResource(`${base}/dati/pagamenti.csv`);
    const first = await settled(id);
    expect(first.status).toBe('success');
    const jobs = await loadJobs();
    expect((await callAction(cat, 'resource_patch', { id, description: 'Nuova descrizione' }, world.users.editor.token)).status).toBe(200);
    expect(await loadJobs()).toBe(jobs);
    expect((await callAction(cat, 'resource_patch', { id, url: `${base}/manca.csv` }, world.users.editor.token)).status).toBe(200);
    expect(await loadJobs()).toBe(jobs + 1);
    const second = await settled(id);
    expect(second.job_id).not.toBe(first.job_id);
    expect(second.status).toBe('failure');
  });

  it('is loaded too when package_create or package_update lists it (a harvested dataset, say)', async () => {
    const created = await seedDataset(cat, world.orgA.name, { resources: [{ url: `${base}/dati/pagamenti.csv`, format: 'CSV', name: 'Pagamenti' }] });
    const id = created.resources[0].id;
    expect(await settled(id)).toMatchObject({ status: 'success', rows: 2 });
    const jobs = await loadJobs();
    const dataset = (await getAction(cat, 'package_show', { id: created.id })).body.result;
    expect((await callAction(cat, 'package_update', { ...dataset, notes: 'Nuove note' }, world.users.editor.token)).status).toBe(200);
    expect(await loadJobs()).toBe(jobs);
  });

  it('a 404 ends as a failure saying what the server answered', async () => {
    const done = await settled(await linkResource(`${base}/manca.csv`));
    expect(done.status).toBe('failure');
    expect(done.error).toContain('il server ha risposto 404');
    expect(done.error).toContain(`${base}/manca.csv`);
  });

  it('a web page or a binary file is no table: a failure with its reason', async () => {
    const page = await settled(await linkResource(`${base}/pagina.csv`));
    expect(page).toMatchObject({ status: 'failure' });
    expect(page.error).toMatch(/c'è una pagina web \(text\/html; charset=utf-8\), non un file di dati/);
    const image = await settled(await linkResource(`${base}/immagine.csv`));
    expect(image.status).toBe('failure');
    expect(image.error).toContain('Il file non è un testo (contiene byte binari)');
  });
});

describe('links that are not loaded', () => {
  it('a host not in the list queues no load and leaves the resource as it is', async () => {
    const jobs = await loadJobs();
    const id = await linkResource(`http://localhost:${(files.address() as AddressInfo).port}/dati/pagamenti.csv`);
    expect(await loadJobs()).toBe(jobs);
    expect((await getAction(cat, 'resource_show', { id })).body.result.datastore_active).toBe(false);
  });

  it('a link in a format that is no table queues no load', async () => {
    const jobs = await loadJobs();
    await linkResource(`${base}/documento.pdf`, 'PDF');
    expect(await loadJobs()).toBe(jobs);
  });
});
