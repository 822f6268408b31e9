// An editor uploads a broken Latin-1 CSV through the resource form: the resource page announces the
// load, reports what was read and what to fix (AgID CSV rules); the download says the file's charset;
// the editor corrects the data dictionary through the page's form (CSRF, errors by the field).
import request from 'supertest';
import { TestCatalogue } from '../support/harness';
import { makeDataset } from '../support/factories';
import { csrfTokenIn, editorsWorld, unescapeHtml } from './helpers';

let cat: TestCatalogue;
let editorAgent: ReturnType<typeof request.agent>;
let page: string;
let orgName: string;

/** Latin-1, semicolons, a blank row, a row too long and one too short. */
const BROKEN = Buffer.from('comune;abitanti;nota\nPrato;195000;città\n\nPistoia;90000;x;y\nLucca;89000\nSiena;53000;più\n', 'latin1');

beforeAll(async () => {
  const world = await editorsWorld('Comune di Massa', 'Comune di Carrara');
  ({ cat, editorAgent } = world);
  orgName = world.org.name;
  const dataset = await makeDataset(cat, world.org.name, { name: 'comuni-toscani' });
  const form = await editorAgent.get(`/dataset/${dataset.name}/resource/new`).expect(200);
  const action = unescapeHtml(/<form method="post" action="([^"]+)" enctype/.exec(form.text)![1]);
  const res = await editorAgent.post(action).field('name', 'Comuni').attach('upload', BROKEN, { filename: 'comuni.csv', contentType: 'text/csv' }).expect(303);
  page = String(res.headers.location);
}, 60000);
afterAll(async () => cat.close());

describe('after an upload', () => {
  it('announces the outcome once, in a status region', async () => {
    const first = (await editorAgent.get(page).expect(200)).text;
    expect(first).toMatch(/<div id="flash" class="catalogo-flash" role="status"><div class="alert alert-success">File caricato e letto. Righe pronte per l&#x27;anteprima e le API: 4.<\/div><\/div>/);
    const again = (await editorAgent.get(page).expect(200)).text;
    expect(again).toContain('<div id="flash" class="catalogo-flash" role="status"></div>');
  });

  it('says what was read and lists the problems by kind with their rows', async () => {
    const html = (await request(cat.app).get(page).expect(200)).text;
    const report = html.slice(html.indexOf('id="verifica"'), html.indexOf('id="anteprima"'));
    expect(report).toMatch(/<dt>Codifica dei caratteri<\/dt><dd>WINDOWS-1252<\/dd>/);
    expect(report).toMatch(/<dt>Separatore<\/dt><dd>punto e virgola \(;\)<\/dd>/);
    expect(report).toMatch(/<dt>Righe<\/dt><dd>4<\/dd>/);
    expect(report).toMatch(/Righe vuote <span class="badge[^"]*">1<\/span>/);
    expect(report).toMatch(/Righe con più celle dell&#x27;intestazione <span class="badge[^"]*">1<\/span>[\s\S]*?<tr><td>4<\/td>/);
    expect(report).toMatch(/Righe con meno celle dell&#x27;intestazione <span class="badge[^"]*">1<\/span>[\s\S]*?<tr><td>5<\/td>/);
  });

  it('checks the AgID CSV rules and suggests the fixes in plain Italian', async () => {
    const html = (await request(cat.app).get(page).expect(200)).text;
    const rule = (name: string) => new RegExp(`<strong>${name}</strong>: <span class="[^"]*">([^<]*)</span>`).exec(html)![1];
    expect(rule('Nessuna riga vuota')).toBe('non rispettata');
    expect(rule('Codifica UTF-8 \\(consigliata\\)')).toBe('non rispettata');
    expect(rule('Una sola riga di intestazione, con un nome per ogni colonna')).toBe('rispettata');
    expect(html).toContain('Elimina le righe vuote');
    expect(html).toContain('in Excel scegli «CSV UTF-8 (delimitato da virgole)»');
  });

  it('serves the file with the charset its load detected', async () => {
    const html = (await request(cat.app).get(page).expect(200)).text;
    const href = /<a class="btn btn-primary" href="([^"]+)" download>/.exec(html)![1];
    const res = await request(cat.app).get(href).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=windows-1252');
  });
});

describe('after an upload that is no table', () => {
  it('announces the failure with its reason, and shows no preview', async () => {
    const dataset = await makeDataset(cat, orgName);
    const form = await editorAgent.get(`/dataset/${dataset.name}/resource/new`).expect(200);
    const action = unescapeHtml(/<form method="post" action="([^"]+)" enctype/.exec(form.text)![1]);
    const res = await editorAgent.post(action).field('name', 'Immagine').attach('upload', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), { filename: 'foto.csv', contentType: 'text/csv' }).expect(303);
    const html = (await editorAgent.get(String(res.headers.location)).expect(200)).text;
    expect(html).toMatch(/<div class="alert alert-danger">File caricato, ma non è stato possibile leggerlo come tabella: Il file non è un testo \(contiene byte binari\)[^<]*<\/div>/);
    expect(html).toMatch(/<span class="badge bg-danger">non riuscita<\/span>/);
    expect(html).not.toContain('id="anteprima"');
  });
});

describe("the editor's dictionary form", () => {
  const post = (fields: Record<string, string>) => editorAgent.post(`${page}/dictionary`).type('form').send(fields);

  async function token(): Promise<string> {
    return csrfTokenIn((await editorAgent.get(page).expect(200)).text);
  }

  it('is offered to the editors only', async () => {
    expect((await editorAgent.get(page).expect(200)).text).toContain('id="correggi-dizionario"');
    expect((await request(cat.app).get(page).expect(200)).text).not.toContain('id="correggi-dizionario"');
  });

  it('refuses a post without its CSRF token, and an anonymous one', async () => {
    await post({ 'type-0': 'text', 'type-1': 'text', 'type-2': 'text' }).expect(403);
    const res = await request(cat.app).post(`${page}/dictionary`).type('form').send({ 'type-0': 'text' });
    expect(res.status).toBe(403);
  });

  it('shows a wrong type next to its field, keeping what was typed', async () => {
    const res = await post({ _csrf: await token(), 'type-0': 'text', 'type-1': 'banana', 'type-2': 'text', 'description-0': 'Il nome' }).expect(400);
    expect(res.text).toMatch(/<select id="field-type-1" name="type-1" aria-invalid="true" aria-describedby="field-type-1-error">/);
    expect(res.text).toMatch(/<div id="field-type-1-error" class="invalid-feedback d-block">Scegli uno dei tipi dell&#x27;elenco. <\/div>/);
    expect(res.text).toContain('href="#field-type-1">Tipo della colonna «abitanti»</a>');
    expect(res.text).toMatch(/<textarea id="field-description-0" name="description-0"[^>]*>Il nome<\/textarea>/);
  });

  it('saves the types and descriptions, and the file is read again with them', async () => {
    const res = await post({ _csrf: await token(), 'type-0': 'text', 'type-1': 'text', 'label-1': 'Abitanti', 'description-1': 'Residenti al 1° gennaio', 'type-2': 'text' }).expect(303);
    expect(res.headers.location).toBe(`${page}#verifica`);
    const html = (await request(cat.app).get(page).expect(200)).text;
    expect(html).toMatch(/<th scope="row"><code>abitanti<\/code><\/th>\s*<td>Abitanti<\/td>\s*<td>testo<\/td>\s*<td>Residenti al 1° gennaio<\/td>/);
  });
});
