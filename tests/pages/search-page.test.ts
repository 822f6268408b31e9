// The search page /dataset: results with a highlighted passage and their details, filters as chips with
// labels, sort choices, the whole state kept in every link, "Forse cercavi", plurals, and bad searches.
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { makeDataset, makeOrg, sysadminContext, unique } from '../support/factories';
import { unescapeHtml } from './helpers';

let cat: TestCatalogue;
let prato: { id: string; name: string };
let firenze: { id: string; name: string };
let theme: string;
let empoli: { id: string; name: string };

const LONG_INTRO = 'Questo insieme di dati raccoglie informazioni utili alla cittadinanza e alle imprese del territorio. '.repeat(4);

beforeAll(async () => {
  cat = await startCatalogue();
  prato = await makeOrg(cat, { title: 'Comune di Prato' });
  firenze = await makeOrg(cat, { title: 'Comune di Firenze' });
  theme = unique('trasporti');
  await runAction('group_create', await sysadminContext(cat), { name: theme, title: 'Trasporti e mobilità' });
  await makeDataset(cat, prato.name, {
    name: 'parcheggi-prato', title: 'Parcheggi di Prato', license_id: 'CC-BY-4.0', frequency: 'ANNUAL', groups: [{ name: theme }],
    notes: `${LONG_INTRO}Elenco dei **parcheggi** pubblici <script>alert(1)</script>: tariffe < 2 € & posti "liberi". ${LONG_INTRO}`,
    resources: [
      { name: 'Elenco', url: 'https://dati.example.it/p.csv', format: 'CSV' },
      { name: 'Elenco 2023', url: 'https://dati.example.it/p23.csv', format: 'csv' },
      { name: 'API', url: 'https://dati.example.it/p.json', format: 'JSON' },
    ],
  });
  await makeDataset(cat, prato.name, { name: 'bilancio-prato', title: 'Bilancio di Prato', notes: 'Entrate e uscite', license_id: 'CC-BY-SA-4.0' });
  await makeDataset(cat, firenze.name, { name: 'scuole-firenze', title: 'Scuole di Firenze', notes: 'Le scuole e i parcheggi vicini' });
  empoli = await makeOrg(cat, { title: 'Comune di Empoli' });
  for (let i = 0; i < 21; i += 1) await makeDataset(cat, empoli.name, { name: `empoli-${i}`, title: `Strade di Empoli ${i}` });
});
afterAll(async () => cat.close());

const get = (query: Record<string, string | string[]>, status = 200) => request(cat.app).get('/dataset').query(query).expect(status);

/** The HTML of the result that links to `name`. */
function resultOf(html: string, name: string): string {
  const item = html.split('<li class="catalogo-dataset-item">').find((part) => part.includes(`href="/dataset/${name}"`));
  if (!item) throw new Error(`no result for ${name}`);
  return item.slice(0, item.indexOf('</li>\n'));
}

/** The chips: each one's href and visible text (the visually hidden prefix apart). */
function chipsOf(html: string): { href: string; hidden: string; text: string }[] {
  const chips = [...unescapeHtml(html).matchAll(/<a class="chip chip-simple catalogo-chip" href="([^"]+)"><span class="chip-label"><span class="visually-hidden">([^<]*)<\/span>([^<]*)<\/span><\/a>/g)];
  return chips.map((m) => ({ href: m[1], hidden: m[2], text: m[3] }));
}

function resultNames(html: string): string[] {
  return [...html.matchAll(/<li class="catalogo-dataset-item">\s*<h3[^>]*><a href="\/dataset\/([^"]+)"/g)].map((m) => m[1]);
}

describe('each result', () => {
  it('shows a passage of the description around the match, the matched words in <mark>, escaped', async () => {
    const res = await get({ q: 'parcheggio' });
    const item = resultOf(res.text, 'parcheggi-prato');
    // Found by its stem (parcheggio → parcheggi), highlighted in the title and the passage.
    expect(item).toContain('<mark>Parcheggi</mark> di Prato');
    expect(item).toMatch(/<p class="mb-1 catalogo-snippet">… [^<]*Elenco dei <mark>parcheggi<\/mark> pubblici alert\(1\) : tariffe &lt; 2 € &amp; posti &quot;liberi&quot;\./);
    expect(item).not.toContain('<script>');
    expect(item).not.toContain('**');
    const passage = /catalogo-snippet">([\s\S]*?)<\/p>/.exec(item)![1].replace(/<\/?mark>/g, '');
    expect(passage.length).toBeLessThan(300);
  });

  it('shows its organization, each format once, its licence and its last update in the page language', async () => {
    const italian = resultOf((await get({ q: 'parcheggi' })).text, 'parcheggi-prato');
    expect(italian).toContain('<dd>Comune di Prato</dd>');
    expect(italian.match(/>CSV</g)).toHaveLength(1);
    expect(italian.match(/>JSON</g)).toHaveLength(1);
    expect(italian).toContain('Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)');
    const year = new Date().getUTCFullYear();
    const italianDate = /<time datetime="(\d{4}-\d\d-\d\dT[^"]+)">([^<]+)<\/time>/.exec(italian)!;
    expect(italianDate[2]).toMatch(new RegExp(`^\\d{1,2} (gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre) (${year}|${year + 1})$`));
    const english = resultOf((await get({ q: 'parcheggi', lang: 'en' })).text, 'parcheggi-prato');
    expect(/<time[^>]*>([^<]+)<\/time>/.exec(english)![1]).toMatch(/^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/);
    expect(english).toContain('<dt>Licence</dt>');
  });
});

