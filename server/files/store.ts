// Uploaded files on disk. Bytes stream to a temporary file of this node (DATA_DIR/tmp/NODE_ID/) while
// their sha256, size and charset are measured, then move into files/ under a key we generate: user-supplied
// names never become paths. A move is recorded first in file_pending (pending.ts), so that after a crash
// the sweep (sweep.ts) can tell an orphan from a file whose row is about to be committed.
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import type { ThisNode } from '../nodes/registry';
import { Utf8Check } from './charset';
import { forgetPending, recordPending } from './pending';

export interface UploadedFile {
  readonly kind: 'uploaded-file';
  tempPath: string;
  /** Cleaned file name, safe to show and to put in a URL path segment. */
  filename: string;
  size: number;
  sha256: string;
  mimetype: string;
  /** 'utf-8' when the bytes are valid UTF-8, '' when unknown. */
  charset: string;
}

export class UploadTooLarge extends Error {}

/**
 * Uploads this process received. A JSON body can carry an object that looks like an upload
 * ({"upload": {"kind": "uploaded-file", "tempPath": "/etc/..."}}): only identity proves the file came
 * through receive(), so a client can never make the store move or delete a path of its choosing.
 */
const received = new WeakSet<object>();

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && received.has(value);
}

/** Keeps the last path segment and drops characters that have no place in a file name. */
export function cleanFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'file';
}

export interface FileStoreOptions {
  dataDir: string;
  /** Largest upload, in bytes. */
  maxBytes: number;
  /** How long an upload's body may send nothing before it is ended. */
  stallMs: number;
}

type Measured = Pick<UploadedFile, 'size' | 'sha256' | 'charset'>;

/** Writes `source` to `target`, measuring it; past `maxBytes` the rest is read and dropped, and it rejects. */
async function writeMeasured(source: Readable, target: string, maxBytes: number): Promise<Measured> {
  const hash = createHash('sha256');
  const utf8 = new Utf8Check();
  let size = 0;
  // Failing the pipeline at the limit would destroy busboy's file stream mid-request, and busboy would
  // then wait for it forever: the rest is drained instead.
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done();
      hash.update(chunk);
      utf8.push(chunk);
      done(null, chunk);
    },
  });
  const out = fs.createWriteStream(target, { flags: 'wx' });
  try {
    await pipeline(source, counter, out);
  } catch (error) {
    // The handle first: a file removed while still open would keep its disk space and descriptor.
    if (!out.closed) await once(out, 'close').catch(() => undefined);
    await fs.promises.rm(target, { force: true });
    source.resume();
    throw error;
  }
  if (size > maxBytes) {
    await fs.promises.rm(target, { force: true });
    throw new UploadTooLarge();
  }
  return { size, sha256: hash.digest('hex'), charset: utf8.charset() };
}

export class FileStore {
  readonly filesDir: string;
  /** DATA_DIR/tmp: one folder per node below it. */
  readonly tempRoot: string;
  /** This node's temporary files. */
  readonly tempDir: string;
  readonly maxBytes: number;
  readonly stallMs: number;
  /** Temporary files of this node that an upload still owns: received, not yet kept or discarded. */
  private readonly inProgress = new Set<string>();

  constructor(options: FileStoreOptions, private readonly node: ThisNode, private readonly db: DataSource) {
    this.maxBytes = options.maxBytes;
    this.stallMs = options.stallMs;
    this.filesDir = path.join(options.dataDir, 'files');
    this.tempRoot = path.join(options.dataDir, 'tmp');
    this.tempDir = path.join(this.tempRoot, node.id);
    fs.mkdirSync(this.filesDir, { recursive: true });
  }

  get nodeId(): string {
    return this.node.id;
  }

  /** Whether a temporary file of this node belongs to an upload in progress. */
  owns(tempPath: string): boolean {
    return this.inProgress.has(tempPath);
  }

  /** A temporary file of this node for `work` (the sweep leaves it alone meanwhile), removed after. */
  async withTempFile<T>(work: (tempPath: string) => Promise<T>): Promise<T> {
    await this.node.register();
    await fs.promises.mkdir(this.tempDir, { recursive: true });
    const tempPath = path.join(this.tempDir, randomUUID());
    this.inProgress.add(tempPath);
    try {
      return await work(tempPath);
    } finally {
      await fs.promises.rm(tempPath, { force: true });
      this.inProgress.delete(tempPath);
    }
  }

  /** Streams `source` to a temporary file; rejects with UploadTooLarge past the limit. */
  async receive(source: Readable, rawFilename: string, mimetype: string): Promise<UploadedFile> {
    // Registered before our folder exists: a sweep never takes a live node's folder for a dead one's.
    await this.node.register();
    await fs.promises.mkdir(this.tempDir, { recursive: true });
    const tempPath = path.join(this.tempDir, randomUUID());
    this.inProgress.add(tempPath);
    try {
      const measured = await writeMeasured(source, tempPath, this.maxBytes);
      const upload: UploadedFile = { kind: 'uploaded-file', tempPath, filename: cleanFilename(rawFilename), mimetype, ...measured };
      received.add(upload);
      return upload;
    } catch (error) {
      this.inProgress.delete(tempPath);
      throw error;
    }
  }

  /**
   * Moves an upload into the store and returns its key; its pending row is settled with its resource_file
   * row. Call it outside any transaction: it commits a write of its own (on SQLite, inside one it would wait
   * for itself in the write queue).
   */
  async keep(upload: UploadedFile): Promise<string> {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    const target = this.pathOf(key);
    await this.node.register();
    await recordPending(this.db, key, this.node.id);
    try {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(upload.tempPath, target);
    } catch (error) {
      await forgetPending(this.db, key).catch(() => undefined);
      throw error;
    }
    this.inProgress.delete(upload.tempPath);
    return key;
  }

  async discard(upload: UploadedFile): Promise<void> {
    await fs.promises.rm(upload.tempPath, { force: true });
    this.inProgress.delete(upload.tempPath);
  }

  /** Removes a stored file (its rows are gone, or were never committed), and its pending row if any; outside transactions, as keep(). */
  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
    await forgetPending(this.db, key);
  }

  /** Absolute path of a stored key; refuses any key that would leave files/. */
  pathOf(key: string): string {
    return storedFilePath(this.filesDir, key);
  }
}

/** Where a stored key lives under `filesDir` (DATA_DIR/files); refuses any key that would leave it. */
export function storedFilePath(filesDir: string, key: string): string {
  const resolved = path.resolve(filesDir, key);
  if (!resolved.startsWith(filesDir + path.sep)) throw new Error(`chiave di file non valida: ${key}`);
  return resolved;
}
