// The migrations this code knows, by the names TypeORM records in its `migrations` table, oldest first.
import { MigrationInterface } from 'typeorm';
import { migrations } from '../db/migrations';

const names = migrations.map((Migration) => (new Migration() as MigrationInterface).name ?? Migration.name);

/** Fixed for the life of the process: made once, not on every readiness probe. */
export function knownMigrationNames(): string[] {
  return names;
}
