// The DCAT feeds over HTTP, as ckanext-dcat serves them: /catalog.{ttl,rdf,xml,jsonld,nt} and
// /dataset/NAME.{…}, content negotiation on /catalog and /dataset/NAME, 100 datasets a page with the
// hydra:PagedCollection node, the q / fq / modified_since / profiles filters, only public datasets
// with a distribution, persistent URIs, and a plain-text 400 (never a 500) for a hand-edited URL.
import { runAction } from '../../server/core/actions';
import type { ActionContext } from '../../server/core/context';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { sysadminContext } from '../support/factories';
import {
  BROWSER_ACCEPT, Graph, MEDIA_TYPES, P, SITE, getText, normalisedTriples, parseResponse, rdf, sleep,
} from './feed-support';

const DCAT = P.dcat;
const DCATAPIT = P.dcatapit;
const HYDRA = P.hydra;
const FOAF = P.foaf;
const DCT = P.dct;
const CATALOG_URI = `${SITE}/catalog`;

const TOTAL = 230;
/** Datasets with "zanzara" in the title: the even ones. */
const WITH_WORD = 115;

let cat: TestCatalogue;
let admin: ActionContext;
let prato: { id: string; name: string };
/** Publisher of the catalogue too: its identifier is CATALOGO_PUBLISHER_IPA's default, r_toscan. */
let regione: { id: string; name: string };
/** name → { id, resource ids } of the 230 published datasets. */
const published = new Map<string, { id: string; resources: string[]; org: string }>();
/** Datasets that exist but must not be in the catalogue, name → id. */
const hidden = new Map<string, string>();
let noResources: { id: string; name: string };
let cutoff = '';
const CHANGED_AFTER_CUTOFF = ['serie-055', 'serie-117', 'serie-229'];

const seriesName = (i: number) => `serie-${String(i).padStart(3, '0')}`;

function datasetUri(id: string): string {
  return `${SITE}/dataset/${id}`;
}

async function createDataset(fields: Record<string, unknown>): Promise<{ id: string; name: string; resources: { id: string }[] }> {
  return runAction('package_create', admin, { title: 'Dataset di prova', notes: 'Descrizione', owner_org: prato.name, ...fields });
}

beforeAll(async () => {
  cat = await startCatalogue();
  admin = await sysadminContext(cat);
  prato = await runAction('organization_create', admin, { name: 'comune-di-prato', title: 'Comune di Prato', identifier: 'c_g999' });
  regione = await runAction('organization_create', admin, { name: 'regione-toscana', title: 'Regione Toscana', identifier: 'r_toscan' });

  // 230 public datasets, one in ten of the Regione, with a contact point, a period and a creator
  // (blank nodes); serie-000 has two distributions.
  const regioneExtras = {
    contact_name: 'Ufficio statistica', contact_email: 'statistica@example.it', temporal_start: '2020-01-01',
    creator: [{ creator_name: 'Settore sistemi informativi', creator_identifier: 'r_toscan' }],
  };
  const CHUNK = 10;
  for (let start = 0; start < TOTAL; start += CHUNK) {
    const chunk = Array.from({ length: Math.min(CHUNK, TOTAL - start) }, (_, k) => start + k);
    const made = await Promise.all(chunk.map((i) => createDataset({
      name: seriesName(i),
      title: `Serie storica ${i}${i % 2 === 0 ? ' zanzara' : ''}`,
      owner_org: i % 10 === 0 ? regione.name : prato.name,
      ...(i % 10 === 0 ? regioneExtras : {}),
      resources: [
        { name: `Dati ${i}`, url: `https://example.it/dati/serie-${i}.csv` },
        ...(i === 0 ? [{ name: 'Dati in JSON', url: 'https://example.it/dati/serie-0.json' }] : []),
      ],
    })));
    made.forEach((pkg, k) => published.set(pkg.name, {
      id: pkg.id, resources: pkg.resources.map((r) => r.id), org: chunk[k] % 10 === 0 ? regione.id : prato.id,
    }));
  }

  // Datasets with a distribution that the feeds must still leave out.
  const withResource = (name: string) => ({ name, resources: [{ url: `https://example.it/dati/${name}.csv` }] });
  const riservato = await createDataset({ ...withResource('riservato'), private: true });
  const bozza = await createDataset({ ...withResource('bozza'), state: 'draft' });
  const cancellato = await createDataset(withResource('cancellato'));
  await runAction('package_delete', admin, { id: cancellato.id });
  const oraPrivato = await createDataset(withResource('ora-privato'));
  const risorsaRimossa = await createDataset(withResource('risorsa-rimossa'));
  await runAction('resource_delete', admin, { id: risorsaRimossa.resources[0].id });
  noResources = await createDataset({ name: 'senza-risorse', title: 'Senza distribuzioni' });
  for (const d of [riservato, bozza, cancellato, oraPrivato, risorsaRimossa, noResources]) hidden.set(d.name, d.id);

  // Changed after the cutoff: three published datasets, and one that becomes private.
  await sleep(15);
  cutoff = new Date().toISOString();
  await sleep(15);
  for (const name of CHANGED_AFTER_CUTOFF) await runAction('package_patch', admin, { id: name, title: `Serie aggiornata ${name}` });
  await runAction('package_patch', admin, { id: 'ora-privato', private: true });
}, 120_000);
afterAll(async () => cat?.close());

