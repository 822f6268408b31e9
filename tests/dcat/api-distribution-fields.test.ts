// DCAT-AP_IT distribution fields through CKAN's resource and package actions: the EU file-type code
// from whatever clients send as format, what an upload gets (size, checksum, media type, download URL),
// the licence inherited from the dataset, languages and the two URLs.
import { createHash } from 'node:crypto';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, callAction, getAction, makeOrg, makeUser, TestUser, unique } from '../support/factories';
import { download, uploadTo } from '../api/world';

let cat: TestCatalogue;
let editor: TestUser;
let org: { id: string; name: string };

beforeAll(async () => {
  cat = await startCatalogue();
  org = await makeOrg(cat, { title: 'Comune di Prato', identifier: 'c_g999', email: 'opendata@comune.prato.it' });
  editor = await makeUser(cat);
  await addMember(cat, org.name, editor.name, 'editor');
});
afterAll(async () => cat.close());

const SITE = 'http://catalogo.test';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const call = (action: string, body: Record<string, unknown>) => callAction(cat, action, body, editor.token);
const pageOf = (pkgName: string, id: string) => `${SITE}/dataset/${pkgName}/resource/${id}`;

const datasetFields = (fields: Record<string, unknown> = {}) => ({
  name: unique('ds'), title: 'Qualità dell’aria', notes: 'Misure delle centraline', owner_org: org.name, ...fields,
});

async function dataset(fields: Record<string, unknown> = {}): Promise<any> {
  const res = await call('package_create', datasetFields(fields));
  expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined });
  return res.body.result;
}

async function addResource(pkgId: string, fields: Record<string, unknown>): Promise<any> {
  const res = await call('resource_create', { package_id: pkgId, ...fields });
  expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined });
  return res.body.result;
}

async function showResource(id: string): Promise<any> {
  const res = await getAction(cat, 'resource_show', { id }, editor.token);
  expect(res.status).toBe(200);
  return res.body.result;
}

async function showPackage(id: string): Promise<any> {
  const res = await getAction(cat, 'package_show', { id }, editor.token);
  expect(res.status).toBe(200);
  return res.body.result;
}

async function patch(action: 'package_patch' | 'resource_patch', body: Record<string, unknown>): Promise<any> {
  const res = await call(action, body);
  expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined });
  return res.body.result;
}

function expectInvalid(res: { status: number; body: any }, fields: Record<string, string[]>): void {
  expect({ status: res.status, success: res.body.success, error: res.body.error }).toEqual({
    status: 409, success: false, error: { __type: 'Validation Error', ...fields },
  });
}

let ds: any;
beforeAll(async () => {
  ds = await dataset();
});

