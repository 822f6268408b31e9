// /favicon.ico, drawn here rather than kept as a binary: the mark of views/assets/favicon.svg (a stack of
// data on the portal's blue) rasterised at 32×32 with 4×4 supersampling, in an ICO holding one 32-bit BMP.
const SIZE = 32;
const SAMPLES = 4;
const STROKE = 1.25;
const BLUE = [0x00, 0x66, 0xcc];

/** Distance from (x, y) to the ellipse's outline, by its gradient: good enough near the line. */
function ellipseDistance(x: number, y: number, cx: number, cy: number, rx: number, ry: number): number {
  const dx = x - cx;
  const dy = y - cy;
  const f = (dx / rx) ** 2 + (dy / ry) ** 2 - 1;
  const gradient = 2 * Math.hypot(dx / rx ** 2, dy / ry ** 2);
  return gradient === 0 ? Infinity : Math.abs(f) / gradient;
}

function inRoundedSquare(x: number, y: number): boolean {
  const radius = 6;
  const nx = Math.min(Math.max(x, radius), SIZE - radius);
  const ny = Math.min(Math.max(y, radius), SIZE - radius);
  return Math.hypot(x - nx, y - ny) <= radius;
}

function onMark(x: number, y: number): boolean {
  if (ellipseDistance(x, y, 16, 8, 9, 3.5) <= STROKE) return true;
  if (y >= 8 && y <= 24 && (Math.abs(x - 7) <= STROKE || Math.abs(x - 25) <= STROKE)) return true;
  return [16, 24].some((cy) => y >= cy && ellipseDistance(x, y, 16, cy, 9, 3.5) <= STROKE);
}

/** One pixel as BGRA: blue where the square is, white where the mark is, blended by coverage. */
function pixel(px: number, py: number): number[] {
  let square = 0;
  let mark = 0;
  for (let i = 0; i < SAMPLES; i += 1) {
    for (let j = 0; j < SAMPLES; j += 1) {
      const x = px + (i + 0.5) / SAMPLES;
      const y = py + (j + 0.5) / SAMPLES;
      if (!inRoundedSquare(x, y)) continue;
      square += 1;
      if (onMark(x, y)) mark += 1;
    }
  }
  if (square === 0) return [0, 0, 0, 0];
  const white = mark / square;
  const [r, g, b] = BLUE.map((c) => Math.round(c + (255 - c) * white));
  return [b, g, r, Math.round((255 * square) / SAMPLES ** 2)];
}

function drawIco(): Buffer {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  // BMP rows go from the bottom up.
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) Buffer.from(pixel(x, y)).copy(pixels, ((SIZE - 1 - y) * SIZE + x) * 4);
  }
  const andMask = Buffer.alloc(SIZE * 4); // 1 bit a pixel, rows padded to 32 bits; alpha decides anyway
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(SIZE, 4);
  info.writeInt32LE(SIZE * 2, 8); // colour and mask together, as ICO wants
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  info.writeUInt32LE(pixels.length + andMask.length, 20);
  const image = Buffer.concat([info, pixels, andMask]);
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(image.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, image]);
}

let drawn: Buffer | null = null;

export function faviconIco(): Buffer {
  drawn ??= drawIco();
  return drawn;
}
