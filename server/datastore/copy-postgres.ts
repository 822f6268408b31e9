// A load's rows into PostgreSQL by `COPY ... FROM STDIN` (pg-copy-streams), in COPY's text format. The
// rows are turned into COPY text as they come and sent by one COPY per megabyte, on a pooled connection,
// while the next megabyte is made: parsing and PostgreSQL's work overlap. Each COPY ends as soon as its text is sent: no COPY ever waits idle for rows (such a backend
// does not answer the signal that DROP DATABASE ... WITH (FORCE) waits for, in any database of the
// server). The values are those the typed INSERTs stored (`toStored`), written as PostgreSQL reads them
// back from text.
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
  write(text: Buffer): Promise<void>;
  /** Ends the COPY: resolves when PostgreSQL has taken every row (or rejects with its error). */
  finish(): Promise<void>;
  /** Stops the COPY (PostgreSQL discards what it got) and frees the connection. Safe to call twice. */
  abort(): Promise<void>;
}

/** COPY text sent per COPY: about 7,000 rows of a typical file; 500 rows per COPY took a quarter longer. */
const COPY_BYTES = 1 << 20;

/**
 * A load's rows, written as COPY text into one of two reused buffers and sent one COPY after the
 * other, in order: one buffer fills while the other's COPY runs. Reused, because a fresh Buffer per batch
 * is memory outside V8's heap that only a collection frees: the server's peak RSS grew by about 60 MB
 * during a long load. `add` waits only when a megabyte is ready while the previous COPY still runs; a
 * COPY's failure (a value PostgreSQL refuses) is thrown by the next `add` or by `finish`.
 */
export class CopyWriter {
  private filling = Buffer.allocUnsafe(2 * COPY_BYTES);
  private spare = Buffer.allocUnsafe(2 * COPY_BYTES);
  private used = 0;
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly pool: Pool, private readonly table: string, private readonly fields: DatastoreField[]) {}

  async add(rows: DatastoreValue[][]): Promise<void> {
    const text = copyLines(this.fields, rows);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.used + bytes > this.filling.length) await this.send();
    // A batch larger than the buffer (very long cells) gets a buffer of its size.
    if (bytes > this.filling.length) this.filling = Buffer.allocUnsafe(bytes);
    this.used += this.filling.write(text, this.used, 'utf8');
    if (this.used >= COPY_BYTES) await this.send();
  }

  /** Sends what is left; resolves when PostgreSQL has taken every row. */
  async finish(): Promise<void> {
    await this.send();
    await this.sending;
  }

  /** Drops what was not sent, once the COPY in flight (whatever its outcome) has ended. */
  async discard(): Promise<void> {
    this.used = 0;
    await this.sending.catch(() => undefined);
  }

  private async send(): Promise<void> {
    // The COPY in flight has ended: its buffer, written to the socket before PostgreSQL answered, is free.
    await this.sending;
    if (this.used === 0) return;
    const text = this.filling.subarray(0, this.used);
    [this.filling, this.spare] = [this.spare, this.filling];
    this.used = 0;
    this.sending = copyBuffer(this.pool, this.table, this.fields, text);
    // Its failure is thrown by the next add or finish, not left unhandled meanwhile.
    this.sending.catch(() => undefined);
  }
}

/** One `COPY ... FROM STDIN` of COPY text, ended before this resolves (a refused value rejects, and PostgreSQL keeps none of its rows). */
async function copyBuffer(pool: Pool, table: string, fields: DatastoreField[], text: Buffer): Promise<void> {
  const sink = await openCopy(pool, table, fields);
  try {
    await sink.write(text);
    await sink.finish();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

/** Opens `COPY table (fields) FROM STDIN` on a connection of its own, held until finish or abort. */
async function openCopy(pool: Pool, table: string, fields: DatastoreField[]): Promise<CopySink> {
  const client: PoolClient = await pool.connect();
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
    async write(text) {
      if (failure) throw failure;
      if (stream.write(text)) return;
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
