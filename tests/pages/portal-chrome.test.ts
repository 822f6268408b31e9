// The portal's chrome and the dataset page's extras: the header on every page (menu button, search
// form), /robots.txt, the favicon, the "API e dati aperti" page whose examples must all answer, and on
// the dataset page the API box, the citation and related datasets (public ones only).
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, makeDataset, makeOrg, makeUser, sysadminContext, unique } from '../support/factories';
import { runAction } from '../../server/core/actions';
import { loggedInAgent, unescapeHtml } from './helpers';

const SITE = 'http://catalogo.test';
let cat: TestCatalogue;
let org: { id: string; name: string };
let groupName: string;
const resource = { name: 'Posti liberi', url: 'https://dati.example.it/parcheggi.csv', format: 'CSV' };

beforeAll(async () => {
  cat = await startCatalogue();
  org = await makeOrg(cat, { title: 'Comune di Lucca' });
  groupName = unique('mobilita');
  await runAction('group_create', await sysadminContext(cat), { name: groupName, title: 'Mobilità' });
  const parking = await makeDataset(cat, org.name, {
    name: 'parcheggi-lucca', title: 'Parcheggi di Lucca', license_id: 'CC-BY-4.0', tag_string: 'parcheggi, sosta',
    groups: [{ name: groupName }], issued: '2023-04-01', resources: [resource],
  });
  await runAction('datastore_create', await sysadminContext(cat), {
    resource_id: parking.resources[0].id, force: true,
    fields: [{ id: 'parcheggio', type: 'text' }, { id: 'posti', type: 'int' }],
    records: [{ parcheggio: 'Palatucci', posti: 120 }],
  });
  await makeDataset(cat, org.name, { name: 'sosta-lucca', title: 'Sosta a pagamento', tag_string: 'sosta', resources: [resource] });
  await makeDataset(cat, org.name, { name: 'bus-lucca', title: 'Linee bus', groups: [{ name: groupName }] });
  await makeDataset(cat, org.name, { name: 'sosta-riservata', title: 'Sosta riservata', tag_string: 'sosta', private: true });
  await makeDataset(cat, org.name, { name: 'bilancio-lucca', title: 'Bilancio', tag_string: 'bilancio' });
});

afterAll(async () => cat.close());

