// One pass over a file: structural checks, type inference over every value of every column, checks
// against the editor's types; the data rows go to `onRow` as read (cells as text, before typing).
import { Column } from './columns';
import { Dialect } from './dialect';
import { chosenIndexes } from './index-choice';
import { ColumnInference } from './infer';
import { OpenedTable, openTable } from './open';
import { Problem, ProblemKind, ProblemList, problemOf } from './report';
import { FieldOverride, schemaField, TableSchema } from './schema';
import { TableFormat } from './source';
import { Cell, convertCell, NOT_FIT } from './values';

export interface LinkSource {
  /** The address fetched at last (after redirects). */
  url: string;
  fetched: string;
  contentType: string;
}

export interface ReadInfo {
  format: TableFormat;
  /** Where a linked resource's file was fetched from (job.ts; absent for uploads). */
  source?: LinkSource;
  encoding: string | null;
  bom: boolean;
  /** chardet's guess for a file that is not UTF-8 (decoded as windows-1252 all the same). */
  encodingGuess: string | null;
  delimiter: string | null;
  quote: string | null;
  lineEnding: string | null;
  trailingDelimiter: boolean;
  header: boolean;
  recordsPath: string | null;
  rows: number;
  columns: number;
  bytes: number;
  types: Record<string, string>;
}

export interface ValidationReport {
  valid: boolean;
  read: ReadInfo;
  counts: Partial<Record<ProblemKind, number>>;
  problems: Problem[];
}

export interface Analysis {
  columns: Column[];
  schema: TableSchema;
  report: ValidationReport;
  /** The indexes the table should have (index-choice.ts). */
  indexes: string[][];
}

export interface AnalyseOptions {
  format: TableFormat;
  overrides?: Record<string, FieldOverride>;
  /** The columns, once the header is read (before the first row). */
  onColumns?: (columns: Column[]) => void;
  /** Each data row, as wide as the columns; a returned promise is awaited (back-pressure). */
  onRow?: (cells: Cell[], row: number) => void | Promise<void>;
  /** Every few thousand rows, and at the end. */
  onProgress?: (rows: number, bytesRead: number, size: number) => void | Promise<void>;
}

const PROGRESS_EVERY = 5000;

function headerProblems(columns: Column[], problems: ProblemList): void {
  const seen = new Set<string>();
  columns.forEach((column, index) => {
    const label = column.label.trim();
    if (label === '') problems.add(problemOf.blankHeader(column.id, index + 1));
    else if (seen.has(label.toLowerCase())) problems.add(problemOf.duplicateHeader(column.id, label));
    seen.add(label.toLowerCase());
  });
}

const isBlank = (cells: Cell[]) => cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''));

function readInfo(table: OpenedTable, rows: number, types: Record<string, string>): ReadInfo {
  const dialect: Dialect | null = table.dialect;
  return {
    format: table.format, encoding: table.encoding?.encoding ?? null, bom: table.encoding?.bom ?? false, encodingGuess: table.encoding?.guessed ?? null,
    delimiter: dialect?.delimiter ?? null, quote: dialect?.quote ?? null, lineEnding: dialect?.lineEnding ?? null,
    trailingDelimiter: dialect?.trailingDelimiter ?? false, header: table.header, recordsPath: table.recordsPath,
    rows, columns: table.columns.length, bytes: table.size, types,
  };
}

/** Checks a row's cells against the editor's types. */
function checkOverrides(cells: Cell[], row: number, line: number | null, checks: { index: number; column: Column; type: NonNullable<FieldOverride['type']> }[], problems: ProblemList): void {
  for (const { index, column, type } of checks) {
    const cell = cells[index];
    if (cell !== null && convertCell(cell, type) === NOT_FIT) problems.add(problemOf.typeError(row, line, column.id, typeof cell === 'string' ? cell : JSON.stringify(cell), type));
  }
}

export async function analyseFile(path: string, options: AnalyseOptions): Promise<Analysis> {
  const table = await openTable(path, options.format);
  const { columns } = table;
  options.onColumns?.(columns);
  const width = columns.length;
  const problems = new ProblemList();
  headerProblems(columns, problems);
  const inference = columns.map(() => new ColumnInference());
  const overrides = options.overrides ?? {};
  const checks = columns.flatMap((column, index) => (overrides[column.id]?.type ? [{ index, column, type: overrides[column.id].type! }] : []));
  const replaced = table.encoding?.encoding === 'windows-1252';
  const lineOf = (line: number) => (table.format === 'csv' ? line : null);
  let rows = 0, record = table.header ? 1 : 0;
  for await (const { cells, line } of table.records) {
    record += 1;
    if (isBlank(cells)) { problems.add(problemOf.blankRow(record, lineOf(line))); continue; }
    if (cells.length > width) { problems.add(problemOf.extraCells(record, lineOf(line), cells.length, width)); cells.length = width; }
    else if (cells.length < width) { problems.add(problemOf.missingCells(record, lineOf(line), cells.length, width)); while (cells.length < width) cells.push(null); }
    for (let i = 0; i < width; i += 1) {
      const cell = cells[i];
      inference[i].add(cell);
      if (replaced && typeof cell === 'string' && cell.includes('\uFFFD')) problems.add(problemOf.encodingReplacement(record, lineOf(line), columns[i].id));
    }
    if (checks.length > 0) checkOverrides(cells, record, lineOf(line), checks, problems);
    rows += 1;
    if (options.onRow) { const pending = options.onRow(cells, record); if (pending) await pending; }
    if (options.onProgress && rows % PROGRESS_EVERY === 0) await options.onProgress(rows, table.bytes.read, table.size);
  }
  if (options.onProgress) await options.onProgress(rows, table.size, table.size);
  const schema: TableSchema = { fields: columns.map((column, i) => schemaField(column, inference[i].result(), overrides[column.id])) };
  const types = Object.fromEntries(schema.fields.map((field) => [field.name, field.type]));
  const report: ValidationReport = { valid: problems.total() === 0, read: readInfo(table, rows, types), counts: problems.counts, problems: problems.problems };
  return { columns, schema, report, indexes: chosenIndexes(schema, inference, rows) };
}
