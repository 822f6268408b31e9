// `cli backup FILE`: one archive with the database (a consistent snapshot, taken while the server may
// keep running) and every stored file its rows point at, each checked against its recorded sha256.
import fs from 'node:fs';
import path from 'node:path';
import { Config } from '../../config';
import { storedFilePath } from '../../files/store';
import { ArchiveWriter, openArchiveWriter } from './archive';
import { DatabaseDump, StoredFileRow } from './dump';
import { ARCHIVE_FORMAT, ArchivedEntry, BackupRefused, FORMAT_VERSION, isSafeEntryName, Manifest, MANIFEST_NAME } from './manifest';
import { dumpPostgres } from './postgres-dump';
import { snapshotSqlite } from './sqlite-snapshot';

export interface BackupSummary {
  tables: number;
  rows: number;
  files: number;
  bytes: number;
  missingFiles: string[];
}

type Place = Pick<Config, 'dataDir' | 'databaseUrl'>;

/** The snapshot's files that are on disk; a file removed since (a purge running meanwhile) is reported. */
async function presentFiles(files: StoredFileRow[], filesDir: string): Promise<{ present: ArchivedEntry[]; missing: string[] }> {
  const present: ArchivedEntry[] = [];
  const missing: string[] = [];
  for (const file of files) {
    const name = `files/${file.key}`;
    if (!isSafeEntryName(name, 'files/')) throw new Error(`chiave di file non archiviabile: ${file.key}`);
    const exists = await fs.promises.stat(storedFilePath(filesDir, file.key)).then(() => true, () => false);
    if (exists) present.push({ name, size: file.size, sha256: file.sha256 });
    else missing.push(file.key);
  }
  return { present, missing };
}

function manifestOf(dump: DatabaseDump, files: ArchivedEntry[], missingFiles: string[]): Manifest {
  const { kind, migrations, tables, leftOut, sequences, datastore } = dump;
  const entries = dump.entries.map(({ name, size, sha256 }) => ({ name, size, sha256 }));
  return {
    format: ARCHIVE_FORMAT, version: FORMAT_VERSION, created: new Date().toISOString(),
    database: { kind, migrations, tables, leftOut, sequences, datastore, entries }, files, missingFiles,
  };
}

async function writeEntries(writer: ArchiveWriter, manifest: Manifest, dump: DatabaseDump, filesDir: string): Promise<void> {
  await writer.addBuffer(MANIFEST_NAME, Buffer.from(JSON.stringify(manifest, null, 1)));
  for (const entry of dump.entries) await writer.addFile(entry.name, entry.path, entry);
  for (const file of manifest.files) await writer.addFile(file.name, storedFilePath(filesDir, file.name.slice('files/'.length)), file);
}

export async function writeBackup(place: Place, output: string, say: (line: string) => void): Promise<BackupSummary> {
  const target = path.resolve(output);
  if (fs.existsSync(target)) throw new BackupRefused(`${target} esiste già: un backup non sovrascrive mai un file, scegli un altro nome.`);
  // The work folder sits beside the archive: the space needed is there, and the final rename is atomic.
  const workDir = await fs.promises.mkdtemp(path.join(path.dirname(target), '.catalogo-backup-'));
  const partial = path.join(workDir, path.basename(target));
  let writer: ArchiveWriter | null = null;
  try {
    say(place.databaseUrl ? 'Copia logica del database PostgreSQL (istantanea coerente)...' : 'Copia del database SQLite (backup online)...');
    const dump = place.databaseUrl ? await dumpPostgres(place.databaseUrl, workDir) : await snapshotSqlite(place.dataDir, workDir);
    const filesDir = path.join(place.dataDir, 'files');
    const { present, missing } = await presentFiles(dump.files, filesDir);
    const manifest = manifestOf(dump, present, missing);
    say(`Archiviazione di ${present.length} file...`);
    writer = openArchiveWriter(partial);
    await writeEntries(writer, manifest, dump, filesDir);
    await writer.finish();
    await fs.promises.rename(partial, target);
    const rows = Object.values(dump.tables).reduce((sum, n) => sum + n, 0);
    const bytes = present.reduce((sum, file) => sum + file.size, 0);
    return { tables: Object.keys(dump.tables).length, rows, files: present.length, bytes, missingFiles: missing };
  } catch (error) {
    await writer?.abort();
    throw error;
  } finally {
    await fs.promises.rm(workDir, { recursive: true, force: true });
  }
}
