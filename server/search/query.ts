// CKAN's search parameters besides q and fq (see solr-syntax.ts): sort, facet.field, and the fields.

/** Fields that q and fq may name, as CKAN's Solr index names them. */
export const FILTER_FIELDS = new Set([
  'organization', 'owner_org', 'tags', 'groups', 'res_format', 'license_id', 'name', 'id', 'capacity', 'dataset_type', 'type',
  'title', 'notes', 'text', 'metadata_modified', 'metadata_created', 'state',
  // DCAT-AP_IT fields and extras (field-filters.ts)
  'identifier', 'theme', 'frequency', 'holder_identifier', 'publisher_identifier', 'geographical_name',
]);

/** A field q and fq may name: one of FILTER_FIELDS or an extra (extras_NAME, as CKAN indexes extras). */
export function isFilterField(field: string): boolean {
  return FILTER_FIELDS.has(field) || /^extras_./.test(field);
}
export const FACET_FIELDS = ['organization', 'groups', 'tags', 'res_format', 'license_id', 'frequency'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

export interface SortOrder {
  /** score: relevance to q (search-sql.ts), an exact title first; without words to rank by, it is left out. */
  column: 'metadata_modified' | 'metadata_created' | 'name' | 'title' | 'id' | 'score';
  direction: 'ASC' | 'DESC';
}

const SORT_COLUMNS: Record<string, SortOrder['column']> = {
  metadata_modified: 'metadata_modified', metadata_created: 'metadata_created', name: 'name', title: 'title',
  title_string: 'title', score: 'score', id: 'id',
};

export function parseSort(sort: string | undefined): SortOrder[] | null {
  // CKAN's default, with or without q.
  if (!sort) return [{ column: 'score', direction: 'DESC' }, { column: 'metadata_modified', direction: 'DESC' }];
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
