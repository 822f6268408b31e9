// Helpers for the job tests: test-only job types (registered in this test process only), runners with
// short intervals that are always stopped, and a patient wait that asserts no timing.
import { randomUUID } from 'node:crypto';
import { runAction } from '../../server/core/actions';
import { enqueue, EnqueueOptions } from '../../server/jobs/enqueue';
import { JobEntity } from '../../server/jobs/entities';
import { PermanentJobError } from '../../server/jobs/errors';
import { defineJob, getJobType, JobDefinition, registerJobs } from '../../server/jobs/registry';
import { JobRunner, RunnerOptions, startJobRunner } from '../../server/jobs/runner';
import { Services } from '../../server/core/context';
import { sysadminContext } from '../support/factories';
import { closeServices, createServices } from '../../server/services';
import { databaseKind, TestCatalogue } from '../support/harness';

/** A gate a test opens when it wants a job to go on. */
export class Gate {
  private opened!: () => void;
  readonly passed = new Promise<void>((resolve) => {
    this.opened = resolve;
  });

  open(): void {
    this.opened();
  }
}

/** What test jobs tell the test: which ran, how often, and gates they wait at. */
export const seen = {
  runs: [] as { id: string; attempt: number; data: Record<string, unknown> }[],
  gates: new Map<string, Gate>(),
};

export function gateFor(key: string): Gate {
  if (!seen.gates.has(key)) seen.gates.set(key, new Gate());
  return seen.gates.get(key)!;
}

type Data = { fail?: number; permanent?: boolean; steps?: number; gate?: string; result?: unknown; [other: string]: unknown };

const echo = defineJob<Data, unknown>({
  type: 'test.echo', title: 'Lavoro di prova',
  run: async (_ctx, job) => {
    seen.runs.push({ id: job.id, attempt: job.attempt, data: job.data });
    return job.data.result ?? { ok: true };
  },
});

/** Fails its first `fail` attempts (all of them if `permanent`). */
const flaky = defineJob<Data, unknown>({
  type: 'test.flaky', title: 'Lavoro che fallisce',
  run: async (_ctx, job) => {
    seen.runs.push({ id: job.id, attempt: job.attempt, data: job.data });
    if (job.data.permanent) throw new PermanentJobError('sorgente inesistente');
    if (job.attempt <= (job.data.fail ?? 0)) throw new Error(`guasto numero ${job.attempt}`);
    return { attempt: job.attempt };
  },
});

/** Reports each step, waiting at `gate` (if any) after the first one. */
const steps = defineJob<Data, unknown>({
  type: 'test.steps', title: 'Lavoro a passi',
  run: async (_ctx, job, report) => {
    seen.runs.push({ id: job.id, attempt: job.attempt, data: job.data });
    const total = job.data.steps ?? 3;
    for (let done = job.progress?.done ?? 0; done < total; done += 1) {
      await report.progress(done + 1, total, `passo ${done + 1}`);
      if (job.data.gate && done === 0) await gateFor(job.data.gate).passed;
    }
    return { steps: total };
  },
});

export const TEST_JOBS: JobDefinition[] = [echo, flaky, steps];

export function registerTestJobs(): void {
  if (!getJobType('test.echo')) registerJobs(TEST_JOBS);
}

const runners: JobRunner[] = [];

/** A runner with short intervals, on the test's own queue; stopped by stopRunners(). */
export function testRunner(services: Services, options: Partial<RunnerOptions> & { queues: string[] }): JobRunner {
  registerTestJobs();
  const runner = startJobRunner(services, {
    role: 'test', pollMs: 10, maintenanceMs: 20, heartbeatMs: 50, cancelCheckMs: 0, progressEveryMs: 0, graceMs: 2000, ...options,
  });
  runners.push(runner);
  return runner;
}

export async function stopRunners(): Promise<void> {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
}

export function testJob(cat: TestCatalogue, options: EnqueueOptions<Data>): Promise<JobEntity> {
  registerTestJobs();
  return enqueue(cat.services.db, options);
}

export async function jobRow(cat: TestCatalogue, id: string): Promise<JobEntity> {
  return cat.services.db.getRepository(JobEntity).findOneByOrFail({ id });
}

/** Polls until `check` returns a value; fails after a generous while (no timing is asserted). */
export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function waitForStatus(cat: TestCatalogue, id: string, status: JobEntity['status'], limitMs?: number): Promise<JobEntity> {
  return waitFor(`job ${id} to be ${status}`, async () => {
    const row = await jobRow(cat, id);
    return row.status === status ? row : null;
  }, limitMs);
}

/**
 * `count` app instances on the test catalogue's database, as several servers would be: on PostgreSQL
 * each with its own connection pool; on SQLite (one writer per file) they share its connection.
 */
export async function instancesOf(cat: TestCatalogue, count: number): Promise<{ all: Services[]; close(): Promise<void> }> {
  const all: Services[] = [];
  for (let i = 0; i < count; i += 1) all.push(databaseKind === 'postgres' ? await createServices(cat.config) : cat.services);
  return {
    all,
    async close() {
      for (const services of all) if (services !== cat.services) await closeServices(services);
    },
  };
}

/** A queue of its own for each test, so that tests never see each other's jobs. */
export function newQueue(): string {
  return `q-${randomUUID().slice(0, 8)}`;
}

/** A queued job no runner will take (its queue is served by none), for the action tests. */
export async function idleJob(cat: TestCatalogue): Promise<string> {
  return (await testJob(cat, { type: 'test.echo', queue: newQueue() })).id;
}

export async function showJob(cat: TestCatalogue, id: string): Promise<any> {
  return runAction('job_show', await sysadminContext(cat), { id });
}
