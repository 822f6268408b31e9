// The portal's own periodic jobs. This file wires jobs to the stores of other folders (sessions,
// rate limits, files): like main.ts, it sits above them.
import { In, LessThan } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { DatabaseRateLimitStore } from '../auth/rate-limit-store';
import { DatabaseSessionStore } from '../auth/session-store';
import { sweepFiles } from '../files/sweep';
import { nodeLiveness } from '../nodes/registry';
import { Services } from '../core/context';
import { JobEntity } from './entities';
import { defineJob } from './registry';
import { isoAt } from '../db/columns';

const HOUR = 60 * 60 * 1000;
/** Ended jobs are kept this long for job_show, then dropped. */
const ENDED_JOBS_KEPT_MS = 30 * 24 * HOUR;

async function pruneEndedJobs(services: Services, now: number): Promise<number> {
  const result = await inTransaction(services.db, (manager) => manager.delete(JobEntity, {
    status: In(['finished', 'failed', 'cancelled']), finished: LessThan(isoAt(now - ENDED_JOBS_KEPT_MS)),
  }));
  return result.affected ?? 0;
}

/** Expired sessions and rate-limit counters, and jobs ended a month ago, are dead weight. */
export const pruneJob = defineJob({
  type: 'maintenance.prune', title: 'Pulizia di sessioni scadute, contatori e vecchi lavori', queue: 'maintenance', every: HOUR,
  run: async (ctx) => {
    await new DatabaseSessionStore(ctx.services.db).prune();
    await new DatabaseRateLimitStore(ctx.services.db).prune();
    return { jobsRemoved: await pruneEndedJobs(ctx.services, Date.now()) };
  },
});

/** Temporary files of interrupted uploads, and stored files no row references. */
export const filesSweepJob = defineJob({
  type: 'files.sweep', title: 'Pulizia dei file temporanei e orfani', queue: 'maintenance', every: HOUR,
  run: async (ctx) => sweepFiles(ctx.services),
});

/** DataStore tables of loads whose process died mid-load (a live node's loads are left alone). */
export const datastoreSweepJob = defineJob({
  type: 'datastore.sweep', title: 'Pulizia delle tabelle di caricamenti interrotti nel DataStore', queue: 'maintenance', every: HOUR,
  run: async (ctx) => {
    const { alive } = await nodeLiveness(ctx.services.db);
    return { tablesDropped: (await ctx.services.datastore.sweepUnfinishedLoads(alive)).length };
  },
});

export const maintenanceJobs = [pruneJob, filesSweepJob, datastoreSweepJob];
