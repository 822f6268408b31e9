// CATALOGO_PASSWORD_COST sets scrypt's N for new hashes; a hash made under another cost keeps working.
import { UserEntity } from '../../server/auth/entities';
import { hashPassword, verifyPassword } from '../../server/auth/passwords';
import { ConfigError, loadConfig } from '../../server/config';
import { inTransaction } from '../../server/db/transaction';
import { TestCatalogue } from '../support/harness';
import { makeUser } from '../support/factories';
import { authCatalogue, loginAttempt } from './support';

describe('CATALOGO_PASSWORD_COST', () => {
  it('is 17 by default and accepts whole numbers from 10 to 20', () => {
    expect(loadConfig({}).passwordCost).toBe(17);
    expect(loadConfig({ CATALOGO_PASSWORD_COST: '10' }).passwordCost).toBe(10);
    expect(loadConfig({ CATALOGO_PASSWORD_COST: '20' }).passwordCost).toBe(20);
    for (const bad of ['9', '21', '12.5', 'alto']) {
      expect(() => loadConfig({ CATALOGO_PASSWORD_COST: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ CATALOGO_PASSWORD_COST: bad })).toThrow(/CATALOGO_PASSWORD_COST/);
    }
  });

  it('verifies hashes made under any cost, and only with the right password', async () => {
    for (const cost of [10, 12]) {
      const hash = await hashPassword('una-password-lunga', cost);
      expect(hash.split('$')[1]).toBe(String(2 ** cost));
      expect(await verifyPassword('una-password-lunga', hash)).toBe(true);
      expect(await verifyPassword('un-altra-password', hash)).toBe(false);
    }
  });

  it('refuses a stored hash asking for more work than the largest cost, without computing it', async () => {
    const hash = await hashPassword('una-password-lunga', 10);
    expect(await verifyPassword('una-password-lunga', hash.replace('$1024$', `$${2 ** 24}$`))).toBe(false);
  });
});

describe('hashing in a catalogue', () => {
  let cat: TestCatalogue;
  beforeAll(async () => {
    cat = await authCatalogue({ CATALOGO_PASSWORD_COST: '11' });
  });
  afterAll(async () => cat.close());

  it('stores new passwords with the configured cost', async () => {
    const user = await makeUser(cat);
    const row = await cat.services.db.getRepository(UserEntity).findOneByOrFail({ name: user.name });
    expect(row.passwordHash).toMatch(/^scrypt\$2048\$8\$1\$/);
  });

  it('logs in a user whose password was hashed under another cost', async () => {
    const user = await makeUser(cat);
    const older = await hashPassword(user.password, 12);
    await inTransaction(cat.services.db, (m) => m.getRepository(UserEntity).update({ name: user.name }, { passwordHash: older }));
    expect((await loginAttempt(cat.app, user.name, user.password)).status).toBe(303);
  });
});
