// The user page (organizations for the user and sysadmins) and the API tokens page: list, create
// (the token shown once), revoke; only for the user themselves, always with CSRF.
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, getAction, makeOrg, makeUser, TestUser } from '../support/factories';
import { csrfFor, csrfTokenIn, loggedInAgent } from './helpers';

let cat: TestCatalogue;
let anna: TestUser;
let annaAgent: ReturnType<typeof request.agent>;

beforeAll(async () => {
  cat = await startCatalogue();
  anna = await makeUser(cat);
  await addMember(cat, (await makeOrg(cat, { title: 'Comune di Massa' })).name, anna.name, 'editor');
  annaAgent = await loggedInAgent(cat, anna);
});

afterAll(async () => cat.close());

function tokenIn(html: string): string {
  return /id="new-token"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? '';
}

describe('user page', () => {
  it('lists the user\'s organizations, with the role, and links to the tokens page for the user', async () => {
    const res = await annaAgent.get(`/user/${anna.name}`).expect(200);
    expect(res.text).toContain('Comune di Massa');
    expect(res.text).toContain('(redattore)');
    expect(res.text).toContain(`href="/user/${anna.name}/api-tokens"`);
  });

  it('shows the organizations to a sysadmin but no tokens link', async () => {
    const admin = await loggedInAgent(cat, await makeUser(cat, { sysadmin: true }));
    const res = await admin.get(`/user/${anna.name}`).expect(200);
    expect(res.text).toContain('Comune di Massa');
    expect(res.text).not.toContain('/api-tokens');
  });

  it('hides organizations and the tokens link from anonymous visitors and other users', async () => {
    const anonymous = await request(cat.app).get(`/user/${anna.name}`).expect(200);
    const other = await (await loggedInAgent(cat, await makeUser(cat))).get(`/user/${anna.name}`).expect(200);
    for (const res of [anonymous, other]) {
      expect(res.text).not.toContain('Comune di Massa');
      expect(res.text).not.toContain('/api-tokens');
    }
  });
});

describe('API tokens page', () => {
  it('creates a token, shows it once with the warning, and the token works on the API', async () => {
    const token = await csrfFor(annaAgent, `/user/${anna.name}/api-tokens`);
    const res = await annaAgent.post(`/user/${anna.name}/api-tokens`).type('form').send({ _csrf: token, name: 'script notturno' }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('Copia ora questo token');
    const secret = tokenIn(res.text);
    expect(secret.length).toBeGreaterThan(20);
    const api = await getAction(cat, 'api_token_list', { user_id: anna.name }, secret).expect(200);
    expect(api.body.result.map((t: { name: string }) => t.name)).toContain('script notturno');
    const again = await annaAgent.get(`/user/${anna.name}/api-tokens`).expect(200);
    expect(again.text).toContain('script notturno');
    expect(again.text).not.toContain(secret);
    expect(again.text).not.toContain('Copia ora questo token');
  });

  it('asks for a name when it is empty', async () => {
    const token = await csrfFor(annaAgent, `/user/${anna.name}/api-tokens`);
    const res = await annaAgent.post(`/user/${anna.name}/api-tokens`).type('form').send({ _csrf: token, name: '  ' }).expect(400);
    expect(res.text).toContain('id="field-name-error"');
    expect(tokenIn(res.text)).toBe('');
  });

  it('revokes a token: it disappears from the list and stops working', async () => {
    const page = await annaAgent.get(`/user/${anna.name}/api-tokens`).expect(200);
    const created = await annaAgent.post(`/user/${anna.name}/api-tokens`).type('form').send({ _csrf: csrfTokenIn(page.text), name: 'da revocare' }).expect(200);
    const secret = tokenIn(created.text);
    const list = await annaAgent.get(`/user/${anna.name}/api-tokens`).expect(200);
    const actions = [...list.text.matchAll(/<th scope="row">([^<]+)<\/th>[\s\S]*?action="([^"]+\/revoke)"/g)];
    const target = actions.find((m) => m[1] === 'da revocare')![2];
    const res = await annaAgent.post(target).type('form').send({ _csrf: csrfTokenIn(list.text) }).expect(303);
    expect(res.headers.location).toBe(`/user/${anna.name}/api-tokens`);
    expect((await annaAgent.get(`/user/${anna.name}/api-tokens`).expect(200)).text).not.toContain('da revocare');
    await getAction(cat, 'api_token_list', { user_id: anna.name }, secret).expect(403);
  });

  it('refuses to create or revoke without a CSRF token', async () => {
    await annaAgent.post(`/user/${anna.name}/api-tokens`).type('form').send({ name: 'senza csrf' }).expect(403);
    expect((await annaAgent.get(`/user/${anna.name}/api-tokens`).expect(200)).text).not.toContain('senza csrf');
  });

  it('gives 403 to other users, even sysadmins, and sends anonymous visitors to login', async () => {
    for (const user of [await makeUser(cat), await makeUser(cat, { sysadmin: true })]) {
      const agent = await loggedInAgent(cat, user);
      await agent.get(`/user/${anna.name}/api-tokens`).expect(403);
      const token = await csrfFor(agent, '/');
      await agent.post(`/user/${anna.name}/api-tokens`).type('form').send({ _csrf: token, name: 'intruso' }).expect(403);
    }
    const res = await request(cat.app).get(`/user/${anna.name}/api-tokens`).expect(303);
    expect(res.headers.location).toMatch(/^\/user\/login\?came_from=/);
  });

  it('answers 404 when revoking a token of another user through one\'s own page', async () => {
    const bruno = await makeUser(cat);
    const brunoTokens = await getAction(cat, 'api_token_list', { user_id: bruno.name }, bruno.token).expect(200);
    const jti = brunoTokens.body.result[0].id as string;
    const token = await csrfFor(annaAgent, `/user/${anna.name}/api-tokens`);
    await annaAgent.post(`/user/${anna.name}/api-tokens/${jti}/revoke`).type('form').send({ _csrf: token }).expect(404);
    await getAction(cat, 'api_token_list', { user_id: bruno.name }, bruno.token).expect(200);
  });
});
