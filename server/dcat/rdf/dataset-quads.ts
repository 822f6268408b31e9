// DCAT-AP 3.0.1 + DCAT-AP_IT quads for the plain records of server/dcat/record.ts.
//
// DCAT-AP 3 checks the class of every referenced term in the feed itself (no background knowledge):
// each theme, language, format, licence, place... is typed (and labelled) by shared-terms.ts. A term of
// a bounded vocabulary shared by many datasets is described once per document: the caller passes one
// TermRegistry for the whole document and every builder skips the terms already in it. Terms that grow
// with the catalogue (landing pages, homepages, GeoNames places, media types, standards) are only
// remembered among the most recent of their kind, so the registry stays bounded in a whole-catalogue
// export (QuadSink.recent). Blank nodes are labelled with the dataset id, so they never clash within
// a document.
import type {
  DcatAlternateIdentifier, DcatCatalogRecord, DcatContact, DcatDatasetRecord, DcatDistributionRecord,
} from '../record';
import {
  RDF_TYPE, adms, dcat, dcatapit, dct, foaf, hydra, mailto, owl, quad, scopedBlank, skos, spdx, str, url,
  typed, vcard, xsd, type NamedNode, type Quad,
} from './namespaces';
import { createTermRegistry, QuadSink, type TermRegistry } from './quad-sink';
import {
  agent, checksumAlgorithm, conceptScheme, document, fileType, frequency, language, licence, location, mediaType, place,
  publicAccess, standard, subtheme, theme,
} from './shared-terms';

export { createTermRegistry, type TermRegistry } from './quad-sink';

// ------------------------------------------------------------------ datasets

/**
 * What one document must conform to. DCAT-AP 2.1.1 and 3.0.1 contradict each other on two optional
 * distribution properties: dcat:byteSize is xsd:decimal in 2.1.1 and xsd:nonNegativeInteger in 3.0.1
 * (at most one value in both), and 2.1.1 accepts only SHA-1 checksums (we keep SHA-256). The default,
 * 'compatible', leaves both out so that one feed passes every shape set; ?profiles=euro_dcat_ap_3 and
 * euro_dcat_ap_2 add them as each version wants.
 */
export type DcatProfile = 'compatible' | 'dcat-ap-3' | 'dcat-ap-2';

function distributionQuads(sink: QuadSink, datasetId: string, d: DcatDistributionRecord, profile: DcatProfile): NamedNode {
  const node = url(d.uri);
  sink.type(node, dcat('Distribution'), dcatapit('Distribution'));
  sink.text(node, dct('title'), d.title, 'it');
  sink.text(node, dct('description'), d.description, 'it');
  if (d.format.trim()) sink.add(node, dct('format'), fileType(sink, d.format));
  if (d.mediaType.trim()) sink.add(node, dcat('mediaType'), mediaType(sink, d.mediaType));
  sink.add(node, dct('license'), licence(sink, d.licence));
  sink.add(node, dcat('accessURL'), url(d.accessUrl));
  if (d.downloadUrl) sink.add(node, dcat('downloadURL'), url(d.downloadUrl));
  if (profile !== 'compatible' && d.byteSize != null && Number.isSafeInteger(d.byteSize) && d.byteSize >= 0) {
    sink.add(node, dcat('byteSize'), typed(String(d.byteSize), xsd(profile === 'dcat-ap-3' ? 'nonNegativeInteger' : 'decimal')));
  }
  if (profile === 'dcat-ap-3' && d.checksumSha256) {
    const checksum = scopedBlank(datasetId, 'dist', d.id, 'checksum');
    sink.add(node, spdx('checksum'), checksum);
    sink.type(checksum, spdx('Checksum'));
    sink.add(checksum, spdx('algorithm'), checksumAlgorithm(sink));
    sink.add(checksum, spdx('checksumValue'), typed(d.checksumSha256.trim().toLowerCase(), xsd('hexBinary')));
  }
  for (const code of d.languages) sink.add(node, dct('language'), language(sink, code));
  sink.date(node, dct('issued'), d.issued);
  sink.date(node, dct('modified'), d.modified);
  return node;
}

