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
let base: () => Record<string, unknown>;

/** The top-level fields an action's schema names, following a $ref into definitions.json. */
function fieldsOf(schemaFile: string): string[] {
  const schema = compileSchema(schemaFile).schema as { properties?: object; $ref?: string };
  const fromRef = schema.$ref ? (compileSchema(schema.$ref.split('#')[0]).schema as any).$defs[schema.$ref.split('/').pop()!].properties : {};
  return [...new Set([...Object.keys(schema.properties ?? {}), ...Object.keys(fromRef ?? {})])];
}

beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
  const pkg = await seedDataset(cat, world.orgA.name);
  // Valid-looking ids, so that odd values in one field reach the code behind the lookups.
  // A new name each time, so that creations get past the duplicate check to the database itself.
  base = () => ({ id: pkg.id, package_id: pkg.id, name: unique('nome'), owner_org: world.orgA.name, user: world.users.editor.name, user_id: world.users.editor.name, username: world.users.editor.name, role: 'member', email: 'valido@example.it' });
});
afterAll(async () => cat.close());

describe('odd input to every action', () => {
  const actions = () => listActions().filter((a) => a.schema);

  it('never answers 500 to a POST, field by field', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const action of actions()) {
      const fields = fieldsOf(action.schema!);
      // Only fields the action knows: an unknown one would stop every request at the schema.
      const valid = () => Object.fromEntries(Object.entries(base()).filter(([key]) => fields.includes(key)));
      for (const field of fields) {
        for (const value of ODD_VALUES) {
          const res = await callAction(cat, action.name, { ...valid(), [field]: value }, world.users.sysadmin.token);
          sent += 1;
          if (!ANSWERS.includes(res.status)) failures.push(`${action.name} ${field}=${JSON.stringify(value)?.slice(0, 40)}: ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The loops really ran: every action, every field.
    expect(sent).toBeGreaterThan(2000);
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
