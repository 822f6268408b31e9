// A portal harvests another as a `ckan` source: the same datasets and resources arrive, a second run
// changes nothing, a remote change is updated and a remote deletion marked deleted, local datasets are
// never touched, a bad record fails alone, an unreachable source fails the job with its reason.
import { runAction } from '../../server/core/actions';
import { ActionContext } from '../../server/core/context';
import { TestCatalogue } from '../support/harness';
import { callAction, makeDataset, makeOrg, makeUser, sysadminContext, unique } from '../support/factories';
import { stopRunners } from '../jobs/support';
import { harvestNow, RemotePortal, startLocal, startRemote } from './support';

let remote: RemotePortal;
let local: TestCatalogue;
let localCtx: ActionContext;
let remoteCtx: ActionContext;
let localOrg: { id: string; name: string };
let sourceId: string;
const names = { kept: unique('acque'), gone: unique('aria'), clash: unique('suoli'), bad: unique('rotto') };
let localClash: any;

beforeAll(async () => {
  remote = await startRemote();
  local = await startLocal();
  [remoteCtx, localCtx] = [await sysadminContext(remote.cat), await sysadminContext(local)];
  const remoteOrg = await makeOrg(remote.cat);
  localOrg = await makeOrg(local);
  const resource = { url: 'https://example.org/acque.csv', name: 'Acque', format: 'CSV' };
  await makeDataset(remote.cat, remoteOrg.name, { name: names.kept, title: 'Qualità delle acque', resources: [resource], tags: [{ name: 'acqua' }] });
  await makeDataset(remote.cat, remoteOrg.name, { name: names.gone, title: 'Qualità dell\'aria' });
  await makeDataset(remote.cat, remoteOrg.name, { name: names.clash, title: 'Suoli (remoto)' });
  // Same identifier as a local dataset: the unique identifier refuses this record, and only it.
  await makeDataset(remote.cat, remoteOrg.name, { name: names.bad, title: 'Rotto', identifier: 'c_test:doppio' });
  localClash = await makeDataset(local, localOrg.name, { name: names.clash, title: 'Suoli (locale)' });
  await makeDataset(local, localOrg.name, { name: unique('altro'), identifier: 'c_test:doppio' });
  const source = await runAction<{ id: string }>('harvest_source_create', localCtx, {
    name: unique('fonte'), title: 'Portale remoto', url: remote.url, source_type: 'ckan', owner_org: localOrg.name,
  });
  sourceId = source.id;
}, 60_000);

afterAll(async () => {
  await stopRunners();
  await local.close();
  await remote.close();
});

async function harvestedByRemoteId(remoteName: string): Promise<any> {
  const original = await runAction<any>('package_show', remoteCtx, { id: remoteName });
  return runAction<any>('package_show', localCtx, { id: original.id });
}

it('harvests every dataset, keeping the remote ids, resources as links, the local dataset untouched', async () => {
  const job = await harvestNow(local, sourceId);
  expect(job).toMatchObject({ status: 'Finished', stats: { added: 3, updated: 0, deleted: 0, errored: 1 }, gather_errors: [] });
  const bad = await runAction<any>('package_show', remoteCtx, { id: names.bad });
  expect(job.object_errors).toEqual([{ guid: bad.id, message: expect.stringContaining('identifier') }]);

  const kept = await harvestedByRemoteId(names.kept);
  expect(kept).toMatchObject({ name: names.kept, title: 'Qualità delle acque', owner_org: localOrg.id });
  expect(kept.resources.map((r: any) => [r.url, r.name, r.format])).toEqual([['https://example.org/acque.csv', 'Acque', 'CSV']]);
  expect(kept.tags.map((t: any) => t.name)).toEqual(['acqua']);

  // The remote name was taken here by a local dataset: the harvested one got a suffix, the local one is as it was.
  const clash = await harvestedByRemoteId(names.clash);
  expect(clash.name).toBe(`${names.clash}-2`);
  const untouched = await runAction<any>('package_show', localCtx, { id: names.clash });
  expect(untouched).toMatchObject({ id: localClash.id, title: 'Suoli (locale)', metadata_modified: localClash.metadata_modified });
});

it('changes nothing on a second run', async () => {
  const before = await harvestedByRemoteId(names.kept);
  const job = await harvestNow(local, sourceId);
  expect(job.stats).toEqual({ added: 0, updated: 0, deleted: 0, errored: 1 });
  expect((await harvestedByRemoteId(names.kept)).metadata_modified).toBe(before.metadata_modified);
});

it('updates what changed at the source and marks deleted what disappeared', async () => {
  await runAction('package_patch', remoteCtx, { id: names.kept, title: 'Qualità delle acque 2025' });
  const goneId = (await runAction<any>('package_show', remoteCtx, { id: names.gone })).id;
  await runAction('package_delete', remoteCtx, { id: names.gone });
  const job = await harvestNow(local, sourceId);
  expect(job.stats).toEqual({ added: 0, updated: 1, deleted: 1, errored: 1 });
  expect((await harvestedByRemoteId(names.kept)).title).toBe('Qualità delle acque 2025');
  expect((await runAction<any>('package_show', localCtx, { id: goneId })).state).toBe('deleted');
});

it('refuses local edits of a harvested dataset until it is detached', async () => {
  const admin = await makeUser(local, { sysadmin: true });
  const harvested = await harvestedByRemoteId(names.kept);
  const refused = await callAction(local, 'package_patch', { id: harvested.id, title: 'Cambiato qui' }, admin.token);
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toContain('raccolto dalla fonte «Portale remoto»');
  const resourceRefused = await callAction(local, 'resource_patch', { id: harvested.resources[0].id, name: 'X' }, admin.token);
  expect(resourceRefused.status).toBe(403);

  expect((await callAction(local, 'harvest_dataset_detach', { id: harvested.id }, admin.token)).status).toBe(200);
  const allowed = await callAction(local, 'package_patch', { id: harvested.id, title: 'Cambiato qui' }, admin.token);
  expect(allowed.status).toBe(200);
  // A later run leaves the detached dataset alone.
  await runAction('package_patch', remoteCtx, { id: names.kept, title: 'Di nuovo cambiato' });
  const job = await harvestNow(local, sourceId);
  expect(job.stats.updated).toBe(0);
  expect((await runAction<any>('package_show', localCtx, { id: harvested.id })).title).toBe('Cambiato qui');
});

it('fails a job whose source cannot be reached, with the reason', async () => {
  const source = await runAction<{ id: string }>('harvest_source_create', localCtx, {
    name: unique('spenta'), url: 'http://127.0.0.1:9/', source_type: 'ckan', owner_org: localOrg.name,
  });
  const job = await harvestNow(local, source.id);
  expect(job.status).toBe('Finished');
  expect(job.stats).toEqual({ added: 0, updated: 0, deleted: 0, errored: 0 });
  expect(job.gather_errors).toEqual([{ message: expect.stringContaining('non raggiungibile') }]);
});
