// The terms datasets share (themes, languages, formats, licences, agents, documents...). DCAT-AP 3 checks
// the class of every referenced term in the feed itself, so each is typed (and labelled) here.
//
// Terms of bounded vocabularies (themes, subthemes, frequencies, languages, EU places, file types,
// licences and licence types, access rights, the checksum algorithm, concept schemes, organisation
// agents) are described once per document: the QuadSink's registry tells which are already described.
// Terms whose number grows with the catalogue (homepages and landing pages, GeoNames locations, free
// media types, standards with a URI) are only remembered among the most recent ones of their kind
// (QuadSink.recent), so a whole-catalogue export keeps a registry of bounded size: such a term may be
// typed again later in a long document (a repeated triple is harmless, RDF graphs are sets), never
// twice in one page of the feeds.
import type { DcatLicence, DcatStandard } from '../record';
import { subthemeByUri, vocabulary, type VocabularyName, type VocabularyTerm } from '../vocabularies';
import { dcatapit, dct, foaf, iri, rdfs, skos, spdx, url, type BlankNode, type NamedNode, type Quad_Subject } from './namespaces';
import type { QuadSink } from './quad-sink';

const IANA_MEDIA_TYPES = 'https://www.iana.org/assignments/media-types/';
const SHA256 = spdx('checksumAlgorithm_sha256');

/** Labels of the ADMS licence types (http://purl.org/adms/licencetype/1.0, English only). */
const ADMS_LICENCE_TYPES: Record<string, string> = {
  Attribution: 'Attribution',
  GrantBack: 'Grant back',
  JurisdictionWithinTheEU: 'Jurisdiction within the EU',
  KnownPatentEncumbrance: 'Known patent encumbrance',
  NoDerivativeWork: 'No derivative work',
  NominalCost: 'Nominal cost',
  NonCommercialUseOnly: 'Non-commercial use only',
  OtherRestrictiveClauses: 'Other restrictive clauses',
  PublicDomain: 'Public domain',
  'ReservedNames-Endorsement-OfficialStatus': 'Reserved names / endorsement / official status',
  RoyaltiesRequired: 'Royalties required',
  UnknownIPR: 'Unknown IPR',
  'ViralEffect-ShareAlike': 'Viral effect (a.k.a. Share-alike)',
};

/** Both labels, each falling back on the other language when missing. */
function labels(sink: QuadSink, node: NamedNode, term: { labels: { it: string; en: string } }, predicate = skos('prefLabel')): void {
  sink.text(node, predicate, term.labels.it || term.labels.en, 'it');
  sink.text(node, predicate, term.labels.en || term.labels.it, 'en');
}

/** A vocabulary term by code; unknown codes get the scheme's IRI pattern and the code as label. */
function vocabTerm(name: VocabularyName, code: string): VocabularyTerm {
  const vocab = vocabulary(name);
  const found = vocab.byCode(code);
  if (found) return found;
  const clean = code.trim().toUpperCase();
  return { code: clean, uri: `${vocab.schemeUri}/${encodeURIComponent(clean)}`, labels: { it: clean, en: clean } };
}

export function conceptScheme(sink: QuadSink, name: VocabularyName): NamedNode {
  const vocab = vocabulary(name);
  const node = iri(vocab.schemeUri);
  if (sink.first('scheme', vocab.schemeUri)) {
    sink.type(node, skos('ConceptScheme'));
    sink.bilingual(node, dct('title'), vocab.title);
  }
  return node;
}

export function theme(sink: QuadSink, code: string): NamedNode {
  const term = vocabTerm('data-theme', code);
  const node = iri(term.uri);
  if (sink.first('theme', term.uri)) {
    sink.type(node, skos('Concept'));
    labels(sink, node, term);
    sink.add(node, skos('inScheme'), conceptScheme(sink, 'data-theme'));
  }
  return node;
}

/** A EuroVoc subtheme; typed and labelled only when the mapping knows it (a bare IRI otherwise). */
export function subtheme(sink: QuadSink, uri: string): NamedNode {
  const node = url(uri);
  const known = subthemeByUri(uri);
  if (known && sink.first('subtheme', node.value)) {
    sink.type(node, skos('Concept'));
    labels(sink, node, known);
  }
  return node;
}

/** A term of an EU authority table, typed with the DCAT-AP range class and labelled. */
function authorityTerm(sink: QuadSink, name: VocabularyName, code: string, cls: NamedNode): NamedNode {
  const term = vocabTerm(name, code);
  const node = iri(term.uri);
  if (sink.first(name, term.uri)) {
    sink.type(node, cls);
    labels(sink, node, term);
  }
  return node;
}

