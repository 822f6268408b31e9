// package_search, first version: SQL LIKE over title, name, notes and tags, CKAN's fq filters and
// facets, on both databases. Full-text ranking comes with the search issue.
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { CAN_EDIT_DATASETS, CAN_READ_PRIVATE, orgIdsWithCapacity } from '../auth/policies';
import { GroupEntity, PackageEntity } from '../catalogue/entities';
import { Dict, packageDicts } from '../catalogue/present';
import { defineAction, publicAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { FieldErrors, ValidationError } from '../core/errors';
import { FACET_FIELDS, FacetField, FilterClause, parseFacetFields, parseFilters, parseQ, parseSort } from './query';

const MAX_ROWS = 1000;

function likePattern(word: string): string {
  return `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

class Params {
  private n = 0;
  next(): string {
    this.n += 1;
    return `p${this.n}`;
  }
}

function applyWord(qb: SelectQueryBuilder<PackageEntity>, word: string, params: Params): void {
  const p = params.next();
  qb.andWhere(new Brackets((w) => {
    for (const column of ['p.title', 'p.name', 'p.notes']) w.orWhere(`LOWER(${column}) LIKE :${p} ESCAPE '\\'`);
    w.orWhere(`EXISTS (SELECT 1 FROM package_tag t WHERE t.package_id = p.id AND LOWER(t.tag) LIKE :${p} ESCAPE '\\')`);
  }), { [p]: likePattern(word) });
}

function clauseSql(clause: FilterClause, p: string): string {
  switch (clause.field) {
    case 'organization':
      return `EXISTS (SELECT 1 FROM "group" o WHERE o.id = p.owner_org AND o.name = :${p})`;
    case 'owner_org':
      return `p.owner_org = :${p}`;
    case 'tags':
      return `EXISTS (SELECT 1 FROM package_tag t WHERE t.package_id = p.id AND t.tag = :${p})`;
    case 'groups':
      return `EXISTS (SELECT 1 FROM package_group pg JOIN "group" g ON g.id = pg.group_id WHERE pg.package_id = p.id AND g.name = :${p})`;
    case 'res_format':
      return `EXISTS (SELECT 1 FROM resource r WHERE r.package_id = p.id AND r.state = 'active' AND UPPER(r.format) = UPPER(:${p}))`;
    case 'capacity':
      return `p.private = :${p}`;
    case 'dataset_type':
    case 'type':
      return `p.type = :${p}`;
    default:
      return `p.${clause.field} = :${p}`;
  }
}

function applyClause(qb: SelectQueryBuilder<PackageEntity>, clause: FilterClause, params: Params): void {
  const p = params.next();
  const value = clause.field === 'capacity' ? clause.value === 'private' : clause.value;
  const sql = clauseSql(clause, p);
  qb.andWhere(clause.negated ? `NOT (${sql})` : sql, { [p]: value });
}

interface SearchInput {
  q?: string; fq?: string; fq_list?: string[] | string; rows?: number; start?: number; sort?: string;
  'facet.field'?: unknown; 'facet.limit'?: number; 'facet.mincount'?: number; include_private?: boolean; include_drafts?: boolean;
}

function parseInput(input: SearchInput) {
  const errors: FieldErrors = {};
  const q = parseQ(input.q ?? '');
  // fq_list is a list in JSON, and a single string when a GET query string has one value.
  const fqList = typeof input.fq_list === 'string' ? [input.fq_list] : input.fq_list ?? [];
  const fq = parseFilters([input.fq ?? '', ...fqList].join(' '));
  const unknown = [...q.unknown, ...fq.unknown];
  if (unknown.length) errors.fq = [`Campi di filtro sconosciuti: ${[...new Set(unknown)].join(', ')}. Ammessi: organization, tags, groups, res_format, license_id, name, capacity`];
  const sort = parseSort(input.sort);
  if (!sort) errors.sort = ['Ordinamento non valido: usa per esempio "metadata_modified desc", "name asc" o "title_string asc"'];
  const facets = parseFacetFields(input['facet.field']);
  if (!facets) errors['facet.field'] = ['facet.field deve essere una lista JSON, per esempio ["organization","tags"]'];
  const badFacets = (facets ?? []).filter((f) => !(FACET_FIELDS as readonly string[]).includes(f));
  if (badFacets.length) errors['facet.field'] = [`Faccette non disponibili: ${badFacets.join(', ')}. Disponibili: ${FACET_FIELDS.join(', ')}`];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { words: q.words, clauses: [...q.clauses, ...fq.clauses], sort: sort!, facets: (facets ?? []) as FacetField[] };
}

/** Active datasets the caller may see; with include_drafts, also drafts of the orgs they edit for. */
async function visibilityFilter(ctx: ActionContext, input: SearchInput): Promise<Brackets> {
  const sysadmin = !!ctx.user?.sysadmin;
  const readable = input.include_private && !sysadmin ? await orgIdsWithCapacity(ctx, CAN_READ_PRIVATE) : [];
  const editable = input.include_drafts && !sysadmin ? await orgIdsWithCapacity(ctx, CAN_EDIT_DATASETS) : [];
  return new Brackets((w) => {
    w.where(new Brackets((active) => {
      active.where("p.state = 'active'");
      if (sysadmin && input.include_private) return;
      active.andWhere(new Brackets((visible) => {
        visible.where('p.private = :notPrivate', { notPrivate: false });
        if (readable.length) visible.orWhere('p.owner_org IN (:...readable)', { readable });
      }));
    }));
    if (input.include_drafts && sysadmin) w.orWhere("p.state = 'draft'");
    else if (editable.length) w.orWhere("p.state = 'draft' AND p.owner_org IN (:...editable)", { editable });
  });
}

async function baseQuery(ctx: ActionContext, input: SearchInput, words: string[], clauses: FilterClause[]): Promise<SelectQueryBuilder<PackageEntity>> {
  const params = new Params();
  const qb = ctx.services.db.getRepository(PackageEntity).createQueryBuilder('p').where(await visibilityFilter(ctx, input));
  for (const word of words) applyWord(qb, word, params);
  for (const clause of clauses) applyClause(qb, clause, params);
  return qb;
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
    const { words, clauses, sort, facets } = parseInput(input);
    const rows = Math.min(input.rows ?? 10, MAX_ROWS);
    const base = await baseQuery(ctx, input, words, clauses);
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
