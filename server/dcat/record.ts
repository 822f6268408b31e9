// The DCAT-AP_IT view of one dataset, as plain data: what the feeds serialise, what the quality
// score reads and what the RDF importer produces. Built from the database by server/dcat/records.ts;
// no field here is left for a serialiser to guess or derive.

/** A publisher, rights holder or creator: an organization with its IPA code (or VAT number). */
export interface DcatAgent {
  name: string;
  /** IPA code (codice IPA), or another identifier such as a VAT number. */
  identifier: string;
  /** Persistent URI when the agent is one of our organizations; null for agents known only by name. */
  uri: string | null;
}

/** One EU data theme (code of the EU data-theme table) with EuroVoc subtheme URIs. */
export interface DcatThemeChoice {
  theme: string;
  subthemes: string[];
}

export interface DcatAlternateIdentifier {
  identifier: string;
  agent: { name: string; identifier: string } | null;
}

/** A standard the data conforms to (dct:conformsTo). */
export interface DcatStandard {
  identifier: string;
  title: string;
  /** Reference URI of the standard, when it has one. */
  uri: string | null;
}

export interface DcatContact {
  name: string;
  email: string;
}

export interface DcatLicence {
  /** CKAN licence id as stored on the dataset or resource, e.g. "CC-BY-4.0". */
  id: string;
  /** AgID licences vocabulary URI, e.g. https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40 */
  uri: string;
  title: string;
  /** ADMS licence type URI, e.g. http://purl.org/adms/licencetype/Attribution */
  admsType: string;
}

export interface DcatDistributionRecord {
  id: string;
  /** Persistent URI: {site}/dataset/{datasetName}/resource/{id} */
  uri: string;
  title: string;
  description: string;
  /** EU file-type code, e.g. "CSV". */
  format: string;
  /** IANA media type, e.g. "text/csv"; '' when unknown. */
  mediaType: string;
  licence: DcatLicence;
  byteSize: number | null;
  /** sha256 of the file, hex; null for links. */
  checksumSha256: string | null;
  /** Direct download, for uploads and links to files; null when only a page is known. */
  downloadUrl: string | null;
  /** Page or service giving access: the resource page when nothing else was given. */
  accessUrl: string;
  /** EU language codes, e.g. ["ITA"]. */
  languages: string[];
  /** YYYY-MM-DD or full ISO date-time. */
  issued: string;
  modified: string;
}

export interface DcatDatasetRecord {
  id: string;
  name: string;
  /** Persistent URI: {site}/dataset/{id} (the id never changes, the name may). */
  uri: string;
  /** The dataset's HTML page: {site}/dataset/{name}. */
  landingPage: string;
  /** "ipaCode:name" unless the editor gave another. */
  identifier: string;
  alternateIdentifiers: DcatAlternateIdentifier[];
  title: string;
  description: string;
  keywords: string[];
  themes: DcatThemeChoice[];
  /** EU frequency code, e.g. "ANNUAL". */
  frequency: string;
  publisher: DcatAgent;
  rightsHolder: DcatAgent;
  creators: DcatAgent[];
  /** YYYY-MM-DD or full ISO date-time. */
  issued: string;
  modified: string;
  /** EU language codes. */
  languages: string[];
  temporal: { start: string | null; end: string | null } | null;
  /** EU place code (e.g. "ITA_FLR") and/or a GeoNames URL. */
  spatial: { placeCode: string | null; geonamesUrl: string | null } | null;
  conformsTo: DcatStandard[];
  /** URI of the dataset this one is a version of. */
  isVersionOf: string | null;
  version: string;
  contact: DcatContact | null;
  /** Organization page or the url the editor gave: foaf:Document. */
  homepageOfSource: string | null;
  distributions: DcatDistributionRecord[];
  metadataCreated: string;
  metadataModified: string;
}

export interface DcatCatalogRecord {
  /** Persistent URI: {site}/catalog */
  uri: string;
  title: { it: string; en: string };
  description: { it: string; en: string };
  homepage: string;
  publisher: DcatAgent;
  languages: string[];
  issued: string;
  /** Latest metadata_modified among the published datasets (or issued when there are none). */
  modified: string;
  licence: DcatLicence;
  /** EU place code of the area the catalogue covers. */
  spatial: string | null;
}
