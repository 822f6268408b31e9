// Which encoding a file is in: strict UTF-8 over the whole file, otherwise chardet's guess decoded as
// Windows-1252 (a superset of Latin-1's printable characters, so that € and Š/ž survive). Never assumed.
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import chardet from 'chardet';
import { IngestError } from './errors';
import { fileChunks } from './file-chunks';

export type TextEncoding = 'utf-8' | 'windows-1252';

export interface DetectedEncoding {
  encoding: TextEncoding;
  bom: boolean;
  /** What chardet said, for a file that is not UTF-8 (e.g. "ISO-8859-1"). */
  guessed: string | null;
}

const SAMPLE_BYTES = 64 * 1024;
const BINARY_MAGIC = [
  Buffer.from([0x89, 0x50, 0x4e, 0x47]), // PNG
  Buffer.from('%PDF'), Buffer.from([0xff, 0xd8, 0xff]), // PDF, JPEG
  Buffer.from('GIF8'), Buffer.from([0x1f, 0x8b]), // GIF, gzip
];

export async function readHead(path: string, bytes = SAMPLE_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Refuses what is no text at all: an empty file, NUL bytes, a known binary signature. */
export function assertText(head: Buffer): void {
  if (head.length === 0) throw new IngestError('empty-file', 'Il file è vuoto.', 'The file is empty.');
  const binary = BINARY_MAGIC.some((magic) => head.subarray(0, magic.length).equals(magic)) || head.includes(0);
  if (binary) {
    throw new IngestError('binary-file', 'Il file non è un testo (contiene byte binari): non è un CSV. Controllare di aver caricato il file giusto.',
      'The file is not text (it holds binary bytes): it is no CSV. Check that the right file was uploaded.');
  }
}

/** How many bytes at the end of `chunk` begin a character that the next chunk must complete (0 to 3). */
function unfinishedTail(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back += 1) {
    const byte = chunk[chunk.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return 0;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return length > back ? back : 0;
  }
  return 0;
}

/** Strict UTF-8 over the whole file, piece by piece (buffer.isUtf8: simdutf, several times TextDecoder's speed). */
export async function isWholeFileUtf8(path: string): Promise<boolean> {
  for await (const piece of fileChunks(path, 1024 * 1024, unfinishedTail)) {
    if (!isUtf8(piece)) return false;
  }
  return true;
}

export async function detectEncoding(path: string, head: Buffer): Promise<DetectedEncoding> {
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  if (await isWholeFileUtf8(path)) return { encoding: 'utf-8', bom, guessed: null };
  const guessed = chardet.detect(head) ?? null;
  return { encoding: 'windows-1252', bom: false, guessed };
}
