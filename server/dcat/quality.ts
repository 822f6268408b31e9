// A metadata quality score in the spirit of data.europa.eu's Metadata Quality Assessment (MQA): the same five
// dimensions and the same points per indicator (405 in all), computed from the package dict package_show
// returns. Synchronous and cheap: it only reads the dict (and the vocabularies, loaded once).
//
// Where the MQA checks what a dict cannot tell, the score reads what the portal publishes instead:
// - accessibility: the MQA requests the URLs; here an access URL (always published) and a direct download
//   URL count as present, 50 points each;
// - DCAT-AP compliance: the portal always writes a valid record, filling in placeholders; the points go to
//   the mandatory DCAT-AP_IT properties the editor chose (theme, frequency) and the description;
// - access rights: a dataset's visibility (public or private) is its access right, always known;
// - rights: DCAT-AP_IT's rights holder (dct:rightsHolder).
// Placeholders (dcatapit_defaults: theme OP_DATPRO, frequency UNKNOWN) never count as chosen.
import { dcatLicence } from '../catalogue/licenses';
import { Lang, translate } from '../i18n';
import { DEFAULT_FREQUENCY, DEFAULT_THEME } from './dataset-fields';
import { isWebUrl } from './field-parsers';
import { vocabulary } from './vocabularies';

export type QualityRating = 'eccellente' | 'buona' | 'sufficiente' | 'scarsa';
export type QualityDimensionId = 'findability' | 'accessibility' | 'interoperability' | 'reusability' | 'contextuality';

export interface QualityDimension { id: QualityDimensionId; label: string; score: number; max: number }
export interface QualityImprovement { field: string; message: string }

export interface DatasetQuality {
  score: number;
  max: number;
  rating: QualityRating;
  dimensions: QualityDimension[];
  /** What to do to score more, the largest gain first. Messages in the language asked for (Italian in the API). */
  improvements: QualityImprovement[];
}

export const DIMENSIONS: { id: QualityDimensionId; label: string }[] = [
  { id: 'findability', label: 'Reperibilità' },
  { id: 'accessibility', label: 'Accessibilità' },
  { id: 'interoperability', label: 'Interoperabilità' },
  { id: 'reusability', label: 'Riusabilità' },
  { id: 'contextuality', label: 'Contestualità' },
];

/** The MQA's limits (351, 221 and 121 out of 405), as fractions of the maximum. */
const RATINGS: [QualityRating, number][] = [['eccellente', 351 / 405], ['buona', 221 / 405], ['sufficiente', 121 / 405]];

/** Formats anyone may implement without a licence from their owner (EU file-type codes). */
const NON_PROPRIETARY = new Set([
  'CSV', 'TSV', 'TXT', 'JSON', 'GEOJSON', 'JSON_LD', 'XML', 'HTML', 'HTML5', 'XHTML', 'RDF', 'RDF_XML', 'RDF_TURTLE',
  'RDF_N_TRIPLES', 'RDF_N_QUADS', 'RDF_TRIG', 'RDF_TRIX', 'RDFA', 'N3', 'OWL', 'SKOS_XML', 'SCHEMA_XML', 'XSLT',
  'ODS', 'ODT', 'ODP', 'ODG', 'ODF', 'ODB', 'ODC', 'PDF', 'PDFA1A', 'PDFA1B', 'PDFA2A', 'PDFA2B', 'PDFA3', 'PDFUA',
  'GML', 'KML', 'KMZ', 'GPKG', 'NETCDF', 'HDF', 'LAS', 'LAZ', 'PNG', 'JPEG', 'JPEG2000', 'GIF', 'SVG', 'TIFF',
  'ZIP', 'GZIP', 'TAR', 'TAR_GZ', 'TAR_XZ', 'BZIP2', '7Z', 'XZ', 'ICS', 'ATOM', 'RSS', 'SQL', 'SDMX',
  'WMS_SRVC', 'WFS_SRVC', 'WCS_SRVC', 'SPARQLQ', 'SPARQLQRES', 'EPUB',
]);

/** Formats a program can read the data out of, not only show them (unlike PDF, HTML, images). */
const MACHINE_READABLE = new Set([
  'CSV', 'TSV', 'JSON', 'GEOJSON', 'JSON_LD', 'XML', 'RDF', 'RDF_XML', 'RDF_TURTLE', 'RDF_N_TRIPLES', 'RDF_N_QUADS',
  'RDF_TRIG', 'RDF_TRIX', 'RDFA', 'N3', 'OWL', 'SKOS_XML', 'SCHEMA_XML', 'XLS', 'XLSX', 'XLSM', 'XLSB', 'ODS', 'DBF',
  'MDB', 'SQL', 'GML', 'KML', 'KMZ', 'GPKG', 'SHP', 'NETCDF', 'HDF', 'GRID_ASCII', 'LAS', 'LAZ', 'ATOM', 'RSS', 'ICS',
  'SDMX', 'SPARQLQRES', 'WFS_SRVC', 'WCS_SRVC',
]);

