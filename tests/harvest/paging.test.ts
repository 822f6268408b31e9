// Paging of both kinds of source against a small fake server: CKAN's package_search by start/rows (the
// remote may answer fewer rows than asked), and DCAT pages linked by hydra:next (ckanext-dcat's ?page=N);
// and what a remote CKAN dict becomes (generated fields dropped, an upload a link to its remote URL).
import http from 'node:http';
import net from 'node:net';
import { ckanInput, ckanRecords, ckanRemoteIds } from '../../server/harvest/ckan';
import { dcatRecords } from '../../server/harvest/dcat';
import { filterTerms, readHarvestConfig } from '../../server/harvest/config';

const DATASETS = ['a', 'b', 'c'].map((id) => ({ id, name: `ds-${id}`, title: `Dataset ${id}`, metadata_modified: `2025-01-0${id.charCodeAt(0) - 96}T10:00:00.000000`, resources: [] }));

function turtlePage(n: number, base: string): string {
  const next = n === 1 ? `<${base}/catalog.ttl?page=1> hydra:next "${base}/catalog.ttl?page=2" .` : '';
  return `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix hydra: <http://www.w3.org/ns/hydra/core#> .
<${base}/dataset/p${n}> a dcat:Dataset ; dct:title "Pagina ${n}"@it ; dct:description "Dataset della pagina ${n}"@it ; dct:identifier "id-p${n}" .
${next}`;
}

let server: http.Server;
let base: string;
const asked: string[] = [];
const authorizations: (string | undefined)[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, base);
    asked.push(`${url.pathname}${url.search}`);
    authorizations.push(req.headers.authorization);
    if (url.pathname === '/api/3/action/package_search' || url.pathname === '/bugiardo/api/3/action/package_search') {
      const start = Number(url.searchParams.get('start'));
      // Two rows a page, whatever was asked, as a portal with a lower row limit answers; the liar claims 5.
      const count = url.pathname.startsWith('/bugiardo') ? DATASETS.length + 2 : DATASETS.length;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ success: true, result: { count, results: DATASETS.slice(start, start + 2) } }));
    } else if (url.pathname === '/catalog.ttl') {
      res.setHeader('Content-Type', 'text/turtle');
      res.end(turtlePage(Number(url.searchParams.get('page') ?? 1), base));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const guard = { allowPrivate: true };
const source = (path: string, filters: string[] = []) => ({ sourceUrl: `${base}${path}`, guard, filters });

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

it('reads every page of a CKAN search, incrementally from a date, and lists every id', async () => {
  asked.length = 0;
  const records = await all(ckanRecords(source('/api/3/action'), '2025-01-02T00:00:00.000000'));
  expect(records.map((r) => r.guid)).toEqual(['a', 'b', 'c']);
  expect(asked).toEqual([
    `/api/3/action/package_search?q=*%3A*&fq=metadata_modified%3A%5B2025-01-02T00%3A00%3A00.000000Z+TO+*%5D&sort=id+asc&rows=100&start=0`,
    `/api/3/action/package_search?q=*%3A*&fq=metadata_modified%3A%5B2025-01-02T00%3A00%3A00.000000Z+TO+*%5D&sort=id+asc&rows=100&start=2`,
  ]);
  expect([...(await ckanRemoteIds(source('')))]).toEqual(['a', 'b', 'c']);
});

it("refuses a listing that ends before its count: an incomplete listing must not delete what it missed", async () => {
  await expect(ckanRemoteIds(source('/bugiardo'))).rejects.toThrow(/pagina vuota a 3 di 5 risultati, elenco incompleto/);
});

it("sends the config's filters as fq, and its api_key to the source's own address only", async () => {
  asked.length = 0;
  authorizations.length = 0;
  const filters = filterTerms(readHarvestConfig(JSON.stringify({ organizations_filter_include: ['comune', 'regione'], groups_filter_exclude: ['prove'] })));
  const withKey = { ...guard, authorization: { origin: base, value: 'chiave-segreta' } };
  await ckanRemoteIds({ sourceUrl: base, guard: withKey, filters });
  expect(asked[0]).toContain(`fq=${encodeURIComponent('organization:comune OR organization:regione -groups:prove').replace(/%20/g, '+')}`);
  expect(authorizations[0]).toBe('chiave-segreta');
  await ckanRemoteIds({ sourceUrl: base, guard: { ...guard, authorization: { origin: 'https://altro.example', value: 'chiave-segreta' } }, filters: [] });
  expect(authorizations.at(-1)).toBeUndefined();
});

it('follows hydra:next from page to page', async () => {
  const records = await all(dcatRecords(`${base}/catalog.ttl`, guard));
  expect(records.map((r) => r.guid)).toEqual([`${base}/dataset/p1`, `${base}/dataset/p2`]);
  expect(records.map((r) => r.input?.title)).toEqual(['Pagina 1', 'Pagina 2']);
});

it('fails a source whose answer is not package_search', async () => {
  await expect(all(ckanRecords(source('/nulla'), null))).rejects.toThrow(/ha risposto 404/);
});

it('drops what the remote portal generates and keeps an upload as a link to its remote URL', () => {
  const input = ckanInput({
    id: 'x', name: 'n', owner_org: 'o', organization: { name: 'o' }, groups: [{ name: 'g' }], metadata_modified: 'm', num_resources: 1,
    title: 'T', notes: 'N', resources: [{ id: 'r', package_id: 'x', url: 'https://remoto.example/dataset/x/resource/r/download/f.csv', url_type: 'upload', name: 'F', position: 0 }],
  });
  expect(input).toEqual({ name: 'n', title: 'T', notes: 'N', resources: [{ url: 'https://remoto.example/dataset/x/resource/r/download/f.csv', name: 'F' }] });
});
