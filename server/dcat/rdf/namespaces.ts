// Namespaces and term helpers shared by the DCAT-AP / DCAT-AP_IT quad builders and the RDF writers.
import { DataFactory } from 'n3';
import type { BlankNode, Literal, NamedNode, Quad, Quad_Object, Quad_Subject } from 'n3';

export type { BlankNode, Literal, NamedNode, Quad, Quad_Object, Quad_Subject };

/** The prefixes every serialisation declares (Turtle @prefix, RDF/XML xmlns, JSON-LD @context). */
export const PREFIXES = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatapit: 'http://dati.gov.it/onto/dcatapit#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  adms: 'http://www.w3.org/ns/adms#',
  spdx: 'http://spdx.org/rdf/terms#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  schema: 'http://schema.org/',
  locn: 'http://www.w3.org/ns/locn#',
  time: 'http://www.w3.org/2006/time#',
} as const;

export type PrefixName = keyof typeof PREFIXES;

const { namedNode, blankNode, literal, quad: makeQuad } = DataFactory;

// Named nodes are immutable: the few hundred vocabulary terms are created once and reused.
const termCache = new Map<string, NamedNode>();

/** The named node of an absolute IRI (cached for vocabulary terms). */
export function iri(value: string): NamedNode {
  let node = termCache.get(value);
  if (!node) {
    node = namedNode(value);
    if (termCache.size < 10_000) termCache.set(value, node);
  }
  return node;
}

// Characters RDF IRIs cannot contain (RFC 3987 / Turtle IRIREF): controls, space, <>"{}|\^`.
// eslint-disable-next-line no-control-regex
const NOT_IN_IRI = /[\u0000-\u0020<>"{}|\\^`]/g;

/**
 * The named node of a URL typed by a user (download links, landing pages): trimmed, and the
 * characters no IRI may contain percent-encoded, as a browser does, so every syntax can carry it.
 */
export function url(value: string): NamedNode {
  // Not cached: these are mostly one-off URLs (a dataset's own links), and the cache is for shared terms.
  return namedNode(value.trim().replace(NOT_IN_IRI, (c) => encodeURIComponent(c)));
}

/** A term builder for one namespace: `dcat('Dataset')`. */
export function namespace(prefix: PrefixName): (local: string) => NamedNode {
  const base = PREFIXES[prefix];
  // Keyed by the short local name: no long IRI is built and hashed on every call.
  const terms = new Map<string, NamedNode>();
  return (local) => {
    let node = terms.get(local);
    if (!node) terms.set(local, (node = namedNode(base + local)));
    return node;
  };
}

export const rdf = namespace('rdf');
export const rdfs = namespace('rdfs');
export const xsd = namespace('xsd');
export const owl = namespace('owl');
export const dcat = namespace('dcat');
export const dct = namespace('dct');
export const dcatapit = namespace('dcatapit');
export const foaf = namespace('foaf');
export const vcard = namespace('vcard');
export const skos = namespace('skos');
export const adms = namespace('adms');
export const spdx = namespace('spdx');
export const hydra = namespace('hydra');
export const locn = namespace('locn');
export const time = namespace('time');

export const RDF_TYPE = rdf('type');

export function quad(subject: Quad_Subject, predicate: NamedNode, object: Quad_Object): Quad {
  return makeQuad(subject, predicate, object);
}

export function blank(label: string): BlankNode {
  return blankNode(label);
}

/** A plain (xsd:string) literal. */
export function str(value: string): Literal {
  return literal(value);
}

/** A language-tagged literal. */
export function langStr(value: string, lang: string): Literal {
  return literal(value, lang.toLowerCase());
}

export function typed(value: string, datatype: NamedNode): Literal {
  return literal(value, datatype);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An xsd:date literal for YYYY-MM-DD, an xsd:dateTime literal for a date with a time. A space between
 * date and time becomes "T", a time without seconds gets ":00"; any other value Date can read is
 * written as its UTC ISO form. Throws on values that are no date at all.
 */
export function dateLiteral(value: string): Literal {
  const text = value.trim();
  if (DATE.test(text)) return typed(text, xsd('date'));
  const m = DATE_TIME.exec(text);
  if (m) {
    const timePart = m[2].length === 5 ? `${m[2]}:00` : m[2];
    let zone = m[3] ?? '';
    if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
    return typed(`${m[1]}T${timePart}${zone}`, xsd('dateTime'));
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`data non valida per RDF: ${JSON.stringify(value)}`);
  return typed(new Date(ms).toISOString(), xsd('dateTime'));
}

/**
 * Encodes any string as characters safe in a blank node label of every syntax we write
 * ([A-Za-z0-9] kept, anything else as -hex-). Injective, never produces "_".
 */
export function labelPart(value: string): string {
  if (!value) return '-';
  if (SAFE_LABEL.test(value)) return value;
  return value.replace(UNSAFE_CHAR, (ch) => `-${ch.codePointAt(0)!.toString(16)}-`);
}

const SAFE_LABEL = /^[A-Za-z0-9]+$/;
const UNSAFE_CHAR = /[^A-Za-z0-9]/gu;

/**
 * A blank node label unique per document: the encoded dataset (or catalogue) id, then fixed parts
 * joined by "_" (the encoded id has no "_", so different ids never give the same label).
 */
export function scopedBlank(scopeId: string, ...parts: (string | number)[]): BlankNode {
  return blank([scopeLabel(scopeId), ...parts.map((p) => (typeof p === 'number' ? String(p) : labelPart(p)))].join('_'));
}

// A dataset's blank nodes all share its id: encode it once, not once per node.
let lastScope = { id: '', label: '-' };
function scopeLabel(id: string): string {
  if (id !== lastScope.id) lastScope = { id, label: labelPart(id) };
  return lastScope.label;
}

/** IRI of an e-mail address for vcard:hasEmail. */
export function mailto(email: string): NamedNode {
  const address = email.trim().replace(/^mailto:/i, '');
  return iri(`mailto:${encodeURI(address)}`);
}
