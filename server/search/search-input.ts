// package_search's input read and checked: q and fq (CKAN's Solr syntax, solr-syntax.ts) compiled to
// one SQL condition (sql-filter.ts), sort and facet fields. Also what the DCAT feeds filter with.
import { FieldErrors, SearchQueryError } from '../core/errors';
import { FACET_FIELDS, FacetField, isFilterField, parseFacetFields, parseSort } from './query';
import { fieldsOf, parseSolr, QueryNode, QuerySyntaxError } from './solr-syntax';
import { SqlFilter } from './sql-filter';
import { MatchNode, splitQuery } from './match';
import { SearchBackend, textCondition } from './search-index';

export interface SearchInput {
  q?: string; fq?: string; fq_list?: string[] | string; rows?: number; start?: number; sort?: string;
  'facet.field'?: unknown; 'facet.limit'?: number; 'facet.mincount'?: number; include_private?: boolean; include_drafts?: boolean;
  fl?: string | string[];
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
      return node.field && !isFilterField(node.field) ? { kind: 'term', field: '', value: `${node.field}:${node.value}` } : node;
    default:
      return node;
  }
}

/** Conditions (field:value, words, ranges) in q, and in fq with fq_list: enough for any client, and a bound on the SQL. */
export const MAX_CONDITIONS = 100;

function parseCondition(errors: FieldErrors, field: 'q' | 'fq', texts: string[]): QueryNode | null {
  try {
    const nodes = texts.filter((t) => t.trim()).map((t) => parseSolr(t));
    const tree: QueryNode = nodes.length === 0 ? { kind: 'all' } : nodes.length === 1 ? nodes[0] : { kind: 'and', children: nodes };
    const conditions = fieldsOf(tree).length;
    if (conditions > MAX_CONDITIONS) {
      errors[field] = [`Troppe condizioni: ${conditions}, al massimo ${MAX_CONDITIONS}`];
      return null;
    }
    if (field === 'q') return freeTextForUnknownFields(tree);
    const unknown = [...new Set(fieldsOf(tree).filter((f) => f && !isFilterField(f)))];
    if (unknown.length) {
      errors.fq = [`Campi di filtro sconosciuti: ${unknown.join(', ')}. Ammessi: organization, tags, groups, res_format, license_id, name, identifier, theme, frequency, holder_identifier, extras_NOME, capacity, metadata_modified`];
      return null;
    }
    return tree;
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    errors[field] = [`Sintassi non valida: ${error.message}`];
    return null;
  }
}

/** q's words for the full-text index (match.ts), and what is left of q; without a backend, all of q is SQL. */
function splitForIndex(q: QueryNode, backend?: SearchBackend): { match: MatchNode | null; rest: QueryNode } {
  if (!backend) return { match: null, rest: q };
  try {
    return splitQuery(q);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    throw SearchQueryError.field('q', `Ricerca non valida: ${error.message}`);
  }
}

/** q, fq and the rest of a search request as one SQL condition and q's words for the index; also used by the DCAT feeds. */
export function parseInput(input: SearchInput, backend?: SearchBackend) {
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
  if (Object.keys(errors).length) throw new SearchQueryError(errors);
  const { match, rest } = splitForIndex(q!, backend);
  const filter = new SqlFilter(backend && textCondition(backend));
  let condition: string;
  try {
    condition = `${filter.compile(rest)} AND ${filter.compile(fq!)}`;
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    throw SearchQueryError.field('fq', `Filtro non valido: ${error.message}`);
  }
  // Each facet once, however often it was asked for.
  return { condition, params: filter.params, sort: sort!, facets: [...new Set(facets ?? [])] as FacetField[], match };
}
