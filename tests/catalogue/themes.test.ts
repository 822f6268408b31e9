// One theme list (server/catalogue/themes.ts): a dataset's EU data themes and its CKAN groups say the same,
// whichever a client sends; group_show, group_list, the groups facet and fq on theme agree.
import { syncThemeGroups } from '../../server/catalogue/themes';
import { runAction } from '../../server/core/actions';
import { vocabulary } from '../../server/dcat/vocabularies';
import { ActionContext } from '../../server/core/context';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, makeOrg, sysadminContext, unique } from '../support/factories';

let cat: TestCatalogue;
let admin: ActionContext;
let org: { id: string; name: string };

beforeAll(async () => {
  cat = await startCatalogue();
  admin = await sysadminContext(cat);
  org = await makeOrg(cat);
});
afterAll(async () => cat.close());

type Dict = Record<string, any>;

const create = (fields: Dict) => runAction<Dict>('package_create', admin, { name: unique('ds'), title: 'Dati', notes: 'Descrizione', owner_org: org.id, ...fields });
const themesOf = (dataset: Dict) => (JSON.parse(dataset.theme) as { theme: string }[]).map((t) => t.theme).sort();
const groupsOf = (dataset: Dict) => (dataset.groups as { name: string }[]).map((g) => g.name).sort();
const listed = async (group: string) => ((await runAction<Dict>('group_show', admin, { id: group, include_datasets: true })).packages as Dict[]).map((p) => p.name);

