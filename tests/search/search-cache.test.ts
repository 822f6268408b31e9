// package_search's kept answers (search/search-cache.ts): the same search asked again while its first
// computation runs waits for it instead of computing side by side; a write makes every kept answer stale.
import { inTransaction } from '../../server/db/transaction';
import { bumpSearchRevision, cachedSearch } from '../../server/search/search-cache';
import { startCatalogue, TestCatalogue } from '../support/harness';

let cat: TestCatalogue;
beforeAll(async () => {
  cat = await startCatalogue();
});
afterAll(async () => cat.close());

/** A computation that counts its calls and ends only when `finish` is called. */
function slowComputation(answer: string) {
  let calls = 0;
  let finish: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const compute = async () => {
    calls += 1;
    await gate;
    return { value: answer, rows: 1 };
  };
  return { compute, finish: () => finish(), calls: () => calls };
}

describe('the search cache', () => {
  it('computes a search asked five times at once only once, and gives all five its answer', async () => {
    const db = cat.services.db.manager;
    const slow = slowComputation('risposta');
    const asked = Array.from({ length: 5 }, () => cachedSearch(db, 'stessa-ricerca', slow.compute));
    // Each caller reads the revision first: let them all reach the point where they would compute.
    await new Promise((resolve) => setTimeout(resolve, 50));
    slow.finish();
    expect(await Promise.all(asked)).toEqual(['risposta', 'risposta', 'risposta', 'risposta', 'risposta']);
    expect(slow.calls()).toBe(1);
  });

  it('computes again after a write, and shares no failure with later callers', async () => {
    const db = cat.services.db.manager;
    const first = slowComputation('prima');
    first.finish();
    expect(await cachedSearch(db, 'dopo-una-scrittura', first.compute)).toBe('prima');
    expect(await cachedSearch(db, 'dopo-una-scrittura', first.compute)).toBe('prima');
    expect(first.calls()).toBe(1);
    await inTransaction(cat.services.db, bumpSearchRevision);
    const failing = async (): Promise<{ value: string; rows: number }> => {
      throw new Error('guasto');
    };
    await expect(cachedSearch(db, 'dopo-una-scrittura', failing)).rejects.toThrow('guasto');
    const second = slowComputation('seconda');
    second.finish();
    expect(await cachedSearch(db, 'dopo-una-scrittura', second.compute)).toBe('seconda');
  });
});
