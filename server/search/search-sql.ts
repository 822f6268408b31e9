// package_search's two statements, written as SQL rather than through TypeORM's query builder (which
// rebuilds and re-escapes its SQL on every call): the page, with the total alongside; and every facet
// asked for, from one pass of the filter. Both run unchanged on SQLite and PostgreSQL.
import { EntityManager, ObjectLiteral } from 'typeorm';
import { GROUPS_REVISION_SQL } from '../catalogue/dataset-cache';
import { FacetField, SortOrder } from './query';

/** A condition on the package table aliased `p`, with named parameters (:name, :...list). */
export interface PackageFilter {
  where: string;
  params: ObjectLiteral;
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

async function run<T>(db: EntityManager, sql: string, params: ObjectLiteral): Promise<T[]> {
  const [text, values] = db.connection.driver.escapeQueryWithParameters(sql, params);
  return db.query(text, values);
}

/** One page, in `sort` order (ties by id), as ids and last changes; each row carries the total. */
export function pageRows(db: EntityManager, filter: PackageFilter, sort: SortOrder[], start: number, rows: number): Promise<PageRow[]> {
  const order = [...sort.map((o) => `p.${o.column} ${o.direction}`), 'p.id ASC'].join(', ');
  return run(db, `SELECT p.id AS id, p.metadata_modified AS modified, COUNT(*) OVER () AS total, ${GROUPS_REVISION_SQL} AS revision
    FROM "package" p WHERE ${filter.where} ORDER BY ${order} LIMIT :pageRows OFFSET :pageStart`,
  { ...filter.params, pageRows: rows, pageStart: start });
}

export async function countRows(db: EntityManager, filter: PackageFilter): Promise<number> {
  const [row] = await run<{ total: string | number }>(db, `SELECT COUNT(*) AS total FROM "package" p WHERE ${filter.where}`, filter.params);
  return Number(row.total);
}

/** Each facet's (value, label, datasets) among the matches `m`; every branch names its columns, whichever comes first. */
const FACET_SQL: Record<FacetField, string> = {
  organization: `SELECT 'organization' AS facet, f.name AS name, f.title AS display, COUNT(*) AS count
    FROM m JOIN "group" f ON f.id = m.owner_org GROUP BY f.name, f.title`,
  groups: `SELECT 'groups' AS facet, f.name AS name, f.title AS display, COUNT(DISTINCT m.id) AS count
    FROM m JOIN package_group fg ON fg.package_id = m.id JOIN "group" f ON f.id = fg.group_id GROUP BY f.name, f.title`,
  tags: `SELECT 'tags' AS facet, f.tag AS name, f.tag AS display, COUNT(*) AS count FROM m JOIN package_tag f ON f.package_id = m.id GROUP BY f.tag`,
  res_format: `SELECT 'res_format' AS facet, UPPER(f.format) AS name, UPPER(f.format) AS display, COUNT(DISTINCT m.id) AS count
    FROM m JOIN resource f ON f.package_id = m.id AND f.state = 'active' AND f.format <> '' GROUP BY UPPER(f.format)`,
  license_id: `SELECT 'license_id' AS facet, m.license_id AS name, m.license_id AS display, COUNT(*) AS count FROM m GROUP BY m.license_id`,
};

/**
 * Every facet of `fields` in one statement: the filter runs once, into `m` (MATERIALIZED: otherwise
 * the databases may inline it into each branch and run it once per facet, or once per tag row).
 */
export function facetRows(db: EntityManager, filter: PackageFilter, fields: FacetField[]): Promise<FacetRow[]> {
  if (!fields.length) return Promise.resolve([]);
  const branches = fields.map((field) => FACET_SQL[field]).join('\n    UNION ALL ');
  return run(db, `WITH m AS MATERIALIZED (SELECT p.id, p.owner_org, p.license_id FROM "package" p WHERE ${filter.where})
    ${branches}`, filter.params);
}