describe('the count', () => {
  it.each([
    [{ q: 'bilancio' }, 'it', '1 dataset trovato'],
    [{ q: 'parcheggi' }, 'it', '2 dataset trovati'],
    [{ q: 'bilancio' }, 'en', '1 dataset found'],
    [{ q: 'parcheggi' }, 'en', '2 datasets found'],
  ])('says %j in %s as "%s"', async (query, lang, label) => {
    const res = await get({ ...query, lang });
    expect(res.text).toContain(`<h2 id="results-title" class="h4" aria-live="polite">${label}</h2>`);
  });
});

describe('active filters', () => {
  it('are chips that show labels, not slugs, and each removes only itself', async () => {
    const filters = { organization: prato.name, groups: theme, license_id: 'CC-BY-4.0', frequency: 'ANNUAL' };
    const res = await get({ q: 'parcheggi', ...filters, sort: 'name asc' });
    const chips = chipsOf(res.text);
    expect(chips.map((c) => c.text)).toEqual([
      'Organizzazione: Comune di Prato', 'Tema: Trasporti e mobilità',
      'Licenza: Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)', 'Frequenza: annuale',
    ]);
    for (const chip of chips) expect(chip.hidden).toBe('Rimuovi il filtro ');
    const removed = Object.keys(filters).map((field) => new URL(chips.find((c) => c.text.startsWith({
      organization: 'Organizzazione', groups: 'Tema', license_id: 'Licenza', frequency: 'Frequenza',
    }[field]!))!.href, 'http://x').searchParams);
    Object.keys(filters).forEach((field, i) => {
      expect(removed[i].has(field)).toBe(false);
      for (const other of Object.keys(filters).filter((f) => f !== field)) expect(removed[i].get(other)).toBe(filters[other as keyof typeof filters]);
      expect(removed[i].get('q')).toBe('parcheggi');
      expect(removed[i].get('sort')).toBe('name asc');
    });
    expect(unescapeHtml(res.text)).toContain('<a href="/dataset?q=parcheggi&sort=name+asc" class="small">Rimuovi tutti i filtri</a>');
  });

  it('have their accessible name start with "Remove filter" and otherwise be their visible text, with no aria-label', async () => {
    const res = await get({ organization: prato.name, lang: 'en' });
    expect(chipsOf(res.text)).toEqual([{ href: '/dataset', hidden: 'Remove filter ', text: 'Organization: Comune di Prato' }]);
    expect(res.text).not.toMatch(/class="chip[^"]*"[^>]*aria-label/);
  });

  it("name the organization by its title even when nothing is found", async () => {
    const res = await get({ organization: firenze.name, tags: 'inesistente' });
    expect(chipsOf(res.text).map((c) => c.text)).toEqual(['Organizzazione: Comune di Firenze', 'Tag: inesistente']);
    expect(res.text).toContain('0 dataset trovati');
  });

  it('are facet links that keep q and the sort and go back to the first page', async () => {
    const res = await get({ q: 'parcheggi', sort: 'name desc', page: '1' });
    expect(unescapeHtml(res.text)).toContain(`href="/dataset?q=parcheggi&organization=${prato.name}&sort=name+desc">Comune di Prato (1)</a>`);
    expect(res.text).toContain('>annuale (1)</a>');
  });
});

describe('sorting', () => {
  it('offers relevance when there are words, selected by default', async () => {
    const res = await get({ q: 'parcheggi' });
    expect(res.text).toContain('<option value="score desc" selected>Rilevanza</option>');
    expect(res.text).toContain('<option value="name asc">Nome (A-Z)</option>');
    expect(res.text).toContain('<option value="metadata_modified desc">Ultima modifica</option>');
  });

  it('offers no relevance without words, and sorts by last change by default', async () => {
    const res = await get({});
    expect(res.text).not.toContain('value="score desc"');
    expect(res.text).toContain('<option value="metadata_modified desc" selected>Ultima modifica</option>');
  });

  it('sorts by the chosen order and keeps it in the search box, the sort form keeping q and filters', async () => {
    const res = await get({ q: 'prato OR firenze', sort: 'name desc', organization: prato.name });
    expect(resultNames(res.text)).toEqual(['parcheggi-prato', 'bilancio-prato']);
    const asc = await get({ q: 'prato OR firenze', sort: 'name asc', organization: prato.name });
    expect(resultNames(asc.text)).toEqual(['bilancio-prato', 'parcheggi-prato']);
    const [searchForm, sortForm] = res.text.split('<form method="get" action="/dataset"').slice(1);
    expect(searchForm).toContain('<input type="hidden" name="sort" value="name desc">');
    expect(searchForm).toContain(`<input type="hidden" name="organization" value="${prato.name}">`);
    expect(searchForm).not.toContain('type="hidden" name="q"');
    expect(sortForm).toContain('<input type="hidden" name="q" value="prato OR firenze">');
    expect(sortForm).toContain(`<input type="hidden" name="organization" value="${prato.name}">`);
    expect(sortForm).not.toContain('type="hidden" name="sort"');
  });
});

