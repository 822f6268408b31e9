// The pages a sitemap lists, read straight from the database in keyset batches: package_search would
// build full dicts for up to 100,000 datasets. Only what an anonymous visitor may see is listed.
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { GroupEntity, PackageEntity } from '../catalogue/entities';
import { ANONYMOUS, datasetScope } from '../catalogue/visibility';
import { Services } from '../core/context';
import { isoTimestamp } from './xml';

export interface SitemapUrl {
  loc: string;
  lastmod?: string | null;
}

/** One kind of page in the sitemap: how many there are, and a way to read a slice of them in batches. */
export interface Segment {
  count: number;
  read(offset: number, limit: number): AsyncGenerator<SitemapUrl[]>;
}

type Fetch<R> = (after: string | null, skip: number, take: number) => Promise<R[]>;

/**
 * Rows in name order: the first query skips `offset` rows, the next ones continue after the last name
 * seen (keyset), so no query walks the rows already sent.
 */
async function* keyset<R extends { name: string }>(fetch: Fetch<R>, offset: number, limit: number, batch: number): AsyncGenerator<R[]> {
  let after: string | null = null;
  let skip = offset;
  let left = limit;
  while (left > 0) {
    const take = Math.min(batch, left);
    const rows = await fetch(after, skip, take);
    if (rows.length) yield rows;
    if (rows.length < take) return;
    left -= rows.length;
    skip = 0;
    after = rows[rows.length - 1].name;
  }
}

function keysetSegment<R extends { name: string }>(count: number, fetch: Fetch<R>, toUrl: (row: R) => SitemapUrl, batch: number): Segment {
  return {
    count,
    async *read(offset, limit) {
      for await (const rows of keyset(fetch, offset, limit, batch)) yield rows.map(toUrl);
    },
  };
}

function staticSegment(site: string): Segment {
  const urls: SitemapUrl[] = ['/', '/dataset', '/organization', '/group'].map((path) => ({ loc: `${site}${path}` }));
  return {
    count: urls.length,
    async *read(offset, limit) {
      yield urls.slice(offset, offset + limit);
    },
  };
}

/** The home and index pages, then datasets, organizations and groups, each in name order. */
export async function segments(services: Services, batch: number): Promise<Segment[]> {
  const site = services.config.siteUrl;
  const db = services.db;
  // What an anonymous visitor may read, as package_search shows it to them.
  const listed = datasetScope('p', ANONYMOUS);
  const datasets = () => db.getRepository(PackageEntity).createQueryBuilder('p').where(listed.where, listed.params);
  const groups = (isOrganization: boolean) => db.getRepository(GroupEntity).createQueryBuilder('g')
    .where("g.state = 'active'").andWhere('g.is_organization = :isOrganization', { isOrganization });
  const page = (qb: SelectQueryBuilder<ObjectLiteral>, alias: string, after: string | null, skip: number, take: number) => {
    if (after !== null) qb.andWhere(`${alias}.name > :after`, { after });
    return qb.orderBy(`${alias}.name`, 'ASC').offset(skip).limit(take);
  };
  const groupSegment = async (isOrganization: boolean, kind: string): Promise<Segment> => keysetSegment(
    await groups(isOrganization).getCount(),
    (after, skip, take) => page(groups(isOrganization).select('g.name', 'name'), 'g', after, skip, take).getRawMany<{ name: string }>(),
    (r) => ({ loc: `${site}/${kind}/${encodeURIComponent(r.name)}` }),
    batch,
  );
  return [
    staticSegment(site),
    keysetSegment(
      await datasets().getCount(),
      (after, skip, take) => page(datasets().select('p.name', 'name').addSelect('p.metadata_modified', 'modified'), 'p', after, skip, take)
        .getRawMany<{ name: string; modified: string }>(),
      (r) => ({ loc: `${site}/dataset/${encodeURIComponent(r.name)}`, lastmod: isoTimestamp(r.modified) }),
      batch,
    ),
    await groupSegment(true, 'organization'),
    await groupSegment(false, 'group'),
  ];
}

export function totalCount(parts: Segment[]): number {
  return parts.reduce((sum, part) => sum + part.count, 0);
}
