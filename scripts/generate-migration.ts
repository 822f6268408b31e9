// Prints the SQL that brings a database with every existing migration applied to the entities' schema,
// for SQLite and PostgreSQL: the body of the next migration. Usage (after npm run build):
//   node dist/scripts/generate-migration.js postgres://postgres@127.0.0.1:5432/EMPTY_DATABASE
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { entities } from '../server/db/data-source';
import { migrations } from '../server/db/migrations';

async function pendingQueries(options: ConstructorParameters<typeof DataSource>[0]): Promise<string[]> {
  const db = new DataSource({ ...options, entities, migrations, synchronize: false } as never);
  await db.initialize();
  await db.runMigrations();
  const log = await db.driver.createSchemaBuilder().log();
  await db.destroy();
  return log.upQueries.map((q) => q.query);
}

async function main(): Promise<void> {
  const pgUrl = process.argv[2];
  if (!pgUrl) throw new Error('usage: generate-migration POSTGRES_URL_OF_AN_EMPTY_DATABASE');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-mig-'));
  const sqlite = await pendingQueries({ type: 'better-sqlite3', database: path.join(dir, 'x.sqlite') });
  const postgres = await pendingQueries({ type: 'postgres', url: pgUrl });
  process.stdout.write(`${JSON.stringify({ sqlite, postgres }, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
