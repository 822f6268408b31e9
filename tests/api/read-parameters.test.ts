// Reads ignore parameters they do not know, as CKAN's do (ckanapi sends include_users, include_datasets
// and include_password_hash to every *_show); writes still name an unknown field (tests/api/bad-input).
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction, makeDataset, makeOrg, makeUser } from '../support/factories';

let cat: TestCatalogue;
beforeAll(async () => {
  cat = await startCatalogue();
});
afterAll(async () => cat.close());

describe('parameters a read does not know', () => {
  it('are ignored by package_show, organization_show and package_list', async () => {
    const org = await makeOrg(cat);
    const dataset = await makeDataset(cat, org.name);
    const extra = { include_password_hash: 'true', zucchero: '1' };
    const show = await getAction(cat, 'package_show', { id: dataset.name, include_datasets: 'true', ...extra });
    expect([show.status, show.body.result?.id]).toEqual([200, dataset.id]);
    const orgShow = await getAction(cat, 'organization_show', { id: org.name, ...extra });
    expect([orgShow.status, orgShow.body.result?.name]).toEqual([200, org.name]);
    expect((await getAction(cat, 'package_list', extra)).status).toBe(200);
  });

  it('are still checked when known: a bad value of a known one is a field error', async () => {
    const res = await getAction(cat, 'package_list', { limit: 'molti', zucchero: '1' });
    expect(res.status).toBe(409);
    expect(Object.keys(res.body.error)).toEqual(['__type', 'limit']);
  });

  it('are refused by writes, which name them', async () => {
    const admin = await makeUser(cat, { sysadmin: true });
    const res = await callAction(cat, 'organization_create', { name: 'ente-con-zucchero', zucchero: 1 }, admin.token);
    expect(res.status).toBe(409);
  });
});