function addTemporal(sink: QuadSink, ds: NamedNode, id: string, temporal: NonNullable<DcatDatasetRecord['temporal']>): void {
  const period = scopedBlank(id, 'temporal');
  sink.add(ds, dct('temporal'), period);
  sink.type(period, dct('PeriodOfTime'));
  sink.date(period, dcat('startDate'), temporal.start);
  sink.date(period, dcat('endDate'), temporal.end);
}

function addContact(sink: QuadSink, ds: NamedNode, id: string, contact: DcatContact): void {
  const node = scopedBlank(id, 'contact');
  sink.add(ds, dcat('contactPoint'), node);
  sink.type(node, vcard('Kind'), vcard('Organization'), dcatapit('Organization'));
  sink.text(node, vcard('fn'), contact.name);
  if (contact.email.trim()) sink.add(node, vcard('hasEmail'), mailto(contact.email));
}

function addAlternateIdentifier(sink: QuadSink, ds: NamedNode, id: string, alt: DcatAlternateIdentifier, i: number): void {
  const node = scopedBlank(id, 'altid', i);
  sink.add(ds, adms('identifier'), node);
  sink.type(node, adms('Identifier'));
  sink.text(node, skos('notation'), alt.identifier);
  if (alt.agent) sink.add(node, dct('creator'), agent(sink, alt.agent, scopedBlank(id, 'altid', i, 'agent')));
}

/**
 * Every quad of one dataset and its distributions, plus the description of the terms it uses that
 * `terms` does not list yet (they are added to it). Without a registry the dataset stands alone.
 */
export function datasetQuads(record: DcatDatasetRecord, terms: TermRegistry = createTermRegistry(), profile: DcatProfile = 'compatible'): Quad[] {
  const sink = new QuadSink(terms);
  const ds = url(record.uri);
  const id = record.id;

  sink.type(ds, dcat('Dataset'), dcatapit('Dataset'));
  sink.text(ds, dct('identifier'), record.identifier);
  sink.text(ds, dct('title'), record.title, 'it');
  sink.text(ds, dct('description'), record.description, 'it');
  for (const keyword of record.keywords) sink.text(ds, dcat('keyword'), keyword, 'it');

  for (const choice of record.themes) {
    sink.add(ds, dcat('theme'), theme(sink, choice.theme));
    for (const uri of choice.subthemes) sink.add(ds, dct('subject'), subtheme(sink, uri));
  }
  if (record.frequency.trim()) sink.add(ds, dct('accrualPeriodicity'), frequency(sink, record.frequency));

  sink.add(ds, dct('publisher'), agent(sink, record.publisher, scopedBlank(id, 'publisher')));
  sink.add(ds, dct('rightsHolder'), agent(sink, record.rightsHolder, scopedBlank(id, 'rightsholder')));
  sink.add(ds, dct('accessRights'), publicAccess(sink));
  record.creators.forEach((c, i) => sink.add(ds, dct('creator'), agent(sink, c, scopedBlank(id, 'creator', i))));

  sink.date(ds, dct('issued'), record.issued);
  sink.date(ds, dct('modified'), record.modified);
  for (const code of record.languages) sink.add(ds, dct('language'), language(sink, code));

  if (record.temporal && (record.temporal.start || record.temporal.end)) addTemporal(sink, ds, id, record.temporal);
  if (record.spatial?.placeCode) sink.add(ds, dct('spatial'), place(sink, record.spatial.placeCode));
  if (record.spatial?.geonamesUrl) sink.add(ds, dct('spatial'), location(sink, record.spatial.geonamesUrl));

  record.conformsTo.forEach((s, i) => sink.add(ds, dct('conformsTo'), standard(sink, s, scopedBlank(id, 'standard', i))));

  if (record.isVersionOf) sink.add(ds, dct('isVersionOf'), url(record.isVersionOf));
  // DCAT-AP 3 uses dcat:version, DCAT-AP_IT 2.0 (and DCAT-AP 2) owl:versionInfo.
  sink.text(ds, dcat('version'), record.version);
  sink.text(ds, owl('versionInfo'), record.version);

  if (record.contact) addContact(sink, ds, id, record.contact);

  // Documents are remembered only among the recent ones: the registry must not grow with the catalogue.
  sink.add(ds, dcat('landingPage'), document(sink, record.landingPage));
  if (record.homepageOfSource) sink.add(ds, foaf('page'), document(sink, record.homepageOfSource));

  record.alternateIdentifiers.forEach((alt, i) => addAlternateIdentifier(sink, ds, id, alt, i));

  for (const d of record.distributions) sink.add(ds, dcat('distribution'), distributionQuads(sink, id, d, profile));
  return sink.result();
}

