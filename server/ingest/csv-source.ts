// Streams a CSV's records: bytes → text in the detected encoding → csv-parse with the sniffed dialect.
// Wrong-width rows are passed on (the analysis reports them); a broken quote or an oversized record
// ends the read with a clear reason.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parse, CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { Dialect, sniffDialect } from './dialect';
import { DetectedEncoding } from './encoding';
import { INGEST_LIMITS, IngestError } from './errors';
import { FastCsvReader, FastCsvStop, FastRecords, lineBreaksOf } from './fast-csv';
import { fileChunks } from './file-chunks';
import { RawRecord, ByteCounter } from './source';

/** The first part of the file as text, for sniffing; `complete` when it is the whole file. */
export function sampleText(head: Buffer, encoding: DetectedEncoding, fileSize: number): { text: string; complete: boolean } {
  const complete = head.length >= fileSize;
  let text = encoding.encoding === 'utf-8' ? new TextDecoder('utf-8').decode(head) : iconv.decode(head, 'windows-1252');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, complete };
}

export function csvDialect(head: Buffer, encoding: DetectedEncoding, fileSize: number): Dialect {
  const { text, complete } = sampleText(head, encoding, fileSize);
  return sniffDialect(text, complete);
}

function failure(error: unknown, lastLine: number): IngestError {
  const code = (error as CsvError).code;
  const line = (error as { lines?: number }).lines ?? lastLine + 1;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return new IngestError('unterminated-quote', `Virgolette aperte e mai chiuse (dalla riga ${lastLine + 1} circa): il file finisce dentro un campo tra virgolette. Chiudere le virgolette o raddoppiare quelle che fanno parte del testo ("").`,
      `A quote is opened and never closed (from about line ${lastLine + 1}): the file ends inside a quoted field. Close it, or double the quotes that belong to the text ("").`);
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    const mb = INGEST_LIMITS.maxRecordBytes / 1024 / 1024;
    return new IngestError('record-too-large', `Una riga (dalla riga ${lastLine + 1}) supera ${mb} MB: il file non sembra una tabella (mancano gli a capo, o una virgoletta non chiusa ingloba il resto del file).`,
      `A row (from line ${lastLine + 1}) exceeds ${mb} MB: the file does not look like a table (line breaks are missing, or an unclosed quote swallows the rest of the file).`);
  }
  if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE') {
    return new IngestError('parse-error', `Virgolette fuori posto alla riga ${line}: un campo che contiene virgolette deve essere racchiuso tra virgolette, con quelle interne raddoppiate ("").`,
      `Misplaced quote at line ${line}: a field holding quotes must be quoted, with the inner quotes doubled ("").`);
  }
  return new IngestError('parse-error', `Il file non si legge come CSV alla riga ${line}: ${(error as Error).message}`, `The file cannot be read as CSV at line ${line}: ${(error as Error).message}`);
}

/** Line breaks inside a record's quoted cells (CRLF counted once), to number physical lines. */
function lineBreaksIn(record: string[]): number {
  let breaks = 0;
  for (const cell of record) breaks += lineBreaksOf(cell);
  return breaks;
}

/** The fast reader's records, piece by piece (fast-csv.ts); throws FastCsvStop where it hands over to csv-parse. */
async function* fastRecords(path: string, encoding: DetectedEncoding, dialect: Dialect, bytes: ByteCounter): AsyncGenerator<FastRecords> {
  const reader = new FastCsvReader(dialect.delimiter, FAST_MAX_RECORD_CHARS);
  const utf8 = encoding.encoding === 'utf-8' ? new StringDecoder('utf8') : null;
  let first = true;
  for await (const chunk of fileChunks(path, 256 * 1024)) {
    bytes.read += chunk.length;
    let text = utf8 ? utf8.write(chunk) : iconv.decode(chunk, encoding.encoding);
    if (first && text.length > 0) {
      // csv-parse's `bom: true` (UTF-8) and iconv's stripBOM: a BOM opening the file is no text.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const read = reader.push(text, false);
    if (read.records.length) yield read;
  }
  const read = reader.push(utf8 ? utf8.end() : '', true);
  if (read.records.length) yield read;
}

/**
 * Larger records go to csv-parse, which counts its 4 MB limit in bytes: a character is at most 4 of them.
 */
const FAST_MAX_RECORD_CHARS = Math.floor(INGEST_LIMITS.maxRecordBytes / 4);

export async function* csvRecords(path: string, encoding: DetectedEncoding, dialect: Dialect, bytes: ByteCounter): AsyncGenerator<RawRecord> {
  let lastLine = 0;
  let handed = 0;
  const take = (record: string[], breaks: number): RawRecord => {
    const line = lastLine + 1;
    lastLine = line + breaks;
    if (dialect.trailingDelimiter && record.length > 1 && record[record.length - 1] === '') record.pop();
    return { cells: record, line };
  };
  // The common case by the fast reader; csv-parse for single quotes, CR line endings, and from the
  // start again wherever the fast reader stops (its records are csv-parse's, so they are skipped).
  if (dialect.quote === '"' && dialect.lineEnding !== 'CR') {
    try {
      for await (const { records, breaks } of fastRecords(path, encoding, dialect, bytes)) {
        for (let k = 0; k < records.length; k += 1) {
          handed += 1;
          yield take(records[k], breaks[k]);
        }
      }
      return;
    } catch (error) {
      if (!(error instanceof FastCsvStop)) throw error;
    }
  }
  bytes.read = 0;
  let skip = handed;
  lastLine = 0;
  for await (const record of csvParseRecords(path, encoding, dialect, bytes, () => lastLine)) {
    if (skip > 0) {
      skip -= 1;
      lastLine += 1 + lineBreaksIn(record);
      continue;
    }
    yield take(record, lineBreaksIn(record));
  }
}

/** csv-parse's records; its errors as IngestError, located from `lastLine()`. */
async function* csvParseRecords(path: string, encoding: DetectedEncoding, dialect: Dialect, bytes: ByteCounter, lastLine: () => number): AsyncGenerator<string[]> {
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  input.on('data', (chunk) => { bytes.read += chunk.length; });
  const parser = parse({
    delimiter: dialect.delimiter, quote: dialect.quote, record_delimiter: dialect.lineEnding === 'CR' ? ['\r'] : ['\r\n', '\n'],
    relax_column_count: true, skip_empty_lines: false, bom: true, encoding: 'utf8', max_record_size: INGEST_LIMITS.maxRecordBytes,
  });
  // UTF-8 (already checked strictly) goes to csv-parse as bytes, which it decodes itself: one stage less.
  if (encoding.encoding === 'utf-8') input.pipe(parser);
  else input.pipe(iconv.decodeStream(encoding.encoding, { stripBOM: true })).pipe(parser);
  input.on('error', (error) => parser.destroy(error));
  try {
    yield* parser as AsyncIterable<string[]>;
  } catch (error) {
    throw failure(error, lastLine());
  } finally {
    input.destroy();
  }
}
