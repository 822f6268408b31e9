// A load that has not ended (here every upload goes to the background and no runner takes it): the
// resource page shows a progress bar with its text equivalent, the script that follows it and a
// refresh link for browsers without JavaScript; the announcement waits for the outcome.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, makeDataset, makeOrg, makeUser } from '../support/factories';
import { loggedInAgent, unescapeHtml } from './helpers';

let cat: TestCatalogue;
let html: string;
let page: string;
let agent: Awaited<ReturnType<typeof loggedInAgent>>;

beforeAll(async () => {
  // About one byte: every upload's load is queued for a runner, and this test starts none.
  cat = await startCatalogue({ CATALOGO_INGEST_INLINE_MB: '0.000001' });
  const org = await makeOrg(cat, { title: 'Comune di Empoli' });
  const editor = await makeUser(cat);
  await addMember(cat, org.name, editor.name, 'editor');
  agent = await loggedInAgent(cat, editor);
  const dataset = await makeDataset(cat, org.name);
  const form = await agent.get(`/dataset/${dataset.name}/resource/new`).expect(200);
  const action = unescapeHtml(/<form method="post" action="([^"]+)" enctype/.exec(form.text)![1]);
  const res = await agent.post(action).field('name', 'Misure').attach('upload', Buffer.from('a,b\n1,2\n3,4\n'), { filename: 'misure.csv', contentType: 'text/csv' }).expect(303);
  page = String(res.headers.location);
  html = (await agent.get(page).expect(200)).text;
}, 60000);
afterAll(async () => cat.close());

describe('a load in progress', () => {
  it('shows a progress bar with its values and a text equivalent', () => {
    expect(html).toMatch(/<div class="progress-bar" role="progressbar" style="width: 0%" aria-valuenow="0" aria-valuemin="0" aria-valuemax="100" aria-labelledby="load-progress-text"><\/div>/);
    expect(html).toContain('<p id="load-progress-text" class="mt-2" aria-live="polite">0 righe lette (0%)</p>');
    expect(html).toMatch(/<span class="badge[^"]*">in attesa<\/span>/);
  });

  it('follows the load with a script where JavaScript runs, and offers a refresh link where it does not', () => {
    const id = page.split('/').pop();
    expect(unescapeHtml(html)).toContain(`data-poll-url="/api/3/action/resource_validation_show?id=${id}"`);
    expect(html).toMatch(/<script src="\/assets\/catalogo\/[0-9a-f]+\/load-progress.js" defer><\/script>/);
    expect(html).toContain(`<a href="${page}">Aggiorna</a>`);
  });

  it('says the file is being read, and keeps the announcement for the outcome', async () => {
    expect(html).toContain('<div class="alert alert-info">File caricato: la lettura è in corso.</div>');
    expect((await agent.get(page).expect(200)).text).toContain('la lettura è in corso');
  });

  it('shows no preview, dictionary or report before the table exists', () => {
    expect(html).not.toContain('id="anteprima"');
    expect(html).not.toContain('id="dizionario"');
    expect(html).not.toContain('Regole AgID');
  });
});
