// The administration CLI: `npm run -s cli -- COMMAND ...`. It reads the server's environment, opens the
// same database and acts only through actions, on behalf of the site sysadmin (CKAN's `ckan sysadmin add`).
// stdout carries only what a script wants to capture (a token, an id); every message goes to stderr.
import fs from 'node:fs';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { grantSysadmin } from '../server/auth/grant-sysadmin';
import { ConfigError, loadConfig } from '../server/config';
import { runAction } from '../server/core/actions';
import { ActionContext, Services } from '../server/core/context';
import { BadRequest, NotAuthorized, NotFound, ValidationError } from '../server/core/errors';
import { createDataSource } from '../server/db/data-source';
import { seedIfEmpty } from '../server/seed/demo';
import { writeWholeCatalog } from '../server/dcat/catalog-stream';
import { rdfFormatForExtension } from '../server/dcat/rdf/writers';
import { siteUser } from '../server/seed/site-user';
import { closeServices, createServices } from '../server/services';
import { backup, restore } from './cli/backup';
import { jobsCommand } from './cli/jobs';
import { ImportFailed, importDcatCommand } from './cli/import-dcat';
import { searchReindex } from './cli/search-reindex';
import { UsageError } from './cli/usage-error';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

type Options = Record<string, string | boolean | undefined>;
type OptionSpec = NonNullable<ParseArgsConfig['options']>;

interface BaseCall {
  args: string[];
  options: Options;
  env: NodeJS.ProcessEnv;
  io: CliIo;
}

interface CommandCall extends BaseCall {
  ctx: ActionContext;
}

/** Commands that need no catalogue (help, migrate) open nothing, or open the database their own way. */
type Command = { usage: string; summary: string; positionals: number | [min: number, max: number]; options?: OptionSpec; required?: string[] } & (
  | { needsCatalogue: true; run(call: CommandCall): Promise<void> }
  | { needsCatalogue: false; run(call: BaseCall): Promise<void> }
);

const text = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

async function newToken(ctx: ActionContext, user: string, label: string): Promise<string> {
  const { token } = await runAction<{ token: string }>('api_token_create', ctx, { user, name: label });
  return token;
}

