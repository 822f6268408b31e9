// What the RDF serializers share: the Serializer contract, blank node labels, grouping by subject.
import type { Quad } from './namespaces';

/** Turns batches of quads into text; the RdfWriter (writers.ts) does the stream handling. */
export interface Serializer {
  head(): string;
  batch(quads: Quad[]): string;
  tail(): string;
}

export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
export const RDF_LANG_STRING = `${RDF_NS}langString`;

export const TURTLE_LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;

/** Any label as [A-Za-z0-9-] plus escapes "_hex_"; injective, never equal to a label kept as it is. */
export function escapedLabel(label: string): string {
  let out = 'b_';
  for (const ch of label) out += /[A-Za-z0-9-]/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}_`;
  return out;
}

/** The label itself when Turtle, N-Triples and JSON-LD take it as it is, else its escaped form. */
export function safeLabel(label: string): string {
  return TURTLE_LABEL.test(label) ? label : escapedLabel(label);
}

/** Groups a batch by subject, keeping the order in which subjects first appear. */
export function bySubject(quads: Quad[]): Quad[][] {
  const groups = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = `${q.subject.termType === 'BlankNode' ? '_:' : '<'}${q.subject.value}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(q);
  }
  return [...groups.values()];
}
