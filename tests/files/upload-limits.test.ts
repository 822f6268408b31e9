// What an upload may not do: be too large, be empty, or use its file name to write outside the store.
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction } from '../support/factories';
import { buildWorld, download, seedDataset, uploadTo, World } from '../api/world';

/** Every file under dir, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

let cat: TestCatalogue; // uploads limited to 0.001 MB (1048 bytes)
let world: World;
let ds: any;
beforeAll(async () => {
  cat = await startCatalogue({ CATALOGO_MAX_UPLOAD_MB: '0.001' });
  world = await buildWorld(cat);
  ds = await seedDataset(cat, world.orgA.name);
});
afterAll(async () => cat.close());

const resourceIds = async () => (await getAction(cat, 'package_show', { id: ds.id })).body.result.resources.map((r: any) => r.id);

describe('an upload larger than CATALOGO_MAX_UPLOAD_MB', () => {
  it('gets 413 in the envelope, leaves no temporary file and no new resource', async () => {
    const before = await resourceIds();
    const filesBefore = filesUnder(path.join(cat.dataDir, 'files'));
    const res = await uploadTo(cat, 'resource_create', { package_id: ds.id, name: 'Troppo grande' },
      { content: Buffer.alloc(200_000, 'a'), filename: 'grande.csv' }, world.users.editor.token);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ success: false, error: { __type: 'Validation Error', upload: [expect.stringContaining('dimensione massima')] } });
    expect(filesUnder(path.join(cat.dataDir, 'tmp'))).toEqual([]);
    expect(filesUnder(path.join(cat.dataDir, 'files'))).toEqual(filesBefore);
    expect(await resourceIds()).toEqual(before);
  });

  it('tells the user the actual limit, not "0 MB"', async () => {
    const res = await uploadTo(cat, 'resource_create', { package_id: ds.id },
      { content: Buffer.alloc(5000, 'a'), filename: 'grande.csv' }, world.users.editor.token);
    expect(res.body.error.upload[0]).not.toMatch(/\(0 MB\)/);
  });

  it('still accepts a file just under the limit', async () => {
    const res = await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content: Buffer.alloc(1000, 'b'), filename: 'piccolo.txt' }, world.users.editor.token);
    expect(res.status).toBe(200);
    expect(res.body.result.size).toBe(1000);
  });
});

describe('an empty upload', () => {
  it('gets 409 on the upload field and stores nothing', async () => {
    const before = await resourceIds();
    const filesBefore = filesUnder(path.join(cat.dataDir, 'files'));
    const res = await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content: Buffer.alloc(0), filename: 'vuoto.csv' }, world.users.editor.token);
    expect(res.status).toBe(409);
    expect(res.body.error.upload).toEqual([expect.stringContaining('vuoto')]);
    expect(await resourceIds()).toEqual(before);
    expect(filesUnder(path.join(cat.dataDir, 'tmp'))).toEqual([]);
    expect(filesUnder(path.join(cat.dataDir, 'files'))).toEqual(filesBefore);
  });
});

describe('a refused upload', () => {
  it('leaves no file behind when the caller may not write to the dataset', async () => {
    const filesBefore = filesUnder(path.join(cat.dataDir, 'files'));
    const res = await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content: Buffer.from('x,y\n'), filename: 'a.csv' }, world.users.otherEditor.token);
    expect(res.status).toBe(403);
    expect(filesUnder(path.join(cat.dataDir, 'tmp'))).toEqual([]);
    expect(filesUnder(path.join(cat.dataDir, 'files'))).toEqual(filesBefore);
  });

  it('leaves no file behind when sent to an action that takes no file', async () => {
    const filesBefore = filesUnder(path.join(cat.dataDir, 'files'));
    const res = await request(cat.app).post('/api/3/action/package_patch').set('Authorization', world.users.editor.token)
      .field('id', ds.id).field('title', 'Con allegato ignorato').attach('upload', Buffer.from('x\n'), 'x.csv');
    expect(res.status).toBe(200);
    expect(res.body.result.title).toBe('Con allegato ignorato');
    expect(filesUnder(path.join(cat.dataDir, 'tmp'))).toEqual([]);
    expect(filesUnder(path.join(cat.dataDir, 'files'))).toEqual(filesBefore);
  });

  it('refuses a file sent in a field other than "upload", with 409 on that field', async () => {
    const res = await request(cat.app).post('/api/3/action/resource_create').set('Authorization', world.users.editor.token)
      .field('package_id', ds.id).attach('file', Buffer.from('x\n'), 'x.csv');
    expect(res.status).toBe(409);
    expect(res.body.error.file).toEqual([expect.stringContaining('upload')]);
    expect(filesUnder(path.join(cat.dataDir, 'tmp'))).toEqual([]);
  });
});

describe('a JSON body that pretends to carry an upload', () => {
  it('can neither take nor delete a file of the server', async () => {
    const secret = path.join(path.dirname(cat.dataDir), `segreto-${Date.now()}.txt`);
    fs.writeFileSync(secret, 'root:x:0:0\n');
    try {
      const fake = { kind: 'uploaded-file', tempPath: secret, filename: 's.csv', size: 11, sha256: 'a'.repeat(64), mimetype: 'text/csv' };
      const taken = await callAction(cat, 'resource_create', { package_id: ds.id, upload: fake }, world.users.editor.token);
      expect(taken.body.result?.url_type ?? null).not.toBe('upload');
      expect(fs.existsSync(secret)).toBe(true);
      await callAction(cat, 'package_create', { name: 'esca', upload: fake }); // refused: 403
      await callAction(cat, 'resource_create', { package_id: ds.id, url: 'nonvalido', upload: fake }, world.users.editor.token); // 409
      expect(fs.readFileSync(secret, 'utf8')).toBe('root:x:0:0\n');
    } finally {
      fs.rmSync(secret, { force: true });
    }
  });
});

describe('a file name with path tricks', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\x.csv', 'x.csv'],
    ['/tmp/assoluto.csv', 'assoluto.csv'],
    ['.nascosto.csv', 'nascosto.csv'],
  ])('%s is stored as %s, inside the data dir', async (raw, clean) => {
    const parent = path.dirname(cat.dataDir);
    // Other test files running in parallel make their own folders and files here (catalogo-*, ingest-test-*
    // and more): only an entry named after the upload would be this one escaping the data dir.
    const named = (name: string) => name === clean || name === path.posix.basename(raw) || name === path.win32.basename(raw);
    const besideDataDir = () => new Set(fs.readdirSync(parent).filter(named));
    const outside = besideDataDir();
    const content = Buffer.from(`contenuto di ${clean}\n`);
    const res = await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content, filename: raw }, world.users.editor.token);
    expect(res.status).toBe(200);
    expect(res.body.result.url).toMatch(new RegExp(`/download/${clean.replace('.', '\\.')}$`));
    const shown = (await getAction(cat, 'resource_show', { id: res.body.result.id })).body.result;
    expect(shown.url).toBe(res.body.result.url);
    expect((await download(cat, shown.url)).body.equals(content)).toBe(true);
    // Nothing new next to the data dir, and inside it every stored file lives under files/ by key.
    expect(besideDataDir()).toEqual(outside);
    expect(fs.readdirSync(cat.dataDir).filter((name) => name === clean || name === path.basename(raw))).toEqual([]);
    for (const stored of filesUnder(path.join(cat.dataDir, 'files'))) expect(stored).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}$/);
  });
});
