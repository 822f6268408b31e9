// The administration CLI acts through actions on the server's database: what it creates, the API sees.
import { UserEntity } from '../../server/auth/entities';
import { callAction, unique } from '../support/factories';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { cli, CliEnv, envOf } from './support';

const TOKEN = /^cat_[\w-]+$/;

describe('the catalogo CLI', () => {
  let cat: TestCatalogue;
  let env: CliEnv;
  let org: string;
  beforeAll(async () => {
    cat = await startCatalogue();
    env = envOf(cat);
    org = unique('comune');
    expect((await cli(env, 'org', org, '--title', 'Comune di prova', '--identifier', 'c_a001')).code).toBe(0);
  });
  afterAll(async () => cat.close());

  const createsDataset = async (token: string) =>
    (await callAction(cat, 'package_create', { name: unique('dati'), title: 'Dati', notes: 'Dati di prova', owner_org: org }, token)).status;

  it('creates a sysadmin and prints only a working token on stdout', async () => {
    const run = await cli(env, 'sysadmin', 'admin');
    expect(run.code).toBe(0);
    expect(run.stdout).toHaveLength(1);
    expect(run.stdout[0]).toMatch(TOKEN);
    expect(run.stderr).toContain("Creato l'amministratore di sistema admin");
    expect(await createsDataset(run.stdout[0])).toBe(200);
  });

  it('run twice, keeps one user and gives two tokens that both work', async () => {
    const first = await cli(env, 'sysadmin', 'gestore');
    const second = await cli(env, 'sysadmin', 'gestore');
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.stdout[0]).not.toBe(second.stdout[0]);
    expect(await cat.services.db.getRepository(UserEntity).countBy({ name: 'gestore' })).toBe(1);
    expect(await createsDataset(first.stdout[0])).toBe(200);
    expect(await createsDataset(second.stdout[0])).toBe(200);
  });

  it('makes an existing user a sysadmin', async () => {
    const name = unique('utente');
    expect((await cli(env, 'user', name, '--email', `${name}@comune.it`)).code).toBe(0);
    const before = (await cli(env, 'token', name)).stdout[0];
    expect((await callAction(cat, 'user_create', { name: unique('nuovo'), email: 'n@comune.it' }, before)).status).toBe(403);
    const promoted = await cli(env, 'sysadmin', name);
    expect(promoted.stderr).toContain('è ora amministratore di sistema');
    expect((await callAction(cat, 'user_create', { name: unique('nuovo'), email: 'n@comune.it' }, promoted.stdout[0])).status).toBe(200);
  });

  it('adds a user to an organization, whose token then publishes there', async () => {
    const name = unique('redattore');
    const created = await cli(env, 'user', name, '--email', `${name}@comune.it`, '--password', 'password-lunga-1', '--fullname', 'Anna Verdi');
    expect(created.code).toBe(0);
    const token = await cli(env, 'token', name, '--name', 'caricamenti');
    expect(token.stdout[0]).toMatch(TOKEN);
    expect(await createsDataset(token.stdout[0])).toBe(403);
    expect((await cli(env, 'member', org, name, 'editor')).code).toBe(0);
    expect(await createsDataset(token.stdout[0])).toBe(200);
  });

  it('resets a forgotten password, refusing one that is too short', async () => {
    const name = unique('smemorato');
    expect((await cli(env, 'user', name, '--email', `${name}@comune.it`, '--password', 'vecchia-password')).code).toBe(0);
    const hashBefore = (await cat.services.db.getRepository(UserEntity).findOneByOrFail({ name })).passwordHash;
    const short = await cli(env, 'password', name, '--password', 'corta');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('password');
    const reset = await cli(env, 'password', name, '--password', 'nuova-password-lunga');
    expect(reset.code).toBe(0);
    const hashAfter = (await cat.services.db.getRepository(UserEntity).findOneByOrFail({ name })).passwordHash;
    expect(hashAfter).not.toBe(hashBefore);
    const { verifyPassword } = await import('../../server/auth/passwords');
    expect(await verifyPassword('nuova-password-lunga', hashAfter)).toBe(true);
  });

  it('refuses an unknown role, naming the field and the allowed values', async () => {
    const run = await cli(env, 'member', org, 'admin', 'capo');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('role: Valore non ammesso: scegli tra admin, editor, member');
    expect(run.stdout).toEqual([]);
  });

  it('refuses a missing organization with an Italian message and no stack trace', async () => {
    const run = await cli(env, 'member', 'ente-inesistente', 'admin', 'editor');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('Non trovato: Organizzazione non trovata: ente-inesistente');
  });

  it('prints the fields of a validation error', async () => {
    const run = await cli(env, 'user', 'X', '--email', 'non-una-email');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Dati non validi:\n {2}(name|email): /);
  });

  it('answers a wrong command line with its usage, exit code 2', async () => {
    expect((await cli(env, 'pubblica')).stderr).toContain('Comando sconosciuto: pubblica');
    const noTitle = await cli(env, 'org', unique('ente'));
    expect(noTitle).toMatchObject({ code: 2, stdout: [] });
    expect(noTitle.stderr).toContain("Manca l'opzione --title");
    expect((await cli(env, 'token')).code).toBe(2);
    expect((await cli(env, 'token', 'admin', '--colore', 'blu')).stderr).toContain('Opzione non valida o senza valore: --colore');
  });

  it('explains a bad configuration', async () => {
    const run = await cli({ ...env, DATABASE_URL: 'mysql://localhost/x' }, 'sysadmin', 'admin');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Configurazione non valida: DATABASE_URL');
  });

  it('lists its commands', async () => {
    const run = await cli(env, 'help');
    expect(run.code).toBe(0);
    for (const command of ['sysadmin', 'user', 'token', 'org', 'member', 'migrate', 'seed-demo']) {
      expect(run.stdout.join('\n')).toContain(`  ${command}`);
    }
  });
});
