// The one statement that differs between the databases: taking the next due job, atomically.
// PostgreSQL: UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id, so that
// several instances share the queue and never take one job twice (pg-boss's and graphile-worker's way).
// SQLite: the same UPDATE without the locking clause; one statement is atomic there, also across
// processes (the server and a worker on one file), and in-process it waits its turn in the write queue.
import { DataSource } from 'typeorm';
import { isPostgres } from '../db/dialect';
import { serializedWrite } from '../db/transaction';

export interface ClaimRequest {
  owner: string;
  /** Stored instants (isoAt): now, and the end of the new lease. */
  now: string;
  leaseUntil: string;
  types: string[];
  /** null: every queue. */
  queues: string[] | null;
}

/** Numbered placeholders for pg ($1), plain ones for better-sqlite3 (?). */
class Parameters {
  readonly values: unknown[] = [];
  constructor(private readonly postgres: boolean) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : '?';
  }

  /** A "column IN list" test: one array parameter on PostgreSQL, one placeholder per value on SQLite. */
  in(column: string, list: string[]): string {
    if (this.postgres) return `${column} = ANY(${this.add(list)})`;
    return `${column} IN (${list.map((value) => this.add(value)).join(', ')})`;
  }
}

function claimStatement(postgres: boolean, request: ClaimRequest): { sql: string; values: unknown[] } {
  const p = new Parameters(postgres);
  const set = `"status" = 'running', "attempts" = "attempts" + 1, "lease_owner" = ${p.add(request.owner)}, `
    + `"lease_expires" = ${p.add(request.leaseUntil)}, "started" = ${p.add(request.now)}, "updated" = ${p.add(request.now)}`;
  const filters = [`"status" = 'queued'`, `"run_at" <= ${p.add(request.now)}`, p.in('"type"', request.types)];
  if (request.queues) filters.push(p.in('"queue"', request.queues));
  const next = `SELECT "id" FROM "job" WHERE ${filters.join(' AND ')} ORDER BY "run_at", "created", "id" LIMIT 1`
    + (postgres ? ' FOR UPDATE SKIP LOCKED' : '');
  return { sql: `UPDATE "job" SET ${set} WHERE "id" = (${next}) AND "status" = 'queued' RETURNING "id"`, values: p.values };
}

/** Marks the next due job as running for `owner` and returns its id, or null when none is due. */
export async function claimNextJob(db: DataSource, request: ClaimRequest): Promise<string | null> {
  if (!request.types.length || request.queues?.length === 0) return null;
  const postgres = isPostgres(db);
  const { sql, values } = claimStatement(postgres, request);
  const raw = await serializedWrite(db, (writer) => writer.query(sql, values));
  // pg answers an UPDATE with [rows, count]; better-sqlite3 with the rows.
  const rows = (postgres ? raw[0] : raw) as { id: string }[];
  return rows[0]?.id ?? null;
}
