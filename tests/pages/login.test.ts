// Login, logout, CSRF and the login rate limit.
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { makeUser, TestUser } from '../support/factories';
import { csrfFor, csrfTokenIn, loggedInAgent } from './helpers';

let cat: TestCatalogue;
let user: TestUser;

beforeAll(async () => {
  cat = await startCatalogue();
  user = await makeUser(cat);
});

afterAll(async () => cat.close());

async function loginAttempt(agent: ReturnType<typeof request.agent>, username: string, password: string) {
  const form = await agent.get('/user/login').expect(200);
  return agent.post('/user/login').type('form').send({ username, password, _csrf: csrfTokenIn(form.text) });
}

describe('login', () => {
  it('shows the form with labelled inputs and a CSRF token', async () => {
    const res = await request(cat.app).get('/user/login').expect(200);
    expect(res.text).toContain('<label for="field-username"');
    expect(res.text).toContain('<label for="field-password"');
    expect(csrfTokenIn(res.text)).toBeTruthy();
  });

  it('refuses a wrong password with an Italian message next to the field', async () => {
    const agent = request.agent(cat.app);
    const res = await loginAttempt(agent, user.name, 'sbagliata');
    expect(res.status).toBe(401);
    expect(res.text).toContain('Nome utente o password non corretti.');
    expect(res.text).toContain('aria-describedby="field-username-error"');
    expect(res.text).not.toContain('Connesso come');
  });

  it('logs in with the right password and shows who is logged in', async () => {
    const agent = request.agent(cat.app);
    const res = await loginAttempt(agent, user.name, user.password);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/user/${user.name}`);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain(`Connesso come ${user.name}`);
  });

  it('goes back to came_from after login, but never to another site', async () => {
    const agent = request.agent(cat.app);
    const form = await agent.get('/user/login?came_from=/dataset').expect(200);
    const ok = await agent.post('/user/login').type('form')
      .send({ username: user.name, password: user.password, came_from: '/dataset', _csrf: csrfTokenIn(form.text) });
    expect(ok.headers.location).toBe('/dataset');
    const other = request.agent(cat.app);
    const form2 = await other.get('/user/login').expect(200);
    const evil = await other.post('/user/login').type('form')
      .send({ username: user.name, password: user.password, came_from: '//evil.example/x', _csrf: csrfTokenIn(form2.text) });
    expect(evil.headers.location).toBe(`/user/${user.name}`);
  });

  it('refuses a POST without a CSRF token (403)', async () => {
    const agent = request.agent(cat.app);
    await agent.get('/user/login').expect(200);
    const res = await agent.post('/user/login').type('form').send({ username: user.name, password: user.password });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Accesso negato');
  });

  it('refuses a POST with a token from another session', async () => {
    const stolen = csrfTokenIn((await request(cat.app).get('/user/login')).text);
    const res = await request(cat.app).post('/user/login').type('form').send({ username: user.name, password: user.password, _csrf: stolen });
    expect(res.status).toBe(403);
  });

  it('answers 429 with the form after 10 failed attempts for the same username', async () => {
    const target = await makeUser(cat);
    const agent = request.agent(cat.app);
    for (let i = 0; i < 10; i += 1) expect((await loginAttempt(agent, target.name, `no-${i}`)).status).toBe(401);
    const blocked = await loginAttempt(agent, target.name, target.password);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Troppi tentativi di accesso');
    expect(blocked.text).toContain('name="password"');
    // Another username from the same address is not blocked.
    expect((await loginAttempt(agent, user.name, user.password)).status).toBe(303);
  });
});

describe('logout', () => {
  it('asks for confirmation on GET and logs out on POST', async () => {
    const agent = await loggedInAgent(cat, user);
    const token = await csrfFor(agent, '/user/logout');
    await agent.post('/user/logout').type('form').send({ _csrf: token }).expect(303);
    const home = await agent.get('/').expect(200);
    expect(home.text).not.toContain('Connesso come');
  });

  it('does not log out on a POST without a token', async () => {
    const agent = await loggedInAgent(cat, user);
    await agent.post('/user/logout').type('form').send({}).expect(403);
    expect((await agent.get('/').expect(200)).text).toContain('Connesso come');
  });
});

describe('user page', () => {
  it('shows a user, and 404 for an unknown one', async () => {
    const res = await request(cat.app).get(`/user/${user.name}`).expect(200);
    expect(res.text).toContain(user.name);
    await request(cat.app).get('/user/nessuno-cosi').expect(404);
  });
});
