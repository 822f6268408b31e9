// The API's rate limit (CATALOGO_API_RATE_LIMIT per minute per client), with the headers AgID's
// interoperability guidelines ask for on every answer and 429 in CKAN's envelope past the limit.
// HTTP tests pin the clock inside one window; each test is its own client (an address the loopback
// proxy in front of the test app reports, or a token's user).
import { SharedRateCounter } from '../../server/http/api-rate-limit';
import { ConfigError, loadConfig } from '../../server/config';
import { TestCatalogue } from '../support/harness';
import { callAction, getAction, makeUser } from '../support/factories';
import { authCatalogue, countWrites, pinClock, PINNED_NOW } from './support';

const from = (address: string) => ({ 'X-Forwarded-For': address });

describe('CATALOGO_API_RATE_LIMIT', () => {
  it('is 600 requests a minute by default; 0 turns the limit off', () => {
    expect(loadConfig({}).apiRateLimit).toBe(600);
    expect(loadConfig({ CATALOGO_API_RATE_LIMIT: '0' }).apiRateLimit).toBe(0);
    expect(loadConfig({ CATALOGO_API_RATE_LIMIT: '5000' }).apiRateLimit).toBe(5000);
    for (const bad of ['-1', 'molti', '1.5']) expect(() => loadConfig({ CATALOGO_API_RATE_LIMIT: bad })).toThrow(ConfigError);
  });
});

describe('an API limited to 5 requests a minute', () => {
  let cat: TestCatalogue;
  beforeAll(async () => {
    cat = await authCatalogue({ CATALOGO_API_RATE_LIMIT: '5' });
  });
  afterAll(async () => cat.close());
  beforeEach(pinClock);
  afterEach(() => jest.restoreAllMocks());

  it('says on every answer, errors included, the limit, what is left and the seconds to the next window', async () => {
    const answers = [
      await getAction(cat, 'package_list').set(from('203.0.113.1')),
      await getAction(cat, 'package_show', { id: 'nessuno' }).set(from('203.0.113.1')),
      await getAction(cat, 'azione_inesistente').set(from('203.0.113.1')),
      await callAction(cat, 'package_create', { name: 'x' }).set(from('203.0.113.1')),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 404, 400, 409]);
    answers.forEach((res, i) => {
      expect(res.headers['x-ratelimit-limit']).toBe('5');
      expect(res.headers['x-ratelimit-remaining']).toBe(String(4 - i));
      expect(res.headers['x-ratelimit-reset']).toBe('55');
    });
  });

  it("answers 429 in CKAN's envelope with Retry-After past the limit, and only for that client", async () => {
    for (let i = 0; i < 5; i += 1) await getAction(cat, 'package_list').set(from('203.0.113.2')).expect(200);
    const refused = await getAction(cat, 'package_list').set(from('203.0.113.2')).expect(429);
    expect(refused.body).toMatchObject({ success: false, error: { __type: 'Too Many Requests' } });
    expect(refused.body.help).toContain('help_show?name=package_list');
    expect(refused.body.error.message).toMatch(/^Troppe richieste: il limite è di 5 al minuto; riprova tra 55 secondi/);
    expect(refused.headers['retry-after']).toBe('55');
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    await getAction(cat, 'package_list').set(from('203.0.113.3')).expect(200);
  });

  it("counts a valid token's user wherever it calls from, apart from the address; a bad token counts as the address", async () => {
    const user = await makeUser(cat);
    for (let i = 0; i < 5; i += 1) await getAction(cat, 'package_list', {}, user.token).set(from(`198.51.100.${i}`)).expect(200);
    await getAction(cat, 'package_list', {}, user.token).set(from('198.51.100.9')).expect(429);
    // The address it used last still has its own allowance; a revoked or invented token spends it.
    await getAction(cat, 'package_list').set(from('198.51.100.4')).expect(200);
    for (let i = 0; i < 4; i += 1) await getAction(cat, 'package_list', {}, 'cat_inventato').set(from('198.51.100.4')).expect(403);
    await getAction(cat, 'package_list').set(from('198.51.100.4')).expect(429);
  });
});

describe('an API without a limit (CATALOGO_API_RATE_LIMIT=0)', () => {
  let cat: TestCatalogue;
  beforeAll(async () => {
    cat = await authCatalogue({ CATALOGO_API_RATE_LIMIT: '0' });
  });
  afterAll(async () => cat.close());

  it('sends no limit headers and never answers 429', async () => {
    for (let i = 0; i < 20; i += 1) {
      const res = await getAction(cat, 'package_list').expect(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });
});

describe('one limit shared by several instances, counted in batches', () => {
  let cat: TestCatalogue;
  beforeAll(async () => {
    cat = await authCatalogue();
  });
  afterAll(async () => cat.close());

  /** Two instances' counters on one database, flushing only at their threshold (5% of 100 = 5). */
  async function twoInstances(limit: number) {
    const instances = [0, 1].map(() => new SharedRateCounter(cat.services.db, limit, Infinity));
    let admitted = 0;
    let refusedInARow = 0;
    const writes = await countWrites(cat.services.db, async () => {
      for (let i = 0; refusedInARow < 10; i += 1) {
        const counter = instances[i % 2];
        const decision = counter.hit('ip:192.0.2.1', PINNED_NOW);
        await counter.idle();
        if (decision.allowed) admitted += 1;
        refusedInARow = decision.allowed ? 0 : refusedInARow + 1;
      }
      await Promise.all(instances.map((counter) => counter.flush(PINNED_NOW)));
    });
    return { admitted, writes: writes.get('rate_limit') ?? 0 };
  }

  it('admits the limit and at most one batch more per other instance, with one write per batch', async () => {
    const { admitted, writes } = await twoInstances(100);
    expect(admitted).toBeGreaterThanOrEqual(100);
    expect(admitted).toBeLessThanOrEqual(100 + 5);
    expect(writes).toBeLessThanOrEqual(Math.ceil(admitted / 5) + 2);
    const [row] = await cat.services.db.query("SELECT hits FROM rate_limit WHERE key LIKE 'api:%:ip:192.0.2.1'");
    expect(Number(row.hits)).toBe(admitted);
  });

  it('sends what is left below the threshold when flushed', async () => {
    const counter = new SharedRateCounter(cat.services.db, 100, Infinity);
    for (let i = 0; i < 3; i += 1) counter.hit('ip:192.0.2.2', PINNED_NOW);
    await counter.flush(PINNED_NOW);
    const other = new SharedRateCounter(cat.services.db, 100, Infinity);
    for (let i = 0; i < 5; i += 1) other.hit('ip:192.0.2.2', PINNED_NOW);
    await other.idle();
    // The other instance read back the shared total: its three, and these five.
    expect(other.hit('ip:192.0.2.2', PINNED_NOW).remaining).toBe(100 - 3 - 5 - 1);
  });
});