type Dict = Record<string, any>;

interface Indicator {
  dimension: QualityDimensionId;
  points: number;
  /** 0..1: the share of the points earned. */
  share: number;
  improvement?: Hint;
}

/** An improvement before it is put into words: its message key (quality.hint.*) and, per resource, how many fail. */
interface Hint { field: string; hint: string; failing?: number; total?: number }

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** "2 risorse su 3: manca il formato." (per resource) or the hint itself, in `lang`. */
function hintText(lang: Lang, { hint, failing, total }: Hint): string {
  const advice = translate(lang, `quality.hint.${hint}`);
  return failing === undefined ? advice : translate(lang, 'quality.hint.resources', { count: failing, total, advice });
}

/** The theme codes of package_show's `theme` (ckanext-dcatapit's JSON text, or already a list). */
function themeCodes(value: unknown): string[] {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return [];
    }
  }
  return Array.isArray(parsed) ? parsed.map((t) => String((t as Dict)?.theme ?? t ?? '')).filter(Boolean) : [];
}

function hasVocabularyLicence(id: string): boolean {
  try {
    return !dcatLicence(id).uri.endsWith('/C11_Unknown');
  } catch {
    return false;
  }
}

/**
 * A distribution indicator: the share of resources that pass, and an improvement naming how many do not.
 * With no resource at all nothing is earned, and a single "add a resource" improvement says why.
 */
function perResource(dimension: QualityDimensionId, points: number, resources: Dict[], passes: (r: Dict) => boolean, hint: string, field = 'resources'): Indicator {
  if (!resources.length) return { dimension, points, share: 0 };
  const failing = resources.filter((r) => !passes(r)).length;
  return {
    dimension, points, share: (resources.length - failing) / resources.length,
    improvement: failing ? { field, hint, failing, total: resources.length } : undefined,
  };
}

function check(dimension: QualityDimensionId, points: number, ok: boolean, field: string, hint: string): Indicator {
  return { dimension, points, share: ok ? 1 : 0, improvement: ok ? undefined : { field, hint } };
}

function indicators(dict: Dict): Indicator[] {
  const defaults: string[] = Array.isArray(dict.dcatapit_defaults) ? dict.dcatapit_defaults : [];
  const resources: Dict[] = Array.isArray(dict.resources) ? dict.resources : [];
  const format = (r: Dict) => text(r.format).toUpperCase();
  // The placeholders are not choices, even when a client stored them on purpose.
  const themeChosen = !defaults.includes('theme') && themeCodes(dict.theme).some((code) => code !== DEFAULT_THEME);
  const frequency = text(dict.frequency);
  const frequencyChosen = !defaults.includes('frequency') && !!frequency && frequency !== DEFAULT_FREQUENCY;
  const hasNotes = text(dict.notes) !== '';
  return [
    // Findability
    check('findability', 30, Array.isArray(dict.tags) && dict.tags.length > 0, 'tag_string',
      'tags'),
    check('findability', 30, themeChosen, 'theme',
      'theme'),
    check('findability', 20, !!(text(dict.geographical_name) || text(dict.geographical_geonames_url)), 'geographical_name',
      'place'),
    check('findability', 20, !!(text(dict.temporal_start) || text(dict.temporal_end)), 'temporal_start',
      'period'),
    // Accessibility
    perResource('accessibility', 50, resources, (r) => !!text(r.access_url), 'access_url'),
    perResource('accessibility', 50, resources, (r) => !!text(r.download_url),
      'download_url'),
    // Interoperability
    perResource('interoperability', 20, resources, (r) => !!format(r), 'format'),
    perResource('interoperability', 10, resources, (r) => !!(text(r.media_type) || text(r.mimetype)),
      'media_type'),
    perResource('interoperability', 10, resources, (r) => !!format(r) && !!vocabulary('file-type').byCode(format(r)),
      'format_vocabulary'),
    perResource('interoperability', 20, resources, (r) => NON_PROPRIETARY.has(format(r)),
      'format_open'),
    perResource('interoperability', 20, resources, (r) => MACHINE_READABLE.has(format(r)),
      'format_machine'),
    {
      dimension: 'interoperability', points: 30, share: themeChosen && frequencyChosen && hasNotes ? 1 : 0,
      // The missing theme is already asked for above; here the frequency and the description.
      // The missing description is asked for below, with the values the feeds leave out.
      improvement: !frequencyChosen ? { field: 'frequency', hint: 'frequency' } : undefined,
    },
    // Reusability
    perResource('reusability', 20, resources, (r) => !!text(r.license_id) && r.license_id !== 'notspecified',
      'licence', 'license_id'),
    perResource('reusability', 10, resources, (r) => hasVocabularyLicence(text(r.license_id)),
      'licence_vocabulary', 'license_id'),
    { dimension: 'reusability', points: 15, share: 1 },
    check('reusability', 20, !!text(dict.contact_email), 'contact_email',
      'contact'),
    check('reusability', 10, !!text(dict.publisher_name), 'publisher_name', 'publisher'),
    // Contextuality
    check('contextuality', 5, !!text(dict.holder_name), 'holder_name', 'holder'),
    perResource('contextuality', 5, resources, (r) => typeof r.byte_size === 'number' && r.byte_size > 0,
      'byte_size'),
    check('contextuality', 5, !!text(dict.issued), 'issued', 'issued'),
    check('contextuality', 5, !!text(dict.modified), 'modified', 'modified'),
    // Worth no points, but a value the feeds leave out (CKAN's url is free text) must not go unnoticed.
    check('contextuality', 0, !text(dict.url) || isWebUrl(text(dict.url)), 'url',
      'url'),
    ...acceptedButNotPublished(dict, resources, hasNotes),
  ];
}

