// Bad input is answered in the envelope with Italian messages, never with a 500, and changes nothing.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction } from '../support/factories';
import { buildWorld, seedDataset, World } from './world';

let cat: TestCatalogue;
let world: World;
let existing: any;
let group: string;
beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
  group = 'salute'; // the group of the EU theme HEAL, which every catalogue has (server/catalogue/themes.ts)
  existing = await seedDataset(cat, world.orgA.name, { name: 'esistente', title: 'Prima', tags: [{ name: 'bilancio' }], groups: [{ name: group }] });
});
afterAll(async () => cat.close());

// An Italian message: at least one common Italian word, and no ajv English leaking through.
const ITALIAN = /(^|\s)(non|deve|campo|valore|tipo|atteso|usa|caratteri|contiene|scegli|questo|inesistente|sconosciut[oa]|licenza|gruppo|organizzazione|è)(\s|:|$)/i;
const ENGLISH = /\b(must|should|property|additional|required)\b/i;

const BAD: [string, Record<string, unknown>, string][] = [
  // Unknown fields are kept as extras (tests/catalogue/liberal-input.test.ts); an extra must still name its key.
  ['an extra without a key', { extras: [{ value: 'v' }] }, 'extras.0.key'],
  ['tags that are not a list', { tags: 'x' }, 'tags'],
  ['private that is not a boolean', { private: 'maybe' }, 'private'],
  ['a name with uppercase letters', { name: 'Bilancio' }, 'name'],
  ['a name with spaces', { name: 'bilancio 2024' }, 'name'],
  ['a one-character name', { name: 'b' }, 'name'],
  ['a 101-character name', { name: 'a'.repeat(101) }, 'name'],
  ['a reserved name', { name: 'new' }, 'name'],
  ['an unknown organization', { owner_org: 'ente-che-non-esiste' }, 'owner_org'],
  // Any licence is kept, as CKAN keeps it; a text too long to store is still refused.
  ['a url longer than 1000 characters', { url: `https://a.it/${'x'.repeat(1000)}` }, 'url'],
  ['an unknown group', { groups: [{ name: 'gruppo-fantasma' }] }, 'groups'],
  ['a tag with forbidden characters', { tags: [{ name: '<script>' }] }, 'tags.0.name'],
  ['a malformed email', { maintainer_email: 'non-una-email' }, 'maintainer_email'],
  // A resource's url is free text, as in CKAN (kept, not published in the feeds); a bad download_url is refused.
  ['a resource with a non-http download_url', { resources: [{ url: 'https://example.org/a.csv', download_url: 'javascript:alert(1)' }] }, 'resources.0.download_url'],
];

describe('package_create with bad input', () => {
  it.each(BAD)('rejects %s with 409 naming the field, in Italian', async (_label, fields, field) => {
    const res = await callAction(cat, 'package_create', { name: 'nuovo-dataset', notes: 'Descrizione', owner_org: world.orgA.name, ...fields }, world.users.editor.token);
    expect(res.status).toBe(409);
    expect(res.body.success).toBe(false);
    expect(res.body.error.__type).toBe('Validation Error');
    expect(Object.keys(res.body.error)).toContain(field);
    for (const message of res.body.error[field]) {
      expect(message).toMatch(ITALIAN);
      expect(message).not.toMatch(ENGLISH);
    }
    expect((await getAction(cat, 'package_list')).body.result).toEqual(['esistente']);
  });

  it('rejects a duplicate name with 409', async () => {
    const res = await callAction(cat, 'package_create', { name: 'esistente', notes: 'Descrizione', owner_org: world.orgA.name }, world.users.editor.token);
    expect(res.status).toBe(409);
    expect(res.body.error.name).toEqual(['Questo nome (URL) è già usato da un altro dataset: scegline un altro, per esempio «esistente-2»']);
  });

  it('reports several wrong fields at once', async () => {
    const res = await callAction(cat, 'package_create', { name: 'X', notes: 'Descrizione', private: 'maybe', tags: 'x', owner_org: world.orgA.name }, world.users.editor.token);
    expect(res.status).toBe(409);
    expect(Object.keys(res.body.error).sort()).toEqual(['__type', 'name', 'private', 'tags']);
  });
});

describe('package_update with bad input', () => {
  it.each(BAD.filter(([, f]) => !('name' in f)))('rejects %s and leaves the dataset as it was', async (_label, fields) => {
    const before = (await getAction(cat, 'package_show', { id: existing.id })).body.result;
    const res = await callAction(cat, 'package_update', { id: existing.id, title: 'Dopo', notes: 'Descrizione dopo', ...fields }, world.users.editor.token);
    expect(res.status).toBe(409);
    expect((await getAction(cat, 'package_show', { id: existing.id })).body.result).toEqual(before);
  });

  it("rejects renaming to another dataset's name and leaves both unchanged", async () => {
    const other = await seedDataset(cat, world.orgA.name);
    const res = await callAction(cat, 'package_patch', { id: other.id, name: 'esistente' }, world.users.editor.token);
    expect(res.status).toBe(409);
    expect((await getAction(cat, 'package_show', { id: other.id })).body.result.name).toBe(other.name);
    expect((await getAction(cat, 'package_show', { id: 'esistente' })).body.result.id).toBe(existing.id);
  });
});

describe('other actions with bad input', () => {
  it.each([
    ['organization_create', { name: 'Ente Maiuscolo' }, 'name'],
    ['organization_create', { name: 'ente-nuovo', identifier: 'con spazi' }, 'identifier'],
    ['group_create', { name: 'salute' }, 'name'],
    ['user_create', { name: 'x', email: 'a@b.it' }, 'name'],
    ['user_create', { name: 'persona', email: 'a@b.it', password: 'corta' }, 'password'],
    ['organization_member_create', { id: 'x', username: 'y', role: 'padrone' }, 'role'],
  ] as [string, Record<string, unknown>, string][])('%s rejects %j on %s', async (action, input, field) => {
    const res = await callAction(cat, action, input, world.users.sysadmin.token);
    expect(res.status).toBe(409);
    expect(res.body.error[field][0]).toMatch(ITALIAN);
  });

  it('answers wrong types in package_search parameters with 409, not 500', async () => {
    const queries: Record<string, string>[] = [{ rows: 'tante' }, { start: '-1' }, { sort: 'colore asc' }, { 'facet.field': '["colore"]' }, { fq: 'colore:rosso' }];
    for (const query of queries) {
      const res = await getAction(cat, 'package_search', query);
      expect({ query, status: res.status }).toEqual({ query, status: 409 });
    }
  });
});
