// Reads an archive into a staging folder, checking everything before anything is restored: the
// manifest comes first and must suit the destination; every other entry must be listed in it, come
// once, and have the listed size and sha256; none may be missing. Any failure is a BackupRefused.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ArchiveEntry, hashingCounter, readArchive } from './archive';
import { ArchivedEntry, BackupRefused, checkManifest, DatabaseKind, Manifest, MANIFEST_MAX_BYTES, MANIFEST_NAME } from './manifest';

async function readManifest(entry: ArchiveEntry, kind: DatabaseKind): Promise<Manifest> {
  if (entry.name !== MANIFEST_NAME || entry.type !== 'file') {
    throw new BackupRefused(`Questo file non è un archivio di backup di catalogo (la prima voce è "${entry.name}", non ${MANIFEST_NAME}).`);
  }
  if (entry.size > MANIFEST_MAX_BYTES) throw new BackupRefused('Archivio non valido: il manifest è troppo grande.');
  const chunks: Buffer[] = [];
  for await (const chunk of entry.stream) chunks.push(chunk as Buffer);
  return checkManifest(Buffer.concat(chunks).toString('utf8'), kind);
}

async function stageEntry(entry: ArchiveEntry, expected: ArchivedEntry, stagingDir: string): Promise<void> {
  // The name was checked with the manifest (plain segments below database/ or files/).
  const target = path.join(stagingDir, expected.name);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const counter = hashingCounter();
  await pipeline(entry.stream, counter, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  const { size, sha256 } = counter.digest();
  if (size !== expected.size || sha256 !== expected.sha256) {
    throw new BackupRefused(`Archivio danneggiato: ${expected.name} non corrisponde al suo sha256 (${sha256}, atteso ${expected.sha256}). Nessun dato è stato ripristinato.`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Stages the archive's entries below `stagingDir` (as `database/...` and `files/...`); returns the manifest. */
export async function stageArchive(archivePath: string, stagingDir: string, kind: DatabaseKind): Promise<Manifest> {
  let manifest: Manifest | null = null;
  const expected = new Map<string, ArchivedEntry>();
  const seen = new Set<string>();
  try {
    await readArchive(archivePath, async (entry) => {
      if (!manifest) {
        manifest = await readManifest(entry, kind);
        for (const listed of [...manifest.database.entries, ...manifest.files]) expected.set(listed.name, listed);
        return;
      }
      const listed = expected.get(entry.name);
      if (!listed || seen.has(entry.name) || entry.type !== 'file') throw new BackupRefused(`Archivio non valido: voce non prevista dal manifest (${entry.name}).`);
      seen.add(entry.name);
      await stageEntry(entry, listed, stagingDir);
    });
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused(`Archivio illeggibile, troncato o danneggiato (${describe(error)}). Nessun dato è stato ripristinato.`);
  }
  if (!manifest) throw new BackupRefused('Questo file non è un archivio di backup di catalogo (è vuoto).');
  const missing = [...expected.keys()].filter((name) => !seen.has(name));
  if (missing.length) {
    throw new BackupRefused(`Archivio incompleto, forse troncato: mancano ${missing.length} voci (tra cui ${missing[0]}). Nessun dato è stato ripristinato.`);
  }
  return manifest;
}
