// The stdout contract, checked on the real executable: `TOKEN=$(npm run -s cli -- sysadmin admin)`
// must capture the token and nothing else, and a refusal must exit non-zero with a message, no stack.
import { execFile } from 'node:child_process';
import { callAction, unique } from '../support/factories';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { compiledEntry } from '../support/compiled';
import { envOf } from './support';

let compiledCli = '';

function runCompiled(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [compiledCli, ...args], { env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the compiled CLI, as a child process', () => {
  let cat: TestCatalogue;
  beforeAll(async () => {
    compiledCli = compiledEntry('scripts/cli');
    cat = await startCatalogue();
  }, 120_000);
  afterAll(async () => cat?.close());

  it('prints the token alone on stdout, ready for $(...)', async () => {
    const run = await runCompiled(envOf(cat), 'sysadmin', 'admin');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^cat_[\w-]+\n$/);
    expect(run.stderr).toContain('amministratore di sistema');
    const org = await callAction(cat, 'organization_create', { name: unique('ente'), title: 'Ente' }, run.stdout.trim());
    expect(org.status).toBe(200);
  });

  it('exits non-zero with an Italian message and no stack trace', async () => {
    const run = await runCompiled(envOf(cat), 'member', 'ente-inesistente', 'admin', 'capo');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('role: Valore non ammesso');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
