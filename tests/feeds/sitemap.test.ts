// /sitemap.xml: the portal's public pages, every public active dataset with its lastmod, every active
// organization; above the page size, an index of /sitemap-N.xml files that together list the same URLs.
import { NotFound } from '../../server/core/errors';
import express from 'express';
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { feedsRouter } from '../../server/feeds/routes';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { makeDataset, makeOrg, sysadminContext } from '../support/factories';
import { THEME_GROUP_NAMES } from '../../server/catalogue/themes';

let cat: TestCatalogue;
let prato: { id: string; name: string };
let lucca: { id: string; name: string };
let theme: { id: string; name: string };
const SITE = 'http://catalogo.test';

function xmlUnescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

interface Url { loc: string; lastmod: string | null }

/** The <url> entries of a urlset, checking the envelope and that nothing else is in it. */
function urlset(xml: string): Url[] {
  const open = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
  const close = '</urlset>\n';
  expect(xml.startsWith(open)).toBe(true);
  expect(xml.endsWith(close)).toBe(true);
  const inner = xml.slice(open.length, xml.length - close.length);
  const entry = /<url><loc>([^<&]*(?:&(?:amp|lt|gt|quot|apos);[^<&]*)*)<\/loc>(?:<lastmod>(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)<\/lastmod>)?<\/url>\n/g;
  expect(inner.replace(entry, '')).toBe('');
  return [...inner.matchAll(entry)].map(([, loc, lastmod]) => ({ loc: xmlUnescape(loc), lastmod: lastmod ?? null }));
}

function sitemapIndex(xml: string): string[] {
  expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">\n/);
  expect(xml.endsWith('</sitemapindex>\n')).toBe(true);
  return [...xml.matchAll(/<sitemap><loc>([^<]*)<\/loc><\/sitemap>/g)].map(([, loc]) => xmlUnescape(loc));
}

async function getXml(app: express.Express, path: string): Promise<string> {
  const res = await request(app).get(path).expect(200);
  expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
  return res.text;
}

/** An app with only the feeds router, with a small sitemap page size. */
/** The feeds alone, with small sitemap files; their errors answered as the app's error handler answers them. */
function smallPages(pageSize: number, batchSize = 2): express.Express {
  return express().use(feedsRouter(cat.services, { sitemapPageSize: pageSize, sitemapBatchSize: batchSize }))
    .use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(error instanceof NotFound ? 404 : 500).end();
    });
}

const PUBLIC = ['acqua-prato', 'bilancio-prato', 'musei-lucca', 'z-ultimo'];

beforeAll(async () => {
  cat = await startCatalogue();
  const admin = await sysadminContext(cat);
  prato = await makeOrg(cat, { title: 'Comune di Prato' });
  lucca = await makeOrg(cat, { title: 'Comune di Lucca' });
  theme = await runAction('group_create', admin, { name: 'acque-interne', title: 'Acque interne' });
  await makeDataset(cat, prato.name, { name: 'bilancio-prato' });
  await makeDataset(cat, prato.name, { name: 'acqua-prato' });
  await makeDataset(cat, lucca.name, { name: 'musei-lucca' });
  await makeDataset(cat, lucca.name, { name: 'z-ultimo' });
  await makeDataset(cat, prato.name, { name: 'riservato-prato', private: true });
  const gone = await makeDataset(cat, prato.name, { name: 'cancellato-prato' });
  await runAction('package_delete', admin, { id: gone.id });
  await makeDataset(cat, prato.name, { name: 'bozza-prato', state: 'draft' });
  await runAction('package_patch', admin, { id: 'acqua-prato', title: 'Acqua di Prato, aggiornato' });
});
afterAll(async () => cat.close());

