// The resource page's data sections for a resource with a DataStore table (made with CKAN's
// datastore_create): the preview table paged and sorted by plain links, the dictionary with its
// profile, the API box; and the dataset page's rows and columns count.
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { TestCatalogue } from '../support/harness';
import { makeDataset, sysadminContext } from '../support/factories';
import { editorsWorld, unescapeHtml } from './helpers';

let cat: TestCatalogue;
let page: string;
let datasetName: string;
let resourceId: string;

const LONG = `Nota lunga: ${'parola '.repeat(40)}fine.`;

/** 45 towns: abitanti 1000, 2000... ; data in January 2024; nota empty on every third row. */
function towns() {
  return Array.from({ length: 45 }, (_v, i) => ({
    comune: i === 0 ? '<script>alert(1)</script>' : `Comune ${String(i + 1).padStart(2, '0')}`,
    abitanti: (i + 1) * 1000,
    data: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
    nota: i % 3 === 0 ? null : i === 1 ? LONG : `nota ${i % 5}`,
  }));
}

beforeAll(async () => {
  const world = await editorsWorld('Comune di Arezzo', 'Comune di Grosseto');
  cat = world.cat;
  const dataset = await makeDataset(cat, world.org.name, { resources: [{ name: 'Comuni', url: 'https://dati.example.it/comuni.csv', format: 'CSV' }] });
  datasetName = dataset.name;
  resourceId = dataset.resources[0].id;
  await runAction('datastore_create', await sysadminContext(cat), {
    resource_id: resourceId, force: true,
    fields: [
      { id: 'comune', type: 'text', info: { label: 'Comune', notes: 'Nome del comune' } },
      { id: 'abitanti', type: 'int', info: { label: 'Abitanti' } },
      { id: 'data', type: 'date' },
      { id: 'nota', type: 'text' },
    ],
    records: towns(),
  });
  page = `/dataset/${datasetName}/resource/${resourceId}`;
}, 60000);
afterAll(async () => cat.close());

const rowsOf = (html: string) => [...html.matchAll(/<tr>\s*<td>([^<]*)<\/td>/g)].map((m) => m[1]);

describe('the preview table', () => {
  it('shows the first 20 rows with a caption, scoped headers and the range of rows', async () => {
    const html = (await request(cat.app).get(page).expect(200)).text;
    expect(html).toContain('<caption>Prime righe della tabella «Comuni»</caption>');
    expect(html).toMatch(/<th scope="col"><a href="[^"]*sort[^"]*">Abitanti<span class="visually-hidden"> \(ordina in modo crescente\)<\/span><\/a><\/th>/);
    expect(html).toContain('Righe 1–20 di 45');
    expect(rowsOf(html)).toHaveLength(20);
    expect(html).not.toContain('_full_text');
  });

  it('shows cells as text and truncates long ones, the full value one click away', async () => {
    const html = (await request(cat.app).get(page).expect(200)).text;
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toMatch(/<details class="catalogo-long-cell"><summary>Nota lunga: parola [^<]*…<\/summary>Nota lunga: parola [^<]*fine\.<\/details>/);
  });

  it('pages through the table with links that work without JavaScript', async () => {
    const first = unescapeHtml((await request(cat.app).get(page).expect(200)).text);
    const next = /<a class="page-link" href="([^"]+)" rel="next">/.exec(first)![1];
    expect(next).toBe(`${page}?page=2#anteprima`);
    const third = (await request(cat.app).get(`${page}?page=3`).expect(200)).text;
    expect(third).toContain('Righe 41–45 di 45');
    expect(rowsOf(third)).toEqual(['Comune 41', 'Comune 42', 'Comune 43', 'Comune 44', 'Comune 45']);
  });

  it('sorts by a column from its header link, says so with aria-sort, and offers the other order', async () => {
    const html = unescapeHtml((await request(cat.app).get(`${page}?sort=abitanti&order=desc`).expect(200)).text);
    expect(rowsOf(html).slice(0, 2)).toEqual(['Comune 45', 'Comune 44']);
    expect(html).toMatch(new RegExp(`<th scope="col" aria-sort="descending"><a href="${page}\\?sort=abitanti#anteprima">Abitanti`));
    expect(html).toContain('ordinate per «Abitanti», in modo decrescente');
    const next = /<a class="page-link" href="([^"]+)" rel="next">/.exec(html)![1];
    expect(next).toBe(`${page}?sort=abitanti&order=desc&page=2#anteprima`);
  });

  it('writes the counts as the page\'s language does', async () => {
    const dataset = await makeDataset(cat, (await runAction('package_show', await sysadminContext(cat), { id: datasetName })).owner_org, {
      resources: [{ name: 'Misure', url: 'https://dati.example.it/misure.csv', format: 'CSV' }],
    });
    const id = dataset.resources[0].id;
    await runAction('datastore_create', await sysadminContext(cat), {
      resource_id: id, force: true, fields: [{ id: 'n', type: 'int' }], records: Array.from({ length: 11802 }, (_v, i) => ({ n: i })),
    });
    const it = (await request(cat.app).get(`/dataset/${dataset.name}/resource/${id}?page=3`).expect(200)).text;
    expect(it).toContain('Righe 41–60 di 11.802');
    const en = (await request(cat.app).get(`/dataset/${dataset.name}/resource/${id}?lang=en`).expect(200)).text;
    expect(en).toContain('Rows 1–20 of 11,802');
  });

  it('ignores a sort by a column the table does not have', async () => {
    const html = (await request(cat.app).get(`${page}?sort=nessuna&order=desc`).expect(200)).text;
    expect(html).toContain('Righe 1–20 di 45');
    expect(html).not.toContain('aria-sort');
  });
});

