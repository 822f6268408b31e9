// package_search's two statements, written as SQL rather than through TypeORM's query builder (which
// rebuilds and re-escapes its SQL on every call): the page, with the total alongside; and every facet
// asked for, from one pass of the filter. Both run unchanged on SQLite and PostgreSQL. When q has
// words, the index's matches (`hits`, search-index.ts) drive the query and give the relevance score;
// the package table's scope still decides who sees what.
import { EntityManager, ObjectLiteral } from 'typeorm';
import { GROUPS_REVISION_SQL } from '../catalogue/dataset-cache';
import { FacetField, SortOrder } from './query';
import { runSql } from './sql-params';

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

/** ORDER BY for `sort`; score is the index's relevance, an exact title first, and means nothing without words. */
function orderBy(filter: PackageFilter, sort: SortOrder[]): string {
  const keys = sort.flatMap((o) => {
    if (o.column !== 'score') return [`p.${o.column} ${o.direction}`];
    if (!filter.hits) return [];
    const first = o.direction === 'DESC' ? 'ASC' : 'DESC';
    return [`CASE WHEN h.title_key = :titleKey THEN 0 ELSE 1 END ${first}`, `h.score ${o.direction}`];
  });
  return [...keys, 'p.id ASC'].join(', ');
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
 * comes first. CROSS JOIN keeps `m` the outer loop: without statistics on the materialized matches,
 * SQLite 3.53 otherwise scans every resource (or every theme link) and looks each up in `m`, which took
 * seconds for a word found in 600 datasets. PostgreSQL reads CROSS JOIN with WHERE as the inner join it is.
 */
const FACET_SQL: Record<FacetField, string> = {
  organization: `SELECT 'organization' AS facet, f.name AS name, f.title AS display, COUNT(*) AS count
    FROM m CROSS JOIN "group" f WHERE f.id = m.owner_org GROUP BY f.name, f.title`,
  groups: `SELECT 'groups' AS facet, f.name AS name, f.title AS display, COUNT(DISTINCT m.id) AS count
    FROM m CROSS JOIN package_group fg CROSS JOIN "group" f WHERE fg.package_id = m.id AND f.id = fg.group_id GROUP BY f.name, f.title`,
  tags: `SELECT 'tags' AS facet, f.tag AS name, f.tag AS display, COUNT(*) AS count FROM m CROSS JOIN package_tag f WHERE f.package_id = m.id GROUP BY f.tag`,
  res_format: `SELECT 'res_format' AS facet, UPPER(f.format) AS name, UPPER(f.format) AS display, COUNT(DISTINCT m.id) AS count
    FROM m CROSS JOIN resource f WHERE f.package_id = m.id AND f.state = 'active' AND f.format <> '' GROUP BY UPPER(f.format)`,
  license_id: `SELECT 'license_id' AS facet, m.license_id AS name, m.license_id AS display, COUNT(*) AS count FROM m GROUP BY m.license_id`,
  // The DCAT-AP_IT frequency, kept in the index's row (package.dcat is JSON text); labels come from the vocabulary.
  frequency: `SELECT 'frequency' AS facet, f.frequency AS name, NULL AS display, COUNT(*) AS count
    FROM m CROSS JOIN search_doc f WHERE f.package_id = m.id AND f.frequency <> '' GROUP BY f.frequency`,
};

/**
 * Every facet of `fields` in one statement: the filter runs once, into `m` (MATERIALIZED: otherwise
 * the databases may inline it into each branch and run it once per facet, or once per tag row).
 */
export function facetRows(db: EntityManager, filter: PackageFilter, fields: FacetField[]): Promise<FacetRow[]> {
  if (!fields.length) return Promise.resolve([]);
  const branches = fields.map((field) => FACET_SQL[field]).join('\n    UNION ALL ');
  return runSql(db, `WITH m AS MATERIALIZED (SELECT p.id, p.owner_org, p.license_id FROM ${fromWhere(filter)})
    ${branches}`, filter.params);
}
