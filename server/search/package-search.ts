// package_search, first version: CKAN's q and fq (Solr syntax, solr-syntax.ts) turned into SQL
// (sql-filter.ts), words matched with LIKE over title, name, notes and tags, and facets, on both
// databases. Full-text ranking comes with the search issue.
import { SelectQueryBuilder } from 'typeorm';
import { GroupEntity, PackageEntity } from '../catalogue/entities';
import { Dict, packageDicts } from '../catalogue/present';
import { scopeFor } from '../catalogue/visibility';
import { defineAction, publicAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { FieldErrors, ValidationError } from '../core/errors';
import { FACET_FIELDS, FacetField, FILTER_FIELDS, parseFacetFields, parseSort } from './query';
import { fieldsOf, parseSolr, QueryNode, QuerySyntaxError } from './solr-syntax';
import { SqlFilter } from './sql-filter';

const MAX_ROWS = 1000;

interface SearchInput {
  q?: string; fq?: string; fq_list?: string[] | string; rows?: number; start?: number; sort?: string;
  'facet.field'?: unknown; 'facet.limit'?: number; 'facet.mincount'?: number; include_private?: boolean; include_drafts?: boolean;
}

/** q: unknown field:value terms are plain words (Solr's dismax treats them so); fq: they are errors. */
function freeTextForUnknownFields(node: QueryNode): QueryNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { ...node, children: node.children.map(freeTextForUnknownFields) };
    case 'not':
      return { ...node, child: freeTextForUnknownFields(node.child) };
    case 'term':
      return node.field && !FILTER_FIELDS.has(node.field) ? { kind: 'term', field: '', value: `${node.field}:${node.value}` } : node;
    default:
      return node;
  }
}

function parseCondition(errors: FieldErrors, field: 'q' | 'fq', texts: string[]): QueryNode | null {
  try {
    const nodes = texts.filter((t) => t.trim()).map((t) => parseSolr(t));
    const tree: QueryNode = nodes.length === 0 ? { kind: 'all' } : nodes.length === 1 ? nodes[0] : { kind: 'and', children: nodes };
    if (field === 'q') return freeTextForUnknownFields(tree);
    const unknown = [...new Set(fieldsOf(tree).filter((f) => f && !FILTER_FIELDS.has(f)))];
    if (unknown.length) {
      errors.fq = [`Campi di filtro sconosciuti: ${unknown.join(', ')}. Ammessi: organization, tags, groups, res_format, license_id, name, capacity, metadata_modified`];
      return null;
    }
    return tree;
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    errors[field] = [`Sintassi non valida: ${error.message}`];
    return null;
  }
}

/** q, fq and the rest of a search request as one SQL condition; also used by the DCAT feeds. */
export function parseInput(input: SearchInput) {
  const errors: FieldErrors = {};
  const q = parseCondition(errors, 'q', [input.q ?? '']);
  // fq_list is a list in JSON, and a single string when a GET query string has one value.
  const fqList = typeof input.fq_list === 'string' ? [input.fq_list] : input.fq_list ?? [];
  const fq = parseCondition(errors, 'fq', [input.fq ?? '', ...fqList]);
  const sort = parseSort(input.sort);
  if (!sort) errors.sort = ['Ordinamento non valido: usa per esempio "metadata_modified desc", "name asc", "title_string asc" o "id asc"'];
  const facets = parseFacetFields(input['facet.field']);
  if (!facets) errors['facet.field'] = ['facet.field deve essere una lista JSON, per esempio ["organization","tags"]'];
  const badFacets = (facets ?? []).filter((f) => !(FACET_FIELDS as readonly string[]).includes(f));
  if (badFacets.length) errors['facet.field'] = [`Faccette non disponibili: ${badFacets.join(', ')}. Disponibili: ${FACET_FIELDS.join(', ')}`];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const filter = new SqlFilter();
  let condition: string;
  try {
    condition = `${filter.compile(q!)} AND ${filter.compile(fq!)}`;
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    throw ValidationError.field('fq', `Filtro non valido: ${error.message}`);
  }
  return { condition, params: filter.params, sort: sort!, facets: (facets ?? []) as FacetField[] };
}

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
