// A dataset as schema.org JSON-LD (https://schema.org/Dataset), the markup dataset search engines read
// from the dataset page. Built from the same DCAT record as the feeds, so page and feeds never disagree.
import { DcatAgent, DcatDatasetRecord } from './record';
import { codeLabel } from './form-choices';

export interface SchemaOrgCatalog { name: string; url: string }

// EU language codes → BCP 47 tags, which schema.org's inLanguage takes. Other codes stay as they are.
const BCP47: Record<string, string> = {
  ITA: 'it', ENG: 'en', DEU: 'de', FRA: 'fr', SPA: 'es', POR: 'pt', NLD: 'nl', SLV: 'sl', HRV: 'hr', POL: 'pl',
  RON: 'ro', ELL: 'el', CES: 'cs', SLK: 'sk', HUN: 'hu', BUL: 'bg', DAN: 'da', SWE: 'sv', FIN: 'fi', EST: 'et',
  LAV: 'lv', LIT: 'lt', MLT: 'mt', GLE: 'ga', LAT: 'la', ALB: 'sq', SQI: 'sq', ARA: 'ar', ZHO: 'zh', RUS: 'ru',
  UKR: 'uk', FUR: 'fur', SRD: 'sc', LLD: 'lld',
};

function organization(agent: DcatAgent): Record<string, unknown> {
  return {
    '@type': 'Organization',
    name: agent.name,
    ...(agent.identifier ? { identifier: agent.identifier } : {}),
    ...(agent.uri ? { url: agent.uri } : {}),
  };
}

function temporalCoverage(temporal: DcatDatasetRecord['temporal']): string | null {
  if (!temporal || (!temporal.start && !temporal.end)) return null;
  return `${temporal.start || '..'}/${temporal.end || '..'}`;
}

function spatialCoverage(spatial: DcatDatasetRecord['spatial'], lang: 'it' | 'en'): Record<string, unknown> | null {
  if (!spatial) return null;
  const sameAs = [
    ...(spatial.placeCode ? [`http://publications.europa.eu/resource/authority/place/${spatial.placeCode}`] : []),
    ...(spatial.geonamesUrl ? [spatial.geonamesUrl] : []),
  ];
  return {
    '@type': 'Place',
    ...(spatial.placeCode ? { name: codeLabel('place', spatial.placeCode, lang) } : {}),
    ...(sameAs.length ? { sameAs: sameAs.length === 1 ? sameAs[0] : sameAs } : {}),
  };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** The schema.org Dataset for one DCAT record; `lang` chooses the language of the place name. */
export function schemaOrgDataset(record: DcatDatasetRecord, lang: 'it' | 'en', catalog?: SchemaOrgCatalog): Record<string, unknown> {
  const licences = unique(record.distributions.map((d) => d.licence.uri).filter(Boolean));
  const languages = unique(record.languages.map((code) => BCP47[code.toUpperCase()] ?? code.toLowerCase()));
  const temporal = temporalCoverage(record.temporal);
  const spatial = spatialCoverage(record.spatial, lang);
  const site = catalog ?? { name: new URL(record.landingPage).host, url: `${new URL(record.landingPage).origin}/` };
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': record.uri,
    name: record.title,
    description: record.description,
    identifier: record.identifier,
    url: record.landingPage,
    ...(record.keywords.length ? { keywords: record.keywords } : {}),
    ...(licences.length ? { license: licences.length === 1 ? licences[0] : licences } : {}),
    publisher: organization(record.publisher),
    ...(record.creators.length ? { creator: record.creators.map(organization) } : {}),
    dateCreated: record.issued,
    datePublished: record.issued,
    dateModified: record.modified,
    ...(languages.length ? { inLanguage: languages.length === 1 ? languages[0] : languages } : {}),
    isAccessibleForFree: true,
    ...(record.version ? { version: record.version } : {}),
    ...(spatial ? { spatialCoverage: spatial } : {}),
    ...(temporal ? { temporalCoverage: temporal } : {}),
    distribution: record.distributions.map((d) => ({
      '@type': 'DataDownload',
      name: d.title,
      contentUrl: d.downloadUrl ?? d.accessUrl,
      encodingFormat: d.mediaType || d.format,
      ...(d.byteSize !== null ? { contentSize: `${d.byteSize} B` } : {}),
    })),
    includedInDataCatalog: { '@type': 'DataCatalog', name: site.name, url: site.url },
  };
}

/**
 * JSON for a <script type="application/ld+json"> element: `<` written as \u003c, so that no value (a title
 * with "</script>" or "<!--") can end the element early. The JSON means the same.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
