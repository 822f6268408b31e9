// The registry of job types, and enqueueJob: atomic with the caller's transaction, one pending job per key.
import { SystemSettingEntity } from '../../server/auth/entities';
import { inTransaction } from '../../server/db/transaction';
import { enqueue, enqueueJob } from '../../server/jobs/enqueue';
import { JobEntity } from '../../server/jobs/entities';
import { defineJob, getJobType, JobDefinition, registerJobs } from '../../server/jobs/registry';
import { databaseKind, startCatalogue, TestCatalogue } from '../support/harness';
import { jobRow, newQueue, registerTestJobs, stopRunners, testJob, testRunner, waitForStatus } from './support';

describe('defineJob', () => {
  it('refuses a job type without a run function', () => {
    expect(() => defineJob({ type: 'test.senza', title: 'Senza' } as unknown as JobDefinition)).toThrow('job test.senza has no run function');
  });

  it('refuses names that are not dotted lower-case words, and intervals that are not positive', () => {
    expect(() => defineJob({ type: 'Carica Dati', title: 'x', run: async () => null })).toThrow(/dotted lower-case/);
    expect(() => defineJob({ type: 'test.mai', title: 'x', every: 0, run: async () => null })).toThrow(/every/);
  });

  it('registers a type once', () => {
    const job = defineJob({ type: 'test.una-volta', title: 'Una volta', run: async () => null });
    registerJobs([job]);
    expect(getJobType('test.una-volta')).toBe(job);
    expect(() => registerJobs([job])).toThrow('job test.una-volta registered twice');
  });
});

describe(`enqueueJob (${databaseKind})`, () => {
  let cat: TestCatalogue;
  beforeAll(async () => {
    cat = await startCatalogue();
    registerTestJobs();
  });
  afterEach(stopRunners);
  afterAll(async () => cat.close());

  it('refuses a type nobody registered', async () => {
    await expect(enqueue(cat.services.db, { type: 'test.sconosciuto' })).rejects.toThrow('tipo di lavoro sconosciuto: test.sconosciuto');
  });

  it('creates the job with the data it concerns, or neither when the transaction fails', async () => {
    const queue = newQueue();
    const write = (key: string, fail: boolean) => inTransaction(cat.services.db, async (manager) => {
      await manager.insert(SystemSettingEntity, { key, value: 'x' });
      await enqueueJob(manager, { type: 'test.echo', queue, data: { key } });
      if (fail) throw new Error('annullata');
    });
    await expect(write('fallita', true)).rejects.toThrow('annullata');
    await write('riuscita', false);
    const settings = cat.services.db.getRepository(SystemSettingEntity);
    expect(await settings.existsBy({ key: 'fallita' })).toBe(false);
    expect((await cat.services.db.getRepository(JobEntity).findBy({ queue })).map((job) => job.data)).toEqual([{ key: 'riuscita' }]);
  });

  it('fills in the defaults: the type\'s title, queue "default", three attempts, run now', async () => {
    const job = await testJob(cat, { type: 'test.echo', data: { a: 1 } });
    expect(await jobRow(cat, job.id)).toMatchObject({
      title: 'Lavoro di prova', queue: 'default', status: 'queued', attempts: 0, maxAttempts: 3, data: { a: 1 },
      progress: null, cancelRequested: false, uniqueKey: null, runAt: job.created,
    });
  });

  it('keeps one pending job per key; once it has ended, the key is free again', async () => {
    const queue = newQueue();
    const first = await testJob(cat, { type: 'test.echo', queue, key: 'carica:risorsa-1' });
    const again = await testJob(cat, { type: 'test.echo', queue, key: 'carica:risorsa-1' });
    expect(again.id).toBe(first.id);
    testRunner(cat.services, { queues: [queue] });
    await waitForStatus(cat, first.id, 'finished');
    const later = await testJob(cat, { type: 'test.echo', queue, key: 'carica:risorsa-1' });
    expect(later.id).not.toBe(first.id);
  });
});
