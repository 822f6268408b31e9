// What a database snapshot hands to the backup: its entries (files in a work folder, hashed), the
// manifest's database section, and the stored files the snapshot's rows point at.
import { DatabaseSection } from './manifest';

/**
 * Rows a backup does not keep. Sessions: a stolen backup must not carry live logins (users log in
 * again after a restore; API tokens, stored hashed, keep working). Rate-limit counters: transient.
 */
export const TRANSIENT_TABLES = ['http_session', 'rate_limit'];

export interface StoredFileRow {
  /** The storage key, a path below DATA_DIR/files. */
  key: string;
  size: number;
  sha256: string;
}

export interface DumpedEntry {
  name: string;
  /** Where the entry waits in the work folder. */
  path: string;
  size: number;
  sha256: string;
}

/** The manifest's database section, with the entries still in the work folder, and the files to archive. */
export interface DatabaseDump extends Omit<DatabaseSection, 'entries'> {
  entries: DumpedEntry[];
  files: StoredFileRow[];
}
