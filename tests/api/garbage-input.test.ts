// Bad input never gets a 500 (see tests/api/garbage/odd-input.ts); the POST of every field of every
// action is split into shards (garbage-post-N.test.ts). Here: the shards cover everything, odd values
// inside a dataset's resources, and odd query strings on reads.
import { callAction, getAction, unique } from '../support/factories';
import {
  actionFields, ANSWERS, DATASET_WRITES, DCAT_DATASET_FIELDS, DCAT_RESOURCE_FIELDS, fieldsOf, ODD_VALUES, OddInputWorld,
  RESOURCE_WRITES, shardOf, startOddInputWorld,
} from './garbage/odd-input';
import { POST_SHARDS } from './garbage/post-shard';

let odd: OddInputWorld;
beforeAll(async () => {
  odd = await startOddInputWorld();
});
afterAll(async () => odd.cat.close());

describe('odd input to every action', () => {
  it('goes through the DCAT-AP_IT fields of datasets and resources', () => {
    for (const action of DATASET_WRITES) expect(fieldsOf(`${action}.json`)).toEqual(expect.arrayContaining(DCAT_DATASET_FIELDS));
    for (const action of RESOURCE_WRITES) expect(fieldsOf(`${action}.json`)).toEqual(expect.arrayContaining(DCAT_RESOURCE_FIELDS));
  });

  it('shards every (action, field) pair exactly once, thousands of requests in all', () => {
    const all = actionFields();
    const sharded = Array.from({ length: POST_SHARDS }, (_, i) => shardOf(all, i + 1, POST_SHARDS)).flat();
    expect(sharded).toHaveLength(all.length);
    expect(new Set(sharded.map((p) => `${p.action} ${p.field}`)).size).toBe(all.length);
    expect(all.length * ODD_VALUES.length).toBeGreaterThan(2000);
  });

  it("never answers 500 to odd values in a dataset's resources, field by field", async () => {
    const failures: string[] = [];
    const fields = fieldsOf('resource_create.json').filter((f) => f !== 'package_id');
    for (const field of fields) {
      for (const value of ODD_VALUES) {
        const resources = [{ url: 'https://example.org/dati.csv', [field]: value }];
        const res = await callAction(odd.cat, 'package_create', { name: unique('nome'), notes: 'Descrizione', owner_org: odd.world.orgA.name, resources }, odd.world.users.sysadmin.token);
        if (!ANSWERS.includes(res.status)) failures.push(`package_create resources.0.${field}=${JSON.stringify(value)?.slice(0, 40)}: ${res.status}`);
      }
    }
    expect(fields.length).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  }, 120000);

  it('never answers 500 to odd query strings on reads', async () => {
    const failures: string[] = [];
    const reads = actionFields().filter((p) => p.kind === 'read');
    for (const { action, field } of reads) {
      for (const value of ['', '[]', '{"a":1}', 'x'.repeat(5000), '-1', 'NaN', '%00', '*:*']) {
        const res = await getAction(odd.cat, action, { [field]: value }, odd.world.users.sysadmin.token);
        if (!ANSWERS.includes(res.status)) failures.push(`GET ${action} ${field}=${value.slice(0, 20)}: ${res.status}`);
      }
    }
    expect(reads.length).toBeGreaterThan(30);
    expect(failures).toEqual([]);
  }, 120000);
});
