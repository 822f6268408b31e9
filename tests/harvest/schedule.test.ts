// Periodic sources: harvest.schedule gives each due source a job and its next run; a source not due, a
// MANUAL one and one with a job pending get none.
import { runAction } from '../../server/core/actions';
import { isoAt } from '../../server/db/columns';
import { inTransaction } from '../../server/db/transaction';
import { HarvestJobEntity, HarvestSourceEntity } from '../../server/harvest/entities';
import { JobEntity } from '../../server/jobs/entities';
import { harvestScheduleJob } from '../../server/harvest/jobs';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { makeOrg, sysadminContext, unique } from '../support/factories';

let cat: TestCatalogue;
beforeAll(async () => {
  cat = await startCatalogue();
});
afterAll(async () => cat.close());

const noReport = { progress: async () => undefined, checkpoint: async () => undefined, cancelled: () => false };

async function source(frequency: string): Promise<string> {
  const org = await makeOrg(cat);
  const made = await runAction<{ id: string; next_run: string | null }>('harvest_source_create', await sysadminContext(cat), {
    name: unique('fonte'), url: 'https://dati.example.org', source_type: 'ckan', owner_org: org.name, frequency,
  });
  return made.id;
}

const jobsOf = (sourceId: string) => cat.services.db.getRepository(HarvestJobEntity).countBy({ sourceId });

it('starts the due periodic sources, and only them', async () => {
  const [due, notDue, manual, busy] = [await source('DAILY'), await source('WEEKLY'), await source('MANUAL'), await source('HOURLY')];
  const past = isoAt(Date.now() - 1000);
  await inTransaction(cat.services.db, async (m) => {
    for (const id of [due, busy]) await m.getRepository(HarvestSourceEntity).update({ id }, { nextRun: past });
  });
  await runAction('harvest_job_create', await sysadminContext(cat), { source_id: busy });
  const ctx = await sysadminContext(cat);
  const result = await harvestScheduleJob.run(ctx, { id: 'x', type: 'harvest.schedule', title: '', data: {}, attempt: 1, maxAttempts: 1, progress: null }, noReport);
  expect(result).toEqual({ started: 1 });
  expect([await jobsOf(due), await jobsOf(notDue), await jobsOf(manual), await jobsOf(busy)]).toEqual([1, 0, 0, 1]);
  const next = (await cat.services.db.getRepository(HarvestSourceEntity).findOneByOrFail({ id: due })).nextRun!;
  expect(next > isoAt(Date.now() + 23 * 3600 * 1000)).toBe(true);
  expect((await cat.services.db.getRepository(HarvestSourceEntity).findOneByOrFail({ id: manual })).nextRun).toBeNull();
});

it('closes a harvest job whose background job ended without it, so the source can run again', async () => {
  const id = await source('MANUAL');
  const ctx = await sysadminContext(cat);
  const first = await runAction<{ id: string }>('harvest_job_create', ctx, { source_id: id });
  await expect(runAction('harvest_job_create', ctx, { source_id: id })).rejects.toThrow(/già una raccolta/);
  const background = await cat.services.db.getRepository(JobEntity).findOneByOrFail({ uniqueKey: `harvest:${id}` });
  await runAction('job_cancel', ctx, { id: background.id });
  const second = await runAction<{ id: string; status: string }>('harvest_job_create', ctx, { source_id: id });
  expect(second.status).toBe('New');
  const closed = await runAction<any>('harvest_job_show', ctx, { id: first.id });
  expect(closed).toMatchObject({ status: 'Finished', gather_errors: [{ message: expect.stringContaining('interrotta') }] });
});
