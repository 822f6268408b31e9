// `npm run -s cli -- jobs list|show ID|cancel ID|clear [CODA...]`: CKAN's `ckan jobs` commands, through
// the job actions, as the site sysadmin. stdout carries the listing (one job a line, as CKAN prints it);
// every message goes to stderr.
import type { CliIo } from '../cli';
import { runAction } from '../../server/core/actions';
import { ActionContext } from '../../server/core/context';
import type { JobDict } from '../../server/jobs/present';
import { UsageError } from './usage-error';

interface JobsCall {
  args: string[];
  options: Record<string, string | boolean | undefined>;
  ctx: ActionContext;
  io: CliIo;
}

const USAGE = 'jobs list [--all] [CODA...] | jobs show ID | jobs cancel ID | jobs clear [CODA...]';

function describeProgress(job: JobDict): string {
  if (!job.progress) return '-';
  const { done, total, message } = job.progress;
  return `${done}${total === null ? '' : `/${total}`}${message ? ` ${message}` : ''}`;
}

async function list({ args, options, ctx, io }: JobsCall): Promise<void> {
  const status = options.all ? ['queued', 'running', 'finished', 'failed', 'cancelled'] : undefined;
  const jobs = await runAction<JobDict[]>('job_list', ctx, { queues: args, ...(status ? { status } : {}) });
  if (!jobs.length) io.err(options.all ? 'Nessun lavoro.' : 'Nessun lavoro in attesa o in esecuzione.');
  for (const job of jobs) io.out(`${job.created} ${job.id} ${job.queue} ${job.status} ${job.type} "${job.title}"`);
}

async function show({ args: [id], ctx, io }: JobsCall): Promise<void> {
  const job = await runAction<JobDict>('job_show', ctx, { id });
  const lines: [string, unknown][] = [
    ['ID', job.id], ['Titolo', job.title], ['Tipo', job.type], ['Coda', job.queue], ['Stato', job.status],
    ['Creato', job.created], ['Avviato', job.started ?? '-'], ['Concluso', job.finished ?? '-'],
    ['Tentativi', `${job.attempts} di ${job.max_attempts}`], ['Prossimo', job.status === 'queued' ? job.run_at : '-'],
    ['Avanzamento', describeProgress(job)], ['Errore', job.error ?? '-'], ['Risultato', JSON.stringify(job.result)],
  ];
  for (const [label, value] of lines) io.out(`${`${label}:`.padEnd(13)}${value}`);
}

async function cancel({ args: [id], ctx, io }: JobsCall): Promise<void> {
  await runAction('job_cancel', ctx, { id });
  const job = await runAction<JobDict>('job_show', ctx, { id });
  io.err(job.status === 'cancelled'
    ? `Lavoro ${id} annullato.`
    : `Annullamento richiesto: il lavoro ${id} si fermerà al suo prossimo punto di controllo.`);
}

async function clear({ args, ctx, io }: JobsCall): Promise<void> {
  const queues = await runAction<string[]>('job_clear', ctx, { queues: args });
  io.err(queues.length ? `Code svuotate: ${queues.join(', ')}.` : 'Nessun lavoro in attesa: niente da svuotare.');
}

const SUBCOMMANDS: Record<string, { ids: [number, number]; run: (call: JobsCall) => Promise<void> }> = {
  list: { ids: [0, 100], run: list },
  show: { ids: [1, 1], run: show },
  cancel: { ids: [1, 1], run: cancel },
  clear: { ids: [0, 100], run: clear },
};

async function runJobs(call: JobsCall): Promise<void> {
  const [name, ...args] = call.args;
  const subcommand = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!subcommand) throw new UsageError(`Sottocomando sconosciuto: ${name}\nUso: ${USAGE}`);
  if (args.length < subcommand.ids[0] || args.length > subcommand.ids[1]) throw new UsageError(`Numero di argomenti errato.\nUso: ${USAGE}`);
  if (call.options.all && name !== 'list') throw new UsageError(`--all vale solo per jobs list.\nUso: ${USAGE}`);
  await subcommand.run({ ...call, args });
}

export const jobsCommand = {
  usage: 'jobs list [--all] [CODA...]|show ID|cancel ID|clear [CODA...]', positionals: [1, 101] as [number, number],
  needsCatalogue: true as const, options: { all: { type: 'boolean' as const } }, run: runJobs,
  summary: 'elenca, mostra e annulla i lavori in background; svuota le code',
};
