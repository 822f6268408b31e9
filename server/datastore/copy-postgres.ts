// A load's rows into PostgreSQL by `COPY ... FROM STDIN` (pg-copy-streams), in COPY's text format: one
// COPY per batch on a pooled connection, written with back-pressure and ended before the next batch
// (no COPY waits idle between batches; memory holds one batch). The values are
// those the typed INSERTs stored (`toStored`), written as PostgreSQL reads them back from text.
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { quoteIdent, toStored } from './sql';
import { DatastoreField, DatastoreValue } from './types';

/** COPY's text format escapes: a backslash, and the characters that end a field or a row. */
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c]) : text;
}

/** One value in COPY's text format: `\N` for null, `t`/`f`, numbers as written, text escaped. */
export function copyField(stored: unknown): string {
  if (stored === null || stored === undefined) return '\\N';
  if (typeof stored === 'boolean') return stored ? 't' : 'f';
  if (typeof stored === 'number' || typeof stored === 'bigint') return String(stored);
  return copyText(typeof stored === 'string' ? stored : JSON.stringify(stored));
}

/** A batch of rows as COPY text: one line per row, fields separated by tabs. */
export function copyLines(fields: DatastoreField[], rows: DatastoreValue[][]): string {
  const types = fields.map((f) => f.type);
  let out = '';
  for (const row of rows) {
    for (let k = 0; k < types.length; k++) {
      if (k > 0) out += '\t';
      out += copyField(toStored('postgres', types[k], row[k]));
    }
    out += '\n';
  }
  return out;
}

interface CopySink {
  write(rows: DatastoreValue[][]): Promise<void>;
  /** Ends the COPY: resolves when PostgreSQL has taken every row (or rejects with its error). */
  finish(): Promise<void>;
  /** Stops the COPY (PostgreSQL discards what it got) and frees the connection. Safe to call twice. */
  abort(): Promise<void>;
}

/** Rows by one `COPY ... FROM STDIN`, ended before this returns (a refused value rejects, and PostgreSQL keeps none of them). */
export async function copyRows(pool: Pool, table: string, fields: DatastoreField[], rows: DatastoreValue[][]): Promise<void> {
  const sink = await openCopy(pool, table, fields);
  try {
    await sink.write(rows);
    await sink.finish();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

/** Opens `COPY table (fields) FROM STDIN` on a connection of its own, held until finish or abort. */
async function openCopy(pool: Pool, table: string, fields: DatastoreField[]): Promise<CopySink> {
  const client: PoolClient = await pool.connect();
  // 1 MB buffered before a write waits (a batch is a few hundred KB): the next batch is read meanwhile.
  const stream = client.query(copyFrom(`COPY ${table} (${fields.map((f) => quoteIdent(f.id)).join(', ')}) FROM STDIN`, { highWaterMark: 1 << 20 }));
  let failure: Error | null = null;
  let released = false;
  const release = (broken: boolean) => {
    if (released) return;
    released = true;
    // A connection whose COPY failed or was cut off is closed, never handed to another query.
    client.release(broken || undefined);
  };
  // PostgreSQL's error (a value it refuses, a lost connection) is kept and thrown at the next write or
  // at finish: it must not go unhandled between two writes.
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', (error) => { failure = error; reject(error); });
  });
  done.catch(() => undefined);
  const closed = new Promise<void>((resolve) => stream.once('close', resolve));
  return {
    async write(rows) {
      if (failure) throw failure;
      if (stream.write(copyLines(fields, rows), 'utf8')) return;
      // Full: wait until the connection has taken it, or the COPY fails.
      await new Promise<void>((resolve, reject) => {
        const drained = () => { stream.off('error', failed); resolve(); };
        const failed = (error: Error) => { stream.off('drain', drained); reject(error); };
        stream.once('drain', drained);
        stream.once('error', failed);
      });
    },
    async finish() {
      if (!failure) stream.end();
      try {
        await done;
        release(false);
      } catch (error) {
        release(true);
        throw error;
      }
    },
    async abort() {
      if (released) return;
      // destroy() sends CopyFail: PostgreSQL discards the rows and answers with an error, then 'close'.
      if (!failure && !stream.destroyed) {
        stream.destroy();
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      }
      release(true);
    },
  };
}
