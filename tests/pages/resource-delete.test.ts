// Resources from an editor's point of view: deleting one (confirmation, CSRF, who may), and what an
// uploaded file shows: its size in human units on the dataset page, its SHA-256 on the resource page.
import { createHash } from 'node:crypto';
import request from 'supertest';
import { TestCatalogue } from '../support/harness';
import { makeDataset, TestUser } from '../support/factories';
import { csrfFor, csrfTokenIn, editorsWorld, loggedInAgent, unescapeHtml } from './helpers';

let cat: TestCatalogue;
let org: { id: string; name: string };
let outsider: TestUser;
let editorAgent: ReturnType<typeof request.agent>;

beforeAll(async () => {
  ({ cat, org, outsider, editorAgent } = await editorsWorld('Comune di Sesto Fiorentino', 'Comune di Prato'));
});

afterAll(async () => cat.close());

/** A dataset with one link resource; returns the resource page's path. */
async function datasetWithResource(name: string): Promise<string> {
  const dataset = await makeDataset(cat, org.name, { name, resources: [{ name: 'Orari 2025', url: 'https://dati.example.it/orari.csv', format: 'CSV' }] });
  return `/dataset/${name}/resource/${dataset.resources[0].id}`;
}

async function uploadResource(datasetName: string, bytes: Buffer, filename: string): Promise<string> {
  const form = await editorAgent.get(`/dataset/${datasetName}/resource/new`).expect(200);
  const action = unescapeHtml(/<form method="post" action="([^"]+)" enctype/.exec(form.text)![1]);
  const res = await editorAgent.post(action).field('name', 'Dati').field('format', 'CSV')
    .attach('upload', bytes, { filename, contentType: 'text/csv' }).expect(303);
  return res.headers.location as string;
}

describe('deleting a resource', () => {
  it('shows the delete button to editors on the resource page and its edit page, and not to others', async () => {
    const path = await datasetWithResource('orari-biblioteche');
    expect((await editorAgent.get(path).expect(200)).text).toContain(`href="${path}/delete"`);
    expect((await editorAgent.get(`${path}/edit`).expect(200)).text).toContain(`href="${path}/delete"`);
    expect((await request(cat.app).get(path).expect(200)).text).not.toContain(`${path}/delete`);
    const outsiderAgent = await loggedInAgent(cat, outsider);
    expect((await outsiderAgent.get(path).expect(200)).text).not.toContain(`${path}/delete`);
  });

  it('asks for confirmation, then deletes with resource_delete; the dataset page no longer lists it', async () => {
    const path = await datasetWithResource('orari-piscine');
    const confirm = await editorAgent.get(`${path}/delete`).expect(200);
    expect(confirm.text).toContain('Eliminare la risorsa?');
    expect(confirm.text).toContain('Orari 2025');
    const res = await editorAgent.post(`${path}/delete`).type('form').send({ _csrf: csrfTokenIn(confirm.text) }).expect(303);
    expect(res.headers.location).toBe('/dataset/orari-piscine');
    const datasetPage = await request(cat.app).get('/dataset/orari-piscine').expect(200);
    expect(datasetPage.text).not.toContain('Orari 2025');
    expect(datasetPage.text).toContain('Questo dataset non ha ancora risorse.');
    await request(cat.app).get(path).expect(404);
  });

  it('refuses the POST without a CSRF token', async () => {
    const path = await datasetWithResource('orari-musei-sesto');
    await editorAgent.post(`${path}/delete`).type('form').send({}).expect(403);
    expect((await request(cat.app).get('/dataset/orari-musei-sesto').expect(200)).text).toContain('Orari 2025');
  });

  it('gives 403 to an editor of another organization, on the page and on the POST', async () => {
    const path = await datasetWithResource('orari-parchi');
    const agent = await loggedInAgent(cat, outsider);
    await agent.get(`${path}/delete`).expect(403);
    const token = await csrfFor(agent, '/');
    await agent.post(`${path}/delete`).type('form').send({ _csrf: token }).expect(403);
    expect((await request(cat.app).get('/dataset/orari-parchi').expect(200)).text).toContain('Orari 2025');
  });

  it('sends anonymous visitors to the login page', async () => {
    const path = await datasetWithResource('orari-cimiteri');
    const res = await request(cat.app).get(`${path}/delete`).expect(303);
    expect(res.headers.location).toMatch(/^\/user\/login\?came_from=/);
  });
});

describe('an uploaded file', () => {
  const bytes = Buffer.alloc(183_000, 'a;b\n');

  it('shows its format and its size in Italian units on the dataset page, English ones with ?lang=en', async () => {
    await makeDataset(cat, org.name, { name: 'file-grande' });
    await uploadResource('file-grande', Buffer.alloc(1_234_567, 'x'), 'grande.csv');
    const italian = await request(cat.app).get('/dataset/file-grande').expect(200);
    expect(italian.text).toMatch(/catalogo-file-info">CSV · <span data-size="1234567">1,2 MB<\/span>/);
    const english = await request(cat.app).get('/dataset/file-grande?lang=en').expect(200);
    expect(english.text).toContain('>1.2 MB</span>');
  });

  it('shows "183 kB" for 183 000 bytes, and the SHA-256 on the resource page', async () => {
    await makeDataset(cat, org.name, { name: 'file-medio' });
    const resourcePath = await uploadResource('file-medio', bytes, 'medio.csv');
    expect((await request(cat.app).get('/dataset/file-medio').expect(200)).text).toContain('>183 kB</span>');
    const page = await request(cat.app).get(resourcePath).expect(200);
    expect(page.text).toContain('Impronta SHA-256');
    expect(page.text).toContain(createHash('sha256').update(bytes).digest('hex'));
  });

  it('shows no size for a link resource', async () => {
    await datasetWithResource('solo-link');
    expect((await request(cat.app).get('/dataset/solo-link').expect(200)).text).not.toContain('catalogo-file-info');
  });
});
