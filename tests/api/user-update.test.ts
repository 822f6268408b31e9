// Users change their own profile; a new password needs the current one; nobody else's profile.
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, makeUser, TestUser } from '../support/factories';

let cat: TestCatalogue;
let mario: TestUser;
let anna: TestUser;

beforeAll(async () => {
  cat = await startCatalogue();
  mario = await makeUser(cat);
  anna = await makeUser(cat);
});
afterAll(async () => cat.close());

async function logsIn(user: TestUser, password: string): Promise<boolean> {
  const agent = request.agent(cat.app);
  const form = await agent.get('/user/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const res = await agent.post('/user/login').type('form').send({ _csrf: csrf, username: user.name, password });
  return res.status === 303;
}

describe('user_patch on oneself', () => {
  it('changes the profile, keeping what is not sent', async () => {
    const res = await callAction(cat, 'user_patch', { id: mario.name, fullname: 'Mario Rossi' }, mario.token);
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ fullname: 'Mario Rossi', email: `${mario.name}@example.it` });
  });

  it('refuses a new password without the current one, and with a wrong one', async () => {
    for (const body of [{ password: 'nuova-password-123' }, { password: 'nuova-password-123', old_password: 'sbagliata' }]) {
      const res = await callAction(cat, 'user_patch', { id: mario.name, ...body }, mario.token);
      expect(res.status).toBe(409);
      expect(res.body.error.old_password[0]).toMatch(/password/);
    }
    expect(await logsIn(mario, mario.password)).toBe(true);
  });

  it('changes the password given the current one: the old one stops working', async () => {
    const res = await callAction(cat, 'user_patch', { id: mario.name, password: 'nuova-password-123', old_password: mario.password }, mario.token);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('nuova-password-123');
    expect(await logsIn(mario, 'nuova-password-123')).toBe(true);
    expect(await logsIn(mario, mario.password)).toBe(false);
  });

  it("refuses to touch someone else's profile", async () => {
    const res = await callAction(cat, 'user_patch', { id: anna.name, fullname: 'Impostore' }, mario.token);
    expect(res.status).toBe(403);
    expect((await callAction(cat, 'user_show', { id: anna.name }, anna.token)).body.result.fullname).toBe('');
  });
});
