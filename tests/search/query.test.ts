import { parseFacetFields, parseSort } from '../../server/search/query';
import { fieldsOf, parseSolr, QuerySyntaxError } from '../../server/search/solr-syntax';
import { dateBound, SqlFilter } from '../../server/search/sql-filter';

describe('parsing the Solr syntax of q and fq', () => {
  it('reads clauses with quotes and negation, joined by AND when side by side', () => {
    expect(parseSolr('organization:comune-di-prato AND tags:"tempi di pagamento" -res_format:PDF')).toEqual({
      kind: 'and',
      children: [
        { kind: 'term', field: 'organization', value: 'comune-di-prato' },
        { kind: 'term', field: 'tags', value: 'tempi di pagamento' },
        { kind: 'not', child: { kind: 'term', field: 'res_format', value: 'PDF' } },
      ],
    });
  });

  it("reads what ckanext-harvest sends: OR inside parentheses and an open date range", () => {
    expect(parseSolr('(organization:a OR organization:b OR metadata_modified:[2024-05-01T10:00:00Z TO *])')).toEqual({
      kind: 'or',
      children: [
        { kind: 'term', field: 'organization', value: 'a' },
        { kind: 'term', field: 'organization', value: 'b' },
        { kind: 'range', field: 'metadata_modified', from: '2024-05-01T10:00:00Z', to: null },
      ],
    });
  });

  it('gives the field to every word of field:(a OR b), and binds AND tighter than OR', () => {
    expect(parseSolr('tags:(bilancio OR spese) mobilita')).toEqual({
      kind: 'and',
      children: [
        { kind: 'or', children: [{ kind: 'term', field: 'tags', value: 'bilancio' }, { kind: 'term', field: 'tags', value: 'spese' }] },
        { kind: 'term', field: '', value: 'mobilita' },
      ],
    });
    expect(parseSolr('a b OR c').kind).toBe('or');
  });

  it('treats *:* and an empty query as everything, and lists the fields named', () => {
    expect(parseSolr('*:*')).toEqual({ kind: 'all' });
    expect(parseSolr('  ')).toEqual({ kind: 'all' });
    expect(fieldsOf(parseSolr('colour:blue tags:x parola'))).toEqual(['colour', 'tags', '']);
  });

  it.each(['(tags:a', 'tags:a)', 'tags:"aperte', 'metadata_modified:[2024 TO]', 'AND', 'tags:'])('refuses %p with a QuerySyntaxError', (text) => {
    expect(() => parseSolr(text)).toThrow(QuerySyntaxError);
  });
});

describe('compiling to SQL', () => {
  it('never puts a value in the SQL text, only parameters', () => {
    const filter = new SqlFilter();
    const sql = filter.compile(parseSolr(`tags:"x' OR 1=1 --" organization:ente`));
    expect(sql).not.toContain("1=1");
    expect(Object.values(filter.params)).toEqual(["x' OR 1=1 --", 'ente']);
  });

  it('refuses a column that is not on the list, whatever the parser let through', () => {
    expect(() => new SqlFilter().compile({ kind: 'term', field: 'password_hash', value: 'x' })).toThrow(QuerySyntaxError);
    expect(() => new SqlFilter().compile(parseSolr('tags:[a TO b]'))).toThrow(/metadata_modified/);
  });

  it('reads Solr dates as our stored timestamps print', () => {
    expect(dateBound('2024-05-01T10:00:00Z')).toBe('2024-05-01T10:00:00.000000');
    expect(dateBound('2024-05-01')).toBe('2024-05-01T00:00:00.000000');
    const weekAgo = Date.parse(`${dateBound('NOW-7DAYS').slice(0, 23)}Z`);
    expect(Math.abs(Date.now() - 7 * 86_400_000 - weekAgo)).toBeLessThan(5000);
    expect(() => dateBound('ieri')).toThrow(QuerySyntaxError);
  });
});

describe('sort and facet parameters', () => {
  it("maps CKAN sort strings, including the harvester's id asc, and refuses unknown ones", () => {
    expect(parseSort('title_string asc, metadata_modified desc')).toEqual([
      { column: 'title', direction: 'ASC' },
      { column: 'metadata_modified', direction: 'DESC' },
    ]);
    expect(parseSort('id asc')).toEqual([{ column: 'id', direction: 'ASC' }]);
    // CKAN's default: relevance, then the last changed (relevance means nothing without words).
    expect(parseSort(undefined)).toEqual([{ column: 'score', direction: 'DESC' }, { column: 'metadata_modified', direction: 'DESC' }]);
    expect(parseSort('score desc, metadata_modified desc')).toEqual(parseSort(undefined));
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
