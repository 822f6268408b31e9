// One email, one user, whatever its case: user_create, user_update, user_patch and the CLI refuse an
// email another user has with a 409 on `email`, and a unique index backs them.
import { UserEntity } from '../../server/auth/entities';
import { inTransaction } from '../../server/db/transaction';
import { TestCatalogue } from '../support/harness';
import { callAction, makeUser, TestUser, unique } from '../support/factories';
import { cli, envOf } from '../cli/support';
import { authCatalogue } from './support';

let cat: TestCatalogue;
let sysadmin: TestUser;
let mario: TestUser;

beforeAll(async () => {
  cat = await authCatalogue();
  sysadmin = await makeUser(cat, { sysadmin: true });
  mario = await makeUser(cat); // NAME@example.it, as makeUser gives every user
});

afterAll(async () => cat.close());

const TAKEN = ['Questo indirizzo email è già usato da un altro utente'];
const marioEmail = () => `${mario.name}@example.it`;
const shouted = () => marioEmail().toUpperCase();

describe('a new user', () => {
  it("cannot have another user's email, in any case", async () => {
    for (const email of [marioEmail(), shouted()]) {
      const res = await callAction(cat, 'user_create', { name: unique('utente'), email }, sysadmin.token);
      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({ __type: 'Validation Error', email: TAKEN });
    }
  });

  it('cannot get one from the CLI either', async () => {
    const run = await cli(envOf(cat), 'user', unique('utente'), '--email', shouted());
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`email: ${TAKEN[0]}`);
  });

  it('gets one of two racing creations: the other gets the field error', async () => {
    const email = `${unique('gara')}@example.it`;
    const race = await Promise.all([email, email.toUpperCase()].map((e) => callAction(cat, 'user_create', { name: unique('utente'), email: e }, sysadmin.token)));
    expect(race.map((res) => res.status).sort()).toEqual([200, 409]);
    expect(race.find((res) => res.status === 409)!.body.error.email).toEqual(TAKEN);
  });
});

describe('changing an email', () => {
  it("refuses another user's, from the user or a sysadmin, with user_update and user_patch", async () => {
    const anna = await makeUser(cat);
    for (const [action, token] of [['user_patch', anna.token], ['user_update', anna.token], ['user_patch', sysadmin.token]] as const) {
      const res = await callAction(cat, action, { id: anna.name, email: shouted() }, token);
      expect(res.status).toBe(409);
      expect(res.body.error.email).toEqual(TAKEN);
    }
  });

  it("accepts one's own email again, in another case, and a new one", async () => {
    const luca = await makeUser(cat);
    const own = `${luca.name}@example.it`;
    expect((await callAction(cat, 'user_patch', { id: luca.name, email: own.toUpperCase() }, luca.token)).status).toBe(200);
    expect((await callAction(cat, 'user_update', { id: luca.name, email: own, fullname: 'Luca' }, luca.token)).status).toBe(200);
    const fresh = `${unique('nuovo')}@example.it`;
    expect((await callAction(cat, 'user_patch', { id: luca.name, email: fresh }, luca.token)).body.result.email).toBe(fresh);
    // The old one is free again.
    expect((await callAction(cat, 'user_create', { name: unique('utente'), email: own }, sysadmin.token)).status).toBe(200);
  });
});

describe('the database', () => {
  it('refuses a second user with an email, whatever the actions check', async () => {
    const twin = Object.assign(new UserEntity(), {
      id: `twin-${Date.now()}`, name: unique('gemello'), email: marioEmail(), emailKey: marioEmail(), created: '2025-01-01T00:00:00.000000',
    });
    await expect(inTransaction(cat.services.db, (m) => m.getRepository(UserEntity).insert(twin))).rejects.toThrow(/unique|duplicate/i);
  });
});
