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
import { JobEntity } from '../jobs/entities';
import { NodeEntity } from '../nodes/entities';
import { FilePendingEntity } from '../files/entities';
import { ResourceLoadEntity } from '../ingest/entities';
import { harvestEntities } from '../harvest/entities';
import { migrations } from './migrations';
import { isPostgres } from './dialect';
import { pairWriter, writerOf } from './transaction';

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
  JobEntity,
  NodeEntity,
  FilePendingEntity,
  ResourceLoadEntity,
  ...harvestEntities,
];

/** The part of a better-sqlite3 connection that prepareDatabase uses. */
interface SqliteConnection {
  pragma(sql: string): unknown;
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): unknown;
}

export function sqlitePath(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'catalogo.sqlite');
}

/** SQLite's connection settings, shared by the writer and the reader. */
function prepareSqlite(db: SqliteConnection, readonly: boolean): void {
  // WAL lets readers go on while a write is in progress; the reader finds the file in WAL mode already.
  if (!readonly) db.pragma('journal_mode = WAL');
  // The busy timeout covers the CLI and the server writing at once.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // Searches over a large catalogue read the index, the packages and the facet tables again and again:
  // SQLite's default 2 MB page cache made them read through the operating system every time (twice
  // the time of a search at 100,000 datasets). A bound, not an allocation: the cache fills as pages
  // are read. Sorts and materialized matches (package_search's facets) stay in memory.
  db.pragma(`cache_size = -${readonly ? 65536 : 16384}`);
  db.pragma('temp_store = MEMORY');
  // SQLite's own lower() and upper() fold ASCII only; PostgreSQL's fold every letter. These make
  // "CITTÀ" find "città" on both.
  db.function('lower', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value));
  db.function('upper', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value));
}

function sqliteDataSource(config: Pick<Config, 'dataDir'>, readonly: boolean): DataSource {
  return new DataSource({
    type: 'better-sqlite3',
    database: sqlitePath(config),
    entities,
    migrations,
    synchronize: false,
    readonly,
    prepareDatabase: (db: SqliteConnection) => prepareSqlite(db, readonly),
  });
}

/** The database's writing connection (the only one on PostgreSQL, whose pool serves reads too). */
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
  return sqliteDataSource(config, false);
}

export { isPostgres } from './dialect';

/**
 * Opens the database and applies pending migrations (the upgrade path keeps data). On SQLite the
 * answer is a second, read-only connection: better-sqlite3 has one connection per DataSource, and a
 * read on the writing one would see another request's transaction half done. Writes reach the writer
 * through inTransaction and serializedWrite (transaction.ts). PostgreSQL gives every transaction its
 * own pooled connection, so reads never see uncommitted work there.
 */
export async function openDatabase(config: Pick<Config, 'dataDir' | 'databaseUrl'>): Promise<DataSource> {
  const writer = createDataSource(config);
  await writer.initialize();
  await writer.runMigrations({ transaction: 'each' });
  if (isPostgres(writer)) return writer;
  const reader = sqliteDataSource(config, true);
  await reader.initialize();
  pairWriter(reader, writer);
  return reader;
}

/** Closes the database opened by openDatabase: the reader and, on SQLite, its writer. */
export async function closeDatabase(db: DataSource): Promise<void> {
  const writer = writerOf(db);
  if (db.isInitialized) await db.destroy();
  if (writer !== db && writer.isInitialized) await writer.destroy();
}