describe('format', () => {
  it.each([
    ['csv', 'CSV'], ['CSV', 'CSV'], ['.csv', 'CSV'], ['.CSV', 'CSV'], ['text/csv', 'CSV'], ['text/csv; charset=utf-8', 'CSV'],
    ['xlsx', 'XLSX'], ['application/json', 'JSON'], ['GeoJSON', 'GEOJSON'], ['Shapefile', 'SHP'], ['RDF/XML', 'RDF_XML'], ['Excel', 'XLS'],
  ])('given as %j is stored as %j', async (format, code) => {
    const created = await addResource(ds.id, { url: 'https://example.org/api/export', format });
    expect(created.format).toBe(code);
    expect((await showResource(created.id)).format).toBe(code);
  });

  it('gives the media type of the format when the client sends none', async () => {
    const csv = await addResource(ds.id, { url: 'https://example.org/api/export', format: 'csv' });
    expect(csv.media_type).toBe('text/csv');
    const shp = await addResource(ds.id, { url: 'https://example.org/api/export', format: 'SHP' });
    expect(shp.media_type).toBe('');
  });

  it.each([
    ['https://example.org/dati/centraline.json', 'JSON', 'application/json'],
    ['https://example.org/dati/centraline.GEOJSON', 'GEOJSON', 'application/geo+json'],
    ['https://example.org/dati/archivio.tar.gz', 'TAR_GZ', ''],
    ['https://example.org/dati/misure.csv', 'CSV', 'text/csv'],
  ])('is read from the extension of the link %s', async (url, code, mediaType) => {
    const created = await addResource(ds.id, { url });
    expect([created.format, created.media_type]).toEqual([code, mediaType]);
  });

  it('is read from the extension of a link with a query string', async () => {
    const created = await addResource(ds.id, { url: 'https://example.org/export/misure.csv?anno=2024' });
    expect([created.format, created.media_type]).toEqual(['CSV', 'text/csv']);
  });

  it('is read from the media type the client sends for a link without extension', async () => {
    const created = await addResource(ds.id, { url: 'https://example.org/api/misure', mimetype: 'application/json' });
    expect([created.format, created.media_type, created.mimetype]).toEqual(['JSON', 'application/json', 'application/json']);
  });

  it('keeps a format outside the vocabulary as given, as CKAN does (the feeds publish the EU placeholder)', async () => {
    expect((await addResource(ds.id, { url: 'https://example.org/dati', format: 'Servizio interno' })).format).toBe('Servizio interno');
    const created = await dataset({ resources: [{ url: 'https://example.org/a.csv' }, { url: 'https://example.org/b', format: 'FOO' }] });
    expect(created.resources.map((r: any) => r.format)).toEqual(['CSV', 'FOO']);
  });

  it('is read from an EU file-type URI or label', async () => {
    expect((await addResource(ds.id, { url: 'https://example.org/x', format: 'http://publications.europa.eu/resource/authority/file-type/GEOJSON' })).format).toBe('GEOJSON');
    expect((await addResource(ds.id, { url: 'https://example.org/y', format: 'https://publications.europa.eu/resource/authority/file-type/CSV' })).format).toBe('CSV');
  });

  it('stays empty for a link whose address does not tell it, as in CKAN', async () => {
    expect((await addResource(ds.id, { url: 'https://example.org/api/misure' })).format).toBe('');
    const created = await dataset({ resources: [{ url: 'https://example.org/api/misure' }] });
    expect(created.resources[0].format).toBe('');
  });

  it('is normalised in package_create and package_update resources too', async () => {
    const created = await dataset({ resources: [{ url: 'https://example.org/api/a', format: 'csv' }, { url: 'https://example.org/b.json' }] });
    expect(created.resources.map((r: any) => r.format)).toEqual(['CSV', 'JSON']);
    const res = await call('package_update', { ...(await showPackage(created.id)), resources: [{ url: 'https://example.org/api/c', format: '.xlsx' }] });
    expect(res.status).toBe(200);
    expect(res.body.result.resources.map((r: any) => r.format)).toEqual(['XLSX']);
  });
});

