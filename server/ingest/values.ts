// What a single cell can be read as, and its value once typed. Conservative on purpose: codes with
// leading zeros, and integers longer than 15 digits, are not numbers (they are identifiers, and 15
// digits is what a double keeps exactly); a number reads either Italian (1.234,56) or English
// (1,234.56) and a column must keep to one of them.
import { DatastoreValue } from '../datastore/types';

/** Cells that mean "no value" (compared trimmed and lower-cased); "NA" is not one: it is Napoli. */
export const NULL_TOKENS = new Set(['', 'n/a', 'n/d', 'n.d.', 'n.d', 'n.a.', '-', '--']);

export function isNullToken(text: string): boolean {
  return text.length <= 4 && NULL_TOKENS.has(text.trim().toLowerCase());
}

const INTEGER = /^[+-]?\d{1,15}$/;
const NUMBER_IT = /^[+-]?(?:\d+|[1-9]\d{0,2}(?:\.\d{3})+)?(?:,\d+)?$/;
const NUMBER_EN = /^[+-]?(?:\d+|[1-9]\d{0,2}(?:,\d{3})+)?(?:\.\d+)?$/;
const LEADING_ZERO = /^[+-]?0\d/;
const DATE_IT = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?$/;
const DATETIME_IT = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/;
export const BOOLEAN_TOKENS: Record<string, boolean> = { sì: true, si: true, vero: true, true: true, no: false, falso: false, false: false };

function hasDigit(text: string): boolean {
  return /\d/.test(text);
}

/** Digits before the decimal separator (the text already matched a number pattern). */
function integerDigits(text: string, decimal: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (text[i] === decimal) break;
    if (code >= 48 && code <= 57) digits += 1;
  }
  return digits;
}

export function isInteger(text: string): boolean {
  return INTEGER.test(text) && !LEADING_ZERO.test(text);
}

export function isNumber(text: string, decimal: ',' | '.'): boolean {
  const pattern = decimal === ',' ? NUMBER_IT : NUMBER_EN;
  return pattern.test(text) && hasDigit(text) && !LEADING_ZERO.test(text) && integerDigits(text, decimal) <= 15;
}

/** The number as a plain decimal string ("-1234.5"), exact whatever its length. Called for every cell of a number column. */
export function decimalString(text: string, decimal: ',' | '.'): string {
  const group = decimal === ',' ? '.' : ',';
  let plain = text.includes(group) ? text.replaceAll(group, '') : text;
  if (decimal === ',') {
    const point = plain.indexOf(',');
    if (point >= 0) plain = `${plain.slice(0, point)}.${plain.slice(point + 1)}`;
  }
  if (plain.charCodeAt(0) === 43 /* + */) plain = plain.slice(1);
  if (plain.charCodeAt(0) === 46 /* . */) return `0${plain}`;
  if (plain.charCodeAt(0) === 45 /* - */ && plain.charCodeAt(1) === 46) return `-0${plain.slice(1)}`;
  return plain;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= MONTH_DAYS[month - 1] + (leap ? 1 : 0);
}

const pad = (n: number | string, width = 2) => String(n).padStart(width, '0');

/**
 * Dates repeat down a column (a year of payments has 365 of them): each text is parsed once, and
 * typing a column reads it twice (inference, then conversion). Bounded: cleared when full.
 */
const parsedDates = new Map<string, string | null>();
const PARSED_DATES_MAX = 4096;

/** 'YYYY-MM-DD', or null when the text is no valid calendar date in a known format. */
export function parseDate(text: string): string | null {
  if (text.length > 10) return null;
  let parsed = parsedDates.get(text);
  if (parsed === undefined) {
    if (parsedDates.size >= PARSED_DATES_MAX) parsedDates.clear();
    parsed = dateOf(text);
    parsedDates.set(text, parsed);
  }
  return parsed;
}

function dateOf(text: string): string | null {
  let m = DATE_ISO.exec(text);
  if (m) return validDate(+m[1], +m[2], +m[3]) ? text : null;
  m = DATE_IT.exec(text);
  if (m) return validDate(+m[3], +m[2], +m[1]) ? `${m[3]}-${pad(m[2])}-${pad(m[1])}` : null;
  return null;
}

function validTime(hours: number, minutes: number, seconds: number): boolean {
  return hours < 24 && minutes < 60 && seconds < 60;
}

/** 'YYYY-MM-DDTHH:MM:SS', or null. */
export function parseDatetime(text: string): string | null {
  let m = DATETIME_ISO.exec(text);
  if (m) {
    if (!validDate(+m[1], +m[2], +m[3]) || !validTime(+m[4], +m[5], +(m[6] ?? 0))) return null;
    return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`;
  }
  m = DATETIME_IT.exec(text);
  if (m) {
    if (!validDate(+m[3], +m[2], +m[1]) || !validTime(+m[4], +m[5], +(m[6] ?? 0))) return null;
    return `${m[3]}-${pad(m[2])}-${pad(m[1])}T${pad(m[4])}:${m[5]}:${m[6] ?? '00'}`;
  }
  return null;
}

export function parseBoolean(text: string): boolean | null {
  const value = BOOLEAN_TOKENS[text.toLowerCase()];
  return value === undefined ? null : value;
}

export type FieldType = 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'string' | 'object';

/** A cell as read: text from CSV, JSON's own values from JSON and XLSX. */
export type Cell = string | number | boolean | object | null;

export interface TypeOptions {
  /** For numbers: ',' (Italian) or '.' (English). */
  decimalChar?: ',' | '.';
}

const NOT_FIT = Symbol('not-fit');
export type Converted = DatastoreValue | typeof NOT_FIT;
export { NOT_FIT };

function convertText(text: string, type: FieldType, options: TypeOptions): Converted {
  const trimmed = text.trim();
  switch (type) {
    case 'integer': return isInteger(trimmed) ? Number(trimmed) : NOT_FIT;
    case 'number': {
      const decimal = options.decimalChar ?? (isNumber(trimmed, ',') ? ',' : '.');
      return isNumber(trimmed, decimal) ? decimalString(trimmed, decimal) : NOT_FIT;
    }
    case 'boolean': { const value = parseBoolean(trimmed); return value === null ? NOT_FIT : value; }
    case 'date': return parseDate(trimmed) ?? NOT_FIT;
    case 'datetime': return parseDatetime(trimmed) ?? NOT_FIT;
    case 'object': try { return JSON.parse(trimmed) as DatastoreValue; } catch { return NOT_FIT; }
    default: return text;
  }
}

function convertScalar(value: number | boolean | object, type: FieldType): Converted {
  if (type === 'string') return typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (type === 'object') return value as DatastoreValue;
  if (typeof value === 'number') {
    if (type === 'integer') return Number.isSafeInteger(value) ? value : NOT_FIT;
    return type === 'number' ? value : NOT_FIT;
  }
  if (typeof value === 'boolean') return type === 'boolean' ? value : NOT_FIT;
  return NOT_FIT;
}

/** The value for a typed column: null for a null cell, NOT_FIT when the cell is no value of the type. */
export function convertCell(cell: Cell, type: FieldType, options: TypeOptions = {}): Converted {
  if (cell === null) return null;
  if (typeof cell !== 'string') return convertScalar(cell, type);
  if (type === 'string') return cell === '' ? null : cell;
  if (isNullToken(cell)) return null;
  return convertText(cell, type, options);
}
