// dcat:distribution → package_create resources: URLs, format (EU file-type code), media type,
// licence, size, checksum, languages.
import { normalizeFormat } from '../formats';
import { languagesOf } from './codes';
import { Graph, NS, type Node } from './graph';
import { licenceOf } from './licences';
import { RESOURCE_LIMITS, setter } from './limits';
import { cleanUrl, compare, EU_AUTHORITY, lastSegment, type Warn } from './values';

const { dcat, dct, rdf, rdfs, skos, spdx } = NS;
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;
const MEDIA_TYPE_PART = /^[\w.+-]+$/;
const CHECKSUM_ALGORITHM_BY_LENGTH: Record<number, string> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };

type Resource = Record<string, unknown>;

const isMediaTypeChar = (c: string): boolean => /[\w.+-]/.test(c);

/**
 * The "type/subtype" an IRI ends with (".../media-types/text/csv" → "text/csv"); '' when none. Scanned
 * back from the end: /([\w.+-]+\/[\w.+-]+)$/ would retry from every position of a long value.
 */
function trailingMediaType(value: string): string {
  const slash = value.lastIndexOf('/');
  if (slash < 0 || slash === value.length - 1 || !MEDIA_TYPE_PART.test(value.slice(slash + 1))) return '';
  let start = slash;
  while (start > 0 && isMediaTypeChar(value[start - 1])) start--;
  return start < slash ? value.slice(start) : '';
}

/** The distribution's dcat:mediaType, as an IANA IRI or a literal ("text/csv; charset=utf-8"); '' when none. */
function declaredMediaType(g: Graph, subject: string): string {
  for (const n of g.objects(subject, `${dcat}mediaType`)) {
    const value = n.value.trim();
    const found = n.kind === 'iri' ? trailingMediaType(value) : /^[\w.+-]+\/[\w.+-]+/.exec(value)?.[0] ?? '';
    if (found) return found.toLowerCase();
  }
  return '';
}

/** The EU file-type code of a media type; '' when it maps to none. */
const formatOfMediaType = (mediaType: string): string => (MEDIA_TYPE.test(mediaType) && normalizeFormat(mediaType)) || '';

/** dct:format: an EU file-type IRI, an IANA one, a labelled node or a literal; else from the media type. */
function formatOf(g: Graph, subject: string, mediaType: string, warn: Warn): string {
  for (const n of g.objects(subject, `${dct}format`)) {
    const value = n.value.trim();
    if (n.kind === 'iri') {
      if (value.startsWith(`${EU_AUTHORITY}file-type/`)) return lastSegment(value).toUpperCase();
      const ending = trailingMediaType(value);
      const iana = value.endsWith(`media-types/${ending}`) ? formatOfMediaType(ending) : '';
      if (iana) return iana;
      warn(`dct:format non è un tipo di file EU: ${value}`);
      return lastSegment(value).toUpperCase();
    }
    if (n.kind === 'blank') {
      const label = g.text(n.value, `${rdfs}label`, `${skos}prefLabel`, `${rdf}value`, `${dct}identifier`);
      if (label) return label;
      continue;
    }
    if (value) return formatOfMediaType(value) || value;
  }
  const fromMediaType = formatOfMediaType(mediaType);
  if (!fromMediaType) warn('manca dct:format');
  return fromMediaType;
}

/** spdx:checksum as "algorithm:hex" (the algorithm guessed from the length when missing). */
function checksumOf(g: Graph, subject: string, warn: Warn): string {
  const node = g.objects(subject, `${spdx}checksum`)[0];
  if (!node) return '';
  if (node.kind === 'literal') return node.value.trim();
  const value = g.text(node.value, `${spdx}checksumValue`);
  if (!value) {
    warn('spdx:checksum senza spdx:checksumValue');
    return '';
  }
  const algorithm = g.objects(node.value, `${spdx}algorithm`)[0];
  let name = algorithm ? lastSegment(algorithm.value).replace(/^checksumAlgorithm_/i, '').toLowerCase() : '';
  if (!name) {
    name = CHECKSUM_ALGORITHM_BY_LENGTH[value.length] ?? '';
    warn(`spdx:checksum senza spdx:algorithm${name ? `, dedotto ${name} dalla lunghezza` : ''}`);
  }
  const hex = /^[0-9a-f]+$/i.test(value) ? value.toLowerCase() : value;
  return name ? `${name}:${hex}` : hex;
}

function byteSizeOf(g: Graph, subject: string, warn: Warn): number | undefined {
  const size = g.text(subject, `${dcat}byteSize`);
  if (!size) return undefined;
  const n = Number(size.replace(/\s/g, ''));
  if (!Number.isFinite(n) || n < 0) {
    warn(`dcat:byteSize non valido: ${size}`);
    return undefined;
  }
  if (!Number.isInteger(n)) warn(`dcat:byteSize non intero (${size}), arrotondato`);
  return Math.round(n);
}

function firstUrl(g: Graph, subject: string, predicate: string, what: string, warn: Warn): string {
  return g.objects(subject, predicate).map((n) => cleanUrl(n.value, what, warn)).find(Boolean) ?? '';
}

function resourceOf(g: Graph, subject: string, datasetLicence: Node | undefined, datasetWarn: Warn): Resource {
  const warn: Warn = (m) => datasetWarn(`risorsa ${subject}: ${m}`);
  const r: Resource = {};
  const set = setter(r, RESOURCE_LIMITS, warn);
  const download = firstUrl(g, subject, `${dcat}downloadURL`, 'dcat:downloadURL', warn);
  const access = firstUrl(g, subject, `${dcat}accessURL`, 'dcat:accessURL', warn);
  if (!download && !access) warn('manca dcat:accessURL');
  const url = download || access;
  const mediaType = declaredMediaType(g, subject);
  const format = formatOf(g, subject, mediaType, warn);

  set('name', g.text(subject, `${dct}title`) || lastSegment(url) || format);
  set('description', g.text(subject, `${dct}description`).replace(/\r\n?/g, '\n'));
  r.url = '';
  set('url', url);
  set('format', format);
  r.license_id = licenceOf(g, g.objects(subject, `${dct}license`)[0] ?? datasetLicence, warn);
  const size = byteSizeOf(g, subject, warn);
  if (size !== undefined) r.byte_size = size;
  set('checksum', checksumOf(g, subject, warn));
  set('media_type', mediaType);
  set('download_url', download);
  set('access_url', access);
  set('language', languagesOf(g, subject, warn));
  return r;
}

/** The distributions as resources, by name then URL; each one's warnings follow that order. */
export function resourcesOf(g: Graph, uri: string, datasetLicence: Node | undefined, warn: Warn): Resource[] {
  const built: { resource: Resource; warnings: string[] }[] = [];
  const distributions = g.objects(uri, `${dcat}distribution`);
  if (!distributions.length) warn('nessuna dcat:distribution');
  for (const d of distributions) {
    if (d.kind === 'literal' || !g.has(d.value)) {
      warn(`dcat:distribution ${d.value} non descritta nel documento, ignorata`);
      continue;
    }
    const warnings: string[] = [];
    built.push({ resource: resourceOf(g, d.value, datasetLicence, (m) => warnings.push(m)), warnings });
  }
  const sortKey = (r: Resource): string => `${String(r.name ?? '')}\n${String(r.url ?? '')}`;
  built.sort((a, b) => compare(sortKey(a.resource), sortKey(b.resource)));
  for (const b of built) b.warnings.forEach(warn);
  return built.map((b) => b.resource);
}
