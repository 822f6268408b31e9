import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, callAction, getAction, makeOrg, makeUser } from '../support/factories';

describe('the action API, end to end', () => {
  let cat: TestCatalogue;
  beforeAll(async () => {
    cat = await startCatalogue();
  });
  afterAll(async () => cat.close());

  it('lets an editor create a dataset that anonymous users then find', async () => {
    const org = await makeOrg(cat);
    const editor = await makeUser(cat);
    await addMember(cat, org.name, editor.name, 'editor');
    const created = await callAction(cat, 'package_create', { name: 'spese-2024', title: 'Spese 2024', notes: 'Le spese del comune, per capitolo', owner_org: org.name, tags: [{ name: 'bilancio' }] }, editor.token);
    expect(created.status).toBe(200);
    expect(created.body.result.license_id).toBe('CC-BY-4.0');
    const found = await getAction(cat, 'package_search', { q: 'spese', 'facet.field': '["tags"]' });
    expect(found.body.result.count).toBe(1);
    expect(found.body.result.search_facets.tags.items).toEqual([{ name: 'bilancio', display_name: 'bilancio', count: 1 }]);
  });
});
