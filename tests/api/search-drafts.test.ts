// package_search's include_drafts and fq_list, and the rule that a login cookie only reads the API.
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { getAction } from '../support/factories';
import { buildWorld, seedDataset, World } from './world';

describe('drafts, fq_list and cookie sessions on the API', () => {
  let cat: TestCatalogue;
  let world: World;
  let draft: { name: string };

  beforeAll(async () => {
    cat = await startCatalogue();
    world = await buildWorld(cat);
    draft = await seedDataset(cat, world.orgA.name, { state: 'draft', title: 'Bozza riservata' });
    await seedDataset(cat, world.orgA.name, { title: 'Pubblico', tags: [{ name: 'mobilita' }] });
  });
  afterAll(async () => cat.close());

  const namesFound = async (query: Record<string, string>, token?: string) =>
    (await getAction(cat, 'package_search', { rows: '100', ...query }, token)).body.result.results.map((r: { name: string }) => r.name);

  it('leaves drafts out unless include_drafts is asked by someone who may edit them', async () => {
    expect(await namesFound({}, world.users.editor.token)).not.toContain(draft.name);
    expect(await namesFound({ include_drafts: 'true' }, world.users.editor.token)).toContain(draft.name);
    expect(await namesFound({ include_drafts: 'true' }, world.users.sysadmin.token)).toContain(draft.name);
  });

  it('never shows a draft to members, editors of other organizations or anonymous users', async () => {
    for (const token of [world.users.member.token, world.users.otherEditor.token, undefined]) {
      expect(await namesFound({ include_drafts: 'true', include_private: 'true' }, token)).not.toContain(draft.name);
    }
  });

  it('takes a single fq_list value from a GET query string', async () => {
    const response = await getAction(cat, 'package_search', { fq_list: 'tags:mobilita' });
    expect(response.status).toBe(200);
    expect(response.body.result.results.map((r: { title: string }) => r.title)).toEqual(['Pubblico']);
  });

  it('lets a login cookie read through the API but never write', async () => {
    const agent = request.agent(cat.app);
    const form = await agent.get('/user/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const login = await agent.post('/user/login').type('form')
      .send({ _csrf: csrf, username: world.users.editor.name, password: world.users.editor.password });
    expect(login.status).toBe(303);
    const read = await agent.get('/api/3/action/package_show').query({ id: draft.name });
    expect(read.status).toBe(200);
    const write = await agent.post('/api/3/action/package_patch').send({ id: draft.name, title: 'Cambiato via cookie' });
    expect(write.status).toBe(403);
    const after = await getAction(cat, 'package_show', { id: draft.name }, world.users.editor.token);
    expect(after.body.result.title).toBe('Bozza riservata');
  });
});
