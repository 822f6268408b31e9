// jsonOf is JSON.stringify, with the text of deeply frozen values made once; deepFreeze freezes all the way.
import { deepFreeze, jsonOf } from '../../server/core/immutable';

describe('jsonOf', () => {
  const samples: unknown[] = [
    null, 0, -1.5, 'testo "virgolettato" \u2028 \u0000', true, [], {},
    [1, undefined, () => 1, Symbol('s'), null, 'a'],
    { a: 1, b: undefined, c: () => 1, d: [{ e: new Date(Date.UTC(2026, 0, 2)) }], 'chiave "strana"': { f: [[]] } },
    Object.assign(Object.create(null), { senza: 'prototipo' }),
    { toJSON: () => ({ fatto: 'da toJSON' }) },
  ];

  it.each(samples.map((sample) => [sample]))('writes what JSON.stringify writes: %p', (sample) => {
    expect(jsonOf(sample)).toBe(JSON.stringify(sample));
  });

  it('writes the same for frozen values inside fresh ones, and makes their text once', () => {
    const kept = deepFreeze({ id: 'x', resources: [{ name: 'r', size: 3 }], extras: [] });
    const page = { count: 2, results: [kept, kept], facets: { tags: { a: 1 } } };
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      expect(jsonOf(page)).toBe(JSON.stringify(page));
      stringify.mockClear();
      jsonOf(page);
      // The kept dict is not serialised again: only the fresh page's own keys and numbers are.
      expect(stringify.mock.calls.some(([value]) => value === kept)).toBe(false);
    } finally {
      stringify.mockRestore();
    }
  });
});

describe('deepFreeze', () => {
  it('freezes nested objects and arrays, even inside an object frozen elsewhere', () => {
    const inner = { list: [1, { deep: true }] };
    const value = deepFreeze({ shallow: Object.freeze({ inner }) });
    expect(Object.isFrozen(value.shallow.inner.list[1])).toBe(true);
    expect(() => { (value.shallow.inner.list as unknown[]).push(2); }).toThrow(TypeError);
  });

  it('ends on cycles', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(Object.isFrozen(deepFreeze(a))).toBe(true);
  });
});
