// package_search's statements answered from memory when the catalogue has not changed since: the page
// of ids, the total and the facet counts of one search (Solr keeps such caches too). A frequent word
// matches most of the catalogue, and counting five facets over 70,000 matches takes the database a
// quarter of a second however it is indexed; the same search again costs one small read here.
//
// The key is the search's SQL and parameters (so the caller's visibility scope too) and a revision read
// from the database on every search, made of what every change changes:
//   - `search_revision`, set anew by every write that reindexes datasets (search-index.ts), in its
//     transaction: creations, updates, deletions, purges, a dataset turning private, new resources;
//   - the groups revision (dataset-cache.ts): organization and group titles, which facets show;
//   - the newest metadata_modified: writes that only touch the row (a DataStore table loaded).
// The revision is read before the statements it covers, so an entry may hold rows newer than its key,
// never older; each instance reads it from the database, so a change shows at once in every one.
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager } from 'typeorm';
import { SystemSettingEntity } from '../auth/entities';
import { GROUPS_REVISION_SQL } from '../catalogue/dataset-cache';
import { perDatabase } from '../db/transaction';
import { runSql } from './sql-params';

const REVISION_KEY = 'search_revision';
/** Rows (page rows and facet values) kept per database: a few megabytes, whatever the number of searches. */
const MAX_ROWS_KEPT = 100_000;

export interface CachedSearch<T> {
  value: T;
  /** Page and facet rows held: what the cache's bound counts. */
  rows: number;
}

type SearchLru = LRUCache<string, CachedSearch<unknown>>;

/** Least recently used first out, bounded by the rows held, not by the number of searches. */
function newSearchLru(): SearchLru {
  return new LRUCache<string, CachedSearch<unknown>>({
    maxSize: MAX_ROWS_KEPT, maxEntrySize: MAX_ROWS_KEPT / 10, sizeCalculation: (entry) => Math.max(1, entry.rows),
  });
}

const caches = new WeakMap<DataSource, SearchLru>();
/** Searches being computed, by full key: a search asked again before its first computation ends waits for it. */
const computing = new WeakMap<DataSource, Map<string, Promise<unknown>>>();

/** Every write that reindexes datasets calls this in its transaction. */
export async function bumpSearchRevision(manager: EntityManager): Promise<void> {
  await manager.createQueryBuilder().insert().into(SystemSettingEntity).values({ key: REVISION_KEY, value: randomUUID() })
    .orUpdate(['value'], ['key']).execute();
}

async function revision(db: EntityManager): Promise<string> {
  const [row] = await runSql<{ s: string | null; g: string | null; m: unknown }>(db, `SELECT
    (SELECT "value" FROM "system_setting" WHERE "key" = '${REVISION_KEY}') AS s, ${GROUPS_REVISION_SQL} AS g,
    (SELECT MAX("metadata_modified") FROM "package") AS m`, {});
  return `${row.s ?? ''}|${row.g ?? ''}|${String(row.m ?? '')}`;
}

/**
 * `compute`'s answer for this search key, from memory when nothing changed since it was computed.
 * Inside a transaction (rows that may roll back) it always computes and keeps nothing.
 */
export async function cachedSearch<T>(db: EntityManager, key: string, compute: () => Promise<CachedSearch<T>>): Promise<T> {
  if (db.queryRunner?.isTransactionActive) return (await compute()).value;
  const cache = perDatabase(caches, db, newSearchLru);
  const fullKey = `${await revision(db)}\n${key}`;
  const kept = cache.get(fullKey);
  if (kept !== undefined) return kept.value as T;
  // Eight visitors asking the same new search at once cost one computation, not eight side by side.
  const inFlight = perDatabase(computing, db, () => new Map<string, Promise<unknown>>());
  const running = inFlight.get(fullKey) as Promise<T> | undefined;
  if (running) return running;
  const work = compute().then((computed) => {
    // An answer over the entry bound (maxEntrySize) is not kept; lru-cache drops it by itself.
    cache.set(fullKey, computed);
    return computed.value;
  }).finally(() => inFlight.delete(fullKey));
  inFlight.set(fullKey, work);
  return work;
}
