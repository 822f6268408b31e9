// datastore_search_sql on SQLite. better-sqlite3 cannot interrupt a statement, and a worker thread's
// terminate() does not stop one either (the thread stays in SQLite's C code, burning a core, and keeps
// the process alive): so the query runs in a child process, on a read-only connection of its own, killed
// at the time limit. Before running, the child reports the tables the plan opens (EXPLAIN's OpenRead
// root pages, mapped through sqlite_schema) and waits for the caller to allow them.
import { ChildProcess, spawn } from 'node:child_process';
import { ValidationError } from '../core/errors';

/** Queries running at once; more wait for nothing: they are refused, so that a burst cannot fork without end. */
const MAX_RUNNING = 4;
const children = new Set<ChildProcess>();
// A query outlives no server: its child goes with the process (a crash included, where 'exit' runs).
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

export interface SqlPlan {
  /** Tables the plan reads, by name; `null` when it reads something that is not a table of the file. */
  tables: string[] | null;
}

export interface SqlAnswer {
  columns: Array<{ name: string; type: string | null }>;
  rows: unknown[][];
  truncated: boolean;
}

// Plain JavaScript, run with `node -e`: the same code works from the TypeScript sources and from dist/.
const CHILD_CODE = `
const workerData = JSON.parse(process.argv[1]);
const parentPort = { postMessage: (m) => process.send(m), once: (e, f) => process.once(e, f) };
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

const WRAPPED = `(function () {${CHILD_CODE}\n})()`;

type Message = { kind: 'plan'; tables: string[] | null } | ({ kind: 'rows' } & SqlAnswer) | { kind: 'invalid' | 'refused'; message: string };

export function runSqliteSql(file: string, sql: string, options: { maxRows: number; timeoutMs: number; allow: (plan: SqlPlan) => Promise<void> }): Promise<SqlAnswer> {
  if (children.size >= MAX_RUNNING) return Promise.reject(ValidationError.field('sql', 'Troppe query SQL in corso: riprova tra poco', 429));
  return new Promise<SqlAnswer>((resolve, reject) => {
    const workerData = JSON.stringify({ file, sql, maxRows: options.maxRows, driver: require.resolve('better-sqlite3') });
    const child = spawn(process.execPath, ['-e', WRAPPED, workerData], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced' });
    children.add(child);
    let settled = false;
    const finish = (error: unknown, answer?: SqlAnswer) => {
      if (settled) return;
      settled = true;
      children.delete(child);
      clearTimeout(timer);
      child.kill('SIGKILL');
      if (error) reject(error);
      else resolve(answer!);
    };
    const timer = setTimeout(() => finish(timeLimitError(options.timeoutMs)), options.timeoutMs);
    child.on('message', (message: Message) => {
      if (message.kind === 'plan') {
        options.allow({ tables: message.tables }).then(() => child.send('go'), (error) => finish(error));
      } else if (message.kind === 'rows') finish(null, message);
      else if (message.kind === 'refused') finish(ValidationError.field('sql', 'Sono ammesse solo query di sola lettura (SELECT)'));
      else finish(ValidationError.field('sql', `Query non valida: ${message.message}`));
    });
    child.on('error', (error) => finish(error));
    child.on('exit', () => finish(new Error('datastore_search_sql: il processo della query è terminato senza risposta')));
  });
}

export function timeLimitError(timeoutMs: number): ValidationError {
  return ValidationError.field('sql', `La query ha superato il tempo massimo di ${Math.round(timeoutMs / 100) / 10} secondi ed è stata interrotta`);
}
