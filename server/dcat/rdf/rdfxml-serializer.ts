// RDF/XML, one rdf:Description per subject, so nothing but the current batch is kept in memory.
import type { Quad } from './namespaces';
import { bySubject, escapedLabel, RDF_LANG_STRING, RDF_NS, XSD_STRING, type Serializer } from './serializer';

// XML 1.0 (5th edition) NameStartChar and NameChar, without ":" (NCName).
const NAME_START = 'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NCNAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');
const NCNAME_START = new RegExp(`^[${NAME_START}]$`, 'u');
const NCNAME_CHAR = new RegExp(`^[${NAME_CHAR}]$`, 'u');
const NCNAME_LABEL = /^[A-Za-z][A-Za-z0-9-]*$/;
// Characters XML 1.0 cannot carry at all, not even as character references (controls, U+FFFE, U+FFFF,
// lone surrogates): the complement of XML's Char production, as server/feeds/xml.ts drops them for Atom.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const HAS_NOT_XML = new RegExp(NOT_XML.source, 'u');
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
};

/**
 * Literal text (element content) with the characters XML cannot carry dropped: a control character
 * pasted from a word processor must not cost the whole document.
 */
const xmlText = (value: string) => value.replace(NOT_XML, '').replace(/[&<>\r]/g, (c) => XML_ESCAPES[c]);
// Attribute values are normalised by parsers: tabs and newlines must be references to survive.
const attrEscaped = (value: string) => value.replace(/[&<>"\t\n\r]/g, (c) => XML_ESCAPES[c]);
/** Text in an attribute (xml:lang): the characters XML cannot carry dropped. */
const xmlAttr = (value: string) => attrEscaped(value.replace(NOT_XML, ''));
/**
 * An IRI in an attribute (rdf:about, rdf:resource, rdf:datatype): the characters XML cannot carry,
 * which no IRI may contain either, percent-encoded as UTF-8 (a lone surrogate as U+FFFD), so the
 * document stays well-formed and the IRI keeps its other characters.
 */
const xmlIri = (value: string) => attrEscaped(value.replace(NOT_XML, percentEncoded));

function percentEncoded(c: string): string {
  let out = '';
  for (const byte of Buffer.from(c, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

export class RdfXmlSerializer implements Serializer {
  private readonly prefixes: [string, string][];
  private readonly qnames = new Map<string, { name: string; xmlns: string }>();

  constructor(prefixes: Record<string, string>) {
    // rdf: is needed for rdf:Description, whatever the caller declares.
    const entries = Object.entries(prefixes)
      .filter(([p, ns]) => /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(p) && !/^xml/i.test(p) && ns && !HAS_NOT_XML.test(ns));
    this.prefixes = [['rdf', RDF_NS], ...entries.filter(([p]) => p !== 'rdf')];
  }

  head(): string {
    const ns = this.prefixes.map(([p, uri]) => `\n  xmlns:${p}="${xmlIri(uri)}"`).join('');
    return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${ns}>\n`;
  }

  tail(): string {
    return '</rdf:RDF>\n';
  }

  batch(quads: Quad[]): string {
    let xml = '';
    for (const group of bySubject(quads)) {
      const s = group[0].subject;
      const id = s.termType === 'BlankNode' ? `rdf:nodeID="${this.nodeId(s.value)}"` : `rdf:about="${xmlIri(s.value)}"`;
      xml += `  <rdf:Description ${id}>\n`;
      for (const q of group) xml += `    ${this.property(q)}\n`;
      xml += '  </rdf:Description>\n';
    }
    return xml;
  }

  private nodeId(label: string): string {
    return NCNAME_LABEL.test(label) ? label : escapedLabel(label);
  }

  private property(q: Quad): string {
    const { name, xmlns } = this.qname(q.predicate.value);
    const o = q.object;
    switch (o.termType) {
      case 'NamedNode':
        return `<${name}${xmlns} rdf:resource="${xmlIri(o.value)}"/>`;
      case 'BlankNode':
        return `<${name}${xmlns} rdf:nodeID="${this.nodeId(o.value)}"/>`;
      case 'Literal': {
        let attrs = '';
        if (o.language) attrs = ` xml:lang="${xmlAttr(o.language)}"`;
        else if (o.datatype && o.datatype.value !== XSD_STRING && o.datatype.value !== RDF_LANG_STRING) {
          attrs = ` rdf:datatype="${xmlIri(o.datatype.value)}"`;
        }
        return `<${name}${xmlns}${attrs}>${xmlText(o.value)}</${name}>`;
      }
      default:
        throw new Error(`RDF/XML: oggetto non supportato (${o.termType})`);
    }
  }

  /**
   * prefix:local for a predicate: a declared prefix when the rest is an NCName, otherwise the IRI is
   * split before its longest NCName suffix and that namespace is declared on the element itself
   * (xmlns:ns0), so any predicate ending in a name character sequence can be written mid-stream.
   */
  private qname(predicate: string): { name: string; xmlns: string } {
    let found = this.qnames.get(predicate);
    if (found) return found;
    for (const [prefix, ns] of this.prefixes) {
      if (predicate.startsWith(ns) && NCNAME.test(predicate.slice(ns.length))) {
        found = { name: `${prefix}:${predicate.slice(ns.length)}`, xmlns: '' };
        break;
      }
    }
    found ??= this.splitQname(predicate);
    if (this.qnames.size < 10_000) this.qnames.set(predicate, found);
    return found;
  }

  /** ns0:local, split before the first name-start character of the trailing run of name characters. */
  private splitQname(predicate: string): { name: string; xmlns: string } {
    const chars = [...predicate];
    let start = chars.length;
    while (start > 0 && NCNAME_CHAR.test(chars[start - 1])) start--;
    let split = -1;
    for (let i = Math.max(start, 1); i < chars.length; i++) {
      if (NCNAME_START.test(chars[i])) { split = chars.slice(0, i).join('').length; break; }
    }
    if (split < 0 || HAS_NOT_XML.test(predicate)) {
      throw new Error(`RDF/XML: il predicato <${predicate}> non termina con un nome XML (NCName) o contiene caratteri che XML 1.0 non ammette: non si può scrivere in RDF/XML`);
    }
    return { name: `ns0:${predicate.slice(split)}`, xmlns: ` xmlns:ns0="${attrEscaped(predicate.slice(0, split))}"` };
  }
}
