// package_create in few statements: the organization is read once per step that needs it, the new
// rows are inserted without reading them back first, and the dict it answers is built from what it
// wrote. Counted on both databases, transaction statements included.
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { ActionContext } from '../../server/core/context';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, makeOrg, makeUser, sysadminContext, unique } from '../support/factories';
import { statementsOf } from './queries';

let cat: TestCatalogue;
let editor: ActionContext;
let org: { id: string; name: string };
let group: { id: string; name: string };

beforeAll(async () => {
  cat = await startCatalogue();
  org = await makeOrg(cat);
  group = await runAction('group_create', await sysadminContext(cat), { name: unique('tema'), title: 'Tema' });
  const user = await makeUser(cat);
  await addMember(cat, org.name, user.name, 'editor');
  editor = { services: cat.services, user: user.actor };
});
afterAll(async () => cat?.close());

function input() {
  return {
    name: unique('bilancio'), title: 'Bilancio', notes: 'Entrate e spese', owner_org: org.name,
    tags: [{ name: 'bilancio' }, { name: 'spese' }], groups: [{ name: group.name }],
    resources: [{ name: 'CSV', url: 'https://example.org/b.csv' }, { name: 'JSON', url: 'https://example.org/b.json' }],
  };
}

describe('package_create', () => {
  it('runs few statements for a dataset with tags, a group and two resources (34 before)', async () => {
    const { result, statements } = await statementsOf(cat.services.db, () => runAction('package_create', editor, input()));
    expect(result).toMatchObject({ num_resources: 2, num_tags: 2, groups: [{ name: group.name }], organization: { name: org.name } });
    // Reading the organization (the rule, then the action), the member row, the transaction, one query
    // for the name and identifier, one for the groups, an INSERT per table row set, the activity.
    // The search index adds up to 11: it loads the dataset again (5) and writes its rows (6).
    const indexing = statements.filter((s) => /search_(doc|fts|word)/.test(s));
    expect(indexing.length).toBeLessThanOrEqual(6);
    expect(statements.length).toBeLessThanOrEqual(14 + 11);
    // The writes are counted too: package, tags, group, two resources, the search cache's revision
    // (search/search-cache.ts: every instance's kept searches are stale from now on), activity.
    expect(statements.filter((s) => /^INSERT INTO "/.test(s))).toHaveLength(7);
    expect(statements.filter((s) => /FROM "group"/.test(s) && !/package_group/.test(s)).length).toBeLessThanOrEqual(3 + 1); // + the index's reload
  });

  it('answers what package_show then shows, although it builds the answer from what it wrote', async () => {
    const created = await runAction('package_create', editor, { ...input(), tags: [{ name: 'Zeta' }, { name: 'alfa' }, { name: 'Àncora' }] });
    expect(created).toEqual(await runAction('package_show', editor, { id: created.id }));
    const updated = await runAction('package_patch', editor, { id: created.id, title: 'Nuovo titolo', resources: [{ url: 'https://example.org/c.csv' }] });
    expect(updated).toEqual(await runAction('package_show', editor, { id: created.id }));
  });

  it('keeps a dataset without a list of resources published, and one with an empty list unpublished', async () => {
    const created = await runAction('package_create', editor, input());
    await runAction('package_patch', editor, { id: created.id, title: 'Solo il titolo' });
    const feed = async () => (await request(cat.app).get(`/dataset/${created.name}.ttl`)).status;
    expect(await feed()).toBe(200);
    await runAction('package_patch', editor, { id: created.id, resources: [] });
    expect(await feed()).toBe(404);
  });
});
