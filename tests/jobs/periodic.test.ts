// Periodic jobs: one pending instance, however many instances schedule it; the next one `every` after
// the last ended; and the first uses: pruning sessions, rate-limit counters and old jobs, the file sweep.
import { SessionEntity, RateLimitEntity } from '../../server/auth/entities';
import { runAction } from '../../server/core/actions';
import { inTransaction } from '../../server/db/transaction';
import { enqueue, ensurePeriodicJobs } from '../../server/jobs/enqueue';
import { JobEntity } from '../../server/jobs/entities';
import { defineJob, getJobType, periodicKey, registerJobs } from '../../server/jobs/registry';
import { isoAt } from '../../server/db/columns';
import { sysadminContext } from '../support/factories';
import { databaseKind, startCatalogue, TestCatalogue } from '../support/harness';
import { instancesOf, jobRow, newQueue, stopRunners, testRunner, waitFor, waitForStatus } from './support';

const TICK_QUEUE = newQueue();
const MINUTE = 60_000;
let ticks = 0;

let cat: TestCatalogue;
let instances: Awaited<ReturnType<typeof instancesOf>>;
beforeAll(async () => {
  cat = await startCatalogue();
  registerJobs([defineJob({ type: 'test.tick', title: 'Battito', queue: TICK_QUEUE, every: MINUTE, run: async () => ({ tick: ++ticks }) })]);
  instances = await instancesOf(cat, 3);
});
afterEach(stopRunners);
afterAll(async () => {
  await instances.close();
  await cat.close();
});

const repo = () => cat.services.db.getRepository(JobEntity);

describe(`periodic jobs (${databaseKind})`, () => {
  it('have one pending instance, however many instances schedule them at once', async () => {
    const now = Date.now();
    await Promise.all(instances.all.flatMap((services) => [ensurePeriodicJobs(services.db, now), ensurePeriodicJobs(services.db, now)]));
    for (const type of ['test.tick', 'maintenance.prune', 'files.sweep']) {
      const pending = await repo().findBy({ type, status: 'queued' });
      expect({ type, pending: pending.length }).toEqual({ type, pending: 1 });
      expect(pending[0]).toMatchObject({ uniqueKey: periodicKey(type), runAt: isoAt(now + getJobType(type)!.every!) });
    }
    expect(await repo().findBy({ type: 'maintenance.prune' })).toEqual([expect.objectContaining({ queue: 'maintenance' })]);
  });

  it('run when due, then schedule the next run `every` after', async () => {
    let now = Date.now() + 1000;
    testRunner(cat.services, { queues: [TICK_QUEUE], clock: () => now });
    const first = (await repo().findOneByOrFail({ type: 'test.tick', status: 'queued' }));
    now = Math.max(now, Date.parse(`${first.runAt.slice(0, 23)}Z`)) + 1;
    const ran = await waitForStatus(cat, first.id, 'finished');
    expect(ran).toMatchObject({ uniqueKey: null, result: { tick: 1 } });
    const next = await repo().findOneByOrFail({ type: 'test.tick', status: 'queued' });
    expect(next).toMatchObject({ uniqueKey: periodicKey('test.tick'), runAt: isoAt(now + MINUTE) });
  });

  it('come back after an administrator cancels the pending instance', async () => {
    const pending = await repo().findOneByOrFail({ type: 'test.tick', status: 'queued' });
    await runAction('job_cancel', await sysadminContext(cat), { id: pending.id });
    testRunner(cat.services, { queues: [newQueue()] });
    await waitFor('a new instance', async () => repo().findOneBy({ type: 'test.tick', status: 'queued' }));
  });
});

describe('the maintenance jobs', () => {
  it('are declared periodic: maintenance.prune and files.sweep', () => {
    expect(getJobType('maintenance.prune')?.every).toBe(60 * MINUTE);
    expect(getJobType('files.sweep')?.every).toBe(60 * MINUTE);
  });

  it('maintenance.prune drops expired sessions and rate-limit counters, and jobs ended a month ago', async () => {
    const now = Date.now();
    await inTransaction(cat.services.db, async (m) => {
      await m.insert(SessionEntity, [{ sid: 'scaduta', data: '{}', expires: String(now - 1000) }, { sid: 'valida', data: '{}', expires: String(now + 3_600_000) }]);
      await m.insert(RateLimitEntity, [{ key: 'login:vecchio', hits: 3, resetAt: String(now - 1000) }, { key: 'login:nuovo', hits: 1, resetAt: String(now + 60_000) }]);
    });
    const old = await enqueue(cat.services.db, { type: 'test.tick', queue: newQueue() });
    const recent = await enqueue(cat.services.db, { type: 'test.tick', queue: newQueue() });
    await inTransaction(cat.services.db, async (m) => {
      await m.update(JobEntity, { id: old.id }, { status: 'finished', finished: isoAt(now - 31 * 24 * 3_600_000) });
      await m.update(JobEntity, { id: recent.id }, { status: 'failed', finished: isoAt(now - 24 * 3_600_000) });
    });
    const queue = newQueue();
    const prune = await enqueue(cat.services.db, { type: 'maintenance.prune', queue });
    testRunner(cat.services, { queues: [queue] });
    expect(await waitForStatus(cat, prune.id, 'finished')).toMatchObject({ result: { jobsRemoved: 1 } });
    expect((await cat.services.db.getRepository(SessionEntity).find()).map((s) => s.sid)).toEqual(['valida']);
    expect((await cat.services.db.getRepository(RateLimitEntity).find()).map((r) => r.key)).toEqual(['login:nuovo']);
    expect(await repo().existsBy({ id: old.id })).toBe(false);
    expect((await jobRow(cat, recent.id)).status).toBe('failed');
  });
});
