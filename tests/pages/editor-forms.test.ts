// Editors' forms: create, edit and delete a dataset, add a resource by upload, replace its file.
import request from 'supertest';
import { TestCatalogue } from '../support/harness';
import { makeDataset, TestUser } from '../support/factories';
import { csrfFor, csrfTokenIn, editorsWorld, loggedInAgent, unescapeHtml } from './helpers';

let cat: TestCatalogue;
let org: { id: string; name: string };
let outsider: TestUser;
let editorAgent: ReturnType<typeof request.agent>;

beforeAll(async () => {
  ({ cat, org, outsider, editorAgent } = await editorsWorld('Comune di Lucca', 'Comune di Pistoia'));
});

afterAll(async () => cat.close());

function datasetForm(fields: Record<string, string>, token: string) {
  return { title: 'Parcheggi di Lucca', notes: 'Posti auto', owner_org: org.id, license_id: 'CC-BY-4.0', tag_string: 'mobilità, parcheggi', _csrf: token, ...fields };
}

describe('creating a dataset', () => {
  it('preselects CC-BY-4.0 and offers only the editor\'s organizations', async () => {
    const res = await editorAgent.get('/dataset/new').expect(200);
    expect(res.text).toMatch(/<option value="CC-BY-4.0" selected>/);
    expect(res.text).toContain('Comune di Lucca');
    expect(res.text).not.toContain('Comune di Pistoia');
  });

  it('creates a dataset through the form and shows it', async () => {
    const token = await csrfFor(editorAgent, '/dataset/new');
    const res = await editorAgent.post('/dataset/new').type('form').send(datasetForm({ name: 'parcheggi-lucca' }, token));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/dataset/parcheggi-lucca');
    const page = await editorAgent.get('/dataset/parcheggi-lucca').expect(200);
    expect(page.text).toContain('Parcheggi di Lucca');
    expect(page.text).toContain('mobilità');
    expect(page.text).toContain('href="/dataset/edit/parcheggi-lucca"');
  });

  it('shows the form again with the Italian message next to an invalid name', async () => {
    const token = await csrfFor(editorAgent, '/dataset/new');
    const res = await editorAgent.post('/dataset/new').type('form').send(datasetForm({ name: 'Nome Non Valido!' }, token));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const html = unescapeHtml(res.text);
    expect(html).toMatch(/id="field-name-error"[^>]*>[^<]*lettere minuscole/i);
    expect(html).toContain('aria-describedby="field-name-hint field-name-error"');
    expect(html).toContain('href="#field-name"');
    expect(html).toContain('value="Nome Non Valido!"');
    expect(html).toContain('value="Parcheggi di Lucca"');
  });

  it('reports a name already in use (409) next to the field', async () => {
    const token = await csrfFor(editorAgent, '/dataset/new');
    const res = await editorAgent.post('/dataset/new').type('form').send(datasetForm({ name: 'parcheggi-lucca' }, token));
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/id="field-name-error"[^>]*>[^<]*già usato/);
  });

  it('sends anonymous visitors to the login page', async () => {
    const res = await request(cat.app).get('/dataset/new').expect(303);
    expect(res.headers.location).toBe('/user/login?came_from=%2Fdataset%2Fnew');
  });
});

