// RDF helpers for tests: serialise batches with the portal's writers, read them back with the importer's
// parsers, and compare graphs up to blank node labels (RDFC-1.0 canonical N-Quads).
import { PassThrough } from 'node:stream';
import { DataFactory, Writer } from 'n3';
import type { Quad } from 'n3';
import { parseRdf, RdfInputFormat } from '../../server/dcat/import/parse';
import { RdfFormat, createRdfWriter } from '../../server/dcat/rdf/writers';

// jsonld ships no type declarations: only the call used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsonld = require('jsonld') as {
  canonize(input: string, options: { inputFormat: 'application/n-quads'; format: 'application/n-quads' }): Promise<string>;
};

const { blankNode, quad } = DataFactory;

export async function serialise(format: RdfFormat, batches: Quad[][]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const writer = createRdfWriter(format, out);
  for (const batch of batches) await writer.write(batch);
  await writer.end();
  return Buffer.concat(chunks).toString('utf8');
}

export async function parseBack(text: string, format: RdfFormat): Promise<Quad[]> {
  return (await parseRdf(text, format)) as Quad[];
}

/** Canonical N-Quads lines: equal for isomorphic graphs whatever the blank node labels. */
export async function canonical(quads: Quad[]): Promise<string[]> {
  // Relabel blank nodes first: the N-Quads reader of rdf-canonize only takes plain labels.
  const labels = new Map<string, string>();
  const relabel = <T extends Quad['subject'] | Quad['object']>(t: T): T => {
    if (t.termType !== 'BlankNode') return t;
    if (!labels.has(t.value)) labels.set(t.value, `n${labels.size}`);
    return blankNode(labels.get(t.value)) as T;
  };
  const nq = new Writer({ format: 'N-Quads' })
    .quadsToString(quads.map((q) => quad(relabel(q.subject), q.predicate, relabel(q.object))));
  const canon = await jsonld.canonize(nq, { inputFormat: 'application/n-quads', format: 'application/n-quads' });
  return canon.split('\n').filter(Boolean).sort();
}

/** Any of our serialisations as N-Triples: what the SHACL worker reads, whatever the feed's syntax. */
export async function toNTriples(text: string, format: RdfInputFormat): Promise<string> {
  return new Writer({ format: 'N-Triples' }).quadsToString(await parseRdf(text, format));
}
