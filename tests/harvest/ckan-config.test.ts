// A source's config: `owner_org` gives the datasets to another organization (whose admins must agree:
// the caller must administer it too), `remote_orgs` to the local namesakes of the remote organizations
// (sysadmins only).
import { runAction } from '../../server/core/actions';
import { addMember, callAction, makeDataset, makeOrg, makeUser, unique } from '../support/factories';
import { CkanPair, ckanPair, harvestNow } from './support';

let p: CkanPair;
let remoteDataset: any;

beforeAll(async () => {
  p = await ckanPair();
  remoteDataset = await makeDataset(p.remote.cat, p.remoteOrg.name, { title: 'Con organizzazione' });
}, 60_000);
afterAll(async () => p.close());

const sourceInput = (config: Record<string, unknown>) => ({
  name: unique('fonte'), url: p.remote.url, source_type: 'ckan', owner_org: p.localOrg.name, config: JSON.stringify(config),
});

it('lets only the admins of both organizations send datasets to another one, and only sysadmins use remote_orgs', async () => {
  const other = await makeOrg(p.local);
  const admin = await makeUser(p.local);
  await addMember(p.local, p.localOrg.name, admin.name, 'admin');
  expect((await callAction(p.local, 'harvest_source_create', sourceInput({ owner_org: other.name }), admin.token)).status).toBe(403);
  expect((await callAction(p.local, 'harvest_source_create', sourceInput({ remote_orgs: true }), admin.token)).status).toBe(403);
  await addMember(p.local, other.name, admin.name, 'admin');
  const allowed = await callAction(p.local, 'harvest_source_create', sourceInput({ owner_org: other.name }), admin.token);
  expect(allowed.status).toBe(200);
  const job = await harvestNow(p.local, allowed.body.result.id);
  expect(job.stats.added).toBe(1);
  expect((await p.harvestedCopy(remoteDataset.name)).owner_org).toBe(other.id);
});

it('puts each dataset in the local namesake of its remote organization with remote_orgs', async () => {
  const namesake = await makeOrg(p.local, { name: p.remoteOrg.name });
  // The first source goes (its copy is detached) and the copy is purged, so that this source makes its own.
  const source = await runAction<{ id: string }>('harvest_source_create', p.localCtx, sourceInput({ remote_orgs: true }));
  await runAction('harvest_source_delete', p.localCtx, { id: (await runAction<any[]>('harvest_source_list', p.localCtx, {})).find((s) => s.config.includes('owner_org')).id });
  await runAction('dataset_purge', p.localCtx, { id: remoteDataset.id });
  const job = await harvestNow(p.local, source.id);
  expect(job.stats).toMatchObject({ added: 1, errored: 0 });
  expect((await p.harvestedCopy(remoteDataset.name)).owner_org).toBe(namesake.id);
});
