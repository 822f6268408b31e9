// What a harvested dataset is here: published in the DCAT feed with the remote address as its
// adms:identifier (within the shapes), refused to local edits until detached, then left alone.
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { callAction, makeDataset, makeUser, unique } from '../support/factories';
import { describeViolations, violationsOf } from '../support/shacl';
import { toNTriples } from '../support/rdf';
import { CkanPair, ckanPair, harvestNow } from './support';

let p: CkanPair;
const kept = unique('acque');

beforeAll(async () => {
  p = await ckanPair();
  const resource = { url: 'https://example.org/acque.csv', name: 'Acque', format: 'CSV' };
  await makeDataset(p.remote.cat, p.remoteOrg.name, { name: kept, title: 'Qualità delle acque', resources: [resource] });
  expect((await harvestNow(p.local, p.sourceId)).stats.added).toBe(1);
}, 60_000);

afterAll(async () => p.close());

it('publishes a harvested dataset in the DCAT feed with the remote address as adms:identifier, within the shapes', async () => {
  const harvested = await p.harvestedCopy(kept);
  const remoteUri = `${p.remote.url}/dataset/${harvested.id}`;
  // package_show gives the alternate identifiers as ckanext-dcatapit does: a JSON string.
  expect(JSON.parse(harvested.alternate_identifier)).toEqual([{ identifier: remoteUri, agent: null }]);
  const ttl = (await request(p.local.app).get(`/dataset/${harvested.name}.ttl`).expect(200)).text;
  expect(ttl).toContain(remoteUri);
  const violations = await violationsOf(await toNTriples(ttl, 'turtle'), ['dcat-ap-3.0.1', 'dcat-ap-3.0.1-base', 'dcat-ap-3.0.1-range', 'dcat-ap-2.1.1-base']);
  expect(describeViolations(violations)).toBe(describeViolations([]));
}, 30_000);

it('refuses local edits of a harvested dataset until it is detached', async () => {
  const admin = await makeUser(p.local, { sysadmin: true });
  const harvested = await p.harvestedCopy(kept);
  const refused = await callAction(p.local, 'package_patch', { id: harvested.id, title: 'Cambiato qui' }, admin.token);
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toContain('raccolto dalla fonte «Portale remoto»');
  expect((await callAction(p.local, 'package_delete', { id: harvested.id }, admin.token)).status).toBe(403);
  expect((await callAction(p.local, 'resource_patch', { id: harvested.resources[0].id, name: 'X' }, admin.token)).status).toBe(403);

  expect((await callAction(p.local, 'harvest_dataset_detach', { id: harvested.id }, admin.token)).status).toBe(200);
  expect((await callAction(p.local, 'package_patch', { id: harvested.id, title: 'Cambiato qui' }, admin.token)).status).toBe(200);
  // A later run leaves the detached dataset alone.
  await runAction('package_patch', p.remoteCtx, { id: kept, title: 'Di nuovo cambiato' });
  const job = await harvestNow(p.local, p.sourceId);
  expect(job.stats).toEqual({ added: 0, updated: 0, deleted: 0, errored: 0 });
  expect((await runAction<any>('package_show', p.localCtx, { id: harvested.id })).title).toBe('Cambiato qui');
});