// ------------------------------------------------------------------ reading a catalogue page

interface Page {
  graph: Graph;
  /** dcat:dataset links of the catalogue node, in no particular order. */
  datasets: string[];
  /** Subjects typed dcat:Dataset. */
  described: string[];
  paging: {
    node: string;
    totalItems: number;
    itemsPerPage: number;
    first: string | null; last: string | null; next: string | null; previous: string | null;
    firstPage: string | null; lastPage: string | null; nextPage: string | null; previousPage: string | null;
  };
}

function readPage(graph: Graph): Page {
  const collections = graph.subjectsOfType(`${HYDRA}PagedCollection`);
  expect(collections).toHaveLength(1);
  const node = collections[0];
  const v = (p: string) => graph.value(node, `${HYDRA}${p}`);
  return {
    graph,
    datasets: graph.values(CATALOG_URI, `${DCAT}dataset`),
    described: graph.subjectsOfType(`${DCAT}Dataset`),
    paging: {
      node,
      totalItems: Number(v('totalItems')),
      itemsPerPage: Number(v('itemsPerPage')),
      first: v('first'), last: v('last'), next: v('next'), previous: v('previous'),
      firstPage: v('firstPage'), lastPage: v('lastPage'), nextPage: v('nextPage'), previousPage: v('previousPage'),
    },
  };
}

async function page(path: string, accept?: string): Promise<Page> {
  const { graph } = await rdf(cat.app, path, accept);
  return readPage(graph);
}

/** A page URL as the feed writes it: the site, the path, then the parameters. */
function pageLink(url: string | null): { path: string; params: Record<string, string> } | null {
  if (url === null) return null;
  expect(url.startsWith(`${SITE}/`)).toBe(true);
  const parsed = new URL(url);
  return { path: parsed.pathname, params: Object.fromEntries(parsed.searchParams) };
}

function expectLinks(p: Page, path: string, params: Record<string, string>, pages: { first: number; last: number; next: number | null; previous: number | null }): void {
  const expected = (n: number | null) => (n === null ? null : { path, params: { ...params, page: String(n) } });
  const { paging } = p;
  expect(pageLink(paging.first)).toEqual(expected(pages.first));
  expect(pageLink(paging.last)).toEqual(expected(pages.last));
  expect(pageLink(paging.next)).toEqual(expected(pages.next));
  expect(pageLink(paging.previous)).toEqual(expected(pages.previous));
  // The old Hydra names carry the same URLs.
  expect(paging.firstPage).toBe(paging.first);
  expect(paging.lastPage).toBe(paging.last);
  expect(paging.nextPage).toBe(paging.next);
  expect(paging.previousPage).toBe(paging.previous);
}