/** What the single sitemap must hold, in its order: pages, datasets, organizations, groups (by name). */
async function expectedUrls(): Promise<Url[]> {
  const admin = await sysadminContext(cat);
  const datasets: Url[] = [];
  for (const name of PUBLIC) {
    const pkg = await runAction('package_show', admin, { id: name });
    datasets.push({ loc: `${SITE}/dataset/${name}`, lastmod: new Date(`${pkg.metadata_modified.slice(0, 23)}Z`).toISOString() });
  }
  const orgs = [prato.name, lucca.name].sort().map((name) => ({ loc: `${SITE}/organization/${name}`, lastmod: null }));
  return [
    ...['/', '/dataset', '/organization', '/group'].map((path) => ({ loc: `${SITE}${path}`, lastmod: null })),
    ...datasets,
    ...orgs,
    // The group made above and the EU themes' groups, which every catalogue has.
    ...[theme.name, ...Object.values(THEME_GROUP_NAMES)].sort().map((name) => ({ loc: `${SITE}/group/${name}`, lastmod: null })),
  ];
}

describe('/sitemap.xml, up to the page size', () => {
  it('lists the pages, the public active datasets with lastmod, and the organizations', async () => {
    const urls = urlset(await getXml(cat.app, '/sitemap.xml'));
    expect(urls).toEqual(await expectedUrls());
  });

  it('never lists private, deleted or draft datasets', async () => {
    const xml = await getXml(cat.app, '/sitemap.xml');
    for (const name of ['riservato-prato', 'cancellato-prato', 'bozza-prato']) expect(xml).not.toContain(name);
  });

  it('has no numbered files', async () => {
    await request(cat.app).get('/sitemap-1.xml').expect(404);
  });

  it('stays a single sitemap when the URLs exactly fill one page', async () => {
    const total = (await expectedUrls()).length;
    expect(urlset(await getXml(smallPages(total), '/sitemap.xml'))).toEqual(await expectedUrls());
  });
});

describe('/sitemap.xml above the page size', () => {
  it('is an index of /sitemap-N.xml files that together hold every URL once, in order', async () => {
    const expected = await expectedUrls();
    const app = smallPages(3);
    const files = sitemapIndex(await getXml(app, '/sitemap.xml'));
    expect(files).toEqual(Array.from({ length: Math.ceil(expected.length / 3) }, (_, i) => `${SITE}/sitemap-${i + 1}.xml`));
    const all: Url[] = [];
    for (const file of files) {
      const urls = urlset(await getXml(app, file.replace(SITE, '')));
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.length).toBeLessThanOrEqual(3);
      all.push(...urls);
    }
    expect(all).toEqual(expected);
  });

  it('gives the same URLs whatever the database batch size', async () => {
    const expected = await expectedUrls();
    for (const batch of [1, 2, 5, 1000]) {
      const app = smallPages(5, batch);
      const all: Url[] = [];
      for (const file of sitemapIndex(await getXml(app, '/sitemap.xml'))) all.push(...urlset(await getXml(app, file.replace(SITE, ''))));
      expect(all).toEqual(expected);
    }
  });

  it('is a 404 for files the index does not name, never a 500', async () => {
    const app = smallPages(3);
    const files = sitemapIndex(await getXml(app, '/sitemap.xml')).length;
    for (const path of ['/sitemap-0.xml', `/sitemap-${files + 1}.xml`, '/sitemap-01.xml', '/sitemap-abc.xml', '/sitemap--1.xml', '/sitemap-99999999999999999999.xml']) {
      await request(app).get(path).expect(404);
    }
  });

  it('picks up new datasets and organizations, each URL once', async () => {
    await makeDataset(cat, lucca.name, { name: 'zz-nuovo' });
    await makeOrg(cat, { name: 'zz-ente', title: 'Ente & <co>' });
    const app = smallPages(3);
    const all: Url[] = [];
    for (const file of sitemapIndex(await getXml(app, '/sitemap.xml'))) all.push(...urlset(await getXml(app, file.replace(SITE, ''))));
    expect(all.map((u) => u.loc)).toContain(`${SITE}/dataset/zz-nuovo`);
    expect(all.map((u) => u.loc)).toContain(`${SITE}/organization/zz-ente`);
    expect(new Set(all.map((u) => u.loc)).size).toBe(all.length);
  });
});
