// The migrations this code knows, by the names TypeORM records in its `migrations` table, oldest first.
import { MigrationInterface } from 'typeorm';
import { migrations } from '../db/migrations';

export function knownMigrationNames(): string[] {
  return migrations.map((Migration) => (new Migration() as MigrationInterface).name ?? Migration.name);
}
