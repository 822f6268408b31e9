// Every action in the registry, called once the way a CKAN client would, with its result checked;
// every write action also refused to anonymous callers (403) and to bad input (409).
import { registerAllActions } from '../../server/actions';
import { listActions, runAction } from '../../server/core/actions';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, makeUser, sysadminContext, TestUser, unique } from '../support/factories';
import { buildWorld, seedDataset, uploadTo, World } from './world';
import { idleJob, jobRow } from '../jobs/support';
import { seedDatastoreTable } from '../datastore/support';
import { markHarvested, seedSource } from '../harvest/support';

type Input = Record<string, unknown>;
interface Case {
  /** The caller: a user of the world, or nobody. */
  as: 'anonymous' | 'editor' | 'admin' | 'sysadmin';
  input: () => Promise<Input>;
  check: (result: any, input: Input) => void | Promise<void>;
  /** For write actions: an input that must be rejected with 409 and this field named. */
  invalid?: () => Promise<[Input, string]>;
}

/** The DCAT-AP_IT fields package_show and resource_show add to CKAN's dicts. */
const DCAT_DATASET_KEYS = [
  'identifier', 'theme', 'frequency', 'publisher_name', 'publisher_identifier', 'holder_name', 'holder_identifier', 'creator',
  'issued', 'modified', 'language', 'temporal_start', 'temporal_end', 'geographical_name', 'geographical_geonames_url',
  'conforms_to', 'is_version_of', 'contact_name', 'contact_email', 'alternate_identifier', 'dcatapit_defaults',
];
const DCAT_RESOURCE_KEYS = ['license_id', 'language', 'access_url', 'download_url', 'byte_size', 'checksum', 'media_type'];

let cat: TestCatalogue;
let world: World;
let other: TestUser;
let pkg: any; // a public dataset of orgA with tags, a group and one resource
const ds = async () => seedDataset(cat, world.orgA.name);
const latestActivityOf = async (id: string) => (await callAction(cat, 'package_activity_list', { id }, world.users.sysadmin.token)).body.result[0];

