// `cli export-dcat`: the whole catalogue in one file, the same datasets the paged feed publishes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadDemo } from '../../server/seed/demo';
import { parseRdf } from '../../server/dcat/import/parse';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { cli, envOf } from './support';

const DCAT_DATASET = 'http://www.w3.org/ns/dcat#Dataset';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

let cat: TestCatalogue;
let outDir: string;
beforeAll(async () => {
  cat = await startCatalogue();
  await loadDemo(cat.services);
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-export-'));
}, 60000);
afterAll(async () => {
  await cat.close();
  fs.rmSync(outDir, { recursive: true, force: true });
});

const datasetsIn = (quads: Awaited<ReturnType<typeof parseRdf>>) =>
  quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === DCAT_DATASET).map((q) => q.subject.value).sort();

describe('cli export-dcat', () => {
  it('writes every published dataset, in the format of the file name', async () => {
    const output = path.join(outDir, 'catalogo.ttl');
    const run = await cli({ ...envOf(cat), CATALOGO_SITE_URL: 'http://catalogo.test' }, 'export-dcat', '--output', output);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Esportati 14 dataset');
    const exported = datasetsIn(await parseRdf(fs.readFileSync(output, 'utf8'), 'turtle'));
    const paged = datasetsIn(await parseRdf((await request(cat.app).get('/catalog.ttl')).text, 'turtle'));
    expect(exported).toHaveLength(14);
    expect(exported).toEqual(paged);
  }, 30000);

  it('takes --format, and refuses an unknown one with exit code 2', async () => {
    const output = path.join(outDir, 'catalogo.out');
    expect((await cli(envOf(cat), 'export-dcat', '--output', output, '--format', 'jsonld')).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(output, 'utf8'))['@graph'].length).toBeGreaterThan(14);
    const bad = await cli(envOf(cat), 'export-dcat', '--output', path.join(outDir, 'x.doc'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Formato sconosciuto');
  }, 30000);
});
