// Helpers for the auth tests: a catalogue with cheap password hashing, login attempts through the real
// form, and a count of the writes the database receives.
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { csrfTokenIn } from '../pages/helpers';

export type Agent = ReturnType<typeof request.agent>;

/** A test catalogue that hashes passwords cheaply; `env` adds or overrides settings. */
export function authCatalogue(env: Record<string, string> = {}): Promise<TestCatalogue> {
  return startCatalogue({ CATALOGO_PASSWORD_COST: '10', CATALOGO_API_RATE_LIMIT: '0', ...env });
}

/**
 * One login through the form, as a browser does it (GET the form, POST it with its CSRF token). `from`
 * is the client's address as the loopback proxy in front of the test app reports it (X-Forwarded-For).
 */
export async function loginAttempt(agent: Agent, username: string, password: string, from = '203.0.113.1') {
  const form = await agent.get('/user/login').set('X-Forwarded-For', from).expect(200);
  return agent.post('/user/login').set('X-Forwarded-For', from).type('form')
    .send({ username, password, _csrf: csrfTokenIn(form.text) });
}

/** Counts INSERT, UPDATE and DELETE statements per table while `work` runs. */
export async function countWrites(db: DataSource, work: () => Promise<void>): Promise<Map<string, number>> {
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
