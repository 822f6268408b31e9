// SQLite: SQLite's online backup API (better-sqlite3's db.backup) copies the live database into a
// consistent snapshot while the server keeps running, then the copy is scrubbed of what a backup must
// not carry and read for the manifest. Restoring is placing that file.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sqlitePath } from '../../db/data-source';
import { fileDigest } from './archive';
import { datastoreFile } from '../../datastore/backend';
import { loadTableOwner } from '../../datastore/load';
import { DatabaseDump, DumpedEntry, StoredFileRow, TRANSIENT_TABLES } from './dump';

export const SQLITE_ENTRY = 'database/catalogo.sqlite';
/** The DataStore's own file (datastore/backend.ts), copied the same way. */
export const DATASTORE_SQLITE_ENTRY = 'database/datastore.sqlite';
/** Copy every page in one step: a step interrupted by a write from the server would start over. */
const ALL_PAGES = 0x7fffffff;

function tableNames(db: Database.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
  return rows.map((row) => row.name);
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

function rowCounts(db: Database.Database, tables: string[]): Record<string, number> {
  return Object.fromEntries(tables.map((table) => [table, (db.prepare(`SELECT count(*) AS n FROM ${quoted(table)}`).get() as { n: number }).n]));
}

/** Removes sessions and rate-limit counters from the copy, overwriting their pages (secure_delete). */
function scrub(db: Database.Database, tables: string[]): string[] {
  const leftOut = TRANSIENT_TABLES.filter((table) => tables.includes(table));
  db.pragma('secure_delete = ON');
  for (const table of leftOut) db.prepare(`DELETE FROM ${quoted(table)}`).run();
  // The copy is a standalone file: no -wal beside it.
  db.pragma('journal_mode = DELETE');
  return leftOut;
}

/** SQLite's online backup of a live file into `copyPath`: a consistent snapshot while writers go on. */
async function onlineCopy(source: string, copyPath: string): Promise<void> {
  const live = new Database(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    await live.backup(copyPath, { progress: () => ALL_PAGES });
  } finally {
    live.close();
  }
}

/**
 * The DataStore's file, if there is one: copied online, without the tables of loads still running
 * (half-made: a restore must not find them), and its rows counted per table.
 */
async function snapshotDatastore(dataDir: string, workDir: string): Promise<{ entries: DumpedEntry[]; datastore: Record<string, number> }> {
  const source = datastoreFile(dataDir);
  if (!fs.existsSync(source)) return { entries: [], datastore: {} };
  const copyPath = path.join(workDir, 'datastore.sqlite');
  await onlineCopy(source, copyPath);
  const copy = new Database(copyPath);
  let datastore: Record<string, number>;
  try {
    const tables = tableNames(copy);
    for (const table of tables.filter((name) => loadTableOwner(name))) copy.prepare(`DROP TABLE ${quoted(table)}`).run();
    copy.pragma('journal_mode = DELETE');
    datastore = rowCounts(copy, tables.filter((name) => !loadTableOwner(name)));
  } finally {
    copy.close();
  }
  return { entries: [{ name: DATASTORE_SQLITE_ENTRY, path: copyPath, ...(await fileDigest(copyPath)) }], datastore };
}

export async function snapshotSqlite(dataDir: string, workDir: string): Promise<DatabaseDump> {
  const source = sqlitePath({ dataDir });
  if (!fs.existsSync(source)) throw new Error(`nessun database in ${source}`);
  const copyPath = path.join(workDir, 'catalogo.sqlite');
  await onlineCopy(source, copyPath);
  const copy = new Database(copyPath);
  let dump: Omit<DatabaseDump, 'entries'>;
  try {
    const tables = tableNames(copy);
    const leftOut = scrub(copy, tables);
    const counts = rowCounts(copy, tables.filter((table) => !leftOut.includes(table)));
    const migrations = (copy.prepare('SELECT name FROM migrations ORDER BY id').all() as Array<{ name: string }>).map((row) => row.name);
    const files = copy.prepare('SELECT storage_key AS key, size, sha256 FROM resource_file ORDER BY storage_key').all() as StoredFileRow[];
    dump = { kind: 'sqlite', migrations, tables: counts, leftOut, sequences: {}, files: files.map((f) => ({ ...f, size: Number(f.size) })) };
  } finally {
    copy.close();
  }
  const store = await snapshotDatastore(dataDir, workDir);
  return { ...dump, datastore: store.datastore, entries: [{ name: SQLITE_ENTRY, path: copyPath, ...(await fileDigest(copyPath)) }, ...store.entries] };
}

/** Rows per table of a restored file, to hold against the manifest's counts. */
export function sqliteRowCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return rowCounts(db, tableNames(db));
  } finally {
    db.close();
  }
}