/** The user if it exists (user_show runs as sysadmin, so it sees everyone), else null. */
async function existingUser(ctx: ActionContext, name: string): Promise<{ id: string; sysadmin: boolean } | null> {
  try {
    return await runAction('user_show', ctx, { id: name });
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
}

async function ensureSysadmin({ args: [name], ctx, io }: CommandCall): Promise<void> {
  const user = await existingUser(ctx, name);
  if (!user) {
    // user_create's schema wants a dotted domain, so NAME@localhost is spelled in its long form.
    await runAction('user_create', ctx, { name, email: `${name}@localhost.localdomain`, sysadmin: true });
    io.err(`Creato l'amministratore di sistema ${name} (senza password: accede con il token).`);
  } else if (!user.sysadmin) {
    await grantSysadmin(ctx.services.db, user.id);
    io.err(`${name} è ora amministratore di sistema.`);
  } else {
    io.err(`${name} era già amministratore di sistema.`);
  }
  io.out(await newToken(ctx, name, 'cli'));
  io.err('Nuovo token API stampato qui sopra: conservalo, non sarà più mostrato.');
}

async function createUser({ args: [name], options, ctx, io }: CommandCall): Promise<void> {
  const input = {
    name, email: text(options.email), password: text(options.password), fullname: text(options.fullname),
    sysadmin: options.sysadmin === true,
  };
  const user = await runAction<{ id: string }>('user_create', ctx, input);
  io.err(`Creato l'utente ${name}${input.sysadmin ? ' (amministratore di sistema)' : ''}.`);
  io.out(user.id);
}

async function setPassword({ args: [name], options, ctx, io }: CommandCall): Promise<void> {
  await runAction('user_patch', ctx, { id: name, password: text(options.password) });
  io.err(`Password di ${name} cambiata.`);
}

async function createToken({ args: [name], options, ctx, io }: CommandCall): Promise<void> {
  io.out(await newToken(ctx, name, text(options.name) ?? 'cli'));
  io.err(`Nuovo token API per ${name} stampato qui sopra: conservalo, non sarà più mostrato.`);
}

async function createOrg({ args: [name], options, ctx, io }: CommandCall): Promise<void> {
  const input = { name, title: text(options.title), identifier: text(options.identifier) };
  const org = await runAction<{ id: string }>('organization_create', ctx, input);
  io.err(`Creata l'organizzazione ${name}.`);
  io.out(org.id);
}

async function addMember({ args: [org, user, role], ctx, io }: CommandCall): Promise<void> {
  await runAction('organization_member_create', ctx, { id: org, username: user, role });
  io.err(`${user} è ora ${role} di ${org}.`);
}

async function seedDemo({ ctx, io }: CommandCall): Promise<void> {
  const loaded = await seedIfEmpty(ctx.services);
  if (!loaded) io.err('Il catalogo contiene già dati: catalogo dimostrativo non caricato.');
  else io.err(`Caricato il catalogo dimostrativo: ${loaded.organizations} organizzazioni, ${loaded.datasets} dataset.`);
}

/** The whole DCAT-AP_IT catalogue in one file, streamed: for AgID submissions and offline harvesting. */
async function exportDcat({ options, ctx, io }: CommandCall): Promise<void> {
  const output = text(options.output)!;
  const format = rdfFormatForExtension(text(options.format) ?? output.split('.').pop() ?? '');
  if (!format) throw new UsageError('Formato sconosciuto: usa --format ttl, rdf, jsonld o nt (o un file con una di queste estensioni)');
  const { services } = ctx;
  const out = fs.createWriteStream(output);
  const finished = new Promise<void>((resolve, reject) => { out.on('finish', resolve); out.on('error', reject); });
  const source = { db: services.db.manager, settings: services.config.catalog, siteUrl: services.config.siteUrl };
  const count = await writeWholeCatalog(source, {}, { format, profile: 'compatible', stream: out });
  await finished;
  io.err(`Esportati ${count} dataset in ${output}.`);
}

/** Opens the database without createServices, which would apply the migrations before we can count them. */
async function migrate({ env, io }: BaseCall): Promise<void> {
  const db = createDataSource(loadConfig(env));
  await db.initialize();
  try {
    const ran = await db.runMigrations({ transaction: 'each' });
    const names = ran.map((m) => m.name).join(', ');
    if (!ran.length) io.err('Nessuna migrazione da applicare: il database è aggiornato.');
    else io.err(ran.length === 1 ? `Applicata 1 migrazione: ${names}.` : `Applicate ${ran.length} migrazioni: ${names}.`);
  } finally {
    await db.destroy();
  }
}

async function printHelp({ io }: BaseCall): Promise<void> {
  io.out('Uso: npm run -s cli -- COMANDO [ARGOMENTI]\n\nComandi:');
  for (const command of Object.values(commands)) io.out(`  ${command.usage.padEnd(62)} ${command.summary}`);
  io.out('\nLegge la stessa configurazione del server (DATABASE_URL, CATALOGO_DATA_DIR, ...).');
}

const commands: Record<string, Command> = {
  sysadmin: {
    usage: 'sysadmin NOME', positionals: 1, needsCatalogue: true, run: ensureSysadmin,
    summary: "crea l'amministratore di sistema (o promuove l'utente) e stampa un nuovo token",
  },
  user: {
    usage: 'user NOME --email E [--password P] [--fullname F] [--sysadmin]', positionals: 1, needsCatalogue: true,
    options: { email: { type: 'string' }, password: { type: 'string' }, fullname: { type: 'string' }, sysadmin: { type: 'boolean' } },
    required: ['email'], run: createUser, summary: 'crea un utente e ne stampa l\'id',
  },
  password: {
    usage: 'password NOME --password P', positionals: 1, needsCatalogue: true, options: { password: { type: 'string' } },
    required: ['password'], run: setPassword, summary: "imposta una nuova password (per chi l'ha dimenticata)",
  },
  token: {
    usage: 'token NOME [--name ETICHETTA]', positionals: 1, needsCatalogue: true, options: { name: { type: 'string' } },
    run: createToken, summary: "stampa un nuovo token API dell'utente",
  },
  org: {
    usage: 'org NOME --title TITOLO [--identifier CODICE_IPA]', positionals: 1, needsCatalogue: true,
    options: { title: { type: 'string' }, identifier: { type: 'string' } }, required: ['title'], run: createOrg,
    summary: "crea un'organizzazione e ne stampa l'id",
  },
  member: {
    usage: 'member ORGANIZZAZIONE UTENTE admin|editor|member', positionals: 3, needsCatalogue: true, run: addMember,
    summary: "aggiunge un utente a un'organizzazione con un ruolo",
  },
  migrate: { usage: 'migrate', positionals: 0, needsCatalogue: false, run: migrate, summary: 'applica le migrazioni del database' },
  'seed-demo': {
    usage: 'seed-demo', positionals: 0, needsCatalogue: true, run: seedDemo,
    summary: 'carica il catalogo dimostrativo, se il database è vuoto',
  },
  'export-dcat': {
    usage: 'export-dcat --output FILE [--format ttl|rdf|jsonld|nt]', positionals: 0, needsCatalogue: true,
    options: { output: { type: 'string' }, format: { type: 'string' } }, required: ['output'], run: exportDcat,
    summary: "scrive l'intero catalogo DCAT-AP_IT in un file",
  },
  'import-dcat': importDcatCommand,
  'search-reindex': {
    usage: 'search-reindex', positionals: 0, needsCatalogue: true, run: searchReindex,
    summary: "ricostruisce l'indice di ricerca dai dataset del catalogo, mostrando l'avanzamento",
  },
  jobs: jobsCommand,
  backup: { usage: 'backup FILE', positionals: 1, needsCatalogue: false, run: backup, summary: 'scrive in FILE un archivio con il database e tutti i file caricati' },
  restore: { usage: 'restore FILE', positionals: 1, needsCatalogue: false, run: restore, summary: 'ripristina un archivio di backup in una cartella dati e un database vuoti' },
  help: { usage: 'help', positionals: 0, needsCatalogue: false, run: printHelp, summary: 'mostra questo aiuto' },
};

function parseCommandLine(argv: string[]): { command: Command; args: string[]; options: Options } {
  const [name = 'help', ...rest] = argv;
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) throw new UsageError(`Comando sconosciuto: ${name}`);
  let parsed: { values: Options; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    const option = /'(-[^'\s]*)/.exec((error as Error).message)?.[1] ?? '';
    throw new UsageError(`Opzione non valida o senza valore: ${option}\nUso: ${command.usage}`);
  }
  const [least, most] = typeof command.positionals === 'number' ? [command.positionals, command.positionals] : command.positionals;
  if (parsed.positionals.length < least || parsed.positionals.length > most) {
    throw new UsageError(`Numero di argomenti errato.\nUso: ${command.usage}`);
  }
  const missing = (command.required ?? []).filter((option) => parsed.values[option] === undefined);
  if (missing.length) throw new UsageError(`Manca l'opzione --${missing[0]}.\nUso: ${command.usage}`);
  return { command, args: parsed.positionals, options: parsed.values };
}

