// Background jobs, persisted so that they survive a restart and can be shared by several instances.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonText } from '../db/columns';

export type JobStatus = 'queued' | 'running' | 'finished' | 'failed' | 'cancelled';

export interface JobProgress {
  done: number;
  total: number | null;
  message: string;
}

@Entity('job')
// What a runner claims: the oldest due job of a queue (status, then run_at).
@Index('IDX_job_claim', ['status', 'runAt'])
// What recovery reads: running jobs whose lease has expired.
@Index('IDX_job_lease', ['status', 'leaseExpires'])
export class JobEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The registered job type (defineJob), e.g. "files.sweep". */
  @Column({ type: 'varchar', length: 100 }) type!: string;
  @Index() @Column({ type: 'varchar', length: 100, default: 'default' }) queue!: string;
  @Column({ type: 'varchar', length: 500, default: '' }) title!: string;
  @Column({ type: 'text', nullable: true, transformer: jsonText }) data!: Record<string, unknown> | null;
  @Column({ type: 'varchar', length: 20, default: 'queued' }) status!: JobStatus;
  @Column({ type: 'text', nullable: true, transformer: jsonText }) progress!: JobProgress | null;
  /** Attempts started so far (a claim counts one; a graceful stop gives it back). */
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'max_attempts', type: 'integer', default: 3 }) maxAttempts!: number;
  /** When the job may run next: its first run, or the retry after a backoff. */
  @Column({ name: 'run_at', type: 'varchar', length: 32 }) runAt!: string;
  /** The runner holding the job while it runs, and until when (renewed by its heartbeat). */
  @Column({ name: 'lease_owner', type: 'varchar', length: 200, nullable: true }) leaseOwner!: string | null;
  @Column({ name: 'lease_expires', type: 'varchar', length: 32, nullable: true }) leaseExpires!: string | null;
  @Column({ name: 'cancel_requested', type: 'boolean', default: false }) cancelRequested!: boolean;
  /** The last failure, in words for an administrator. */
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'text', nullable: true, transformer: jsonText }) result!: unknown;
  /**
   * Held while the job is queued or running, cleared when it ends: at most one pending job per key
   * (a periodic job's one instance, shared by every app instance). NULLs never collide.
   */
  @Index({ unique: true }) @Column({ name: 'unique_key', type: 'varchar', length: 200, nullable: true }) uniqueKey!: string | null;
  @Column({ type: 'varchar', length: 32 }) created!: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) started!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) finished!: string | null;
  @Column({ type: 'varchar', length: 32 }) updated!: string;
}
