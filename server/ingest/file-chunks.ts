// A file's bytes, piece by piece, read into one buffer that is reused. A stream's fresh Buffer per read
// is memory outside V8's heap that only a collection frees: during a long load the process held tens of
// megabytes of such pieces already read (its peak RSS grew by as much).
import { open } from 'node:fs/promises';

/** The longest tail `cut` may carry over: a UTF-8 character is at most 4 bytes. */
const CARRY_MAX = 8;

/**
 * The file in pieces of about `chunkBytes`; each piece is valid only until the next is asked for. With
 * `cut`, the bytes it counts at a piece's end (a character cut in two) open the next piece instead; if
 * the file ends there, they are the last piece, as they are.
 */
export async function* fileChunks(path: string, chunkBytes: number, cut: (piece: Buffer) => number = () => 0): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes + CARRY_MAX);
    let carried = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, carried, chunkBytes, null);
      const end = carried + bytesRead;
      if (bytesRead === 0) {
        if (carried) yield buffer.subarray(0, carried);
        return;
      }
      const tail = Math.min(cut(buffer.subarray(0, end)), CARRY_MAX);
      yield buffer.subarray(0, end - tail);
      buffer.copy(buffer, 0, end - tail, end);
      carried = tail;
    }
  } finally {
    await handle.close();
  }
}
