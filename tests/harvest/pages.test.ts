// The harvest pages: an organization admin lists sources, creates one (a bad address comes back by its
// field), starts a harvest with "Raccogli ora" (CSRF) and reads the job's page; others are refused.
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, makeOrg, makeUser, unique } from '../support/factories';
import { csrfFor, loggedInAgent } from '../pages/helpers';

let cat: TestCatalogue;
let org: { id: string; name: string };
let admin: Awaited<ReturnType<typeof loggedInAgent>>;
let editor: Awaited<ReturnType<typeof loggedInAgent>>;
const name = unique('fonte');

beforeAll(async () => {
  // No job runner: a harvest started here stays New, which is what the job page shows.
  cat = await startCatalogue();
  org = await makeOrg(cat, { title: 'Comune di Prova' });
  const [adminUser, editorUser] = [await makeUser(cat), await makeUser(cat)];
  await addMember(cat, org.name, adminUser.name, 'admin');
  await addMember(cat, org.name, editorUser.name, 'editor');
  [admin, editor] = [await loggedInAgent(cat, adminUser), await loggedInAgent(cat, editorUser)];
});
afterAll(async () => cat.close());

it('creates a source through the form, a bad address shown by its field', async () => {
  const form = await admin.get('/harvest/new').expect(200);
  expect(form.text).toContain('Comune di Prova');
  const fields = { name, title: 'Portale regionale', source_type: 'ckan', owner_org: org.name, frequency: 'WEEKLY', config: '', notes: '' };
  const bad = await admin.post('/harvest/new').type('form').send({ ...fields, url: 'ftp://x', _csrf: await csrfFor(admin, '/harvest/new') });
  expect(bad.status).toBe(409);
  expect(bad.text).toMatch(/id="field-url-error"[^>]*>[\s\S]*http/);
  const good = await admin.post('/harvest/new').type('form').send({ ...fields, url: 'https://dati.example.org', _csrf: await csrfFor(admin, '/harvest/new') });
  expect(good.status).toBe(303);
  expect(good.headers.location).toBe(`/harvest/${name}`);
  const list = await admin.get('/harvest').expect(200);
  expect(list.text).toContain('Portale regionale');
  expect(list.text).toContain('Raccogli ora');
});

it('starts a harvest with "Raccogli ora" and shows its job page', async () => {
  const started = await admin.post(`/harvest/${name}/run`).type('form').send({ _csrf: await csrfFor(admin, '/harvest') });
  expect(started.status).toBe(303);
  expect(started.headers.location).toMatch(/^\/harvest\/job\//);
  const job = await admin.get(started.headers.location).expect(200);
  expect(job.text).toContain('In attesa');
  expect(job.text).toContain('0 aggiunti, 0 aggiornati, 0 cancellati, 0 con errori');
  expect((await admin.get(`/harvest/${name}`).expect(200)).text).toContain('In attesa');
});

it('refuses a form without its CSRF token, editors, and anonymous visitors', async () => {
  expect((await admin.post(`/harvest/${name}/run`).type('form').send({})).status).toBe(403);
  expect((await editor.get(`/harvest/${name}`)).status).toBe(403);
  expect((await editor.get('/harvest').expect(200)).text).not.toContain('Portale regionale');
  const anonymous = await request(cat.app).get('/harvest');
  expect(anonymous.status).toBe(303);
  expect(anonymous.headers.location).toMatch(/^\/user\/login/);
});
