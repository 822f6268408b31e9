// The CSV dialect, sniffed from the first part of the text: the delimiter whose field counts agree
// across the sample's records (quotes respected), the quote character, the line ending, and whether
// every line ends with a delimiter (an empty last column that is no data).
export type Delimiter = ',' | ';' | '\t' | '|';
export type LineEnding = 'CRLF' | 'LF' | 'CR';

export interface Dialect {
  delimiter: Delimiter;
  quote: '"' | "'";
  lineEnding: LineEnding;
  trailingDelimiter: boolean;
}

const DELIMITERS: Delimiter[] = [',', ';', '\t', '|'];
const SAMPLE_RECORDS = 200;

/** Field counts of the sample's records, split the way csv-parse will split them. */
function fieldCounts(text: string, delimiter: string, quote: string, complete: boolean): { counts: number[]; trailing: number } {
  const counts: number[] = [];
  let fields = 1, inQuotes = false, lastWasDelimiter = false, trailing = 0, recordHasText = false;
  const endRecord = () => {
    if (recordHasText) { counts.push(fields); if (lastWasDelimiter) trailing += 1; }
    fields = 1; lastWasDelimiter = false; recordHasText = false;
  };
  for (let i = 0; i < text.length && counts.length < SAMPLE_RECORDS; i += 1) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === quote) { if (text[i + 1] === quote) i += 1; else inQuotes = false; }
      continue;
    }
    if (ch === quote) { inQuotes = true; recordHasText = true; lastWasDelimiter = false; }
    else if (ch === delimiter) { fields += 1; lastWasDelimiter = true; recordHasText = true; }
    else if (ch === '\n' || ch === '\r') { if (ch === '\r' && text[i + 1] === '\n') i += 1; endRecord(); }
    else { lastWasDelimiter = false; recordHasText = true; }
  }
  if (complete && !inQuotes) endRecord();
  return { counts, trailing };
}

/** How well a delimiter explains the sample: records that agree with the most common width, if > 1. */
function score(counts: number[]): { score: number; width: number } {
  if (counts.length === 0) return { score: 0, width: 1 };
  const frequency = new Map<number, number>();
  for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1);
  let width = 1, agreeing = 0;
  for (const [count, times] of frequency) if (times > agreeing || (times === agreeing && count > width)) { width = count; agreeing = times; }
  if (width < 2) return { score: 0, width };
  return { score: (agreeing / counts.length) * 1000 + Math.min(width, 100), width };
}

function lineEndingOf(text: string, quote: string): LineEnding {
  let inQuotes = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === quote) inQuotes = !inQuotes;
    else if (!inQuotes && ch === '\r') return text[i + 1] === '\n' ? 'CRLF' : 'CR';
    else if (!inQuotes && ch === '\n') return 'LF';
  }
  return 'LF';
}

/** A single quote is the quote character only where it wraps whole fields and double quotes never do. */
function quoteOf(text: string): '"' | "'" {
  if (text.includes('"')) return '"';
  return /(^|[,;|\t\n])'[^'\n]*'(?=[,;|\t\r\n]|$)/.test(text) ? "'" : '"';
}

/** `complete`: the sample is the whole file (its last record is whole). */
export function sniffDialect(sample: string, complete: boolean): Dialect {
  const quote = quoteOf(sample);
  let best: { delimiter: Delimiter; score: number; trailing: number; records: number } = { delimiter: ',', score: -1, trailing: 0, records: 0 };
  for (const delimiter of DELIMITERS) {
    const { counts, trailing } = fieldCounts(sample, delimiter, quote, complete);
    const result = score(counts);
    if (result.score > best.score) best = { delimiter, score: result.score, trailing, records: counts.length };
  }
  const trailingDelimiter = best.records > 0 && best.trailing === best.records;
  return { delimiter: best.delimiter, quote, lineEnding: lineEndingOf(sample, quote), trailingDelimiter };
}
