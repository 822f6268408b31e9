// Bad input never gets a 500: every action, every field of its schema, odd values of every type, sent by
// a sysadmin (whose requests reach deepest into the code). Whatever the answer, it is one of CKAN's.
import { listActions } from '../../server/core/actions';
import { compileSchema } from '../../server/core/schemas';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction, unique } from '../support/factories';
import { buildWorld, seedDataset, World } from './world';

const ODD_VALUES: unknown[] = [
  null, 0, -1, 1e308, true, [], [null], {}, { '': {} }, '', ' ', '../../etc/passwd', '<script>alert(1)</script>',
  "'; DROP TABLE package; --", 'x'.repeat(20000), 'y'.repeat(450), `https://example.org/${'a'.repeat(1900)}`, '9'.repeat(30), '\u0000', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '*:*', '(((', 'metadata_modified:[x TO y]',
];
const ANSWERS = [200, 400, 403, 404, 409, 413];

let cat: TestCatalogue;
let world: World;
let base: (action: string) => Record<string, unknown>;

// The DCAT-AP_IT fields the actions accept: they must be among the fields the loops below go through.
const DCAT_DATASET_FIELDS = [
  'identifier', 'alternate_identifier', 'theme', 'frequency', 'publisher_name', 'publisher_identifier', 'holder_name',
  'holder_identifier', 'creator', 'issued', 'modified', 'language', 'temporal_start', 'temporal_end', 'geographical_name',
  'geographical_geonames_url', 'conforms_to', 'is_version_of', 'contact_name', 'contact_email', 'dcatapit_defaults', 'dcat_quality',
];
const DCAT_RESOURCE_FIELDS = ['format', 'license_id', 'language', 'access_url', 'download_url', 'byte_size', 'checksum', 'media_type'];

type SchemaNode = { properties?: object; $ref?: string; allOf?: SchemaNode[] };

/** The schema a $ref points to: "file.json#/$defs/x", or "#/$defs/x" inside `file`. */
function resolveRef(ref: string, file: string): { node: SchemaNode; file: string } {
  const [refFile, pointer] = ref.split('#');
  const target = refFile || file;
  const root = compileSchema(target).schema as SchemaNode & { $defs?: Record<string, SchemaNode> };
  return { node: pointer ? root.$defs![pointer.split('/').pop()!] : root, file: target };
}

/** The top-level fields a schema names, following $ref and allOf (definitions.json's DCAT-AP_IT parts). */
function propertiesOf(node: SchemaNode, file: string): string[] {
  const own = Object.keys(node.properties ?? {});
  const target = node.$ref ? resolveRef(node.$ref, file) : null;
  const fromRef = target ? propertiesOf(target.node, target.file) : [];
  const fromAllOf = (node.allOf ?? []).flatMap((part) => propertiesOf(part, file));
  return [...own, ...fromRef, ...fromAllOf];
}

function fieldsOf(schemaFile: string): string[] {
  return [...new Set(propertiesOf(compileSchema(schemaFile).schema as SchemaNode, schemaFile))];
}

beforeAll(async () => {
  // Thousands of requests from one sysadmin: far past the API's default rate limit.
  cat = await startCatalogue({ CATALOGO_API_RATE_LIMIT: '1000000' });
  world = await buildWorld(cat);
  const pkg = await seedDataset(cat, world.orgA.name);
  // The resource actions get a resource of their own dataset: package_update with odd `resources` may empty pkg's list.
  const resource = (await seedDataset(cat, world.orgA.name)).resources[0];
  // Valid-looking ids, so that odd values in one field reach the code behind the lookups.
  // A new name each time, so that creations get past the duplicate check to the database itself.
  // A description and a link with a format, so that a public dataset and its resource get past the DCAT-AP_IT checks.
  base = (action: string) => ({
    id: action.startsWith('resource_') ? resource.id : pkg.id, package_id: pkg.id, name: unique('nome'), notes: 'Descrizione',
    url: 'https://example.org/dati.csv', owner_org: world.orgA.name, user: world.users.editor.name, user_id: world.users.editor.name,
    username: world.users.editor.name, role: 'member', email: 'valido@example.it',
  });
});
afterAll(async () => cat.close());

describe('odd input to every action', () => {
  const actions = () => listActions().filter((a) => a.schema);

  it('goes through the DCAT-AP_IT fields of datasets and resources', () => {
    for (const action of ['package_create', 'package_update', 'package_patch']) expect(fieldsOf(`${action}.json`)).toEqual(expect.arrayContaining(DCAT_DATASET_FIELDS));
    for (const action of ['resource_create', 'resource_update', 'resource_patch']) expect(fieldsOf(`${action}.json`)).toEqual(expect.arrayContaining(DCAT_RESOURCE_FIELDS));
  });

  it('never answers 500 to a POST, field by field', async () => {
    const failures: string[] = [];
    const accepted = new Set<string>();
    let sent = 0;
    for (const action of actions()) {
      const fields = fieldsOf(action.schema!);
      // Only fields the action knows: an unknown one would stop every request at the schema.
      const valid = () => Object.fromEntries(Object.entries(base(action.name)).filter(([key]) => fields.includes(key)));
      for (const field of fields) {
        for (const value of ODD_VALUES) {
          const res = await callAction(cat, action.name, { ...valid(), [field]: value }, world.users.sysadmin.token);
          sent += 1;
          if (!ANSWERS.includes(res.status)) failures.push(`${action.name} ${field}=${JSON.stringify(value)?.slice(0, 40)}: ${res.status}`);
          if (res.status === 200) accepted.add(`${action.name} ${field}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The loops really ran: every action, every field.
    expect(sent).toBeGreaterThan(2000);
    // And the odd values got past the lookups and the DCAT-AP_IT checks into the writes: each new field was
    // accepted (and stored) at least once, by every write that takes it.
    const notAccepted = [
      ...['package_create', 'package_update', 'package_patch'].flatMap((a) => DCAT_DATASET_FIELDS.map((f) => `${a} ${f}`)),
      ...['resource_create', 'resource_update', 'resource_patch'].flatMap((a) => DCAT_RESOURCE_FIELDS.map((f) => `${a} ${f}`)),
    ].filter((key) => !accepted.has(key));
    expect(notAccepted).toEqual([]);
  }, 300000);

  it("never answers 500 to odd values in a dataset's resources, field by field", async () => {
    const failures: string[] = [];
    const fields = fieldsOf('resource_create.json').filter((f) => f !== 'package_id');
    for (const field of fields) {
      for (const value of ODD_VALUES) {
        const resources = [{ url: 'https://example.org/dati.csv', [field]: value }];
        const res = await callAction(cat, 'package_create', { name: unique('nome'), notes: 'Descrizione', owner_org: world.orgA.name, resources }, world.users.sysadmin.token);
        if (!ANSWERS.includes(res.status)) failures.push(`package_create resources.0.${field}=${JSON.stringify(value)?.slice(0, 40)}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300000);

  it('never answers 500 to odd query strings on reads', async () => {
    const failures: string[] = [];
    for (const action of actions().filter((a) => a.kind === 'read')) {
      for (const field of fieldsOf(action.schema!)) {
        for (const value of ['', '[]', '{"a":1}', 'x'.repeat(5000), '-1', 'NaN', '%00', '*:*']) {
          const res = await getAction(cat, action.name, { [field]: value }, world.users.sysadmin.token);
          if (!ANSWERS.includes(res.status)) failures.push(`GET ${action.name} ${field}=${value.slice(0, 20)}: ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300000);
});
