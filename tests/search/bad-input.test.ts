// What a search box and a careless client send: every bad search is a 409 with a message by its field,
// or a sensible answer; never a 500, never a query that runs unbounded, never FTS5 syntax reaching FTS5.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction, makeDataset, makeOrg } from '../support/factories';

let cat: TestCatalogue;
let total: number;
beforeAll(async () => {
  cat = await startCatalogue();
  const org = await makeOrg(cat);
  await makeDataset(cat, org.name, { name: 'strade', title: 'Strade comunali', notes: 'Elenco delle strade' });
  await makeDataset(cat, org.name, { name: 'ponti', title: 'Ponti', notes: 'Ponti e viadotti' });
  total = 2;
});
afterAll(async () => cat.close());

const search = (query: Record<string, string>) => getAction(cat, 'package_search', query);

describe('bad searches', () => {
  it.each([
    ['an unbalanced quote', { q: '"strade comunali' }, 'q'],
    ['an unclosed parenthesis', { q: '(strade OR ponti' }, 'q'],
    ['a parenthesis closed too often', { q: 'strade)' }, 'q'],
    ['a lone operator', { q: 'AND' }, 'q'],
    ['an unknown filter field', { fq: 'colore:rosso' }, 'fq'],
    ['a negative start', { start: '-1' }, 'start'],
    ['a start beyond any catalogue', { start: '99999999999' }, 'start'],
    ['negative rows', { rows: '-5' }, 'rows'],
    ['rows that are not a number', { rows: 'tante' }, 'rows'],
    ['an unknown sort field', { sort: 'popularity desc' }, 'sort'],
    ['an unknown facet field', { 'facet.field': '["colore"]' }, 'facet.field'],
    ['a query of 10,000 characters', { q: 'strade '.repeat(1500) }, 'q'],
    ['a query of too many words', { q: Array.from({ length: 60 }, (_, i) => `parola${i}`).join(' ') }, 'q'],
    ['Solr local parameters', { q: '{!lucene}strade' }, 'q'],
    ['a range without TO', { fq: 'metadata_modified:[2024-01-01]' }, 'fq'],
    ['a field without a value', { q: 'title:' }, 'q'],
    ['parentheses nested too deep', { fq: `${'('.repeat(40)}tags:a${')'.repeat(40)}` }, 'fq'],
  ])('answers %s with a 409 naming the field', async (_what, query, field) => {
    const res = await search(query as Record<string, string>);
    expect(res.status).toBe(409);
    expect(res.body.success).toBe(false);
    expect(res.body.error).toHaveProperty([field]);
  });

  // CKAN's envelope for a search its Solr cannot run (ckan/views/api.py): __type and a message, which
  // ckanapi turns into its SearchQueryError; the messages by field are kept alongside.
  it.each([
    ['an unbalanced quote', { q: '"strade comunali' }, 'q', /virgolette/],
    ['unbalanced parentheses', { q: '(strade OR ponti' }, 'q', /parentesi/],
    ['an unknown sort field', { sort: 'popularity desc' }, 'sort', /Ordinamento/],
    ['an unknown facet field', { 'facet.field': '["colore"]' }, 'facet.field', /colore/],
    ['an unknown filter field', { fq: 'colore:rosso' }, 'fq', /colore/],
    ['parentheses nested too deep', { q: `${'('.repeat(20)}strade${')'.repeat(20)}` }, 'q', /parentesi/],
  ])("answers %s with CKAN's Search Query Error", async (_what, query, field, message) => {
    const res = await search(query as Record<string, string>);
    expect(res.status).toBe(409);
    expect(res.body.error.__type).toBe('Search Query Error');
    expect(res.body.error.message).toMatch(/^Ricerca non valida/);
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error[field][0]).toMatch(message);
  });

  it('answers fq_list with too many filters with a 409 naming it, in Italian', async () => {
    const res = await callAction(cat, 'package_search', { fq_list: Array.from({ length: 60 }, () => 'tags:a') });
    expect(res.status).toBe(409);
    expect(res.body.error.fq_list).toContain('Troppi elementi: al massimo 50');
  });

  const conditions = (n: number, field: string) => Array.from({ length: n }, (_, i) => `${field}:t${i}`).join(' OR ');

  it.each([
    ['fq', { fq: conditions(101, 'tags') }],
    ['fq', { fq_list: Array.from({ length: 50 }, () => conditions(3, 'name')) }],
    ['q', { q: Array.from({ length: 101 }, (_, i) => `id:${i}`).join(' OR ') }],
  ])('refuses more than 100 conditions in %s, fq_list counted with fq', async (field, input) => {
    const res = await callAction(cat, 'package_search', input);
    expect(res.status).toBe(409);
    expect(res.body.error.__type).toBe('Search Query Error');
    expect(res.body.error[field][0]).toMatch(/^Troppe condizioni: \d+, al massimo 100$/);
  });

  it('answers 100 conditions', async () => {
    const res = await callAction(cat, 'package_search', { fq: `${conditions(99, 'tags')} OR name:strade` });
    expect(res.status).toBe(200);
    expect(res.body.result.results.map((p: { name: string }) => p.name)).toEqual(['strade']);
  });

  it('answers a facet asked for many times once', async () => {
    const res = await search({ 'facet.field': JSON.stringify(Array(15).fill('organization')) });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.result.search_facets)).toEqual(['organization']);
  });

  it('answers parentheses nested as deep as allowed', async () => {
    const res = await search({ q: `${'('.repeat(16)}strade${')'.repeat(16)}` });
    expect(res.status).toBe(200);
    expect(res.body.result.results.map((p: { name: string }) => p.name)).toEqual(['strade']);
  });

  it('caps rows at 1000 instead of failing', async () => {
    const res = await search({ rows: '100000' });
    expect(res.status).toBe(200);
    expect(res.body.result.count).toBe(total);
  });

  it('answers a start past the end with an empty page and the count', async () => {
    const res = await search({ q: 'strade', start: '5000000' });
    expect({ status: res.status, count: res.body.result.count, results: res.body.result.results }).toEqual({ status: 200, count: 1, results: [] });
  });

  it.each(['della di il', '... ??? ,;:', '-della'])('treats %j (stop words or punctuation) as no words: everything', async (q) => {
    const res = await search({ q });
    expect(res.status).toBe(200);
    expect(res.body.result.count).toBe(total);
  });

  it.each([
    'strade*', 'strade~2', 'strade^3', 'a" OR "b', 'NEAR(strade ponti)', '{a b}: strade', 'strade NOT', '^strade', 'title:strade OR "x"',
    'strade + ponti', 'col:*', '"*"', '\\"strade', 'strade AND (ponti OR viadotti)', 'NOT strade',
  ])('never fails on FTS5 or Solr syntax: %j', async (q) => {
    const res = await search({ q });
    expect([200, 409]).toContain(res.status);
    if (res.status === 200) expect(Array.isArray(res.body.result.results)).toBe(true);
  });

  it('reads Solr fuzziness and boosts as the plain word', async () => {
    for (const q of ['strade~2', 'strade^3', 'strade*']) expect((await search({ q })).body.result.results.map((p: { name: string }) => p.name)).toEqual(['strade']);
    expect((await search({ q: 'NOT strade' })).body.result.results.map((p: { name: string }) => p.name)).toEqual(['ponti']);
  });
});
