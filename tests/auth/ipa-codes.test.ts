// An organization's IPA code names one administration: no two organizations share one, and only a
// sysadmin sets or changes it, so an organization admin cannot publish in another administration's
// namespace or make their organization the catalogue's publisher.
import { GroupEntity } from '../../server/catalogue/entities';
import { inTransaction } from '../../server/db/transaction';
import { TestCatalogue } from '../support/harness';
import { addMember, callAction, makeOrg, makeUser, TestUser, unique } from '../support/factories';
import { authCatalogue } from './support';

let cat: TestCatalogue;
let sysadmin: TestUser;
let admin: TestUser;
let prato: { id: string; name: string };

beforeAll(async () => {
  cat = await authCatalogue();
  sysadmin = await makeUser(cat, { sysadmin: true });
  admin = await makeUser(cat);
  prato = await makeOrg(cat, { title: 'Comune di Prato', identifier: 'c_g999' });
  await makeOrg(cat, { title: 'Comune di Firenze', identifier: 'c_d612' });
  await addMember(cat, prato.name, admin.name, 'admin');
});

afterAll(async () => cat.close());

const codeOf = async (org: { id: string }) => (await cat.services.db.getRepository(GroupEntity).findOneByOrFail({ id: org.id })).identifier;

function expectFieldError(res: { status: number; body: any }, pattern: RegExp): void {
  expect(res.status).toBe(409);
  expect(res.body.error.__type).toBe('Validation Error');
  expect(res.body.error.identifier[0]).toMatch(pattern);
}

describe('an organization admin', () => {
  it("cannot give their organization another administration's code, nor the catalogue publisher's", async () => {
    for (const code of ['c_d612', 'r_toscan']) {
      expectFieldError(await callAction(cat, 'organization_patch', { id: prato.id, identifier: code }, admin.token), /Solo un amministratore di sistema/);
      expectFieldError(await callAction(cat, 'organization_update', { id: prato.id, title: 'Comune di Prato', identifier: code }, admin.token), /Solo un amministratore di sistema/);
    }
    expect(await codeOf(prato)).toBe('c_g999');
  });

  it('cannot set a code on an organization that has none, nor clear one', async () => {
    const blank = await makeOrg(cat, { identifier: '' });
    await addMember(cat, blank.name, admin.name, 'admin');
    expectFieldError(await callAction(cat, 'organization_patch', { id: blank.id, identifier: 'r_toscan' }, admin.token), /Solo un amministratore di sistema/);
    expectFieldError(await callAction(cat, 'organization_patch', { id: prato.id, identifier: '' }, admin.token), /Solo un amministratore di sistema/);
    expect(await codeOf(blank)).toBe('');
  });

  it('still changes everything else; the code is kept when not sent, and may be sent back unchanged', async () => {
    const update = await callAction(cat, 'organization_update', { id: prato.id, title: 'Comune di Prato (PO)' }, admin.token);
    expect(update.status).toBe(200);
    expect(update.body.result).toMatchObject({ title: 'Comune di Prato (PO)', identifier: 'c_g999' });
    const echo = await callAction(cat, 'organization_patch', { id: prato.id, identifier: 'c_g999', description: 'Dati del comune' }, admin.token);
    expect(echo.status).toBe(200);
    expect(await codeOf(prato)).toBe('c_g999');
  });
});

describe('a sysadmin', () => {
  it('sets and changes codes', async () => {
    const org = await makeOrg(cat, { identifier: '' });
    expect((await callAction(cat, 'organization_patch', { id: org.id, identifier: 'c_g713' }, sysadmin.token)).status).toBe(200);
    expect((await callAction(cat, 'organization_patch', { id: org.id, identifier: 'c_e715' }, sysadmin.token)).status).toBe(200);
    expect(await codeOf(org)).toBe('c_e715');
  });

  it("cannot give an organization a code another one has, when creating or changing it", async () => {
    expectFieldError(await callAction(cat, 'organization_create', { name: unique('ente'), identifier: 'c_d612' }, sysadmin.token), /c_d612 è già di «Comune di Firenze»/);
    expectFieldError(await callAction(cat, 'organization_patch', { id: prato.id, identifier: 'c_d612' }, sysadmin.token), /c_d612 è già di «Comune di Firenze»/);
    expect(await codeOf(prato)).toBe('c_g999');
  });

  it('may leave several organizations without a code', async () => {
    const [a, b] = [await makeOrg(cat, { identifier: '' }), await makeOrg(cat, { identifier: '' })];
    expect([await codeOf(a), await codeOf(b)]).toEqual(['', '']);
  });
});

describe('the database', () => {
  it('refuses a second organization with a code, whatever the actions check', async () => {
    const twin = Object.assign(new GroupEntity(), {
      id: `twin-${Date.now()}`, name: unique('gemello'), title: 'Gemello', isOrganization: true, identifier: 'c_d612', created: '2025-01-01T00:00:00.000000',
    });
    await expect(inTransaction(cat.services.db, (m) => m.getRepository(GroupEntity).insert(twin))).rejects.toThrow(/unique|duplicate/i);
  });

  it('turns two creations racing for one code into one organization and one field error', async () => {
    const race = await Promise.all([0, 1].map(() => callAction(cat, 'organization_create', { name: unique('ente'), identifier: 'c_race1' }, sysadmin.token)));
    expect(race.map((res) => res.status).sort()).toEqual([200, 409]);
    expect(race.find((res) => res.status === 409)!.body.error.identifier).toHaveLength(1);
  });
});
