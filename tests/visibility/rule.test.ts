// The visibility rule has two forms, a SQL condition for readers that query many datasets
// (datasetScope) and a predicate for one loaded dataset (canSee): for every kind of row, every reader
// and every combination of options, the database must select exactly the rows the predicate accepts.
import { randomUUID } from 'node:crypto';
import { Capacity } from '../../server/auth/entities';
import { PackageEntity } from '../../server/catalogue/entities';
import { ANONYMOUS, canSee, datasetScope, ReadOptions, Reader } from '../../server/catalogue/visibility';
import { nowIso } from '../../server/db/columns';
import { inTransaction } from '../../server/db/transaction';
import { startCatalogue, TestCatalogue } from '../support/harness';

const OWN_ORG = randomUUID();
const OTHER_ORG = randomUUID();

function memberOf(capacity: Capacity): Reader {
  return { sysadmin: false, capacities: new Map([[OWN_ORG, capacity]]) };
}

const READERS: Record<string, Reader> = {
  anonymous: ANONYMOUS,
  member: memberOf('member'),
  editor: memberOf('editor'),
  admin: memberOf('admin'),
  sysadmin: { sysadmin: true, capacities: new Map() },
};

const FLAGS = ['includePrivate', 'includeDrafts', 'includeDeleted', 'withDistribution'] as const;

/** All sixteen combinations of the four options. */
const OPTIONS: ReadOptions[] = Array.from({ length: 1 << FLAGS.length }, (_, bits) =>
  Object.fromEntries(FLAGS.map((flag, i) => [flag, (bits & (1 << i)) !== 0])));

let cat: TestCatalogue;
type Row = Pick<PackageEntity, 'id' | 'name' | 'state' | 'private' | 'hasDistribution' | 'ownerOrg' | 'metadataCreated' | 'metadataModified'>;
let rows: Row[];

beforeAll(async () => {
  cat = await startCatalogue();
  const now = nowIso();
  rows = [];
  for (const state of ['active', 'draft', 'deleted']) {
    for (const isPrivate of [false, true]) {
      for (const hasDistribution of [false, true]) {
        for (const ownerOrg of [OWN_ORG, OTHER_ORG]) {
          const id = randomUUID();
          rows.push({ id, name: `riga-${id.slice(0, 8)}`, state, private: isPrivate, hasDistribution, ownerOrg, metadataCreated: now, metadataModified: now });
        }
      }
    }
  }
  // Copies: TypeORM writes what it reads back after a many-row insert into the objects it was given.
  await inTransaction(cat.services.db, (m) => m.getRepository(PackageEntity).insert(rows.map((row) => ({ ...row }))));
});

afterAll(async () => cat?.close());

describe('the visibility rule', () => {
  it.each(Object.keys(READERS))('selects in SQL exactly what the predicate accepts, for the %s', async (name) => {
    const reader = READERS[name];
    const disagreements: string[] = [];
    for (const options of OPTIONS) {
      const scope = datasetScope('pkg', reader, options);
      const selected = await cat.services.db.getRepository(PackageEntity).createQueryBuilder('pkg')
        .select('pkg.id', 'id').where(scope.where, scope.params).getRawMany<{ id: string }>();
      const inSql = new Set(selected.map((r) => r.id));
      for (const row of rows) {
        if (inSql.has(row.id) !== canSee(reader, row, options)) {
          disagreements.push(`${JSON.stringify(options)} ${row.state} private=${row.private} distribution=${row.hasDistribution} own=${row.ownerOrg === OWN_ORG}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('lets anonymous readers see public, active datasets only, whatever they ask for', () => {
    const all: ReadOptions = { includePrivate: true, includeDrafts: true, includeDeleted: true };
    expect(rows.filter((row) => canSee(ANONYMOUS, row, all)).every((row) => row.state === 'active' && !row.private)).toBe(true);
  });
});
