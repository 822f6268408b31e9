// The first sheet of an XLSX workbook, streamed with exceljs's WorkbookReader; numbers, booleans and
// dates come typed from the cells (dates as ISO text, read back by the inference).
import type ExcelJS from 'exceljs';
import { IngestError } from './errors';
import { ByteCounter, RawRecord } from './source';
import { Cell } from './values';

function isoOf(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** One cell's value: formulas give their result, rich text and hyperlinks their text, errors nothing. */
export function xlsxCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isoOf(value);
  if (typeof value !== 'object') return value as Cell;
  const object = value as Record<string, unknown>;
  if (Array.isArray(object.richText)) return (object.richText as { text: string }[]).map((part) => part.text).join('');
  if ('result' in object) return xlsxCell(object.result);
  if ('formula' in object || 'sharedFormula' in object) return null;
  if (typeof object.text === 'string') return object.text;
  if ('error' in object) return null;
  return JSON.stringify(value);
}

export async function* xlsxRows(path: string, bytes: ByteCounter, size: number): AsyncGenerator<RawRecord> {
  // Required here, not at the top: exceljs takes a third of a second to load, and the CSV parsing worker
  // (analyse-worker.ts), which imports this module through open.ts, never needs it.
  const excel = require('exceljs') as typeof ExcelJS;
  const reader = new excel.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let index = 1; index < values.length; index += 1) cells.push(xlsxCell(values[index]));
        bytes.read = Math.min(size, bytes.read + 1);
        yield { cells, line: row.number };
      }
      return;
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError('invalid-xlsx', `Il file XLSX non si legge: ${(error as Error).message}.`, `The XLSX file cannot be read: ${(error as Error).message}.`);
  }
}
