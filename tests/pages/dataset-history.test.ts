// A dataset's history says what each change did, field by field, in Italian (or English): the title,
// the tags, a file replaced by another, the extras; each change has its own page with the description
// word by word and the whole metadata diff. Values are escaped; private datasets' changes stay private.
import request from 'supertest';
import { ActivityEntity } from '../../server/activity/entities';
import { inTransaction } from '../../server/db/transaction';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, callAction, getAction, makeOrg, makeUser, TestUser, unique } from '../support/factories';
import { uploadTo } from '../api/world';

let cat: TestCatalogue;
let org: { id: string; name: string };
let editor: TestUser;

beforeAll(async () => {
  cat = await startCatalogue();
  org = await makeOrg(cat, { title: 'Comune di Prato' });
  editor = await makeUser(cat);
  await addMember(cat, org.name, editor.name, 'editor');
});
afterAll(async () => cat.close());

async function dataset(fields: Record<string, unknown> = {}): Promise<any> {
  const res = await callAction(cat, 'package_create', { name: unique('storia'), title: 'Qualità dell\'aria', notes: 'Misure giornaliere.', owner_org: org.name, ...fields }, editor.token);
  expect(res.status).toBe(200);
  return res.body.result;
}

async function patch(fields: Record<string, unknown>): Promise<void> {
  expect((await callAction(cat, 'package_patch', fields, editor.token)).status).toBe(200);
}

/** The page as a reader hears it: tags dropped (the hidden "prima:" / "dopo:" labels kept), entities decoded. */
function heard(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&laquo;/g, '«').replace(/&raquo;/g, '»').replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

async function history(name: string, token?: string, lang = 'it'): Promise<string> {
  const req = request(cat.app).get(`/dataset/activity/${name}?lang=${lang}`);
  if (token) req.set('Authorization', token);
  return (await req.expect(200)).text;
}

async function latestActivityId(id: string): Promise<string> {
  return (await getAction(cat, 'package_activity_list', { id }, editor.token)).body.result[0].id;
}

describe('the history of a dataset', () => {
  it('says how the title changed, marking before and after', async () => {
    const ds = await dataset();
    await patch({ id: ds.id, title: 'Qualità dell\'aria 2024' });
    const html = await history(ds.name);
    expect(heard(html)).toContain("Titolo cambiato da «prima: Qualità dell'aria» a «dopo: Qualità dell'aria 2024»");
    expect(html).toContain('<del><span class="visually-hidden">prima: </span>Qualità dell&#x27;aria</del>');
    expect(html).toContain(`href="/dataset/changes/${await latestActivityId(ds.id)}"`);
    expect(heard(await history(ds.name, undefined, 'en'))).toContain("Title changed from “before: Qualità dell'aria” to “after: Qualità dell'aria 2024”");
  });

  it('lists the tags added and removed', async () => {
    const ds = await dataset({ tags: [{ name: 'acqua' }, { name: 'fiumi' }] });
    await patch({ id: ds.id, tags: [{ name: 'fiumi' }, { name: 'aria' }] });
    const text = heard(await history(ds.name));
    expect(text).toContain('Aggiunto il tag «aria»');
    expect(text).toContain('Rimosso il tag «acqua»');
    expect(text).not.toContain('il tag «fiumi»');
  });

  it('says which file replaced which, with their sizes', async () => {
    const ds = await dataset();
    const upload = (action: 'resource_create' | 'resource_patch', fields: Record<string, string>, filename: string, bytes: number) =>
      uploadTo(cat, action, fields, { content: Buffer.from(`a,b\n${'1,2\n'.repeat(bytes / 4 - 1)}`), filename, contentType: 'text/csv' }, editor.token);
    const created = await upload('resource_create', { package_id: ds.id, name: 'Misure' }, 'a.csv', 12000);
    expect(created.status).toBe(200);
    expect((await upload('resource_patch', { id: created.body.result.id }, 'b.csv', 15000)).status).toBe(200);
    const text = heard(await history(ds.name));
    expect(text).toContain('Aggiunta la risorsa «Misure» con il file «a.csv» (12 kB)');
    expect(text).toContain('Sostituito il file «prima: a.csv» (12 kB) con «dopo: b.csv» (15 kB) nella risorsa «Misure»');
  });

  it('lists the extras added, changed and removed', async () => {
    const ds = await dataset({ extras: [{ key: 'fonte', value: 'ISTAT' }, { key: 'nota', value: 'provvisorio' }] });
    await patch({ id: ds.id, extras: [{ key: 'fonte', value: 'Regione Toscana' }, { key: 'copertura', value: 'comunale' }] });
    const text = heard(await history(ds.name));
    expect(text).toContain('Campo aggiuntivo «fonte» cambiato da «prima: ISTAT» a «dopo: Regione Toscana»');
    expect(text).toContain('Aggiunto il campo aggiuntivo «copertura» con valore «dopo: comunale»');
    expect(text).toContain('Rimosso il campo aggiuntivo «nota» (era «prima: provvisorio»)');
  });

  it('escapes what editors wrote', async () => {
    const ds = await dataset();
    await patch({ id: ds.id, title: '<img src=x onerror=alert(1)>' });
    const html = await history(ds.name);
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
  });

  it('shows the first changes of a long edit and how many more there are', async () => {
    const ds = await dataset();
    await patch({ id: ds.id, title: 'Nuovo titolo', notes: 'Nuova descrizione', version: '2', author: 'Ufficio statistica', tags: [{ name: 'aria' }, { name: 'ozono' }, { name: 'pm10' }] });
    const text = heard(await history(ds.name));
    expect(text).toContain('e altre 2 modifiche');
    expect(text).not.toContain('«pm10»');
  });

  it('says "dettagli non disponibili" where the version before was not kept', async () => {
    const ds = await dataset();
    await patch({ id: ds.id, title: 'Senza la versione precedente' });
    const [latest, first] = (await getAction(cat, 'package_activity_list', { id: ds.id }, editor.token)).body.result;
    await inTransaction(cat.services.db, (m) => m.update(ActivityEntity, { id: first.id }, { data: null }));
    const text = heard(await history(ds.name));
    expect(text).toContain('Dettagli non disponibili.');
    expect(text).not.toContain('Titolo cambiato');
    expect(heard((await request(cat.app).get(`/dataset/changes/${latest.id}`).expect(200)).text)).toContain('Dettagli non disponibili.');
  });
});

