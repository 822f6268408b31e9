// Reads never see another request's transaction half done: on SQLite they go through their own
// read-only connection, on PostgreSQL through the pool. A write is seen once it commits.
import request from 'supertest';
import { PackageEntity } from '../../server/catalogue/entities';
import { inTransaction, writerOf } from '../../server/db/transaction';
import { databaseKind, startCatalogue, TestCatalogue } from '../support/harness';
import { makeDataset, makeOrg } from '../support/factories';

let cat: TestCatalogue;
beforeAll(async () => {
  cat = await startCatalogue();
});
afterAll(async () => cat.close());

describe(`reads during an open write (${databaseKind})`, () => {
  it('do not see the uncommitted change, and see it once committed', async () => {
    const org = await makeOrg(cat);
    const dataset = await makeDataset(cat, org.name, { title: 'Titolo prima' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let written!: () => void;
    const changed = new Promise<void>((resolve) => { written = resolve; });
    const write = inTransaction(cat.services.db, async (m) => {
      // A write that changes what a dataset shows also moves metadata_modified (the dataset cache's key).
      const modified = new Date(Date.now() + 1000).toISOString().replace('Z', '');
      await m.getRepository(PackageEntity).update({ id: dataset.id }, { title: 'Titolo a metà', metadataModified: modified });
      written();
      await gate; // the transaction stays open while the reads below run
    });
    await changed;
    const during = await request(cat.app).get('/api/3/action/package_show').query({ id: dataset.name });
    expect(during.body.result.title).toBe('Titolo prima');
    const page = await request(cat.app).get(`/dataset/${dataset.name}`);
    expect(page.text).toContain('Titolo prima');
    expect(page.text).not.toContain('Titolo a metà');
    release();
    await write;
    const after = await request(cat.app).get('/api/3/action/package_show').query({ id: dataset.name });
    expect(after.body.result.title).toBe('Titolo a metà');
  });

  it('the services connection refuses writes on SQLite: every write goes through the writer', async () => {
    const direct = cat.services.db.getRepository(PackageEntity).update({ name: 'nessuno' }, { title: 'x' });
    if (databaseKind === 'sqlite') {
      await expect(direct).rejects.toThrow(/readonly/i);
      expect(writerOf(cat.services.db)).not.toBe(cat.services.db);
    } else {
      await expect(direct).resolves.toBeDefined();
      expect(writerOf(cat.services.db)).toBe(cat.services.db);
    }
  });
});
