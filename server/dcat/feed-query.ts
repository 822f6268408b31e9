// Which datasets the DCAT feeds publish, and in which order: public, active, with at least one
// distribution (DCAT-AP_IT requires one), filtered as ckanext-dcat filters (q, fq, modified_since),
// newest change first (ties by id), in the order of IDX_package_published.
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { PackageEntity } from '../catalogue/entities';
import { ValidationError } from '../core/errors';
import { parseInput } from '../search/package-search';
import { dateBound } from '../search/sql-filter';
import { QuerySyntaxError } from '../search/solr-syntax';

export interface FeedFilter {
  q?: string;
  fq?: string;
  modifiedSince?: string;
}

function publishedQuery(db: EntityManager, filter: FeedFilter): SelectQueryBuilder<PackageEntity> {
  const { condition, params } = parseInput({ q: filter.q, fq: filter.fq });
  const qb = db.getRepository(PackageEntity).createQueryBuilder('p')
    .where("p.state = 'active' AND p.private = :notPrivate AND p.has_distribution = :withDistribution", { notPrivate: false, withDistribution: true })
    .andWhere(condition, params);
  if (filter.modifiedSince) {
    let since: string;
    try {
      since = dateBound(filter.modifiedSince.trim());
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      throw ValidationError.field('modified_since', `Data non valida: "${filter.modifiedSince.slice(0, 40)}". Usa una data ISO, per esempio 2024-05-01 o 2024-05-01T00:00:00Z`, 400);
    }
    qb.andWhere('p.metadata_modified >= :since', { since });
  }
  return qb;
}

/**
 * A count walks every matching row, and a q filter reads every title and description: O(catalogue),
 * on every page a harvester fetches. The count only changes when a dataset is created, changed
 * (resources and visibility bump metadata_modified) or purged, so it is cached per filter under a stamp
 * both databases read cheaply: the newest metadata_modified and the number of rows. Every instance
 * reads the stamp from the database, so none serves a count another instance made stale.
 */
const countCache = new Map<string, { stamp: string; count: number }>();
const COUNT_CACHE_SIZE = 200;

async function catalogueStamp(db: EntityManager): Promise<string> {
  const row = await db.getRepository(PackageEntity).createQueryBuilder('p')
    .select('MAX(p.metadata_modified)', 'latest').addSelect('COUNT(*)', 'rows').getRawOne<{ latest: string | null; rows: string | number }>();
  return `${row?.latest ?? ''}|${row?.rows ?? 0}`;
}

export async function countPublished(db: EntityManager, filter: FeedFilter): Promise<number> {
  const key = JSON.stringify([String(db.connection.options.database ?? ''), filter.q ?? '', filter.fq ?? '', filter.modifiedSince ?? '']);
  const query = publishedQuery(db, filter); // validates the filter even when the count is cached
  // NOW-relative dates move with the clock, not with the data: never cached.
  if (/NOW/.test(key)) return query.getCount();
  const stamp = await catalogueStamp(db);
  const cached = countCache.get(key);
  if (cached?.stamp === stamp) return cached.count;
  const count = await query.getCount();
  if (countCache.size >= COUNT_CACHE_SIZE) countCache.delete(countCache.keys().next().value!);
  countCache.set(key, { stamp, count });
  return count;
}

/**
 * One page (1-based) of published datasets, newest change first. The offset is walked on ids alone,
 * which IDX_package_published covers, and only the page's hundred rows are then read: deep pages skip
 * index entries, not whole rows.
 */
export async function publishedPage(db: EntityManager, filter: FeedFilter, page: number, perPage: number): Promise<PackageEntity[]> {
  const rows = await publishedQuery(db, filter).select('p.id', 'id')
    .orderBy('p.metadata_modified', 'DESC').addOrderBy('p.id', 'DESC')
    .offset((page - 1) * perPage).limit(perPage)
    .getRawMany<{ id: string }>();
  if (!rows.length) return [];
  const byId = new Map((await db.getRepository(PackageEntity).findBy({ id: In(rows.map((r) => r.id)) })).map((p) => [p.id, p]));
  return rows.map((r) => byId.get(r.id)).filter((p): p is PackageEntity => !!p);
}

/**
 * Every published dataset, in batches: keyset pagination on (metadata_modified, id), so each batch is
 * one indexed query however deep into the catalogue it is, and memory holds one batch at a time.
 */
export async function* publishedBatches(db: EntityManager, filter: FeedFilter, batchSize = 500): AsyncGenerator<PackageEntity[]> {
  let after: { modified: string; id: string } | null = null;
  for (;;) {
    const qb = publishedQuery(db, filter).orderBy('p.metadata_modified', 'DESC').addOrderBy('p.id', 'DESC').limit(batchSize);
    // A row-value comparison: both databases walk IDX_package_published backwards from this point.
    if (after) qb.andWhere('(p.metadata_modified, p.id) < (:afterModified, :afterId)', { afterModified: after.modified, afterId: after.id });
    const batch = await qb.getMany();
    if (!batch.length) return;
    yield batch;
    if (batch.length < batchSize) return;
    const last = batch[batch.length - 1];
    after = { modified: last.metadataModified, id: last.id };
  }
}
