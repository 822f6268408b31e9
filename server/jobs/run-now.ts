// Running one queued job at once in the calling process (a small upload's DataStore load, before the
// upload call returns): claimed by id with the same lease as a runner's claim, so that no runner takes
// it meanwhile, and run by the same JobExecution (heartbeat, retries, failure).
import { ActionContext } from '../core/context';
import { isoAt } from '../db/columns';
import { isPostgres } from '../db/dialect';
import { serializedWrite } from '../db/transaction';
import { JobEntity } from './entities';
import { JobExecution } from './execution';
import { newOwner, retireOwner } from './owners';
import { systemClock } from './time';

const LEASE_MS = 30_000;

async function claimById(ctx: ActionContext, id: string, owner: string, now: number): Promise<boolean> {
  const db = ctx.services.db;
  const n = isPostgres(db) ? (i: number) => `$${i}` : () => '?';
  const sql = `UPDATE "job" SET "status" = 'running', "attempts" = "attempts" + 1, "lease_owner" = ${n(1)}, "lease_expires" = ${n(2)}, `
    + `"started" = ${n(3)}, "updated" = ${n(4)} WHERE "id" = ${n(5)} AND "status" = 'queued' RETURNING "id"`;
  const raw = await serializedWrite(db, (writer) => writer.query(sql, [owner, isoAt(now + LEASE_MS), isoAt(now), isoAt(now), id]));
  const rows = (isPostgres(db) ? raw[0] : raw) as { id: string }[];
  return rows.length === 1;
}

/** Runs the job here if it is still queued; false when another runner has it already. */
export async function runJobNow(ctx: ActionContext, id: string): Promise<boolean> {
  const owner = newOwner('request');
  try {
    if (!(await claimById(ctx, id, owner, systemClock()))) return false;
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
