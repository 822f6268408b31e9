// A sysadmin may choose the id of a new dataset, organization or group, as in CKAN (ckanapi load
// copies catalogues that way); anyone else's id is ignored; a taken or odd id is a field error.
import { randomUUID } from 'node:crypto';
import { addMember, callAction, makeOrg, makeUser, TestUser, unique } from '../support/factories';
import { startCatalogue, TestCatalogue } from '../support/harness';

let cat: TestCatalogue;
let admin: TestUser;
let editor: TestUser;
let org: { id: string; name: string };

beforeAll(async () => {
  cat = await startCatalogue();
  admin = await makeUser(cat, { sysadmin: true });
  editor = await makeUser(cat);
  org = await makeOrg(cat);
  await addMember(cat, org.name, editor.name, 'editor');
});
afterAll(async () => cat.close());

const dataset = (id: string) => ({ id, name: unique('scelto'), owner_org: org.name, notes: 'Descrizione' });

describe('a chosen id', () => {
  it('is kept for a sysadmin, for datasets, organizations and groups', async () => {
    for (const [action, input] of [
      ['package_create', dataset(randomUUID())],
      ['organization_create', { id: randomUUID(), name: unique('ente') }],
      ['group_create', { id: 'tema_2024-x', name: unique('tema') }],
    ] as const) {
      const res = await callAction(cat, action, input, admin.token);
      expect({ action, status: res.status, id: res.body.result?.id }).toEqual({ action, status: 200, id: input.id });
    }
  });

  it("of a resource is kept for a sysadmin when it is a UUID no resource has; a taken one gives a new id", async () => {
    const wanted = randomUUID();
    const first = await callAction(cat, 'package_create', { ...dataset(randomUUID()), resources: [{ id: wanted, url: 'https://example.org/a.csv' }] }, admin.token);
    expect(first.body.result.resources[0].id).toBe(wanted);
    const second = await callAction(cat, 'package_create', { ...dataset(randomUUID()), resources: [{ id: wanted, url: 'https://example.org/b.csv' }] }, admin.token);
    expect(second.status).toBe(200);
    expect(second.body.result.resources[0].id).not.toBe(wanted);
    const byEditor = await callAction(cat, 'package_create', { ...dataset(''), resources: [{ id: randomUUID(), url: 'https://example.org/c.csv' }] }, editor.token);
    expect(byEditor.status).toBe(200);
  });

  it('is ignored for anyone else, as CKAN ignores it', async () => {
    const wanted = randomUUID();
    const res = await callAction(cat, 'package_create', dataset(wanted), editor.token);
    expect(res.status).toBe(200);
    expect(res.body.result.id).not.toBe(wanted);
  });

  it('is refused when taken or odd, naming the field', async () => {
    const taken = (await callAction(cat, 'package_create', dataset(randomUUID()), admin.token)).body.result.id;
    for (const id of [taken, '../etc', 'con spazi']) {
      const res = await callAction(cat, 'package_create', dataset(id), admin.token);
      expect({ id, status: res.status, fields: Object.keys(res.body.error ?? {}) }).toEqual({ id, status: 409, fields: ['__type', 'id'] });
    }
  });
});
