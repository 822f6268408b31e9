// Upgrading a catalogue that already has two organizations with one IPA code, or two users with one email
// (in different cases): the migration to unique identities does not fail on them. The oldest keeps the
// code (the others lose it, for a sysadmin to set again) and the email's key (the others' email stays).
import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/db/data-source';
import { migrations } from '../../server/db/migrations';
import { emptyPlace, EmptyPlace } from '../support/harness';

let place: EmptyPlace;
let db: DataSource;

beforeAll(async () => {
  place = await emptyPlace('catalogo-identities-');
  db = createDataSource({ dataDir: place.dataDir, databaseUrl: place.databaseUrl || null });
  await db.initialize();
});

afterAll(async () => {
  await db.destroy();
  await place.drop();
});

const at = (day: number) => `2024-01-0${day}T00:00:00.000000`;

async function catalogueBeforeUniqueIdentities(): Promise<void> {
  const index = migrations.findIndex((m) => m.name.startsWith('UniqueIdentities'));
  const before = new DataSource({ ...db.options, migrations: migrations.slice(0, index) } as never);
  await before.initialize();
  await before.runMigrations();
  await before.query(`INSERT INTO "group" ("id", "name", "title", "identifier", "is_organization", "created") VALUES
    ('o1', 'comune-di-prato', 'Comune di Prato', 'c_g999', true, '${at(1)}'),
    ('o2', 'usurpatore', 'Usurpatore', 'c_g999', true, '${at(2)}'),
    ('o3', 'senza-codice', 'Senza codice', '', true, '${at(3)}'),
    ('o4', 'altro-senza-codice', 'Altro', '', true, '${at(4)}')`);
  await before.query(`INSERT INTO "user" ("id", "name", "email", "created") VALUES
    ('u1', 'mario', 'Mario.Rossi@Comune.it', '${at(1)}'),
    ('u2', 'mario2', 'mario.rossi@comune.it', '${at(2)}'),
    ('u3', 'anna', 'anna@comune.it', '${at(3)}'),
    ('u4', 'sistema', '', '${at(4)}'),
    ('u5', 'sistema2', '', '${at(5)}')`);
  await before.destroy();
}

it('keeps the oldest holder of a shared IPA code or email, and fails on neither', async () => {
  await catalogueBeforeUniqueIdentities();
  const warnings: string[] = [];
  const warn = jest.spyOn(console, 'warn').mockImplementation((message: string) => void warnings.push(message));
  try {
    await db.runMigrations({ transaction: 'each' });
  } finally {
    warn.mockRestore();
  }
  // The theme groups a later migration adds have no identifier: only the organizations made above count.
  const groups = await db.query(`SELECT "id", "identifier" FROM "group" WHERE "id" IN ('o1', 'o2', 'o3', 'o4', 'o5') ORDER BY "id"`);
  expect(groups.map((g: { id: string; identifier: string }) => [g.id, g.identifier])).toEqual([['o1', 'c_g999'], ['o2', ''], ['o3', ''], ['o4', '']]);
  const users = await db.query('SELECT "id", "email", "email_key" FROM "user" ORDER BY "id"');
  expect(users.map((u: { id: string; email: string; email_key: string | null }) => [u.id, u.email, u.email_key])).toEqual([
    ['u1', 'Mario.Rossi@Comune.it', 'mario.rossi@comune.it'],
    ['u2', 'mario.rossi@comune.it', null],
    ['u3', 'anna@comune.it', 'anna@comune.it'],
    ['u4', '', null],
    ['u5', '', null],
  ]);
  expect(warnings).toEqual([expect.stringContaining('mario2'), expect.stringContaining('usurpatore')]);
  await expect(db.query(`INSERT INTO "group" ("id", "name", "identifier", "created") VALUES ('o5', 'terzo', 'c_g999', '${at(5)}')`)).rejects.toThrow();
}, 60000);
