// What the analysis worker (analyse-worker.ts) and the thread that starts it (analyse-thread.ts) say
// to each other; errors cross as data and become the same errors again (IngestError keeps its code,
// messages and report).
import { Analysis } from './analyse';
import { Column } from './columns';
import { IngestError, IngestFailureCode } from './errors';
import { FieldOverride } from './schema';
import { TableFormat } from './source';
import { Cell } from './values';

export interface WorkerInput {
  path: string;
  format: TableFormat;
  overrides: Record<string, FieldOverride>;
  /** Whether the rows are wanted (or only the analysis). */
  rows: boolean;
  batchRows: number;
  /** Batches posted and not yet acknowledged, at most. */
  window: number;
}

type SerialisedError =
  | { kind: 'ingest'; code: IngestFailureCode; message: string; messageEn: string; report: unknown }
  | { kind: 'other'; message: string; stack?: string };

export type WorkerMessage =
  | { kind: 'columns'; columns: Column[] }
  | { kind: 'rows'; rows: Cell[][]; records: number[] }
  | { kind: 'progress'; rows: number; bytesRead: number; size: number }
  | { kind: 'done'; analysis: Analysis }
  | { kind: 'error'; error: SerialisedError };

export function serialisedError(error: unknown): SerialisedError {
  if (error instanceof IngestError) return { kind: 'ingest', code: error.code, message: error.message, messageEn: error.messageEn, report: error.report };
  const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined };
  return { kind: 'other', message, stack };
}

export function revivedError(error: SerialisedError): Error {
  if (error.kind === 'ingest') return new IngestError(error.code, error.message, error.messageEn, error.report);
  const revived = new Error(error.message);
  if (error.stack) revived.stack = error.stack;
  return revived;
}