describe('an uploaded file', () => {
  const content = Buffer.from('centralina;pm10\nProsperi;23\nRoma;31\n', 'utf8');
  let resource: any;
  beforeAll(async () => {
    const res = await uploadTo(cat, 'resource_create', { package_id: ds.id, name: 'Misure' },
      { content, filename: 'misure.csv', contentType: 'text/csv' }, editor.token);
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined });
    resource = res.body.result;
  });

  it('gets format, size, checksum, media type and the portal download URL', async () => {
    const shown = await showResource(resource.id);
    const url = `${SITE}/dataset/${ds.name}/resource/${resource.id}/download/misure.csv`;
    expect({
      url: shown.url, format: shown.format, byte_size: shown.byte_size, checksum: shown.checksum, media_type: shown.media_type,
      download_url: shown.download_url, access_url: shown.access_url, license_id: shown.license_id, size: shown.size, hash: shown.hash,
    }).toEqual({
      url, format: 'CSV', byte_size: content.length, checksum: `sha256:${sha256(content)}`, media_type: 'text/csv',
      download_url: url, access_url: pageOf(ds.name, resource.id), license_id: 'CC-BY-4.0', size: content.length, hash: sha256(content),
    });
  });

  it('is downloaded byte for byte from its download_url', async () => {
    const shown = await showResource(resource.id);
    const res = await download(cat, shown.download_url);
    expect(res.status).toBe(200);
    expect(res.body.equals(content)).toBe(true);
  });

  it('is CSV by its name even when the browser sends a generic media type', async () => {
    const res = await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content, filename: 'MISURE.CSV' }, editor.token);
    expect(res.status).toBe(200);
    expect([res.body.result.format, res.body.result.media_type]).toEqual(['CSV', 'text/csv']);
  });

  it('is a byte stream (OCTET) when its kind cannot be told', async () => {
    const res = await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content, filename: 'misure.dat' }, editor.token);
    expect(res.status).toBe(200);
    expect([res.body.result.format, res.body.result.media_type]).toEqual(['OCTET', 'application/octet-stream']);
  });

  it('keeps its download_url pointing at the portal after a resource_patch and a rename of the dataset', async () => {
    const own = await dataset();
    const res = await uploadTo(cat, 'resource_create', { package_id: own.id }, { content, filename: 'misure.csv', contentType: 'text/csv' }, editor.token);
    expect(res.status).toBe(200);
    await patch('resource_patch', { id: res.body.result.id, description: 'Misure giornaliere' });
    const renamed = unique('rinominato');
    await patch('package_patch', { id: own.id, name: renamed });
    const shown = await showResource(res.body.result.id);
    expect(shown.url).toBe(`${SITE}/dataset/${renamed}/resource/${shown.id}/download/misure.csv`);
    expect([shown.download_url, shown.access_url]).toEqual([shown.url, pageOf(renamed, shown.id)]);
    expect((await download(cat, shown.download_url)).status).toBe(200);
  });

  it('keeps its download_url pointing at the portal after a package_show → package_update round trip and a rename', async () => {
    const own = await dataset();
    const res = await uploadTo(cat, 'resource_create', { package_id: own.id }, { content, filename: 'misure.csv', contentType: 'text/csv' }, editor.token);
    expect(res.status).toBe(200);
    expect((await call('package_update', await showPackage(own.id))).status).toBe(200);
    const renamed = unique('rinominato');
    const after = await patch('package_patch', { id: own.id, name: renamed });
    const [shown] = after.resources;
    expect(shown.url).toBe(`${SITE}/dataset/${renamed}/resource/${shown.id}/download/misure.csv`);
    expect([shown.download_url, shown.access_url]).toEqual([shown.url, pageOf(renamed, shown.id)]);
  });
});

describe('a link', () => {
  it('to a file is its own download_url; access_url is the resource page', async () => {
    const created = await addResource(ds.id, { url: 'https://example.org/misure.csv' });
    expect({
      download_url: created.download_url, access_url: created.access_url, byte_size: created.byte_size, checksum: created.checksum, media_type: created.media_type,
    }).toEqual({
      download_url: 'https://example.org/misure.csv', access_url: pageOf(ds.name, created.id), byte_size: null, checksum: '', media_type: 'text/csv',
    });
  });

  it('to a web page is an access_url with no download_url', async () => {
    const created = await addResource(ds.id, { url: 'https://example.org/centraline', format: 'HTML' });
    expect([created.access_url, created.download_url]).toEqual(['https://example.org/centraline', '']);
  });

  it('keeps the byte_size and checksum its client states', async () => {
    const created = await addResource(ds.id, { url: 'https://example.org/misure.csv', byte_size: 2048, checksum: 'md5:9e107d9d372bb6826bd81d3542a419d6' });
    const shown = await showResource(created.id);
    expect([shown.byte_size, shown.size, shown.checksum, shown.hash]).toEqual([2048, 2048, 'md5:9e107d9d372bb6826bd81d3542a419d6', 'md5:9e107d9d372bb6826bd81d3542a419d6']);
  });

  it('has a download_url that follows a new url after a resource_patch', async () => {
    const created = await addResource(ds.id, { url: 'https://example.org/misure-2023.csv' });
    await patch('resource_patch', { id: created.id, name: 'Misure' });
    const moved = await patch('resource_patch', { id: created.id, url: 'https://example.org/misure-2024.csv' });
    expect([moved.url, moved.download_url]).toEqual(['https://example.org/misure-2024.csv', 'https://example.org/misure-2024.csv']);
  });
});

