// Loads a file into the resource's DataStore table, parsing it once in the common case: the first rows
// give provisional types, the rows go typed into a new table while the whole file is analysed; if the
// whole-file types turn out as provisioned the table is committed, otherwise (a column that turns to
// text after 100,000 numbers) the new table is dropped and a second pass loads it with the final types.
// The previous table stays until commit, so a failed load never leaves half a table.
// A large CSV is read and analysed in a worker thread (analyse-thread.ts) while this thread types and
// writes its rows: parsing and writing overlap on two cores.
import { stat } from 'node:fs/promises';
import { DatastoreValue, TableLoad } from '../datastore/types';
import { DatastoreStore } from '../datastore/store';
import { analyseFile, Analysis, AnalyseOptions } from './analyse';
import { analyseInWorker } from './analyse-thread';
import { IngestError } from './errors';
import { ColumnInference } from './infer';
import { FieldOverride, datastoreFields, schemaField, SchemaField, TableSchema } from './schema';
import { TableFormat } from './source';
import { Cell, convertCell, NOT_FIT } from './values';
import { Column } from './columns';

const PROVISIONAL_ROWS = 1000;
/**
 * Rows per append: on SQLite one transaction each; on PostgreSQL turned into COPY text at once (sent a
 * megabyte per COPY), so that small batches die young in V8's heap.
 */
const BATCH_ROWS = { sqlite: 2000, postgres: 500 };
/** From this size on, a CSV is parsed in a worker thread; below, starting one costs more than it saves. */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

export interface LoadProgress {
  (rows: number, bytesRead: number, size: number): void | Promise<void>;
}

export interface LoadOutcome {
  analysis: Analysis;
  rows: number;
  passes: number;
}

interface Typing {
  fields: SchemaField[];
}

function typingOf(schema: TableSchema): Typing {
  return { fields: schema.fields };
}

/** Types from the first rows, for the optimistic pass; the editor's types where they set them. */
function provisionalSchema(columns: Column[], rows: Cell[][], overrides: Record<string, FieldOverride>): TableSchema {
  const inference = columns.map(() => new ColumnInference());
  for (const row of rows) row.forEach((cell, i) => inference[i].add(cell));
  return { fields: columns.map((column, i) => schemaField(column, inference[i].result(), overrides[column.id])) };
}

const sameTyping = (a: TableSchema, b: TableSchema) => a.fields.length === b.fields.length
  && a.fields.every((field, i) => field.type === b.fields[i].type && (field.type !== 'number' || field.decimalChar === b.fields[i].decimalChar));

/** Typed values of one row; null when a cell does not fit (the provisional types were wrong). */
function typedRow(cells: Cell[], typing: Typing): DatastoreValue[] | null {
  const values: DatastoreValue[] = new Array(cells.length);
  for (let i = 0; i < cells.length; i += 1) {
    const field = typing.fields[i];
    const value = convertCell(cells[i], field.type, { decimalChar: field.decimalChar });
    if (value === NOT_FIT) return null;
    values[i] = value;
  }
  return values;
}

/** Batches appended one behind the other: parsing goes on while the previous batch is written. */
class BatchWriter {
  private batch: DatastoreValue[][] = [];
  private inFlight: Promise<void> = Promise.resolve();

  private readonly rows: number;

  constructor(private readonly load: TableLoad, dialect: 'sqlite' | 'postgres') {
    this.rows = BATCH_ROWS[dialect];
  }

  push(row: DatastoreValue[]): Promise<void> | void {
    this.batch.push(row);
    if (this.batch.length >= this.rows) return this.flush();
  }

  /**
   * Appends the batch after the one in flight. Chained, not awaited then started: a caller that does not
   * await (the provisional rows pushed at once) must not get two appends running side by side.
   */
  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    const previous = this.inFlight;
    const next = previous.then(() => (batch.length ? this.load.append(batch) : undefined));
    this.inFlight = next;
    // A failed append must surface at the next push, not as an unhandled rejection.
    next.catch(() => undefined);
    await previous;
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.inFlight;
  }
}

export interface LoadRequest {
  store: DatastoreStore;
  resourceId: string;
  path: string;
  format: TableFormat;
  overrides: Record<string, FieldOverride>;
  onProgress?: LoadProgress;
  /** Where the file is parsed: 'auto' (the default) is a worker for a CSV of WORKER_MIN_BYTES or more. */
  parse?: 'auto' | 'worker' | 'main';
}

