// Job times are stored as the rest of the catalogue's: ISO-8601 text with microseconds, which sorts and
// compares as text on both databases. The runner takes its clock as a parameter, so tests can move it.
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** The stored form of an instant given in milliseconds, e.g. 2025-01-31T09:00:00.000000. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000');
}

/** Milliseconds since the epoch of a stored instant. */
export function msOf(iso: string): number {
  return Date.parse(`${iso.slice(0, 23)}Z`);
}
