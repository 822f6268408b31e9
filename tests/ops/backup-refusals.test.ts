// What a restore refuses, with an Italian message and nothing restored: a catalogue that is not empty,
// a damaged, truncated or foreign archive, an archive of a newer schema or format, of the other
// database. And a backup never overwrites a file.
import fs from 'node:fs';
import { Client } from 'pg';
import path from 'node:path';
import { fileDigest, openArchiveWriter, readArchive } from '../../server/ops/backup/archive';
import { Manifest, MANIFEST_NAME } from '../../server/ops/backup/manifest';
import { cli, envOf } from '../cli/support';
import { callAction, makeOrg, makeUser, TestUser } from '../support/factories';
import { databaseKind, emptyPlace, EmptyPlace, startCatalogue, TestCatalogue } from '../support/harness';
import { uploadTo } from '../api/world';
import { archiveFolder, envOfPlace } from './backup-support';

let original: TestCatalogue;
let admin: TestUser;
let place: EmptyPlace;
/** Random bytes uploaded once: easy to find inside an uncompressed archive. */
const marker = Buffer.from(`inizio-${'0123456789abcdef'.repeat(64)}-fine`);
const archives = archiveFolder();
const plain = archives.file('catalogo.tar');
const compressed = archives.file('catalogo.tar.gz');

beforeAll(async () => {
  original = await startCatalogue();
  admin = await makeUser(original, { sysadmin: true });
  const org = await makeOrg(original);
  const ds = await callAction(original, 'package_create', { name: 'rifiuti', title: 'Rifiuti', notes: 'x', owner_org: org.name }, admin.token).expect(200);
  await uploadTo(original, 'resource_create', { package_id: ds.body.result.id }, { content: marker, filename: 'rifiuti.bin' }, admin.token).expect(200);
  expect((await cli(envOf(original), 'backup', plain)).code).toBe(0);
  expect((await cli(envOf(original), 'backup', compressed)).code).toBe(0);
  place = await emptyPlace();
}, 60_000);
afterAll(async () => {
  await original?.close();
  await place?.drop();
  archives.remove();
});

/** The place is still empty: no stored file, no database. */
async function expectEmpty(): Promise<void> {
  const files = path.join(place.dataDir, 'files');
  expect(fs.existsSync(files) ? fs.readdirSync(files) : []).toEqual([]);
  expect(fs.readdirSync(place.dataDir).filter((name) => name.startsWith('catalogo.sqlite') || name.startsWith('.ripristino'))).toEqual([]);
}

async function expectRefused(archive: string, message: RegExp): Promise<void> {
  const run = await cli(envOfPlace(place), 'restore', archive);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.code).toBe(1);
  await expectEmpty();
}

/** A copy of `archive` whose manifest `change` rewrote, every other entry as it was. */
async function withManifest(archive: string, change: (manifest: Manifest) => void): Promise<string> {
  const target = archives.file(`modificato-${Math.random().toString(36).slice(2)}.tar`);
  const unpacked = archives.file(`estratto-${Math.random().toString(36).slice(2)}`);
  const entries: Array<{ name: string; file: string }> = [];
  await readArchive(archive, async (entry) => {
    const file = path.join(unpacked, `${entries.length}`);
    fs.mkdirSync(unpacked, { recursive: true });
    const chunks: Buffer[] = [];
    for await (const chunk of entry.stream) chunks.push(chunk as Buffer);
    fs.writeFileSync(file, Buffer.concat(chunks));
    entries.push({ name: entry.name, file });
  });
  const writer = openArchiveWriter(target);
  for (const { name, file } of entries) {
    if (name !== MANIFEST_NAME) continue;
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
    change(manifest);
    await writer.addBuffer(name, Buffer.from(JSON.stringify(manifest)));
  }
  for (const { name, file } of entries.filter((entry) => entry.name !== MANIFEST_NAME)) {
    await writer.addFile(name, file, await fileDigest(file));
  }
  await writer.finish();
  return target;
}