/**
 * Worth no points: values accepted as CKAN accepts them (liberal-input.ts) that the DCAT feeds cannot
 * publish as they are, so that they do not go unnoticed.
 */
function acceptedButNotPublished(dict: Dict, resources: Dict[], hasNotes: boolean): Indicator[] {
  const extras: Dict[] = Array.isArray(dict.extras) ? dict.extras : [];
  const unmapped = (key: string) => extras.some((e) => e.key === key && text(e.value) !== '');
  return [
    check('contextuality', 0, hasNotes, 'notes', 'notes'),
    check('contextuality', 0, !unmapped('theme_unmapped'), 'theme', 'theme_unmapped'),
    check('contextuality', 0, !unmapped('conforms_to_unmapped'), 'conforms_to', 'conforms_to_unmapped'),
    check('contextuality', 0, !unmapped('frequency_unmapped'), 'frequency', 'frequency_unmapped'),
    check('contextuality', 0, !unmapped('language_unmapped'), 'language', 'language_unmapped'),
    check('contextuality', 0, !unmapped('geographical_name_unmapped'), 'geographical_name', 'geographical_name_unmapped'),
    perResource('contextuality', 0, resources, (r) => r.url_type === 'upload' || !text(r.url) || isWebUrl(text(r.url), true),
      'resource_url', 'url'),
  ];
}

function ratingOf(score: number, max: number): QualityRating {
  for (const [rating, limit] of RATINGS) if (max > 0 && score / max >= limit - 1e-9) return rating;
  return 'scarsa';
}

/**
 * The quality of a dataset, from its package dict (effective DCAT-AP_IT values and dcatapit_defaults); the
 * improvements in `lang` (package_show's dcat_quality keeps them in Italian, the pages ask for theirs).
 */
export function datasetQuality(dict: Dict, lang: Lang = 'it'): DatasetQuality {
  const all = indicators(dict);
  const earned = (i: Indicator) => Math.round(i.points * i.share);
  const dimensions = DIMENSIONS.map(({ id, label }) => {
    const mine = all.filter((i) => i.dimension === id);
    return { id, label, score: mine.reduce((n, i) => n + earned(i), 0), max: mine.reduce((n, i) => n + i.points, 0) };
  });
  const score = dimensions.reduce((n, d) => n + d.score, 0);
  const max = dimensions.reduce((n, d) => n + d.max, 0);
  const resources = Array.isArray(dict.resources) ? dict.resources : [];
  const improvements = all
    .filter((i) => i.improvement)
    .map((i, order) => ({ gain: i.points - earned(i), order, improvement: i.improvement! }))
    .sort((a, b) => b.gain - a.gain || a.order - b.order)
    .map((i) => ({ field: i.improvement.field, message: hintText(lang, i.improvement) }));
  if (!resources.length) {
    improvements.unshift({ field: 'resources', message: hintText(lang, { field: 'resources', hint: 'no_resource' }) });
  }
  return { score, max, rating: ratingOf(score, max), dimensions, improvements };
}
