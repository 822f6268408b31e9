// Rate limits on the API, as AgID's interoperability guidelines ask (ModI, RAC_ROBUSTEZZA_001): every
// answer says X-RateLimit-Limit, -Remaining and -Reset (seconds to the next window), and a client over
// its limit gets 429 with Retry-After, in CKAN's error envelope. A client is the token's user when a
// valid token is sent, else the IP address (as CATALOGO_TRUST_PROXY lets Express see it).
//
// The count is shared through the database, so several instances enforce one limit, but it is not
// written on every request: each instance counts locally and adds its count to the shared one in
// batches, once a second or when a client's local count reaches 5% of the limit, reading the shared
// total back. A client spread over several instances can therefore get a little more than the limit:
// what the other instances admitted since their last batch, at most about 5% of the limit each, plus
// what they admitted within that second. One instance alone enforces the limit exactly.
import { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { DataSource } from 'typeorm';
import { Services } from '../core/context';
import { DatabaseRateLimitStore } from '../auth/rate-limit-store';
import { helpUrl } from './api';

const WINDOW_MS = 60_000;
const FLUSH_EVERY_MS = 1000;

/** What this instance knows of one client in one window. */
interface ClientCount {
  window: number;
  /** The shared total as last read back from the database (this instance's batches included). */
  shared: number;
  /** Sent to the database, total not yet read back. */
  inFlight: number;
  /** Counted here, not yet sent. */
  pending: number;
}

export interface RateDecision {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
}

/** Fixed one-minute windows, aligned to the clock so that every instance agrees on them. */
export class SharedRateCounter {
  private readonly counts = new Map<string, ClientCount>();
  private readonly sending = new Set<Promise<void>>();
  private readonly store: DatabaseRateLimitStore;
  private readonly flushAt: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: DataSource, readonly limit: number, private readonly flushEveryMs = FLUSH_EVERY_MS) {
    this.store = new DatabaseRateLimitStore(db, 'api:');
    this.flushAt = Math.max(1, Math.ceil(limit / 20));
  }

  hit(client: string, now = Date.now()): RateDecision {
    const window = Math.floor(now / WINDOW_MS);
    let count = this.counts.get(client);
    if (!count || count.window !== window) {
      count = { window, shared: 0, inFlight: 0, pending: 0 };
      this.counts.set(client, count);
    }
    const used = count.shared + count.inFlight + count.pending;
    const resetSeconds = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
    if (used >= this.limit) return { allowed: false, remaining: 0, resetSeconds };
    count.pending += 1;
    this.sendWhenDue(client, count);
    return { allowed: true, remaining: this.limit - used - 1, resetSeconds };
  }

  /** Sends every pending count of the current window; forgets the windows that are over. */
  async flush(now = Date.now()): Promise<void> {
    const window = Math.floor(now / WINDOW_MS);
    const sends: Promise<void>[] = [];
    for (const [client, count] of this.counts) {
      if (count.window < window) this.counts.delete(client);
      else if (count.pending > 0) sends.push(this.send(client, count));
    }
    await Promise.all(sends);
  }

  /** Waits for the batches on their way to the database. */
  async idle(): Promise<void> {
    while (this.sending.size) await Promise.all(this.sending);
  }

  /** A batch goes at once when a client's local count reaches the threshold, else with the next flush. */
  private sendWhenDue(client: string, count: ClientCount): void {
    if (count.pending >= this.flushAt) {
      const sent = this.send(client, count).finally(() => this.sending.delete(sent));
      this.sending.add(sent);
    } else if (count.pending > 0) {
      this.scheduleFlush();
    }
  }

  private scheduleFlush(): void {
    if (this.timer || !Number.isFinite(this.flushEveryMs)) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushEveryMs);
    this.timer.unref();
  }

  private async send(client: string, count: ClientCount): Promise<void> {
    if (count.inFlight > 0 || count.pending === 0 || !this.db.isInitialized) return;
    const hits = count.pending;
    count.pending = 0;
    count.inFlight = hits;
    try {
      count.shared = await this.store.add(`${count.window}:${client}`, hits, (count.window + 1) * WINDOW_MS);
      count.inFlight = 0;
      this.sendWhenDue(client, count);
    } catch {
      // Counted again with the next flush, a second later: never a tight loop against a failing database.
      count.inFlight = 0;
      count.pending += hits;
      this.scheduleFlush();
    }
  }
}

/** The token's user when a valid token was sent (identify ran before), else the client's address. */
function clientOf(req: Request): string {
  return req.viaToken && req.actor ? `user:${req.actor.id}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
}

function tooManyRequests(req: Request, res: Response, decision: RateDecision, limit: number): void {
  const name = req.path.split('/').pop() ?? '';
  res.set('Retry-After', String(decision.resetSeconds)).status(429).json({
    help: helpUrl(req, name),
    success: false,
    error: {
      __type: 'Too Many Requests',
      message: `Troppe richieste: il limite è di ${limit} al minuto; riprova tra ${decision.resetSeconds} secondi`,
    },
  });
}

/** The API's rate limit, CATALOGO_API_RATE_LIMIT requests per minute per client (0: no limit). */
export function apiRateLimit(services: Services, counter?: SharedRateCounter) {
  const limit = services.config.apiRateLimit;
  const shared = limit > 0 ? counter ?? new SharedRateCounter(services.db, limit) : null;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!shared || req.method === 'OPTIONS') return next();
    const decision = shared.hit(clientOf(req));
    res.set({
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(decision.remaining),
      'X-RateLimit-Reset': String(decision.resetSeconds),
    });
    if (decision.allowed) return next();
    tooManyRequests(req, res, decision, limit);
  };
}
