// Example inputs shown in the OpenAPI document. They chain into one story (an organization, a user, a
// dataset with a resource), so that tests/api-docs can replay them, in order, against a fresh catalogue:
// an example that stops working fails a test instead of misleading a reader.
type Example = Record<string, unknown>;

const org = 'comune-di-esempio';
const dataset = 'bilancio-2024';
const user = 'mario-rossi';

export const actionExamples: Record<string, Example> = {
  status_show: {},
  license_list: {},
  help_show: { name: 'package_search' },
  organization_create: { name: org, title: 'Comune di Esempio', identifier: 'c_z999', email: 'urp@comune.esempio.it' },
  organization_patch: { id: org, description: 'I dati aperti del Comune di Esempio.' },
  organization_update: { id: org, name: org, title: 'Comune di Esempio', identifier: 'c_z999' },
  organization_show: { id: org, include_datasets: true },
  organization_list: { all_fields: true, limit: 10 },
  group_create: { name: 'progetti-pnrr', title: 'Progetti PNRR', description: 'Dati dei progetti finanziati dal PNRR.' },
  group_update: { id: 'progetti-pnrr', title: 'Progetti del PNRR', description: 'Dati dei progetti finanziati dal PNRR.' },
  group_show: { id: 'ambiente' },
  group_list: { all_fields: true },
  user_create: { name: user, email: 'mario.rossi@comune.esempio.it', fullname: 'Mario Rossi', password: 'una-password-lunga' },
  user_show: { id: user },
  user_patch: { id: user, fullname: 'Mario Rossi', about: 'Ufficio statistica' },
  user_update: { id: user, email: 'mario.rossi@comune.esempio.it', fullname: 'Mario Rossi' },
  organization_member_create: { id: org, username: user, role: 'editor' },
  organization_list_for_user: { id: user, permission: 'create_dataset' },
  api_token_create: { user, name: 'script di caricamento' },
  api_token_list: { user_id: user },
  // A public dataset needs a description (notes); the DCAT-AP_IT fields (theme, frequency, ...) use the
  // EU vocabularies' codes; identifier, publisher and holder are derived from the organization if omitted.
  package_create: {
    name: dataset, title: 'Bilancio di previsione 2024', notes: 'Entrate e spese previste, per capitolo.',
    owner_org: org, license_id: 'CC-BY-4.0', tags: [{ name: 'bilancio' }], groups: [{ name: 'ambiente' }],
    theme: [{ theme: 'ECON', subthemes: [] }], frequency: 'ANNUAL', language: ['ITA'],
    temporal_start: '2024-01-01', temporal_end: '2024-12-31', geographical_name: 'ITA_FLR',
    contact_name: 'Ufficio ragioneria', contact_email: 'ragioneria@comune.esempio.it',
  },
  package_patch: { id: dataset, notes: 'Entrate e spese previste, per capitolo e per missione.' },
  // package_update replaces the whole dataset: fields left out (notes, theme, ...) are cleared.
  package_update: {
    id: dataset, name: dataset, title: 'Bilancio di previsione 2024', owner_org: org,
    notes: 'Entrate e spese previste, per capitolo e per missione.', theme: [{ theme: 'ECON', subthemes: [] }], frequency: 'ANNUAL',
  },
  resource_create: {
    package_id: dataset, name: 'Bilancio 2024 (CSV)', format: 'CSV', license_id: 'CC-BY-4.0', language: ['ITA'],
    url: 'https://www.comune.esempio.it/opendata/bilancio-2024.csv',
  },
  package_show: { id: dataset },
  package_search: { q: 'bilancio', rows: 10, 'facet.field': '["tags","organization"]' },
  package_list: { limit: 100 },
  current_package_list_with_resources: { limit: 10 },
  tag_list: { query: 'bil' },
  package_activity_list: { id: dataset, limit: 10 },
  organization_activity_list: { id: org, limit: 10 },
  recently_changed_packages_activity_list: { limit: 10 },
  // Activity ids are UUIDs assigned by the portal (package_activity_list gives them): the shape only.
  activity_show: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7' },
  activity_diff: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', object_type: 'package', diff_type: 'unified' },
  // Resource ids and token ids are UUIDs assigned by the portal: these examples show the shape only.
  resource_show: { id: '0b5b9a3e-6f1d-4c51-9a39-2a3c1f0e7d11' },
  resource_patch: { id: '0b5b9a3e-6f1d-4c51-9a39-2a3c1f0e7d11', description: 'Aggiornato al 30 giugno.' },
  resource_update: { id: '0b5b9a3e-6f1d-4c51-9a39-2a3c1f0e7d11', package_id: dataset, url: 'https://www.comune.esempio.it/opendata/bilancio-2024.csv' },
  resource_delete: { id: '0b5b9a3e-6f1d-4c51-9a39-2a3c1f0e7d11' },
  api_token_revoke: { jti: '5e0f6a2b-8c1d-4f3e-9b7a-1c2d3e4f5a6b' },
  organization_member_delete: { id: org, username: user },
  package_delete: { id: dataset },
  dataset_purge: { id: dataset },
  // Background jobs, for sysadmins. Job ids are UUIDs assigned by the portal: these show the shape only.
  job_list: { queues: ['default'], limit: 50 },
  job_show: { id: '3f2b8c1e-5a6d-4e7f-8a9b-0c1d2e3f4a5b' },
  job_cancel: { id: '3f2b8c1e-5a6d-4e7f-8a9b-0c1d2e3f4a5b' },
  job_clear: { queues: ['default'] },
  // The DataStore: a table per resource (its id names it), searched as in CKAN. Ids show the shape only.
  datastore_create: {
    resource: { package_id: dataset, name: 'Spese 2024 per capitolo' },
    fields: [{ id: 'capitolo', type: 'text' }, { id: 'importo', type: 'numeric', info: { label: 'Importo (euro)' } }],
    records: [{ capitolo: '0101', importo: 1200.5 }], primary_key: ['capitolo'],
  },
  datastore_upsert: { resource_id: '0b5b9a3e-6f1d-4c51-9a39-2a3c1f0e7d11', method: 'upsert', records: [{ capitolo: '0101', importo: 1300 }] },
  datastore_delete: { resource_id: '0b5b9a3e-6f1d-4c51-9a39-2a3c1f0e7d11', filters: { capitolo: '0101' } },
  datastore_info: { id: '0b5b9a3e-6f1d-4c51-9a39-2a3c1f0e7d11' },
  datastore_search: { resource_id: '0b5b9a3e-6f1d-4c51-9a39-2a3c1f0e7d11', filters: '{"capitolo": "0101"}', sort: 'importo desc', limit: 10 },
  datastore_search_sql: { sql: 'SELECT capitolo, sum(importo) AS totale FROM "0b5b9a3e-6f1d-4c51-9a39-2a3c1f0e7d11" GROUP BY capitolo' },
  // The DataStore load of an uploaded table (CSV, TSV, JSON, XLSX): its report, the editor's dictionary, a reload.
  resource_validation_show: { id: '0b5b9a3e-6f1d-4c51-9a39-2a3c1f0e7d11' },
  resource_dictionary_update: {
    id: '0b5b9a3e-6f1d-4c51-9a39-2a3c1f0e7d11',
    fields: [{ id: 'codice_istat', type: 'string', title: 'Codice ISTAT', description: 'Il codice ISTAT del comune, con gli zeri iniziali' }],
  },
  xloader_submit: { resource_id: '0b5b9a3e-6f1d-4c51-9a39-2a3c1f0e7d11' },
  // Harvesting (ckanext-harvest's actions), for sysadmins and the admins of the source's organization.
  harvest_source_create: {
    name: 'portale-regionale', title: 'Portale regionale', url: 'https://dati.regione.esempio.it', source_type: 'ckan',
    owner_org: org, frequency: 'WEEKLY', config: '{"owner_org": "comune-di-esempio"}',
  },
  harvest_source_patch: { id: 'portale-regionale', frequency: 'DAILY' },
  harvest_source_update: { id: 'portale-regionale', url: 'https://dati.regione.esempio.it/catalog.ttl', source_type: 'dcat_rdf', owner_org: org },
  harvest_source_show: { id: 'portale-regionale' },
  harvest_source_list: { organization_id: org },
  harvest_job_create: { source_id: 'portale-regionale' },
  harvest_job_list: { source_id: 'portale-regionale' },
  harvest_job_show: { id: '7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f' },
  harvest_dataset_detach: { id: dataset },
  harvest_source_delete: { id: 'portale-regionale' },
};
