// A dataset made through the web forms (the dataset form with its DCAT-AP_IT fields, then a file through
// the resource form) is published with zero SHACL violations, as one made through the API.
import request from 'supertest';
import { TestCatalogue } from '../support/harness';
import { describeViolations, violationsOf } from '../support/shacl';
import { toNTriples } from '../support/rdf';
import { csrfFor, editorsWorld, unescapeHtml } from './helpers';

let cat: TestCatalogue;
let org: { id: string; name: string };
let editorAgent: ReturnType<typeof request.agent>;

beforeAll(async () => {
  ({ cat, org, editorAgent } = await editorsWorld('Comune di Pistoia', 'Comune di Lucca'));
});
afterAll(async () => cat.close());

it('publishes a dataset made with the forms with zero violations in every shape set', async () => {
  const token = await csrfFor(editorAgent, '/dataset/new');
  await editorAgent.post('/dataset/new').type('form').send({
    _csrf: token, name: 'fermate-bus-pistoia', title: 'Fermate degli autobus', notes: 'Fermate del trasporto pubblico urbano.',
    owner_org: org.id, license_id: 'CC-BY-4.0', tag_string: 'trasporti, autobus', theme: ['TRAN', 'REGI'], frequency: 'ANNUAL',
    language: 'ITA', geographical_name: 'ITA_PIS', temporal_start: '2025-01-01', contact_email: 'mobilita@comune.pistoia.it',
  }).expect(303);
  const form = await editorAgent.get('/dataset/fermate-bus-pistoia/resource/new').expect(200);
  const action = unescapeHtml(/<form method="post" action="([^"]+)" enctype/.exec(form.text)![1]);
  await editorAgent.post(action).field('name', 'Fermate (CSV)').field('language', 'ITA')
    .attach('upload', Buffer.from('id;nome\n1;Piazza San Francesco\n'), { filename: 'fermate.csv', contentType: 'text/csv' }).expect(303);

  const ttl = (await request(cat.app).get('/dataset/fermate-bus-pistoia.ttl').expect(200)).text;
  const data = await toNTriples(ttl, 'turtle');
  expect(data).toContain('<http://publications.europa.eu/resource/authority/data-theme/TRAN>');
  expect(data).toContain('<http://publications.europa.eu/resource/authority/file-type/CSV>');
  const violations = await violationsOf(data, ['dcat-ap-3.0.1', 'dcat-ap-3.0.1-base', 'dcat-ap-3.0.1-range', 'dcat-ap-2.1.1-base', 'dcat-ap_it']);
  expect(describeViolations(violations)).toBe(describeViolations([]));
}, 60000);

it('keeps a sub-theme of two themes (EuroVoc 100212: EDUC and SOCI) under the theme the editor ticked', async () => {
  const token = await csrfFor(editorAgent, '/dataset/new');
  await editorAgent.post('/dataset/new').type('form').send({
    _csrf: token, name: 'servizi-sociali-pistoia', title: 'Servizi sociali', notes: 'Sportelli e servizi sociali.',
    owner_org: org.id, license_id: 'CC-BY-4.0', theme: 'SOCI', subthemes: 'http://eurovoc.europa.eu/100212', frequency: 'ANNUAL',
  }).expect(303);
  const shown = (await request(cat.app).get('/api/3/action/package_show?id=servizi-sociali-pistoia')).body.result;
  expect(JSON.parse(shown.theme)).toEqual([{ theme: 'SOCI', subthemes: ['http://eurovoc.europa.eu/100212'] }]);
});
