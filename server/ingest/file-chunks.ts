// A file's bytes, piece by piece, read into buffers that are reused. A stream's fresh Buffer per read is
// memory outside V8's heap that only a collection frees: during a long load the process held tens of
// megabytes of such pieces already read (its peak RSS grew by as much).
import { open } from 'node:fs/promises';

/** The file in pieces of at most `chunkBytes`; each piece is valid only until the next is asked for. */
export async function* fileChunks(path: string, chunkBytes: number): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * The file in pieces that end on a whole character: the bytes of a character cut by a piece's end
 * (as `cut(piece)` counts them) open the next piece. Each piece is valid only until the next.
 */
export async function* wholeCharacterChunks(path: string, chunkBytes: number, cut: (piece: Buffer) => number): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    const carryMax = 8;
    const buffer = Buffer.allocUnsafe(chunkBytes + carryMax);
    let carried = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, carried, chunkBytes, null);
      const end = carried + bytesRead;
      if (bytesRead === 0) {
        // The file ends inside a character: those bytes are the last piece, as they are.
        if (carried) yield buffer.subarray(0, carried);
        return;
      }
      const tail = Math.min(cut(buffer.subarray(0, end)), carryMax);
      yield buffer.subarray(0, end - tail);
      buffer.copy(buffer, 0, end - tail, end);
      carried = tail;
    }
  } finally {
    await handle.close();
  }
}
