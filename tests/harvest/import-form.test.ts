// The upload form: an organization admin uploads a real DCAT-AP_IT file, sees what would be created
// (nothing is written yet), confirms, and the datasets exist; a broken file comes back by its field.
import path from 'node:path';
import { runAction } from '../../server/core/actions';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, makeOrg, makeUser, sysadminContext } from '../support/factories';
import { csrfTokenIn, loggedInAgent, unescapeHtml } from '../pages/helpers';

const FIRENZE = path.join(__dirname, '..', 'fixtures', 'dcat-examples', 'firenze-dcatapit-example.ttl');

let cat: TestCatalogue;
let org: { id: string; name: string };
let admin: Awaited<ReturnType<typeof loggedInAgent>>;

beforeAll(async () => {
  cat = await startCatalogue();
  org = await makeOrg(cat, { title: 'Comune di Firenze' });
  const user = await makeUser(cat);
  await addMember(cat, org.name, user.name, 'admin');
  admin = await loggedInAgent(cat, user);
});
afterAll(async () => cat.close());

async function uploadAction(): Promise<string> {
  const form = await admin.get('/harvest/import').expect(200);
  return unescapeHtml(/<form method="post" action="([^"]+)" enctype/.exec(form.text)![1]);
}

it('previews the datasets of the file, writes nothing, then imports them on confirmation', async () => {
  const previewed = await admin.post(await uploadAction()).field('owner_org', org.name).attach('upload', FIRENZE);
  expect(previewed.status).toBe(200);
  expect(previewed.text).toContain('Popolazione residente per quartiere');
  expect(previewed.text).toContain('1 dataset nel file: 1 da creare, 0 da aggiornare, 0 non importabili.');
  expect(await runAction('package_list', await sysadminContext(cat), {})).toEqual([]);

  const hidden = (name: string) => unescapeHtml(new RegExp(`name="${name}" value="([^"]*)"`).exec(previewed.text)![1]);
  const done = await admin.post('/harvest/import/confirm').type('form')
    .send({ _csrf: csrfTokenIn(previewed.text), owner_org: hidden('owner_org'), key: hidden('key'), filename: hidden('filename') });
  expect(done.status).toBe(200);
  expect(done.text).toContain('1 creati, 0 aggiornati, 0 non riusciti.');
  const shown = await runAction<any>('package_show', await sysadminContext(cat), { id: 'popolazione-residente' });
  expect(shown).toMatchObject({ title: 'Popolazione residente per quartiere', owner_org: org.id });

  // The file was used once and removed: confirming again finds nothing.
  const again = await admin.post('/harvest/import/confirm').type('form')
    .send({ _csrf: csrfTokenIn(previewed.text), owner_org: hidden('owner_org'), key: hidden('key'), filename: hidden('filename') });
  expect(again.status).toBe(404);
});

it('shows a broken file again in the form, by its field', async () => {
  const res = await admin.post(await uploadAction()).field('owner_org', org.name)
    .attach('upload', Buffer.from('@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<a> dcat:dataset'), 'rotto.ttl');
  expect(res.status).toBe(409);
  expect(res.text).toMatch(/id="field-upload-error"[^>]*>[\s\S]*Turtle non valido/);
});
