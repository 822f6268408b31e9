// One DataSource factory for both databases. SQLite (better-sqlite3, WAL) by default; PostgreSQL when
// DATABASE_URL is set. Schema changes only ever come from migrations, never from `synchronize`.
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { Config } from '../config';
import { GroupEntity, PackageEntity, PackageGroupEntity, PackageTagEntity, ResourceEntity, ResourceFileEntity } from '../catalogue/entities';
import { ApiTokenEntity, MemberEntity, RateLimitEntity, SessionEntity, SystemSettingEntity, UserEntity } from '../auth/entities';
import { ActivityEntity } from '../activity/entities';
import { NodeEntity } from '../nodes/entities';
import { FilePendingEntity } from '../files/entities';
import { migrations } from './migrations';

export const entities = [
  GroupEntity,
  PackageEntity,
  ResourceEntity,
  ResourceFileEntity,
  PackageTagEntity,
  PackageGroupEntity,
  UserEntity,
  ApiTokenEntity,
  MemberEntity,
  SessionEntity,
  SystemSettingEntity,
  ActivityEntity,
  RateLimitEntity,
  NodeEntity,
  FilePendingEntity,
];

/** The part of a better-sqlite3 connection that prepareDatabase uses. */
interface SqliteConnection {
  pragma(sql: string): unknown;
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): unknown;
}

export function sqlitePath(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'catalogo.sqlite');
}

export function createDataSource(config: Pick<Config, 'dataDir' | 'databaseUrl'>): DataSource {
  if (config.databaseUrl) {
    return new DataSource({
      type: 'postgres',
      url: config.databaseUrl,
      entities,
      migrations,
      migrationsRun: false,
      synchronize: false,
      extra: { max: 10 },
    });
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  return new DataSource({
    type: 'better-sqlite3',
    database: sqlitePath(config),
    entities,
    migrations,
    synchronize: false,
    // WAL lets readers go on while a write is in progress; the busy timeout covers the CLI and the
    // server writing at once.
    prepareDatabase: (db: SqliteConnection) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      // SQLite's own lower() and upper() fold ASCII only; PostgreSQL's fold every letter. These make
      // "CITTÀ" find "città" on both.
      db.function('lower', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value));
      db.function('upper', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value));
    },
  });
}

export { isPostgres } from './dialect';

/** Opens the database and applies pending migrations (the upgrade path keeps data). */
export async function openDatabase(config: Pick<Config, 'dataDir' | 'databaseUrl'>): Promise<DataSource> {
  const db = createDataSource(config);
  await db.initialize();
  await db.runMigrations({ transaction: 'each' });
  return db;
}
