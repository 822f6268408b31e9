// Putting jobs in the queue. enqueueJob takes the caller's transaction manager, so a job is created
// atomically with the data it concerns (a DataStore load with its resource): both or neither.
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { isoAt, nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import { JobEntity } from './entities';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_QUEUE, getJobType, JobDefinition, periodicJobs, periodicKey } from './registry';

export interface EnqueueOptions<D = Record<string, unknown>> {
  type: string;
  data?: D;
  /** Default: the job type's title. */
  title?: string;
  queue?: string;
  /** Not before this instant (default: now). */
  runAt?: Date;
  maxAttempts?: number;
  /** At most one queued or running job per key: enqueueing again returns the pending one. */
  key?: string;
}

function newJobRow(definition: JobDefinition, options: EnqueueOptions): JobEntity {
  const now = nowIso();
  const maxAttempts = options.maxAttempts ?? definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) throw new Error(`job ${options.type}: maxAttempts must be a positive integer`);
  return Object.assign(new JobEntity(), {
    id: randomUUID(), type: options.type, queue: options.queue ?? definition.queue ?? DEFAULT_QUEUE,
    title: options.title ?? definition.title, data: options.data ?? {}, status: 'queued', progress: null,
    attempts: 0, maxAttempts, runAt: options.runAt ? isoAt(options.runAt.getTime()) : now,
    leaseOwner: null, leaseExpires: null, cancelRequested: false, error: null, result: null,
    uniqueKey: options.key ?? null, created: now, started: null, finished: null, updated: now,
  });
}

/** Adds a job inside the caller's transaction and returns it (with a key, the pending one if any). */
export async function enqueueJob<D extends Record<string, unknown>>(manager: EntityManager, options: EnqueueOptions<D>): Promise<JobEntity> {
  const definition = getJobType(options.type);
  if (!definition) throw new Error(`tipo di lavoro sconosciuto: ${options.type}`);
  const row = newJobRow(definition, options);
  const repo = manager.getRepository(JobEntity);
  if (!row.uniqueKey) {
    await repo.insert(row as never);
    return row;
  }
  // ON CONFLICT DO NOTHING (INSERT OR IGNORE on SQLite): two callers racing for one key make one job.
  await manager.createQueryBuilder().insert().into(JobEntity).values(row as never).orIgnore().execute();
  return repo.findOneByOrFail({ uniqueKey: row.uniqueKey });
}

/** The same, in a transaction of its own: for callers that write nothing else. */
export function enqueue<D extends Record<string, unknown>>(db: DataSource, options: EnqueueOptions<D>): Promise<JobEntity> {
  return inTransaction(db, (manager) => enqueueJob(manager, options));
}

/** The next instance of a periodic job, `every` after `now`, unless one is pending already. */
export function scheduleNext(manager: EntityManager, definition: JobDefinition, now: number): Promise<JobEntity> {
  return enqueueJob(manager, { type: definition.type, key: periodicKey(definition.type), runAt: new Date(now + definition.every!) });
}

/** Makes sure every periodic job has its one pending instance; a read first, so usually no write. */
export async function ensurePeriodicJobs(db: DataSource, now: number): Promise<void> {
  for (const definition of periodicJobs()) {
    if (await db.getRepository(JobEntity).existsBy({ uniqueKey: periodicKey(definition.type) })) continue;
    await inTransaction(db, (manager) => scheduleNext(manager, definition, now));
  }
}
