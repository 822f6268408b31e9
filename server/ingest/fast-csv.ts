// A CSV reader for the common case, several times csv-parse's speed: `"` quotes (doubled inside a
// quoted cell), LF or CRLF line endings, one-character delimiters. It reads exactly as csv-parse reads
// with the options of csv-source.ts (relax_column_count, empty lines kept as one empty cell, a bare CR
// inside an unquoted cell kept as text), and stops at anything it does not handle: a quote inside an
// unquoted cell or after a closing quote, a quote never closed, a record longer than `maxRecordChars`.
// Its caller (csvRecords) then lets csv-parse read the file again, from the start, skipping the
// records this reader already handed on: csv-parse gives the error, with its message, or the records.

const QUOTE = 34, LF = 10, CR = 13;

/** What the reader does not handle; the caller turns to csv-parse. */
export class FastCsvStop extends Error {}

/** Records, and for each the line breaks inside its cells (to number physical lines): 0 for most. */
export interface FastRecords {
  records: string[][];
  breaks: number[];
}

const LINE_BREAKS = /\r\n|\r|\n/g;

/** Line breaks in a cell's text, a CRLF counted once: what numbers the file's physical lines. */
export function lineBreaksOf(value: string): number {
  return value.includes('\n') || value.includes('\r') ? (value.match(LINE_BREAKS) ?? []).length : 0;
}

export class FastCsvReader {
  private rest = '';
  private readonly delimiter: number;

  constructor(delimiter: string, private readonly maxRecordChars: number) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The records completed by `text` (the next piece of the file); with `final`, the file's end. */
  push(text: string, final: boolean): FastRecords {
    const buf = this.rest.length ? this.rest + text : text;
    const records: string[][] = [];
    const breaks: number[] = [];
    const n = buf.length;
    const D = this.delimiter;
    let i = 0;
    while (i < n) {
      const start = i;
      const record: string[] = [];
      let complete = false;
      let recordBreaks = 0;
      fields: for (;;) {
        if (i < n && buf.charCodeAt(i) === QUOTE) {
          // A quoted cell: up to the quote that is not doubled.
          let value = '';
          let from = i + 1;
          for (;;) {
            const q = buf.indexOf('"', from);
            if (q < 0 || (q + 1 >= n && !final)) {
              if (q < 0 && final) throw new FastCsvStop('quote not closed');
              break fields;
            }
            if (buf.charCodeAt(q + 1) === QUOTE) { value += buf.slice(from, q + 1); from = q + 2; continue; }
            value += buf.slice(from, q);
            i = q + 1;
            break;
          }
          record.push(value);
          recordBreaks += lineBreaksOf(value);
          if (i >= n) {
            if (!final) break fields;
            complete = true;
            break fields;
          }
          const c = buf.charCodeAt(i);
          if (c === D) { i += 1; continue; }
          if (c === LF) { i += 1; complete = true; break fields; }
          if (c === CR) {
            if (i + 1 >= n && !final) break fields;
            if (buf.charCodeAt(i + 1) === LF) { i += 2; complete = true; break fields; }
          }
          throw new FastCsvStop('text after a closing quote');
        }
        // An unquoted cell: up to the delimiter or the line's end; a bare CR is text.
        let j = i;
        for (; j < n; j += 1) {
          const c = buf.charCodeAt(j);
          if (c === D || c === LF) break;
          if (c === QUOTE) throw new FastCsvStop('quote inside an unquoted cell');
          if (c === CR) {
            if (j + 1 >= n) { if (!final) break fields; recordBreaks += 1; continue; }
            if (buf.charCodeAt(j + 1) === LF) break;
            recordBreaks += 1;
          }
        }
        if (j >= n) {
          if (!final) break fields;
          record.push(buf.slice(i, j));
          i = n;
          complete = true;
          break fields;
        }
        record.push(buf.slice(i, j));
        const c = buf.charCodeAt(j);
        if (c === D) { i = j + 1; continue; }
        i = j + (c === CR ? 2 : 1);
        complete = true;
        break fields;
      }
      if (!complete) {
        // The record goes on in the next piece.
        if (n - start > this.maxRecordChars) throw new FastCsvStop('record too long');
        this.rest = buf.slice(start);
        return { records, breaks };
      }
      if (i - start > this.maxRecordChars) throw new FastCsvStop('record too long');
      records.push(record);
      breaks.push(recordBreaks);
    }
    this.rest = '';
    return { records, breaks };
  }
}