describe('editing and deleting', () => {
  it('edits a dataset with package_patch', async () => {
    await makeDataset(cat, org.name, { name: 'orari-musei', title: 'Orari dei musei', tag_string: 'cultura' });
    const form = await editorAgent.get('/dataset/edit/orari-musei').expect(200);
    expect(form.text).toContain('value="Orari dei musei"');
    const res = await editorAgent.post('/dataset/edit/orari-musei').type('form')
      .send({ _csrf: csrfTokenIn(form.text), name: 'orari-musei', title: 'Orari dei musei civici', notes: 'Orari di apertura', owner_org: org.id, tag_string: 'turismo' });
    expect(res.status).toBe(303);
    const page = await request(cat.app).get('/dataset/orari-musei').expect(200);
    expect(page.text).toContain('Orari dei musei civici');
    expect(page.text).toContain('turismo');
    expect(page.text).not.toContain('>cultura<');
  });

  it('gives 403 to an editor of another organization, and hides the edit buttons', async () => {
    await makeDataset(cat, org.name, { name: 'rifiuti-lucca' });
    const agent = await loggedInAgent(cat, outsider);
    const res = await agent.get('/dataset/edit/rifiuti-lucca');
    expect(res.status).toBe(403);
    expect(res.text).toContain('Accesso negato');
    const token = await csrfFor(agent, '/');
    await agent.post('/dataset/edit/rifiuti-lucca').type('form').send({ _csrf: token, name: 'rifiuti-lucca', title: 'x' }).expect(403);
    const page = await agent.get('/dataset/rifiuti-lucca').expect(200);
    expect(page.text).not.toContain('/dataset/edit/rifiuti-lucca');
    await agent.get('/dataset/rifiuti-lucca/resource/new').expect(403);
  });

  it('deletes a dataset after confirmation', async () => {
    await makeDataset(cat, org.name, { name: 'da-cancellare' });
    const token = await csrfFor(editorAgent, '/dataset/delete/da-cancellare');
    await editorAgent.post('/dataset/delete/da-cancellare').type('form').send({ _csrf: token }).expect(303);
    await request(cat.app).get('/dataset/da-cancellare').expect(404);
  });
});

describe('resources', () => {
  const bytes = Buffer.from('anno;posti\n2024;1200\n2025;1350\n', 'utf8');

  async function resourceFormAction(path: string): Promise<string> {
    const form = await editorAgent.get(path).expect(200);
    expect(form.text).toContain('enctype="multipart/form-data"');
    const match = /<form method="post" action="([^"]+)" enctype/.exec(form.text);
    return unescapeHtml(match![1]);
  }

  it('uploads a file through the multipart form; the download returns the same bytes', async () => {
    await makeDataset(cat, org.name, { name: 'posti-auto' });
    const action = await resourceFormAction('/dataset/posti-auto/resource/new');
    expect(action).toMatch(/\?_csrf=.+/);
    const res = await editorAgent.post(action)
      .field('name', 'Posti auto 2025').field('format', 'CSV')
      .attach('upload', bytes, { filename: 'posti.csv', contentType: 'text/csv' });
    expect(res.status).toBe(303);
    const page = await request(cat.app).get(res.headers.location).expect(200);
    const download = /<a class="btn btn-primary" href="([^"]+)" download>/.exec(page.text)![1];
    expect(download.startsWith('/dataset/posti-auto/resource/')).toBe(true);
    const path = unescapeHtml(download);
    const file = await request(cat.app).get(path).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(Buffer.compare(file.body as Buffer, bytes)).toBe(0);
    const datasetPage = await request(cat.app).get('/dataset/posti-auto').expect(200);
    expect(datasetPage.text).toContain('posti.csv');
  });

  it('asks for a file or a URL when the form has neither', async () => {
    const action = await resourceFormAction('/dataset/posti-auto/resource/new');
    const res = await editorAgent.post(action).field('name', 'Vuota').attach('upload', Buffer.alloc(0), { filename: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="field-upload-error"');
    expect(res.text).toContain('value="Vuota"');
  });

  it('refuses a multipart POST without the token in the URL', async () => {
    const res = await editorAgent.post('/dataset/posti-auto/resource/new').field('url', 'https://example.it/a.csv');
    expect(res.status).toBe(403);
  });

  it('replaces the file and keeps the old one in the history', async () => {
    await makeDataset(cat, org.name, { name: 'storico-file' });
    const createAction = await resourceFormAction('/dataset/storico-file/resource/new');
    const created = await editorAgent.post(createAction).field('name', 'Dati').attach('upload', bytes, 'v1.csv').expect(303);
    const editAction = await resourceFormAction(`${created.headers.location}/edit`);
    const edited = await editorAgent.post(editAction).field('name', 'Dati').attach('upload', Buffer.from('anno;posti\n2026;1400\n'), 'v2.csv');
    expect(edited.status).toBe(303);
    const page = await request(cat.app).get(created.headers.location).expect(200);
    expect(page.text).toContain('v2.csv');
    expect(page.text).toMatch(/<th scope="row"><a href="[^"]+\/version\/[^"]+" download>v1.csv<\/a><\/th>/);
  });
});
