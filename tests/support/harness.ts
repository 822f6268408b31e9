// Test harness: a fresh catalogue per test file, on SQLite (a temp dir) or, when
// CATALOGO_TEST_DATABASE_URL is set, on a new PostgreSQL database created for the file and dropped after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Express } from 'express';
import { loadConfig, Config } from '../../server/config';
import { Services } from '../../server/core/context';
import { closeServices, createServices } from '../../server/services';
import { createApp } from '../../server/app';

export const testDatabaseUrl = process.env.CATALOGO_TEST_DATABASE_URL || '';
export const databaseKind = testDatabaseUrl ? 'postgres' : 'sqlite';

/** CREATE and DROP DATABASE, run from the server's `postgres` database: the URL's own need not exist. */
async function adminQuery(sql: string): Promise<void> {
  const admin = new URL(testDatabaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface EmptyPlace {
  dataDir: string;
  /** '' on SQLite; on PostgreSQL, a database made for this test alone. */
  databaseUrl: string;
  drop(): Promise<void>;
}

/** A new data directory and, on PostgreSQL, a new empty database: no migration has run yet. */
export async function emptyPlace(prefix = 'catalogo-test-'): Promise<EmptyPlace> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const name = `catalogo_t_${randomBytes(6).toString('hex')}`;
  let databaseUrl = '';
  if (testDatabaseUrl) {
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(testDatabaseUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  return {
    dataDir, databaseUrl,
    async drop() {
      if (testDatabaseUrl) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestCatalogue {
  services: Services;
  app: Express;
  config: Config;
  dataDir: string;
  /** Closes the database and opens it again on the same data: what a restart does. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startCatalogue(env: Record<string, string> = {}): Promise<TestCatalogue> {
  const place = await emptyPlace();
  const { dataDir, databaseUrl } = place;
  const config = loadConfig({
    CATALOGO_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, CATALOGO_SEED: 'none',
    CATALOGO_SITE_URL: 'http://catalogo.test',
    // Cheap hashing and no API limit, so that a busy machine runs the suite quickly; the tests of
    // those settings pass their own values.
    CATALOGO_PASSWORD_COST: '10', CATALOGO_API_RATE_LIMIT: '0', CATALOGO_LOG_LEVEL: 'silent', ...env,
  });
  const catalogue = {
    config, dataDir,
    services: await createServices(config),
    app: undefined as unknown as Express,
    async restart() {
      await closeServices(catalogue.services);
      catalogue.services = await createServices(config);
      catalogue.app = await createApp(catalogue.services);
    },
    async close() {
      await closeServices(catalogue.services);
      await place.drop();
    },
  };
  catalogue.app = await createApp(catalogue.services);
  return catalogue;
}
