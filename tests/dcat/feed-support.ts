// Helpers for the DCAT feed tests over HTTP: fetch a response as text whatever its type, read it back
// into quads, and look things up in the graph.
import request from 'supertest';
import type { Express } from 'express';
import { Store, DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { parseRdf, type RdfInputFormat } from '../../server/dcat/import/parse';
import { PREFIXES } from '../../server/dcat/rdf/namespaces';

export const SITE = 'http://catalogo.test';
export const P = PREFIXES;
export const RDF_TYPE = `${P.rdf}type`;

const { namedNode } = DataFactory;

export const MEDIA_TYPES: Record<RdfInputFormat, string> = {
  turtle: 'text/turtle',
  rdfxml: 'application/rdf+xml',
  jsonld: 'application/ld+json',
  ntriples: 'application/n-triples',
};

export const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

export interface TextResponse {
  status: number;
  type: string;
  headers: Record<string, string>;
  text: string;
}

/** GET with the body kept as text for every media type (supertest only buffers text and JSON). */
export async function getText(app: Express, path: string, accept?: string): Promise<TextResponse> {
  const req = request(app).get(path).buffer(true).parse((res, done) => {
    let data = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => { data += chunk; });
    res.on('end', () => done(null, data));
  });
  if (accept) req.set('Accept', accept);
  const res = await req;
  return { status: res.status, type: String(res.headers['content-type'] ?? ''), headers: res.headers as Record<string, string>, text: res.body as string };
}

/** The RDF syntax of a Content-Type header. */
export function formatOf(contentType: string): RdfInputFormat {
  const media = contentType.split(';')[0].trim();
  const found = (Object.entries(MEDIA_TYPES) as [RdfInputFormat, string][]).find(([, m]) => m === media);
  if (!found) throw new Error(`not an RDF media type: ${contentType}`);
  return found[0];
}

/** A parsed RDF document with the few look-ups the tests need. */
export class Graph {
  readonly store: Store;
  constructor(readonly quads: Quad[]) {
    this.store = new Store();
    this.store.addQuads(quads as never);
  }

  /** IRIs (or blank node ids) of the subjects typed with `cls`. */
  subjectsOfType(cls: string): string[] {
    return this.store.getSubjects(namedNode(RDF_TYPE), namedNode(cls), null).map((t) => t.value);
  }

  typesOf(subject: string): string[] {
    return this.store.getObjects(namedNode(subject), namedNode(RDF_TYPE), null).map((t) => t.value);
  }

  /** Values of subject's predicate (IRIs or literal lexical forms). */
  values(subject: string, predicate: string): string[] {
    return this.store.getObjects(namedNode(subject), namedNode(predicate), null).map((t) => t.value);
  }

  /** The one value of subject's predicate, or null when there is none; throws on several. */
  value(subject: string, predicate: string): string | null {
    const all = this.values(subject, predicate);
    if (all.length > 1) throw new Error(`${subject} has ${all.length} values for ${predicate}`);
    return all[0] ?? null;
  }

  /** Every IRI used as subject or object. */
  iris(): string[] {
    const out = new Set<string>();
    for (const q of this.quads) {
      if (q.subject.termType === 'NamedNode') out.add(q.subject.value);
      if (q.object.termType === 'NamedNode') out.add(q.object.value);
    }
    return [...out];
  }
}

export async function parseResponse(res: TextResponse): Promise<Graph> {
  return new Graph(await parseRdf(res.text, formatOf(res.type)));
}

/** GET an RDF document, check the basics (200, the media type) and parse it. */
export async function rdf(app: Express, path: string, accept?: string): Promise<{ res: TextResponse; graph: Graph }> {
  const res = await getText(app, path, accept);
  if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${res.text.slice(0, 300)}`);
  return { res, graph: await parseResponse(res) };
}

/**
 * The graph as sorted N-Triples lines with blank nodes renamed after what they describe (their
 * outgoing triples, then the triple that points at them), so two serialisations of the same graph
 * give the same lines whatever labels their syntax gave the blank nodes.
 */
export function normalisedTriples(quads: Quad[], rewrite: (iri: string) => string = (v) => v): string[] {
  const term = (t: Quad['subject'] | Quad['object'], blankNames: Map<string, string>): string => {
    if (t.termType === 'BlankNode') return blankNames.get(t.value) ?? '_:?';
    if (t.termType === 'NamedNode') return `<${rewrite(t.value)}>`;
    if (t.termType === 'Literal') {
      const lit = t as { value: string; language: string; datatype: { value: string } };
      const suffix = lit.language ? `@${lit.language}` : lit.datatype.value === `${P.xsd}string` ? '' : `^^<${lit.datatype.value}>`;
      return `${JSON.stringify(rewrite(lit.value))}${suffix}`;
    }
    throw new Error(`unexpected term ${t.termType}`);
  };
  // Signature of a blank node: the triples pointing at it and its own non-blank triples.
  const noNames = new Map<string, string>();
  const signature = new Map<string, string[]>();
  const sig = (id: string) => {
    let s = signature.get(id);
    if (!s) signature.set(id, (s = []));
    return s;
  };
  for (const q of quads) {
    if (q.subject.termType === 'BlankNode' && q.object.termType !== 'BlankNode') sig(q.subject.value).push(`out ${q.predicate.value} ${term(q.object, noNames)}`);
    if (q.object.termType === 'BlankNode' && q.subject.termType !== 'BlankNode') sig(q.object.value).push(`in ${term(q.subject, noNames)} ${q.predicate.value}`);
  }
  const names = new Map<string, string>();
  for (const [id, parts] of signature) names.set(id, `_:{${parts.sort().join(' | ')}}`);
  return quads.map((q) => `${term(q.subject, names)} <${q.predicate.value}> ${term(q.object, names)} .`).sort();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
