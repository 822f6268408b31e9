// Helpers for the auth tests: a catalogue with cheap password hashing, login attempts through the real
// form, and a count of the writes the database receives.
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { csrfTokenIn } from '../pages/helpers';
import { writerOf } from '../../server/db/transaction';

/** A test catalogue that hashes passwords cheaply; `env` adds or overrides settings. */
export function authCatalogue(env: Record<string, string> = {}): Promise<TestCatalogue> {
  return startCatalogue({ CATALOGO_PASSWORD_COST: '10', CATALOGO_API_RATE_LIMIT: '0', ...env });
}

/** The app, or a request handler standing in front of it (a proxy on another host). */
export type AppLike = Parameters<typeof request>[0];

/** The login cookie a response sets, with its attributes ('' if none). */
export function sessionCookieOf(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((cookie) => cookie.startsWith('catalogo.sid=')) ?? '';
}

/**
 * One login through the form, as a browser does it: GET the form, POST it with its CSRF token and the
 * session cookie (carried by hand, so that a secure cookie travels too when the site is https). `from`
 * is the client's address as the proxy in front of the app reports it (X-Forwarded-For).
 */
export async function loginAttempt(app: AppLike, username: string, password: string, from = '203.0.113.1', headers: Record<string, string> = {}) {
  const form = await request(app).get('/user/login').set({ 'X-Forwarded-For': from, ...headers }).expect(200);
  const cookie = sessionCookieOf(form).split(';')[0];
  const post = request(app).post('/user/login').set({ 'X-Forwarded-For': from, ...headers });
  if (cookie) post.set('Cookie', cookie);
  const res = await post.type('form').send({ username, password, _csrf: csrfTokenIn(form.text) });
  return Object.assign(res, { formCookie: sessionCookieOf(form) });
}

/** Counts INSERT, UPDATE and DELETE statements per table while `work` runs. */
export async function countWrites(services: DataSource, work: () => Promise<void>): Promise<Map<string, number>> {
  // Writes reach the writing connection (on SQLite the services' own one is read-only).
  const db = writerOf(services);
  const writes = new Map<string, number>();
  const logger = db.logger;
  const counting = Object.create(logger) as typeof logger;
  counting.logQuery = (query, parameters, runner) => {
    const table = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?/i.exec(query)?.[1];
    if (table) writes.set(table, (writes.get(table) ?? 0) + 1);
    return logger.logQuery(query, parameters, runner);
  };
  const mutable = db as { logger: typeof logger };
  mutable.logger = counting;
  try {
    await work();
  } finally {
    mutable.logger = logger;
  }
  return writes;
}

/** Five seconds into a minute that has not begun yet: 55 seconds to the next rate-limit window. */
export const PINNED_NOW = (Math.floor(Date.now() / 60_000) + 2) * 60_000 + 5000;

/** Stops the clock at PINNED_NOW (until jest.restoreAllMocks), so that no test straddles two windows. */
export function pinClock(): void {
  jest.spyOn(Date, 'now').mockReturnValue(PINNED_NOW);
}
