// datastore_search_sql: one read-only SELECT over DataStore tables, with a time limit and at most
// ROWS_MAX rows (CKAN's shape: records, fields, sql, and records_truncated when cut). Each table the
// plan reads must be a resource's table that the caller may see.
import { defineAction, publicAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { ValidationError } from '../core/errors';
import { visibleResource } from './access';
import { datastoreFile, PgBackend } from './backend';
import { knownTables } from './metadata';
import { fromStored } from './sql';
import { checkSqlText } from './sql-guard';
import { runPostgresSql } from './sql-postgres';
import { runSqliteSql, SqlAnswer, SqlPlan } from './sql-sqlite';
import { ROWS_MAX } from './store';
import { DatastoreType } from './types';

const SQLITE_TYPES: Record<string, DatastoreType> = {
  INTEGER: 'int', REAL: 'numeric', BOOLEAN: 'bool', DATE: 'date', TIMESTAMP: 'timestamp', JSON: 'json', TEXT: 'text',
};

function allowTables(ctx: ActionContext) {
  return async (plan: SqlPlan): Promise<void> => {
    if (plan.tables === null) throw ValidationError.field('sql', 'La query può leggere solo le tabelle del DataStore (nessuna tabella di sistema o funzione di tabella)');
    const store = ctx.services.datastore;
    const known = new Set(await knownTables(store.backend, store.dialect, plan.tables));
    const strangers = plan.tables.filter((t) => !known.has(t));
    if (strangers.length) throw ValidationError.field('sql', `Tabella non del DataStore: ${strangers.join(', ')}`);
    for (const table of plan.tables) await visibleResource(ctx, table);
  };
}

function columnType(answer: SqlAnswer, index: number): DatastoreType {
  const declared = answer.columns[index].type;
  const mapped = declared ? SQLITE_TYPES[declared.toUpperCase()] ?? (declared as DatastoreType) : undefined;
  if (mapped) return mapped;
  const sample = answer.rows.find((row) => row[index] !== null)?.[index];
  if (typeof sample === 'number') return Number.isInteger(sample) ? 'int' : 'numeric';
  return 'text';
}

async function runQuery(ctx: ActionContext, sql: string): Promise<SqlAnswer> {
  const store = ctx.services.datastore;
  const options = { maxRows: ROWS_MAX, timeoutMs: store.sqlTimeoutMs, allow: allowTables(ctx) };
  if (store.backend.dialect === 'postgres') return runPostgresSql((store.backend as PgBackend).pool, sql, options);
  return runSqliteSql(datastoreFile(ctx.services.config.dataDir), sql, options);
}

export const datastoreSearchSql = defineAction({
  name: 'datastore_search_sql', kind: 'read', schema: 'datastore_search_sql.json', auth: publicAction,
  help: 'Esegue una sola query SELECT (in sola lettura, con un tempo massimo) sulle tabelle DataStore delle risorse visibili.',
  run: async (ctx, input: { sql: string }) => {
    const sql = checkSqlText(input.sql);
    const answer = await runQuery(ctx, sql);
    const types = answer.columns.map((_, i) => columnType(answer, i));
    const fields = answer.columns.map((c, i) => ({ id: c.name, type: types[i] }));
    const records = answer.rows.map((row) => Object.fromEntries(fields.map((f, i) => [f.id, fromStored(f.type, row[i])])));
    const result: Record<string, unknown> = { sql: input.sql, records, fields };
    if (answer.truncated) result.records_truncated = true;
    return result;
  },
});
