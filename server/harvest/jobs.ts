// The harvest's background jobs: `harvest.run` runs one harvest job (enqueued by harvest_job_create,
// one pending per source), `harvest.schedule` creates the jobs of the periodic sources that are due.
import { LessThanOrEqual, Not } from 'typeorm';
import { isoAt, nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import { defineJob } from '../jobs/registry';
import { logger } from '../ops/log';
import { HarvestSourceEntity } from './entities';
import { runHarvestJob } from './run';
import { createHarvestJob, HARVEST_JOB_TYPE, HARVEST_QUEUE, nextRunAfter } from './sources';

const MINUTE = 60 * 1000;

export const harvestRunJob = defineJob<{ harvestJobId: string }, unknown>({
  type: HARVEST_JOB_TYPE, title: 'Raccolta da una fonte', queue: HARVEST_QUEUE, maxAttempts: 3,
  run: (ctx, job, report) => runHarvestJob(ctx, job.data.harvestJobId, report),
});

/** Due periodic sources get a job (unless one is pending) and their next run. */
export const harvestScheduleJob = defineJob({
  type: 'harvest.schedule', title: 'Avvio delle raccolte periodiche', queue: HARVEST_QUEUE, every: 5 * MINUTE,
  run: async (ctx) => {
    const now = Date.now();
    const due = await ctx.services.db.getRepository(HarvestSourceEntity).findBy({
      state: 'active', active: true, frequency: Not('MANUAL'), nextRun: LessThanOrEqual(isoAt(now)),
    });
    let started = 0;
    for (const source of due) {
      await inTransaction(ctx.services.db, async (m) => {
        await m.getRepository(HarvestSourceEntity).update({ id: source.id }, { nextRun: nextRunAfter(source.frequency, now) });
        try {
          await createHarvestJob(m, source);
          started += 1;
        } catch (err) {
          logger.info({ source: source.name, at: nowIso() }, `raccolta periodica non avviata: ${(err as Error).message}`);
        }
      });
    }
    return { started };
  },
});

export const harvestJobs = [harvestRunJob, harvestScheduleJob];
