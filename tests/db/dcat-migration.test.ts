// Upgrading a catalogue made before the DCAT-AP_IT fields: existing datasets get the identifier new ones
// get (IPA code:name) and their has_distribution flag, so they appear in the feeds at once.
import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/db/data-source';
import { migrations } from '../../server/db/migrations';
import { emptyPlace, EmptyPlace } from '../support/harness';

let place: EmptyPlace;
let db: DataSource;

beforeAll(async () => {
  place = await emptyPlace('catalogo-upgrade-');
  db = createDataSource({ dataDir: place.dataDir, databaseUrl: place.databaseUrl || null });
  await db.initialize();
});
afterAll(async () => {
  await db.destroy();
  await place.drop();
});

const NOW = '2024-01-01T00:00:00.000000';

it('backfills identifiers and distribution flags of the datasets already there', async () => {
  const dcatIndex = migrations.findIndex((m) => m.name.startsWith('DcatFields'));
  // The schema as it was before: every migration up to the DCAT one.
  const before = new DataSource({ ...db.options, migrations: migrations.slice(0, dcatIndex) } as never);
  await before.initialize();
  await before.runMigrations();
  await before.query(`INSERT INTO "group" ("id", "name", "title", "identifier", "is_organization", "created") VALUES ('o1', 'comune-di-prato', 'Comune di Prato', 'c_g999', true, '${NOW}'), ('o2', 'ente-senza-ipa', 'Ente', '', true, '${NOW}')`);
  await before.query(`INSERT INTO "package" ("id", "name", "owner_org", "metadata_created", "metadata_modified") VALUES ('p1', 'bilancio', 'o1', '${NOW}', '${NOW}'), ('p2', 'vuoto', 'o1', '${NOW}', '${NOW}'), ('p3', 'senza-ipa', 'o2', '${NOW}', '${NOW}')`);
  await before.query(`INSERT INTO "resource" ("id", "package_id", "url", "created", "metadata_modified", "state") VALUES ('r1', 'p1', 'https://x.it/a.csv', '${NOW}', '${NOW}', 'active'), ('r2', 'p2', 'https://x.it/b.csv', '${NOW}', '${NOW}', 'deleted')`);
  await before.destroy();

  await db.runMigrations();
  const rows: { id: string; identifier: string; has_distribution: boolean | number }[] = await db.query('SELECT "id", "identifier", "has_distribution" FROM "package" ORDER BY "id"');
  expect(rows.map((r) => [r.id, r.identifier, Boolean(r.has_distribution)])).toEqual([
    ['p1', 'c_g999:bilancio', true],
    ['p2', 'c_g999:vuoto', false],
    ['p3', 'senza-ipa', false],
  ]);
}, 60000);
