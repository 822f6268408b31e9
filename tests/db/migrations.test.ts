// The migrations are the only source of the schema (synchronize is off). If an entity and the
// migration disagree, TypeORM's schema builder would have something to change: that is the bug.
import { DataSource } from 'typeorm';
import { databaseKind, startCatalogue, TestCatalogue } from '../support/harness';

async function pendingSchemaChanges(db: DataSource): Promise<string[]> {
  const log = await db.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

describe(`the schema after migrations (${databaseKind})`, () => {
  let cat: TestCatalogue;
  beforeAll(async () => {
    cat = await startCatalogue();
  });
  afterAll(async () => cat.close());

  it('has every migration applied and none pending', async () => {
    expect(await cat.services.db.showMigrations()).toBe(false);
    const applied = await cat.services.db.query('SELECT name FROM migrations');
    expect(applied.map((r: { name: string }) => r.name)).toEqual(cat.services.db.migrations.map((m) => m.name));
  });

  it('matches the entities exactly: the schema builder has nothing left to do', async () => {
    expect(await pendingSchemaChanges(cat.services.db)).toEqual([]);
  });

  it('is still in agreement after a restart (migrations are not re-run destructively)', async () => {
    await cat.restart();
    expect(await cat.services.db.showMigrations()).toBe(false);
    expect(await pendingSchemaChanges(cat.services.db)).toEqual([]);
  });
});
