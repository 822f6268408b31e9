// The calendar check every date reader shares: JavaScript's Date rolls 2024-02-30 over into March.

/** Whether year `y`, month `m` (1-12), day `d` is a day of the calendar (no 30 February, no month 13). */
export function isRealDate(y: number, m: number, d: number): boolean {
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}
