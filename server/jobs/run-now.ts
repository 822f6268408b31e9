// Running one queued job at once in the calling process (a small upload's DataStore load, before the
// upload call returns): claimed by id with the same lease as a runner's claim, so that no runner takes
// it meanwhile, and run by the same JobExecution (heartbeat, retries, failure).
import { ActionContext } from '../core/context';
import { isoAt } from '../db/columns';
import { JobEntity } from './entities';
import { JobExecution } from './execution';
import { newOwner, retireOwner } from './owners';
import { claimJobById } from './sql';
import { systemClock } from './time';

const LEASE_MS = 30_000;

/** Runs the job here if it is still queued; false when another runner has it already. */
export async function runJobNow(ctx: ActionContext, id: string): Promise<boolean> {
  const owner = newOwner('request');
  try {
    const now = systemClock();
    if (!(await claimJobById(ctx.services.db, id, { owner, now: isoAt(now), leaseUntil: isoAt(now + LEASE_MS) }))) return false;
    const job = await ctx.services.db.getRepository(JobEntity).findOneByOrFail({ id });
    await new JobExecution(job, {
      ctx, clock: systemClock, random: Math.random, leaseMs: LEASE_MS, heartbeatMs: 10_000,
      cancelCheckMs: 1000, progressEveryMs: 1000, stopping: () => false,
    }).run();
    return true;
  } finally {
    retireOwner(owner);
  }
}
