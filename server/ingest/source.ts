// What every reader (CSV, JSON, XLSX) hands the analysis: records of cells, with where they start.
import { Cell } from './values';

export interface RawRecord {
  cells: Cell[];
  /** The physical line where the record starts (CSV), or the record's position (JSON, XLSX row). */
  line: number;
}

/** Bytes of the file read so far, for progress by percentage. */
export interface ByteCounter {
  read: number;
}

export type TableFormat = 'csv' | 'json' | 'xlsx';
