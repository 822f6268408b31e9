/** A field's value as text: undefined and null become '', as CKAN stores missing strings. */
export function textOf(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}
