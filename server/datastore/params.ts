// Query parameters for either database: `?` on SQLite, `$n` on PostgreSQL, added in order (db/params.ts).
export { PositionalParams as Params } from '../db/params';
