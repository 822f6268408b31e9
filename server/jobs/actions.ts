// CKAN's job actions, for sysadmins (ckan/logic/action/get.py job_list, job_show; delete.py job_cancel,
// job_clear), with CKAN's inputs and answers. Our jobs outlive their run, so job_list lists the pending
// ones (queued or running) as CKAN does, and `status` may ask for the others.
import { In } from 'typeorm';
import { requireSysadmin } from '../auth/policies';
import { defineAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { NotFound, ValidationError } from '../core/errors';
import { nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import { JobEntity, JobStatus } from './entities';
import { JobDict, presentJob } from './present';

const DEFAULT_LIST_LIMIT = 200;
const PENDING: JobStatus[] = ['queued', 'running'];

const sysadminOnly = (ctx: ActionContext) => void requireSysadmin(ctx);

/** CKAN takes a list; a GET query string may carry a single value. */
function listOf<T extends string>(value: T | T[] | undefined): T[] | undefined {
  return value === undefined ? undefined : Array.isArray(value) ? value : [value];
}

async function findJob(ctx: ActionContext, id: string): Promise<JobEntity> {
  const job = await ctx.services.db.getRepository(JobEntity).findOneBy({ id });
  if (!job) throw new NotFound(`Lavoro non trovato: ${id}`);
  return job;
}

interface ListInput {
  queues?: string | string[];
  status?: JobStatus | JobStatus[];
  limit?: number;
  ids_only?: boolean;
}

export const jobList = defineAction({
  name: 'job_list', kind: 'read', schema: 'job_list.json', auth: sysadminOnly,
  help: "I lavori in attesa o in esecuzione (solo amministratori di sistema), nell'ordine in cui partiranno; `status` per gli altri.",
  run: async (ctx, input: ListInput): Promise<JobDict[] | string[]> => {
    const limit = input.limit ?? DEFAULT_LIST_LIMIT;
    if (limit === 0) return [];
    const queues = listOf(input.queues);
    const rows = await ctx.services.db.getRepository(JobEntity).find({
      where: { status: In(listOf(input.status) ?? PENDING), ...(queues?.length ? { queue: In(queues) } : {}) },
      order: { runAt: 'ASC', created: 'ASC', id: 'ASC' }, take: limit,
    });
    return input.ids_only ? rows.map((job) => job.id) : rows.map(presentJob);
  },
});

export const jobShow = defineAction({
  name: 'job_show', kind: 'read', schema: 'job_show.json', auth: sysadminOnly,
  help: 'Un lavoro: stato, avanzamento, tentativi, errore e risultato (solo amministratori di sistema).',
  run: async (ctx, input: { id: string }) => presentJob(await findJob(ctx, input.id)),
});

const ENDED_LABEL: Partial<Record<JobStatus, string>> = { finished: 'completato', failed: 'non riuscito' };

export const jobCancel = defineAction({
  name: 'job_cancel', kind: 'write', schema: 'job_cancel.json', auth: sysadminOnly,
  help: "Annulla un lavoro: se è in attesa subito, se è in esecuzione al suo prossimo punto di controllo (solo amministratori di sistema).",
  run: async (ctx, input: { id: string }) => {
    const job = await findJob(ctx, input.id);
    const ended = ENDED_LABEL[job.status];
    if (ended) throw ValidationError.field('id', `Il lavoro è già concluso (${ended}): non c'è niente da annullare`);
    await inTransaction(ctx.services.db, async (manager) => {
      const now = nowIso();
      // Each update checks the status it expects: a job claimed in the meantime gets the running case.
      const queued = await manager.update(JobEntity, { id: job.id, status: 'queued' }, { status: 'cancelled', finished: now, updated: now, uniqueKey: null });
      if (!queued.affected) await manager.update(JobEntity, { id: job.id, status: 'running' }, { cancelRequested: true, updated: now });
    });
    return null;
  },
});

export const jobClear = defineAction({
  name: 'job_clear', kind: 'write', schema: 'job_clear.json', auth: sysadminOnly,
  help: 'Svuota le code indicate (tutte, se nessuna): i lavori in attesa sono annullati, quelli in esecuzione continuano. Restituisce le code svuotate.',
  run: async (ctx, input: { queues?: string | string[] }) => {
    const repo = ctx.services.db.getRepository(JobEntity);
    const given = listOf(input.queues);
    const queues = given?.length ? given : (await repo.createQueryBuilder('j').select('DISTINCT j.queue', 'queue')
      .where('j.status = :queued', { queued: 'queued' }).getRawMany<{ queue: string }>()).map((row) => row.queue);
    if (queues.length) {
      await inTransaction(ctx.services.db, async (manager) => {
        const now = nowIso();
        await manager.update(JobEntity, { status: 'queued', queue: In(queues) }, { status: 'cancelled', finished: now, updated: now, uniqueKey: null });
      });
    }
    return [...new Set(queues)].sort();
  },
});

export const jobActions = [jobList, jobShow, jobCancel, jobClear];