export const language = (sink: QuadSink, code: string) => authorityTerm(sink, 'language', code, dct('LinguisticSystem'));
export const frequency = (sink: QuadSink, code: string) => authorityTerm(sink, 'frequency', code, dct('Frequency'));
export const place = (sink: QuadSink, code: string) => authorityTerm(sink, 'place', code, dct('Location'));
export const fileType = (sink: QuadSink, code: string) => authorityTerm(sink, 'file-type', code, dct('MediaTypeOrExtent'));

/** A URL typed with `cls` (and nothing else) unless met recently: see QuadSink.recent. */
function typedUrl(sink: QuadSink, kind: string, uri: string, cls: NamedNode): NamedNode {
  const node = url(uri);
  if (sink.recent(kind, node.value)) sink.type(node, cls);
  return node;
}

const PUBLIC_ACCESS = 'http://publications.europa.eu/resource/authority/access-right/PUBLIC';

/**
 * dct:accessRights of every dataset the feeds publish: only public datasets are published. The EU
 * access-right term, typed dct:RightsStatement as DCAT-AP's range wants, labelled as the EU table does.
 */
export function publicAccess(sink: QuadSink): NamedNode {
  const node = url(PUBLIC_ACCESS);
  if (sink.first('accessrights', node.value)) {
    sink.type(node, dct('RightsStatement'));
    labels(sink, node, { labels: { it: 'Pubblico', en: 'Public' } }, rdfs('label'));
  }
  return node;
}

/** A media type: an absolute http(s) IRI as it is, else the IANA registry IRI of the type ("text/csv"). */
export function mediaType(sink: QuadSink, type: string): NamedNode {
  const clean = type.trim().toLowerCase();
  return typedUrl(sink, 'mediatype', /^https?:\/\//.test(clean) ? clean : IANA_MEDIA_TYPES + clean, dct('MediaType'));
}

export const location = (sink: QuadSink, uri: string) => typedUrl(sink, 'location', uri, dct('Location'));
export const document = (sink: QuadSink, uri: string) => typedUrl(sink, 'document', uri, foaf('Document'));

function admsLicenceType(sink: QuadSink, uri: string): NamedNode {
  const node = url(uri);
  if (sink.first('licencetype', node.value)) {
    const local = node.value.replace(/^.*[/#]/, '');
    sink.type(node, skos('Concept'));
    sink.text(node, skos('prefLabel'), ADMS_LICENCE_TYPES[local] ?? local, 'en');
  }
  return node;
}

export function licence(sink: QuadSink, lic: DcatLicence): NamedNode {
  const node = url(lic.uri);
  if (sink.first('licence', node.value)) {
    sink.type(node, dct('LicenseDocument'), dcatapit('LicenseDocument'));
    const known = vocabulary('licence').byUri(lic.uri);
    if (known) labels(sink, node, known, foaf('name'));
    else sink.text(node, foaf('name'), lic.title || lic.id);
    const admsType = lic.admsType || known?.admsType;
    if (admsType) sink.add(node, dct('type'), admsLicenceType(sink, admsType));
  }
  return node;
}

/**
 * Something with a dct:identifier and an Italian name: its URI when it has one, else `blankNode`.
 * A URI is described once per document, or with `recentOnly` unless met recently (QuadSink.recent).
 */
function identified(
  sink: QuadSink, kind: string, thing: { identifier: string; name: string; uri?: string | null }, nameProperty: NamedNode,
  classes: NamedNode[], blankNode: BlankNode, recentOnly = false,
): Quad_Subject {
  const node: Quad_Subject = thing.uri ? url(thing.uri) : blankNode;
  if (sink.describes(kind, node, recentOnly)) {
    sink.type(node, ...classes);
    sink.text(node, dct('identifier'), thing.identifier);
    sink.text(node, nameProperty, thing.name, 'it');
  }
  return node;
}

/**
 * foaf:Agent + dcatapit:Agent with dct:identifier and foaf:name; a blank node when it has no URI.
 * Agents with a URI are the portal's organisations (bounded): described once per document.
 */
export function agent(sink: QuadSink, a: { name: string; identifier: string; uri?: string | null }, blankNode: BlankNode): Quad_Subject {
  return identified(sink, 'agent', a, foaf('name'), [foaf('Agent'), dcatapit('Agent')], blankNode);
}

/**
 * dct:Standard + dcatapit:Standard with dct:identifier and dct:title; a blank node when it has no URI.
 * Any URI can be given for a standard: only the recent ones are remembered.
 */
export function standard(sink: QuadSink, s: DcatStandard, blankNode: BlankNode): Quad_Subject {
  return identified(sink, 'standard', { ...s, name: s.title }, dct('title'), [dct('Standard'), dcatapit('Standard')], blankNode, true);
}

export function checksumAlgorithm(sink: QuadSink): NamedNode {
  if (sink.first('checksumalgorithm', SHA256.value)) sink.type(SHA256, spdx('ChecksumAlgorithm'));
  return SHA256;
}