// ------------------------------------------------------------------ catalogue and paging

/**
 * The dcat:Catalog node (with its publisher, licence, languages, place and theme taxonomy) and one
 * dcat:dataset link per URI in `datasetUris`: the datasets of the current page.
 */
export function catalogQuads(record: DcatCatalogRecord, datasetUris: string[], terms: TermRegistry = createTermRegistry()): Quad[] {
  const sink = new QuadSink(terms);
  const cat = url(record.uri);
  sink.type(cat, dcat('Catalog'), dcatapit('Catalog'));
  sink.bilingual(cat, dct('title'), record.title);
  sink.bilingual(cat, dct('description'), record.description);
  sink.add(cat, dct('publisher'), agent(sink, record.publisher, scopedBlank(record.uri, 'publisher')));
  sink.add(cat, foaf('homepage'), document(sink, record.homepage));
  for (const code of record.languages) sink.add(cat, dct('language'), language(sink, code));
  sink.date(cat, dct('issued'), record.issued);
  sink.date(cat, dct('modified'), record.modified);
  sink.add(cat, dct('license'), licence(sink, record.licence));
  if (record.spatial) sink.add(cat, dct('spatial'), place(sink, record.spatial));
  sink.add(cat, dcat('themeTaxonomy'), conceptScheme(sink, 'data-theme'));
  for (const uri of datasetUris) sink.add(cat, dcat('dataset'), url(uri));
  return sink.result();
}

export interface PagingInfo {
  /** URL of the page being served: the subject of the hydra:PagedCollection node. */
  pageUrl: string;
  first: string;
  last: string;
  next: string | null;
  previous: string | null;
  totalItems: number;
  itemsPerPage: number;
}

/**
 * The hydra:PagedCollection node as ckanext-dcat writes it (RDFSerializer._add_pagination_triples):
 * the page URLs as plain literals under both the old (firstPage, lastPage, nextPage, previousPage)
 * and the current Hydra names (first, last, next, previous), totalItems and itemsPerPage as
 * xsd:integer. Unlike ckanext-dcat, a total of 0 items is still written.
 */
export function pagingQuads(paging: PagingInfo): Quad[] {
  const node = url(paging.pageUrl);
  const out: Quad[] = [quad(node, RDF_TYPE, hydra('PagedCollection'))];
  const pages: [string | null, string, string][] = [
    [paging.next, 'nextPage', 'next'],
    [paging.previous, 'previousPage', 'previous'],
    [paging.first, 'firstPage', 'first'],
    [paging.last, 'lastPage', 'last'],
  ];
  for (const [url, ...predicates] of pages) {
    if (url) for (const p of predicates) out.push(quad(node, hydra(p), str(url)));
  }
  out.push(quad(node, hydra('totalItems'), typed(String(paging.totalItems), xsd('integer'))));
  out.push(quad(node, hydra('itemsPerPage'), typed(String(paging.itemsPerPage), xsd('integer'))));
  return out;
}
