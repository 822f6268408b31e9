// The dataset form helps in one round: the URL name made from the title, every error at once (each by its
// field, a summary linking to them), an upload named by its file, and success or failure announced once in
// the layout's role="status" region.
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { TestCatalogue } from '../support/harness';
import { makeDataset, sysadminContext, TestUser } from '../support/factories';
import { uploadTo } from '../api/world';
import { csrfFor, editorsWorld, unescapeHtml } from './helpers';

let cat: TestCatalogue;
let org: { id: string; name: string };
let editor: TestUser;
let editorAgent: ReturnType<typeof request.agent>;

beforeAll(async () => {
  ({ cat, org, editor, editorAgent } = await editorsWorld('Comune di Siena', 'Comune di Arezzo'));
});
afterAll(async () => cat.close());

async function postNew(fields: Record<string, string | string[]>) {
  const token = await csrfFor(editorAgent, '/dataset/new');
  return editorAgent.post('/dataset/new').type('form')
    .send({ title: "Qualità dell'aria", notes: 'Misure di PM10', owner_org: org.id, license_id: 'CC-BY-4.0', name: '', _csrf: token, ...fields });
}

/** The text of the layout's status region. */
function flashIn(html: string): string {
  if (html.includes('<div id="flash" class="catalogo-flash" role="status"></div>')) return '';
  const match = /<div id="flash" class="catalogo-flash" role="status"><div class="alert [\w-]+">([^<]*)<\/div><\/div>/.exec(html);
  if (!match) throw new Error('no status region in the page');
  return unescapeHtml(match[1]);
}

const show = async (id: string) => runAction('package_show', await sysadminContext(cat), { id });

describe('the URL name made from the title', () => {
  it('says on the new form that the name may be left empty', async () => {
    const html = unescapeHtml((await editorAgent.get('/dataset/new').expect(200)).text);
    expect(html).toMatch(/<div data-slug-from="field-title">/);
    expect(html).toContain('Se lo lasci vuoto lo ricaviamo dal titolo');
    expect(html).not.toMatch(/<input id="field-name"[^>]* required/);
  });

  it('creates the dataset under the title made lowercase, without accents, and announces it', async () => {
    const res = await postNew({});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/dataset/qualita-dell-aria');
    expect((await show('qualita-dell-aria')).title).toBe("Qualità dell'aria");
    const page = unescapeHtml((await editorAgent.get(res.headers.location).expect(200)).text);
    expect(flashIn(page)).toBe("Dataset «Qualità dell'aria» creato.");
    // Shown once: the next page has an empty status region.
    expect(flashIn((await editorAgent.get(res.headers.location).expect(200)).text)).toBe('');
  });

  it('keeps a name the editor typed', async () => {
    const res = await postNew({ title: 'Aria a Siena', name: 'aria-siena-2024' });
    expect(res.headers.location).toBe('/dataset/aria-siena-2024');
  });

  it('answers a taken name by its field, with a free one to use, and the derived name in the box', async () => {
    const res = await postNew({});
    expect(res.status).toBe(409);
    const html = unescapeHtml(res.text);
    expect(html).toMatch(/<input id="field-name" name="name" type="text" value="qualita-dell-aria"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/id="field-name-error"[^>]*>Questo nome \(URL\) è già usato da un altro dataset: scegline un altro, per esempio «qualita-dell-aria-2»/);
  });
});

