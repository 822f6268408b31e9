// /healthz answers while the process is up, without the database; /readyz answers 200 only when the
// database answers and every migration is applied, and 503 once a shutdown has begun.
import request from 'supertest';
import { createApp } from '../../server/app';
import { inTransaction } from '../../server/db/transaction';
import { markDraining } from '../../server/ops/health';
import { knownMigrationNames } from '../../server/ops/migration-names';
import { databaseKind, startCatalogue, TestCatalogue } from '../support/harness';

let cat: TestCatalogue;
/** The n-th query parameter's placeholder in the test database's SQL. */
const param = (n: number) => (databaseKind === 'postgres' ? `$${n}` : '?');

beforeAll(async () => {
  cat = await startCatalogue();
});
afterAll(async () => cat?.close());

describe('health endpoints', () => {
  it('/healthz says the process is up', async () => {
    const res = await request(cat.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('/readyz says the database answers and its migrations are applied', async () => {
    const res = await request(cat.app).get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: databaseKind, migrations: knownMigrationNames().length });
  });

  it('neither is rate limited', async () => {
    for (let i = 0; i < 120; i++) {
      await request(cat.app).get(i % 2 ? '/healthz' : '/readyz').expect(200);
    }
  });

  it('/readyz is 503 while a migration is missing', async () => {
    const [last] = knownMigrationNames().slice(-1);
    const [row] = await cat.services.db.query(`SELECT id, timestamp, name FROM migrations WHERE name = ${param(1)}`, [last]);
    await inTransaction(cat.services.db, (m) => m.query(`DELETE FROM migrations WHERE name = ${param(1)}`, [last]));
    try {
      const res = await request(cat.app).get('/readyz').expect(503);
      expect(res.body).toMatchObject({ status: 'unavailable', reason: 'migrazioni da applicare', pending: [last] });
    } finally {
      const values = `${param(1)}, ${param(2)}, ${param(3)}`;
      await inTransaction(cat.services.db, (m) => m.query(`INSERT INTO migrations (id, timestamp, name) VALUES (${values})`, [row.id, row.timestamp, row.name]));
    }
    await request(cat.app).get('/readyz').expect(200);
  });

  it('/readyz is 503 once a shutdown has begun, /healthz still 200', async () => {
    const app = await createApp(cat.services);
    markDraining(app);
    const res = await request(app).get('/readyz').expect(503);
    expect(res.body).toEqual({ status: 'draining', reason: 'arresto in corso' });
    await request(app).get('/healthz').expect(200);
  });

  it('/readyz is 503 when the database is gone, /healthz still 200', async () => {
    await cat.services.db.destroy();
    const res = await request(cat.app).get('/readyz').expect(503);
    expect(res.body).toMatchObject({ status: 'unavailable' });
    await request(cat.app).get('/healthz').expect(200);
  });
});
