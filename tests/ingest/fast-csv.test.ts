// The fast CSV reader must read exactly as csv-parse reads (with csv-source.ts's options), and stop,
// never guess, wherever it would not: compared on generated files, well-formed and random, cut into
// pieces at random places.
import { parse } from 'csv-parse';
import { FastCsvReader, FastCsvStop } from '../../server/ingest/fast-csv';
import { readBytes } from './read';
import { seededRandom as random } from '../../scripts/bench/seeded-random';

/** csv-parse's records up to its error (if any), as csv-source.ts configures it. */
function csvParse(text: string, delimiter: string): Promise<{ records: string[][]; error: string | null }> {
  return new Promise((resolve) => {
    const records: string[][] = [];
    // on_record sees each record as soon as it is parsed, also those parsed just before an error.
    const parser = parse({
      delimiter, quote: '"', record_delimiter: ['\r\n', '\n'], relax_column_count: true, skip_empty_lines: false, bom: true, max_record_size: 1 << 22,
      on_record: (record: string[]) => { records.push(record); return record; },
    });
    parser.on('readable', () => { while (parser.read() !== null); });
    parser.on('error', (error: { code?: string }) => resolve({ records, error: error.code ?? 'error' }));
    parser.on('end', () => resolve({ records, error: null }));
    parser.end(text);
  });
}

/** Line breaks in a record's cells as csv-source.ts counts them for csv-parse's records (physical lines). */
const lineBreaks = (record: string[]) => record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g) ?? []).length, 0);

/**
 * The fast reader's records, fed in pieces cut at random places; `stopped` when it handed over. The line
 * breaks it counts for each record must be those csv-parse's reader counts.
 */
function fast(text: string, delimiter: string, next: () => number, maxRecordChars = 1 << 20): { records: string[][]; stopped: boolean } {
  const reader = new FastCsvReader(delimiter, maxRecordChars);
  const records: string[][] = [];
  const breaks: number[] = [];
  const take = (read: { records: string[][]; breaks: number[] }) => {
    records.push(...read.records);
    breaks.push(...read.breaks);
  };
  let stopped = false;
  try {
    let at = 0;
    while (at < text.length) {
      const end = Math.min(text.length, at + 1 + Math.floor(next() * 12));
      take(reader.push(text.slice(at, end), false));
      at = end;
    }
    take(reader.push('', true));
  } catch (error) {
    if (!(error instanceof FastCsvStop)) throw error;
    stopped = true;
  }
  expect({ text, breaks }).toEqual({ text, breaks: records.map(lineBreaks) });
  return { records, stopped };
}

const PIECES = ['a', 'bc', 'è', '😀', ' ', '\t', ',', ';', '"', '""', '\n', '\r\n', '\r', '', 'N/A', '1.234,5'];

describe('the fast CSV reader', () => {
  it('reads well-formed files exactly as csv-parse, whatever the pieces', async () => {
    const next = random(8);
    for (let file = 0; file < 300; file += 1) {
      const delimiter = [',', ';', '\t', '|'][file % 4];
      const lines: string[] = [];
      const rows = 1 + Math.floor(next() * 8);
      for (let r = 0; r < rows; r += 1) {
        const cells: string[] = [];
        const width = 1 + Math.floor(next() * 5);
        for (let c = 0; c < width; c += 1) {
          let cell = '';
          const length = Math.floor(next() * 5);
          for (let k = 0; k < length; k += 1) cell += PIECES[Math.floor(next() * PIECES.length)];
          // Quoted as a writer quotes: when it holds a quote, a delimiter or a line break (or at random).
          const quoted = /["\n\r]/.test(cell) || cell.includes(delimiter) || next() < 0.2;
          cells.push(quoted ? `"${cell.replace(/"/g, '""')}"` : cell);
        }
        lines.push(cells.join(delimiter));
      }
      const ending = next() < 0.5 ? '\n' : '\r\n';
      const text = (next() < 0.1 ? '\uFEFF' : '') + lines.join(ending) + (next() < 0.7 ? ending : '');
      const expected = await csvParse(text, delimiter);
      expect(expected.error).toBeNull();
      // The BOM is the caller's (csv-source.ts drops it before the reader sees the text).
      const read = fast(text.replace(/^\uFEFF/, ''), delimiter, next);
      expect({ text, ...read }).toEqual({ text, records: expected.records, stopped: false });
    }
  });

  it('on random text, reads as csv-parse or stops, its records before the stop being csv-parse\'s', async () => {
    const next = random(42);
    let stops = 0, agreed = 0;
    for (let file = 0; file < 2000; file += 1) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let k = 0; k < length; k += 1) text += PIECES[Math.floor(next() * PIECES.length)];
      const expected = await csvParse(text, ',');
      const read = fast(text, ',', next);
      if (read.stopped) {
        stops += 1;
        expect({ text, records: expected.records.slice(0, read.records.length) }).toEqual({ text, records: read.records });
      } else {
        agreed += 1;
        expect({ text, records: read.records, error: null }).toEqual({ text, ...expected });
      }
    }
    // Both ways are exercised.
    expect(stops).toBeGreaterThan(100);
    expect(agreed).toBeGreaterThan(100);
  });

  it('stops on a record longer than its bound, and on a quote never closed', () => {
    expect(fast(`a,${'x'.repeat(100)}\n`, ',', () => 0.5, 50).stopped).toBe(true);
    expect(fast(`a,"${'x'.repeat(100)}`, ',', () => 0.5, 1000).stopped).toBe(true);
    expect(fast(`a,b\n1,"2"\n`, ',', () => 0.5, 1000)).toEqual({ records: [['a', 'b'], ['1', '2']], stopped: false });
  });

  // Where the fast reader stops and csv-parse reads on, the file is read again from the start, the
  // records already handed on skipped: nothing twice, nothing lost, lines still counted.
  it('hands over to csv-parse mid-file: a 1.5 MB cell (under csv-parse\'s 4 MB) between ordinary rows', async () => {
    const lines = ['id;testo'];
    for (let i = 1; i <= 3000; i += 1) lines.push(`${i};"riga\n${i}"`);
    lines.push(`3001;${'x'.repeat(1_500_000)}`);
    for (let i = 3002; i <= 3100; i += 1) lines.push(`${i};riga ${i}`);
    const read = await readBytes(lines.join('\n') + '\n');
    expect(read.rows).toHaveLength(3100);
    expect(read.rows.map((row) => row[0])).toEqual(Array.from({ length: 3100 }, (_, i) => String(i + 1)));
    expect(read.rows[2999]).toEqual(['3000', 'riga\n3000']);
    expect((read.rows[3000][1] as string).length).toBe(1_500_000);
    expect(read.rows[3099]).toEqual(['3100', 'riga 3100']);
    expect(read.report.read.rows).toBe(3100);
  });
});