describe('pages', () => {
  it('link to the next page with the whole state', async () => {
    const orgs = empoli;
    const res = await get({ q: 'strade', organization: orgs.name, sort: 'name asc' });
    expect(unescapeHtml(res.text)).toContain(`href="/dataset?q=strade&organization=${orgs.name}&sort=name+asc&page=2" rel="next"`);
    const second = await get({ q: 'strade', organization: orgs.name, sort: 'name asc', page: '2' });
    expect(resultNames(second.text)).toHaveLength(1);
    expect(unescapeHtml(second.text)).toContain(`href="/dataset?q=strade&organization=${orgs.name}&sort=name+asc" rel="prev"`);
    // A filter chosen on page 2 starts again from page 1.
    expect(unescapeHtml(second.text)).toContain(`href="/dataset?q=strade&sort=name+asc">`);
  });
});

describe('a search that finds nothing', () => {
  it('suggests close terms as links that keep the filters', async () => {
    const res = await get({ q: 'parchegi', organization: prato.name });
    expect(res.text).toContain('0 dataset trovati');
    expect(unescapeHtml(res.text)).toMatch(new RegExp(`<p class="catalogo-suggestions">Forse cercavi: (<a href="[^"]+">[^<]+</a>, )*<a href="/dataset\\?q=parcheggi&organization=${prato.name}">parcheggi</a>`));
  });

  it('says so in English too', async () => {
    const res = await get({ q: 'parchegi', lang: 'en' });
    expect(res.text).toMatch(/Did you mean: .*>parcheggi<\/a>/);
  });
});

describe('the layout', () => {
  it('puts the results before the filters, with a link to jump to the filters', async () => {
    const res = await get({ q: 'parcheggi' });
    const skip = res.text.indexOf('<a href="#filters"');
    expect(skip).toBeGreaterThan(res.text.indexOf('id="search-q"'));
    expect(res.text.indexOf('id="results"')).toBeGreaterThan(skip);
    expect(res.text.indexOf('<aside id="filters"')).toBeGreaterThan(res.text.indexOf('id="results"'));
    expect(res.text).toContain('>Vai ai filtri</a>');
    expect((await get({ lang: 'en' })).text).toContain('>Skip to filters</a>');
  });
});

describe('bad searches', () => {
  it.each([
    ['an unbalanced quote', '"parcheggi pubblici', /virgolette/],
    ['unbalanced parentheses', '(parcheggi OR scuole', /parentesi/],
    ['Solr local parameters', '{!lucene}parcheggi', /intervallo/],
    ['too many words', Array.from({ length: 60 }, (_, i) => `parola${i}`).join(' '), /troppe parole/],
    ['10,000 characters', 'parcheggi '.repeat(1000), /troppe parole/],
  ])('answers %s with a 400 and the reason next to the box', async (_what, q, reason) => {
    const res = await get({ q }, 400);
    expect(res.text).toContain('<div id="search-q-error" class="text-danger mt-2">');
    expect(res.text).toContain('Non è stato possibile eseguire questa ricerca.');
    expect(/<p class="mb-0">([^<]*)<\/p>/.exec(res.text)![1]).toMatch(reason);
    expect(res.text).toContain('aria-invalid="true" aria-describedby="search-q-error"');
    expect(res.text).not.toContain('Nessun dataset corrisponde');
  });

  it.each([
    ['an unbalanced quote', '"parcheggi pubblici', 'Invalid syntax: unclosed quotes'],
    ['unbalanced parentheses', '(parcheggi OR scuole', 'Invalid syntax: unbalanced parentheses: 1 opened and 0 closed'],
    ['too many words', Array.from({ length: 60 }, (_, i) => `parola${i}`).join(' '), 'Invalid search: too many words in the search (at most 32)'],
  ])('explains %s in English on the English page', async (_what, q, reason) => {
    const res = await get({ q, lang: 'en' }, 400);
    expect(/<p class="mb-0">([^<]*)<\/p>/.exec(res.text)![1]).toBe(reason);
  });

  it.each([
    ['an unknown sort', { sort: 'popularity desc' }],
    ['relevance without words', { sort: 'score desc' }],
    ['a negative page', { page: '-3' }],
    ['a huge page', { page: '99999999999' }],
    ['only stop words', { q: 'della di il' }],
    ['only punctuation', { q: '... ??? ,;:' }],
  ])('answers %s with the default results', async (_what, query) => {
    const res = await get(query);
    expect(res.text).toContain('24 dataset trovati');
    expect(resultNames(res.text)).toHaveLength(20);
    expect(res.text).not.toContain('search-q-error');
  });
});
