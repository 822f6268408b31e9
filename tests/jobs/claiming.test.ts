// Several runners at once, as several app instances would run (on PostgreSQL each with its own
// connection pool): every job is run exactly once.
import { inTransaction } from '../../server/db/transaction';
import { enqueueJob } from '../../server/jobs/enqueue';
import { JobEntity } from '../../server/jobs/entities';
import { databaseKind, startCatalogue, TestCatalogue } from '../support/harness';
import { instancesOf, newQueue, registerTestJobs, seen, stopRunners, testRunner, waitFor } from './support';

const JOBS = 80;
const INSTANCES = 4;

let cat: TestCatalogue;
let instances: Awaited<ReturnType<typeof instancesOf>>;
beforeAll(async () => {
  cat = await startCatalogue();
  instances = await instancesOf(cat, INSTANCES);
});
afterAll(async () => {
  await stopRunners();
  await instances.close();
  await cat.close();
});

describe(`claiming (${databaseKind})`, () => {
  it('gives each of many jobs to exactly one of several runners working at once', async () => {
    registerTestJobs();
    const queue = newQueue();
    const ids = await inTransaction(cat.services.db, async (manager) => {
      const made: string[] = [];
      for (let i = 0; i < JOBS; i += 1) made.push((await enqueueJob(manager, { type: 'test.steps', queue, data: { steps: 2 } })).id);
      return made;
    });
    for (const services of instances.all) testRunner(services, { queues: [queue], concurrency: 2, pollMs: 1 });
    const repo = cat.services.db.getRepository(JobEntity);
    await waitFor('every job to finish', async () => (await repo.countBy({ queue, status: 'finished' })) === JOBS, 50_000);
    const runs = seen.runs.filter((run) => ids.includes(run.id)).map((run) => run.id);
    expect(runs.length).toBe(JOBS);
    expect(new Set(runs).size).toBe(JOBS);
    expect((await repo.findBy({ queue })).every((job) => job.attempts === 1)).toBe(true);
  }, 60_000);
});
