// The job runner: in the server (CATALOGO_JOBS=inline) or in `npm run worker`. Each of its slots loops:
// take back abandoned jobs and keep the periodic ones scheduled (now and then), claim the next due job,
// run it, or sleep a little. Every claim is atomic in the database, so any number of runners, in any
// number of processes, share the queue.
import { ActionContext, Services } from '../core/context';
import { logger } from '../ops/log';
import { siteUser } from '../seed/site-user';
import { ensurePeriodicJobs } from './enqueue';
import { JobEntity } from './entities';
import { JobExecution } from './execution';
import { newOwner, ownerIsDead, retireOwner } from './owners';
import { jobTypes } from './registry';
import { claimNextJob } from './sql';
import { hasDueJob, recoverAbandoned } from './store';
import { isoAt } from '../db/columns';
import { Clock, systemClock } from './time';

export interface RunnerOptions {
  /** Who runs: "server" or "worker"; part of the lease owner's name. */
  role: string;
  /** Only these queues (default: every queue). */
  queues?: string[];
  /** Only these job types (default: every registered type). */
  types?: string[];
  /** Jobs run at once by this runner (default 1). */
  concurrency?: number;
  /** Sleep when nothing is due (default 1 s). */
  pollMs?: number;
  /** A running job's lease (default 30 s), renewed every heartbeatMs (default 10 s). */
  leaseMs?: number;
  heartbeatMs?: number;
  /** How often abandoned jobs are looked for and periodic jobs scheduled (default 15 s). */
  maintenanceMs?: number;
  /** How long stop() waits for a running job to reach a checkpoint (default 5 s). */
  graceMs?: number;
  cancelCheckMs?: number;
  progressEveryMs?: number;
  /** For tests: the time, and the jitter of the backoff. Defaults are in DEFAULTS below. */
  clock?: Clock;
  random?: () => number;
}

/** The lease is short (the brief's 30 s, renewed every 10 s) until the instance registry tells dead runners apart. */
const DEFAULTS = {
  concurrency: 1, pollMs: 1000, leaseMs: 30_000, heartbeatMs: 10_000, maintenanceMs: 15_000, graceMs: 5000,
  cancelCheckMs: 1000, progressEveryMs: 1000, clock: systemClock, random: Math.random,
};

type Settings = typeof DEFAULTS & RunnerOptions;

export interface JobRunner {
  /** The lease owner this runner writes on the jobs it holds. */
  readonly owner: string;
  /** Lets the running jobs reach a checkpoint, or gives them back, so that they resume elsewhere. */
  stop(): Promise<void>;
}

class Runner implements JobRunner {
  readonly owner: string;
  private stopping = false;
  private stopped: Promise<void> | null = null;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private readonly executions = new Set<JobExecution>();
  private lastMaintenance = Number.NEGATIVE_INFINITY;
  private context: Promise<ActionContext> | null = null;
  private readonly settings: Settings;

  constructor(private readonly services: Services, options: RunnerOptions) {
    this.owner = newOwner(options.role);
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.settings = { ...DEFAULTS, ...given } as Settings;
  }

  private get clock(): Clock {
    return this.settings.clock;
  }

  start(): this {
    this.loops = Array.from({ length: Math.max(1, this.settings.concurrency) }, () => this.loop());
    return this;
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  private async shutDown(): Promise<void> {
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.settings.graceMs);
    });
    const finished = await Promise.race([Promise.all(this.loops).then(() => true), graceOver]);
    clearTimeout(timer);
    if (!finished) await Promise.all([...this.executions].map((execution) => execution.abandon().catch(logError)));
    retireOwner(this.owner);
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.maintain();
        const ctx = await this.actionContext(); // before claiming: a claimed job must get to run
        const job = await this.claim();
        if (job) {
          await this.execute(job, ctx);
          continue;
        }
      } catch (error) {
        logError(error);
      }
      await this.sleep(this.settings.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private async maintain(): Promise<void> {
    const now = this.clock();
    if (now - this.lastMaintenance < this.settings.maintenanceMs) return;
    this.lastMaintenance = now;
    const recovered = await recoverAbandoned(this.services.db, now, ownerIsDead);
    if (recovered === 1) logger.warn({ recovered }, 'ripreso 1 lavoro rimasto senza esecutore');
    else if (recovered > 1) logger.warn({ recovered }, `ripresi ${recovered} lavori rimasti senza esecutore`);
    await ensurePeriodicJobs(this.services.db, now);
  }

  private async claim(): Promise<JobEntity | null> {
    const now = this.clock();
    const types = this.settings.types ?? jobTypes();
    const queues = this.settings.queues ?? null;
    if (this.stopping || !(await hasDueJob(this.services.db, now, types, queues))) return null;
    const leaseUntil = isoAt(now + this.settings.leaseMs);
    const id = await claimNextJob(this.services.db, { owner: this.owner, now: isoAt(now), leaseUntil, types, queues });
    return id ? this.services.db.getRepository(JobEntity).findOneBy({ id }) : null;
  }

  /** Jobs act as the site user, as CKAN's do. Two runners starting on a new database may race to create it. */
  private actionContext(): Promise<ActionContext> {
    this.context ??= siteUser(this.services).catch(() => siteUser(this.services))
      .then((user) => ({ services: this.services, user }))
      .catch((error) => {
        this.context = null;
        throw error;
      });
    return this.context;
  }

  private async execute(job: JobEntity, ctx: ActionContext): Promise<void> {
    const { clock, random, leaseMs, heartbeatMs, cancelCheckMs, progressEveryMs } = this.settings;
    const execution = new JobExecution(job, {
      ctx, clock, random, leaseMs, heartbeatMs, cancelCheckMs, progressEveryMs, stopping: () => this.stopping,
    });
    this.executions.add(execution);
    try {
      await execution.run();
    } finally {
      this.executions.delete(execution);
    }
  }
}

function logError(error: unknown): void {
  logger.error({ err: error }, "errore nell'esecuzione dei lavori");
}

/** Starts a runner; `stop()` before closing the database. */
export function startJobRunner(services: Services, options: RunnerOptions): JobRunner {
  return new Runner(services, options).start();
}
