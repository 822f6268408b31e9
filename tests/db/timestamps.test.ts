import { nowIso } from '../../server/db/columns';

describe('timestamps', () => {
  it('print as CKAN does, with microseconds and no zone', () => {
    expect(nowIso()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
  });

  it('strictly increase even within one millisecond, so activity keeps its order', () => {
    const stamps = Array.from({ length: 2000 }, () => nowIso());
    for (let i = 1; i < stamps.length; i += 1) expect(stamps[i] > stamps[i - 1]).toBe(true);
  });
});
