// A portal harvests another as a `ckan` source: the same datasets and resources arrive, a second run
// changes nothing, a remote change is updated and a remote deletion marked deleted, local datasets are
// never touched, a bad record fails alone, an unreachable source fails the job with its reason.
import { runAction } from '../../server/core/actions';
import { makeDataset, unique } from '../support/factories';
import { CkanPair, ckanPair, harvestNow } from './support';

let p: CkanPair;
const names = { kept: unique('acque'), gone: unique('aria'), clash: unique('suoli'), bad: unique('rotto') };
let localClash: any;

beforeAll(async () => {
  p = await ckanPair();
  // Same identifier as a local dataset: the unique identifier refuses this record, and only it. It is the
  // oldest: incremental runs must still read it again (they never start past a record that failed).
  await makeDataset(p.remote.cat, p.remoteOrg.name, { name: names.bad, title: 'Rotto', identifier: 'c_test:doppio' });
  const resource = { url: 'https://example.org/acque.csv', name: 'Acque', format: 'CSV' };
  await makeDataset(p.remote.cat, p.remoteOrg.name, { name: names.kept, title: 'Qualità delle acque', resources: [resource], tags: [{ name: 'acqua' }] });
  await makeDataset(p.remote.cat, p.remoteOrg.name, { name: names.gone, title: 'Qualità dell\'aria' });
  await makeDataset(p.remote.cat, p.remoteOrg.name, { name: names.clash, title: 'Suoli (remoto)' });
  localClash = await makeDataset(p.local, p.localOrg.name, { name: names.clash, title: 'Suoli (locale)' });
  await makeDataset(p.local, p.localOrg.name, { name: unique('altro'), identifier: 'c_test:doppio' });
}, 60_000);

afterAll(async () => p.close());

it('harvests every dataset, keeping the remote ids, resources as links, the local dataset untouched', async () => {
  const job = await harvestNow(p.local, p.sourceId);
  expect(job).toMatchObject({ status: 'Finished', stats: { added: 3, updated: 0, deleted: 0, errored: 1 }, gather_errors: [] });
  const bad = await runAction<any>('package_show', p.remoteCtx, { id: names.bad });
  expect(job.object_errors).toEqual([{ guid: bad.id, message: expect.stringContaining('identifier') }]);

  const kept = await p.harvestedCopy(names.kept);
  expect(kept).toMatchObject({ name: names.kept, title: 'Qualità delle acque', owner_org: p.localOrg.id });
  expect(kept.resources.map((r: any) => [r.url, r.name, r.format])).toEqual([['https://example.org/acque.csv', 'Acque', 'CSV']]);
  expect(kept.tags.map((t: any) => t.name)).toEqual(['acqua']);

  // The remote name was taken here by a local dataset: the harvested one got a suffix, the local one is as it was.
  const clash = await p.harvestedCopy(names.clash);
  expect(clash.name).toBe(`${names.clash}-2`);
  const untouched = await runAction<any>('package_show', p.localCtx, { id: names.clash });
  expect(untouched).toMatchObject({ id: localClash.id, title: 'Suoli (locale)', metadata_modified: localClash.metadata_modified });
});

it('changes nothing on a second run', async () => {
  const before = await p.harvestedCopy(names.kept);
  const job = await harvestNow(p.local, p.sourceId);
  expect(job.stats).toEqual({ added: 0, updated: 0, deleted: 0, errored: 1 });
  expect((await p.harvestedCopy(names.kept)).metadata_modified).toBe(before.metadata_modified);
});

it('updates what changed at the source and marks deleted what disappeared', async () => {
  await runAction('package_patch', p.remoteCtx, { id: names.kept, title: 'Qualità delle acque 2025' });
  const goneId = (await runAction<any>('package_show', p.remoteCtx, { id: names.gone })).id;
  await runAction('package_delete', p.remoteCtx, { id: names.gone });
  const job = await harvestNow(p.local, p.sourceId);
  expect(job.stats).toEqual({ added: 0, updated: 1, deleted: 1, errored: 1 });
  expect((await p.harvestedCopy(names.kept)).title).toBe('Qualità delle acque 2025');
  expect((await runAction<any>('package_show', p.localCtx, { id: goneId })).state).toBe('deleted');
});

it('fails a job whose source cannot be reached, with the reason', async () => {
  const source = await runAction<{ id: string }>('harvest_source_create', p.localCtx, {
    name: unique('spenta'), url: 'http://127.0.0.1:9/', source_type: 'ckan', owner_org: p.localOrg.name,
  });
  const job = await harvestNow(p.local, source.id);
  expect(job.status).toBe('Finished');
  expect(job.stats).toEqual({ added: 0, updated: 0, deleted: 0, errored: 0 });
  expect(job.gather_errors).toEqual([{ message: expect.stringContaining('non raggiungibile') }]);
});
