// JSON-LD, one node object per subject in "@graph", so nothing but the current batch is kept in memory.
import type { Quad, Quad_Object, Quad_Subject } from './namespaces';
import { bySubject, RDF_NS, safeLabel, XSD_STRING, type Serializer } from './serializer';

interface JsonLdValue { '@id'?: string; '@value'?: string; '@language'?: string; '@type'?: string }

export class JsonLdSerializer implements Serializer {
  private first = true;
  private readonly prefixes: [string, string][];
  private readonly context: Record<string, string>;

  constructor(prefixes: Record<string, string>) {
    // Only prefixes that end with a JSON-LD gen-delim can be used in compact IRIs.
    this.prefixes = Object.entries(prefixes).filter(([p, ns]) => /^[A-Za-z][A-Za-z0-9_.-]*$/.test(p) && /[/#:?[\]@]$/.test(ns));
    this.context = Object.fromEntries(this.prefixes);
  }

  head(): string {
    return `{\n"@context": ${JSON.stringify(this.context)},\n"@graph": [`;
  }

  tail(): string {
    return '\n]\n}\n';
  }

  batch(quads: Quad[]): string {
    let text = '';
    for (const group of bySubject(quads)) {
      text += `${this.first ? '\n' : ',\n'}${JSON.stringify(this.node(group))}`;
      this.first = false;
    }
    return text;
  }

  private node(group: Quad[]): Record<string, unknown> {
    const node: Record<string, unknown> = { '@id': this.id(group[0].subject) };
    const types: string[] = [];
    const props = new Map<string, JsonLdValue[]>();
    for (const q of group) {
      const p = q.predicate.value;
      if (p === `${RDF_NS}type` && q.object.termType === 'NamedNode') {
        types.push(this.compact(q.object.value));
        continue;
      }
      const key = this.compact(p);
      let values = props.get(key);
      if (!values) props.set(key, (values = []));
      values.push(this.value(q.object));
    }
    if (types.length) node['@type'] = types;
    for (const [key, values] of props) node[key] = values;
    return node;
  }

  private id(term: Quad_Subject | Quad_Object): string {
    return term.termType === 'BlankNode' ? `_:${safeLabel(term.value)}` : this.absolute(term.value);
  }

  private value(o: Quad_Object): JsonLdValue {
    switch (o.termType) {
      case 'NamedNode':
      case 'BlankNode':
        return { '@id': this.id(o) };
      case 'Literal':
        if (o.language) return { '@value': o.value, '@language': o.language };
        if (!o.datatype || o.datatype.value === XSD_STRING) return { '@value': o.value };
        return { '@value': o.value, '@type': this.compact(o.datatype.value) };
      default:
        throw new Error(`JSON-LD: oggetto non supportato (${o.termType})`);
    }
  }

  /** prefix:local when a prefix covers the IRI, else the IRI itself. */
  private compact(value: string): string {
    for (const [prefix, ns] of this.prefixes) {
      if (value.startsWith(ns) && value.length > ns.length && !value.slice(ns.length).startsWith('//')) {
        return `${prefix}:${value.slice(ns.length)}`;
      }
    }
    return this.absolute(value);
  }

  /**
   * An absolute IRI written as it is. One whose scheme is a declared prefix name ("dct:x") would be
   * read back as a compact IRI: such IRIs are refused rather than written wrong.
   */
  private absolute(value: string): string {
    const colon = value.indexOf(':');
    const scheme = colon > 0 ? value.slice(0, colon) : '';
    if (scheme && Object.prototype.hasOwnProperty.call(this.context, scheme) && !value.startsWith('//', colon + 1)) {
      throw new Error(`JSON-LD: l'IRI <${value}> ha per schema il prefisso "${scheme}" del contesto`);
    }
    return value;
  }
}
