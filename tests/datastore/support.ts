// Shared set-up of the DataStore tests: an organization with an editor, a public and a private
// dataset, and a DataStore-only resource with a typed table.
import { runAction } from '../../server/core/actions';
import { addMember, callAction, makeDataset, makeOrg, makeUser, sysadminContext, TestUser } from '../support/factories';
import { TestCatalogue } from '../support/harness';

export interface DatastoreWorld {
  editor: TestUser;
  outsider: TestUser;
  publicDataset: { id: string; name: string };
  privateDataset: { id: string; name: string };
}

export async function makeWorld(cat: TestCatalogue): Promise<DatastoreWorld> {
  const org = await makeOrg(cat);
  const editor = await makeUser(cat);
  const outsider = await makeUser(cat);
  await addMember(cat, org.id, editor.name, 'editor');
  const publicDataset = await makeDataset(cat, org.id);
  const privateDataset = await makeDataset(cat, org.id, { private: true });
  return { editor, outsider, publicDataset, privateDataset };
}

export const CITY_FIELDS = [
  { id: 'città', type: 'text' }, { id: 'abitanti', type: 'int' }, { id: 'superficie', type: 'numeric' },
  { id: 'capoluogo', type: 'bool' }, { id: 'fondata', type: 'date' }, { id: 'aggiornato', type: 'timestamp' }, { id: 'extra', type: 'json' },
];

export const CITIES = [
  { città: 'Firenze', abitanti: 360930, superficie: 102.32, capoluogo: true, fondata: '0059-01-01', aggiornato: '2024-01-01T10:00:00', extra: { sigla: 'FI' } },
  { città: 'Prato', abitanti: 195213, superficie: 97.35, capoluogo: true, fondata: null, aggiornato: null, extra: null },
  { città: 'Sesto Fiorentino', abitanti: 48833, superficie: 49.04, capoluogo: false, fondata: null, aggiornato: null, extra: [1, 2] },
  { città: 'Lucca', abitanti: 89046, superficie: 185.79, capoluogo: true, fondata: null, aggiornato: null, extra: null },
  { città: "L'Aquila \"storica\", città", abitanti: 69439, superficie: 473.91, capoluogo: true, fondata: null, aggiornato: null, extra: null },
];

/** A DataStore-only resource of the dataset, made by datastore_create with `resource`; answers its id. */
export async function cityTable(cat: TestCatalogue, token: string, packageId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await callAction(cat, 'datastore_create', { resource: { package_id: packageId, name: 'Comuni' }, fields: CITY_FIELDS, records: CITIES, primary_key: ['città'], ...extra }, token);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body.result.resource_id;
}

/** A small DataStore table (nome text key, n int; rows a=1, b=2) on a new dataset of the organization, made by the sysadmin. */
export async function seedDatastoreTable(cat: TestCatalogue, org: string): Promise<string> {
  const dataset = await makeDataset(cat, org);
  const result = await runAction('datastore_create', await sysadminContext(cat), {
    resource: { package_id: dataset.id, name: 'Tabella' }, fields: [{ id: 'nome', type: 'text' }, { id: 'n', type: 'int' }],
    records: [{ nome: 'a', n: 1 }, { nome: 'b', n: 2 }], primary_key: ['nome'],
  });
  return result.resource_id;
}
