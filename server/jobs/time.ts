// The runner takes its clock as a parameter, so tests can move it. Job times are stored as the rest of
// the catalogue's (db/columns.ts isoAt, nowIso): ISO-8601 text with microseconds, sortable as text.
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
