// The runner: a job runs once and keeps its result; failures retry with backoff, then fail with the
// reason; progress is visible while it runs; cancel and stop end it at a checkpoint.
import { runAction } from '../../server/core/actions';
import { retryDelayMs } from '../../server/jobs/store';
import { isoAt } from '../../server/db/columns';
import { sysadminContext } from '../support/factories';
import { databaseKind, startCatalogue, TestCatalogue } from '../support/harness';
import { gateFor, jobRow, newQueue, seen, showJob, stopRunners, testJob, testRunner, waitFor, waitForStatus } from './support';

let cat: TestCatalogue;
beforeAll(async () => {
  cat = await startCatalogue();
});
afterEach(stopRunners);
afterAll(async () => cat.close());

const runsOf = (id: string) => seen.runs.filter((run) => run.id === id);

describe(`a job runner (${databaseKind})`, () => {
  it('runs a queued job once and keeps its result', async () => {
    const queue = newQueue();
    const job = await testJob(cat, { type: 'test.echo', queue, data: { result: { righe: 3 } } });
    testRunner(cat.services, { queues: [queue] });
    const done = await waitForStatus(cat, job.id, 'finished');
    expect(done).toMatchObject({ attempts: 1, result: { righe: 3 }, error: null, leaseOwner: null, leaseExpires: null });
    expect(done.started! <= done.finished!).toBe(true);
    expect(runsOf(job.id)).toHaveLength(1);
  });

  it('waits for run_at before taking a job', async () => {
    const queue = newQueue();
    let now = Date.now() + 1000;
    const later = await testJob(cat, { type: 'test.echo', queue, runAt: new Date(now + 60_000) });
    const first = await testJob(cat, { type: 'test.echo', queue });
    testRunner(cat.services, { queues: [queue], clock: () => now });
    await waitForStatus(cat, first.id, 'finished');
    expect((await jobRow(cat, later.id)).status).toBe('queued');
    now += 60_000;
    await waitForStatus(cat, later.id, 'finished');
  });
});

describe('retries', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('grow exponentially with jitter, between half and the whole of each step, up to an hour', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, () => 1))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, () => 0))).toEqual([5_000, 10_000, 20_000]);
    expect(retryDelayMs(30, () => 1)).toBe(60 * 60 * 1000);
  });

  it('put a failed job back in the queue with a backoff, then run it again until it succeeds', async () => {
    const queue = newQueue();
    let now = Date.now() + 1000;
    const job = await testJob(cat, { type: 'test.flaky', queue, data: { fail: 2 }, maxAttempts: 3 });
    testRunner(cat.services, { queues: [queue], clock: () => now, random: () => 0.5 });
    const retry = async (attempts: number) => waitFor(`attempt ${attempts} to fail`, async () => {
      const row = await jobRow(cat, job.id);
      return row.status === 'queued' && row.attempts === attempts ? row : null;
    });
    const first = await retry(1);
    expect(first.runAt).toBe(isoAt(now + retryDelayMs(1, () => 0.5)));
    expect(first.error).toBe('Tentativo 1 di 3 non riuscito: guasto numero 1');
    now += retryDelayMs(1, () => 0.5);
    const second = await retry(2);
    expect(second.runAt).toBe(isoAt(now + retryDelayMs(2, () => 0.5)));
    now += retryDelayMs(2, () => 0.5);
    const done = await waitForStatus(cat, job.id, 'finished');
    expect(done).toMatchObject({ attempts: 3, result: { attempt: 3 }, error: null });
    expect(runsOf(job.id).map((run) => run.attempt)).toEqual([1, 2, 3]);
  });

  it('mark a job failed, with the reason, once its attempts are used up', async () => {
    const queue = newQueue();
    let now = Date.now() + 1000;
    const job = await testJob(cat, { type: 'test.flaky', queue, data: { fail: 9 }, maxAttempts: 2 });
    testRunner(cat.services, { queues: [queue], clock: () => now, random: () => 0 });
    await waitFor('the first failure', async () => (await jobRow(cat, job.id)).attempts === 1 && (await jobRow(cat, job.id)).status === 'queued');
    now += retryDelayMs(1, () => 0);
    const failed = await waitForStatus(cat, job.id, 'failed');
    expect(failed).toMatchObject({ attempts: 2, error: 'Tentativo 2 di 2 non riuscito: guasto numero 2', leaseOwner: null });
    expect(failed.finished).toBe(isoAt(now));
  });

  it('are skipped for a permanent error', async () => {
    const queue = newQueue();
    const job = await testJob(cat, { type: 'test.flaky', queue, data: { permanent: true }, maxAttempts: 5 });
    testRunner(cat.services, { queues: [queue] });
    const failed = await waitForStatus(cat, job.id, 'failed');
    expect(failed).toMatchObject({ attempts: 1, error: 'Tentativo 1 di 5 non riuscito: sorgente inesistente' });
  });
});