type Analyser = (path: string, options: AnalyseOptions) => Promise<Analysis>;

function typeFailure(analysis: Analysis): IngestError {
  const count = analysis.report.counts['type-error'] ?? 0;
  return new IngestError('type-errors',
    `${count} ${count === 1 ? 'valore non corrisponde' : 'valori non corrispondono'} ai tipi del dizionario dei dati: il caricamento è stato annullato e la tabella precedente resta. Correggere il file o il dizionario.`,
    `${count} value${count === 1 ? ' does' : 's do'} not fit the data dictionary's types: the load was cancelled and the previous table stays. Fix the file or the dictionary.`,
    analysis.report);
}

/** The optimistic pass: analysis and typed load together. Answers the committed load, or null when a second pass is needed. */
async function optimisticPass(request: LoadRequest, analyseFile: Analyser): Promise<{ analysis: Analysis; rows: number | null }> {
  const buffered: Cell[][] = [];
  let load: TableLoad | null = null;
  let writer: BatchWriter | null = null;
  let provisional: TableSchema | null = null;
  let fits = true;
  let columns: Column[] = [];
  const start = async () => {
    provisional = provisionalSchema(columns, buffered, request.overrides);
    load = await request.store.beginLoad(request.resourceId, datastoreFields(provisional));
    writer = new BatchWriter(load, request.store.dialect);
    for (const cells of buffered.splice(0)) if (!push(cells)) break;
  };
  const push = (cells: Cell[]): boolean => {
    const values = typedRow(cells, typingOf(provisional!));
    if (!values) { fits = false; return false; }
    void writer!.push(values);
    return true;
  };
  try {
    const analysis = await analyseFile(request.path, {
      format: request.format, overrides: request.overrides, onProgress: request.onProgress,
      onColumns: (found) => { columns = found; },
      onRow: (cells) => {
        if (!fits) return;
        if (!load) {
          buffered.push(cells);
          return buffered.length >= PROVISIONAL_ROWS ? start() : undefined;
        }
        const values = typedRow(cells, typingOf(provisional!));
        if (!values) { fits = false; return; }
        return writer!.push(values);
      },
    });
    if (analysis.report.counts['type-error']) throw typeFailure(analysis);
    if (!load && fits) await start();
    if (!fits || !sameTyping(provisional!, analysis.schema)) {
      await (load as TableLoad | null)?.abort();
      return { analysis, rows: null };
    }
    await writer!.finish();
    const { rows } = await (load as unknown as TableLoad).commit({ indexes: analysis.indexes });
    return { analysis, rows };
  } catch (error) {
    await (load as TableLoad | null)?.abort().catch(() => undefined);
    throw error;
  }
}

/** The second pass, with the whole-file types. */
async function typedPass(request: LoadRequest, schema: TableSchema, analyseFile: Analyser): Promise<number> {
  const load = await request.store.beginLoad(request.resourceId, datastoreFields(schema));
  const writer = new BatchWriter(load, request.store.dialect);
  const typing = typingOf(schema);
  try {
    const analysis = await analyseFile(request.path, {
      format: request.format, overrides: request.overrides, onProgress: request.onProgress,
      onRow: (cells) => {
        const values = typedRow(cells, typing);
        if (!values) throw new Error('valore non convertibile nel secondo passaggio');
        return writer.push(values);
      },
    });
    await writer.finish();
    return (await load.commit({ indexes: analysis.indexes })).rows;
  } catch (error) {
    await load.abort().catch(() => undefined);
    throw error;
  }
}

async function analyserFor(request: LoadRequest): Promise<Analyser> {
  const parse = request.parse ?? 'auto';
  if (parse === 'auto') return request.format === 'csv' && (await stat(request.path)).size >= WORKER_MIN_BYTES ? analyseInWorker : analyseFile;
  return parse === 'worker' ? analyseInWorker : analyseFile;
}

/** Loads the file; throws IngestError (a failure to report) or any other error (ours, to retry). */
export async function loadFile(request: LoadRequest): Promise<LoadOutcome> {
  const analyser = await analyserFor(request);
  const first = await optimisticPass(request, analyser);
  if (first.rows !== null) return { analysis: first.analysis, rows: first.rows, passes: 1 };
  const rows = await typedPass(request, first.analysis.schema, analyser);
  return { analysis: first.analysis, rows, passes: 2 };
}
