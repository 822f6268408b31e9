// Numbers that are not safe integers and structures nested thousands of levels deep: a 409 on the field
// (or a 400) in CKAN's envelope, never a 500, whichever way they arrive.
import request from 'supertest';
import { getAction as registeredAction, listActions } from '../../server/core/actions';
import { compileSchema } from '../../server/core/schemas';
import { catalogueWithDataset } from './setup';

const setup = catalogueWithDataset();
let cat: typeof setup.cat;
let world: typeof setup.world;
let ds: any;
beforeAll(() => ({ cat, world, ds } = setup));

type Node = { type?: string | string[]; $ref?: string; properties?: Record<string, Node>; $defs?: Record<string, Node> };

/** The schema node a property stands for, following a $ref into definitions.json. */
function resolved(node: Node): Node {
  if (!node.$ref) return node;
  const [file, pointer] = node.$ref.split('#');
  const root = compileSchema(file).schema as Node;
  return pointer ? root.$defs![pointer.split('/').pop()!] : root;
}

/** [action, field] for every top-level integer parameter of every action. */
function integerParameters(): [string, string][] {
  return listActions().filter((a) => a.schema).flatMap((action) => {
    const properties = (compileSchema(action.schema!).schema as Node).properties ?? {};
    return Object.entries(properties)
      .filter(([, node]) => [resolved(node).type].flat().includes('integer'))
      .map(([field]): [string, string] => [action.name, field]);
  });
}

const needs = (action: string): Record<string, string> => (action.endsWith('activity_list') && action !== 'recently_changed_packages_activity_list'
  ? { id: action.startsWith('organization') ? world.orgA.name : ds.id } : {});

function expectFieldError(res: request.Response, field: string, label: string): void {
  if (res.status !== 409) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
  expect(res.body).toMatchObject({ success: false, error: { __type: 'Validation Error' } });
  expect(res.body.error[field]).toEqual(expect.arrayContaining([expect.any(String)]));
}

describe('an integer parameter', () => {
  it('is found in the schemas (package_search start and rows among them)', () => {
    expect(integerParameters()).toEqual(expect.arrayContaining([['package_search', 'start'], ['package_search', 'rows'], ['package_list', 'limit']]));
  });

  it('gets a 409 on the field, never a 500, for a number that is not a safe integer in the query string', async () => {
    for (const [action, field] of integerParameters()) {
      const method = registeredAction(action)!.kind === 'read' ? 'get' : 'post';
      for (const value of ['Infinity', '-Infinity', '1e400', '-1e400', '1e308', '9007199254740993', '-9007199254740993']) {
        const res = await request(cat.app)[method](`/api/3/action/${action}`).query({ ...needs(action), [field]: value });
        expectFieldError(res, field, `${action}?${field}=${value}`);
      }
    }
  });

  it('gets a 409 on the field for such a number in a JSON body', async () => {
    for (const [action, field] of integerParameters()) {
      for (const value of ['1e400', '-1e400', '1e308', '9007199254740993']) {
        const body = JSON.stringify(needs(action)).replace(/}$/, `${Object.keys(needs(action)).length ? ',' : ''}"${field}": ${value}}`);
        const res = await request(cat.app).post(`/api/3/action/${action}`).set('Content-Type', 'application/json').send(body);
        expectFieldError(res, field, `${action} {${field}: ${value}}`);
      }
    }
  });

  it('keeps working for ordinary values: -1 is a 409 where a minimum forbids it, and never a 500', async () => {
    expectFieldError(await request(cat.app).get('/api/3/action/package_search?start=-1'), 'start', 'start=-1');
    expect((await request(cat.app).get('/api/3/action/package_search?start=0&rows=5&facet.limit=-1')).status).toBe(200);
    for (const [action, field] of integerParameters()) {
      const res = await request(cat.app).get(`/api/3/action/${action}`).query({ ...needs(action), [field]: '-1' });
      expect([200, 409]).toContain(res.status);
    }
  });
});

describe('input nested thousands of levels deep', () => {
  const deepList = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

  function expectRefused(res: request.Response, label: string): void {
    if (![400, 409].includes(res.status)) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    expect(res.body.success).toBe(false);
    expect(['Validation Error', 'Bad Request']).toContain(res.body.error.__type);
  }

  it('is refused in a plain JSON body', async () => {
    for (const levels of [5000, 100_000]) {
      for (const [action, body] of [
        ['package_search', `{"q": ${deepList(levels)}}`],
        ['package_create', `{"name": "profondo", "extras": ${deepObject(levels)}}`],
        ['resource_patch', `{"id": "${ds.resources[0].id}", "upload": ${deepObject(levels)}}`],
      ]) {
        const res = await request(cat.app).post(`/api/3/action/${action}`).set('Authorization', world.users.editor.token)
          .set('Content-Type', 'application/json').send(body);
        expectRefused(res, `${action} JSON ${levels}`);
      }
    }
  });

  it('is refused in a JSON body sent with a form content type, as old CKAN clients send it', async () => {
    const res = await request(cat.app).post('/api/3/action/package_search').set('Content-Type', 'application/x-www-form-urlencoded')
      .send(encodeURIComponent(`{"q": ${deepList(5000)}}`));
    expectRefused(res, 'form-encoded JSON');
  });

  it('is refused in a JSON-looking field of a multipart request', async () => {
    const res = await request(cat.app).post('/api/3/action/package_patch').set('Authorization', world.users.editor.token)
      .field('id', ds.id).field('extras', deepObject(5000));
    expectRefused(res, 'multipart field');
  });

  it('is refused as JSON text inside a string field, which the actions parse themselves', async () => {
    for (const [action, field] of [['package_search', 'facet.field'], ['package_patch', 'theme'], ['package_patch', 'language'], ['resource_patch', 'language']]) {
      const target = action === 'resource_patch' ? { id: ds.resources[0].id } : action === 'package_patch' ? { id: ds.id } : {};
      const res = await request(cat.app).post(`/api/3/action/${action}`).set('Authorization', world.users.editor.token)
        .send({ ...target, [field]: deepList(100_000) });
      expectRefused(res, `${action} ${field}`);
    }
  });

  it('is accepted at the depth real CKAN dicts use', async () => {
    const res = await request(cat.app).post('/api/3/action/package_patch').set('Authorization', world.users.editor.token)
      .send({ id: ds.id, extras: [{ key: 'annidato', value: JSON.stringify({ a: { b: { c: [1, [2, [3]]] } } }) }] });
    expect(res.status).toBe(200);
  });
});