describe('every error at once', () => {
  it('shows a bad basic field and bad DCAT-AP_IT fields together, each by its field, with a summary', async () => {
    const res = await postNew({
      name: 'Nome Sbagliato', maintainer_email: 'non-una-email', temporal_start: '2024-12-31', temporal_end: '2024-01-01', contact_email: 'ancora-no', language: ['ITA'],
    });
    expect(res.status).toBe(409);
    const html = unescapeHtml(res.text);
    // (A language outside the vocabulary is kept, as CKAN keeps it: language_unmapped, no error.)
    for (const field of ['name', 'maintainer_email', 'temporal_end', 'contact_email']) {
      expect(html).toContain(`href="#field-${field}"`);
      expect(html).toMatch(new RegExp(`id="field-${field}-error"[^>]*>\\s*\\S`));
    }
    const summary = html.slice(html.indexOf('id="error-summary"'), html.indexOf('</ul>', html.indexOf('id="error-summary"')));
    expect(summary.match(/<li>/g)).toHaveLength(4);
    // The summary takes focus (catalogo.js); the failure is announced once, by the status region.
    expect(html).toMatch(/<div class="alert alert-danger catalogo-error-summary" tabindex="-1" id="error-summary">/);
    expect(html).not.toContain('role="alert"');
    expect(flashIn(html)).toBe('Modulo non accettato: correggi i 4 campi indicati.');
    // What was typed and ticked comes back; the language list still offers the valid choice, ticked.
    expect(html).toContain('value="non-una-email"');
    expect(html).toMatch(/name="language" value="ITA" id="[^"]+" checked>/);
    expect((await runAction('package_list', await sysadminContext(cat), {}))).not.toContain('nome-sbagliato');
  });

  it('announces a saved edit', async () => {
    await makeDataset(cat, org.name, { name: 'rumore-siena', title: 'Rumore' });
    const token = await csrfFor(editorAgent, '/dataset/edit/rumore-siena');
    const res = await editorAgent.post('/dataset/edit/rumore-siena').type('form')
      .send({ _csrf: token, name: 'rumore-siena', title: 'Rumore urbano', notes: 'Decibel', owner_org: org.id });
    expect(res.status).toBe(303);
    expect(flashIn((await editorAgent.get(res.headers.location).expect(200)).text)).toBe('Modifiche al dataset «Rumore urbano» salvate.');
  });
});

describe('the resource name', () => {
  async function formAction(path: string): Promise<string> {
    const form = await editorAgent.get(path).expect(200);
    return unescapeHtml(/<form method="post" action="([^"]+)" enctype/.exec(form.text)![1]);
  }

  it('is the file name for an upload sent without one, on the form', async () => {
    await makeDataset(cat, org.name, { name: 'bilanci-siena' });
    const action = await formAction('/dataset/bilanci-siena/resource/new');
    const res = await editorAgent.post(action).field('name', '').attach('upload', Buffer.from('anno;euro\n2024;10\n'), 'bilancio 2024.csv');
    expect(res.status).toBe(303);
    expect((await show('bilanci-siena')).resources[0].name).toBe('bilancio 2024.csv');
    const page = unescapeHtml((await editorAgent.get(res.headers.location).expect(200)).text);
    expect(page).toContain('<h1 id="resource-title">bilancio 2024.csv</h1>');
    // A table is read at once: the announcement says how the load went (other uploads: "aggiunta").
    expect(flashIn(page)).toBe('File caricato e letto. Righe pronte per l\'anteprima e le API: 1.');
    expect(page).not.toContain('Risorsa senza nome');
    const token = await csrfFor(editorAgent, `${res.headers.location}/delete`);
    const deleted = await editorAgent.post(`${res.headers.location}/delete`).type('form').send({ _csrf: token }).expect(303);
    expect(flashIn((await editorAgent.get(deleted.headers.location).expect(200)).text)).toBe('Risorsa «bilancio 2024.csv» eliminata.');
  });

  it('is the file name on the pages for an upload the API left unnamed (as CKAN, the API stores none)', async () => {
    const dataset = await makeDataset(cat, org.name, { name: 'spese-siena' });
    const res = await uploadTo(cat, 'resource_create', { package_id: dataset.id }, { content: Buffer.from('a,b\n1,2\n'), filename: 'spese.csv' }, editor.token);
    expect(res.status).toBe(200);
    expect(res.body.result.name ?? '').toBe('');
    const page = unescapeHtml((await request(cat.app).get('/dataset/spese-siena').expect(200)).text);
    expect(page).toMatch(/<a href="\/dataset\/spese-siena\/resource\/[^"]+">spese.csv<\/a>/);
    expect(page).not.toContain('Risorsa senza nome');
  });
});
