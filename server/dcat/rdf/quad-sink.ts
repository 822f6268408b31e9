// Where the DCAT quad builders put their quads, and the per-document record of shared terms already described.
import { RDF_TYPE, dateLiteral, langStr, quad, str, type NamedNode, type Quad, type Quad_Object, type Quad_Subject } from './namespaces';

/**
 * Terms (keyed by kind and IRI) already typed and labelled in the current document. The kinds of
 * bounded vocabularies keep every term; the kinds whose terms grow with the catalogue (see
 * QuadSink.recent) keep only their RECENT_TERMS_PER_KIND most recent ones.
 */
export type TermRegistry = Map<string, Set<string>>;

/**
 * How many terms of a kind that grows with the catalogue (homepages, GeoNames places, media types,
 * standards) a registry remembers: enough for a page of the feeds to type each once, while a
 * whole-catalogue export keeps a registry of bounded size and types such a term again now and then.
 */
export const RECENT_TERMS_PER_KIND = 1000;

/** One registry per document (per HTTP response, per file): term URIs by kind. */
export function createTermRegistry(): TermRegistry {
  return new Map<string, Set<string>>();
}

/** Collects quads; skips empty literals, so optional '' fields leave no trace. */
export class QuadSink {
  private readonly quads: Quad[] = [];
  /** Subjects described as shared terms: they go after the dataset and its distributions. */
  private readonly termSubjects = new Set<string>();
  constructor(private readonly terms: TermRegistry) {}

  /**
   * The quads grouped by subject (so Turtle writes each subject once, with ";"), in the order the
   * subjects first appear, the shared terms last.
   */
  result(): Quad[] {
    const groups = new Map<string, Quad[]>();
    for (const q of this.quads) {
      const key = q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(q);
    }
    const main: Quad[] = [];
    const described: Quad[] = [];
    for (const [key, group] of groups) (this.termSubjects.has(key) ? described : main).push(...group);
    return main.concat(described);
  }

  add(subject: Quad_Subject, predicate: NamedNode, object: Quad_Object): void {
    this.quads.push(quad(subject, predicate, object));
  }

  type(subject: Quad_Subject, ...classes: NamedNode[]): void {
    for (const c of classes) this.add(subject, RDF_TYPE, c);
  }

  text(subject: Quad_Subject, predicate: NamedNode, value: string | null | undefined, lang?: string): void {
    if (value == null || value.trim() === '') return;
    this.add(subject, predicate, lang ? langStr(value, lang) : str(value));
  }

  /** The Italian and the English text, each tagged with its language. */
  bilingual(subject: Quad_Subject, predicate: NamedNode, value: { it: string; en: string }): void {
    this.text(subject, predicate, value.it, 'it');
    this.text(subject, predicate, value.en, 'en');
  }

  date(subject: Quad_Subject, predicate: NamedNode, value: string | null | undefined): void {
    if (value == null || value.trim() === '') return;
    this.add(subject, predicate, dateLiteral(value));
  }

  /** True the first time a term is met in this document: the caller then describes it. */
  first(kind: string, uri: string): boolean {
    let seen = this.terms.get(kind);
    if (!seen) this.terms.set(kind, (seen = new Set<string>()));
    if (seen.has(uri)) return false;
    seen.add(uri);
    this.termSubjects.add(uri);
    return true;
  }

  /**
   * For terms whose number grows with the catalogue: true unless `uri` is among the last
   * RECENT_TERMS_PER_KIND terms of `kind` met in this document (least recently met forgotten first).
   * Describing such a term again is harmless (RDF graphs are sets); a registry growing with the
   * catalogue is not.
   */
  recent(kind: string, uri: string): boolean {
    const key = `recent:${kind}`;
    let seen = this.terms.get(key);
    if (!seen) this.terms.set(key, (seen = new Set<string>()));
    const known = seen.delete(uri);
    seen.add(uri); // the most recent last
    if (seen.size > RECENT_TERMS_PER_KIND) seen.delete(seen.values().next().value!);
    return !known;
  }

  /**
   * Whether to describe `node` here: a blank node always (it is local), a URI once per document, or,
   * with `recentOnly`, unless met recently (see recent()).
   */
  describes(kind: string, node: Quad_Subject, recentOnly = false): boolean {
    if (node.termType === 'BlankNode') return true;
    return recentOnly ? this.recent(kind, node.value) : this.first(kind, node.value);
  }
}
