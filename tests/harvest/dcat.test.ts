// A portal harvests another's DCAT-AP_IT feed as a `dcat_rdf` source (Turtle and RDF/XML): the datasets
// arrive with their distributions, a second run changes nothing, a remote change is updated, a remote
// deletion is marked deleted, and the harvested dataset says where it comes from.
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { ActionContext } from '../../server/core/context';
import { TestCatalogue } from '../support/harness';
import { makeDataset, makeOrg, makeUser, sysadminContext, unique } from '../support/factories';
import { loggedInAgent } from '../pages/helpers';
import { stopRunners } from '../jobs/support';
import { harvestNow, RemotePortal, startLocal, startRemote } from './support';

let remote: RemotePortal;
let local: TestCatalogue;
let localCtx: ActionContext;
let remoteCtx: ActionContext;
let localOrg: { id: string; name: string };
const names = { kept: unique('acque'), gone: unique('aria') };

beforeAll(async () => {
  remote = await startRemote();
  local = await startLocal();
  [remoteCtx, localCtx] = [await sysadminContext(remote.cat), await sysadminContext(local)];
  const remoteOrg = await makeOrg(remote.cat, { title: 'Comune remoto' });
  localOrg = await makeOrg(local);
  for (const [key, name] of Object.entries(names)) {
    await makeDataset(remote.cat, remoteOrg.name, {
      name, title: `Titolo ${key}`, resources: [{ url: `https://example.org/${key}.csv`, name: `File ${key}`, format: 'CSV' }],
    });
  }
}, 60_000);

afterAll(async () => {
  await stopRunners();
  await local.close();
  await remote.close();
});

async function localDatasets(): Promise<any[]> {
  const found = await runAction<any>('package_search', localCtx, { q: '*:*', rows: 100, include_private: true });
  return found.results;
}

async function source(url: string): Promise<string> {
  return (await runAction<{ id: string }>('harvest_source_create', localCtx, {
    name: unique('dcat'), title: 'Feed remoto', url, source_type: 'dcat_rdf', owner_org: localOrg.name,
  })).id;
}

it('harvests the Turtle feed, then changes nothing, then follows a change and a deletion', async () => {
  const sourceId = await source(`${remote.url}/catalog.ttl`);
  const first = await harvestNow(local, sourceId);
  expect(first).toMatchObject({ status: 'Finished', stats: { added: 2, updated: 0, deleted: 0, errored: 0 }, gather_errors: [] });
  const titles = (await localDatasets()).map((d) => d.title).sort();
  expect(titles).toEqual(['Titolo gone', 'Titolo kept']);
  const kept = (await localDatasets()).find((d) => d.title === 'Titolo kept');
  expect(kept.resources.map((r: any) => [r.name, r.format])).toEqual([['File kept', 'CSV']]);
  expect(kept.resources[0].url || kept.resources[0].access_url).toMatch(/example\.org\/kept\.csv/);

  expect((await harvestNow(local, sourceId)).stats).toEqual({ added: 0, updated: 0, deleted: 0, errored: 0 });

  await runAction('package_patch', remoteCtx, { id: names.kept, title: 'Titolo cambiato' });
  await runAction('package_delete', remoteCtx, { id: names.gone });
  const third = await harvestNow(local, sourceId);
  expect(third.stats).toEqual({ added: 0, updated: 1, deleted: 1, errored: 0 });
  const after = await runAction<any>('package_show', localCtx, { id: kept.id });
  expect(after.title).toBe('Titolo cambiato');
  const objects = await runAction<any>('harvest_source_show', localCtx, { id: sourceId });
  expect(objects.status.total_datasets).toBe(1);
});

it('reads RDF/XML too; a record whose identifier another dataset holds fails alone, with its reason', async () => {
  const sourceId = await source(`${remote.url}/catalog.rdf`);
  const job = await harvestNow(local, sourceId);
  // The Turtle source's copy already holds the dataset's identifier here: this record fails, the job does not.
  expect(job).toMatchObject({ status: 'Finished', stats: { added: 0, errored: 1 }, gather_errors: [] });
  expect(job.object_errors).toEqual([{ guid: expect.stringContaining(remote.url), message: expect.stringContaining('identifier') }]);
});

it('says on the dataset page where a harvested dataset comes from', async () => {
  const kept = (await localDatasets()).find((d) => d.title === 'Titolo cambiato');
  const page = await request(local.app).get(`/dataset/${kept.name}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('Raccolto da');
  expect(page.text).toContain(`href="${remote.url}/catalog.ttl"`);
  // Not editable here: the sysadmin sees no edit button on it.
  const admin = await loggedInAgent(local, await makeUser(local, { sysadmin: true }));
  const asAdmin = await admin.get(`/dataset/${kept.name}`).expect(200);
  expect(asAdmin.text).not.toContain(`href="/dataset/edit/${kept.name}"`);
});
