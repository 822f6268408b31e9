// datastore_search_sql: one read-only SELECT over DataStore tables the caller may see; everything
// else refused with a 409 (or 404 for a table the caller may not see), and a time limit.
import { callAction } from '../support/factories';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { CITIES, cityTable, DatastoreWorld, makeWorld } from './support';

let cat: TestCatalogue;
let world: DatastoreWorld;
let cities: string;
let hidden: string;

beforeAll(async () => {
  cat = await startCatalogue();
  world = await makeWorld(cat);
  cities = await cityTable(cat, world.editor.token, world.publicDataset.id);
  hidden = await cityTable(cat, world.editor.token, world.privateDataset.id);
});
afterAll(async () => cat.close());

const sql = (text: string, token?: string) => callAction(cat, 'datastore_search_sql', { sql: text }, token);

describe('allowed queries', () => {
  it('answers records, fields and the sql, as CKAN', async () => {
    const text = `SELECT "città", abitanti, capoluogo, extra FROM "${cities}" WHERE abitanti > 100000 ORDER BY abitanti DESC`;
    const res = await sql(text);
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual({
      sql: text,
      fields: [{ id: 'città', type: 'text' }, { id: 'abitanti', type: 'int' }, { id: 'capoluogo', type: 'bool' }, { id: 'extra', type: 'json' }],
      records: [{ città: 'Firenze', abitanti: 360930, capoluogo: true, extra: { sigla: 'FI' } }, { città: 'Prato', abitanti: 195213, capoluogo: true, extra: null }],
    });
  });

  it('runs aggregates, WITH queries, joins and a trailing semicolon', async () => {
    const total = await sql(`SELECT count(*) AS n, sum(abitanti) AS tutti FROM "${cities}";`);
    expect(total.body.result.records).toEqual([{ n: CITIES.length, tutti: CITIES.reduce((s, c) => s + c.abitanti, 0) }]);
    const withQuery = await sql(`WITH grandi AS (SELECT "città" FROM "${cities}" WHERE abitanti > 150000) SELECT lower("città") AS nome FROM grandi ORDER BY nome`);
    expect(withQuery.body.result.records).toEqual([{ nome: 'firenze' }, { nome: 'prato' }]);
    const join = await sql(`SELECT count(*) AS n FROM "${cities}" a JOIN "${cities}" b ON a."città" = b."città"`);
    expect(join.body.result.records).toEqual([{ n: CITIES.length }]);
  });

  it('lets an editor read the table of a private dataset of their organization', async () => {
    const res = await sql(`SELECT count(*) AS n FROM "${hidden}"`, world.editor.token);
    expect(res.body.result.records).toEqual([{ n: CITIES.length }]);
  });
});

describe('refused queries', () => {
  const refused: Array<[string, string | (() => string)]> = [
    ['a write', () => `DELETE FROM "${cities}"`],
    ['an update in a WITH', () => `WITH x AS (UPDATE "${cities}" SET abitanti = 0 RETURNING *) SELECT * FROM x`],
    ['two statements', () => `SELECT 1; DELETE FROM "${cities}"`],
    ['two selects', () => `SELECT 1; SELECT 2`],
    ['ATTACH', "ATTACH DATABASE '/tmp/x.sqlite' AS x"],
    ['PRAGMA', 'PRAGMA table_info("user")'],
    ['a pragma function', 'SELECT * FROM pragma_table_info(\'user\')'],
    ['the catalogue\'s users', 'SELECT * FROM "user"'],
    ['the catalogue\'s datasets', 'SELECT name FROM package'],
    ['a schema-qualified catalogue table', 'SELECT * FROM public."user"'],
    ['the DataStore\'s own metadata', 'SELECT * FROM _table_metadata'],
    ['SQLite\'s schema', 'SELECT * FROM sqlite_schema'],
    ['PostgreSQL\'s catalog', 'SELECT * FROM pg_catalog.pg_tables'],
    ['information_schema', 'SELECT * FROM information_schema.tables'],
    ['pg_read_file', "SELECT pg_read_file('/etc/passwd')"],
    ['a quoted dangerous function', `SELECT "pg_read_file"('/etc/passwd')`],
    ['pg_sleep', 'SELECT pg_sleep(100)'],
    ['set_config', "SELECT set_config('search_path', 'public', false)"],
    ['load_extension', "SELECT load_extension('/tmp/x.so')"],
    ['dblink', "SELECT * FROM dblink('host=x', 'select 1') AS t(a int)"],
    ['lo_import', "SELECT lo_import('/etc/passwd')"],
    ['SELECT INTO', () => `SELECT * INTO copia FROM "${cities}"`],
    ['FOR UPDATE', () => `SELECT * FROM "${cities}" FOR UPDATE`],
    ['a dollar-quoted string', 'SELECT $$x$$'],
    ['an unclosed comment', 'SELECT 1 /* '],
    ['nothing', '   ;  '],
    ['a syntax error', 'SELECT FROM WHERE'],
  ];

  it.each(refused)('refuses %s with 409', async (_, text) => {
    const res = await sql(typeof text === 'function' ? text() : text);
    expect({ status: res.status, type: res.body.error?.__type }).toEqual({ status: 409, type: 'Validation Error' });
    expect(res.body.error.sql[0]).toMatch(/\S/);
  });

  it('leaves the table as it was', async () => {
    const res = await sql(`SELECT count(*) AS n FROM "${cities}"`);
    expect(res.body.result.records).toEqual([{ n: CITIES.length }]);
  });

  it('does not find the table of a private dataset for anonymous callers or outsiders', async () => {
    expect((await sql(`SELECT * FROM "${hidden}"`)).status).toBe(404);
    expect((await sql(`SELECT * FROM "${cities}" JOIN "${hidden}" USING ("città")`, world.outsider.token)).status).toBe(404);
  });
});

describe('the time limit', () => {
  it('stops a query that would run forever, with a clear error', async () => {
    cat.services.datastore.sqlTimeoutMs = 1000;
    try {
      const res = await sql('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c');
      expect(res.status).toBe(409);
      expect(res.body.error.sql[0]).toMatch(/tempo massimo/);
      // The store still answers afterwards.
      expect((await sql(`SELECT count(*) AS n FROM "${cities}"`)).body.result.records).toEqual([{ n: CITIES.length }]);
    } finally {
      cat.services.datastore.sqlTimeoutMs = 10_000;
    }
  });
});
