// The resource form's DCAT-AP_IT fields: format (normalised by the server), licence (empty: the
// dataset's) and languages (a multi-select, so a repeated multipart field).
import request from 'supertest';
import { TestCatalogue } from '../support/harness';
import { getAction, makeDataset } from '../support/factories';
import { editorsWorld, unescapeHtml } from './helpers';

let cat: TestCatalogue;
let org: { id: string; name: string };
let editorAgent: ReturnType<typeof request.agent>;

beforeAll(async () => {
  ({ cat, org, editorAgent } = await editorsWorld('Comune di Lucca', 'Comune di Pistoia'));
});
afterAll(async () => cat.close());

async function formAction(path: string): Promise<{ action: string; html: string }> {
  const form = await editorAgent.get(path).expect(200);
  return { action: unescapeHtml(/<form method="post" action="([^"]+)" enctype/.exec(form.text)![1]), html: form.text };
}

describe('the resource form', () => {
  it('offers the EU file types, the licences and the languages', async () => {
    await makeDataset(cat, org.name, { name: 'parcheggi-lucca' });
    const { html } = await formAction('/dataset/parcheggi-lucca/resource/new');
    expect(html).toMatch(/<datalist id="file-types">[\s\S]*<option value="CSV">/);
    expect(html).toMatch(/<select[^>]*name="license_id"/);
    expect(html).toMatch(/<select[^>]*name="language"[^>]*multiple/);
  });

  it('saves format, licence and several languages; the edit form shows them again', async () => {
    await makeDataset(cat, org.name, { name: 'aree-sosta-lucca' });
    const { action } = await formAction('/dataset/aree-sosta-lucca/resource/new');
    const res = await editorAgent.post(action).field('name', 'Aree di sosta').field('url', 'https://dati.example.it/sosta')
      .field('format', 'text/csv').field('license_id', 'CC0-1.0').field('language', 'ITA').field('language', 'ENG').expect(303);
    const id = String(res.headers.location).split('/').pop()!;
    const resource = (await getAction(cat, 'resource_show', { id })).body.result;
    expect([resource.format, resource.license_id, resource.language]).toEqual(['CSV', 'CC0-1.0', '{ITA,ENG}']);
    const { html } = await formAction(`/dataset/aree-sosta-lucca/resource/${id}/edit`);
    expect(html).toMatch(/<option value="CC0-1.0" selected/);
    expect(html).toMatch(/<option value="ENG" selected/);
    expect(html).toMatch(/<option value="ITA" selected/);
  });

  it('keeps a format outside the vocabulary as typed, as CKAN does', async () => {
    await makeDataset(cat, org.name, { name: 'varchi-lucca' });
    const { action } = await formAction('/dataset/varchi-lucca/resource/new');
    await editorAgent.post(action).field('name', 'Varchi').field('url', 'https://dati.example.it/varchi').field('format', 'FORMATO-X').expect(303);
    const shown = (await getAction(cat, 'package_show', { id: 'varchi-lucca' })).body.result;
    expect(shown.resources.map((r: any) => r.format)).toEqual(['FORMATO-X']);
  });
});
