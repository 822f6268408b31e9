// The login limits count what login looks up: the normalised user name, per address, and every account
// tried from one address (password spraying). Each test comes from its own client address, as the
// loopback proxy in front of the test app reports it, so that their counters do not mix.
import { createApp } from '../../server/app';
import { TestCatalogue } from '../support/harness';
import { makeUser, TestUser } from '../support/factories';
import { authCatalogue, loginAttempt } from './support';

let cat: TestCatalogue;

beforeAll(async () => {
  cat = await authCatalogue();
});

afterAll(async () => cat.close());

async function failures(username: (i: number) => string, count: number, from: string): Promise<void> {
  for (let i = 0; i < count; i += 1) expect((await loginAttempt(cat.app, username(i), `sbagliata-${i}`, from)).status).toBe(401);
}

describe('the per-account login limit', () => {
  let eda: TestUser;
  beforeAll(async () => {
    eda = await makeUser(cat, { name: `eda-${Date.now().toString(36)}` });
  });

  it('logs in with the name as typed: spaces around it and capitals do not matter', async () => {
    const res = await loginAttempt(cat.app, ` ${eda.name.toUpperCase()}\t`, eda.password, '203.0.113.10');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/user/${eda.name}`);
  });

  it('counts " eda", "eda ", "\\teda" and "EDA" as one account: the 11th try is refused, right password or not', async () => {
    const spellings = [` ${eda.name}`, `${eda.name} `, `\t${eda.name}`, eda.name.toUpperCase(), `\u00a0${eda.name}\u3000`];
    await failures((i) => spellings[i % spellings.length], 10, '203.0.113.11');
      for (const spelling of [`${eda.name} \t`, eda.name]) {
      const blocked = await loginAttempt(cat.app, spelling, eda.password, '203.0.113.11');
      expect(blocked.status).toBe(429);
      expect(blocked.text).toContain('Troppi tentativi di accesso');
    }
    // The account itself is not locked for everyone: another address still logs in.
    expect((await loginAttempt(cat.app, eda.name, eda.password, '203.0.113.12')).status).toBe(303);
  });

  it('shares the count between app instances (it lives in the database)', async () => {
    const other = await createApp(cat.services);
    for (let i = 0; i < 5; i += 1) {
      expect((await loginAttempt(cat.app, eda.name, 'no', '203.0.113.13')).status).toBe(401);
      expect((await loginAttempt(other, eda.name, 'no', '203.0.113.13')).status).toBe(401);
    }
    expect((await loginAttempt(other, eda.name, eda.password, '203.0.113.13')).status).toBe(429);
  });
});

describe('the per-address login limit (password spraying)', () => {
  it('refuses an address after 50 failed logins across different user names, and only that address', async () => {
    const target = await makeUser(cat);
    await failures((i) => `utente-inventato-${i}`, 50, '198.51.100.7');
    const blocked = await loginAttempt(cat.app, target.name, target.password, '198.51.100.7');
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Troppi tentativi di accesso');
    expect((await loginAttempt(cat.app, target.name, target.password, '198.51.100.8')).status).toBe(303);
  });

  it('does not count successful logins against the address', async () => {
    const user = await makeUser(cat);
    for (let i = 0; i < 55; i += 1) expect((await loginAttempt(cat.app, user.name, user.password, '198.51.100.9')).status).toBe(303);
  });
});
