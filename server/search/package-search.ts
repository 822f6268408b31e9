// package_search, first version: CKAN's q and fq (Solr syntax, read in search-input.ts) turned into SQL
// (sql-filter.ts), words matched with LIKE over title, name, notes and tags, and facets, on both
// databases. Full-text ranking comes with the search issue.
import { SelectQueryBuilder } from 'typeorm';
import { GroupEntity, PackageEntity } from '../catalogue/entities';
import { Dict, packageDicts } from '../catalogue/present';
import { scopeFor } from '../catalogue/visibility';
import { defineAction, publicAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { FacetField } from './query';
import { parseInput, SearchInput } from './search-input';

const MAX_ROWS = 1000;

/** Public, active datasets; with include_private and include_drafts, also those the caller may read, as in CKAN. */
async function baseQuery(ctx: ActionContext, input: SearchInput, condition: string, params: Record<string, unknown>): Promise<SelectQueryBuilder<PackageEntity>> {
  const scope = await scopeFor(ctx, 'p', { includePrivate: input.include_private, includeDrafts: input.include_drafts });
  return ctx.services.db.getRepository(PackageEntity).createQueryBuilder('p')
    .where(scope.where, scope.params)
    .andWhere(condition, params);
}

async function facetCounts(base: SelectQueryBuilder<PackageEntity>, field: FacetField, limit: number, mincount: number): Promise<{ name: string; display_name: string; count: number }[]> {
  const qb = base.clone().select([]);
  let rows: { name: string; display: string; count: string }[];
  switch (field) {
    case 'organization':
      qb.innerJoin(GroupEntity, 'f', 'f.id = p.owner_org').select('f.name', 'name').addSelect('f.title', 'display').groupBy('f.name').addGroupBy('f.title');
      break;
    case 'groups':
      qb.innerJoin('package_group', 'fg', 'fg.package_id = p.id').innerJoin(GroupEntity, 'f', 'f.id = fg.group_id')
        .select('f.name', 'name').addSelect('f.title', 'display').groupBy('f.name').addGroupBy('f.title');
      break;
    case 'tags':
      qb.innerJoin('package_tag', 'f', 'f.package_id = p.id').select('f.tag', 'name').addSelect('f.tag', 'display').groupBy('f.tag');
      break;
    case 'res_format':
      qb.innerJoin('resource', 'f', "f.package_id = p.id AND f.state = 'active' AND f.format <> ''")
        .select('UPPER(f.format)', 'name').addSelect('UPPER(f.format)', 'display').groupBy('UPPER(f.format)');
      break;
    case 'license_id':
      qb.select('p.license_id', 'name').addSelect('p.license_id', 'display').groupBy('p.license_id');
      break;
  }
  qb.addSelect('COUNT(DISTINCT p.id)', 'count').orderBy('count', 'DESC').addOrderBy('name', 'ASC');
  rows = await qb.getRawMany();
  const items = rows.map((r) => ({ name: r.name, display_name: r.display || r.name, count: Number(r.count) })).filter((r) => r.count >= mincount);
  return limit < 0 ? items : items.slice(0, limit);
}

export const packageSearch = defineAction({
  name: 'package_search', kind: 'read', schema: 'package_search.json', auth: publicAction,
  help: 'Cerca i dataset: q (testo), fq (filtri campo:valore), rows (max 1000), start, sort, facet.field.',
  run: async (ctx, input: SearchInput) => {
    const { condition, params, sort, facets } = parseInput(input);
    const rows = Math.min(input.rows ?? 10, MAX_ROWS);
    const base = await baseQuery(ctx, input, condition, params);
    const count = await base.clone().getCount();
    const page = base.clone();
    for (const order of sort) page.addOrderBy(`p.${order.column}`, order.direction);
    const pkgs = await page.addOrderBy('p.id', 'ASC').skip(input.start ?? 0).take(rows).getMany();
    const results = await packageDicts(ctx.services.db.manager, pkgs, ctx.services.config.siteUrl);
    const facetsOut: Dict = {};
    const searchFacets: Dict = {};
    for (const field of facets) {
      const items = await facetCounts(base, field, input['facet.limit'] ?? 50, input['facet.mincount'] ?? 1);
      facetsOut[field] = Object.fromEntries(items.map((i) => [i.name, i.count]));
      searchFacets[field] = { title: field, items };
    }
    return { count, sort: input.sort ?? 'metadata_modified desc', results, facets: facetsOut, search_facets: searchFacets };
  },
});