/** One readable Italian message per kind of error; the stack only when asked for (CATALOGO_DEBUG=1). */
function describeError(error: unknown, debug: boolean): string {
  if (error instanceof ValidationError) {
    const lines = Object.entries(error.fields).map(([field, messages]) => `  ${field}: ${messages.join(' ')}`);
    return ['Dati non validi:', ...lines].join('\n');
  }
  if (error instanceof NotFound) return `Non trovato: ${error.message}`;
  if (error instanceof NotAuthorized) return `Accesso negato: ${error.message}`;
  if (error instanceof BadRequest || error instanceof UsageError || error instanceof ImportFailed) return error.message;
  if (error instanceof ConfigError) return `Configurazione non valida: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error ? `\n${error.stack}` : '';
  return `Errore: ${message}${stack}`;
}

async function withCatalogue(env: NodeJS.ProcessEnv, work: (ctx: ActionContext) => Promise<void>): Promise<void> {
  const services: Services = await createServices(loadConfig(env));
  try {
    await work({ services, user: await siteUser(services) });
  } finally {
    await closeServices(services);
  }
}

/** Runs one command line; returns the exit code (0 ok, 1 refused or failed, 2 bad command line). */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  try {
    const { command, args, options } = parseCommandLine(argv);
    const call: BaseCall = { args, options, env, io };
    if (command.needsCatalogue) await withCatalogue(env, (ctx) => command.run({ ...call, ctx }));
    else await command.run(call);
    return 0;
  } catch (error) {
    io.err(describeError(error, env.CATALOGO_DEBUG === '1'));
    if (error instanceof UsageError) io.err('Vedi: npm run -s cli -- help');
    return error instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) {
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  runCli(process.argv.slice(2), process.env, io).then((code) => {
    process.exitCode = code;
  });
}
