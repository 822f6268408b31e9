// Multipart bodies (CKAN's resource_create with an `upload` field): fields become strings, the one
// file streams to the file store. Never buffered whole in memory.
import Busboy from 'busboy';
import { Request } from 'express';
import { ValidationError } from '../core/errors';
import { FileStore, UploadedFile, UploadTooLarge } from '../files/store';

export function isMultipart(req: Request): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}

function tooLarge(store: FileStore): ValidationError {
  const mb = store.maxBytes / (1024 * 1024);
  // Small limits (tests, tiny deployments) would round to "0 MB": say them in kB.
  const limit = mb >= 1 ? `${Math.round(mb)} MB` : `${Math.max(1, Math.round(store.maxBytes / 1024))} kB`;
  return ValidationError.field('upload', `Il file supera la dimensione massima consentita (${limit})`, 413);
}

/** A field sent once is a string; sent again (a multi-select), a list of its values in order. */
export type MultipartFields = Record<string, string | string[]>;

export function parseMultipart(req: Request, store: FileStore): Promise<{ fields: MultipartFields; upload?: UploadedFile }> {
  return new Promise((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      // Browsers and curl send file names as raw UTF-8: busboy's default (latin1) would turn "perché" into "perchÃ©".
      busboy = Busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 500, fieldSize: 1024 * 1024, parts: 600 } });
    } catch {
      reject(ValidationError.field('__root', 'Corpo multipart non valido', 400));
      return;
    }
    const fields: MultipartFields = {};
    let pending: Promise<UploadedFile | undefined> = Promise.resolve(undefined);
    let failure: Error | null = null;
    busboy.on('field', (name, value) => {
      const previous = fields[name];
      fields[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    });
    busboy.on('file', (name, stream, info) => {
      if (name !== 'upload') {
        stream.resume();
        failure = ValidationError.field(name, 'Il file va inviato nel campo "upload"');
        return;
      }
      pending = store.receive(stream, info.filename ?? 'file', info.mimeType).catch((error) => {
        failure = error instanceof UploadTooLarge ? tooLarge(store) : error;
        return undefined;
      });
    });
    busboy.on('filesLimit', () => {
      failure = ValidationError.field('upload', 'Si può caricare un solo file per richiesta');
    });
    busboy.on('error', () => reject(ValidationError.field('__root', 'Corpo multipart non valido o interrotto', 400)));
    busboy.on('close', async () => {
      const upload = await pending;
      if (failure) {
        if (upload) await store.discard(upload);
        reject(failure);
      } else resolve({ fields, upload });
    });
    req.pipe(busboy);
  });
}
