// RDF text (Turtle, N-Triples/N-Quads, RDF/XML, JSON-LD) → RDF/JS quads, for the DCAT importer.
// Pure: nothing is fetched. A JSON-LD document whose @context is a URL is refused, because loading
// it would mean a network request from inside the parser.
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';

export type { Quad };

export type RdfInputFormat = 'turtle' | 'ntriples' | 'rdfxml' | 'jsonld';

/**
 * Base used when the caller gives none. Relative references then come out as
 * `${RELATIVE_BASE}reference`; datasetsFromQuads recognises them (an e-mail written as a bare
 * rdf:resource="name@host", a relative URL) instead of failing the whole document.
 */
export const RELATIVE_BASE = 'http://relative.invalid/';

// jsonld ships no type declarations: the one function used, typed here.
interface JsonLdModule {
  toRDF(input: unknown, options: Record<string, unknown>): Promise<string>;
}

async function parseJsonLd(text: string, base: string): Promise<Quad[]> {
  const jsonld = require('jsonld') as JsonLdModule;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`JSON-LD non valido: ${(err as Error).message}`);
  }
  let refused = '';
  const documentLoader = (url: string): Promise<never> => {
    refused ||= url;
    return Promise.reject(new Error(`contesto remoto ${url}`));
  };
  let nquads: string;
  try {
    nquads = await jsonld.toRDF(doc, { base, format: 'application/n-quads', documentLoader });
  } catch (err) {
    if (refused) throw new Error(`contesto JSON-LD remoto non caricato: ${refused} (serve un @context in linea)`);
    throw new Error(`JSON-LD non valido: ${(err as Error).message}`);
  }
  return new Parser({ format: 'N-Quads' }).parse(nquads);
}

function parseRdfXml(text: string, base: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    let settled = false;
    // validateUri off: real exports carry IRIs such as http://dati.gov.it/onto/dcatapit#"Dataset
    // (a mistyped namespace); they are repaired or reported by the mapper, not fatal here.
    const parser = new RdfXmlParser({ baseIRI: base, validateUri: false });
    parser.on('data', (quad: Quad) => quads.push(quad));
    parser.on('error', (err: Error) => {
      if (settled) return;
      settled = true;
      reject(new Error(`RDF/XML non valido: ${err.message}`));
    });
    parser.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(quads);
    });
    try {
      parser.end(text);
    } catch (err) {
      if (!settled) {
        settled = true;
        reject(new Error(`RDF/XML non valido: ${(err as Error).message}`));
      }
    }
  });
}

/** Parses RDF text; rejects with an Italian message when the syntax is broken beyond repair. */
export async function parseRdf(text: string, format: RdfInputFormat, baseIri?: string): Promise<Quad[]> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const base = baseIri || RELATIVE_BASE;
  switch (format) {
    case 'turtle':
      try {
        // No format: n3's permissive mode, which also takes TriG, N-Triples and N-Quads.
        return new Parser({ baseIRI: base }).parse(body);
      } catch (err) {
        throw new Error(`Turtle non valido: ${(err as Error).message}`);
      }
    case 'ntriples':
      try {
        // N-Quads is a superset of N-Triples: a named graph is not a reason to refuse a file.
        return new Parser({ format: 'N-Quads', baseIRI: base }).parse(body);
      } catch (err) {
        throw new Error(`N-Triples non valido: ${(err as Error).message}`);
      }
    case 'rdfxml':
      return parseRdfXml(body, base);
    case 'jsonld':
      return parseJsonLd(body, base);
    default:
      throw new Error(`formato RDF non supportato: ${String(format)}`);
  }
}

const BY_MEDIA_TYPE: Record<string, RdfInputFormat> = {
  'text/turtle': 'turtle',
  'application/turtle': 'turtle',
  'application/x-turtle': 'turtle',
  'application/trig': 'turtle',
  'text/n3': 'turtle',
  'application/n-triples': 'ntriples',
  'application/n-quads': 'ntriples',
  'text/x-nquads': 'ntriples',
  'application/rdf+xml': 'rdfxml',
  'application/ld+json': 'jsonld',
};

// Generic types: only a guess when the file name says nothing.
const BY_GENERIC_MEDIA_TYPE: Record<string, RdfInputFormat> = {
  'application/xml': 'rdfxml',
  'text/xml': 'rdfxml',
  'application/json': 'jsonld',
};

const BY_EXTENSION: Record<string, RdfInputFormat> = {
  ttl: 'turtle',
  turtle: 'turtle',
  trig: 'turtle',
  n3: 'turtle',
  nt: 'ntriples',
  nq: 'ntriples',
  rdf: 'rdfxml',
  owl: 'rdfxml',
  xml: 'rdfxml',
  jsonld: 'jsonld',
  json: 'jsonld',
};

/**
 * The format of a harvested document from its Content-Type (parameters ignored) and, when that is
 * missing or generic (application/octet-stream, text/plain, application/xml…), its file name or URL.
 * null when neither says.
 */
export function guessRdfFormat(contentType: string, filename?: string): RdfInputFormat | null {
  const mediaType = (contentType || '').split(';')[0].trim().toLowerCase();
  const specific = BY_MEDIA_TYPE[mediaType];
  if (specific) return specific;
  if (filename) {
    const clean = filename.trim().split(/[?#]/)[0].toLowerCase();
    const dot = clean.lastIndexOf('.');
    const slash = clean.lastIndexOf('/');
    if (dot > slash) {
      const byName = BY_EXTENSION[clean.slice(dot + 1)];
      if (byName) return byName;
    }
  }
  return BY_GENERIC_MEDIA_TYPE[mediaType] ?? null;
}
