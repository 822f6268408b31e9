// Reads do not write: an API call with a token records the token's use at most once a minute, and a
// logged-in page view moves the session's expiry at most once a minute. Counted by watching every
// INSERT, UPDATE and DELETE the database receives.
import request from 'supertest';
import { ApiTokenEntity, SessionEntity } from '../../server/auth/entities';
import { serializedWrite } from '../../server/db/transaction';
import { TestCatalogue } from '../support/harness';
import { getAction, makeUser, TestUser } from '../support/factories';
import { loggedInAgent } from '../pages/helpers';
import { authCatalogue, countWrites, loginAttempt, sessionCookieOf } from './support';

const MINUTE = 60_000;
const EIGHT_HOURS = 8 * 60 * MINUTE;

let cat: TestCatalogue;
let user: TestUser;

beforeAll(async () => {
  cat = await authCatalogue();
  user = await makeUser(cat);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await cat.close();
});

/** Lets background writes reach the database: the SQLite write queue drains; PostgreSQL gets a moment. */
async function settle(): Promise<void> {
  await serializedWrite(cat.services.db, (writer) => writer.query('SELECT 1'));
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Polls a value the background write will set: waits for behaviour, asserts nothing about time. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 200 && !done(value); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return value;
}

const lastAccess = async (token: TestUser): Promise<string | null> => (await getAction(cat, 'api_token_list', { user_id: token.name }, token.token)).body.result[0].last_access;

function clockAhead(ms: number): void {
  const realNow = Date.now.bind(Date);
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + ms);
}

describe('API calls with a token', () => {
  it('write nothing but, once, the token\'s last use, over many reads', async () => {
    const reader = await makeUser(cat);
    const writes = await countWrites(cat.services.db, async () => {
      for (let i = 0; i < 30; i += 1) await getAction(cat, 'user_show', { id: user.name }, reader.token).expect(200);
      await settle();
    });
    expect(Object.fromEntries(writes)).toEqual({ api_token: 1 });
    expect(await eventually(() => lastAccess(reader), Boolean)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('record the use again once a minute has passed', async () => {
    const reader = await makeUser(cat);
    await getAction(cat, 'user_show', { id: user.name }, reader.token).expect(200);
    const first = await eventually(() => lastAccess(reader), Boolean);
    clockAhead(MINUTE + 1000);
    try {
      await getAction(cat, 'user_show', { id: user.name }, reader.token).expect(200);
      expect(await eventually(() => lastAccess(reader), (value) => value !== first)).not.toBe(first);
    } finally {
      jest.restoreAllMocks();
    }
    const row = await cat.services.db.getRepository(ApiTokenEntity).findOneByOrFail({ userId: reader.actor.id });
    expect(row.lastAccess! > first!).toBe(true);
  });
});

describe('logged-in page views', () => {
  const storedExpiry = async () => Math.max(...(await cat.services.db.getRepository(SessionEntity).find()).map((row) => Number(row.expires)));

  it('write nothing, over many views', async () => {
    const agent = await loggedInAgent(cat, user);
    await agent.get('/').expect(200);
    const writes = await countWrites(cat.services.db, async () => {
      for (let i = 0; i < 30; i += 1) expect((await agent.get('/').expect(200)).text).toContain(`Connesso come ${user.name}`);
      await settle();
    });
    expect(Object.fromEntries(writes)).toEqual({});
  });

  it('move the 8-hour expiry forward once a minute has passed, and only the expiry', async () => {
    await serializedWrite(cat.services.db, (writer) => writer.getRepository(SessionEntity).clear());
    const agent = await loggedInAgent(cat, user);
    const before = await storedExpiry();
    clockAhead(2 * MINUTE);
    try {
      const writes = await countWrites(cat.services.db, async () => {
        await agent.get('/').expect(200);
        await eventually(storedExpiry, (value) => value > before);
        await agent.get('/').expect(200);
        await settle();
      });
      expect(Object.fromEntries(writes)).toEqual({ http_session: 1 });
      const after = await storedExpiry();
      expect(after).toBeGreaterThanOrEqual(before + 2 * MINUTE);
      expect(after).toBeLessThanOrEqual(Date.now() + EIGHT_HOURS);
      expect(after).toBeGreaterThan(Date.now() + EIGHT_HOURS - MINUTE);
    } finally {
      jest.restoreAllMocks();
    }
    // Still logged in, with the same cookie.
    expect((await agent.get('/').expect(200)).text).toContain(`Connesso come ${user.name}`);
  });

  it('still expire: a session whose stored expiry has passed is logged out', async () => {
    const cookie = sessionCookieOf(await loginAttempt(cat.app, user.name, user.password)).split(';')[0];
    const home = () => request(cat.app).get('/').set('Cookie', cookie).expect(200);
    expect((await home()).text).toContain('Connesso come');
    clockAhead(EIGHT_HOURS + MINUTE);
    try {
      expect((await home()).text).not.toContain('Connesso come');
    } finally {
      jest.restoreAllMocks();
    }
  });
});
