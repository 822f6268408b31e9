// Parsing CKAN's search parameters (q, fq, sort, facet.field) into a plain description of the query.

export interface FilterClause {
  field: string;
  value: string;
  negated: boolean;
}

export const FILTER_FIELDS = new Set([
  'organization', 'owner_org', 'tags', 'groups', 'res_format', 'license_id', 'name', 'id', 'capacity', 'dataset_type', 'type',
]);
export const FACET_FIELDS = ['organization', 'groups', 'tags', 'res_format', 'license_id'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

export interface SortOrder {
  column: 'metadata_modified' | 'metadata_created' | 'name' | 'title';
  direction: 'ASC' | 'DESC';
}

const SORT_COLUMNS: Record<string, SortOrder['column']> = {
  metadata_modified: 'metadata_modified', metadata_created: 'metadata_created', name: 'name', title: 'title',
  title_string: 'title', score: 'metadata_modified',
};

/** `field:value`, `field:"a value"`, `-field:value`, joined by spaces or AND, as CKAN's Solr takes them. */
export function parseFilters(fq: string): { clauses: FilterClause[]; unknown: string[] } {
  const clauses: FilterClause[] = [];
  const unknown: string[] = [];
  const pattern = /([+-]?)([\w.]+):(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const match of fq.matchAll(pattern)) {
    const field = match[2];
    const value = (match[3] ?? match[4] ?? '').replace(/\\(.)/g, '$1');
    if (!FILTER_FIELDS.has(field)) unknown.push(field);
    else clauses.push({ field, value, negated: match[1] === '-' });
  }
  return { clauses, unknown };
}

/** Free-text words of q; `field:value` terms inside q are treated as filters, as Solr would. */
export function parseQ(q: string): { words: string[]; clauses: FilterClause[]; unknown: string[] } {
  const trimmed = q.trim();
  if (trimmed === '' || trimmed === '*:*') return { words: [], clauses: [], unknown: [] };
  const { clauses, unknown } = parseFilters(trimmed);
  const rest = trimmed.replace(/([+-]?)([\w.]+):(?:"((?:[^"\\]|\\.)*)"|(\S+))/g, ' ');
  const words = rest.split(/\s+/).map((w) => w.replace(/^["'(]+|["')]+$/g, '')).filter((w) => w && !['AND', 'OR'].includes(w));
  return { words, clauses, unknown };
}

export function parseSort(sort: string | undefined): SortOrder[] | null {
  if (!sort) return [{ column: 'metadata_modified', direction: 'DESC' }];
  const orders: SortOrder[] = [];
  for (const part of sort.split(',')) {
    const [field, direction = 'asc'] = part.trim().split(/\s+/);
    const column = SORT_COLUMNS[field];
    if (!column || !['asc', 'desc'].includes(direction.toLowerCase())) return null;
    orders.push({ column, direction: direction.toLowerCase() === 'desc' ? 'DESC' : 'ASC' });
  }
  return orders;
}

/** facet.field arrives as a JSON-encoded list (CKAN clients), a list, or a single name. */
export function parseFacetFields(raw: unknown): string[] | null {
  if (raw === undefined || raw === '') return [];
  if (Array.isArray(raw)) return raw.map(String);
  const text = String(raw).trim();
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text);
      return Array.isArray(parsed) ? parsed.map(String) : null;
    } catch {
      return null;
    }
  }
  return [text];
}
