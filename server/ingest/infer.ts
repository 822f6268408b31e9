// Type inference over the whole column: every candidate type starts possible and each value strikes out
// those it does not fit; what survives at the end is the column's type. Once nothing but text is left
// the column stops looking (the fast path for text columns).
import { Cell, FieldType, isInteger, isNullToken, isNumber, parseBoolean, parseDate, parseDatetime } from './values';

const INT = 1, NUM_IT = 2, NUM_EN = 4, BOOL = 8, DATE = 16, DATETIME = 32, OBJECT = 64;
const SCALARS = INT | NUM_IT | NUM_EN | BOOL | DATE | DATETIME;

export interface InferredType {
  type: FieldType;
  /** Frictionless' format for dates ("%d/%m/%Y", "%Y-%m-%d", "any" for both). */
  format?: string;
  decimalChar?: ',' | '.';
}

function textCandidates(text: string, live: number): number {
  // An integer is also a number either way, and never a boolean or a date: one test instead of six.
  if (live & INT && isInteger(text)) return live & (INT | NUM_IT | NUM_EN);
  let fit = 0;
  if (live & NUM_IT && isNumber(text, ',')) fit |= NUM_IT;
  if (live & NUM_EN && isNumber(text, '.')) fit |= NUM_EN;
  if (live & BOOL && parseBoolean(text) !== null) fit |= BOOL;
  if (live & DATE && parseDate(text) !== null) fit |= DATE;
  if (live & DATETIME && parseDatetime(text) !== null) fit |= DATETIME;
  return fit;
}

function scalarCandidates(value: number | boolean | object): number {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? INT | NUM_IT | NUM_EN : NUM_IT | NUM_EN;
  if (typeof value === 'boolean') return BOOL;
  return OBJECT;
}

/** Distinct values counted up to this: enough to tell a column worth an index (index-choice.ts). */
export const DISTINCT_CAP = 20;

export class ColumnInference {
  private live = SCALARS;
  private nested = false;
  private dateFormats = new Set<string>();
  private few = new Set<string>();
  nulls = 0;
  values = 0;
  /** The longest text value, in UTF-16 units. */
  longest = 0;

  /** Distinct values, counted up to DISTINCT_CAP. */
  get distinct(): number {
    return this.few.size;
  }

  add(cell: Cell): void {
    if (cell === null) { this.nulls += 1; return; }
    if (typeof cell !== 'string') {
      this.values += 1;
      const fit = scalarCandidates(cell);
      if (fit === OBJECT) this.nested = true;
      this.live &= fit;
      return;
    }
    if (isNullToken(cell)) { this.nulls += 1; return; }
    this.values += 1;
    if (cell.length > this.longest) this.longest = cell.length;
    if (this.few.size < DISTINCT_CAP) this.few.add(cell);
    if (this.live === 0) return;
    const text = cell.trim();
    this.live = textCandidates(text, this.live);
    if (this.live & DATE) this.dateFormats.add(text.includes('/') ? '%d/%m/%Y' : '%Y-%m-%d');
  }

  result(): InferredType {
    const live = this.live;
    if (this.nested) return { type: 'object' };
    if (this.values === 0) return { type: 'string' };
    if (live & INT) return { type: 'integer' };
    if (live & NUM_IT) return { type: 'number', decimalChar: ',' };
    if (live & NUM_EN) return { type: 'number', decimalChar: '.' };
    if (live & BOOL) return { type: 'boolean' };
    if (live & DATE) return { type: 'date', format: this.dateFormats.size === 1 ? [...this.dateFormats][0] : 'any' };
    if (live & DATETIME) return { type: 'datetime' };
    return { type: 'string' };
  }
}
