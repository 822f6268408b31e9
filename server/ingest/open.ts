// Opens a file as a table whatever its format: encoding, dialect, header and a stream of records.
import { stat } from 'node:fs/promises';
import { Column, columnsFromHeader, generatedColumns } from './columns';
import { csvDialect, csvRecords } from './csv-source';
import { Dialect } from './dialect';
import { assertText, detectEncoding, DetectedEncoding, readHead } from './encoding';
import { INGEST_LIMITS, IngestError } from './errors';
import { openJson } from './json-source';
import { ByteCounter, RawRecord, TableFormat } from './source';
import { Cell, isInteger, isNumber, parseDate } from './values';
import { xlsxRows } from './xlsx-source';

export interface OpenedTable {
  format: TableFormat;
  size: number;
  encoding: DetectedEncoding | null;
  dialect: Dialect | null;
  recordsPath: string | null;
  /** False when the first row looked like data (then the columns are colonna_1, colonna_2...). */
  header: boolean;
  columns: Column[];
  records: AsyncGenerator<RawRecord>;
  bytes: ByteCounter;
}

const looksLikeData = (cell: Cell) => typeof cell !== 'string' || isInteger(cell) || isNumber(cell, ',') || isNumber(cell, '.') || parseDate(cell) !== null;

/** A first row is data, not a header, when none of its cells is text and some are numbers or dates. */
function isHeaderRow(cells: Cell[]): boolean {
  const filled = cells.filter((cell) => cell !== null && cell !== '');
  return filled.length === 0 || !filled.every(looksLikeData);
}

function checkWidth(width: number): void {
  if (width > INGEST_LIMITS.maxColumns) {
    throw new IngestError('too-many-columns', `Il file ha ${width} colonne: il massimo è ${INGEST_LIMITS.maxColumns}. Dividere la tabella o trasporla.`,
      `The file has ${width} columns: the maximum is ${INGEST_LIMITS.maxColumns}. Split or transpose the table.`);
  }
}

async function withHeader(records: AsyncGenerator<RawRecord>): Promise<{ header: boolean; columns: Column[]; records: AsyncGenerator<RawRecord> }> {
  const first = await records.next();
  if (first.done) throw new IngestError('no-columns', 'Il file non contiene righe.', 'The file holds no rows.');
  const cells = first.value.cells;
  checkWidth(cells.length);
  if (cells.every((cell) => cell === null || String(cell).trim() === '')) {
    throw new IngestError('no-columns', 'La prima riga del file è vuota: serve una riga di intestazione con i nomi delle colonne.', 'The first row of the file is blank: a header row with the column names is needed.');
  }
  if (isHeaderRow(cells)) return { header: true, columns: columnsFromHeader(cells.map((cell) => (cell === null ? '' : String(cell)))), records };
  async function* again(): AsyncGenerator<RawRecord> { yield first.value as RawRecord; yield* records; }
  return { header: false, columns: generatedColumns(cells.length), records: again() };
}

export function formatOf(nameOrFormat: string): TableFormat | null {
  const value = nameOrFormat.toLowerCase().replace(/^.*\./, '');
  if (value === 'csv' || value === 'tsv' || value === 'txt') return 'csv';
  if (value === 'json' || value === 'geojson') return 'json';
  if (value === 'xlsx') return 'xlsx';
  return null;
}

export async function openTable(path: string, format: TableFormat): Promise<OpenedTable> {
  const { size } = await stat(path);
  const head = await readHead(path);
  const bytes: ByteCounter = { read: 0 };
  if (format === 'xlsx') {
    if (head.length === 0) throw new IngestError('empty-file', 'Il file è vuoto.', 'The file is empty.');
    const opened = await withHeader(xlsxRows(path, bytes, size));
    return { format, size, encoding: null, dialect: null, recordsPath: null, ...opened, bytes };
  }
  assertText(head);
  const encoding = await detectEncoding(path, head);
  if (format === 'json') {
    const json = await openJson(path, encoding);
    checkWidth(json.labels.length);
    bytes.read = size;
    return { format, size, encoding, dialect: null, recordsPath: json.recordsPath, header: true, columns: columnsFromHeader(json.labels), records: json.records, bytes };
  }
  const dialect = csvDialect(head, encoding, size);
  const opened = await withHeader(csvRecords(path, encoding, dialect, bytes));
  return { format, size, encoding, dialect, recordsPath: null, ...opened, bytes };
}
