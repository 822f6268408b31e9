// The index follows every write in its own transaction: a dataset is found as soon as its creation
// returns, by its resources as soon as they are added, by its organization's or theme's new title, and
// never after it is deleted, purged or made private (visibility stays the package table's rule).
import { runAction } from '../../server/core/actions';
import { inTransaction } from '../../server/db/transaction';
import { reindexAll } from '../../server/search/search-index';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, getAction, makeDataset, makeOrg, makeUser, sysadminContext, TestUser } from '../support/factories';

let cat: TestCatalogue;
let org: { id: string; name: string };
let member: TestUser;
beforeAll(async () => {
  cat = await startCatalogue();
  org = await makeOrg(cat, { title: 'Consorzio di bonifica Alto Valdarno' });
  member = await makeUser(cat);
  await addMember(cat, org.name, member.name, 'member');
});
afterAll(async () => cat.close());

async function names(q: string, query: Record<string, string> = {}, token?: string): Promise<string[]> {
  const res = await getAction(cat, 'package_search', { q, rows: '100', ...query }, token);
  expect(res.status).toBe(200);
  return res.body.result.results.map((p: { name: string }) => p.name);
}
const act = async (name: string, input: Record<string, unknown>) => runAction(name, await sysadminContext(cat), input);

describe('the search index follows the writes', () => {
  it('finds a dataset as soon as its creation returns, and a patched title at once', async () => {
    const ds = await makeDataset(cat, org.name, { name: 'stazioni-arno', title: 'Livelli idrometrici' });
    expect(await names('idrometrici')).toEqual(['stazioni-arno']);
    await act('package_patch', { id: ds.id, title: 'Portate fluviali' });
    expect(await names('idrometrici')).toEqual([]);
    expect(await names('fluviale')).toEqual(['stazioni-arno']);
  });

  it('finds a dataset by a resource once added, and no longer once the resource is deleted', async () => {
    const ds = await makeDataset(cat, org.name, { name: 'pozzi' });
    const resource = await act('resource_create', { package_id: ds.id, url: 'https://e.org/p.csv', name: 'Censimento dei pozzi artesiani', format: 'CSV' });
    expect(await names('artesiani')).toEqual(['pozzi']);
    await act('resource_delete', { id: resource.id });
    expect(await names('artesiani')).toEqual([]);
  });

  it("finds datasets by their organization's title, and by its new title after a change", async () => {
    const ds = await makeDataset(cat, org.name, { name: 'canali-di-scolo' });
    expect(await names('bonifica')).toContain('canali-di-scolo');
    await act('organization_patch', { id: org.name, title: 'Autorità idrica toscana' });
    expect(await names('bonifica')).toEqual([]);
    expect(await names('idrica')).toContain(ds.name);
  });

  it("finds datasets by their group's title and their DCAT-AP theme's labels, Italian and English", async () => {
    await act('group_create', { name: 'acque', title: 'Acque interne' });
    await makeDataset(cat, org.name, { name: 'laghi', groups: [{ name: 'acque' }], theme: 'ENVI' });
    expect(await names('interne')).toEqual(['laghi']);
    expect(await names('ambiente')).toEqual(['laghi']);
    expect(await names('environment')).toEqual(['laghi']);
  });

  it('never finds a dataset after its deletion or its purge', async () => {
    const deleted = await makeDataset(cat, org.name, { name: 'sorgenti', title: 'Sorgenti montane' });
    await act('package_delete', { id: deleted.id });
    expect(await names('sorgenti')).toEqual([]);
    const purged = await makeDataset(cat, org.name, { name: 'falde', title: 'Falde acquifere' });
    await act('dataset_purge', { id: purged.id });
    expect(await names('acquifere')).toEqual([]);
    const rows = await cat.services.db.query(`SELECT COUNT(*) AS n FROM search_doc WHERE package_id = '${purged.id}'`);
    expect(Number(rows[0].n)).toBe(0);
  });

  it('finds a private dataset only for those who may read it', async () => {
    const ds = await makeDataset(cat, org.name, { name: 'dighe', title: 'Ispezioni alle dighe' });
    await act('package_patch', { id: ds.id, private: true });
    expect(await names('dighe')).toEqual([]);
    expect(await names('dighe', { include_private: 'true' })).toEqual([]);
    expect(await names('dighe', { include_private: 'true' }, member.token)).toEqual(['dighe']);
  });

  it('counts facets from what each dataset holds now: formats, tags, themes and frequency follow every write', async () => {
    const facets = async (q: string) => {
      const res = await getAction(cat, 'package_search', { q, 'facet.field': JSON.stringify(['groups', 'tags', 'res_format', 'frequency']) });
      const items = (field: string) => res.body.result.search_facets[field].items.map((i: { name: string; count: number }) => `${i.name}=${i.count}`).sort();
      return { groups: items('groups'), tags: items('tags'), res_format: items('res_format'), frequency: items('frequency') };
    };
    const ds = await makeDataset(cat, org.name, { name: 'idrovore', title: 'Idrovore di pianura', theme: 'ENVI', frequency: 'ANNUAL', tags: [{ name: 'pompe' }] });
    const csv = await act('resource_create', { package_id: ds.id, url: 'https://e.org/i.csv', format: 'csv' });
    await act('resource_create', { package_id: ds.id, url: 'https://e.org/i2.csv', format: 'CSV' });
    expect(await facets('idrovore')).toEqual({ groups: ['ambiente=1'], tags: ['pompe=1'], res_format: ['CSV=1'], frequency: ['ANNUAL=1'] });
    await act('resource_patch', { id: csv.id, format: 'GeoJSON' });
    await act('package_patch', { id: ds.id, theme: 'AGRI', frequency: 'MONTHLY', tags: [{ name: 'pompe' }, { name: 'canali' }] });
    expect(await facets('idrovore')).toEqual({ groups: ['agricoltura=1'], tags: ['canali=1', 'pompe=1'], res_format: ['CSV=1', 'GEOJSON=1'], frequency: ['MONTHLY=1'] });
    await act('package_patch', { id: ds.id, private: true });
    expect(await facets('idrovore')).toEqual({ groups: [], tags: [], res_format: [], frequency: [] });
  });

  it('rebuilds the whole index from the catalogue', async () => {
    await inTransaction(cat.services.db, async (m) => {
      await m.query(cat.services.db.options.type === 'postgres' ? 'DELETE FROM search_doc' : 'DELETE FROM search_fts');
    });
    expect(await names('pozzi')).toEqual([]);
    const seen: number[] = [];
    const total = await reindexAll(cat.services.db.manager, (work) => inTransaction(cat.services.db, work), (done) => seen.push(done));
    expect(seen[seen.length - 1]).toBe(total);
    expect(await names('pozzi')).toEqual(['pozzi']);
  });
});

