// Clients read a dict, change one thing and send the whole dict back (show → update). The values the
// portal derived and showed must keep following the dataset, not be frozen by the echo.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, callAction, getAction, makeOrg, makeUser, TestUser } from '../support/factories';

let cat: TestCatalogue;
let editor: TestUser;
let first: { name: string };
let second: { name: string };

beforeAll(async () => {
  cat = await startCatalogue();
  editor = await makeUser(cat);
  first = await makeOrg(cat, { title: 'Comune di Prato', identifier: 'c_g999' });
  second = await makeOrg(cat, { title: 'Comune di Pistoia', identifier: 'c_g713' });
  await addMember(cat, first.name, editor.name, 'editor');
  await addMember(cat, second.name, editor.name, 'editor');
});
afterAll(async () => cat.close());

async function ok(action: string, body: Record<string, unknown>) {
  const res = await callAction(cat, action, body, editor.token);
  expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined });
  return res.body.result;
}

const show = async (action: string, id: string) => (await getAction(cat, action, { id }, editor.token)).body.result;

async function dataset(name: string) {
  return ok('package_create', {
    name, title: name, notes: 'Descrizione', owner_org: first.name, license_id: 'CC-BY-4.0',
    resources: [{ name: 'Dati', url: `https://dati.example.it/${name}-2023.csv` }],
  });
}

describe('echoed derived values', () => {
  it('a resource sent back with a new url gets the new download link', async () => {
    const created = await dataset('misure');
    const resource = await show('resource_show', created.resources[0].id);
    const updated = await ok('resource_update', { ...resource, url: 'https://dati.example.it/misure-2024.csv' });
    expect([updated.url, updated.download_url]).toEqual(['https://dati.example.it/misure-2024.csv', 'https://dati.example.it/misure-2024.csv']);
  });

  it('a dataset sent back with a new licence passes it to its resources', async () => {
    const created = await dataset('bilancio');
    const shown = await show('package_show', created.id);
    const updated = await ok('package_update', { ...shown, license_id: 'CC0-1.0' });
    expect(updated.resources.map((r: { license_id: string }) => r.license_id)).toEqual(['CC0-1.0']);
  });

  it('a dataset sent back with another organization gets it as publisher and rights holder', async () => {
    const created = await dataset('fermate');
    const shown = await show('package_show', created.id);
    expect(shown.publisher_name).toBe('Comune di Prato');
    const moved = await ok('package_update', { ...shown, owner_org: second.name });
    expect([moved.publisher_name, moved.publisher_identifier, moved.holder_name, moved.holder_identifier])
      .toEqual(['Comune di Pistoia', 'c_g713', 'Comune di Pistoia', 'c_g713']);
  });

  it('a publisher given explicitly stays when the dataset moves', async () => {
    const created = await ok('package_create', {
      name: 'contratti', title: 'Contratti', notes: 'Descrizione', owner_org: first.name,
      publisher_name: 'Regione Toscana', publisher_identifier: 'r_toscan',
      resources: [{ name: 'Dati', url: 'https://dati.example.it/contratti.csv' }],
    });
    const moved = await ok('package_update', { ...(await show('package_show', created.id)), owner_org: second.name });
    expect([moved.publisher_name, moved.holder_name]).toEqual(['Regione Toscana', 'Comune di Pistoia']);
  });
});

describe('identifiers in another administration\'s namespace', () => {
  it('are refused: an editor may not publish under another organization\'s IPA code', async () => {
    const res = await callAction(cat, 'package_create', {
      name: 'usurpato', title: 'Usurpato', notes: 'Descrizione', owner_org: first.name, identifier: 'c_g713:bilancio',
    }, editor.token);
    expect(res.status).toBe(409);
    expect(res.body.error.identifier[0]).toContain('c_g713 è il codice IPA di Comune di Pistoia');
  });

  it('are accepted with the organization\'s own code, or the publisher\'s it states', async () => {
    await ok('package_create', { name: 'proprio', title: 'Proprio', notes: 'Descrizione', owner_org: first.name, identifier: 'c_g999:proprio' });
    await ok('package_create', {
      name: 'per-conto', title: 'Per conto', notes: 'Descrizione', owner_org: first.name, identifier: 'c_g713:per-conto',
      publisher_name: 'Comune di Pistoia', publisher_identifier: 'c_g713',
    });
  });
});
