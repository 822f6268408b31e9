// Runs the CLI in-process (runCli) against a test catalogue's database, capturing what it prints.
import { runCli } from '../../scripts/cli';
import { emptyPlace, TestCatalogue } from '../support/harness';

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

/** An empty data directory and, on PostgreSQL, an empty database: no migration has run yet. */
export async function emptyEnvironment(): Promise<{ env: CliEnv; drop(): Promise<void> }> {
  const place = await emptyPlace('catalogo-cli-');
  return { env: { CATALOGO_DATA_DIR: place.dataDir, DATABASE_URL: place.databaseUrl, CATALOGO_SEED: 'none' }, drop: place.drop };
}
