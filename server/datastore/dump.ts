// Dumps at CKAN's URL: /datastore/dump/RESOURCE_ID?format=csv|tsv|json|xml&bom=true, with CKAN's
// q, filters, fields, sort, limit and offset. Streamed with back-pressure: rows come one batch at a
// time from the database and wait for the client to take what was written (memory holds a chunk).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NextFunction, Request, Response, Router } from 'express';
import { Services } from '../core/context';
import { ValidationError } from '../core/errors';
import { requireTable, visibleResource } from './access';
import { Row } from './backend';
import { buildQuery } from './query';
import { delimitedLine, rowValues } from './records-format';
import { DatastoreField } from './types';

type Format = 'csv' | 'tsv' | 'json' | 'xml';

const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8', tsv: 'text/tab-separated-values; charset=utf-8',
  json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8',
};

const CHUNK_BYTES = 64 * 1024;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** A field as an XML element: its own name when it is one, otherwise <value key="...">. */
function xmlCell(field: DatastoreField, value: unknown): string {
  const text = value === null || value === undefined ? '' : escapeXml(typeof value === 'object' ? JSON.stringify(value) : String(value));
  if (/^[A-Za-z_][\w.-]*$/.test(field.id) && !/^xml/i.test(field.id)) return `<${field.id}>${text}</${field.id}>`;
  return `<value key="${escapeXml(field.id)}">${text}</value>`;
}

interface Writer {
  head: string;
  row(values: unknown[], index: number): string;
  tail: string;
}

function writerFor(format: Format, fields: DatastoreField[]): Writer {
  switch (format) {
    case 'csv':
    case 'tsv': {
      const separator = format === 'csv' ? ',' : '\t';
      return { head: `${delimitedLine(fields.map((f) => f.id), separator)}\r\n`, row: (values) => `${delimitedLine(values, separator)}\r\n`, tail: '' };
    }
    case 'json':
      return {
        head: `{"fields": ${JSON.stringify(fields.map((f) => ({ id: f.id, type: f.type })))}, "records": [\n`,
        row: (values, i) => `${i ? ',\n' : ''}${JSON.stringify(values)}`,
        tail: '\n]}\n',
      };
    default: {
      const idIndex = fields.findIndex((f) => f.id === '_id');
      return {
        head: '<data>\n',
        row: (values) => `<row${idIndex >= 0 ? ` _id="${values[idIndex]}"` : ''}>${fields.map((f, i) => (i === idIndex ? '' : xmlCell(f, values[i]))).join('')}</row>\n`,
        tail: '</data>\n',
      };
    }
  }
}

function formatOf(value: unknown): Format {
  const format = String(value ?? 'csv').toLowerCase();
  if (format in CONTENT_TYPES) return format as Format;
  throw ValidationError.field('format', 'Formato non disponibile: usa csv, tsv, json o xml');
}

function nonNegative(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw ValidationError.field(name, `${name} deve essere un intero non negativo`);
  return n;
}

/** The dump as text chunks of about CHUNK_BYTES, the first row already read. */
async function* chunks(iterator: AsyncIterator<Row>, first: IteratorResult<Row>, fields: DatastoreField[], writer: Writer, head: string): AsyncGenerator<string> {
  let next = first;
  let buffer = head;
  let index = 0;
  try {
    while (!next.done) {
      buffer += writer.row(rowValues(fields, next.value), index++);
      if (buffer.length >= CHUNK_BYTES) {
        yield buffer;
        buffer = '';
      }
      next = await iterator.next();
    }
    yield buffer + writer.tail;
  } finally {
    if (!next.done) await iterator.return?.();
  }
}

/**
 * Streams the rows through pipeline(), which waits for the client (back-pressure) and stops the query
 * when the client leaves. The first row is read before anything is sent, so that a query the database
 * refuses is still an error page.
 */
async function streamRows(res: Response, rows: AsyncIterable<Row>, fields: DatastoreField[], writer: Writer, head: string): Promise<void> {
  const iterator = rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  await pipeline(Readable.from(chunks(iterator, first, fields, writer, head)), res).catch((error) => {
    if (!res.destroyed) throw error;
  });
}

async function dump(services: Services, req: Request, res: Response): Promise<void> {
  const resourceId = String(req.params.resourceId);
  const ctx = { services, user: req.actor };
  const { pkg } = await visibleResource(ctx, resourceId);
  const meta = await requireTable(ctx, resourceId);
  const format = formatOf(req.query.format);
  const limit = nonNegative(req.query.limit, 'limit');
  const offset = nonNegative(req.query.offset, 'offset');
  const query = buildQuery(services.datastore.dialect, resourceId, meta.fields, {
    q: req.query.q, filters: req.query.filters, fields: req.query.fields, sort: req.query.sort,
  });
  const p = query.params;
  const paging = `${limit !== undefined ? ` LIMIT ${p.add(limit)}` : services.datastore.dialect === 'sqlite' && offset !== undefined ? ' LIMIT -1' : ''}${offset !== undefined ? ` OFFSET ${p.add(offset)}` : ''}`;
  const writer = writerFor(format, query.fields);
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(resourceId)}.${format}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', pkg.private || pkg.state !== 'active' ? 'private, no-cache' : 'public, max-age=0');
  const rows = services.datastore.backend.stream(`${query.select} ${query.from} ${query.orderBy}${paging}`, p.values);
  const bom = req.query.bom === 'true' || req.query.bom === 'True' ? '\ufeff' : '';
  await streamRows(res, rows, query.fields, writer, bom + writer.head);
}

export function datastoreDumpRouter(services: Services): Router {
  const router = Router();
  router.get('/datastore/dump/:resourceId', (req: Request, res: Response, next: NextFunction) => {
    dump(services, req, res).catch((error) => {
      // Once rows have gone, the only honest end is a broken transfer.
      if (res.headersSent) res.destroy(error instanceof Error ? error : undefined);
      else {
        res.removeHeader('Content-Disposition');
        res.removeHeader('Content-Type');
        next(error);
      }
    });
  });
  return router;
}
