// Assets under fingerprinted URLs with a year's cache life, and compressed answers (pages, CSS, JS,
// JSON), but stored files served byte for byte.
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadAssets } from '../../server/core/assets';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { makeDataset, makeOrg, makeUser, addMember } from '../support/factories';
import { pathOf, uploadTo } from '../api/world';

let cat: TestCatalogue;
let server: http.Server;
beforeAll(async () => {
  cat = await startCatalogue();
  server = http.createServer(cat.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await cat.close();
});

/** The bytes as they travel, not inflated (supertest would inflate them for us). */
function rawGet(url: string, encoding: string): Promise<{ encoding: string | undefined; body: Buffer }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: url, headers: { 'Accept-Encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** Every stylesheet and script the home page links to. */
async function linkedAssets(): Promise<string[]> {
  const home = await request(cat.app).get('/');
  return [...home.text.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

describe('fingerprinted assets', () => {
  it('links every stylesheet and script under a fingerprinted URL cached for a year', async () => {
    const urls = await linkedAssets();
    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const url of urls) {
      expect(url).toMatch(/^\/assets\/(bootstrap-italia|catalogo)\/(v\d+\.\d+\.\d+|[0-9a-f]{12})\//);
      const res = await request(cat.app).get(url);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('still answers the plain URLs, with a short cache life', async () => {
    const res = await request(cat.app).get('/assets/catalogo/catalogo.css');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('makes a new fingerprint when one of our files changes', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-assets-'));
    try {
      fs.mkdirSync(path.join(root, 'views', 'assets'), { recursive: true });
      for (const pkg of ['bootstrap-italia', 'swagger-ui-dist']) {
        fs.mkdirSync(path.join(root, 'node_modules', pkg), { recursive: true });
        fs.writeFileSync(path.join(root, 'node_modules', pkg, 'package.json'), '{"version":"1.0.0"}');
      }
      fs.writeFileSync(path.join(root, 'views', 'assets', 'catalogo.css'), 'body { color: black }');
      const before = loadAssets(root).url('catalogo', 'catalogo.css');
      fs.writeFileSync(path.join(root, 'views', 'assets', 'catalogo.css'), 'body { color: navy }');
      const after = loadAssets(root).url('catalogo', 'catalogo.css');
      expect(after).not.toBe(before);
      expect(loadAssets(root).url('bootstrap-italia', 'css/x.css')).toBe('/assets/bootstrap-italia/v1.0.0/css/x.css');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('compression', () => {
  it.each(['br', 'gzip'])('compresses pages, stylesheets, scripts and API answers with %s', async (encoding) => {
    const org = await makeOrg(cat);
    const dataset = await makeDataset(cat, org.name, { notes: 'Una descrizione abbastanza lunga. '.repeat(40) });
    // Bootstrap Italia's CSS and JS; our own catalogo.js is below the 1 kB worth compressing.
    const urls = (await linkedAssets()).filter((u) => u.includes('/bootstrap-italia/'));
    for (const url of ['/', ...urls, `/api/3/action/package_show?id=${dataset.name}`, '/api/openapi.json', '/catalog.ttl']) {
      const res = await request(cat.app).get(url).set('Accept-Encoding', encoding);
      expect({ url, status: res.status, encoding: res.headers['content-encoding'] }).toEqual({ url, status: 200, encoding });
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    }
  });

  it('makes the biggest stylesheet several times smaller on the wire, and it inflates back to the same bytes', async () => {
    const [css] = (await linkedAssets()).filter((u) => u.endsWith('bootstrap-italia.min.css'));
    const plain = await rawGet(css, 'identity');
    const brotli = await rawGet(css, 'br');
    expect(plain.body.length).toBeGreaterThan(500_000);
    expect(brotli.encoding).toBe('br');
    expect(brotli.body.length).toBeLessThan(plain.body.length / 4);
    expect(zlib.brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
  });

  it('serves stored files byte for byte, never compressed', async () => {
    const org = await makeOrg(cat);
    const editor = await makeUser(cat);
    await addMember(cat, org.name, editor.name, 'editor');
    const dataset = await makeDataset(cat, org.name);
    const content = Buffer.from('comune;abitanti\n'.repeat(2000));
    const created = await uploadTo(cat, 'resource_create', { package_id: dataset.id, name: 'Dati' }, { content, filename: 'dati.csv', contentType: 'text/csv' }, editor.token);
    expect(created.status).toBe(200);
    const withName = pathOf(created.body.result.url);
    // Both routes of a download: with the file's name, and the bare one CKAN clients also use.
    for (const path of [withName, withName.replace(/\/[^/]+$/, '')]) {
      const res = await request(cat.app).get(path).set('Accept-Encoding', 'gzip, br');
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(Number(res.headers['content-length'])).toBe(content.length);
    }
  });
});
