// analyseFile in a worker thread: the file is read, decoded, parsed and its columns inferred on another
// core, while this thread types the rows and writes them (load.ts). Same options and answer as
// analyseFile: the rows come in batches, each acknowledged once `onRow` has taken all its rows (the
// worker stays at most WINDOW batches ahead, so memory holds a few batches), progress and the analysis
// come in order after them. The worker ends with the analysis, and is terminated at once when this side
// fails (a refused row, a cancelled job: `onRow` or `onProgress` throwing) or the worker does.
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Analysis, AnalyseOptions } from './analyse';
import { revivedError, WorkerInput, WorkerMessage } from './analyse-protocol';

// Small batches, several ahead: a batch dies young (before V8 promotes it), which keeps the server's heap,
// and so its peak RSS, from growing during a long load.
const BATCH_ROWS = 500;
const WINDOW = 8;

let running = 0;

/** Analysis workers alive in this process (for the tests: none may outlive its load). */
export function runningAnalysisWorkers(): number {
  return running;
}

// From the TypeScript sources (under jest) there is no analyse-worker.js: the worker then compiles each
// .ts module it requires with typescript's transpileModule (a development dependency; dist/ never needs
// it), keeping the output in a cache folder by path and modification time, so that the next worker
// neither loads typescript nor compiles again.
const FROM_SOURCES = `
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const cache = CACHE;
let ts = null;
require.extensions['.ts'] = (module, filename) => {
  const stat = fs.statSync(filename);
  const key = crypto.createHash('sha1').update(filename + '\\0' + stat.mtimeMs + '\\0' + stat.size).digest('hex');
  const cached = path.join(cache, key + '.js');
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    ts ??= require(TYPESCRIPT);
    code = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { fileName: filename, compilerOptions: {
      module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true, emitDecoratorMetadata: true } }).outputText;
    fs.mkdirSync(cache, { recursive: true });
    const partial = cached + '.' + process.pid + '.' + require('node:worker_threads').threadId;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, cached);
  }
  module._compile(code, filename);
};
require(ENTRY);
`;

/**
 * The worker's young generation at 8 MB (V8's default is larger): it allocates fast and keeps little, and
 * the server's peak RSS fell by about 30 MB for a CPU cost of 3-5% in the worker (measured, 1,000,000 rows).
 */
const LIMITS = { maxYoungGenerationSizeMb: 8 };

function startWorker(input: WorkerInput): Worker {
  if (__filename.endsWith('.js')) return new Worker(path.join(__dirname, 'analyse-worker.js'), { workerData: input, resourceLimits: LIMITS });
  const code = FROM_SOURCES.replace('TYPESCRIPT', JSON.stringify(require.resolve('typescript')))
    .replace('CACHE', JSON.stringify(path.join(os.tmpdir(), 'catalogo-worker-ts')))
    .replace('ENTRY', JSON.stringify(path.join(__dirname, 'analyse-worker.ts')));
  return new Worker(code, { eval: true, workerData: input, resourceLimits: LIMITS });
}

export function analyseInWorker(file: string, options: AnalyseOptions): Promise<Analysis> {
  const input: WorkerInput = { path: file, format: options.format, overrides: options.overrides ?? {}, rows: !!options.onRow, batchRows: BATCH_ROWS, window: WINDOW };
  const worker = startWorker(input);
  running += 1;
  return new Promise<Analysis>((resolve, reject) => {
    let settled = false;
    const settle = (error: unknown, analysis?: Analysis) => {
      if (settled) return;
      settled = true;
      void worker.terminate().finally(() => {
        running -= 1;
        if (error) reject(error);
        else resolve(analysis!);
      });
    };
    // Messages are handled one after the other, each waiting for the writer: the order is the file's.
    let queue = Promise.resolve();
    const handle = async (message: WorkerMessage) => {
      if (settled) return;
      switch (message.kind) {
        case 'columns':
          options.onColumns?.(message.columns);
          return;
        case 'rows':
          for (let i = 0; i < message.rows.length; i += 1) {
            const pending = options.onRow?.(message.rows[i], message.records[i]);
            if (pending) await pending;
            if (settled) return;
          }
          worker.postMessage(1);
          return;
        case 'progress':
          await options.onProgress?.(message.rows, message.bytesRead, message.size);
          return;
        case 'done':
          settle(null, message.analysis);
          return;
        case 'error':
          settle(revivedError(message.error));
      }
    };
    worker.on('message', (message: WorkerMessage) => {
      queue = queue.then(() => handle(message)).catch((error) => settle(error));
    });
    worker.on('error', (error) => settle(error));
    worker.on('exit', (code) => settle(new Error(`La lettura del file (nel suo thread) si è interrotta senza risposta (codice ${code})`)));
  });
}
