// The searches of the search issue, on the demo catalogue, as a journalist would type them: themes,
// stems, prefixes, no accents, any case, English theme labels, and relevance order.
import { loadDemo } from '../../server/seed/demo';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { getAction } from '../support/factories';

let cat: TestCatalogue;
beforeAll(async () => {
  cat = await startCatalogue();
  await loadDemo(cat.services);
}, 60000);
afterAll(async () => cat.close());

async function search(query: Record<string, string>) {
  const res = await getAction(cat, 'package_search', { rows: '50', ...query });
  expect(res.status).toBe(200);
  return res.body.result;
}
const found = async (q: string) => (await search({ q })).results.map((p: { name: string }) => p.name).sort();

const TRANSPORT = ['lucca-parcheggi-di-scambio', 'pistoia-fermate-trasporto-pubblico', 'provincia-ms-manutenzione-strade-provinciali-2024'];

describe('searching the demo catalogue', () => {
  it('finds the datasets of the theme Trasporti by the theme, in Italian and in English', async () => {
    expect(await found('trasporti')).toEqual(TRANSPORT);
    expect(await found('Transport')).toEqual(TRANSPORT);
  });

  it.each([
    ['parcheggio', ['lucca-parcheggi-di-scambio']],
    ['vaccino', ['vaccini-covid19-punti-somministrazione']],
  ])('finds %s by its stem', async (q, expected) => {
    expect(await found(q)).toEqual(expected);
  });

  it.each(['mobilita', 'MOBILITÀ', 'Mobilità'])('finds %s whatever the accents and the case, the tagged datasets first', async (q) => {
    // "mobile" (in the confiscated goods) has the same Italian stem: found too, below the two tagged "mobilità".
    const ranked = (await search({ q })).results.map((p: { name: string }) => p.name);
    expect(ranked.slice(0, 2).sort()).toEqual(['lucca-parcheggi-di-scambio', 'pistoia-fermate-trasporto-pubblico']);
  });

  it("finds the home page's examples: popolazione (a theme) and scuole (a word in a description)", async () => {
    expect(await found('popolazione')).toContain('rt-covid19-ars-toscana');
    expect(await found('scuole')).toContain('prato-comunicati-stampa-2013');
  });

  it('finds words by their beginning', async () => {
    expect(await found('traspor')).toEqual(expect.arrayContaining(['pistoia-fermate-trasporto-pubblico']));
    expect(await found('vaccin')).toEqual(['vaccini-covid19-punti-somministrazione']);
  });

  it('finds nothing for a word no dataset has, and counts what it finds', async () => {
    const none = await search({ q: 'ornitorinco' });
    expect({ count: none.count, results: none.results }).toEqual({ count: 0, results: [] });
    expect((await search({ q: 'covid' })).count).toBe(4);
  });

  it('combines words with AND, OR and NOT, and with fields', async () => {
    expect(await found('covid vaccini')).toEqual(['vaccini-covid19-punti-somministrazione']);
    expect(await found('parcheggi OR vaccini')).toEqual(['lucca-parcheggi-di-scambio', 'vaccini-covid19-punti-somministrazione']);
    expect(await found('covid -vaccini -dashboard -toscana')).toEqual(['dpc-covid19-andamento-nazionale']);
    expect(await found('trasporti organization:comune-di-lucca')).toEqual(['lucca-parcheggi-di-scambio']);
    expect(await found('organization:comune-di-lucca OR vaccini')).toEqual(['lucca-parcheggi-di-scambio', 'vaccini-covid19-punti-somministrazione']);
    expect(await found('"trasporto pubblico"')).toEqual(['pistoia-fermate-trasporto-pubblico']);
  });

  it('sorts by relevance by default when q is given, the title match first', async () => {
    const ranked = (await search({ q: 'pagamenti' })).results.map((p: { name: string }) => p.name);
    // Two titles say "pagamenti"; other datasets say it only in their tags or description.
    expect(ranked.slice(0, 2).sort()).toEqual(['prato-indicatore-tempestivita-pagamenti', 'sesto-fiorentino-pagamenti-2024']);
    expect(ranked.length).toBeGreaterThan(2);
    const byDate = (await search({ q: 'pagamenti', sort: 'metadata_modified desc' })).results.map((p: { name: string }) => p.name);
    expect([...byDate].sort()).toEqual([...ranked].sort());
  });

  it('lists the same datasets on the theme Trasporti\'s page (group_show) as the search finds by the theme', async () => {
    const theme = (await getAction(cat, 'group_show', { id: 'trasporti', include_datasets: 'true' })).body.result;
    expect(theme).toMatchObject({ title: 'Trasporti', theme: 'TRAN', package_count: 3 });
    expect(theme.packages.map((p: { name: string }) => p.name).sort()).toEqual(TRANSPORT);
    expect((await search({ fq: 'theme:TRAN' })).results.map((p: { name: string }) => p.name).sort()).toEqual(TRANSPORT);
  });

  it('counts facets over the matches only, frequency with its label', async () => {
    const r = await search({ q: 'trasporti', 'facet.field': '["organization","groups","res_format","frequency"]' });
    expect(r.search_facets.groups.items).toEqual(expect.arrayContaining([{ name: 'trasporti', display_name: 'Trasporti', count: 3 }]));
    expect(r.search_facets.organization.items.map((i: { count: number }) => i.count).reduce((a: number, b: number) => a + b, 0)).toBe(3);
    for (const item of r.search_facets.frequency.items) expect(item.display_name).not.toBe(item.name);
  });
});