/** Every URL of this portal that the page shows, in links or in code (curl commands included). */
function siteUrlsIn(html: string): string[] {
  const text = unescapeHtml(html);
  const urls = [...text.matchAll(/http:\/\/catalogo\.test(\/[^\s'"<>]*)/g)].map((m) => m[1]);
  return [...new Set(urls)];
}

/** `ckanapi action NAME k=v … -r SITE` as the GET request ckanapi makes. */
function ckanapiCalls(html: string): string[] {
  const text = unescapeHtml(html);
  return [...text.matchAll(/ckanapi action (\w+)((?: \w+='?[^\s']*'?)*) -r http:\/\/catalogo\.test/g)].map(([, name, args]) => {
    const params = new URLSearchParams(args.trim().split(/\s+/).filter(Boolean).map((a): [string, string] => {
      const [key, value] = a.split('=');
      return [key, value.replace(/^'|'$/g, '')];
    }));
    return `/api/3/action/${name}?${params}`;
  });
}

describe('header on every page', () => {
  it.each(['/', '/dataset/parcheggi-lucca', '/organization', '/api-e-dati', '/no-such-page'])('%s has the menu button, the menu and the search form', async (path) => {
    const res = await request(cat.app).get(path);
    const header = /<header[\s\S]*<\/header>/.exec(res.text)![0];
    expect(header).toMatch(/<button class="[^"]*custom-navbar-toggler[^"]*" type="button" aria-controls="main-menu" aria-expanded="false"/);
    expect(header).toContain('id="main-menu"');
    expect(header).toMatch(/<form class="catalogo-header-search" method="get" action="\/dataset" role="search"/);
    expect(header).toContain('<input id="header-search" type="search" name="q"');
    expect(header).toContain('href="/api-e-dati"');
    expect(header).not.toContain('help_show');
    expect(res.text).toContain('href="#main-content"');
  });

  it('marks the current section of the navigation', async () => {
    const res = await request(cat.app).get('/api-e-dati').expect(200);
    expect(res.text).toMatch(/href="\/api-e-dati" aria-current="true"/);
    expect(res.text).not.toMatch(/href="\/dataset" aria-current/);
  });

  it('loads the no-JavaScript menu style only inside <noscript>', async () => {
    const res = await request(cat.app).get('/').expect(200);
    const href = /<noscript><link rel="stylesheet" href="([^"]+noscript\.css)"><\/noscript>/.exec(res.text)![1];
    const css = await request(cat.app).get(href).expect(200);
    expect(css.text).toContain('.catalogo-nav .navbar-collapsable { display: block');
  });
});

describe('robots.txt and favicon', () => {
  it('lets robots read public pages, keeps them off accounts, forms and the API, and names the sitemap', async () => {
    const res = await request(cat.app).get('/robots.txt').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const rules = res.text.split('\n').map((l) => /^(Allow|Disallow): (.+)$/.exec(l)).filter((m) => m !== null)
      .map((m) => ({ allow: m[1] === 'Allow', path: m[2] }));
    // As RFC 9309: a rule matches as a prefix, * stands for anything, the longest match wins, Allow on a tie.
    const matches = (rule: string, path: string) => new RegExp(`^${rule.split('*').map((p) => p.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*')}`).test(path);
    const blocked = (path: string) => {
      const best = rules.filter((r) => matches(r.path, path)).sort((a, b) => b.path.length - a.path.length || Number(b.allow) - Number(a.allow))[0];
      return best ? !best.allow : false;
    };
    for (const path of ['/', '/dataset', '/dataset/parcheggi-lucca', '/organization', '/api-e-dati', '/api/docs', '/catalog.ttl']) expect(blocked(path)).toBe(false);
    for (const path of ['/user/login', '/dataset/new', '/dataset/edit/parcheggi-lucca', '/api/3/action/package_create', '/dataset/parcheggi-lucca/resource/new']) expect(blocked(path)).toBe(true);
    const sitemap = /^Sitemap: (.+)$/m.exec(res.text)![1];
    expect(sitemap).toBe(`${SITE}/sitemap.xml`);
    const xml = await request(cat.app).get(sitemap.slice(SITE.length)).expect(200);
    expect(xml.text).toContain(`${SITE}/dataset/parcheggi-lucca`);
    expect(xml.text).not.toContain('sosta-riservata');
  });

  it('serves /favicon.ico as a 32×32 icon and links an SVG icon from the layout', async () => {
    const ico = await request(cat.app).get('/favicon.ico').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(ico.headers['content-type']).toBe('image/x-icon');
    const body = ico.body as Buffer;
    expect([body.readUInt16LE(0), body.readUInt16LE(2), body.readUInt16LE(4), body[6], body[7]]).toEqual([0, 1, 1, 32, 32]);
    expect(body.length).toBe(body.readUInt32LE(18) + body.readUInt32LE(14));
    const home = await request(cat.app).get('/').expect(200);
    expect(home.text).toContain('<link rel="icon" href="/favicon.ico"');
    const svgHref = /<link rel="icon" href="([^"]+\.svg)" type="image\/svg\+xml">/.exec(home.text)![1];
    const svg = await request(cat.app).get(svgHref).expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });
});

describe('the API and open data page', () => {
  it('is linked from the navigation and the footer, and links the OpenAPI page', async () => {
    const home = await request(cat.app).get('/').expect(200);
    const footer = /<footer[\s\S]*<\/footer>/.exec(home.text)![0];
    expect(footer).toContain('href="/api-e-dati"');
    expect(footer).toContain('href="/api/docs"');
    const res = await request(cat.app).get('/api-e-dati').expect(200);
    expect(res.text).toContain('<h1>API e dati aperti</h1>');
    expect(res.text).toContain('href="/api/docs"');
    const english = await request(cat.app).get('/api-e-dati?lang=en').expect(200);
    expect(english.text).toContain('<h1>API and open data</h1>');
  });

  it('shows examples on this portal that all answer 200, on a public dataset', async () => {
    const res = await request(cat.app).get('/api-e-dati').expect(200);
    const urls = siteUrlsIn(res.text);
    expect(urls).toEqual(expect.arrayContaining(['/api/3/action/package_search?q=trasporti&rows=5', '/catalog.ttl', '/feeds/dataset.atom', '/sitemap.xml']));
    expect(urls.some((u) => /^\/dataset\/[a-z-]+\.ttl$/.test(u))).toBe(true);
    expect(urls.filter((u) => u.startsWith('/api/3/action/datastore_search?') || u.startsWith('/datastore/dump/'))).toHaveLength(2);
    expect(res.text).not.toContain('sosta-riservata');
    const calls = [...urls, ...ckanapiCalls(res.text)];
    expect(calls.filter((c) => c.includes('package_show')).length).toBe(2);
    for (const path of calls) {
      const answer = await request(cat.app).get(path);
      expect(`${path} ${answer.status}`).toBe(`${path} 200`);
    }
  });
});

describe('dataset page extras', () => {
  it('has an API box with package_show, ckanapi and the DCAT record, all answering', async () => {
    const res = await request(cat.app).get('/dataset/parcheggi-lucca').expect(200);
    const box = unescapeHtml(/<section aria-labelledby="dataset-api-title"[\s\S]*?<\/section>/.exec(res.text)![0]);
    expect(box).toContain(`curl '${SITE}/api/3/action/package_show?id=parcheggi-lucca'`);
    expect(box).toContain(`ckanapi action package_show id='parcheggi-lucca' -r ${SITE}`);
    const shown = await request(cat.app).get('/api/3/action/package_show?id=parcheggi-lucca').expect(200);
    expect(shown.body.result.name).toBe('parcheggi-lucca');
    const types: Record<string, RegExp> = { ttl: /text\/turtle/, rdf: /application\/rdf\+xml/, jsonld: /application\/ld\+json/, nt: /application\/n-triples/ };
    for (const [ext, type] of Object.entries(types)) {
      expect(box).toContain(`${SITE}/dataset/parcheggi-lucca.${ext}`);
      const rdf = await request(cat.app).get(`/dataset/parcheggi-lucca.${ext}`).expect(200);
      expect(rdf.headers['content-type']).toMatch(type);
    }
  });

  it('leaves the RDF out of the box of a dataset the DCAT catalogue does not publish', async () => {
    const res = await request(cat.app).get('/dataset/bus-lucca').expect(200);
    const box = /<section aria-labelledby="dataset-api-title"[\s\S]*?<\/section>/.exec(res.text)![0];
    expect(box).toContain('package_show');
    expect(box).not.toContain('bus-lucca.ttl');
    await request(cat.app).get('/dataset/bus-lucca.ttl').expect(404);
  });

  it('says how to cite the dataset, in the page\'s language', async () => {
    const it = await request(cat.app).get('/dataset/parcheggi-lucca').expect(200);
    const text = (html: string) => unescapeHtml(/<p id="cite-text" class="catalogo-cite-text">([^<]*)<\/p>/.exec(html)![1]);
    const title = cat.config.catalog.title;
    expect(text(it.text)).toBe(`Comune di Lucca (2023). Parcheggi di Lucca [dataset]. ${title}. ${SITE}/dataset/parcheggi-lucca. Licenza: Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0).`);
    const en = await request(cat.app).get('/dataset/parcheggi-lucca?lang=en').expect(200);
    expect(text(en.text)).toMatch(/^Comune di Lucca \(2023\)\. Parcheggi di Lucca \[dataset\]\. .*\. Licence: /);
    expect(it.text).toMatch(/data-copy-target="cite-text"[^>]*hidden>Copia la citazione</);
  });

  it('shows public related datasets (same theme or tag), never itself, a private one or an unrelated one', async () => {
    const related = (html: string) => {
      const section = /<section aria-labelledby="related-title"[\s\S]*?<\/section>/.exec(html);
      return section ? [...section[0].matchAll(/href="\/dataset\/([^"]+)"/g)].map((m) => m[1]).sort() : [];
    };
    const anonymous = await request(cat.app).get('/dataset/parcheggi-lucca').expect(200);
    expect(related(anonymous.text)).toEqual(['bus-lucca', 'sosta-lucca']);
    // Even a member, who may read the private dataset, is not shown it here.
    const member = await makeUser(cat);
    await addMember(cat, org.name, member.name, 'member');
    const agent = await loggedInAgent(cat, member);
    const privatePage = unescapeHtml((await agent.get('/dataset/sosta-riservata').expect(200)).text);
    // The private dataset's own API box carries a token: without one package_show does not find it.
    expect(privatePage).toContain(`curl -H "Authorization: $CKAN_API_TOKEN" '${SITE}/api/3/action/package_show?id=sosta-riservata'`);
    expect(privatePage).toContain(`-r ${SITE} -a "$CKAN_API_TOKEN"`);
    await request(cat.app).get('/api/3/action/package_show?id=sosta-riservata').expect(404);
    expect(related((await agent.get('/dataset/parcheggi-lucca').expect(200)).text)).toEqual(['bus-lucca', 'sosta-lucca']);
    expect(related((await request(cat.app).get('/dataset/bilancio-lucca').expect(200)).text)).toEqual([]);
  });

  it('shows at most four related datasets', async () => {
    for (let i = 0; i < 5; i += 1) await makeDataset(cat, org.name, { name: unique('ztl'), title: `ZTL ${i}`, tag_string: 'ztl' });
    const res = await request(cat.app).get('/dataset?tags=ztl').expect(200);
    const one = /href="\/dataset\/(ztl-[0-9a-f]+)"/.exec(res.text)![1];
    const page = await request(cat.app).get(`/dataset/${one}`).expect(200);
    const links = [.../<section aria-labelledby="related-title"[\s\S]*?<\/section>/.exec(page.text)![0].matchAll(/href="\/dataset\/([^"]+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(4);
    expect(links).not.toContain(one);
  });
});