describe('the EU themes are the portal\'s groups', () => {
  it('lists the 13 themes as groups, each marked with its code and titled with its Italian label', async () => {
    const groups = await runAction<Dict[]>('group_list', admin, { all_fields: true });
    const themes = groups.filter((g) => g.theme);
    expect(themes.map((g) => g.theme).sort()).toEqual(['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'REGI', 'SOCI', 'TECH', 'TRAN']);
    expect(themes.find((g) => g.theme === 'TRAN')).toMatchObject({ name: 'trasporti', title: 'Trasporti', type: 'group' });
  });
});

describe('a dataset written with themes, groups or both', () => {
  it('package_create with a theme: the theme\'s group lists it', async () => {
    const created = await create({ theme: [{ theme: 'TRAN', subthemes: [] }] });
    expect(groupsOf(created)).toEqual(['trasporti']);
    expect(await listed('trasporti')).toContain(created.name);
    expect(await listed('ambiente')).not.toContain(created.name);
  });

  it('package_create with groups (as a CKAN client sends them): the matching themes, in the DCAT record too', async () => {
    const created = (await callAction(cat, 'package_create', {
      name: unique('ds'), title: 'Dati', notes: 'Descrizione', owner_org: org.id, groups: [{ name: 'trasporti' }, { name: 'salute' }],
    }, (await sysadminToken()))).body.result;
    expect(themesOf(created)).toEqual(['HEAL', 'TRAN']);
    expect(created.dcatapit_defaults).not.toContain('theme');
    expect(groupsOf(created)).toEqual(['salute', 'trasporti']);
  });

  it('takes a theme code, in any case, as the name of its group', async () => {
    const created = await create({ groups: [{ name: 'envi' }] });
    expect(themesOf(created)).toEqual(['ENVI']);
    expect(groupsOf(created)).toEqual(['ambiente']);
  });

  it('package_update without the theme takes the dataset off its group; package_patch of groups changes the themes', async () => {
    const created = await create({ theme: 'TRAN', groups: [{ name: 'trasporti' }] });
    const patched = await runAction<Dict>('package_patch', admin, { id: created.id, groups: [{ name: 'energia' }] });
    expect(themesOf(patched)).toEqual(['ENER']);
    expect(await listed('trasporti')).not.toContain(created.name);
    expect(await listed('energia')).toContain(created.name);
    const updated = await runAction<Dict>('package_update', admin, { id: created.id, name: created.name, title: 'Dati', notes: 'Descrizione', owner_org: org.id });
    expect(updated.groups).toEqual([]);
    expect(updated.dcatapit_defaults).toContain('theme');
    expect(await listed('energia')).not.toContain(created.name);
  });

  it('package_patch of the theme changes the groups, and keeps sub-themes and groups that are not themes', async () => {
    const plain = await runAction<Dict>('group_create', admin, { name: unique('progetto'), title: 'Progetto speciale' });
    const created = await create({ theme: [{ theme: 'ENVI', subthemes: ['http://eurovoc.europa.eu/100244'] }], groups: [{ name: plain.name }] });
    expect(groupsOf(created)).toEqual(['ambiente', plain.name].sort());
    const patched = await runAction<Dict>('package_patch', admin, { id: created.id, theme: [{ theme: 'ENVI', subthemes: ['http://eurovoc.europa.eu/100244'] }, { theme: 'HEAL', subthemes: [] }] });
    expect(groupsOf(patched)).toEqual(['ambiente', plain.name, 'salute'].sort());
    expect(JSON.parse(patched.theme)[0]).toEqual({ theme: 'ENVI', subthemes: ['http://eurovoc.europa.eu/100244'] });
    // A client that read the dataset and sends it back with a group removed: the group's theme goes.
    const shown = await runAction<Dict>('package_show', admin, { id: created.id });
    const sentBack = await runAction<Dict>('package_update', admin, { ...shown, groups: shown.groups.filter((g: Dict) => g.name !== 'salute') });
    expect(themesOf(sentBack)).toEqual(['ENVI']);
    expect(groupsOf(sentBack)).toEqual(['ambiente', plain.name].sort());
  });

  it('package_create with both: the themes of either', async () => {
    const created = await create({ theme: 'ECON', groups: [{ name: 'trasporti' }] });
    expect(themesOf(created)).toEqual(['ECON', 'TRAN']);
    expect(groupsOf(created)).toEqual(['economia-e-finanze', 'trasporti']);
  });

  it('refuses an unknown group with a field error', async () => {
    const res = await callAction(cat, 'package_create', { name: unique('ds'), owner_org: org.id, groups: [{ name: 'nessuno' }] }, await sysadminToken());
    expect(res.status).toBe(409);
    expect(res.body.error.groups).toEqual(['Gruppo inesistente: nessuno']);
  });
});

describe('counts that agree', () => {
  it('group_list, group_show, the groups facet and fq on theme count the same datasets', async () => {
    const before = (await runAction<Dict>('group_show', admin, { id: 'scienza-e-tecnologia' })).package_count;
    await create({ theme: 'TECH' });
    await create({ groups: [{ name: 'scienza-e-tecnologia' }] });
    const gone = await create({ theme: 'TECH' });
    await runAction('package_delete', admin, { id: gone.id });
    const shown = (await runAction<Dict>('group_show', admin, { id: 'scienza-e-tecnologia' })).package_count;
    expect(shown).toBe(before + 2);
    const listedCount = (await runAction<Dict[]>('group_list', admin, { all_fields: true })).find((g) => g.theme === 'TECH')!.package_count;
    const search = await runAction<Dict>('package_search', admin, { 'facet.field': ['groups'], rows: 0 });
    const facet = search.search_facets.groups.items.find((i: Dict) => i.name === 'scienza-e-tecnologia').count;
    const byTheme = (await runAction<Dict>('package_search', admin, { fq: 'theme:TECH', rows: 0 })).count;
    const byGroup = (await runAction<Dict>('package_search', admin, { fq: 'groups:scienza-e-tecnologia', rows: 0 })).count;
    expect([listedCount, facet, byTheme, byGroup]).toEqual([shown, shown, shown, shown]);
  });
});

describe('a theme whose labels change (a new release of the EU vocabulary)', () => {
  it('is titled with the new label at start, and its datasets are found by it at once', async () => {
    const created = await create({ theme: 'AGRI' });
    const found = async (q: string) => ((await runAction<Dict>('package_search', admin, { q })).results as Dict[]).map((p) => p.name);
    expect(await found('acquacoltura')).toEqual([]);
    const labels = vocabulary('data-theme').byCode('AGRI')!.labels;
    const original = { ...labels };
    try {
      Object.assign(labels, { it: 'Agricoltura e acquacoltura', en: 'Farming and aquaculture' });
      await syncThemeGroups(cat.services.db);
      expect(await found('acquacoltura')).toEqual([created.name]);
      expect(await found('aquaculture')).toEqual([created.name]);
      expect((await runAction<Dict>('group_show', admin, { id: 'agricoltura' })).title).toBe('Agricoltura e acquacoltura');
    } finally {
      Object.assign(labels, original);
      await syncThemeGroups(cat.services.db);
    }
    expect(await found('acquacoltura')).toEqual([]);
  });
});

let token: string | undefined;
async function sysadminToken(): Promise<string> {
  token ??= (await runAction<Dict>('api_token_create', admin, { user: admin.user!.name, name: 'temi' })).token;
  return token!;
}
