// Every change of a claimed job's state. Each one is fenced by the lease it was claimed with (id, owner,
// attempt, still running): a runner that lost its lease (its job was taken back and maybe claimed
// again) changes nothing. Writes are single short statements or transactions, never held open.
import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import { inTransaction, serializedWrite } from '../db/transaction';
import { JobEntity, JobProgress, JobStatus } from './entities';
import { scheduleNext } from './enqueue';
import { getJobType } from './registry';
import { isoAt } from '../db/columns';

/** The claim a runner holds on a job. */
export interface Lease {
  id: string;
  owner: string;
  attempt: number;
}

const RETRY_BASE_MS = 10_000;
const RETRY_MAX_MS = 60 * 60 * 1000;

/**
 * Exponential backoff with jitter: 10 s, 20 s, 40 s... up to an hour, each drawn between half and the
 * whole of it, so that jobs failing together do not retry together.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

function fencedUpdate(manager: EntityManager, lease: Lease, set: Partial<JobEntity>) {
  return manager.createQueryBuilder().update(JobEntity).set(set as never)
    .where('id = :id AND lease_owner = :owner AND attempts = :attempt AND status = :running', { ...lease, running: 'running' });
}

async function updateFenced(manager: EntityManager, lease: Lease, set: Partial<JobEntity>): Promise<boolean> {
  const result = await fencedUpdate(manager, lease, set).execute();
  return (result.affected ?? 0) > 0;
}

/** Extends the lease; false if the job is no longer ours. */
export function renewLease(db: DataSource, lease: Lease, now: number, leaseMs: number): Promise<boolean> {
  return serializedWrite(db, (writer) => updateFenced(writer.manager, lease, { leaseExpires: isoAt(now + leaseMs), updated: isoAt(now) }));
}

export function saveProgress(db: DataSource, lease: Lease, progress: JobProgress, now: number): Promise<boolean> {
  return serializedWrite(db, (writer) => updateFenced(writer.manager, lease, { progress, updated: isoAt(now) }));
}

/** A plain read before a claim, so that an idle runner does not queue writes. */
export async function hasDueJob(db: DataSource, now: number, types: string[], queues: string[] | null): Promise<boolean> {
  if (!types.length || queues?.length === 0) return false;
  return db.getRepository(JobEntity).existsBy({
    status: 'queued', runAt: LessThanOrEqual(isoAt(now)), type: In(types), ...(queues ? { queue: In(queues) } : {}),
  });
}

export async function cancelWasRequested(db: DataSource, id: string): Promise<boolean> {
  const row = await db.getRepository(JobEntity).findOne({ where: { id }, select: { id: true, cancelRequested: true } });
  return !!row?.cancelRequested;
}

/** Ends a job (finished, failed or cancelled); a periodic one gets its next instance in the same transaction. */
export function endJob(db: DataSource, lease: Lease, status: Exclude<JobStatus, 'queued' | 'running'>, fields: Partial<JobEntity>, now: number): Promise<boolean> {
  return inTransaction(db, async (manager) => {
    const ended = await updateFenced(manager, lease, {
      ...fields, status, finished: isoAt(now), updated: isoAt(now), leaseOwner: null, leaseExpires: null, uniqueKey: null,
    });
    const job = ended ? await manager.getRepository(JobEntity).findOneBy({ id: lease.id }) : null;
    const definition = job && getJobType(job.type);
    if (definition?.every) await scheduleNext(manager, definition, now);
    return ended;
  });
}

/** Back to the queue for another try at `runAt`, with the reason of this failure. */
export function retryLater(db: DataSource, lease: Lease, error: string, runAt: number, now: number): Promise<boolean> {
  return inTransaction(db, (manager) => updateFenced(manager, lease, {
    status: 'queued', error, runAt: isoAt(runAt), updated: isoAt(now), leaseOwner: null, leaseExpires: null,
  }));
}

/** The runner is stopping: the job goes back to the queue at once, and this attempt does not count. */
export function releaseJob(db: DataSource, lease: Lease, now: number): Promise<boolean> {
  return inTransaction(db, (manager) => updateFenced(manager, lease, {
    status: 'queued', attempts: lease.attempt - 1, runAt: isoAt(now), updated: isoAt(now), leaseOwner: null, leaseExpires: null,
  }));
}

/** What becomes of a job whose runner died: cancelled if asked, failed past its attempts, else queued again. */
function afterAbandon(job: JobEntity, now: number): Partial<JobEntity> {
  const base = { leaseOwner: null, leaseExpires: null, updated: isoAt(now) };
  const reason = `il processo che eseguiva il lavoro si è interrotto (tentativo ${job.attempts} di ${job.maxAttempts})`;
  if (job.cancelRequested) return { ...base, status: 'cancelled', finished: isoAt(now), uniqueKey: null };
  if (job.attempts >= job.maxAttempts) {
    return { ...base, status: 'failed', finished: isoAt(now), uniqueKey: null, error: `Non riuscito: ${reason}; tentativi esauriti` };
  }
  return { ...base, status: 'queued', runAt: isoAt(now), error: `Ripreso: ${reason}` };
}

/** Fenced also on the expiry we saw: a heartbeat that came in meanwhile keeps the job where it is. */
function takeBack(db: DataSource, job: JobEntity, now: number): Promise<boolean> {
  const lease = { id: job.id, owner: job.leaseOwner ?? '', attempt: job.attempts };
  const next = afterAbandon(job, now);
  return inTransaction(db, async (manager) => {
    const result = await fencedUpdate(manager, lease, next)
      .andWhere(job.leaseExpires === null ? 'lease_expires IS NULL' : 'lease_expires = :expires', { expires: job.leaseExpires })
      .execute();
    const definition = getJobType(job.type);
    if (result.affected && definition?.every && next.status !== 'queued') await scheduleNext(manager, definition, now);
    return (result.affected ?? 0) > 0;
  });
}

/**
 * Takes back running jobs whose lease expired or whose owner is known dead. A read first: usually
 * nothing is abandoned, and nothing is written. Returns how many jobs were taken back.
 */
export async function recoverAbandoned(db: DataSource, now: number, ownerIsDead: (owner: string) => boolean): Promise<number> {
  const running = await db.getRepository(JobEntity).findBy({ status: 'running' });
  const abandoned = running.filter((job) => (job.leaseExpires ?? '') < isoAt(now) || ownerIsDead(job.leaseOwner ?? ''));
  let recovered = 0;
  for (const job of abandoned) if (await takeBack(db, job, now)) recovered += 1;
  return recovered;
}