const CASES: Record<string, Case> = {
  status_show: { as: 'anonymous', input: async () => ({}), check: (r) => expect(r).toMatchObject({ ckan_version: '2.10.0', locale_default: 'it' }) },
  help_show: { as: 'anonymous', input: async () => ({ name: 'package_create' }), check: (r) => expect(r).toMatch(/^package_create \(POST\): /) },
  license_list: { as: 'anonymous', input: async () => ({}), check: (r) => { expect(r[0].id).toBe('CC-BY-4.0'); expect(r.length).toBeGreaterThan(5); } },
  tag_list: { as: 'anonymous', input: async () => ({}), check: (r) => expect(r).toEqual(expect.arrayContaining(['ambiente', 'aria'])) },
  package_list: { as: 'anonymous', input: async () => ({}), check: (r) => expect(r).toContain(pkg.name) },
  package_show: {
    as: 'anonymous', input: async () => ({ id: pkg.name }),
    check: (r) => {
      expect(r).toMatchObject({ id: pkg.id, title: 'Qualità dell\'aria', num_resources: 1 });
      // DCAT-AP_IT: every field is there; what the editor left out is derived from the organization (its IPA code).
      expect(Object.keys(r)).toEqual(expect.arrayContaining(DCAT_DATASET_KEYS));
      const ipa = r.organization.identifier;
      expect(ipa).toMatch(/^c_[0-9a-f]{8}$/);
      expect(r).toMatchObject({
        identifier: `${ipa}:${pkg.name}`, publisher_identifier: ipa, holder_identifier: ipa,
        // The group 'ambiente' is the theme ENVI's: the dataset has that theme; the frequency is derived.
        theme: '[{"theme":"ENVI","subthemes":[]}]', frequency: 'UNKNOWN', dcatapit_defaults: ['frequency'],
      });
    },
  },
  package_search: { as: 'anonymous', input: async () => ({ q: 'aria' }), check: (r) => expect(r.results.map((p: any) => p.id)).toEqual([pkg.id]) },
  current_package_list_with_resources: {
    as: 'anonymous', input: async () => ({ limit: 1000 }),
    check: (r) => expect(r.find((p: any) => p.id === pkg.id).resources[0].url).toBe('https://example.org/aria.csv'),
  },
  package_create: {
    as: 'editor', input: async () => ({ name: unique('nuovo'), owner_org: world.orgA.name, title: 'Nuovo', notes: 'Un dataset nuovo' }),
    check: (r, i) => expect(r).toMatchObject({ name: i.name, owner_org: world.orgA.id, state: 'active', license_id: 'CC-BY-4.0' }),
    invalid: async () => [{ name: 'Con Spazi', owner_org: world.orgA.name, notes: 'Descrizione' }, 'name'],
  },
  package_update: {
    as: 'editor', input: async () => ({ id: (await ds()).id, title: 'Aggiornato', notes: 'Descrizione aggiornata' }),
    check: (r) => expect(r).toMatchObject({ title: 'Aggiornato', num_resources: 1 }),
    invalid: async () => [{ id: (await ds()).id, notes: 'Descrizione', author_email: 'non-una-email' }, 'author_email'],
  },
  package_patch: {
    as: 'editor', input: async () => ({ id: (await ds()).id, notes: 'Solo le note' }),
    check: (r) => expect(r).toMatchObject({ notes: 'Solo le note', title: 'Dataset di prova' }),
    invalid: async () => [{ id: (await ds()).id, private: 'forse' }, 'private'],
  },
  package_delete: {
    as: 'editor', input: async () => ({ id: (await ds()).id }),
    check: async (r, i) => { expect(r).toBeNull(); expect((await callAction(cat, 'package_show', { id: i.id })).status).toBe(404); },
    invalid: async () => [{ id: (await ds()).id, motivo: 'x' }, 'motivo'],
  },
  dataset_purge: {
    as: 'sysadmin', input: async () => ({ id: (await ds()).id }),
    check: async (r, i) => { expect(r).toBeNull(); expect((await callAction(cat, 'package_show', { id: i.id }, world.users.sysadmin.token)).status).toBe(404); },
    invalid: async () => [{}, 'id'],
  },
  resource_create: {
    as: 'editor', input: async () => ({ package_id: (await ds()).id, url: 'https://example.org/x.json', name: 'X' }),
    check: (r) => expect(r).toMatchObject({ url: 'https://example.org/x.json', format: 'JSON', position: 1 }),
    invalid: async () => [{ package_id: (await ds()).id, url: 'https://example.org/x.json', download_url: 'javascript:alert(1)' }, 'download_url'],
  },
  resource_show: {
    as: 'anonymous', input: async () => ({ id: pkg.resources[0].id }),
    check: (r) => {
      expect(r).toMatchObject({ package_id: pkg.id, format: 'CSV', file_versions: [] });
      expect(Object.keys(r)).toEqual(expect.arrayContaining(DCAT_RESOURCE_KEYS));
      expect(r).toMatchObject({ license_id: 'CC-BY-4.0', download_url: 'https://example.org/aria.csv', media_type: 'text/csv' });
    },
  },
  resource_update: {
    as: 'editor', input: async () => ({ id: (await ds()).resources[0].id, url: 'https://example.org/nuovo.xml' }),
    check: (r) => expect(r).toMatchObject({ url: 'https://example.org/nuovo.xml', format: 'XML', name: '' }),
    invalid: async () => [{ id: (await ds()).resources[0].id, name: 'X', url: 'https://example.org/x.json', access_url: 'javascript:alert(1)' }, 'access_url'],
  },
  resource_patch: {
    as: 'editor', input: async () => ({ id: (await ds()).resources[0].id, name: 'Rinominata' }),
    check: (r) => expect(r).toMatchObject({ name: 'Rinominata', url: 'https://example.org/dati.csv' }),
    invalid: async () => [{ id: (await ds()).resources[0].id, download_url: 'file:///etc/passwd' }, 'download_url'],
  },
  resource_delete: {
    as: 'editor', input: async () => ({ id: (await ds()).resources[0].id }),
    check: async (r, i) => { expect(r).toBeNull(); expect((await callAction(cat, 'resource_show', { id: i.id })).status).toBe(404); },
    invalid: async () => [{}, 'id'],
  },
  organization_list: {
    as: 'anonymous', input: async () => ({ all_fields: true }),
    check: (r) => expect(r.find((o: any) => o.name === world.orgA.name)).toMatchObject({ id: world.orgA.id, type: 'organization', package_count: expect.any(Number) }),
  },
  organization_show: { as: 'anonymous', input: async () => ({ id: world.orgA.name }), check: (r) => { expect(r.id).toBe(world.orgA.id); expect(r.users).toBeUndefined(); } },
  organization_create: {
    as: 'sysadmin', input: async () => ({ name: unique('ente'), title: 'Comune di Prova', identifier: 'c_x123' }),
    check: (r, i) => expect(r).toMatchObject({ name: i.name, title: 'Comune di Prova', identifier: 'c_x123', is_organization: true }),
    invalid: async () => [{ name: world.orgA.name }, 'name'],
  },
  organization_update: {
    as: 'admin', input: async () => ({ id: world.orgA.id, title: 'Ente A', email: 'ente@example.it' }),
    check: (r) => expect(r).toMatchObject({ name: world.orgA.name, title: 'Ente A', email: 'ente@example.it' }),
    invalid: async () => [{ id: world.orgA.id, email: 'non-una-email' }, 'email'],
  },
  organization_patch: {
    as: 'admin', input: async () => ({ id: world.orgA.id, description: 'Descritto' }),
    check: (r) => expect(r).toMatchObject({ description: 'Descritto', title: 'Ente A' }),
    invalid: async () => [{ id: world.orgA.id, name: 'X' }, 'name'],
  },
  organization_member_create: {
    as: 'admin', input: async () => ({ id: world.orgA.name, username: other.name, role: 'editor' }),
    check: (r) => expect(r).toMatchObject({ group_id: world.orgA.id, table_id: other.actor.id, capacity: 'editor' }),
    invalid: async () => [{ id: world.orgA.name, username: other.name, role: 'capo' }, 'role'],
  },
  organization_member_delete: {
    as: 'admin', input: async () => ({ id: world.orgA.name, username: other.name }),
    check: async (r) => {
      expect(r).toBeNull();
      expect((await callAction(cat, 'organization_list_for_user', { permission: 'read' }, other.token)).body.result).toEqual([]);
    },
    invalid: async () => [{ id: world.orgA.name }, 'username'],
  },
  organization_list_for_user: { as: 'admin', input: async () => ({}), check: (r) => expect(r.map((o: any) => [o.name, o.capacity])).toEqual([[world.orgA.name, 'admin']]) },
  organization_activity_list: { as: 'anonymous', input: async () => ({ id: world.orgA.name }), check: (r) => expect(r.some((a: any) => a.object_id === pkg.id)).toBe(true) },
  group_list: { as: 'anonymous', input: async () => ({}), check: (r) => expect(r).toContain('ambiente') },
  group_show: { as: 'anonymous', input: async () => ({ id: 'ambiente', include_datasets: true }), check: (r) => expect(r.packages.map((p: any) => p.id)).toEqual([pkg.id]) },
  group_create: {
    as: 'sysadmin', input: async () => ({ name: unique('tema'), title: 'Trasporti' }),
    check: (r) => expect(r).toMatchObject({ title: 'Trasporti', is_organization: false, type: 'group' }),
    invalid: async () => [{ name: 'a' }, 'name'],
  },
  group_update: {
    as: 'sysadmin', input: async () => ({ id: 'trasporti', title: 'Altro titolo', description: 'Mobilità e trasporti' }),
    // A theme's group keeps its EU label as title.
    check: (r) => expect(r).toMatchObject({ name: 'trasporti', title: 'Trasporti', description: 'Mobilità e trasporti', theme: 'TRAN' }),
    invalid: async () => [{ id: 'trasporti', name: 'X' }, 'name'],
  },
  user_show: { as: 'anonymous', input: async () => ({ id: other.name }), check: (r) => { expect(r.name).toBe(other.name); expect(r).not.toHaveProperty('email'); } },
  user_create: {
    as: 'sysadmin', input: async () => ({ name: unique('persona'), email: 'persona@example.it', password: 'una-password-lunga' }),
    check: (r) => { expect(r).toMatchObject({ email: 'persona@example.it', sysadmin: false }); expect(JSON.stringify(r)).not.toContain('una-password-lunga'); },
    invalid: async () => [{ name: unique('persona'), email: 'senza-chiocciola' }, 'email'],
  },
  user_update: {
    as: 'sysadmin', input: async () => ({ id: other.name, email: 'nuova@example.it', fullname: 'Nome Nuovo' }),
    check: (r) => expect(r).toMatchObject({ name: other.name, email: 'nuova@example.it', fullname: 'Nome Nuovo', about: '' }),
    invalid: async () => [{ id: other.name, email: 'senza-chiocciola' }, 'email'],
  },
  user_patch: {
    as: 'sysadmin', input: async () => ({ id: other.name, about: 'Ufficio statistica' }),
    check: (r) => expect(r).toMatchObject({ name: other.name, about: 'Ufficio statistica', email: 'nuova@example.it' }),
    invalid: async () => [{ id: other.name, password: 'corta' }, 'password'],
  },
  api_token_create: {
    as: 'editor', input: async () => ({ user: world.users.editor.name, name: 'script' }),
    check: async (r) => expect((await callAction(cat, 'status_show', {}, r.token)).status).toBe(200),
    invalid: async () => [{ user: world.users.editor.name }, 'name'],
  },
  api_token_list: { as: 'editor', input: async () => ({ user_id: world.users.editor.name }), check: (r) => expect(r.map((t: any) => t.name)).toContain('test') },
  api_token_revoke: {
    as: 'sysadmin', input: async () => ({ jti: (await runAction('api_token_create', await sysadminContext(cat), { user: other.name, name: 'r' })).id }),
    check: async (r, i) => {
      expect(r).toBeNull();
      const left = (await callAction(cat, 'api_token_list', { user_id: other.name }, world.users.sysadmin.token)).body.result;
      expect(left.map((t: any) => t.id)).not.toContain(i.jti);
    },
    invalid: async () => [{ jti: 'x', colore: 1 }, 'colore'],
  },
  package_activity_list: { as: 'anonymous', input: async () => ({ id: pkg.name }), check: (r) => expect(r.map((a: any) => a.activity_type)).toEqual(['new package']) },
  activity_show: {
    as: 'anonymous', input: async () => ({ id: (await latestActivityOf(pkg.id)).id }),
    check: (r) => expect(r).toMatchObject({ object_id: pkg.id, activity_type: 'new package', data: { package: { id: pkg.id } } }),
  },
  activity_diff: {
    as: 'anonymous',
    input: async () => {
      const changed = await ds();
      await callAction(cat, 'package_patch', { id: changed.id, title: 'Rinominato' }, world.users.sysadmin.token);
      return { id: (await latestActivityOf(changed.id)).id, object_type: 'package' };
    },
    check: (r) => {
      expect(r.changes).toEqual([{ type: 'title', method: 'change', old: 'Dataset di prova', new: 'Rinominato' }]);
      expect(r.activities.map((a: any) => a.activity_type)).toEqual(['new package', 'changed package']);
    },
  },
  recently_changed_packages_activity_list: { as: 'anonymous', input: async () => ({ limit: 100 }), check: (r) => expect(r.map((a: any) => a.object_id)).toContain(pkg.id) },
  job_list: {
    as: 'sysadmin', input: async () => ({ queues: [(await jobRow(cat, await idleJob(cat))).queue] }),
    check: (r, i) => expect(r).toEqual([expect.objectContaining({ queue: (i.queues as string[])[0], status: 'queued', type: 'test.echo' })]),
  },
  job_show: { as: 'sysadmin', input: async () => ({ id: await idleJob(cat) }), check: (r, i) => expect(r).toMatchObject({ id: i.id, title: 'Lavoro di prova', status: 'queued' }) },
  job_cancel: {
    as: 'sysadmin', input: async () => ({ id: await idleJob(cat) }),
    check: async (r, i) => { expect(r).toBeNull(); expect((await jobRow(cat, i.id as string)).status).toBe('cancelled'); },
    invalid: async () => [{}, 'id'],
  },
  job_clear: {
    as: 'sysadmin', input: async () => ({ queues: [(await jobRow(cat, await idleJob(cat))).queue] }),
    check: (r, i) => expect(r).toEqual(i.queues),
    invalid: async () => [{ queues: ['default'], code: 'tutte' }, 'code'],
  },
  datastore_create: {
    as: 'editor', input: async () => ({ resource: { package_id: (await ds()).id, name: 'Tabella' }, fields: [{ id: 'nome', type: 'text' }], records: [{ nome: 'x' }] }),
    check: (r) => expect(r).toMatchObject({ resource_id: expect.any(String), fields: [{ id: 'nome', type: 'text' }] }),
    invalid: async () => [{ resource_id: await dsTable(), fields: [{ id: '_nascosto', type: 'text' }] }, 'fields'],
  },
  datastore_upsert: {
    as: 'editor', input: async () => ({ resource_id: await dsTable(), force: true, records: [{ nome: 'a', n: 5 }] }),
    check: (r) => expect(r).toMatchObject({ method: 'upsert', records: [{ nome: 'a', n: 5 }] }),
    invalid: async () => [{ resource_id: await dsTable(), method: 'sostituisci' }, 'method'],
  },
  datastore_delete: {
    as: 'editor', input: async () => ({ resource_id: await dsTable(), filters: { nome: 'a' } }),
    check: (r, i) => expect(r).toEqual({ resource_id: i.resource_id, filters: { nome: 'a' } }),
    invalid: async () => [{ resource_id: await dsTable(), filters: { colore: 'rosso' } }, 'filters'],
  },
  datastore_info: { as: 'anonymous', input: async () => ({ id: await dsTable() }), check: (r) => expect(r.meta.count).toBe(2) },
  datastore_search: {
    as: 'anonymous', input: async () => ({ resource_id: await dsTable(), filters: { nome: 'b' } }),
    check: (r) => expect(r).toMatchObject({ total: 1, records: [{ _id: 2, nome: 'b', n: 2 }], fields: [{ id: '_id', type: 'int' }, { id: 'nome', type: 'text' }, { id: 'n', type: 'int' }] }),
  },
  datastore_search_sql: {
    as: 'anonymous', input: async () => ({ sql: `SELECT nome, n * 10 AS dieci FROM "${await dsTable()}" ORDER BY nome` }),
    check: (r) => expect(r.records).toEqual([{ nome: 'a', dieci: 10 }, { nome: 'b', dieci: 20 }]),
  },
  resource_validation_show: {
    as: 'anonymous', input: async () => ({ id: await uploadedTable() }),
    check: (r, i) => expect(r).toMatchObject({ resource_id: i.id, status: 'success', rows: 2, columns: 2, progress: { rows_read: 2, percent: 100 }, report: { counts: {} } }),
  },
  resource_dictionary_update: {
    as: 'editor', input: async () => ({ id: await uploadedTable(), fields: [{ id: 'codice', type: 'text', title: 'Codice' }] }),
    check: (r) => expect(r).toMatchObject({ status: 'success', dictionary: { fields: [{ name: 'codice', type: 'string', title: 'Codice' }, { name: 'valore', type: 'integer' }] } }),
    invalid: async () => [{ id: await uploadedTable() }, 'fields'],
  },
  xloader_submit: {
    as: 'editor', input: async () => ({ resource_id: await uploadedTable() }),
    check: (r) => expect(r).toBe(true),
    invalid: async () => [{ resource_id: (await ds()).resources[0].id }, 'resource_id'],
  },
  harvest_source_create: {
    as: 'admin', input: async () => ({ name: unique('fonte'), title: 'Regione', url: 'https://dati.example.org', source_type: 'ckan', owner_org: world.orgA.name, config: `{"owner_org": "${world.orgA.name}"}` }),
    check: (r, i) => expect(r).toMatchObject({ name: i.name, title: 'Regione', source_type: 'ckan', frequency: 'MANUAL', owner_org: world.orgA.id, config: `{"owner_org": "${world.orgA.name}"}`, status: { job_count: 0, last_job: null } }),
    invalid: async () => [{ name: unique('fonte'), url: 'ftp://dati.example.org', source_type: 'ckan', owner_org: world.orgA.name }, 'url'],
  },
  harvest_source_update: {
    as: 'admin', input: async () => ({ id: (await seedSource(cat, world.orgA.name)).id, url: 'https://altri.example.org/catalog.ttl', source_type: 'dcat_rdf', frequency: 'DAILY' }),
    check: (r) => { expect(r).toMatchObject({ url: 'https://altri.example.org/catalog.ttl', source_type: 'dcat_rdf', frequency: 'DAILY' }); expect(r.next_run).toBeTruthy(); },
    invalid: async () => [{ id: (await seedSource(cat, world.orgA.name)).id, url: 'https://a.example.org', source_type: 'ckan', config: '[1]' }, 'config'],
  },
  harvest_source_patch: {
    as: 'admin', input: async () => ({ id: (await seedSource(cat, world.orgA.name)).id, title: 'Nuovo titolo' }),
    check: (r) => expect(r).toMatchObject({ title: 'Nuovo titolo', url: 'https://dati.example.org/' }),
    invalid: async () => [{ id: (await seedSource(cat, world.orgA.name)).id, source_type: 'oai' }, 'source_type'],
  },
  harvest_source_show: { as: 'admin', input: async () => ({ id: (await seedSource(cat, world.orgA.name)).name }), check: (r, i) => expect(r).toMatchObject({ name: i.id, type: 'harvest' }) },
  harvest_source_list: { as: 'admin', input: async () => ({}), check: (r) => { expect(r.length).toBeGreaterThan(0); expect(r.every((s: any) => s.owner_org === world.orgA.id)).toBe(true); } },
  harvest_source_delete: {
    as: 'admin', input: async () => ({ id: (await seedSource(cat, world.orgA.name)).id }),
    check: async (r, i) => { expect(r).toBeNull(); expect((await callAction(cat, 'harvest_source_show', { id: i.id }, world.users.sysadmin.token)).status).toBe(404); },
    invalid: async () => [{ id: 'x', clear: 'forse' }, 'clear'],
  },
  harvest_job_create: {
    as: 'admin', input: async () => ({ source_id: (await seedSource(cat, world.orgA.name)).id }),
    check: async (r, i) => {
      expect(r).toMatchObject({ source_id: i.source_id, status: 'New', stats: { added: 0, updated: 0, deleted: 0, errored: 0 } });
      expect((await callAction(cat, 'harvest_job_create', i, world.users.admin.token)).status).toBe(409);
    },
    invalid: async () => [{ source_id: 'x', subito: true }, 'subito'],
  },
  harvest_job_show: {
    as: 'admin', input: async () => ({ id: (await runAction<any>('harvest_job_create', await sysadminContext(cat), { source_id: (await seedSource(cat, world.orgA.name)).id })).id }),
    check: (r, i) => expect(r).toMatchObject({ id: i.id, status: 'New', gather_errors: [], object_errors: [] }),
  },
  harvest_job_list: {
    as: 'admin', input: async () => {
      const source = await seedSource(cat, world.orgA.name);
      await runAction('harvest_job_create', await sysadminContext(cat), { source_id: source.id });
      return { source_id: source.id };
    },
    check: (r, i) => expect(r).toEqual([expect.objectContaining({ source_id: i.source_id, status: 'New' })]),
  },
  harvest_dataset_detach: {
    as: 'admin', input: async () => {
      const dataset = await ds();
      await markHarvested(cat, dataset);
      return { id: dataset.id };
    },
    check: async (r, i) => {
      expect(r).toBeNull();
      expect((await callAction(cat, 'package_patch', { id: i.id, title: 'Ora locale' }, world.users.admin.token)).status).toBe(200);
    },
    invalid: async () => [{ id: (await ds()).id }, 'id'],
  },
};

