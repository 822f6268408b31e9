// datastore_search_sql on SQLite: better-sqlite3 cannot interrupt a statement, so the query runs in a
// worker thread, on a read-only connection of its own, and the worker is terminated at the time limit.
// Before running, the worker reports the tables the plan opens (EXPLAIN's OpenRead root pages, mapped
// through sqlite_schema) and waits for the caller to allow them.
import { Worker } from 'node:worker_threads';
import { ValidationError } from '../core/errors';

export interface SqlPlan {
  /** Tables the plan reads, by name; `null` when it reads something that is not a table of the file. */
  tables: string[] | null;
}

export interface SqlAnswer {
  columns: Array<{ name: string; type: string | null }>;
  rows: unknown[][];
  truncated: boolean;
}

// Plain JavaScript, run with `eval`: the same code works from the TypeScript sources and from dist/.
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.function('lower', { deterministic: true }, (v) => (typeof v === 'string' ? v.toLowerCase() : v));
function fail(kind, message) { parentPort.postMessage({ kind, message }); }
let statement;
try {
  statement = db.prepare(workerData.sql);
} catch (error) {
  fail('invalid', error.message);
  return;
}
if (!statement.reader || !statement.readonly) {
  fail('refused', 'write');
  return;
}
const roots = new Map(db.prepare("SELECT rootpage, tbl_name FROM sqlite_schema WHERE rootpage > 0").raw().all());
let tables = [];
for (const op of db.prepare('EXPLAIN ' + workerData.sql).all()) {
  if (op.opcode === 'VOpen' || ((op.opcode === 'OpenRead' || op.opcode === 'ReopenIdx') && (op.p3 !== 0 || !roots.has(op.p2)))) { tables = null; break; }
  if (op.opcode === 'OpenRead' || op.opcode === 'ReopenIdx') tables.push(roots.get(op.p2));
}
parentPort.postMessage({ kind: 'plan', tables: tables && [...new Set(tables)] });
parentPort.once('message', () => {
  try {
    const columns = statement.columns().map((c) => ({ name: c.name, type: c.type }));
    const rows = [];
    let truncated = false;
    for (const row of statement.raw().iterate()) {
      if (rows.length === workerData.maxRows) { truncated = true; break; }
      rows.push(row);
    }
    parentPort.postMessage({ kind: 'rows', columns, rows, truncated });
  } catch (error) {
    fail('invalid', error.message);
  }
});
`;

const WRAPPED = `(function () {${WORKER_CODE}\n})()`;

type Message = { kind: 'plan'; tables: string[] | null } | ({ kind: 'rows' } & SqlAnswer) | { kind: 'invalid' | 'refused'; message: string };

export function runSqliteSql(file: string, sql: string, options: { maxRows: number; timeoutMs: number; allow: (plan: SqlPlan) => Promise<void> }): Promise<SqlAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WRAPPED, { eval: true, workerData: { file, sql, maxRows: options.maxRows, driver: require.resolve('better-sqlite3') } });
    let settled = false;
    const finish = (error: unknown, answer?: SqlAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve(answer!);
    };
    const timer = setTimeout(() => finish(timeLimitError(options.timeoutMs)), options.timeoutMs);
    worker.on('message', (message: Message) => {
      if (message.kind === 'plan') {
        options.allow({ tables: message.tables }).then(() => worker.postMessage('go'), (error) => finish(error));
      } else if (message.kind === 'rows') finish(null, message);
      else if (message.kind === 'refused') finish(ValidationError.field('sql', 'Sono ammesse solo query di sola lettura (SELECT)'));
      else finish(ValidationError.field('sql', `Query non valida: ${message.message}`));
    });
    worker.on('error', (error) => finish(ValidationError.field('sql', `Query non valida: ${error.message}`)));
    worker.on('exit', () => finish(new Error('datastore_search_sql: il processo della query è terminato senza risposta')));
  });
}

export function timeLimitError(timeoutMs: number): ValidationError {
  return ValidationError.field('sql', `La query ha superato il tempo massimo di ${Math.round(timeoutMs / 100) / 10} secondi ed è stata interrotta`);
}
