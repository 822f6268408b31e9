// The pages' own reads (internal actions, as CKAN's views pass context['for_view'] / ['for_edit'] to
// package_show) exist for the pages only: the API, help_show and the OpenAPI document do not know them.
import request from 'supertest';
import { listActions } from '../../server/core/actions';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { getAction, makeDataset, makeOrg, makeUser } from '../support/factories';

const INTERNAL = ['package_show_for_view', 'package_show_for_edit'];

let cat: TestCatalogue;
let dataset: { id: string };
let sysadminToken: string;

beforeAll(async () => {
  cat = await startCatalogue();
  dataset = await makeDataset(cat, (await makeOrg(cat)).name);
  sysadminToken = (await makeUser(cat, { sysadmin: true })).token;
});
afterAll(async () => cat?.close());

describe('internal actions', () => {
  it.each(INTERNAL)('%s is an unknown action to the API, even for a sysadmin', async (name) => {
    const res = await getAction(cat, name, { id: dataset.id }, sysadminToken);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/azione sconosciuta/);
    expect((await getAction(cat, 'help_show', { name })).status).toBe(404);
  });

  it('are left out of the OpenAPI document and the action list', async () => {
    const doc = (await request(cat.app).get('/api/openapi.json').expect(200)).body;
    const paths = Object.keys(doc.paths).join('\n');
    for (const name of INTERNAL) expect(paths).not.toContain(name);
    expect(listActions().map((a) => a.name)).toEqual(expect.not.arrayContaining(INTERNAL));
    expect(listActions().map((a) => a.name)).toContain('package_show');
  });
});
