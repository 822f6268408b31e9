// A restart (close the database, open it again on the same data) loses nothing.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, callAction, getAction, makeOrg, makeUser, TestUser } from '../support/factories';
import { download, uploadTo } from '../api/world';

const bytes = fs.readFileSync(path.resolve(__dirname, '../../datasets/files/dpc-covid19-ita-metriche-dashboard-desktop.csv'));

describe('after a restart', () => {
  let cat: TestCatalogue;
  let editor: TestUser;
  let org: { id: string; name: string };
  let before: { pkg: any; resource: any; orgShow: any; user: any };
  beforeAll(async () => {
    cat = await startCatalogue();
    org = await makeOrg(cat, { title: 'Comune di Lucca' });
    editor = await makeUser(cat);
    await addMember(cat, org.name, editor.name, 'editor');
    const pkg = (await callAction(cat, 'package_create', { name: 'parcheggi', title: 'Parcheggi', owner_org: org.name, private: true, tags: [{ name: 'mobilità' }] }, editor.token)).body.result;
    const resource = (await uploadTo(cat, 'resource_create', { package_id: pkg.id, name: 'Metriche' }, { content: bytes, filename: 'metriche.csv' }, editor.token)).body.result;
    before = {
      pkg: (await getAction(cat, 'package_show', { id: pkg.id }, editor.token)).body.result,
      resource, orgShow: (await getAction(cat, 'organization_show', { id: org.name })).body.result,
      user: (await getAction(cat, 'user_show', { id: editor.name }, editor.token)).body.result,
    };
    await cat.restart();
  });
  afterAll(async () => cat.close());

  it('still has the organization, the user and the dataset, unchanged', async () => {
    expect((await getAction(cat, 'organization_show', { id: org.name })).body.result).toEqual(before.orgShow);
    expect((await getAction(cat, 'user_show', { id: editor.name }, editor.token)).body.result).toEqual(before.user);
    expect((await getAction(cat, 'package_show', { id: 'parcheggi' }, editor.token)).body.result).toEqual(before.pkg);
  });

  it('still accepts the API token, with the same rights', async () => {
    const res = await callAction(cat, 'package_patch', { id: 'parcheggi', title: 'Parcheggi di scambio' }, editor.token);
    expect(res.status).toBe(200);
    expect(res.body.result.title).toBe('Parcheggi di scambio');
    expect((await getAction(cat, 'package_show', { id: 'parcheggi' })).status).toBe(404); // still private
  });

  it('serves the uploaded file byte for byte', async () => {
    const res = await download(cat, before.resource.url, editor.token);
    expect(res.status).toBe(200);
    expect(res.body.equals(bytes)).toBe(true);
    expect(createHash('sha256').update(res.body).digest('hex')).toBe(before.resource.hash);
  });

  it('keeps the activity stream', async () => {
    const types = (await getAction(cat, 'package_activity_list', { id: 'parcheggi' }, editor.token)).body.result.map((a: any) => a.activity_type);
    expect(types).toEqual(['changed package', 'changed package', 'new package']);
  });
});
