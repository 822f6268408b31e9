// The real DCAT-AP_IT exports become datasets: every dataset the importer reads from them is accepted by
// package_create (in an organization made from its publisher), and is published again with zero violations.
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { datasetsFromQuads } from '../../server/dcat/import/datasets';
import { parseRdf } from '../../server/dcat/import/parse';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { sysadminContext } from '../support/factories';
import { describeViolations, violationsOf } from '../support/shacl';
import { toNTriples } from '../support/rdf';

const EXAMPLES = path.join(__dirname, '..', 'fixtures', 'dcat-examples');
const FILES: [string, 'turtle' | 'rdfxml'][] = [
  ['firenze-dcatapit-example.ttl', 'turtle'],
  ['ckanext-dcatapit_dataset.rdf', 'rdfxml'],
  ['ckanext-dcatapit_dataset_identifier.rdf', 'rdfxml'],
  ['ckanext-dcatapit_dataset_it_esempio_6.rdf', 'rdfxml'],
  ['ckanext-dcatapit_catalog_dati_unibo.rdf', 'rdfxml'],
];

let cat: TestCatalogue;
beforeAll(async () => { cat = await startCatalogue(); });
afterAll(async () => cat.close());

async function organizationFor(imported: { organization: { name: string; identifier: string } | null }): Promise<string> {
  const ctx = await sysadminContext(cat);
  const identifier = imported.organization?.identifier || 'sconosciuto';
  const name = `ente-${identifier.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 100);
  const existing = await runAction('organization_list', ctx, {}) as string[];
  if (!existing.includes(name)) await runAction('organization_create', ctx, { name, title: imported.organization?.name || identifier, identifier: identifier.replace(/[^A-Za-z0-9_.-]/g, '_') });
  return name;
}

describe.each(FILES)('%s', (file, format) => {
  it('imports into datasets that are published with zero violations', async () => {
    const imported = datasetsFromQuads(await parseRdf(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), format));
    expect(imported.length).toBeGreaterThan(0);
    const ctx = await sysadminContext(cat);
    const names: string[] = [];
    for (const one of imported) {
      const created = await runAction('package_create', ctx, { ...one.input, owner_org: await organizationFor(one) });
      // A dataset without a distribution is not published: DCAT-AP_IT requires one.
      if (created.num_resources) names.push(created.name);
      else await request(cat.app).get(`/dataset/${created.name}.ttl`).expect(404);
    }
    const documents = await Promise.all(names.map(async (name) => {
      const ttl = (await request(cat.app).get(`/dataset/${name}.ttl`).expect(200)).text;
      return await toNTriples(ttl, 'turtle');
    }));
    const violations = await violationsOf(documents.join('\n'), ['dcat-ap-3.0.1', 'dcat-ap-3.0.1-base', 'dcat-ap-3.0.1-range', 'dcat-ap-2.1.1-base']);
    expect(describeViolations(violations)).toBe(describeViolations([]));
  }, 60000);
});

test('a harvested dataset with ftp:// distributions and a urn: isVersionOf is accepted by package_create', async () => {
  const ttl = `
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
<http://x.it/d/ftp> a dcat:Dataset ; dct:title "Archivio storico" ; dct:description "Dati dal server FTP" ;
  dct:identifier "c_x000:archivio-ftp" ; dct:publisher [ foaf:name "Comune di Prova" ; dct:identifier "c_x000" ] ;
  dct:isVersionOf <urn:uuid:1234> ; dct:conformsTo <urn:iso:std:iso:19115> ;
  dcat:distribution <http://x.it/d/ftp/r> .
<http://x.it/d/ftp/r> a dcat:Distribution ; dct:format "CSV" ;
  dcat:accessURL <ftp://ftp.x.it/pub/> ; dcat:downloadURL <ftp://ftp.x.it/pub/archivio.csv> .
`;
  const [one] = datasetsFromQuads(await parseRdf(ttl, 'turtle'));
  const created = await runAction('package_create', await sysadminContext(cat), { ...one.input, owner_org: await organizationFor(one) });
  expect(created.is_version_of).toBe('');
  expect(created.resources.map((r: any) => [r.url, r.access_url, r.download_url])).toEqual([
    ['ftp://ftp.x.it/pub/archivio.csv', 'ftp://ftp.x.it/pub/', 'ftp://ftp.x.it/pub/archivio.csv'],
  ]);
  const ttlOut = (await request(cat.app).get(`/dataset/${created.name}.ttl`).expect(200)).text;
  expect(ttlOut).toContain('<ftp://ftp.x.it/pub/archivio.csv>');
});
