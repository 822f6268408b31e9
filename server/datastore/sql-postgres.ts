// datastore_search_sql on PostgreSQL: one READ ONLY transaction with a statement timeout and the
// search_path on the schema `datastore`; the plan (EXPLAIN (FORMAT JSON, VERBOSE)) names every relation the
// query reads, and each must be a table of that schema that the caller may see.
import type { Pool } from 'pg';
import { ValidationError } from '../core/errors';
import { DATASTORE_SCHEMA } from './backend';
import { SqlAnswer, SqlPlan, timeLimitError } from './sql-sqlite';

interface PlanNode {
  'Relation Name'?: string;
  Schema?: string;
  'Node Type'?: string;
  Plans?: PlanNode[];
}

/** The relations a plan reads, schema-qualified; null when it scans a function or something that is not a table. */
function relationsOf(node: PlanNode, found: Set<string>): boolean {
  if (node['Node Type'] === 'Function Scan' || node['Node Type'] === 'Table Function Scan') return false;
  if (node['Relation Name']) {
    if (node.Schema !== DATASTORE_SCHEMA) return false;
    found.add(node['Relation Name']);
  }
  return (node.Plans ?? []).every((child) => relationsOf(child, found));
}

const PG_TYPES: Record<number, string> = {
  16: 'bool', 20: 'int', 21: 'int', 23: 'int', 700: 'numeric', 701: 'numeric', 1700: 'numeric', 1082: 'date', 1114: 'timestamp', 1184: 'timestamp', 114: 'json', 3802: 'json',
};

export async function runPostgresSql(pool: Pool, sql: string, options: { maxRows: number; timeoutMs: number; allow: (plan: SqlPlan) => Promise<void> }): Promise<SqlAnswer> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(options.timeoutMs))}`);
    await client.query(`SET LOCAL search_path = ${DATASTORE_SCHEMA}`);
    const explained = await client.query(`EXPLAIN (FORMAT JSON, VERBOSE) ${sql}`);
    const plan = (explained.rows[0]['QUERY PLAN'] as Array<{ Plan: PlanNode }>)[0].Plan;
    const found = new Set<string>();
    await options.allow({ tables: relationsOf(plan, found) ? [...found] : null });
    // Wrapped, so that only a query can run, and at most maxRows + 1 rows come back.
    const result = await client.query({ text: `SELECT * FROM (${sql}) AS query LIMIT ${options.maxRows + 1}`, rowMode: 'array' });
    const truncated = result.rows.length > options.maxRows;
    return {
      columns: result.fields.map((f) => ({ name: f.name, type: PG_TYPES[f.dataTypeID] ?? 'text' })),
      rows: truncated ? result.rows.slice(0, options.maxRows) : result.rows,
      truncated,
    };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === '57014') throw timeLimitError(options.timeoutMs);
    if (code === '25006') throw ValidationError.field('sql', 'Sono ammesse solo query di sola lettura (SELECT)');
    if (typeof code === 'string') throw ValidationError.field('sql', `Query non valida: ${String(message).split('\n')[0]}`);
    throw error;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
