// Multipart bodies (CKAN's resource_create with an `upload` field): fields become strings, the one
// file streams to the file store. Never buffered whole in memory. The parse always settles: a client
// that hangs up or stops sending ends it at once, and the partial file is deleted.
import Busboy from 'busboy';
import { Request } from 'express';
import { Readable } from 'node:stream';
import { ValidationError } from '../core/errors';
import { FileStore, UploadedFile, UploadTooLarge } from './store';

export function isMultipart(req: Request): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}

function tooLarge(store: FileStore): ValidationError {
  const mb = store.maxBytes / (1024 * 1024);
  // Small limits (tests, tiny deployments) would round to "0 MB": say them in kB.
  const limit = mb >= 1 ? `${Math.round(mb)} MB` : `${Math.max(1, Math.round(store.maxBytes / 1024))} kB`;
  return ValidationError.field('upload', `Il file supera la dimensione massima consentita (${limit})`, 413);
}

function stalled(store: FileStore): ValidationError {
  const seconds = Math.round(store.stallMs / 1000);
  return ValidationError.field('upload', `Caricamento interrotto: nessun dato ricevuto per ${seconds} secondi`, 408);
}

const clientGone = () => ValidationError.field('__root', 'Corpo multipart interrotto: il client ha chiuso la connessione', 400);
const invalidBody = () => ValidationError.field('__root', 'Corpo multipart non valido o interrotto', 400);

/** A field sent once is a string; sent again (a multi-select), a list of its values in order. */
export type MultipartFields = Record<string, string | string[]>;

export interface MultipartOptions {
  /**
   * Runs when the file part begins, with the fields sent before it (CKAN clients send package_id or id
   * first): throwing refuses the file before a byte of it is read, and the parse fails with that error.
   */
  beforeFile?: (fields: MultipartFields) => Promise<void>;
  /** false: a file part is read and dropped, never written (for actions that take no file). */
  storeFile?: boolean;
}

export interface ParsedMultipart {
  fields: MultipartFields;
  upload?: UploadedFile;
}

export function parseMultipart(req: Request, store: FileStore, options: MultipartOptions = {}): Promise<ParsedMultipart> {
  return new Promise((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      // Browsers and curl send file names as raw UTF-8: busboy's default (latin1) would turn "perché" into "perchÃ©".
      busboy = Busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 500, fieldSize: 1024 * 1024, parts: 600 } });
    } catch {
      reject(ValidationError.field('__root', 'Corpo multipart non valido', 400));
      return;
    }
    new MultipartParse(req, busboy, store, options, { resolve, reject }).start();
  });
}

/** One parse: the busboy events, the stall timer and the client's going away, settled exactly once. */
class MultipartParse {
  private readonly fields: MultipartFields = {};
  private pending: Promise<UploadedFile | undefined> = Promise.resolve(undefined);
  /** A problem with the body that still lets it be read to the end (a second file, a wrong field name). */
  private failure: Error | null = null;
  private settled = false;
  private stallTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly req: Request,
    private readonly busboy: Busboy.Busboy,
    private readonly store: FileStore,
    private readonly options: MultipartOptions,
    private readonly outcome: { resolve: (parsed: ParsedMultipart) => void; reject: (error: Error) => void },
  ) {}

  start(): void {
    const { req, busboy } = this;
    busboy.on('field', (name, value) => this.addField(name, value));
    busboy.on('file', (name, stream, info) => this.onFile(name, stream, info));
    busboy.on('filesLimit', () => {
      this.failure = ValidationError.field('upload', 'Si può caricare un solo file per richiesta');
    });
    busboy.on('error', () => this.abort(invalidBody()));
    busboy.on('close', () => void this.finish(null));
    // Every chunk re-arms the stall timer; none for stallMs ends the request.
    this.stallTimer = setTimeout(() => this.abort(stalled(this.store)), this.store.stallMs);
    req.on('data', this.touch);
    req.on('close', this.onRequestClose);
    req.pipe(busboy);
  }

  private readonly touch = () => this.stallTimer?.refresh();

  private readonly onRequestClose = () => {
    if (!this.req.complete) this.abort(clientGone());
  };

  private addField(name: string, value: string): void {
    const previous = this.fields[name];
    this.fields[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }

  private onFile(name: string, stream: Readable, info: Busboy.FileInfo): void {
    // An aborted parse destroys the stream with its reason, which finish() reports: not an unhandled error.
    stream.on('error', () => undefined);
    if (name !== 'upload') {
      stream.resume();
      this.failure = ValidationError.field(name, 'Il file va inviato nel campo "upload"');
    } else if (this.options.storeFile === false) {
      stream.resume();
    } else {
      this.pending = this.receive(stream, info);
    }
  }

  private async receive(stream: Readable, info: Busboy.FileInfo): Promise<UploadedFile | undefined> {
    try {
      // Until this resolves the file stream is not read: busboy, then the socket, wait.
      await this.options.beforeFile?.(this.fields);
    } catch (error) {
      this.abort(error as Error);
      return undefined;
    }
    if (this.settled) return undefined;
    return this.store.receive(stream, info.filename ?? 'file', info.mimeType).catch((error) => {
      this.failure ??= error instanceof UploadTooLarge ? tooLarge(this.store) : error;
      return undefined;
    });
  }

  /** Stops reading at once: the file stream is destroyed, so the store deletes the partial file. */
  private abort(error: Error): void {
    if (this.settled) return;
    this.req.unpipe(this.busboy);
    // The rest of the body will never be read: the connection cannot carry another request.
    if (!this.req.complete && !this.req.res?.headersSent) this.req.res?.setHeader('Connection', 'close');
    this.busboy.destroy(error);
    void this.finish(error);
  }

  private async finish(error: Error | null): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.req.off('data', this.touch);
    this.req.off('close', this.onRequestClose);
    const upload = await this.pending;
    const reason = error ?? this.failure;
    if (!reason) return this.outcome.resolve({ fields: this.fields, upload });
    if (upload) await this.store.discard(upload).catch(() => undefined);
    this.outcome.reject(reason);
  }
}
