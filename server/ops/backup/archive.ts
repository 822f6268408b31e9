// The archive itself: a tar (gzip-compressed unless the name ends in .tar), streamed both ways with
// tar-stream: entries are written from files and read into files, never held whole in memory.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { PassThrough, Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar, { Pack } from 'tar-stream';

/** A stream that counts and hashes what goes through it. */
export function hashingCounter(): Transform & { digest(): { size: number; sha256: string } } {
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return Object.assign(counter, { digest: () => ({ size, sha256: hash.digest('hex') }) });
}

/** Size and sha256 of a file, read as a stream. */
export async function fileDigest(filePath: string): Promise<{ size: number; sha256: string }> {
  const counter = hashingCounter();
  await pipeline(fs.createReadStream(filePath), counter, new Writable({ write: (_chunk, _encoding, done) => done() }));
  return counter.digest();
}

export interface ArchiveWriter {
  addBuffer(name: string, content: Buffer): Promise<void>;
  /** Streams a file in; rejects if its bytes are not `expected` (a file changed or damaged on disk). */
  addFile(name: string, filePath: string, expected: { size: number; sha256: string }): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

function entryDone(pack: Pack, header: { name: string; size: number }): { sink: NodeJS.WritableStream; done: Promise<void> } {
  let sink!: NodeJS.WritableStream;
  const done = new Promise<void>((resolve, reject) => {
    sink = pack.entry({ ...header, mode: 0o600, mtime: new Date() }, (error) => (error ? reject(error) : resolve())) as unknown as NodeJS.WritableStream;
  });
  return { sink, done };
}

export function openArchiveWriter(filePath: string): ArchiveWriter {
  const pack = tar.pack();
  const compress = filePath.endsWith('.tar') ? new PassThrough() : zlib.createGzip();
  // The archive holds password hashes: readable by its owner only.
  const written = pipeline(pack as unknown as Readable, compress, fs.createWriteStream(filePath, { flags: 'wx', mode: 0o600 }));
  written.catch(() => undefined);
  return {
    async addBuffer(name, content) {
      const { sink, done } = entryDone(pack, { name, size: content.length });
      sink.end(content);
      await done;
    },
    async addFile(name, filePath, expected) {
      const { sink, done } = entryDone(pack, { name, size: expected.size });
      const counter = hashingCounter();
      await pipeline(fs.createReadStream(filePath), counter, sink);
      await done;
      const actual = counter.digest();
      if (actual.size !== expected.size || actual.sha256 !== expected.sha256) {
        throw new Error(`il file ${filePath} non corrisponde a quanto registrato (sha256 ${actual.sha256}, atteso ${expected.sha256}): il deposito è danneggiato`);
      }
    },
    async finish() {
      pack.finalize();
      await written;
    },
    async abort() {
      pack.destroy();
      await written.catch(() => undefined);
    },
  };
}

async function startsWithGzipMagic(filePath: string): Promise<boolean> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

export interface ArchiveEntry {
  name: string;
  size: number;
  type: string;
  stream: Readable;
}

/**
 * Calls `onEntry` for each entry in order; each entry's stream must be read to its end (or the call
 * must throw) before the next one comes. Errors of the archive itself (truncated, not a tar, bad
 * gzip) reject with the underlying message.
 */
export async function readArchive(filePath: string, onEntry: (entry: ArchiveEntry) => Promise<void>): Promise<void> {
  const gzip = await startsWithGzipMagic(filePath);
  const extract = tar.extract();
  const fed = pipeline(fs.createReadStream(filePath), gzip ? zlib.createGunzip() : new PassThrough(), extract as unknown as NodeJS.WritableStream);
  fed.catch(() => undefined);
  try {
    for await (const entry of extract) {
      const { name, size, type } = entry.header;
      // Piped at once into a Node stream, which keeps an error (a truncated archive) for a reader that
      // comes after an await: a tar-stream entry that errors before anyone listens would hang it.
      const stream = new PassThrough();
      pipeline(entry as unknown as Readable, stream).catch(() => undefined);
      await onEntry({ name, size, type, stream });
    }
    await fed;
  } finally {
    extract.destroy();
  }
}
