// The documented examples are a story: replayed in order against a fresh catalogue, each one must work.
// Requests are built from the document only (request bodies, query parameter examples), not from the code.
import request from 'supertest';
import { makeUser } from '../support/factories';
import { startCatalogue, TestCatalogue } from '../support/harness';

type Json = Record<string, any>;

const PREFIX = '/api/3/action/';
const WRITES = [
  'organization_create', 'group_create', 'group_update', 'user_create', 'organization_member_create', 'api_token_create',
  'package_create', 'package_patch', 'resource_create', 'organization_patch', 'organization_update', 'package_update',
];
const READS = [
  'status_show', 'license_list', 'help_show', 'package_show', 'package_search', 'package_list', 'current_package_list_with_resources',
  'organization_show', 'organization_list', 'organization_list_for_user', 'group_show', 'group_list', 'user_show',
  'api_token_list', 'tag_list', 'package_activity_list', 'organization_activity_list', 'recently_changed_packages_activity_list',
  'job_list',
];
const CLEANUP = ['organization_member_delete', 'package_delete', 'dataset_purge'];

describe('the examples in the OpenAPI document', () => {
  let cat: TestCatalogue;
  let doc: Json;
  let token: string;
  beforeAll(async () => {
    cat = await startCatalogue();
    doc = (await request(cat.app).get('/api/openapi.json')).body;
    token = (await makeUser(cat, { sysadmin: true })).token;
  });
  afterAll(async () => cat.close());

  const post = (name: string) => request(cat.app).post(PREFIX + name).set('Authorization', token)
    .send(doc.paths[PREFIX + name].post.requestBody.content['application/json'].example);

  const getWithParameterExamples = (name: string) => {
    const query: Json = {};
    for (const p of doc.paths[PREFIX + name].get.parameters) if (p.example !== undefined) query[p.name] = p.example;
    return request(cat.app).get(PREFIX + name).set('Authorization', token).query(query);
  };

  it('work as POST bodies, writes first, in the documented order', async () => {
    for (const name of WRITES) {
      const res = await post(name);
      expect({ name, status: res.status, body: res.body.error ?? null }).toEqual({ name, status: 200, body: null });
    }
  });

  it('work as GET query strings for the reads', async () => {
    for (const name of READS) {
      const res = await getWithParameterExamples(name);
      expect({ name, status: res.status, body: res.body.error ?? null }).toEqual({ name, status: 200, body: null });
    }
    const found = await getWithParameterExamples('package_search');
    expect(found.body.result.count).toBe(1);
  });

  it('accept a file in the documented multipart upload field', async () => {
    const example = doc.paths[`${PREFIX}resource_create`].post.requestBody.content['application/json'].example;
    expect(doc.paths[`${PREFIX}resource_create`].post.requestBody.content['multipart/form-data']).toBeDefined();
    const res = await request(cat.app).post(`${PREFIX}resource_create`).set('Authorization', token)
      .field('package_id', example.package_id).field('name', 'Bilancio caricato')
      .attach('upload', Buffer.from('capitolo;importo\n1;100\n'), 'bilancio.csv');
    expect(res.status).toBe(200);
    expect(res.body.result.url_type).toBe('upload');
  });

  it('end with the cleanup actions', async () => {
    for (const name of CLEANUP) {
      const res = await post(name);
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
    }
  });
});
