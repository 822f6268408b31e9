// Uploads keep the original bytes: a Latin-1 CSV goes in and comes out identical, with its size,
// sha256, Content-Type, ETag, Range and conditional GET; a replaced file stays reachable.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction } from '../support/factories';
import { buildWorld, download, seedDataset, uploadTo, World } from '../api/world';

const LATIN1_CSV = path.resolve(__dirname, '../../datasets/files/dpc-covid19-ita-metriche-dashboard-desktop.csv');
const original = fs.readFileSync(LATIN1_CSV);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let cat: TestCatalogue;
let world: World;
let resource: any;
beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
  const ds = await seedDataset(cat, world.orgA.name, { resources: [] });
  const res = await uploadTo(cat, 'resource_create', { package_id: ds.id, name: 'Metriche' },
    { content: original, filename: 'dpc-covid19-ita-metriche-dashboard-desktop.csv', contentType: 'text/csv' }, world.users.editor.token);
  expect(res.status).toBe(200);
  resource = res.body.result;
});
afterAll(async () => cat.close());

describe('an uploaded file', () => {
  it('is really Latin-1, so that a lossy text round trip would show', () => {
    expect(original.includes(0xe0) || original.includes(0xe8) || original.includes(0xf9) || original.includes(0xec)).toBe(true);
    expect(original.toString('utf8').includes('\ufffd')).toBe(true);
  });

  it('is described by resource_show with its size and sha256', async () => {
    const shown = (await getAction(cat, 'resource_show', { id: resource.id })).body.result;
    expect(shown).toMatchObject({ size: original.length, hash: sha256(original), url_type: 'upload', format: 'CSV', mimetype: 'text/csv' });
    expect(shown.url).toBe(`http://catalogo.test/dataset/${shown.package_id ? (await getAction(cat, 'package_show', { id: shown.package_id })).body.result.name : ''}/resource/${resource.id}/download/dpc-covid19-ita-metriche-dashboard-desktop.csv`);
  });

  it('downloads byte for byte, with Content-Type, Content-Length and ETag', async () => {
    const res = await download(cat, resource.url);
    expect(res.status).toBe(200);
    expect(Buffer.isBuffer(res.body)).toBe(true);
    expect(sha256(res.body)).toBe(sha256(original));
    expect(res.body.equals(original)).toBe(true);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-length']).toBe(String(original.length));
    expect(res.headers.etag).toBe(`"${sha256(original)}"`);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['cache-control']).toBe('public, max-age=0, no-transform');
    expect(res.headers['content-disposition']).toContain('dpc-covid19-ita-metriche-dashboard-desktop.csv');
  });

  it('serves a byte range with 206 and Content-Range', async () => {
    const res = await download(cat, resource.url, undefined, { Range: 'bytes=100-199' });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 100-199/${original.length}`);
    expect(res.headers['content-length']).toBe('100');
    expect(res.body.equals(original.subarray(100, 200))).toBe(true);
  });

  it('serves the tail of the file for a suffix range', async () => {
    const res = await download(cat, resource.url, undefined, { Range: 'bytes=-10' });
    expect(res.status).toBe(206);
    expect(res.body.equals(original.subarray(original.length - 10))).toBe(true);
  });

  it('answers 416 to a range past the end of the file', async () => {
    const res = await download(cat, resource.url, undefined, { Range: `bytes=${original.length + 10}-${original.length + 20}` });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${original.length}`);
  });

  it('answers 304 with no body to a matching If-None-Match, 200 to a stale one', async () => {
    const fresh = await download(cat, resource.url, undefined, { 'If-None-Match': `"${sha256(original)}"` });
    expect(fresh.status).toBe(304);
    expect(fresh.body.length).toBe(0);
    const stale = await download(cat, resource.url, undefined, { 'If-None-Match': '"un-altro-hash"' });
    expect(stale.status).toBe(200);
    expect(stale.body.equals(original)).toBe(true);
  });

  it('is found at the download URL whatever the filename segment says, and never escapes the store', async () => {
    const base = resource.url.replace(/\/download\/.*$/, '/download/');
    for (const trick of ['..%2F..%2F..%2Fetc%2Fpasswd', '..%5C..%5Cwin.ini', '%2e%2e%2f%2e%2e%2fcatalogo.sqlite']) {
      const res = await download(cat, base + trick);
      expect([200, 404]).toContain(res.status);
      if (res.status === 200) expect(res.body.equals(original)).toBe(true);
      expect(res.body.toString('latin1')).not.toContain('root:');
    }
    const dotted = await download(cat, `${base}../../../../etc/passwd`);
    expect(dotted.status).toBe(404);
    expect(dotted.body.toString('latin1')).not.toContain('root:');
  });

  it('answers 404 for a resource of another dataset and for an unknown file version', async () => {
    const other = await seedDataset(cat, world.orgA.name);
    const wrongDataset = resource.url.replace(/\/dataset\/[^/]+\//, `/dataset/${other.name}/`);
    expect((await download(cat, wrongDataset)).status).toBe(404);
    const unknownVersion = resource.url.replace('/download/', '/version/00000000-0000-0000-0000-000000000000/download/');
    expect((await download(cat, unknownVersion)).status).toBe(404);
  });
});

describe('a file name with accents', () => {
  it('keeps the UTF-8 name the client sent, in the URL and in Content-Disposition', async () => {
    const ds = await seedDataset(cat, world.orgA.name, { resources: [] });
    const res = await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content: Buffer.from('x\n'), filename: 'qualità dell’aria #1.csv' }, world.users.editor.token);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.body.result.url.split('/download/')[1])).toBe('qualità dell’aria #1.csv');
    const file = await download(cat, res.body.result.url);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('qualità dell’aria #1.csv')}`);
  });
});

describe('replacing the file with resource_update', () => {
  const replacement = Buffer.from('data;valore\n2024-01-01;1\n', 'utf8');
  let updated: any;
  beforeAll(async () => {
    const res = await uploadTo(cat, 'resource_update', { id: resource.id, name: 'Metriche aggiornate' },
      { content: replacement, filename: 'metriche-2024.csv' }, world.users.editor.token);
    expect(res.status).toBe(200);
    updated = (await getAction(cat, 'resource_show', { id: resource.id })).body.result;
  });

  it('serves the new bytes at the resource URL', async () => {
    expect(updated).toMatchObject({ size: replacement.length, hash: sha256(replacement), name: 'Metriche aggiornate' });
    expect(updated.url).toMatch(/\/download\/metriche-2024\.csv$/);
    expect((await download(cat, updated.url)).body.equals(replacement)).toBe(true);
  });

  it('keeps the previous file in file_versions, downloadable byte for byte', async () => {
    expect(updated.file_versions).toHaveLength(1);
    const [previous] = updated.file_versions;
    expect(previous).toMatchObject({ filename: 'dpc-covid19-ita-metriche-dashboard-desktop.csv', size: original.length, hash: `sha256:${sha256(original)}` });
    const res = await download(cat, previous.url);
    expect(res.status).toBe(200);
    expect(res.body.equals(original)).toBe(true);
    expect(res.headers.etag).toBe(`"${sha256(original)}"`);
  });

  it('keeps the file when the metadata alone is patched', async () => {
    const res = await callAction(cat, 'resource_patch', { id: resource.id, description: 'Solo la descrizione' }, world.users.editor.token);
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ url_type: 'upload', hash: sha256(replacement), description: 'Solo la descrizione' });
    expect((await download(cat, res.body.result.url)).body.equals(replacement)).toBe(true);
  });
});
