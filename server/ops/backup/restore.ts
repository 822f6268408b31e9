// `cli restore FILE`: only into an empty place (no stored file, no database), only from an archive
// that checks out whole (see stage.ts). Files go into place first, then the database; if the database
// fails, the files go again, so a refused or failed restore leaves the place as empty as it was.
import fs from 'node:fs';
import path from 'node:path';
import { Config } from '../../config';
import { closeDatabase, openDatabase, sqlitePath } from '../../db/data-source';
import { BackupRefused, checkRowCounts, DatabaseKind, Manifest } from './manifest';
import { loadPostgres } from './postgres-load';
import { openTextClient, schemaTables } from './postgres-dump';
import { DATASTORE_SQLITE_ENTRY, SQLITE_ENTRY, sqliteRowCounts } from './sqlite-snapshot';
import { datastoreFile } from '../../datastore/backend';
import { DATASTORE_SCHEMA, datastoreTables } from './postgres-datastore';
import { stageArchive } from './stage';

type Place = Pick<Config, 'dataDir' | 'databaseUrl'>;

export interface RestoreSummary {
  tables: Record<string, number>;
  files: number;
  bytes: number;
  migrations: number;
}

const NOT_EMPTY = 'Ripristino rifiutato: il catalogo di destinazione non è vuoto';
const HOW = 'Il ripristino va fatto in una cartella dati vuota (CATALOGO_DATA_DIR) e, con PostgreSQL, in un database appena creato.';

async function containsAnyFile(dir: string): Promise<boolean> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory() || await containsAnyFile(path.join(dir, entry.name))) return true;
  }
  return false;
}

async function ensureEmptyPlace(place: Place, kind: DatabaseKind): Promise<void> {
  const filesDir = path.join(place.dataDir, 'files');
  if (await containsAnyFile(filesDir)) throw new BackupRefused(`${NOT_EMPTY}: ${filesDir} contiene già dei file. ${HOW}`);
  if (kind === 'sqlite') {
    const database = sqlitePath(place);
    const present = [database, `${database}-wal`, datastoreFile(place.dataDir)].filter((file) => fs.existsSync(file));
    if (present.length) throw new BackupRefused(`${NOT_EMPTY}: esiste già il database ${present[0]}. ${HOW}`);
    return;
  }
  const client = await openTextClient(place.databaseUrl!);
  try {
    const tables = await schemaTables(client);
    if (tables.length) throw new BackupRefused(`${NOT_EMPTY}: il database PostgreSQL contiene già ${tables.length} tabelle (${tables.slice(0, 3).join(', ')}...). ${HOW}`);
    const datastore = await datastoreTables(client);
    if (datastore.length) throw new BackupRefused(`${NOT_EMPTY}: lo schema ${DATASTORE_SCHEMA} del database PostgreSQL contiene già ${datastore.length} tabelle del DataStore. ${HOW}`);
  } finally {
    await client.end();
  }
}

async function removeSqliteFiles(place: Place): Promise<void> {
  const database = sqlitePath(place);
  const datastore = datastoreFile(place.dataDir);
  await Promise.all(['', '-wal', '-shm'].flatMap((suffix) => [database, datastore].map((file) => fs.promises.rm(`${file}${suffix}`, { force: true }))));
}

/** Moves the staged files into DATA_DIR/files; returns where they went, to take them back on failure. */
async function placeFiles(manifest: Manifest, stagingDir: string, dataDir: string): Promise<string[]> {
  const placed: string[] = [];
  for (const file of manifest.files) {
    const target = path.join(dataDir, file.name);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(path.join(stagingDir, file.name), target);
    placed.push(target);
  }
  return placed;
}

/** Removes files placed by a restore that then failed, and the folders that held only them. */
async function takeBack(placed: string[]): Promise<void> {
  await Promise.all(placed.map((file) => fs.promises.rm(file, { force: true })));
  const folders = new Set(placed.map((file) => path.dirname(file)));
  await Promise.all([...folders].map((folder) => fs.promises.rmdir(folder).catch(() => undefined)));
}

async function loadDatabase(place: Place, manifest: Manifest, stagingDir: string): Promise<void> {
  if (place.databaseUrl) {
    await loadPostgres(place.databaseUrl, manifest, (name) => path.join(stagingDir, name));
  } else {
    await fs.promises.rename(path.join(stagingDir, SQLITE_ENTRY), sqlitePath(place));
    checkRowCounts(manifest, sqliteRowCounts(sqlitePath(place)));
    if (manifest.database.entries.some((entry) => entry.name === DATASTORE_SQLITE_ENTRY)) {
      await fs.promises.rename(path.join(stagingDir, DATASTORE_SQLITE_ENTRY), datastoreFile(place.dataDir));
      checkRowCounts(manifest, sqliteRowCounts(datastoreFile(place.dataDir)), 'datastore');
    }
  }
  // An archive from an older version: the migrations since then run now, as at a start.
  await closeDatabase(await openDatabase(place));
}

export async function restoreBackup(place: Place, archive: string, say: (line: string) => void): Promise<RestoreSummary> {
  const archivePath = path.resolve(archive);
  if (!fs.existsSync(archivePath)) throw new BackupRefused(`Archivio non trovato: ${archivePath}`);
  const kind: DatabaseKind = place.databaseUrl ? 'postgres' : 'sqlite';
  await ensureEmptyPlace(place, kind);
  await fs.promises.mkdir(place.dataDir, { recursive: true });
  const stagingDir = await fs.promises.mkdtemp(path.join(place.dataDir, '.ripristino-'));
  try {
    say('Lettura e verifica dell\'archivio...');
    const manifest = await stageArchive(archivePath, stagingDir, kind);
    say(`Archivio verificato: ${manifest.files.length} file e il database, creato il ${manifest.created}.`);
    const placed = await placeFiles(manifest, stagingDir, place.dataDir);
    try {
      await loadDatabase(place, manifest, stagingDir);
    } catch (error) {
      await takeBack(placed);
      if (!place.databaseUrl) await removeSqliteFiles(place);
      throw error;
    }
    const bytes = manifest.files.reduce((sum, file) => sum + file.size, 0);
    return { tables: manifest.database.tables, files: manifest.files.length, bytes, migrations: manifest.database.migrations.length };
  } finally {
    await fs.promises.rm(stagingDir, { recursive: true, force: true });
  }
}
