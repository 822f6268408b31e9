// The login rate limit is counted in the database, so that every app instance sees the same count.
import { DatabaseRateLimitStore } from '../../server/auth/rate-limit-store';
import { startCatalogue, TestCatalogue } from '../support/harness';

describe('the database rate-limit store', () => {
  let cat: TestCatalogue;
  beforeAll(async () => {
    cat = await startCatalogue();
  });
  afterAll(async () => cat.close());

  function store(windowMs: number): DatabaseRateLimitStore {
    const s = new DatabaseRateLimitStore(cat.services.db);
    s.init({ windowMs } as never);
    return s;
  }

  it('counts hits from two stores (two app instances) together', async () => {
    const first = store(60_000);
    const second = store(60_000);
    expect((await first.increment('1.2.3.4|mario')).totalHits).toBe(1);
    expect((await second.increment('1.2.3.4|mario')).totalHits).toBe(2);
    expect((await first.increment('1.2.3.4|mario')).totalHits).toBe(3);
    expect((await second.get('1.2.3.4|mario'))?.totalHits).toBe(3);
    expect((await first.increment('1.2.3.4|anna')).totalHits).toBe(1);
  });

  it('starts again after the window, and after a reset', async () => {
    const short = store(1);
    await short.increment('k');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await short.increment('k')).totalHits).toBe(1);
    await short.increment('k');
    await short.resetKey('k');
    expect(await short.get('k')).toBeUndefined();
    expect((await short.increment('k')).totalHits).toBe(1);
  });

  it('decrements without going below zero', async () => {
    const s = store(60_000);
    await s.increment('d');
    await s.decrement('d');
    await s.decrement('d');
    expect((await s.get('d'))?.totalHits).toBe(0);
  });
});