describe('the data dictionary', () => {
  it('lists each column with its label, type in words, description and profile', async () => {
    const html = (await request(cat.app).get(page).expect(200)).text;
    const row = (id: string) => new RegExp(`<th scope="row"><code>${id}</code></th>\\s*${'<td>([^<]*)</td>\\s*'.repeat(7)}`).exec(html)!.slice(1).map((s) => s.trim());
    expect(row('comune')).toEqual(['Comune', 'testo', 'Nome del comune', '0', '45', '', '']);
    expect(row('abitanti')).toEqual(['Abitanti', 'numero intero', '', '0', '45', '1000', '45.000']);
    expect(row('data')).toEqual(['', 'data', '', '0', '28', '2024-01-01', '2024-01-28']);
    expect(row('nota').slice(0, 5)).toEqual(['', 'testo', '', '15', '6']);
  });

  it('profiles the table again once rows are added (the profile is kept between views)', async () => {
    await runAction('datastore_upsert', await sysadminContext(cat), { resource_id: resourceId, method: 'insert', force: true, records: [{ comune: 'Nuovo', abitanti: 99000 }] });
    const html = (await request(cat.app).get(page).expect(200)).text;
    expect(html).toMatch(/<th scope="row"><code>abitanti<\/code><\/th>(\s*<td>[^<]*<\/td>){6}\s*<td>99\.000<\/td>/);
    await runAction('datastore_delete', await sysadminContext(cat), { resource_id: resourceId, force: true, filters: { comune: 'Nuovo' } });
  });
});

describe('the API box', () => {
  it('gives curl calls with this resource, a filter on a real column, SQL and the dump links', async () => {
    const html = unescapeHtml((await request(cat.app).get(page).expect(200)).text);
    expect(html).toContain(`/api/3/action/datastore_search?resource_id=${resourceId}&limit=5'`);
    expect(html).toContain(`filters=${encodeURIComponent(JSON.stringify({ comune: '<script>alert(1)</script>' }))}`);
    expect(html).toContain(`sql=SELECT * FROM "${resourceId}" LIMIT 5`);
    expect(html).toContain(`href="${cat.services.config.siteUrl.replace(/\/+$/, '')}/datastore/dump/${resourceId}?format=csv"`);
    expect(html).toContain(`/datastore/dump/${resourceId}?format=json"`);
  });
});

describe('the dataset page', () => {
  it('shows the table\'s rows and columns and links to the preview', async () => {
    const html = (await request(cat.app).get(`/dataset/${datasetName}`).expect(200)).text;
    expect(html).toContain('45 righe, 4 colonne');
    expect(html).toContain(`href="/dataset/${datasetName}/resource/${resourceId}#anteprima"`);
  });
});
