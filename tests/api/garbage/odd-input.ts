// Bad input never gets a 500: every action, every field of its schema, odd values of every type, sent by
// a sysadmin (whose requests reach deepest into the code). Whatever the answer, it is one of CKAN's.
// Several thousand requests: the test files each take a shard of the (action, field) pairs, so that no
// file runs for more than a minute on a busy machine.
import { listActions } from '../../../server/core/actions';
import { compileSchema } from '../../../server/core/schemas';
import { registerAllActions } from '../../../server/actions';
import { startCatalogue, TestCatalogue } from '../../support/harness';
import { unique } from '../../support/factories';
import { buildWorld, seedDataset, World } from '../world';

export const ODD_VALUES: unknown[] = [
  null, 0, -1, 1e308, true, [], [null], {}, { '': {} }, '', ' ', '../../etc/passwd', '<script>alert(1)</script>',
  "'; DROP TABLE package; --", 'x'.repeat(20000), 'y'.repeat(450), `https://example.org/${'a'.repeat(1900)}`, '9'.repeat(30), '\u0000', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '*:*', '(((', 'metadata_modified:[x TO y]',
];
export const ANSWERS = [200, 400, 403, 404, 409, 413];

// The DCAT-AP_IT fields the actions accept: they must be among the fields the loops go through.
export const DCAT_DATASET_FIELDS = [
  'identifier', 'alternate_identifier', 'theme', 'frequency', 'publisher_name', 'publisher_identifier', 'holder_name',
  'holder_identifier', 'creator', 'issued', 'modified', 'language', 'temporal_start', 'temporal_end', 'geographical_name',
  'geographical_geonames_url', 'conforms_to', 'is_version_of', 'contact_name', 'contact_email', 'dcatapit_defaults', 'dcat_quality',
];
export const DCAT_RESOURCE_FIELDS = ['format', 'license_id', 'language', 'access_url', 'download_url', 'byte_size', 'checksum', 'media_type'];
export const DATASET_WRITES = ['package_create', 'package_update', 'package_patch'];
export const RESOURCE_WRITES = ['resource_create', 'resource_update', 'resource_patch'];

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

export function fieldsOf(schemaFile: string): string[] {
  return [...new Set(propertiesOf(compileSchema(schemaFile).schema as SchemaNode, schemaFile))];
}

export interface ActionField {
  action: string;
  kind: 'read' | 'write';
  schema: string;
  field: string;
}

/** Every (action, field) pair with a schema, in a stable order. */
export function actionFields(): ActionField[] {
  registerAllActions();
  return listActions()
    .filter((a) => a.schema)
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((a) => fieldsOf(a.schema!).map((field) => ({ action: a.name, kind: a.kind, schema: a.schema!, field })));
}

/** Shard `index` (1-based) of `count`: every count-th pair, so that each shard mixes big and small actions. */
export function shardOf<T>(items: T[], index: number, count: number): T[] {
  return items.filter((_, i) => i % count === index - 1);
}

export interface OddInputWorld {
  cat: TestCatalogue;
  world: World;
  /** Valid values for the fields an action knows, so that an odd value in one field reaches deep. */
  base(action: string): Record<string, unknown>;
}

export async function startOddInputWorld(): Promise<OddInputWorld> {
  // Thousands of requests from one sysadmin: far past the API's default rate limit.
  const cat = await startCatalogue({ CATALOGO_API_RATE_LIMIT: '0' });
  const world = await buildWorld(cat);
  const pkg = await seedDataset(cat, world.orgA.name);
  // The resource actions get a resource of their own dataset: package_update with odd `resources` may empty pkg's list.
  const resource = (await seedDataset(cat, world.orgA.name)).resources[0];
  // Valid-looking ids, so that odd values in one field reach the code behind the lookups.
  // A new name each time, so that creations get past the duplicate check to the database itself.
  // A description and a link with a format, so that a public dataset and its resource get past the DCAT-AP_IT checks.
  const base = (action: string) => ({
    // No id for creations: a sysadmin's chosen id must be new, and these are (CKAN's empty_if_not_sysadmin).
    id: action.endsWith('_create') ? undefined : action.startsWith('resource_') ? resource.id : pkg.id, package_id: pkg.id, name: unique('nome'), notes: 'Descrizione',
    url: 'https://example.org/dati.csv', owner_org: world.orgA.name, user: world.users.editor.name, user_id: world.users.editor.name,
    username: world.users.editor.name, role: 'member', email: 'valido@example.it',
  });
  return { cat, world, base };
}
