// package_search takes what CKAN passes to Solr: fl honoured, the Solr tuning parameters accepted and
// ignored, fq on the DCAT-AP_IT fields and on extras, and trailing wildcards.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction, makeOrg, makeUser, TestUser } from '../support/factories';

let cat: TestCatalogue;
let admin: TestUser;
beforeAll(async () => {
  cat = await startCatalogue();
  admin = await makeUser(cat, { sysadmin: true });
  const prato = await makeOrg(cat, { name: 'comune-prato', identifier: 'c_g999' });
  const siena = await makeOrg(cat, { name: 'comune-siena', identifier: 'c_i726' });
  const make = (fields: Record<string, unknown>) => callAction(cat, 'package_create', { notes: 'Descrizione', ...fields }, admin.token)
    .then((res) => { if (res.status !== 200) throw new Error(JSON.stringify(res.body.error)); });
  await make({ name: 'bilancio-2023', title: 'Bilancio 2023', owner_org: prato.name, theme: 'ECON', frequency: 'ANNUAL', identifier: 'c_g999:bil-2023', fonte: 'Ragioneria', tags: [{ name: 'bilancio' }] });
  await make({ name: 'bilancio-2024', title: 'Bilancio preventivo 2024', owner_org: siena.name, theme: ['ECON', 'GOVE'], holder_name: 'Regione Toscana', holder_identifier: 'r_toscan', fonte: 'Ufficio bilancio' });
  await make({ name: 'aria-prato', title: 'Qualità dell\'aria', owner_org: prato.name, theme: 'ENVI', frequency: 'DAILY', fonte: 'ARPAT' });
  await make({ name: 'senza-tema', title: 'Senza tema', owner_org: siena.name });
});
afterAll(async () => cat.close());

async function names(query: Record<string, string>): Promise<string[]> {
  const res = await getAction(cat, 'package_search', { rows: '100', ...query });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body.error));
  return res.body.result.results.map((d: any) => d.name).sort();
}

describe('fl', () => {
  it('returns only the named fields, given as text or as a list', async () => {
    const res = await getAction(cat, 'package_search', { fq: 'name:aria-prato', fl: 'id,name,title' });
    expect(res.body.result.results).toEqual([{ id: expect.any(String), name: 'aria-prato', title: "Qualità dell'aria" }]);
    const listed = await callAction(cat, 'package_search', { fq: 'name:aria-prato', fl: ['name', 'extras_fonte', 'theme'] });
    expect(listed.body.result.results).toEqual([{ name: 'aria-prato', extras_fonte: 'ARPAT', theme: '[{"theme":"ENVI","subthemes":[]}]' }]);
    expect(listed.body.result.count).toBe(1);
  });

  it('"*" or nothing gives whole dicts', async () => {
    const res = await getAction(cat, 'package_search', { fq: 'name:aria-prato', fl: '*' });
    expect(res.body.result.results[0].resources).toEqual([]);
  });
});

describe("Solr's own parameters", () => {
  it('are accepted and ignored', async () => {
    const all = await names({});
    expect(await names({
      defType: 'edismax', qf: 'name^4 title^2', bf: 'recip(ms(NOW,metadata_modified),3.16e-11,1,1)', mm: '2<-1', tie: '0.1', df: 'text',
      wt: 'json', use_default_schema: 'True', include_deleted: 'true', facet: 'true', hl: 'on', 'hl.fl': 'title', 'facet.sort': 'count',
    })).toEqual(all);
  });
});

describe('fq', () => {
  it.each([
    ['theme:ECON', ['bilancio-2023', 'bilancio-2024']],
    ['theme:ENVI', ['aria-prato']],
    ['theme:OP_DATPRO', ['senza-tema']],
    ['frequency:ANNUAL', ['bilancio-2023']],
    ['frequency:UNKNOWN', ['bilancio-2024', 'senza-tema']],
    ['holder_identifier:r_toscan', ['bilancio-2024']],
    ['holder_identifier:c_g999', ['aria-prato', 'bilancio-2023']],
    ['identifier:"c_g999:bil-2023"', ['bilancio-2023']],
    ['extras_fonte:ARPAT', ['aria-prato']],
    ['extras_fonte:"Ufficio bilancio"', ['bilancio-2024']],
    ['extras_fonte:Ragio*', ['bilancio-2023']],
    ['name:bilancio*', ['bilancio-2023', 'bilancio-2024']],
    ['title:Bil*', ['bilancio-2023', 'bilancio-2024']],
    ['organization:comune-s*', ['bilancio-2024', 'senza-tema']],
    ['tags:bil*', ['bilancio-2023']],
    ['theme:ECON AND organization:comune-prato', ['bilancio-2023']],
  ])('%s', async (fq, expected) => {
    expect(await names({ fq })).toEqual(expected);
  });

  it('a label of the vocabulary is read as its code', async () => {
    expect(await names({ fq: 'theme:Ambiente' })).toEqual(['aria-prato']);
  });

  it('a field that is not indexed is still an Italian error, never a 500', async () => {
    const res = await getAction(cat, 'package_search', { fq: 'colore:rosso' });
    expect(res.status).toBe(409);
    expect(res.body.error.fq[0]).toMatch(/^Campi di filtro sconosciuti: colore/);
    const wildcard = await getAction(cat, 'package_search', { fq: 'capacity:pub*' });
    expect(wildcard.status).toBe(409);
  });

  it('takes the wildcard characters of LIKE literally', async () => {
    expect(await names({ fq: 'name:bil%*' })).toEqual([]);
    expect(await names({ fq: 'extras_fonte:%' })).toEqual([]);
  });
});

describe('facets beside the page', () => {
  // With facet.field the page, the total and the facets come from one statement (search-sql.ts): the
  // page must keep the order and the slice that the same search gives without facets.
  const ordered = async (query: Record<string, string>) => {
    const res = await getAction(cat, 'package_search', query);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body.error));
    return { names: res.body.result.results.map((d: any) => d.name), count: res.body.result.count };
  };
  const facets = JSON.stringify(['organization', 'groups', 'tags', 'res_format', 'license_id', 'frequency']);

  it.each([
    ['title_string asc'], ['title_string desc'], ['name desc'], ['metadata_modified asc'], ['score desc, metadata_modified desc'],
  ])('keeps the order of sort=%s, page by page', async (sort) => {
    const whole = await ordered({ sort, rows: '100' });
    expect(whole.names).toHaveLength(4);
    expect((await ordered({ sort, rows: '100', 'facet.field': facets })).names).toEqual(whole.names);
    for (const start of [0, 1, 2, 3, 4]) {
      expect(await ordered({ sort, rows: '2', start: String(start), 'facet.field': facets })).toEqual({ names: whole.names.slice(start, start + 2), count: 4 });
    }
  });

  it('ranks by relevance with q, and counts past the last page', async () => {
    const plain = await ordered({ q: 'bilancio', rows: '10' });
    expect(plain.names[0]).toBe('bilancio-2023');
    expect((await ordered({ q: 'bilancio', rows: '10', 'facet.field': facets })).names).toEqual(plain.names);
    expect(await ordered({ q: 'bilancio', rows: '10', start: '50', 'facet.field': facets })).toEqual({ names: [], count: plain.count });
  });
});