const idsOf = (names: string[]) => names.map((n) => datasetUri(published.get(n)?.id ?? hidden.get(n)!));

async function expectPlain400(path: string, message: RegExp): Promise<void> {
  const res = await getText(cat.app, path);
  expect({ path, status: res.status }).toEqual({ path, status: 400 });
  expect(res.type).toMatch(/^text\/plain/);
  expect(res.text).toMatch(message);
  expect(res.text).not.toMatch(/<html|Error:|at .*\.ts/i);
}

// ------------------------------------------------------------------ formats

describe('/catalog.{ttl,rdf,xml,jsonld,nt}', () => {
  const FILES: [string, string][] = [
    ['ttl', MEDIA_TYPES.turtle], ['rdf', MEDIA_TYPES.rdfxml], ['xml', MEDIA_TYPES.rdfxml],
    ['jsonld', MEDIA_TYPES.jsonld], ['nt', MEDIA_TYPES.ntriples],
  ];

  it('answers 200 in each syntax with its media type, and every syntax carries the same triples', async () => {
    // One organization's datasets: a few thousand triples, with blank nodes (contact points, agents).
    const query = `?fq=organization:${regione.name}`;
    const graphs: { ext: string; triples: string[]; blanks: number }[] = [];
    for (const [ext, mime] of FILES) {
      const res = await getText(cat.app, `/catalog.${ext}${query}`);
      expect({ ext, status: res.status }).toEqual({ ext, status: 200 });
      expect(res.type).toBe(`${mime}; charset=utf-8`);
      const graph = await parseResponse(res);
      // The paging URLs name the file asked for (/catalog.ttl?…&page=2): the extension is the one difference.
      const sameFile = (v: string) => v.replace(/^(http:\/\/catalogo\.test\/catalog)\.[a-z]+\?/, '$1.EXT?');
      graphs.push({ ext, triples: normalisedTriples(graph.quads, sameFile), blanks: graph.quads.filter((q) => q.subject.termType === 'BlankNode').length });
      if (ext === 'ttl') {
        const p = readPage(graph);
        expect(p.datasets).toHaveLength(TOTAL / 10);
        expect(p.paging.first).toBe(`${SITE}/catalog.ttl?fq=organization%3A${regione.name}&page=1`);
      }
    }
    const [reference, ...others] = graphs;
    expect(reference.triples.length).toBeGreaterThan(500);
    expect(reference.blanks).toBeGreaterThan(0);
    expect(new Set(reference.triples).size).toBe(reference.triples.length);
    for (const other of others) {
      expect({ ext: other.ext, count: other.triples.length }).toEqual({ ext: other.ext, count: reference.triples.length });
      expect(other.triples.filter((t) => !reference.triples.includes(t))).toEqual([]);
      expect(other.blanks).toBe(reference.blanks);
    }
  });

  it('?format= picks the syntax on /catalog; an unknown one is a 400, an unknown extension a 404', async () => {
    const ttl = await getText(cat.app, '/catalog?format=ttl&fq=organization:nessuna');
    expect(ttl.status).toBe(200);
    expect(ttl.type).toBe('text/turtle; charset=utf-8');
    const jsonld = await getText(cat.app, '/catalog?format=jsonld&fq=organization:nessuna');
    expect(jsonld.type).toBe('application/ld+json; charset=utf-8');
    await parseResponse(jsonld);
    await expectPlain400('/catalog?format=xyz', /Formato "xyz" non disponibile/);
    const xyz = await getText(cat.app, '/catalog.xyz');
    expect(xyz.status).toBe(404);
    expect(xyz.type).toMatch(/^text\/plain/);
    expect(xyz.text).toMatch(/non disponibile/);
  });

  it('is readable from any site', async () => {
    const res = await getText(cat.app, '/catalog.ttl?fq=organization:nessuna');
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});

// ------------------------------------------------------------------ content negotiation

describe('content negotiation', () => {
  const TYPES = Object.values(MEDIA_TYPES);

  it.each(TYPES)('GET /catalog with Accept: %s answers the catalogue in that syntax', async (mime) => {
    const { res, graph } = await rdf(cat.app, '/catalog', mime);
    expect(res.type).toBe(`${mime}; charset=utf-8`);
    expect(res.headers.vary).toMatch(/\bAccept\b/);
    expect(graph.typesOf(CATALOG_URI)).toEqual(expect.arrayContaining([`${DCAT}Catalog`, `${DCATAPIT}Catalog`]));
    expect(readPage(graph).datasets).toHaveLength(100);
  });

  it.each(TYPES)('GET /dataset/NAME with Accept: %s answers that dataset in that syntax', async (mime) => {
    const { id } = published.get('serie-000')!;
    const { res, graph } = await rdf(cat.app, '/dataset/serie-000', mime);
    expect(res.type).toBe(`${mime}; charset=utf-8`);
    expect(res.headers.vary).toMatch(/\bAccept\b/);
    expect(graph.subjectsOfType(`${DCAT}Dataset`)).toEqual([datasetUri(id)]);
  });

  it('q-values decide between HTML and RDF', async () => {
    const rdfFirst = await getText(cat.app, '/dataset/serie-000', 'application/rdf+xml, text/html;q=0.5');
    expect(rdfFirst.type).toBe('application/rdf+xml; charset=utf-8');
    const htmlFirst = await getText(cat.app, '/dataset/serie-000', 'text/turtle;q=0.5, text/html');
    expect(htmlFirst.status).toBe(200);
    expect(htmlFirst.type).toMatch(/^text\/html/);
  });

  it('a browser gets the dataset page in HTML', async () => {
    const res = await getText(cat.app, '/dataset/serie-000', BROWSER_ACCEPT);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/html/);
    expect(res.text).toContain('Serie storica 0 zanzara');
  });

  it('a browser asking for /catalog is sent to the dataset search page', async () => {
    const res = await getText(cat.app, '/catalog', BROWSER_ACCEPT);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/dataset');
    expect(res.headers.vary).toMatch(/\bAccept\b/);
  });

  it('the HTML answer of a negotiated dataset URL says Vary: Accept too, so caches keep the variants apart', async () => {
    // RFC 9110 §12.5.5: a response chosen by Accept varies on Accept, whichever variant it is.
    const res = await getText(cat.app, '/dataset/serie-000', BROWSER_ACCEPT);
    expect(res.status).toBe(200);
    expect(res.headers.vary ?? '').toMatch(/\bAccept\b/);
  });

  it('Content-Location of a negotiated catalogue page names the same page of the file', async () => {
    const first = await getText(cat.app, '/catalog', 'text/turtle');
    expect(first.headers['content-location']).toBe('/catalog.ttl');
    // Page 2 is not what /catalog.ttl answers: the page must stay in the Content-Location.
    const second = await getText(cat.app, '/catalog?page=2', 'text/turtle');
    expect(second.status).toBe(200);
    expect(second.headers['content-location']).toMatch(/^\/catalog\.ttl\?(.*&)?page=2(&|$)/);
  });
});

// ------------------------------------------------------------------ one dataset

describe('/dataset/NAME.{ttl,rdf,jsonld,nt}', () => {
  it.each([['ttl', MEDIA_TYPES.turtle], ['rdf', MEDIA_TYPES.rdfxml], ['xml', MEDIA_TYPES.rdfxml], ['jsonld', MEDIA_TYPES.jsonld], ['nt', MEDIA_TYPES.ntriples]])(
    '.%s is that dataset alone, with its distributions', async (ext, mime) => {
      const { id, resources } = published.get('serie-000')!;
      const { res, graph } = await rdf(cat.app, `/dataset/serie-000.${ext}`);
      expect(res.type).toBe(`${mime}; charset=utf-8`);
      expect(graph.subjectsOfType(`${DCAT}Dataset`)).toEqual([datasetUri(id)]);
      expect(graph.subjectsOfType(`${DCAT}Catalog`)).toEqual([]);
      expect(graph.subjectsOfType(`${HYDRA}PagedCollection`)).toEqual([]);
      const distributions = resources.map((r) => `${SITE}/dataset/${id}/resource/${r}`);
      expect(graph.values(datasetUri(id), `${DCAT}distribution`).sort()).toEqual([...distributions].sort());
      expect(graph.subjectsOfType(`${DCAT}Distribution`).sort()).toEqual([...distributions].sort());
      expect(graph.value(datasetUri(id), `${DCT}title`)).toBe('Serie storica 0 zanzara');
    },
  );

  it('answers for the dataset id too: the persistent URI dereferences to the same description', async () => {
    const { id } = published.get('serie-001')!;
    const byName = await rdf(cat.app, '/dataset/serie-001.nt');
    const byId = await rdf(cat.app, `/dataset/${id}.nt`);
    expect(normalisedTriples(byId.graph.quads)).toEqual(normalisedTriples(byName.graph.quads));
    const negotiated = await rdf(cat.app, `/dataset/${id}`, 'text/turtle');
    expect(negotiated.graph.subjectsOfType(`${DCAT}Dataset`)).toEqual([datasetUri(id)]);
  });

  it('a public dataset without distributions has no document either: DCAT-AP_IT requires one', async () => {
    for (const path of ['/dataset/senza-risorse.ttl', `/dataset/${noResources.id}.jsonld`]) {
      const res = await getText(cat.app, path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });

  it.each(['non-esiste', 'riservato', 'bozza', 'cancellato', 'ora-privato'])('404 for %s (unknown, private, draft, deleted)', async (name) => {
    const paths = [`/dataset/${name}.ttl`, `/dataset/${name}.jsonld`, `/dataset/${name}.rdf`, `/dataset/${name}.nt`];
    if (hidden.has(name)) paths.push(`/dataset/${hidden.get(name)}.ttl`);
    for (const path of paths) {
      const res = await getText(cat.app, path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.type).toMatch(/^text\/plain/);
      expect(res.text).toMatch(/Dataset non trovato/);
    }
    const negotiated = await getText(cat.app, `/dataset/${name}`, 'text/turtle');
    expect(negotiated.status).toBe(404);
    expect(negotiated.text).not.toMatch(/dcat|@prefix/);
  });

  it('checks ?profiles= there too', async () => {
    await expectPlain400('/dataset/serie-000.ttl?profiles=foo', /Profilo sconosciuto: foo/);
    expect((await getText(cat.app, '/dataset/serie-000.ttl?profiles=it_dcat_ap')).status).toBe(200);
  });
});

// ------------------------------------------------------------------ paging

describe('paging, 100 datasets a page', () => {
  it('walks the 230 datasets over three pages, newest change first, each once', async () => {
    const p1 = await page('/catalog.ttl');
    const p2 = await page('/catalog.ttl?page=2');
    const p3 = await page('/catalog.ttl?page=3');
    expect([p1.datasets.length, p2.datasets.length, p3.datasets.length]).toEqual([100, 100, 30]);
    for (const p of [p1, p2, p3]) {
      // The page describes exactly the datasets it links.
      expect([...p.described].sort()).toEqual([...p.datasets].sort());
      expect(p.paging.totalItems).toBe(TOTAL);
      expect(p.paging.itemsPerPage).toBe(100);
    }
    const all = [...p1.datasets, ...p2.datasets, ...p3.datasets];
    expect(new Set(all).size).toBe(TOTAL);
    expect(new Set(all)).toEqual(new Set([...published.values()].map((d) => datasetUri(d.id))));
    // The three changed last are on page 1, the thirty created first (in chunks of ten) on page 3.
    expect(p1.datasets).toEqual(expect.arrayContaining(idsOf(CHANGED_AFTER_CUTOFF)));
    expect([...p3.datasets].sort()).toEqual(idsOf(Array.from({ length: 30 }, (_, i) => seriesName(i))).sort());
  });

  it('links the pages as ckanext-dcat does (hydra:PagedCollection)', async () => {
    const p1 = await page('/catalog.ttl');
    // The collection node is the page itself.
    expect(p1.paging.node).toBe(`${SITE}/catalog.ttl?page=1`);
    expectLinks(p1, '/catalog.ttl', {}, { first: 1, last: 3, next: 2, previous: null });
    expectLinks(await page('/catalog.ttl?page=2'), '/catalog.ttl', {}, { first: 1, last: 3, next: 3, previous: 1 });
    const p3 = await page('/catalog.ttl?page=3');
    expect(p3.paging.node).toBe(`${SITE}/catalog.ttl?page=3`);
    expectLinks(p3, '/catalog.ttl', {}, { first: 1, last: 3, next: null, previous: 2 });
    const rdfxml = await page('/catalog.rdf?page=2');
    expectLinks(rdfxml, '/catalog.rdf', {}, { first: 1, last: 3, next: 3, previous: 1 });
  });

  it('keeps the other parameters in the page links, and following them walks the filtered set', async () => {
    const p1 = await page('/catalog.jsonld?q=zanzara&profiles=euro_dcat_ap_3');
    expect(p1.paging.totalItems).toBe(WITH_WORD);
    expect(p1.datasets).toHaveLength(100);
    expectLinks(p1, '/catalog.jsonld', { q: 'zanzara', profiles: 'euro_dcat_ap_3' }, { first: 1, last: 2, next: 2, previous: null });
    const next = new URL(p1.paging.next!);
    const p2 = await page(`${next.pathname}${next.search}`);
    expect(p2.datasets).toHaveLength(WITH_WORD - 100);
    expectLinks(p2, '/catalog.jsonld', { q: 'zanzara', profiles: 'euro_dcat_ap_3' }, { first: 1, last: 2, next: null, previous: 1 });
    expect(new Set([...p1.datasets, ...p2.datasets]).size).toBe(WITH_WORD);
  });

  it('escapes what the parameters carry (spaces, &, quotes) in every syntax', async () => {
    const q = 'storica zanzara';
    const since = '2000-01-01T00:00:00Z';
    const query = `?q=${encodeURIComponent(q)}&modified_since=${encodeURIComponent(since)}&fq=${encodeURIComponent('-organization:"x&y"')}`;
    for (const ext of ['ttl', 'rdf', 'jsonld', 'nt']) {
      const p = await page(`/catalog.${ext}${query}`);
      expect(p.paging.totalItems).toBe(WITH_WORD);
      expectLinks(p, `/catalog.${ext}`, { q, modified_since: since, fq: '-organization:"x&y"' }, { first: 1, last: 2, next: 2, previous: null });
    }
  });

  it('a page past the end is an empty 200 whose links still lead back', async () => {
    const p9 = await page('/catalog.ttl?page=9');
    expect(p9.datasets).toEqual([]);
    expect(p9.described).toEqual([]);
    expect(p9.paging.totalItems).toBe(TOTAL);
    // As ckanext-dcat: previous is the last page that has datasets.
    expectLinks(p9, '/catalog.ttl', {}, { first: 1, last: 3, next: null, previous: 3 });
    // The catalogue node is still there.
    expect(p9.graph.typesOf(CATALOG_URI)).toEqual(expect.arrayContaining([`${DCAT}Catalog`, `${DCATAPIT}Catalog`]));
  });

  it('an empty result has one page and no next or previous', async () => {
    const p = await page('/catalog.nt?q=nessunaparolacosi');
    expect(p.datasets).toEqual([]);
    expect(p.paging.totalItems).toBe(0);
    expectLinks(p, '/catalog.nt', { q: 'nessunaparolacosi' }, { first: 1, last: 1, next: null, previous: null });
  });

  it.each(['0', '-1', 'abc', '1.5', '2e1', '0x2'])('page=%s is a plain-text 400, not a 500', async (value) => {
    await expectPlain400(`/catalog.ttl?page=${encodeURIComponent(value)}`, /Pagina non valida/);
  });

  it('a huge page number is no 500', async () => {
    const res = await getText(cat.app, '/catalog.ttl?page=99999999999999999999');
    expect(res.status).toBeLessThan(500);
  });

  it('a repeated parameter is a 400 too', async () => {
    await expectPlain400('/catalog.ttl?page=1&page=2', /page/);
    await expectPlain400('/catalog.ttl?q=a&q=b', /q/);
    await expectPlain400('/catalog.ttl?page[x]=1', /page/);
  });
});

// ------------------------------------------------------------------ filters

describe('filters', () => {
  it('?modified_since= keeps the datasets changed since then', async () => {
    const p = await page(`/catalog.ttl?modified_since=${encodeURIComponent(cutoff)}`);
    expect([...p.datasets].sort()).toEqual(idsOf(CHANGED_AFTER_CUTOFF).sort());
    expect(p.paging.totalItems).toBe(CHANGED_AFTER_CUTOFF.length);
    expectLinks(p, '/catalog.ttl', { modified_since: cutoff }, { first: 1, last: 1, next: null, previous: null });
    // A date alone is midnight UTC.
    expect((await page('/catalog.ttl?modified_since=2000-01-01')).paging.totalItems).toBe(TOTAL);
    expect((await page('/catalog.ttl?modified_since=2999-12-31')).datasets).toEqual([]);
  });

  it.each(['ieri', '2024-13-45', '01/05/2024', '2024-05-01T25:00:00Z', '2024-02-30'])('?modified_since=%s is a 400', async (value) => {
    await expectPlain400(`/catalog.ttl?modified_since=${encodeURIComponent(value)}`, /Data non valida/);
  });

  it('?q= keeps the matching datasets', async () => {
    const p = await page('/catalog.ttl?q=aggiornata');
    expect([...p.datasets].sort()).toEqual(idsOf(CHANGED_AFTER_CUTOFF).sort());
  });

  it('?fq=organization:NAME keeps that organization\'s datasets', async () => {
    const p = await page(`/catalog.ttl?fq=organization:${regione.name}`);
    const expected = [...published.values()].filter((d) => d.org === regione.id).map((d) => datasetUri(d.id));
    expect(expected).toHaveLength(TOTAL / 10);
    expect([...p.datasets].sort()).toEqual(expected.sort());
    const orgUri = `${SITE}/organization/${regione.id}`;
    for (const ds of p.datasets) expect(p.graph.value(ds, `${DCT}publisher`)).toBe(orgUri);
  });

  it('?fq= on an unknown field is a 400', async () => {
    await expectPlain400('/catalog.ttl?fq=bad:field', /sconosciut.*bad/i);
    await expectPlain400('/catalog.ttl?q=title:(', /non valid/i);
  });

  it('?profiles= takes ckanext-dcat\'s profile names and refuses others', async () => {
    for (const profiles of ['euro_dcat_ap_3', 'it_dcat_ap', 'euro_dcat_ap_3,it_dcat_ap']) {
      const res = await getText(cat.app, `/catalog.ttl?profiles=${profiles}&fq=organization:nessuna`);
      expect({ profiles, status: res.status }).toEqual({ profiles, status: 200 });
    }
    await expectPlain400('/catalog.ttl?profiles=foo', /Profilo sconosciuto: foo/);
    await expectPlain400('/catalog.ttl?profiles=it_dcat_ap,foo', /Profilo sconosciuto: foo/);
  });
});

// ------------------------------------------------------------------ what is published

describe('what the catalogue publishes', () => {
  let pages: Page[] = [];
  beforeAll(async () => {
    pages = [await page('/catalog.ttl'), await page('/catalog.ttl?page=2'), await page('/catalog.ttl?page=3')];
  });

  it('never private, draft, deleted datasets, nor a public one without distributions', async () => {
    const hiddenUris = [...hidden.values()].map(datasetUri);
    for (const p of pages) {
      const iris = p.graph.iris();
      for (const uri of hiddenUris) expect(iris.some((i) => i === uri || i.startsWith(`${uri}/`))).toBe(false);
    }
    // Filters do not bring them back either.
    for (const query of ['?q=riservato', '?q=bozza', '?q=cancellato', '?q=senza', '?q=privato', '?q=rimossa', `?fq=organization:${prato.name}&page=2`]) {
      const p = await page(`/catalog.ttl${query}`);
      for (const uri of hiddenUris) expect({ query, found: p.datasets.includes(uri) }).toEqual({ query, found: false });
    }
  });

  it('uses persistent URIs: no file extension, no query string', async () => {
    const p = pages[0];
    const orgUris = new Set([prato.id, regione.id].map((id) => `${SITE}/organization/${id}`));
    for (const ds of p.datasets) {
      expect(ds).toMatch(new RegExp(`^${SITE}/dataset/[0-9a-f-]{36}$`));
      const id = ds.slice(`${SITE}/dataset/`.length);
      const known = [...published.values()].find((d) => d.id === id)!;
      expect(known).toBeDefined();
      const distributions = p.graph.values(ds, `${DCAT}distribution`);
      expect(distributions.sort()).toEqual(known.resources.map((r) => `${SITE}/dataset/${id}/resource/${r}`).sort());
      expect(orgUris.has(p.graph.value(ds, `${DCT}publisher`)!)).toBe(true);
      expect(p.graph.value(ds, `${DCAT}landingPage`)).toMatch(new RegExp(`^${SITE}/dataset/serie-\\d{3}$`));
    }
    // Only the hydra page node carries a query string; nothing the site serves as RDF is named after a file.
    const siteIris = p.graph.iris().filter((i) => i.startsWith(SITE) && i !== p.paging.node);
    expect(siteIris.filter((i) => /\?|\.(ttl|rdf|xml|jsonld|nt)$/.test(i))).toEqual([]);
    // The catalogue's publisher is the Regione's organization node (same IPA code).
    expect(p.graph.value(CATALOG_URI, `${DCT}publisher`)).toBe(`${SITE}/organization/${regione.id}`);
  });

  it('types Catalog, Dataset, Distribution and Agent with both DCAT-AP and DCAT-AP_IT classes', async () => {
    const p = pages[2];
    expect(p.graph.typesOf(CATALOG_URI)).toEqual(expect.arrayContaining([`${DCAT}Catalog`, `${DCATAPIT}Catalog`]));
    const datasets = p.graph.subjectsOfType(`${DCAT}Dataset`);
    expect(datasets).toHaveLength(30);
    expect([...p.graph.subjectsOfType(`${DCATAPIT}Dataset`)].sort()).toEqual([...datasets].sort());
    const distributions = p.graph.subjectsOfType(`${DCAT}Distribution`);
    expect(distributions.length).toBeGreaterThanOrEqual(30);
    expect([...p.graph.subjectsOfType(`${DCATAPIT}Distribution`)].sort()).toEqual([...distributions].sort());
    const agents = p.graph.subjectsOfType(`${FOAF}Agent`);
    expect(agents).toEqual(expect.arrayContaining([`${SITE}/organization/${prato.id}`, `${SITE}/organization/${regione.id}`]));
    expect([...p.graph.subjectsOfType(`${DCATAPIT}Agent`)].sort()).toEqual([...agents].sort());
  });

  it('the persistent URIs lead to pages', async () => {
    const d = published.get('serie-002')!;
    for (const path of [`/dataset/${d.id}`, `/dataset/${d.id}/resource/${d.resources[0]}`, `/organization/${prato.id}`]) {
      const res = await getText(cat.app, path, BROWSER_ACCEPT);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
  });
});
