// Dates as DCAT exports write them (xsd:date, xsd:dateTime, gYear, gYearMonth, and the odd
// day/month/year) → what package_create takes: YYYY-MM-DD or an ISO date-time.
import { isRealDate } from '../../core/dates';
import type { Warn } from './values';

const pad = (n: number | string, size = 2): string => String(n).padStart(size, '0');

/** A year or year-month as its first (edge 'start') or last ('end') day. */
function edgeDay(year: string, month: string | undefined, edge: 'start' | 'end'): string {
  const y = +year;
  const m = month ? +month : edge === 'start' ? 1 : 12;
  const day = edge === 'start' ? 1 : new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${year}-${pad(m)}-${pad(day)}`;
}

/**
 * YYYY-MM-DD, or the ISO date-time as given when the source has a time. A year or year-month
 * becomes its first (edge 'start') or last ('end') day. '' with a warning when unreadable.
 */
export function normalizeDate(raw: string, what: string, warn: Warn, edge: 'start' | 'end' = 'start'): string {
  const value = raw.trim();
  if (!value) return '';
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (m && isRealDate(+m[1], +m[2], +m[3])) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (m && isRealDate(+m[1], +m[2], +m[3]) && +m[4] < 24 && +m[5] < 60 && (m[6] === undefined || +m[6] < 60)) {
    return value.replace(' ', 'T');
  }
  m = /^(\d{4})(?:-(\d{2}))?$/.exec(value);
  if (m && (!m[2] || (+m[2] >= 1 && +m[2] <= 12))) return edgeDay(m[1], m[2], edge);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (m && isRealDate(+m[3], +m[2], +m[1])) {
    const date = `${m[3]}-${pad(m[2])}-${pad(m[1])}`;
    warn(`${what} "${value}" letta come giorno/mese/anno: ${date}`);
    return date;
  }
  warn(`${what} non è una data valida: "${value}"`);
  return '';
}
