// An express-rate-limit store in the database: with several app instances behind one load balancer,
// an attacker must not get one allowance per instance. One upsert per hit, the same SQL on both
// databases (SQLite 3.35+ and PostgreSQL both have ON CONFLICT ... RETURNING).
import { DataSource } from 'typeorm';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { RateLimitEntity } from './entities';
import { positional } from '../db/params';
import { serializedWrite } from '../db/transaction';

export class DatabaseRateLimitStore implements Store {
  private windowMs = 60_000;
  readonly localKeys = false;

  constructor(private readonly db: DataSource, readonly prefix = 'login:') {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  /** Positional placeholders as each driver wants them: $1 for pg, ? for better-sqlite3. */
  private sql(text: string): string {
    return positional(this.db, text);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = Date.now();
    const resetAt = now + this.windowMs;
    const rows: { hits: number; reset_at: string | number }[] = await serializedWrite(this.db, (writer) => writer.query(this.sql(
      `INSERT INTO rate_limit (key, hits, reset_at) VALUES (?, 1, ?)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limit.reset_at <= ? THEN 1 ELSE rate_limit.hits + 1 END,
         reset_at = CASE WHEN rate_limit.reset_at <= ? THEN ? ELSE rate_limit.reset_at END
       RETURNING hits, reset_at`,
    ), [this.prefix + key, resetAt, now, now, resetAt]));
    return { totalHits: Number(rows[0].hits), resetTime: new Date(Number(rows[0].reset_at)) };
  }

  /**
   * Adds `hits` to a counter that ends at `resetAt` and returns its new total: how several instances,
   * each counting locally, pool their counts (server/http/api-rate-limit.ts). The key names the window,
   * so an expired counter is never reset here, only pruned.
   */
  async add(key: string, hits: number, resetAt: number): Promise<number> {
    const rows: { hits: number }[] = await serializedWrite(this.db, (writer) => writer.query(this.sql(
      `INSERT INTO rate_limit (key, hits, reset_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET hits = rate_limit.hits + excluded.hits
       RETURNING hits`,
    ), [this.prefix + key, hits, resetAt]));
    return Number(rows[0].hits);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.db.getRepository(RateLimitEntity).findOneBy({ key: this.prefix + key });
    if (!row || Number(row.resetAt) <= Date.now()) return undefined;
    return { totalHits: row.hits, resetTime: new Date(Number(row.resetAt)) };
  }

  async decrement(key: string): Promise<void> {
    await serializedWrite(this.db, (writer) => writer.query(this.sql('UPDATE rate_limit SET hits = hits - 1 WHERE key = ? AND hits > 0'), [this.prefix + key]));
  }

  async resetKey(key: string): Promise<void> {
    await serializedWrite(this.db, (writer) => writer.getRepository(RateLimitEntity).delete({ key: this.prefix + key }));
  }

  /** Expired counters are dead weight; dropped now and then. */
  async prune(): Promise<void> {
    await serializedWrite(this.db, (writer) => writer.query(this.sql('DELETE FROM rate_limit WHERE reset_at <= ?'), [Date.now()]));
  }
}
