// CKAN's HTTP envelope: {help, success, result}, typed errors with their status codes, both URL
// prefixes, the three ways of sending a token, and GET refused for writes.
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction } from '../support/factories';
import { buildWorld, seedDataset, World } from './world';

let cat: TestCatalogue;
let world: World;
beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
});
afterAll(async () => cat.close());

const orgPayload = () => ({ name: `ente-${Math.random().toString(36).slice(2, 10)}` });

describe('a successful call', () => {
  it.each(['/api/3/action', '/api/action'])('answers at %s/NAME with help, success and result', async (prefix) => {
    const res = await request(cat.app).get(`${prefix}/status_show`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(res.body).sort()).toEqual(['help', 'result', 'success']);
    expect(res.body.success).toBe(true);
    expect(res.body.help).toMatch(/\/api\/3\/action\/help_show\?name=status_show$/);
    expect(res.body.result.ckan_version).toBe('2.10.0');
  });

  it('takes read parameters from the query string on GET and from the JSON body on POST', async () => {
    const ds = await seedDataset(cat, world.orgA.name);
    expect((await getAction(cat, 'package_show', { id: ds.name })).body.result.id).toBe(ds.id);
    expect((await callAction(cat, 'package_show', { id: ds.id })).body.result.name).toBe(ds.name);
  });
});

describe('bodies as CKAN clients send them', () => {
  it('reads form fields, and a JSON object posted with a form content type (old CKAN clients)', async () => {
    const ds = await seedDataset(cat, world.orgA.name);
    const asForm = await request(cat.app).post('/api/3/action/package_show').type('form').send({ id: ds.name });
    expect(asForm.body.result.id).toBe(ds.id);
    const jsonAsForm = await request(cat.app).post('/api/3/action/package_patch').set('Authorization', world.users.editor.token)
      .set('Content-Type', 'application/x-www-form-urlencoded').send(JSON.stringify({ id: ds.id, title: 'Titolo da client vecchio' }));
    expect(jsonAsForm.status).toBe(200);
    expect(jsonAsForm.body.result.title).toBe('Titolo da client vecchio');
  });

  it('answers broken JSON posted as a form with 400, not 500', async () => {
    const res = await request(cat.app).post('/api/3/action/package_show').set('Content-Type', 'application/x-www-form-urlencoded').send('{"id": ');
    expect(res.status).toBe(400);
    expect(res.body.error.__type).toBe('Bad Request');
  });
});

describe('errors', () => {
  it('answers a validation error with 409, __type and the messages per field, in Italian', async () => {
    const res = await callAction(cat, 'organization_create', { name: 'NO' }, world.users.sysadmin.token);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      help: expect.any(String), success: false,
      error: { __type: 'Validation Error', name: ['Usa da 2 a 100 caratteri: lettere minuscole senza accenti, cifre, - e _'] },
    });
  });

  it('answers a refusal with 403 Authorization Error', async () => {
    const res = await callAction(cat, 'organization_create', orgPayload());
    expect(res.status).toBe(403);
    expect(res.body.success).toBe(false);
    expect(res.body.error).toEqual({ __type: 'Authorization Error', message: expect.stringMatching(/^Accesso negato: /) });
    expect(res.body).not.toHaveProperty('result');
  });

  it('answers a missing object with 404 Not Found Error', async () => {
    const res = await getAction(cat, 'package_show', { id: 'non-esiste' });
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ __type: 'Not Found Error', message: expect.stringContaining('non-esiste') });
  });

  it.each(['/api/3/action/azione_inventata', '/api/action/azione_inventata'])('answers an unknown action (%s) with 400', async (path) => {
    for (const res of [await request(cat.app).get(path), await request(cat.app).post(path).send({})]) {
      expect(res.status).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.error.__type).toBe('Bad Request');
      expect(res.body.error.message).toContain('azione_inventata');
    }
  });

  it('answers malformed JSON with 400 in the envelope, not an HTML page', async () => {
    const res = await request(cat.app).post('/api/3/action/package_create').set('Content-Type', 'application/json')
      .set('Authorization', world.users.editor.token).send('{"name": "rotto",');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ success: false, error: { __type: 'Bad Request', message: expect.stringContaining('JSON') } });
    expect(res.body.help).toMatch(/help_show\?name=package_create$/);
    expect((await getAction(cat, 'package_show', { id: 'rotto' })).status).toBe(404);
  });

  it('answers a JSON body that is not an object with 400', async () => {
    const res = await request(cat.app).post('/api/3/action/package_show').set('Content-Type', 'application/json').send('[1,2]');
    expect(res.status).toBe(400);
    expect(res.body.error.__type).toBe('Bad Request');
  });

  it('refuses GET for write actions, and changes nothing', async () => {
    const name = orgPayload().name;
    const res = await request(cat.app).get('/api/3/action/organization_create').query({ name }).set('Authorization', world.users.sysadmin.token);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('POST');
    expect((await getAction(cat, 'organization_show', { id: name })).status).toBe(404);
  });
});

describe('API tokens', () => {
  const sendWith = (header: string, value: string) =>
    request(cat.app).post('/api/3/action/organization_create').set(header, value).send(orgPayload());

  it('accepts the token raw in Authorization, as "Bearer TOKEN", and in X-CKAN-API-Key', async () => {
    const token = world.users.sysadmin.token;
    for (const [header, value] of [['Authorization', token], ['Authorization', `Bearer ${token}`], ['X-CKAN-API-Key', token]]) {
      const res = await sendWith(header, value);
      expect({ header, value: value.slice(0, 6), status: res.status }).toEqual({ header, value: value.slice(0, 6), status: 200 });
    }
  });

  it('treats an unknown token as a 403, even on public reads (a client should learn its token is bad)', async () => {
    const res = await getAction(cat, 'status_show', {}, 'cat_non-un-token-vero');
    expect(res.status).toBe(403);
    expect(res.body.error.__type).toBe('Authorization Error');
  });

  it('refuses a token once it is revoked', async () => {
    const me = world.users.member;
    const { token, id } = (await callAction(cat, 'api_token_create', { user: me.name, name: 'breve' }, me.token)).body.result;
    expect((await callAction(cat, 'organization_list_for_user', {}, token)).status).toBe(200);
    expect((await callAction(cat, 'api_token_revoke', { token }, me.token)).body.result).toBeNull();
    const after = await callAction(cat, 'organization_list_for_user', {}, token);
    expect(after.status).toBe(403);
    expect(after.body.error.__type).toBe('Authorization Error');
    expect((await callAction(cat, 'api_token_list', { user_id: me.name }, me.token)).body.result.map((t: any) => t.id)).not.toContain(id);
  });

  it('shows the email to the user themself and to sysadmins, not to others', async () => {
    const target = world.users.editor;
    const emailSeenBy = async (token?: string) => (await getAction(cat, 'user_show', { id: target.name }, token)).body.result.email;
    expect(await emailSeenBy(target.token)).toBe(`${target.name}@example.it`);
    expect(await emailSeenBy(world.users.sysadmin.token)).toBe(`${target.name}@example.it`);
    expect(await emailSeenBy(world.users.admin.token)).toBeUndefined();
    expect(await emailSeenBy(undefined)).toBeUndefined();
  });
});
