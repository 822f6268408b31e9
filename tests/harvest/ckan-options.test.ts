// ckanext-harvest's config options that catalogo honours for `ckan` sources (default_tags, clean_tags,
// default_groups, remote_groups "only_local"), the ones it refuses clearly, and its guard: a source that
// suddenly lists nothing deletes nothing.
import { runAction } from '../../server/core/actions';
import { makeDataset, unique } from '../support/factories';
import { CkanPair, ckanPair, harvestNow } from './support';

let p: CkanPair;
let remoteDataset: any;
let sourceId: string;

beforeAll(async () => {
  p = await ckanPair();
  // 'ambiente' is the group of the EU theme ENVI, which every catalogue has (catalogue/themes.ts).
  await runAction('group_create', p.remoteCtx, { name: 'solo-remoto', title: 'Solo remoto' });
  await runAction('group_create', p.localCtx, { name: 'raccolti', title: 'Raccolti' });
  remoteDataset = await makeDataset(p.remote.cat, p.remoteOrg.name, {
    title: 'Con tag e gruppi', tags: [{ name: 'Qualità Aria' }, { name: 'acqua' }], groups: [{ name: 'ambiente' }, { name: 'solo-remoto' }],
  });
  sourceId = (await runAction<{ id: string }>('harvest_source_create', p.localCtx, {
    name: unique('opzioni'), url: p.remote.url, source_type: 'ckan', owner_org: p.localOrg.name,
    config: JSON.stringify({ default_tags: ['raccolto', { name: 'regione' }], clean_tags: true, default_groups: ['raccolti'], remote_groups: 'only_local' }),
  })).id;
}, 60_000);
afterAll(async () => p.close());

it('adds the default tags and groups, cleans the remote tags, keeps the remote groups that exist here', async () => {
  const job = await harvestNow(p.local, sourceId);
  expect(job.stats).toMatchObject({ added: 1, errored: 0 });
  const copy = await p.harvestedCopy(remoteDataset.name);
  expect(copy.tags.map((t: any) => t.name).sort()).toEqual(['acqua', 'qualita-aria', 'raccolto', 'regione']);
  expect(copy.groups.map((g: any) => g.name).sort()).toEqual(['ambiente', 'raccolti']);
});

it.each([
  [{ default_groups: ['inesistente'] }, /"default_groups": gruppo inesistente: inesistente/],
  [{ remote_groups: 'create' }, /"remote_groups": "create" non è supportato/],
  [{ force_all: 'sì' }, /"force_all" deve essere true o false/],
  [{ default_tags: 'uno' }, /"default_tags" deve essere un elenco/],
])('refuses the config %j by its field', async (config, message) => {
  const attempt = runAction('harvest_source_create', p.localCtx, {
    name: unique('sbagliata'), url: p.remote.url, source_type: 'ckan', owner_org: p.localOrg.name, config: JSON.stringify(config),
  });
  await expect(attempt).rejects.toMatchObject({ fields: { config: [expect.stringMatching(message)] } });
});

it('deletes nothing when the source suddenly lists no dataset, and says why', async () => {
  await runAction('package_delete', p.remoteCtx, { id: remoteDataset.id });
  const job = await harvestNow(p.local, sourceId);
  expect(job.stats).toEqual({ added: 0, updated: 0, deleted: 0, errored: 0 });
  expect(job.gather_errors).toEqual([{ message: expect.stringContaining('La fonte non elenca alcun dataset') }]);
  expect((await p.harvestedCopy(remoteDataset.name)).state).toBe('active');
});
