// A file that cannot be read as a table: the load fails with this reason, in Italian and in English.
export type IngestFailureCode =
  | 'empty-file' | 'binary-file' | 'unterminated-quote' | 'record-too-large' | 'too-many-columns'
  | 'invalid-json' | 'json-not-tabular' | 'json-too-large' | 'file-too-large' | 'no-columns'
  | 'invalid-xlsx' | 'parse-error' | 'type-errors' | 'unsupported-format' | 'fetch-failed';

export class IngestError extends Error {
  readonly code: IngestFailureCode;
  readonly messageEn: string;
  /** The validation report, when the file was read to the end (a load refused for its type problems). */
  readonly report: unknown;
  constructor(code: IngestFailureCode, messageIt: string, messageEn: string, report: unknown = null) {
    super(messageIt);
    this.name = 'IngestError';
    this.code = code;
    this.messageEn = messageEn;
    this.report = report;
  }
}

/** The bounds on what a file may hold; each is documented in docs/INGEST.md. */
export const INGEST_LIMITS = {
  /** A CSV record (one row, all its cells) larger than this is refused: it is no table. */
  maxRecordBytes: 4 * 1024 * 1024,
  /** More columns than this is refused (a DataStore table of thousands of columns serves no one). */
  maxColumns: 1000,
  /** JSON is parsed in memory: above this size it is refused. */
  maxJsonBytes: 50 * 1024 * 1024,
  /** Problems kept in the report per kind; all are counted. */
  maxProblemsPerKind: 100,
};
