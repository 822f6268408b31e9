import { parseFacetFields, parseFilters, parseQ, parseSort } from '../../server/search/query';

describe('parsing CKAN search parameters', () => {
  it('reads fq clauses with quotes, negation and AND, as Solr takes them', () => {
    const { clauses, unknown } = parseFilters('organization:comune-di-prato AND tags:"tempi di pagamento" -res_format:PDF');
    expect(clauses).toEqual([
      { field: 'organization', value: 'comune-di-prato', negated: false },
      { field: 'tags', value: 'tempi di pagamento', negated: false },
      { field: 'res_format', value: 'PDF', negated: true },
    ]);
    expect(unknown).toEqual([]);
  });

  it('reports fields it cannot filter on instead of ignoring them', () => {
    expect(parseFilters('colour:blue tags:x').unknown).toEqual(['colour']);
  });

  it('splits q into words and treats field:value terms in q as filters', () => {
    expect(parseQ('beni confiscati tags:legalità')).toEqual({
      words: ['beni', 'confiscati'],
      clauses: [{ field: 'tags', value: 'legalità', negated: false }],
      unknown: [],
    });
    expect(parseQ('*:*').words).toEqual([]);
  });

  it('maps CKAN sort strings and refuses unknown ones', () => {
    expect(parseSort('title_string asc, metadata_modified desc')).toEqual([
      { column: 'title', direction: 'ASC' },
      { column: 'metadata_modified', direction: 'DESC' },
    ]);
    expect(parseSort(undefined)).toEqual([{ column: 'metadata_modified', direction: 'DESC' }]);
    expect(parseSort('popularity desc')).toBeNull();
    expect(parseSort('name sideways')).toBeNull();
  });

  it('reads facet.field as a JSON list, a list or one name', () => {
    expect(parseFacetFields('["organization","tags"]')).toEqual(['organization', 'tags']);
    expect(parseFacetFields(['tags'])).toEqual(['tags']);
    expect(parseFacetFields('tags')).toEqual(['tags']);
    expect(parseFacetFields('["broken"')).toBeNull();
  });
});
