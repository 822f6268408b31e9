// package_search's two statements, written as SQL rather than through TypeORM's query builder (which
// rebuilds and re-escapes its SQL on every call): the page, with the total alongside; and every facet
// asked for, from one pass of the filter. Both run unchanged on SQLite and PostgreSQL. When q has
// words, the index's matches (`hits`, search-index.ts) drive the query and give the relevance score;
// the package table's scope still decides who sees what.
import { EntityManager, ObjectLiteral } from 'typeorm';
import { GROUPS_REVISION_SQL } from '../catalogue/dataset-cache';
import { FacetField, SortOrder } from './query';
import { FACET_PREFIXES } from './search-document';
import { runSql } from './sql-params';
import type { SearchBackend } from './search-index';

/** A condition on the package table aliased `p`, with named parameters (:name, :...list). */
export interface PackageFilter {
  where: string;
  params: ObjectLiteral;
  /** SQL listing the index's matches as (package_id, title_key, score); their parameters are in `params`. */
  hits?: string;
  /** The query's words as a title would be written (text.ts titleKey): that title comes first. */
  titleKey?: string;
}

export interface PageRow {
  id: string;
  modified: string;
  total: string | number;
  /** The dataset cache's groups revision, read with the page (dataset-cache.ts). */
  revision: string | null;
}

export interface FacetRow {
  facet: FacetField;
  name: string;
  display: string | null;
  count: string | number;
}

/**
 * FROM and WHERE of the matching datasets. With words, the index's matches come first and each looks up
 * its package row: CROSS JOIN fixes that order on SQLite, whose planner otherwise walks the package table
 * and asks FTS5 once per row (70,000 rows took minutes); PostgreSQL plans it as the inner join it is.
 */
function fromWhere(filter: PackageFilter): string {
  return filter.hits ? `(${filter.hits}) h CROSS JOIN "package" p WHERE p.id = h.package_id AND ${filter.where}` : `"package" p WHERE ${filter.where}`;
}

/**
 * ORDER BY for `sort`; score is the index's relevance, an exact title first, and means nothing without
 * words. `row` is the alias that holds the package's columns, `hit` the one with the index's.
 */
function orderBy(filter: PackageFilter, sort: SortOrder[], row = 'p', hit = 'h'): string {
  const keys = sort.flatMap((o) => {
    if (o.column !== 'score') return [`${row}.${o.column} ${o.direction}`];
    if (!filter.hits) return [];
    const first = o.direction === 'DESC' ? 'ASC' : 'DESC';
    return [`CASE WHEN ${hit}.title_key = :titleKey THEN 0 ELSE 1 END ${first}`, `${hit}.score ${o.direction}`];
  });
  return [...keys, `${row}.id ASC`].join(', ');
}

/** One page, in `sort` order (ties by id), as ids and last changes; each row carries the total. */
export function pageRows(db: EntityManager, filter: PackageFilter, sort: SortOrder[], start: number, rows: number): Promise<PageRow[]> {
  return runSql(db, `SELECT p.id AS id, p.metadata_modified AS modified, COUNT(*) OVER () AS total, ${GROUPS_REVISION_SQL} AS revision
    FROM ${fromWhere(filter)} ORDER BY ${orderBy(filter, sort)} LIMIT :pageRows OFFSET :pageStart`,
  { ...filter.params, titleKey: filter.titleKey ?? '', pageRows: rows, pageStart: start });
}

export async function countRows(db: EntityManager, filter: PackageFilter): Promise<number> {
  const [row] = await runSql<{ total: string | number }>(db, `SELECT COUNT(*) AS total FROM ${fromWhere(filter)}`, filter.params);
  return Number(row.total);
}

/**
 * Each facet's (value, label, datasets) among the matches `m`; every branch names its columns, whichever
 * comes first. Organization and licence are columns of `m`; groups, tags, formats and frequency are
 * counted in `fv` from each match's list of facet values (search_doc.facets, search-document.ts: each
 * value once per dataset, after a two-letter prefix). Labels of groups come from the group table, by id.
 */