describe('ranking', () => {
  beforeAll(async () => {
    await makeDataset(cat, org.name, { name: 'r-notes', title: 'Rilevazioni', notes: 'Misure di torbidità delle acque' });
    await makeDataset(cat, org.name, { name: 'r-title', title: 'Torbidità dei fiumi', notes: 'Misure mensili' });
    await makeDataset(cat, org.name, { name: 'r-exact', title: 'Torbidità', notes: 'Misure' });
    await makeDataset(cat, org.name, { name: 'r-resource', title: 'Campionamenti', resources: [{ url: 'https://e.org/t.csv', name: 'torbidità' }] });
  });

  it('puts an exact title first, then title matches, description, resources', async () => {
    expect(await names('torbidita')).toEqual(['r-exact', 'r-title', 'r-notes', 'r-resource']);
    expect(await names('torbidita', { sort: 'score desc, metadata_modified desc' })).toEqual(['r-exact', 'r-title', 'r-notes', 'r-resource']);
  });

  it('sorts by another key when asked', async () => {
    expect(await names('torbidita', { sort: 'name asc' })).toEqual(['r-exact', 'r-notes', 'r-resource', 'r-title']);
  });
});

describe('suggestions', () => {
  it('suggests close words that find something, when nothing is found', async () => {
    const res = await getAction(cat, 'package_search', { q: 'torbidta' });
    expect(res.body.result.count).toBe(0);
    expect(res.body.result.suggestions).toEqual(['torbidita']);
  });

  it("never suggests a word only a private dataset has to who cannot read it", async () => {
    const res = await getAction(cat, 'package_search', { q: 'digue' });
    expect(res.body.result.suggestions).toEqual([]);
    const asMember = await getAction(cat, 'package_search', { q: 'digue', include_private: 'true' }, member.token);
    expect(asMember.body.result.suggestions).toEqual(['dighe']);
  });

  it('gives no suggestion key when something is found', async () => {
    const res = await getAction(cat, 'package_search', { q: 'torbidita' });
    expect(res.body.result).not.toHaveProperty('suggestions');
  });
});
