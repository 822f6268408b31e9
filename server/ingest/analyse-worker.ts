// The worker thread's side of analyseInWorker (analyse-thread.ts): reads and analyses the file with
// analyseFile and posts the rows in batches, never more than `window` batches ahead of the thread that
// writes them (each batch is acknowledged), then the analysis; a failure is posted as data.
import { parentPort, workerData } from 'node:worker_threads';
import { analyseFile } from './analyse';
import { serialisedError, WorkerInput, WorkerMessage } from './analyse-protocol';
import { Cell } from './values';

const input = workerData as WorkerInput;
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

let credit = input.window;
let resume: (() => void) | null = null;
port.on('message', () => {
  credit += 1;
  const waiting = resume;
  resume = null;
  waiting?.();
});

let rows: Cell[][] = [];
let records: number[] = [];

async function send(): Promise<void> {
  if (rows.length === 0) return;
  while (credit <= 0) await new Promise<void>((resolve) => { resume = resolve; });
  credit -= 1;
  post({ kind: 'rows', rows, records });
  rows = [];
  records = [];
}

analyseFile(input.path, {
  format: input.format,
  overrides: input.overrides,
  onColumns: (columns) => post({ kind: 'columns', columns }),
  onRow: input.rows ? (cells, record) => {
    rows.push(cells);
    records.push(record);
    return rows.length >= input.batchRows ? send() : undefined;
  } : undefined,
  onProgress: (read, bytesRead, size) => post({ kind: 'progress', rows: read, bytesRead, size }),
}).then(async (analysis) => {
  await send();
  post({ kind: 'done', analysis });
}, (error: unknown) => post({ kind: 'error', error: serialisedError(error) }));
