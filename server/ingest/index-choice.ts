// Which columns of a loaded file get an index, chosen once the whole file is read. A filter people put
// on a table (datastore_search's `filters`, the preview's) is an equality on a code, a number, a date
// or a short name: those columns are indexed. Left out: decimals and booleans (rarely filtered for
// equality), JSON, long text (descriptions: searched with `q`, which no B-tree serves), columns with
// fewer than DISTINCT_CAP distinct values (a page of matches is found by a short scan in `_id` order),
// and small tables, where a scan takes a few milliseconds. Each index costs about half a second per
// million rows on SQLite, paid once per load; an editor can choose others with datastore_create.
import { DISTINCT_CAP, ColumnInference } from './infer';
import { TableSchema } from './schema';
import { FieldType } from './values';

/** Below this many rows a filter's scan is fast enough: no index. */
export const INDEXED_MIN_ROWS = 10_000;
/** Text longer than this is prose, not a key. */
export const INDEXED_MAX_TEXT = 40;
/** At most this many automatic indexes per table (each costs load time and disk). */
const MAX_INDEXES = 8;

const KEY_TYPES: ReadonlySet<FieldType> = new Set(['integer', 'date', 'datetime', 'string']);

/** The column ids to index, each an index of its own. */
export function chosenIndexes(schema: TableSchema, inference: ColumnInference[], rows: number): string[][] {
  if (rows < INDEXED_MIN_ROWS) return [];
  return schema.fields
    .filter((field, i) => KEY_TYPES.has(field.type)
      && inference[i].distinct >= DISTINCT_CAP
      && (field.type !== 'string' || inference[i].longest <= INDEXED_MAX_TEXT))
    .slice(0, MAX_INDEXES)
    .map((field) => [field.name]);
}
