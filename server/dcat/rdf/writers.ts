// One streaming interface for the four RDF serialisations of the DCAT feeds.
//
//   const writer = createRdfWriter('turtle', res);
//   for (const page of pages) await writer.write(quads);   // waits for 'drain' when the stream is full,
//   await writer.end();                                    // rejects once the client has gone
//
// Turtle and N-Triples go through n3's Writer (n3-serializer.ts); RDF/XML and JSON-LD are written by
// rdfxml-serializer.ts and jsonld-serializer.ts, one subject at a time.
import { JsonLdSerializer } from './jsonld-serializer';
import { n3Serializer } from './n3-serializer';
import { PREFIXES, type Quad } from './namespaces';
import { RdfXmlSerializer } from './rdfxml-serializer';
import type { Serializer } from './serializer';

export type RdfFormat = 'turtle' | 'ntriples' | 'rdfxml' | 'jsonld';

export interface RdfFormatInfo {
  mimeType: string;
  /** The first one is the one we use in file names. */
  extensions: string[];
}

export const RDF_FORMATS: Record<RdfFormat, RdfFormatInfo> = {
  turtle: { mimeType: 'text/turtle', extensions: ['ttl'] },
  ntriples: { mimeType: 'application/n-triples', extensions: ['nt'] },
  rdfxml: { mimeType: 'application/rdf+xml', extensions: ['rdf', 'xml'] },
  jsonld: { mimeType: 'application/ld+json', extensions: ['jsonld'] },
};

/** The format for a file extension (with or without the dot), or null. */
export function rdfFormatForExtension(ext: string): RdfFormat | null {
  const clean = ext.replace(/^\./, '').toLowerCase();
  for (const [format, info] of Object.entries(RDF_FORMATS) as [RdfFormat, RdfFormatInfo][]) {
    if (info.extensions.includes(clean)) return format;
  }
  return null;
}

export interface RdfWriter {
  /**
   * Serialises a batch; resolves once the output stream accepted it (after 'drain' if it was full).
   * Rejects once the stream is closed, destroyed or ended (an HTTP client that went away): the caller
   * then stops producing batches.
   */
  write(quads: Quad[]): Promise<void>;
  /** Writes what closes the document and ends the stream. */
  end(): Promise<void>;
}

/** What a ServerResponse or a stream.Writable tells about itself; NodeJS.WritableStream does not say. */
interface StreamState {
  destroyed?: boolean;
  writableEnded?: boolean;
}

function closedError(): Error {
  return new Error('RdfWriter: lo stream di uscita è chiuso (il client si è disconnesso?)');
}

export function createRdfWriter(format: RdfFormat, out: NodeJS.WritableStream): RdfWriter {
  const serializer = makeSerializer(format, { ...PREFIXES });
  const state = out as NodeJS.WritableStream & StreamState;
  let started = false;
  let ended = false;
  let queue: Promise<void> = Promise.resolve();

  /**
   * Settles on the first of `events`, or with an Error on 'close' and 'error': a ServerResponse whose
   * client went away emits 'close' only, never 'drain' nor 'finish', and a promise waiting for those
   * would keep the request (and its batches) in memory for ever.
   */
  const settleOn = (event: 'drain' | 'finish'): Promise<void> => new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      out.removeListener(event, onDone);
      out.removeListener('close', onClose);
      out.removeListener('error', onError);
    };
    const onDone = () => { cleanup(); resolve(); };
    const onClose = () => { cleanup(); reject(closedError()); };
    const onError = (err: Error) => { cleanup(); reject(err); };
    out.on(event, onDone);
    out.on('close', onClose);
    out.on('error', onError);
  });

  const push = async (chunk: string): Promise<void> => {
    if (state.destroyed || state.writableEnded) throw closedError();
    if (chunk === '' || out.write(chunk)) return;
    // Closed while writing (write() may destroy the stream synchronously): no 'close' is coming after.
    if (state.destroyed) throw closedError();
    await settleOn('drain');
  };
  const head = () => {
    if (started) return '';
    started = true;
    return serializer.head();
  };
  // Calls are serialised, so a caller that does not await write() still gets ordered output.
  const enqueue = (job: () => Promise<void>): Promise<void> => {
    const run = queue.then(job);
    queue = run.catch(() => {});
    return run;
  };

  return {
    write(quads) {
      if (ended) return Promise.reject(new Error('RdfWriter: write() dopo end()'));
      return enqueue(() => push(head() + serializer.batch(quads)));
    },
    end() {
      if (ended) return queue;
      ended = true;
      return enqueue(async () => {
        await push(head() + serializer.tail());
        if (state.destroyed) throw closedError();
        // A ServerResponse calls end()'s callback on 'finish' only: wait for 'close' and 'error' too.
        const finished = settleOn('finish');
        out.end();
        await finished;
      });
    },
  };
}

function makeSerializer(format: RdfFormat, prefixes: Record<string, string>): Serializer {
  switch (format) {
    case 'turtle': return n3Serializer('Turtle', prefixes);
    case 'ntriples': return n3Serializer('N-Triples', {});
    case 'rdfxml': return new RdfXmlSerializer(prefixes);
    case 'jsonld': return new JsonLdSerializer(prefixes);
    default: throw new Error(`formato RDF sconosciuto: ${String(format)}`);
  }
}
