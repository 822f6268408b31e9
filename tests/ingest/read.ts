// Test helper: reads a file (or bytes written to a temporary file) and keeps what the analysis saw.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyseFile, Analysis, AnalyseOptions } from '../../server/ingest/analyse';
import { TableFormat } from '../../server/ingest/source';
import { Cell } from '../../server/ingest/values';

export interface Read extends Analysis {
  rows: Cell[][];
}

const folder = mkdtempSync(path.join(tmpdir(), 'ingest-test-'));
let counter = 0;

export function tempFile(content: Buffer | string, extension = 'csv'): string {
  counter += 1;
  const file = path.join(folder, `file-${counter}.${extension}`);
  writeFileSync(file, content);
  return file;
}

/** analyseFile, or analyseInWorker (analyse-thread.ts): the same options and answer. */
export type Analyser = (file: string, options: AnalyseOptions) => Promise<Analysis>;

export async function readFile(file: string, format: TableFormat = 'csv', options: Partial<AnalyseOptions> = {}, analyse: Analyser = analyseFile): Promise<Read> {
  const rows: Cell[][] = [];
  const analysis = await analyse(file, { format, ...options, onRow: (cells) => { rows.push([...cells]); } });
  return { ...analysis, rows };
}

export function readBytes(content: Buffer | string, format: TableFormat = 'csv', options: Partial<AnalyseOptions> = {}, analyse: Analyser = analyseFile): Promise<Read> {
  return readFile(tempFile(content, format), format, options, analyse);
}

export const typesOf = (read: Analysis) => Object.fromEntries(read.schema.fields.map((field) => [field.name, field.type]));