describe('progress, cancel and stop', () => {
  it('shows the progress of a running job in job_show, and the last one at the end', async () => {
    const queue = newQueue();
    const gate = `g-${queue}`;
    const job = await testJob(cat, { type: 'test.steps', queue, data: { steps: 3, gate } });
    testRunner(cat.services, { queues: [queue] });
    const running = await waitFor('progress', async () => ((await showJob(cat, job.id)).progress ? showJob(cat, job.id) : null));
    expect(running).toMatchObject({ status: 'running', attempts: 1, progress: { done: 1, total: 3, message: 'passo 1' } });
    gateFor(gate).open();
    const done = await waitForStatus(cat, job.id, 'finished');
    expect(done.progress).toEqual({ done: 3, total: 3, message: 'passo 3' });
  });

  it('cancels a queued job at once: it never runs', async () => {
    const queue = newQueue();
    const cancelled = await testJob(cat, { type: 'test.echo', queue });
    await runAction('job_cancel', await sysadminContext(cat), { id: cancelled.id });
    expect(await jobRow(cat, cancelled.id)).toMatchObject({ status: 'cancelled', uniqueKey: null });
    const after = await testJob(cat, { type: 'test.echo', queue });
    testRunner(cat.services, { queues: [queue] });
    await waitForStatus(cat, after.id, 'finished');
    expect(runsOf(cancelled.id)).toEqual([]);
    expect((await jobRow(cat, cancelled.id)).status).toBe('cancelled');
  });

  it('stops a running job at its next checkpoint when it is cancelled', async () => {
    const queue = newQueue();
    const gate = `g-${queue}`;
    const job = await testJob(cat, { type: 'test.steps', queue, data: { steps: 5, gate } });
    testRunner(cat.services, { queues: [queue] });
    await waitFor('the first step', async () => (await jobRow(cat, job.id)).progress);
    await runAction('job_cancel', await sysadminContext(cat), { id: job.id });
    expect(await jobRow(cat, job.id)).toMatchObject({ status: 'running', cancelRequested: true });
    gateFor(gate).open();
    const cancelled = await waitForStatus(cat, job.id, 'cancelled');
    expect(cancelled.result).toBeNull();
    expect(cancelled.progress!.done).toBeLessThan(5);
    expect(cancelled.finished).not.toBeNull();
  });

  it('gives a running job back when its runner stops, without counting the attempt; another resumes it', async () => {
    const queue = newQueue();
    const gate = `g-${queue}`;
    const job = await testJob(cat, { type: 'test.steps', queue, data: { steps: 4, gate } });
    const runner = testRunner(cat.services, { queues: [queue] });
    await waitFor('the first step', async () => (await jobRow(cat, job.id)).progress);
    const stopped = runner.stop();
    gateFor(gate).open();
    await stopped;
    const released = await jobRow(cat, job.id);
    expect(released).toMatchObject({ status: 'queued', attempts: 0, leaseOwner: null, leaseExpires: null });
    expect(released.progress!.done).toBeGreaterThanOrEqual(1);
    testRunner(cat.services, { queues: [queue] });
    const done = await waitForStatus(cat, job.id, 'finished');
    expect(done).toMatchObject({ attempts: 1, progress: { done: 4, total: 4 } });
    expect(runsOf(job.id).map((run) => run.attempt)).toEqual([1, 1]);
  });

  it('gives a job back at stop even if it never reaches a checkpoint', async () => {
    const queue = newQueue();
    const gate = `g-${queue}`;
    const job = await testJob(cat, { type: 'test.steps', queue, data: { steps: 2, gate } });
    const runner = testRunner(cat.services, { queues: [queue], graceMs: 50 });
    await waitFor('the first step', async () => (await jobRow(cat, job.id)).progress);
    await runner.stop();
    expect(await jobRow(cat, job.id)).toMatchObject({ status: 'queued', attempts: 0, leaseOwner: null });
    gateFor(gate).open(); // the old run goes on, but may no longer write
    testRunner(cat.services, { queues: [queue] });
    expect(await waitForStatus(cat, job.id, 'finished')).toMatchObject({ attempts: 1 });
  });
});
