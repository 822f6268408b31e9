// The backup archive's manifest, its first entry: what the archive holds and how to check it.
// A restore trusts nothing else in the archive: every other entry must be listed here, with its
// size and sha256, and entry names become paths only through the checks below.
import { BadRequest } from '../../core/errors';
import { knownMigrationNames } from '../migration-names';

export const MANIFEST_NAME = 'manifest.json';
export const ARCHIVE_FORMAT = 'catalogo-backup';
/**
 * Raised when the layout of the archive changes; a restore refuses archives of a newer version.
 * 2: the DataStore's tables too (`database.datastore`); a version 1 archive restores without them.
 */
export const FORMAT_VERSION = 2;
/** The manifest is read into memory: about 150 bytes a stored file, so this allows millions. */
export const MANIFEST_MAX_BYTES = 256 * 1024 * 1024;

export type DatabaseKind = 'sqlite' | 'postgres';

export interface ArchivedEntry {
  /** Path inside the archive: `database/...` or `files/STORAGE_KEY`. */
  name: string;
  size: number;
  sha256: string;
}

export interface SequenceState {
  lastValue: string;
  isCalled: boolean;
}

export interface DatabaseSection {
  kind: DatabaseKind;
  /** Names of the migrations applied, oldest first, as TypeORM recorded them. */
  migrations: string[];
  /** Rows per table in the archive. */
  tables: Record<string, number>;
  /** Tables whose rows are not kept (sessions, rate-limit counters). */
  leftOut: string[];
  /** PostgreSQL only: every sequence's position. */
  sequences: Record<string, SequenceState>;
  /** Rows per DataStore table (the resources' tables and its metadata; absent in version 1 archives). */
  datastore?: Record<string, number>;
  entries: ArchivedEntry[];
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  created: string;
  database: DatabaseSection;
  files: ArchivedEntry[];
  /** Files the database listed but the disk no longer had when the backup was taken. */
  missingFiles: string[];
}

/** A refusal, with an Italian message for the operator (the CLI prints it as it is). */
export class BackupRefused extends BadRequest {}

const SAFE_SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,200}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** An entry name that can safely become a path below a folder: plain segments, no `..`, no root. */
export function isSafeEntryName(name: string, prefix: 'database/' | 'files/'): boolean {
  if (!name.startsWith(prefix) || name.length > 1000) return false;
  const segments = name.slice(prefix.length).split('/');
  return segments.length <= 8 && segments.every((segment) => SAFE_SEGMENT.test(segment));
}

function checkEntries(entries: unknown, prefix: 'database/' | 'files/'): ArchivedEntry[] {
  if (!Array.isArray(entries)) throw new BackupRefused('Archivio non valido: il manifest è incompleto.');
  for (const entry of entries as ArchivedEntry[]) {
    const valid = entry && typeof entry.name === 'string' && isSafeEntryName(entry.name, prefix)
      && Number.isSafeInteger(entry.size) && entry.size >= 0 && typeof entry.sha256 === 'string' && SHA256.test(entry.sha256);
    if (!valid) throw new BackupRefused(`Archivio non valido: voce del manifest non ammessa (${JSON.stringify(entry).slice(0, 200)}).`);
  }
  return entries as ArchivedEntry[];
}

function checkMigrations(archived: unknown): void {
  if (!Array.isArray(archived) || !archived.every((name) => typeof name === 'string')) {
    throw new BackupRefused('Archivio non valido: il manifest non elenca le migrazioni applicate.');
  }
  const known = knownMigrationNames();
  const unknown = archived.filter((name) => !known.includes(name));
  if (unknown.length) {
    throw new BackupRefused(`L'archivio viene da una versione più recente di catalogo (migrazioni sconosciute: ${unknown.join(', ')}): `
      + 'aggiorna catalogo a quella versione, poi ripeti il ripristino.');
  }
  if (archived.some((name, index) => name !== known[index])) {
    throw new BackupRefused(`Le migrazioni dell'archivio (${archived.join(', ')}) non sono nell'ordine di questa versione di catalogo.`);
  }
}

/** Parses and checks the manifest against the place it is about to be restored into. */
export function checkManifest(text: string, target: DatabaseKind): Manifest {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    throw new BackupRefused('Archivio non valido: il manifest non è JSON leggibile.');
  }
  if (manifest?.format !== ARCHIVE_FORMAT || !Number.isSafeInteger(manifest.version)) {
    throw new BackupRefused('Questo file non è un archivio di backup di catalogo.');
  }
  if (manifest.version > FORMAT_VERSION) {
    throw new BackupRefused(`L'archivio è nel formato ${manifest.version}, più recente di quello che questa versione di catalogo legge (${FORMAT_VERSION}): aggiorna catalogo.`);
  }
  const kind = manifest.database?.kind;
  if (kind !== target) {
    const names = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
    throw new BackupRefused(`L'archivio contiene un database ${names[kind] ?? String(kind)}, ma la destinazione usa ${names[target]}: `
      + `ripristina con ${kind === 'postgres' ? 'DATABASE_URL impostata' : 'DATABASE_URL non impostata'}.`);
  }
  checkMigrations(manifest.database.migrations);
  checkEntries(manifest.database.entries, 'database/');
  checkEntries(manifest.files, 'files/');
  return manifest;
}

/** A database that loaded, but not with the rows the manifest declares: the archive contradicts itself. */
export function checkRowCounts(manifest: Manifest, loaded: Record<string, number>, part: 'tables' | 'datastore' = 'tables'): void {
  for (const [table, rows] of Object.entries(manifest.database[part] ?? {})) {
    if (loaded[table] !== rows) {
      throw new BackupRefused(`Archivio incoerente: la tabella ${table} ha ${loaded[table] ?? 0} righe, il manifest ne dichiara ${rows}. Nessun dato è stato ripristinato.`);
    }
  }
}
