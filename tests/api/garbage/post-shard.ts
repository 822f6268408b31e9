// One shard of "never answers 500 to a POST, field by field": see odd-input.ts.
import { callAction } from '../../support/factories';
import {
  actionFields, ANSWERS, DATASET_WRITES, DCAT_DATASET_FIELDS, DCAT_RESOURCE_FIELDS, fieldsOf, ODD_VALUES, OddInputWorld,
  RESOURCE_WRITES, shardOf, startOddInputWorld,
} from './odd-input';

export const POST_SHARDS = 10;

/** The DCAT-AP_IT (action, field) pairs: each must be accepted (and stored) at least once. */
const dcatPairs = new Set([
  ...DATASET_WRITES.flatMap((a) => DCAT_DATASET_FIELDS.map((f) => `${a} ${f}`)),
  ...RESOURCE_WRITES.flatMap((a) => DCAT_RESOURCE_FIELDS.map((f) => `${a} ${f}`)),
]);

export function postShard(index: number): void {
  let odd: OddInputWorld;
  beforeAll(async () => {
    odd = await startOddInputWorld();
  });
  afterAll(async () => odd.cat.close());

  it(`never answers 500 to a POST, field by field (shard ${index} of ${POST_SHARDS})`, async () => {
    const pairs = shardOf(actionFields(), index, POST_SHARDS);
    const failures: string[] = [];
    const accepted = new Set<string>();
    for (const { action, schema, field } of pairs) {
      // Only fields the action knows: an unknown one would stop every request at the schema.
      const fields = fieldsOf(schema);
      const valid = () => Object.fromEntries(Object.entries(odd.base(action)).filter(([key]) => fields.includes(key)));
      for (const value of ODD_VALUES) {
        const res = await callAction(odd.cat, action, { ...valid(), [field]: value }, odd.world.users.sysadmin.token);
        if (!ANSWERS.includes(res.status)) failures.push(`${action} ${field}=${JSON.stringify(value)?.slice(0, 40)}: ${res.status}`);
        if (res.status === 200) accepted.add(`${action} ${field}`);
      }
    }
    expect(failures).toEqual([]);
    // The loop really ran, and the odd values got past the lookups and the DCAT-AP_IT checks into the
    // writes: each DCAT-AP_IT field of this shard was accepted at least once by every write that takes it.
    expect(pairs.length).toBeGreaterThan(20);
    const notAccepted = pairs.map((p) => `${p.action} ${p.field}`).filter((key) => dcatPairs.has(key) && !accepted.has(key));
    expect(notAccepted).toEqual([]);
  }, 180000);
}