describe('restore refuses', () => {
  it('a catalogue that is not empty', async () => {
    const run = await cli(envOf(original), 'restore', compressed);
    expect(run.stderr).toMatch(/Ripristino rifiutato: il catalogo di destinazione non è vuoto/);
    expect(run.code).toBe(1);
    await callAction(original, 'package_show', { id: 'rifiuti' }).expect(200);
  });

  it('an archive with a damaged file (its sha256 does not match)', async () => {
    const bytes = fs.readFileSync(plain);
    // The last copy: the stored file comes after the databases, whose rows hold the file's header too.
    const at = bytes.lastIndexOf(marker);
    expect(at).toBeGreaterThan(0);
    bytes[at + 100] ^= 0xff;
    const damaged = archives.file('danneggiato.tar');
    fs.writeFileSync(damaged, bytes);
    await expectRefused(damaged, /Archivio danneggiato: files\/.+ non corrisponde al suo sha256/);
  });

  it('a damaged compressed archive', async () => {
    const bytes = fs.readFileSync(compressed);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    const damaged = archives.file('danneggiato.tar.gz');
    fs.writeFileSync(damaged, bytes);
    await expectRefused(damaged, /Archivio (danneggiato|illeggibile)/);
  });

  it.each([['catalogo.tar', 0.5], ['catalogo.tar.gz', 0.5], ['catalogo.tar.gz', 0.05]])('a truncated archive (%s cut at %p)', async (name, fraction) => {
    const bytes = fs.readFileSync(archives.file(name));
    const cut = archives.file(`troncato-${fraction}-${name}`);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * fraction)));
    await expectRefused(cut, /troncato/);
  });

  it('an archive of a newer schema', async () => {
    const newer = await withManifest(plain, (m) => m.database.migrations.push('Futura1799999999999'));
    await expectRefused(newer, /versione più recente di catalogo \(migrazioni sconosciute: Futura1799999999999\)/);
  });

  it('an archive of a newer format', async () => {
    const newer = await withManifest(plain, (m) => { m.version = 3; });
    await expectRefused(newer, /nel formato 3, più recente/);
  });

  it('an archive of the other database', async () => {
    const other = await withManifest(plain, (m) => { m.database.kind = databaseKind === 'sqlite' ? 'postgres' : 'sqlite'; });
    await expectRefused(other, /L'archivio contiene un database (SQLite|PostgreSQL), ma la destinazione usa/);
  });

  it('an entry the manifest does not list, or a path that leaves the data folder', async () => {
    const escaping = await withManifest(plain, (m) => { m.files[0].name = 'files/../../fuori'; });
    await expectRefused(escaping, /voce del manifest non ammessa/);
  });

  it('an archive whose database contradicts its manifest, once loaded (and leaves the place empty)', async () => {
    const contradicting = await withManifest(plain, (m) => { m.database.tables.package += 1; });
    await expectRefused(contradicting, /Archivio incoerente: la tabella package ha 1 righe, il manifest ne dichiara 2/);
    if (databaseKind === 'postgres') {
      const client = new Client({ connectionString: place.databaseUrl });
      await client.connect();
      const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
      await client.end();
      expect(rows[0].n).toBe(0);
    }
  });

  it('a file that is not an archive', async () => {
    const notArchive = archives.file('non-un-archivio.tar.gz');
    fs.writeFileSync(notArchive, 'anno;valore\n2024;1\n'.repeat(100));
    await expectRefused(notArchive, /Archivio illeggibile|non è un archivio di backup/);
  });

  it('and after all that, the same place takes the good archive', async () => {
    const run = await cli(envOfPlace(place), 'restore', compressed);
    expect(run.stderr).toContain('Ripristino completato: 1 dataset');
    expect(run.code).toBe(0);
  });
});

describe('backup refuses', () => {
  it('to overwrite an existing file', async () => {
    const run = await cli(envOf(original), 'backup', compressed);
    expect(run.stderr).toMatch(/esiste già: un backup non sovrascrive mai un file/);
    expect(run.code).toBe(1);
  });
});
