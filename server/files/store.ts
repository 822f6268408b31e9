// Uploaded files on disk. Bytes stream to a temporary file while their sha256 and size are counted,
// then move into files/ under a key we generate: user-supplied names never become paths.
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Utf8Check } from './charset';

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

export class FileStore {
  readonly filesDir: string;
  readonly tempDir: string;
  readonly maxBytes: number;
  readonly stallMs: number;

  constructor(options: FileStoreOptions) {
    this.maxBytes = options.maxBytes;
    this.stallMs = options.stallMs;
    this.filesDir = path.join(options.dataDir, 'files');
    this.tempDir = path.join(options.dataDir, 'tmp');
    fs.mkdirSync(this.filesDir, { recursive: true });
    fs.mkdirSync(this.tempDir, { recursive: true });
  }

  /** Streams `source` to a temporary file; rejects with UploadTooLarge past the limit. */
  async receive(source: Readable, rawFilename: string, mimetype: string): Promise<UploadedFile> {
    const tempPath = path.join(this.tempDir, randomUUID());
    const hash = createHash('sha256');
    const utf8 = new Utf8Check();
    let size = 0;
    const maxBytes = this.maxBytes;
    let tooLarge = false;
    // Past the limit the rest is read and dropped: failing the pipeline would destroy busboy's file
    // stream mid-request, and busboy would then wait for it forever (the request hangs).
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (tooLarge) return done();
        size += chunk.length;
        if (size > maxBytes) {
          tooLarge = true;
          return done();
        }
        hash.update(chunk);
        utf8.push(chunk);
        done(null, chunk);
      },
    });
    const out = fs.createWriteStream(tempPath, { flags: 'wx' });
    try {
      await pipeline(source, counter, out);
    } catch (error) {
      // The handle first: a file removed while still open would keep its disk space and descriptor.
      if (!out.closed) await once(out, 'close').catch(() => undefined);
      await fs.promises.rm(tempPath, { force: true });
      source.resume();
      throw error;
    }
    if (tooLarge) {
      await fs.promises.rm(tempPath, { force: true });
      throw new UploadTooLarge();
    }
    const upload: UploadedFile = { kind: 'uploaded-file', tempPath, filename: cleanFilename(rawFilename), size, sha256: hash.digest('hex'), mimetype, charset: utf8.charset() };
    received.add(upload);
    return upload;
  }

  /** Moves an upload into the store and returns its key. */
  async keep(upload: UploadedFile): Promise<string> {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(upload.tempPath, target);
    return key;
  }

  async discard(upload: UploadedFile): Promise<void> {
    await fs.promises.rm(upload.tempPath, { force: true });
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  /** Absolute path of a stored key; refuses any key that would leave files/. */
  pathOf(key: string): string {
    const resolved = path.resolve(this.filesDir, key);
    if (!resolved.startsWith(this.filesDir + path.sep)) throw new Error(`chiave di file non valida: ${key}`);
    return resolved;
  }
}