const FACET_SQL: Record<FacetField, string> = {
  organization: `SELECT 'organization' AS facet, f.name AS name, f.title AS display, x.n AS count
    FROM (SELECT m.owner_org AS group_id, COUNT(*) AS n FROM m GROUP BY m.owner_org) x CROSS JOIN "group" f WHERE f.id = x.group_id`,
  groups: `SELECT 'groups' AS facet, f.name AS name, f.title AS display, fv.n AS count
    FROM fv CROSS JOIN "group" f WHERE substr(fv.v, 1, 2) = '${FACET_PREFIXES.groups}' AND f.id = substr(fv.v, 3)`,
  tags: facetOfValues('tags'),
  res_format: facetOfValues('res_format'),
  license_id: `SELECT 'license_id' AS facet, m.license_id AS name, m.license_id AS display, COUNT(*) AS count FROM m GROUP BY m.license_id`,
  // Labels of the DCAT-AP_IT frequencies come from the vocabulary (package-search.ts).
  frequency: facetOfValues('frequency'),
};

/** A facet whose values are shown as they are stored. */
function facetOfValues(field: keyof typeof FACET_PREFIXES): string {
  return `SELECT '${field}' AS facet, substr(fv.v, 3) AS name, substr(fv.v, 3) AS display, fv.n AS count
    FROM fv WHERE substr(fv.v, 1, 2) = '${FACET_PREFIXES[field]}'`;
}

/** The columns of the matches `m`: what the facets read, what `sort` orders by, and the index's score. */
function matchColumns(filter: PackageFilter, sort: SortOrder[]): string {
  const columns = new Set(['id', 'owner_org', 'license_id', 'metadata_modified']);
  for (const o of sort) if (o.column !== 'score') columns.add(o.column);
  const list = [...columns].map((c) => `p.${c} AS ${c}`);
  if (filter.hits) list.push('h.score AS score', 'h.title_key AS title_key', 'h.facets AS facets');
  else list.push('(SELECT d.facets FROM search_doc d WHERE d.package_id = p.id) AS facets');
  return list.join(', ');
}

/** `fv`: how many matches hold each value of the listed facets (MATERIALIZED: counted once for every branch). */
function facetValuesTable(fields: FacetField[], values: SearchBackend['jsonTextList']): string {
  const prefixes = fields.flatMap((f) => (f in FACET_PREFIXES ? [`'${FACET_PREFIXES[f as keyof typeof FACET_PREFIXES]}'`] : []));
  if (!prefixes.length) return '';
  return `, fv AS MATERIALIZED (SELECT j.value AS v, COUNT(*) AS n FROM m CROSS JOIN ${values('m.facets')}
    WHERE substr(j.value, 1, 2) IN (${prefixes.join(', ')}) GROUP BY j.value)`;
}

export interface SearchRows {
  page: PageRow[];
  count: number;
  facets: FacetRow[];
}

/**
 * The page, the total and every facet of `fields` in one statement, so that the filter and q's matches
 * run once, into `m` (MATERIALIZED: otherwise the databases may inline it into each branch and run it
 * once per facet, or once per tag row). Rows of one shape: a facet's values; the page's datasets under
 * the facet '' (name: id, display: last change, count: position); the total and the groups revision
 * under '#total'.
 */
export async function pageAndFacetRows(
  db: EntityManager, filter: PackageFilter, sort: SortOrder[], start: number, rows: number, fields: FacetField[], values: SearchBackend['jsonTextList'],
): Promise<SearchRows> {
  const branches = [
    // ROW_NUMBER() OVER () numbers the rows as the ordered subquery gives them: the page's order survives the UNION.
    `SELECT '' AS facet, x.id AS name, x.metadata_modified AS display, ROW_NUMBER() OVER () AS count
      FROM (SELECT m.id, m.metadata_modified FROM m ORDER BY ${orderBy(filter, sort, 'm', 'm')} LIMIT :pageRows OFFSET :pageStart) x`,
    `SELECT '#total' AS facet, ${GROUPS_REVISION_SQL} AS name, NULL AS display, COUNT(*) AS count FROM m`,
    ...fields.map((field) => FACET_SQL[field]),
  ];
  const result = await runSql<Omit<FacetRow, 'facet'> & { facet: string }>(db, `WITH m AS MATERIALIZED (SELECT ${matchColumns(filter, sort)} FROM ${fromWhere(filter)})
    ${facetValuesTable(fields, values)}
    ${branches.join('\n    UNION ALL ')}`, { ...filter.params, titleKey: filter.titleKey ?? '', pageRows: rows, pageStart: start });
  const total = result.find((r) => r.facet === '#total');
  const count = Number(total?.count ?? 0);
  const revision = total?.name ?? null;
  const page = result.filter((r) => r.facet === '').sort((a, b) => Number(a.count) - Number(b.count))
    .map((r) => ({ id: r.name, modified: r.display ?? '', total: count, revision }));
  const facets = result.filter((r): r is FacetRow => r.facet !== '' && r.facet !== '#total');
  return { page, count, facets };
}
