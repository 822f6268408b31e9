// Which datasets the DCAT feeds publish, and in which order: what an anonymous visitor may read, with
// at least one distribution (DCAT-AP_IT requires one: catalogue/visibility.ts PUBLISHED), filtered as ckanext-dcat filters (q, fq, modified_since),
// newest change first (ties by id), in the order of IDX_package_published.
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { PackageEntity } from '../catalogue/entities';
import { ANONYMOUS, datasetScope, PUBLISHED } from '../catalogue/visibility';
import { ValidationError } from '../core/errors';
import { parseInput } from '../search/search-input';
import { dateBound } from '../search/sql-filter';
import { QuerySyntaxError } from '../search/solr-syntax';

export interface FeedFilter {
  q?: string;
  fq?: string;
  modifiedSince?: string;
}

function publishedQuery(db: EntityManager, filter: FeedFilter): SelectQueryBuilder<PackageEntity> {
  const { condition, params } = parseInput({ q: filter.q, fq: filter.fq });
  const published = datasetScope('p', ANONYMOUS, PUBLISHED);
  const qb = db.getRepository(PackageEntity).createQueryBuilder('p')
    .where(published.where, published.params)
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
 * How many datasets match: hydra:totalItems. Counted on every request, not cached: a cache would have
 * to know of every change that moves a dataset in or out of a filter (an organization renamed, a
 * dataset made private by another instance), and IDX_package_published makes the plain count cheap.
 */
export async function countPublished(db: EntityManager, filter: FeedFilter): Promise<number> {
  return publishedQuery(db, filter).getCount();
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
 * Every published dataset, in batches of `batchSize`: keyset pagination on the id, which never changes,
 * so a dataset edited during a long export is neither skipped nor written twice (ordered by date, an
 * edit would move it behind the cursor). Each batch is one range of IDX_package_published_id; memory
 * holds one batch.
 */
export async function* publishedBatches(db: EntityManager, filter: FeedFilter, batchSize = 500): AsyncGenerator<PackageEntity[]> {
  let afterId: string | null = null;
  for (;;) {
    const qb = publishedQuery(db, filter).orderBy('p.id', 'ASC').limit(batchSize);
    if (afterId) qb.andWhere('p.id > :afterId', { afterId });
    const batch = await qb.getMany();
    if (!batch.length) return;
    yield batch;
    if (batch.length < batchSize) return;
    afterId = batch[batch.length - 1].id;
  }
}
