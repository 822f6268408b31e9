// Values that never change once made: the presented datasets the cache hands to every reader. They are
// frozen all the way down, so their JSON text can be made once and sent again as it is.

const deeplyFrozen = new WeakSet<object>();
const jsonMemo = new WeakMap<object, string>();

/** Freezes `value` and everything in it; the result is known to be immutable (see jsonOf). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || deeplyFrozen.has(value)) return value;
  // Marked before the walk, so that a cycle ends it.
  deeplyFrozen.add(value);
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}

function skipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/**
 * JSON.stringify(value), with the text of every deeply frozen object inside made once and kept: a
 * search page of kept datasets is then mostly joined, not serialised.
 */
export function jsonOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (deeplyFrozen.has(value)) {
    let text = jsonMemo.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      jsonMemo.set(value, text);
    }
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => (skipped(item) ? 'null' : jsonOf(item))).join(',')}]`;
  const prototype = Object.getPrototypeOf(value);
  const plain = (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (!plain) return JSON.stringify(value); // Dates, toJSON, class instances: as JSON.stringify does
  const members: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (!skipped(inner)) members.push(`${JSON.stringify(key)}:${jsonOf(inner)}`);
  }
  return `{${members.join(',')}}`;
}