describe('the recent changes of the site', () => {
  it('links each change of a dataset to its own page', async () => {
    const ds = await dataset({ title: 'Cambiato di recente' });
    await patch({ id: ds.id, notes: 'Nuova descrizione' });
    const html = (await request(cat.app).get('/activity').expect(200)).text;
    expect(html).toContain(`href="/dataset/changes/${await latestActivityId(ds.id)}"`);
  });
});

describe('the page of one change', () => {
  it('shows the description word by word and the whole metadata diff', async () => {
    const ds = await dataset({ notes: 'Misure giornaliere delle centraline di Prato.' });
    await patch({ id: ds.id, notes: 'Misure orarie delle centraline di Prato e Firenze.' });
    const id = await latestActivityId(ds.id);
    const html = (await request(cat.app).get(`/dataset/changes/${id}`).expect(200)).text;
    expect(html).toContain(`<h1>Modifiche al dataset «Qualità dell&#x27;aria»</h1>`);
    expect(heard(html)).toContain('Descrizione modificata');
    expect(html).toContain('<del><span class="visually-hidden">prima: </span>giornaliere</del>');
    expect(html).toContain('<ins><span class="visually-hidden">dopo: </span>orarie</ins>');
    expect(html).toContain('<span class="activity-diff-del">-  &quot;notes&quot;: &quot;Misure giornaliere delle centraline di Prato.&quot;,</span>');
    expect(html).toContain(`href="/dataset/activity/${ds.name}"`);
  });

  it('is not found for an unknown activity, and says there is nothing to compare for a creation', async () => {
    await request(cat.app).get('/dataset/changes/00000000-0000-0000-0000-000000000000').expect(404);
    await request(cat.app).get(`/dataset/changes/${'x'.repeat(37)}`).expect(404);
    const ds = await dataset();
    const created = (await request(cat.app).get(`/dataset/changes/${await latestActivityId(ds.id)}`).expect(200)).text;
    expect(heard(created)).toContain('Dettagli non disponibili.');
  });

  it("keeps a private dataset's changes from anonymous visitors", async () => {
    const ds = await dataset({ private: true, title: 'Riservato' });
    await patch({ id: ds.id, title: 'Riservato, rivisto' });
    const id = await latestActivityId(ds.id);
    const anonymous = await request(cat.app).get(`/dataset/changes/${id}`).expect(404);
    expect(anonymous.text).not.toContain('Riservato');
    await request(cat.app).get(`/dataset/activity/${ds.name}`).expect(404);
    const member = await makeUser(cat);
    await addMember(cat, org.name, member.name, 'member');
    const seen = await request(cat.app).get(`/dataset/changes/${id}`).set('Authorization', member.token).expect(200);
    expect(heard(seen.text)).toContain('Titolo cambiato da «prima: Riservato» a «dopo: Riservato, rivisto»');
  });
});
