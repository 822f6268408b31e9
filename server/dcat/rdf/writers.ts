// One streaming interface for the four RDF serialisations of the DCAT feeds.
//
//   const writer = createRdfWriter('turtle', res);
//   for (const page of pages) await writer.write(quads);   // waits for 'drain' when the stream is full
//   await writer.end();
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
  /** Serialises a batch; resolves once the output stream accepted it (after 'drain' if it was full). */
  write(quads: Quad[]): Promise<void>;
  /** Writes what closes the document; ends the stream unless `end: false` was given. */
  end(): Promise<void>;
}

export interface RdfWriterOptions {
  /** Prefixes declared by Turtle, RDF/XML and JSON-LD; default PREFIXES. */
  prefixes?: Record<string, string>;
  /** Whether end() also ends `out` (default true). */
  end?: boolean;
}

export function createRdfWriter(format: RdfFormat, out: NodeJS.WritableStream, options: RdfWriterOptions = {}): RdfWriter {
  const prefixes = options.prefixes ?? { ...PREFIXES };
  const serializer = makeSerializer(format, prefixes);
  let started = false;
  let ended = false;
  let queue: Promise<void> = Promise.resolve();

  const push = (chunk: string): Promise<void> => {
    if (chunk === '' || out.write(chunk)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onDrain = () => { out.removeListener('error', onError); resolve(); };
      const onError = (err: Error) => { out.removeListener('drain', onDrain); reject(err); };
      out.once('drain', onDrain);
      out.once('error', onError);
    });
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
        if (options.end === false) return;
        await new Promise<void>((resolve, reject) => {
          out.once('error', reject);
          out.end(() => { out.removeListener('error', reject); resolve(); });
        });
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
