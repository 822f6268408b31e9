// The one statement that differs between the databases: taking the next due job, atomically.
// PostgreSQL: UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id, so that
// several instances share the queue and never take one job twice (pg-boss's and graphile-worker's way).
// SQLite: the same UPDATE without the locking clause; one statement is atomic there, also across
// processes (the server and a worker on one file), and in-process it waits its turn in the write queue.
import { DataSource } from 'typeorm';
import { isPostgres } from '../db/dialect';
import { PositionalParams } from '../db/params';
import { serializedWrite } from '../db/transaction';

export interface Lease {
  owner: string;
  /** Stored instants (isoAt): now, and the end of the new lease. */
  now: string;
  leaseUntil: string;
}

export interface ClaimRequest extends Lease {
  types: string[];
  /** null: every queue. */
  queues: string[] | null;
}

/** The lease a claim gives: running, for `owner`, until `leaseUntil` (one attempt more). */
function leaseSet(p: PositionalParams, lease: Lease): string {
  return `"status" = 'running', "attempts" = "attempts" + 1, "lease_owner" = ${p.add(lease.owner)}, `
    + `"lease_expires" = ${p.add(lease.leaseUntil)}, "started" = ${p.add(lease.now)}, "updated" = ${p.add(lease.now)}`;
}

function claimStatement(postgres: boolean, request: ClaimRequest): { sql: string; values: unknown[] } {
  const p = new PositionalParams(postgres ? 'postgres' : 'sqlite');
  const set = leaseSet(p, request);
  const filters = [`"status" = 'queued'`, `"run_at" <= ${p.add(request.now)}`, p.in('"type"', request.types)];
  if (request.queues) filters.push(p.in('"queue"', request.queues));
  const next = `SELECT "id" FROM "job" WHERE ${filters.join(' AND ')} ORDER BY "run_at", "created", "id" LIMIT 1`
    + (postgres ? ' FOR UPDATE SKIP LOCKED' : '');
  return { sql: `UPDATE "job" SET ${set} WHERE "id" = (${next}) AND "status" = 'queued' RETURNING "id"`, values: p.values };
}

/** Runs a claim's UPDATE ... RETURNING "id"; the ids it took (pg answers [rows, count], better-sqlite3 the rows). */
async function runClaim(db: DataSource, sql: string, values: unknown[]): Promise<string[]> {
  const raw = await serializedWrite(db, (writer) => writer.query(sql, values));
  return ((isPostgres(db) ? raw[0] : raw) as { id: string }[]).map((row) => row.id);
}

/** Marks the job `id` as running for `lease.owner` if it is still queued (jobs/run-now.ts); false if another has it. */
export async function claimJobById(db: DataSource, id: string, lease: Lease): Promise<boolean> {
  const p = new PositionalParams(db);
  const set = leaseSet(p, lease);
  return (await runClaim(db, `UPDATE "job" SET ${set} WHERE "id" = ${p.add(id)} AND "status" = 'queued' RETURNING "id"`, p.values)).length === 1;
}

/** Marks the next due job as running for `owner` and returns its id, or null when none is due. */
export async function claimNextJob(db: DataSource, request: ClaimRequest): Promise<string | null> {
  if (!request.types.length || request.queues?.length === 0) return null;
  const { sql, values } = claimStatement(isPostgres(db), request);
  return (await runClaim(db, sql, values))[0] ?? null;
}