/** A DataStore table of orgA (rows a=1, b=2). */
const dsTable = async () => seedDatastoreTable(cat, world.orgA.name);

/** A resource of orgA with an uploaded CSV, loaded into the DataStore before resource_create returns. */
async function uploadedTable(): Promise<string> {
  const res = await uploadTo(cat, 'resource_create', { package_id: (await ds()).id }, { content: Buffer.from('codice;valore\n001;1\n002;2\n'), filename: 'codici.csv' }, world.users.editor.token);
  return res.body.result.id;
}

beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
  other = await makeUser(cat);
  // 'ambiente' is the group of the EU theme ENVI, which every catalogue has (server/catalogue/themes.ts).
  pkg = await seedDataset(cat, world.orgA.name, {
    title: "Qualità dell'aria", tags: [{ name: 'aria' }, { name: 'ambiente' }], groups: [{ name: 'ambiente' }],
    resources: [{ name: 'Misure', url: 'https://example.org/aria.csv' }],
  });
});
afterAll(async () => cat.close());

const token = (as: Case['as']) => (as === 'anonymous' ? undefined : world.users[as].token);
registerAllActions(); // the table below is built from the registry at load time
const writes = new Set(listActions().filter((a) => a.kind === 'write').map((a) => a.name));

describe('every registered action', () => {
  it('has a case here (a new action without tests fails this)', () => {
    expect(Object.keys(CASES).sort()).toEqual(listActions().map((a) => a.name).sort());
  });

  it('gives write actions an invalid-input case, and only them', () => {
    const withInvalid = Object.entries(CASES).filter(([, c]) => c.invalid).map(([n]) => n).sort();
    expect(withInvalid).toEqual([...writes].sort());
  });

  it.each(Object.keys(CASES))('%s succeeds and returns what it should', async (name) => {
    const c = CASES[name];
    const input = await c.input();
    const res = await callAction(cat, name, input, token(c.as));
    expect({ status: res.status, success: res.body.success, error: res.body.error }).toEqual({ status: 200, success: true, error: undefined });
    await c.check(res.body.result, input);
  });

  it.each([...writes].sort())('%s refuses anonymous callers with 403', async (name) => {
    const res = await callAction(cat, name, await CASES[name].input());
    expect(res.status).toBe(403);
    expect(res.body.error.__type).toBe('Authorization Error');
  });

  it.each([...writes].sort())('%s rejects invalid input with 409 naming the field', async (name) => {
    const [input, field] = await CASES[name].invalid!();
    const res = await callAction(cat, name, input, token(CASES[name].as));
    expect(res.status).toBe(409);
    expect(res.body.error.__type).toBe('Validation Error');
    expect(res.body.error[field]).toEqual(expect.arrayContaining([expect.stringMatching(/\S/)]));
  });
});

describe('file upload through resource_create', () => {
  it('accepts a multipart upload and fills size, hash and format', async () => {
    const res = await uploadTo(cat, 'resource_create', { package_id: (await ds()).id, name: 'Caricato' }, { content: Buffer.from('x;y\n1;2\n'), filename: 'misure.csv' }, world.users.editor.token);
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ url_type: 'upload', size: 8, format: 'CSV', mimetype: 'text/csv' });
    expect(res.body.result.url).toMatch(/\/download\/misure\.csv$/);
  });
});
