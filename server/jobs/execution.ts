// One run of one claimed job: the handler, its heartbeat, its checkpoints, and how the run ends
// (finished, retried later, failed, cancelled, or released for another instance to resume).
import { ActionContext } from '../core/context';
import { JobEntity, JobProgress } from './entities';
import { JobCancelled, JobInterrupted, PermanentJobError } from './errors';
import { getJobType, JobReport, JobRun } from './registry';
import { cancelWasRequested, endJob, Lease, releaseJob, renewLease, retryDelayMs, retryLater, saveProgress } from './store';
import { Clock } from './time';
import { logger } from '../ops/log';

export interface ExecutionSettings {
  ctx: ActionContext;
  clock: Clock;
  random: () => number;
  leaseMs: number;
  heartbeatMs: number;
  /** How often a checkpoint asks the database whether the job was cancelled. */
  cancelCheckMs: number;
  /** How often progress is written (the last value is always kept at the end). */
  progressEveryMs: number;
  /** True once the runner is stopping: the next checkpoint gives the job back. */
  stopping: () => boolean;
}

const MAX_ERROR_LENGTH = 2000;

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message || 'errore senza messaggio').slice(0, MAX_ERROR_LENGTH);
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class JobExecution {
  private cancelRequested = false;
  private cancelSeen = false;
  /** The lease is gone (taken back, or released at stop): this run writes nothing more. */
  private lost = false;
  private lastCancelCheck: number;
  private lastProgressWrite = Number.NEGATIVE_INFINITY;
  private progress: JobProgress | null;
  private readonly lease: Lease;

  constructor(private readonly job: JobEntity, private readonly settings: ExecutionSettings) {
    this.lease = { id: job.id, owner: job.leaseOwner!, attempt: job.attempts };
    this.progress = job.progress;
    this.lastCancelCheck = settings.clock();
  }

  private get db() {
    return this.settings.ctx.services.db;
  }

  async run(): Promise<void> {
    const definition = getJobType(this.job.type)!;
    const heartbeat = setInterval(() => void this.beat(), this.settings.heartbeatMs);
    heartbeat.unref();
    try {
      const result = await definition.run(this.settings.ctx, this.describe(), this.report());
      if (this.lost) return;
      if (this.cancelSeen) await endJob(this.db, this.lease, 'cancelled', { progress: this.progress }, this.settings.clock());
      else await endJob(this.db, this.lease, 'finished', { result: result ?? null, progress: this.progress, error: null }, this.settings.clock());
    } catch (error) {
      if (!this.lost) await this.failed(error);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** The runner stops and the job did not reach a checkpoint in time: give it back now. */
  async abandon(): Promise<void> {
    if (this.lost) return;
    this.lost = true;
    await releaseJob(this.db, this.lease, this.settings.clock());
  }

  private describe(): JobRun {
    const { id, type, title, data, attempts, maxAttempts } = this.job;
    return { id, type, title, data: data ?? {}, attempt: attempts, maxAttempts, progress: this.progress };
  }

  private report(): JobReport {
    return {
      progress: (done, total, message) => this.saveProgress({ done, total: total ?? null, message: message ?? '' }),
      checkpoint: () => this.checkpoint(),
      cancelled: () => {
        if (this.cancelRequested) this.cancelSeen = true;
        return this.cancelRequested;
      },
    };
  }

  private async beat(): Promise<void> {
    if (this.lost) return;
    try {
      if (!(await renewLease(this.db, this.lease, this.settings.clock(), this.settings.leaseMs))) this.lost = true;
      else this.cancelRequested = this.cancelRequested || (await cancelWasRequested(this.db, this.job.id));
    } catch (error) {
      // The database may be briefly unreachable: the next beat tries again before the lease runs out.
      logger.warn({ job: this.job.id, reason: reasonOf(error) }, `rinnovo del lavoro ${this.job.id} non riuscito`);
    }
  }

  private async checkpoint(): Promise<void> {
    await tick();
    if (this.lost || this.settings.stopping()) throw new JobInterrupted();
    const now = this.settings.clock();
    if (!this.cancelRequested && now - this.lastCancelCheck >= this.settings.cancelCheckMs) {
      this.lastCancelCheck = now;
      this.cancelRequested = await cancelWasRequested(this.db, this.job.id);
    }
    if (this.cancelRequested) {
      this.cancelSeen = true;
      throw new JobCancelled();
    }
  }

  private async saveProgress(progress: JobProgress): Promise<void> {
    this.progress = progress;
    const now = this.settings.clock();
    if (now - this.lastProgressWrite >= this.settings.progressEveryMs) {
      this.lastProgressWrite = now;
      if (!(await saveProgress(this.db, this.lease, progress, now))) this.lost = true;
    }
    await this.checkpoint();
  }

  private async failed(error: unknown): Promise<void> {
    const now = this.settings.clock();
    if (error instanceof JobInterrupted) {
      await releaseJob(this.db, this.lease, now);
      return;
    }
    if (error instanceof JobCancelled || this.cancelSeen) {
      await endJob(this.db, this.lease, 'cancelled', { progress: this.progress }, now);
      return;
    }
    const { attempts, maxAttempts } = this.job;
    const reason = `Tentativo ${attempts} di ${maxAttempts} non riuscito: ${reasonOf(error)}`;
    logger.warn({ job: this.job.id, type: this.job.type, reason }, `lavoro ${this.job.id} (${this.job.type}): ${reason}`);
    if (error instanceof PermanentJobError || attempts >= maxAttempts) {
      await endJob(this.db, this.lease, 'failed', { error: reason, progress: this.progress }, now);
    } else {
      await retryLater(this.db, this.lease, reason, now + retryDelayMs(attempts, this.settings.random), now);
    }
  }
}
