// A read-only index over parsed quads for the DCAT mapper: subject → predicate → objects, in the
// order the parser produced them. IRIs are repaired on the way in where real exports are known to
// break them (a stray quote after the dcatapit namespace, schema.org without its slash); each
// repair is remembered so the mapper can say so.
import type { Quad, Term } from '@rdfjs/types';

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatapit: 'http://dati.gov.it/onto/dcatapit#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  adms: 'http://www.w3.org/ns/adms#',
  owl: 'http://www.w3.org/2002/07/owl#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  schema: 'http://schema.org/',
  locn: 'http://www.w3.org/ns/locn#',
  spdx: 'http://spdx.org/rdf/terms#',
  time: 'http://www.w3.org/2006/time#',
} as const;

/**
 * A subject or object as the mapper sees it. For IRIs and blank nodes `value` is also the key to
 * look the node up as a subject ("_:label" for blank nodes).
 */
export interface Node {
  kind: 'iri' | 'blank' | 'literal';
  value: string;
  language: string;
  datatype: string;
}

interface Repair { pattern: RegExp; replacement: string; label: string }

const REPAIRS: Repair[] = [
  // <!ENTITY dcatapit "http://dati.gov.it/onto/dcatapit#&quot;"> in DCAT-AP_IT's own example 6.
  { pattern: /^https?:\/\/dati\.gov\.it\/onto\/dcatapit#["'\s]+/, replacement: NS.dcatapit, label: 'dcatapit' },
  { pattern: /^https?:\/\/dati\.gov\.it\/onto\/dcatapit\/(?=[A-Za-z])/, replacement: NS.dcatapit, label: 'dcatapit' },
  // xmlns:schema="http://schema.org" (no slash) makes schema:startDate http://schema.orgstartDate.
  { pattern: /^http:\/\/schema\.org(?=[A-Za-z])/, replacement: NS.schema, label: 'schema.org' },
  { pattern: /^https:\/\/schema\.org\//, replacement: NS.schema, label: '' },
];

function compareNodes(a: Node, b: Node): number {
  if (a.kind === 'blank' || b.kind === 'blank') return (a.kind === 'blank' ? 1 : 0) - (b.kind === 'blank' ? 1 : 0);
  if (a.kind !== b.kind) return a.kind === 'iri' ? -1 : 1;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : a.language < b.language ? -1 : a.language > b.language ? 1 : 0;
}

function key(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

export class Graph {
  private readonly index = new Map<string, Map<string, Node[]>>();
  /** Namespace repairs made while indexing: wrong namespace as found → label of the right one. */
  readonly repairs = new Map<string, string>();

  constructor(quads: Iterable<Quad>) {
    const seen = new Set<string>();
    for (const q of quads) {
      if (q.subject.termType !== 'NamedNode' && q.subject.termType !== 'BlankNode') continue;
      if (q.predicate.termType !== 'NamedNode') continue;
      const object = this.node(q.object);
      if (!object) continue;
      const s = q.subject.termType === 'NamedNode' ? this.iri(q.subject.value) : key(q.subject);
      const p = this.iri(q.predicate.value);
      let bySubject = this.index.get(s);
      if (!bySubject) this.index.set(s, (bySubject = new Map()));
      const triple = `${s}\u0000${p}\u0000${object.kind}\u0000${object.language}\u0000${object.value}`;
      if (seen.has(triple)) continue; // the same triple in two named graphs, or twice in a JSON-LD document
      seen.add(triple);
      const list = bySubject.get(p);
      if (!list) bySubject.set(p, [object]);
      else list.push(object);
    }
    // RDF values have no order: sorting them makes the mapping the same whatever the serialisation
    // (JSON-LD processors, for one, reorder). Blank nodes keep the parser's order, after the rest:
    // their labels differ between parsers, so the mapper sorts what it builds from them.
    for (const bySubject of this.index.values()) for (const list of bySubject.values()) list.sort(compareNodes);
  }

  private iri(value: string): string {
    for (const r of REPAIRS) {
      const m = r.pattern.exec(value);
      if (m) {
        if (r.label) this.repairs.set(m[0], r.replacement);
        return r.replacement + value.slice(m[0].length);
      }
    }
    return value;
  }

  private node(term: Term): Node | null {
    switch (term.termType) {
      case 'NamedNode': return { kind: 'iri', value: this.iri(term.value), language: '', datatype: '' };
      case 'BlankNode': return { kind: 'blank', value: key(term), language: '', datatype: '' };
      case 'Literal': return { kind: 'literal', value: term.value, language: term.language.toLowerCase(), datatype: term.datatype?.value ?? '' };
      default: return null;
    }
  }

  has(subject: string): boolean {
    return this.index.has(subject);
  }

  objects(subject: string, ...predicates: string[]): Node[] {
    const bySubject = this.index.get(subject);
    if (!bySubject) return [];
    return predicates.flatMap((p) => bySubject.get(p) ?? []);
  }

  /** Subjects that have predicate with the given IRI object, in index order. */
  subjectsWith(predicate: string, object?: string): string[] {
    const out: string[] = [];
    for (const [s, bySubject] of this.index) {
      const list = bySubject.get(predicate);
      if (list && (object === undefined || list.some((o) => o.kind !== 'literal' && o.value === object))) out.push(s);
    }
    return out;
  }

  predicatesOf(subject: string): string[] {
    return [...(this.index.get(subject)?.keys() ?? [])];
  }

  /**
   * The text of the first predicate that has one, in the preferred language: Italian, then
   * untagged, then English, then any. Trimmed; '' when nothing non-empty is there.
   */
  text(subject: string, ...predicates: string[]): string {
    for (const p of predicates) {
      const lits = this.objects(subject, p).filter((o) => o.kind === 'literal' && o.value.trim() !== '');
      const pick = lits.find((o) => o.language === 'it' || o.language.startsWith('it-'))
        ?? lits.find((o) => o.language === '')
        ?? lits.find((o) => o.language === 'en' || o.language.startsWith('en-'))
        ?? lits[0];
      if (pick) return pick.value.trim();
    }
    return '';
  }
}
