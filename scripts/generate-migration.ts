// Prints the SQL that brings an empty database to the entities' schema, for SQLite and PostgreSQL,
// as the body of a migration. Usage: node dist/scripts/generate-migration.js POSTGRES_URL
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { entities } from '../server/db/data-source';

async function upQueries(options: ConstructorParameters<typeof DataSource>[0]): Promise<string[]> {
  const db = new DataSource({ ...options, entities, synchronize: false } as never);
  await db.initialize();
  const log = await db.driver.createSchemaBuilder().log();
  await db.destroy();
  return log.upQueries.map((q) => q.query);
}

async function main(): Promise<void> {
  const pgUrl = process.argv[2];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-mig-'));
  const sqlite = await upQueries({ type: 'better-sqlite3', database: path.join(dir, 'x.sqlite') });
  const postgres = await upQueries({ type: 'postgres', url: pgUrl });
  process.stdout.write(JSON.stringify({ sqlite, postgres }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