describe('license_id', () => {
  it("defaults to the dataset's", async () => {
    const created = await addResource(ds.id, { url: 'https://example.org/misure.csv' });
    expect(created.license_id).toBe('CC-BY-4.0');
    const cc0 = await dataset({ license_id: 'CC0-1.0', resources: [{ url: 'https://example.org/misure.csv' }] });
    expect(cc0.resources[0].license_id).toBe('CC0-1.0');
  });

  it('can be set per resource, and follows the dataset only where it is not', async () => {
    const own = await dataset({ resources: [{ url: 'https://example.org/a.csv' }, { url: 'https://example.org/b.csv', license_id: 'CC-BY-SA-4.0' }] });
    expect(own.resources.map((r: any) => r.license_id)).toEqual(['CC-BY-4.0', 'CC-BY-SA-4.0']);
    const changed = await patch('package_patch', { id: own.id, license_id: 'ODbL-1.0' });
    expect([changed.license_id, ...changed.resources.map((r: any) => r.license_id)]).toEqual(['ODbL-1.0', 'ODbL-1.0', 'CC-BY-SA-4.0']);
  });

  it('still follows the dataset after a package_show → package_update round trip', async () => {
    const own = await dataset({ resources: [{ url: 'https://example.org/a.csv' }] });
    const res = await call('package_update', await showPackage(own.id));
    expect(res.status).toBe(200);
    const changed = await patch('package_patch', { id: own.id, license_id: 'CC0-1.0' });
    expect(changed.resources.map((r: any) => r.license_id)).toEqual(['CC0-1.0']);
  });

  it('keeps a licence outside the list as given, and maps known names and URLs to the list', async () => {
    expect((await addResource(ds.id, { url: 'https://example.org/a.csv', license_id: 'NOPE' })).license_id).toBe('NOPE');
    const created = await dataset({ resources: [
      { url: 'https://example.org/a.csv', license_id: 'https://creativecommons.org/licenses/by-sa/4.0/' },
      { url: 'https://example.org/b.csv', license_id: 'cc0-1.0' },
    ] });
    expect(created.resources.map((r: any) => r.license_id)).toEqual(['CC-BY-SA-4.0', 'CC0-1.0']);
  });
});

describe('language', () => {
  it.each<[unknown, string]>([['ITA', 'ITA'], ['ita', 'ITA'], [['ITA', 'ENG'], '{ITA,ENG}'], ['{ita,deu}', '{ITA,DEU}'], ['', '']])(
    '%j is returned as %j', async (language, expected) => {
      const created = await addResource(ds.id, { url: 'https://example.org/a.csv', language });
      expect((await showResource(created.id)).language).toBe(expected);
    },
  );

  it('refuses an unknown code', async () => {
    const message = '"KLINGON" non è un codice del vocabolario delle lingue EU (language): usa un codice come 0D0, 0E0, ADS, AED';
    expectInvalid(await call('resource_create', { package_id: ds.id, url: 'https://example.org/a.csv', language: 'KLINGON' }), { language: [message] });
    expectInvalid(await call('package_create', datasetFields({ resources: [{ url: 'https://example.org/a.csv', language: ['ITA', 'KLINGON'] }] })), {
      'resources.0.language': [message],
    });
  });
});

describe('access_url and download_url', () => {
  it('are kept as given when they are http(s) URLs', async () => {
    const created = await addResource(ds.id, {
      url: 'https://example.org/centraline', format: 'HTML', access_url: 'https://example.org/portale', download_url: 'http://example.org/misure.csv',
    });
    const shown = await showResource(created.id);
    expect([shown.access_url, shown.download_url]).toEqual(['https://example.org/portale', 'http://example.org/misure.csv']);
  });

  it('must be http(s) or ftp URLs: DCAT takes any IRI, and a resource url may be ftp:// too', async () => {
    const notALink = (text: string) => `Indirizzo non valido: "${text}". Deve iniziare con http://, https:// o ftp://`;
    expectInvalid(await call('resource_create', {
      package_id: ds.id, url: 'https://example.org/a.csv', access_url: 'example.org/portale', download_url: 'gopher://example.org/a.csv',
    }), { access_url: [notALink('example.org/portale')], download_url: [notALink('gopher://example.org/a.csv')] });
    expectInvalid(await call('package_create', datasetFields({ resources: [{ url: 'https://example.org/a.csv', download_url: 'file:///etc/passwd' }] })), {
      'resources.0.download_url': [notALink('file:///etc/passwd')],
    });
    const r = await addResource(ds.id, { url: 'https://example.org/a.csv', access_url: 'ftp://example.org/pub/', download_url: 'ftp://example.org/pub/a.csv' });
    expect({ access_url: r.access_url, download_url: r.download_url }).toEqual({ access_url: 'ftp://example.org/pub/', download_url: 'ftp://example.org/pub/a.csv' });
  });
});
