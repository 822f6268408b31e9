// The OpenAPI document must stay true: every action documented, nothing else, every $ref resolvable,
// and the documented examples must work against a real catalogue.
import request from 'supertest';
import Ajv2020 from 'ajv/dist/2020';
import { listActions } from '../../server/core/actions';
import { compileSchema } from '../../server/core/schemas';
import { startCatalogue, TestCatalogue } from '../support/harness';

type Json = Record<string, any>;

const PREFIX = '/api/3/action/';

function collectRefs(node: unknown, refs: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => collectRefs(child, refs));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      else collectRefs(value, refs);
    }
  }
  return refs;
}

function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, key) => (node === undefined ? undefined : node[key]), doc);
}

describe('the OpenAPI document at /api/openapi.json', () => {
  let cat: TestCatalogue;
  let doc: Json;
  beforeAll(async () => {
    cat = await startCatalogue();
    const res = await request(cat.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(async () => cat.close());

  it('documents every registered action, and nothing else', () => {
    const documented = Object.keys(doc.paths).sort();
    expect(documented).toEqual(listActions().map((a) => PREFIX + a.name).sort());
    for (const action of listActions()) {
      const item = doc.paths[PREFIX + action.name];
      expect(Object.keys(item).sort()).toEqual(action.kind === 'read' ? ['get', 'post'] : ['post']);
      expect(item.post.summary).toBe(action.help);
    }
  });

  it('is OpenAPI 3.1 with Italian info, the site as server and a CKAN-style API key', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBe('API del catalogo dei dati aperti');
    expect(doc.servers).toEqual([{ url: 'http://catalogo.test', description: 'Questo portale' }]);
    expect(doc.components.securitySchemes.ckanApiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
  });

  it('resolves every $ref inside the document, and keeps no $id that would move them', () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) expect({ ref, found: resolvePointer(doc, ref) !== undefined }).toEqual({ ref, found: true });
    expect(JSON.stringify(doc.components.schemas)).not.toContain('"$id"');
  });

  it('references the input schema of each action, and takes files only where an upload is accepted', () => {
    for (const action of listActions().filter((a) => a.schema)) {
      const json = doc.paths[PREFIX + action.name].post.requestBody.content['application/json'];
      expect(json.schema.$ref).toBe(`#/components/schemas/${action.schema!.replace(/\.json$/, '')}`);
    }
    const multipart = listActions().filter((a) => doc.paths[PREFIX + a.name].post.requestBody.content['multipart/form-data']);
    expect(multipart.map((a) => a.name).sort()).toEqual(['resource_create', 'resource_patch', 'resource_update']);
  });

  it('derives the GET query parameters from the schema properties', () => {
    const params = doc.paths[`${PREFIX}package_search`].get.parameters.map((p: Json) => p.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'fq', 'rows', 'start', 'facet.field']));
    const show = doc.paths[`${PREFIX}package_show`].get.parameters.find((p: Json) => p.name === 'id');
    expect(show).toMatchObject({ in: 'query', required: true, schema: { $ref: '#/components/schemas/idOrName' } });
  });

  it('gives every action an example that its schema accepts', () => {
    for (const action of listActions().filter((a) => a.schema)) {
      const example = structuredClone(doc.paths[PREFIX + action.name].post.requestBody.content['application/json'].example);
      const validate = compileSchema(action.schema!);
      expect({ action: action.name, valid: validate(example), errors: validate.errors ?? null }).toEqual({ action: action.name, valid: true, errors: null });
    }
  });

  it('describes the error envelope that the API really returns', async () => {
    const errorSchema = { ...doc.components.schemas.ErrorEnvelope, $schema: undefined };
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(errorSchema);
    const anonymous = await request(cat.app).post(`${PREFIX}package_create`).send({ name: 'senza-token' });
    const missing = await request(cat.app).get(`${PREFIX}package_show`).query({ id: 'non-esiste' });
    const badJson = await request(cat.app).post(`${PREFIX}package_show`).set('Content-Type', 'application/json').send('{');
    for (const [res, status] of [[anonymous, 403], [missing, 404], [badJson, 400]] as const) {
      expect(res.status).toBe(status);
      expect(validate(res.body)).toBe(true);
      expect(doc.paths[`${PREFIX}package_create`].post.responses[status]).toBeDefined();
    }
  });
});
