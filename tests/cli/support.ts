// Runs the CLI in-process (runCli) against a test catalogue's database, capturing what it prints.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runCli } from '../../scripts/cli';
import { testDatabaseUrl, TestCatalogue } from '../support/harness';

export interface CliRun {
  code: number;
  stdout: string[];
  stderr: string;
}

export type CliEnv = Record<string, string>;

/** The environment the server of `cat` reads: the CLI must find the same database. */
export function envOf(cat: TestCatalogue): CliEnv {
  return { CATALOGO_DATA_DIR: cat.dataDir, DATABASE_URL: cat.config.databaseUrl ?? '', CATALOGO_SEED: 'none' };
}

export async function cli(env: CliEnv, ...argv: string[]): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, env, { out: (line) => stdout.push(line), err: (line) => stderr.push(line) });
  return { code, stdout, stderr: stderr.join('\n') };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty data directory and, on PostgreSQL, an empty database: no migration has run yet. */
export async function emptyEnvironment(): Promise<{ env: CliEnv; drop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-cli-'));
  const name = `catalogo_cli_${randomBytes(6).toString('hex')}`;
  let databaseUrl = '';
  if (testDatabaseUrl) {
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(testDatabaseUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  return {
    env: { CATALOGO_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, CATALOGO_SEED: 'none' },
    async drop() {
      if (testDatabaseUrl) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
