// Jobs whose runner died: taken back when their lease expires, at once when their owner is known dead
// (same host, process gone), resumed while attempts remain, failed with the reason after. A runner that
// lost its lease changes nothing.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { inTransaction } from '../../server/db/transaction';
import { JobEntity } from '../../server/jobs/entities';
import { claimNextJob } from '../../server/jobs/sql';
import { endJob, recoverAbandoned } from '../../server/jobs/store';
import { isoAt } from '../../server/db/columns';
import { databaseKind, startCatalogue, TestCatalogue } from '../support/harness';
import { gateFor, jobRow, newQueue, stopRunners, testJob, testRunner, waitFor, waitForStatus } from './support';

let cat: TestCatalogue;
beforeAll(async () => {
  cat = await startCatalogue();
});
beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined)); // "ripreso 1 lavoro..."
afterEach(async () => {
  await stopRunners();
  jest.restoreAllMocks();
});
afterAll(async () => cat.close());

/** A job left running by `owner`, as a process that died would leave it. */
async function abandonedJob(owner: string, fields: { attempts: number; maxAttempts?: number; leaseExpires: number; queue?: string }): Promise<string> {
  const job = await testJob(cat, { type: 'test.echo', queue: fields.queue ?? newQueue(), maxAttempts: fields.maxAttempts ?? 3 });
  await inTransaction(cat.services.db, (m) => m.update(JobEntity, { id: job.id }, {
    status: 'running', attempts: fields.attempts, leaseOwner: owner, leaseExpires: isoAt(fields.leaseExpires), started: isoAt(Date.now()),
  }));
  return job.id;
}

/** The pid of a process that has just exited. */
function deadPid(): number {
  return Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).toString());
}

describe(`abandoned jobs (${databaseKind})`, () => {
  it('are queued again when their lease expires, counting the attempt, then resumed', async () => {
    const queue = newQueue();
    const id = await abandonedJob('server@altra-macchina:4242:beef', { attempts: 1, leaseExpires: Date.now() - 1000, queue });
    testRunner(cat.services, { queues: [newQueue()] }); // serves another queue: it only takes the job back
    const requeued = await waitForStatus(cat, id, 'queued');
    expect(requeued).toMatchObject({ attempts: 1, leaseOwner: null, leaseExpires: null });
    expect(requeued.error).toBe("Ripreso: il processo che eseguiva il lavoro si è interrotto (tentativo 1 di 3)");
    testRunner(cat.services, { queues: [queue] });
    expect(await waitForStatus(cat, id, 'finished')).toMatchObject({ attempts: 2 });
  });

  it('are marked failed, with the reason, when their attempts are used up', async () => {
    const id = await abandonedJob('server@altra-macchina:4242:beef', { attempts: 2, maxAttempts: 2, leaseExpires: Date.now() - 1000 });
    testRunner(cat.services, { queues: [newQueue()] });
    const failed = await waitForStatus(cat, id, 'failed');
    expect(failed.error).toBe('Non riuscito: il processo che eseguiva il lavoro si è interrotto (tentativo 2 di 2); tentativi esauriti');
    expect(failed.finished).not.toBeNull();
  });

  it('are taken back at once, lease or not, when their owner on this host is dead', async () => {
    const dead = await abandonedJob(`server@${os.hostname()}:${deadPid()}:beef`, { attempts: 1, leaseExpires: Date.now() + 3_600_000 });
    const alive = await abandonedJob(`server@${os.hostname()}:${process.ppid}:beef`, { attempts: 1, leaseExpires: Date.now() + 3_600_000 });
    const elsewhere = await abandonedJob('server@altra-macchina:4242:beef', { attempts: 1, leaseExpires: Date.now() + 3_600_000 });
    testRunner(cat.services, { queues: [newQueue()] });
    await waitForStatus(cat, dead, 'queued');
    expect((await jobRow(cat, alive)).status).toBe('running');
    expect((await jobRow(cat, elsewhere)).status).toBe('running');
  });

  it('are cancelled, not resumed, when a cancel was asked before their runner died', async () => {
    const id = await abandonedJob('server@altra-macchina:4242:beef', { attempts: 1, leaseExpires: Date.now() - 1000 });
    await inTransaction(cat.services.db, (m) => m.update(JobEntity, { id }, { cancelRequested: true }));
    testRunner(cat.services, { queues: [newQueue()] });
    await waitForStatus(cat, id, 'cancelled');
  });

  it('cannot be ended by the runner that lost them', async () => {
    const queue = newQueue();
    const job = await testJob(cat, { type: 'test.echo', queue });
    const now = Date.now() + 1000;
    const owner = 'server@altra-macchina:4242:beef';
    const id = await claimNextJob(cat.services.db, { owner, now: isoAt(now), leaseUntil: isoAt(now + 30_000), types: ['test.echo'], queues: [queue] });
    expect(id).toBe(job.id);
    expect(await recoverAbandoned(cat.services.db, now + 60_000, () => false)).toBeGreaterThanOrEqual(1);
    const ended = await endJob(cat.services.db, { id: job.id, owner, attempt: 1 }, 'finished', { result: { tardi: true } }, now + 61_000);
    expect(ended).toBe(false);
    expect(await jobRow(cat, job.id)).toMatchObject({ status: 'queued', result: null, attempts: 1 });
  });

  it('are not taken back while their runner renews the lease', async () => {
    const queue = newQueue();
    const job = await testJob(cat, { type: 'test.steps', queue, data: { steps: 2, gate: `g-${queue}` } });
    let now = Date.now() + 1000;
    testRunner(cat.services, { queues: [queue], clock: () => now, leaseMs: 30_000, heartbeatMs: 10 });
    await waitFor('the first step', async () => (await jobRow(cat, job.id)).progress);
    now += 60_000; // past the lease it was claimed with: only the heartbeat keeps it
    await waitFor('a heartbeat', async () => (await jobRow(cat, job.id)).leaseExpires === isoAt(now + 30_000));
    expect(await recoverAbandoned(cat.services.db, now, () => false)).toBe(0);
    expect((await jobRow(cat, job.id)).status).toBe('running');
    gateFor(`g-${queue}`).open();
    await waitForStatus(cat, job.id, 'finished');
  });
});
