// Maps what CKAN clients send as a resource format (a code, an extension, a media type, a label such as
// "Shapefile") to a code of the EU file-type vocabulary, which DCAT-AP_IT requires for dct:format.
import { vocabulary } from './vocabularies';

// [EU code, media types (the first is the one we publish), extensions and labels clients use].
// Codes whose lower-case form is already the extension need no alias: codes are looked up directly.
const FORMATS: [string, string[], string[]][] = [
  ['CSV', ['text/csv'], []],
  ['TSV', ['text/tab-separated-values'], []],
  ['XLS', ['application/vnd.ms-excel'], ['excel', 'ms excel']],
  ['XLSX', ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], []],
  ['ODS', ['application/vnd.oasis.opendocument.spreadsheet'], []],
  ['JSON', ['application/json', 'text/json'], []],
  ['GEOJSON', ['application/geo+json', 'application/vnd.geo+json'], ['geo+json']],
  ['JSON_LD', ['application/ld+json'], ['jsonld', 'json-ld']],
  ['XML', ['application/xml', 'text/xml'], []],
  ['RDF_XML', ['application/rdf+xml'], ['rdf/xml', 'rdf+xml', 'rdf-xml']],
  ['RDF_TURTLE', ['text/turtle'], ['ttl', 'turtle']],
  ['RDF_N_TRIPLES', ['application/n-triples'], ['nt', 'n-triples', 'ntriples']],
  ['RDF_N_QUADS', ['application/n-quads'], ['nq', 'n-quads', 'nquads']],
  ['RDF_TRIG', ['application/trig'], ['trig']],
  ['RDF', [], []],
  ['HTML', ['text/html'], ['htm']],
  ['TXT', ['text/plain'], ['text', 'plain text']],
  ['PDF', ['application/pdf'], []],
  ['DOC', ['application/msword'], ['word']],
  ['DOCX', ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'], []],
  ['ODT', ['application/vnd.oasis.opendocument.text'], []],
  ['PPT', ['application/vnd.ms-powerpoint'], []],
  ['PPTX', ['application/vnd.openxmlformats-officedocument.presentationml.presentation'], []],
  ['ODP', ['application/vnd.oasis.opendocument.presentation'], []],
  ['RTF', ['application/rtf', 'text/rtf'], []],
  ['ZIP', ['application/zip', 'application/x-zip-compressed'], []],
  ['GZIP', ['application/gzip', 'application/x-gzip'], ['gz']],
  ['TAR', ['application/x-tar'], []],
  ['TAR_GZ', [], ['tar.gz', 'tgz']],
  ['7Z', ['application/x-7z-compressed'], []],
  ['RAR', ['application/vnd.rar', 'application/x-rar-compressed'], []],
  ['SHP', [], ['shapefile', 'esri shapefile']],
  ['KML', ['application/vnd.google-earth.kml+xml'], []],
  ['KMZ', ['application/vnd.google-earth.kmz'], []],
  ['GML', ['application/gml+xml'], []],
  ['GPKG', ['application/geopackage+sqlite3'], ['geopackage']],
  ['NETCDF', ['application/x-netcdf'], ['nc']],
  ['WMS_SRVC', [], ['wms']],
  ['WFS_SRVC', [], ['wfs']],
  ['PNG', ['image/png'], []],
  ['JPEG', ['image/jpeg'], ['jpg']],
  ['GIF', ['image/gif'], []],
  ['TIFF', ['image/tiff'], ['tif', 'geotiff']],
  ['SVG', ['image/svg+xml'], []],
  ['SQL', ['application/sql'], []],
  ['ATOM', ['application/atom+xml'], []],
  ['RSS', ['application/rss+xml'], []],
  ['ICS', ['text/calendar'], ['ical']],
];

const byMediaType = new Map(FORMATS.flatMap(([code, types]) => types.map((t): [string, string] => [t, code])));
const byAlias = new Map(FORMATS.flatMap(([code, , aliases]) => aliases.map((a): [string, string] => [a, code])));
const mediaTypes = new Map(FORMATS.filter(([, types]) => types.length).map(([code, types]): [string, string] => [code, types[0]]));

// Only codes that are in the vocabulary come out, so a slip in the table above cannot leak into a feed.
function known(code: string | undefined): string | null {
  return (code && vocabulary('file-type').byCode(code)?.code) || null;
}

/** EU file-type code for a code, extension, media type or common label; null if none fits. */
export function normalizeFormat(input: string): string | null {
  // "text/csv; charset=utf-8" and ".CSV" are what uploads and CKAN forms send.
  const value = input.split(';')[0].trim().toLowerCase().replace(/^\./, '');
  if (!value) return null;
  // application/octet-stream is what browsers send for any file they do not know: it says nothing.
  if (value === 'application/octet-stream') return null;
  return known(byAlias.get(value)) ?? known(byMediaType.get(value)) ?? known(value.replace(/[-/\s]+/g, '_'))
    ?? vocabulary('file-type').find(input)?.code ?? null;
}

/** Format of a file or link: its extension first (media types from browsers are often generic). */
export function formatFromFile(filename: string, mimetype: string): string | null {
  // A link's query string and fragment are not part of its name: .../misure.csv?anno=2024 is a CSV.
  const name = filename.split(/[?#]/)[0].trim().toLowerCase();
  const double = /\.(tar\.[a-z0-9]+)$/.exec(name);
  const single = /\.([a-z0-9]+)$/.exec(name);
  return (double && normalizeFormat(double[1])) || (single && normalizeFormat(single[1])) || normalizeFormat(mimetype);
}

/** IANA media type for a file-type code, '' when we know none. */
export function mediaTypeOf(code: string): string {
  return mediaTypes.get(code.trim().toUpperCase()) ?? '';
}

/** The EU placeholder for a format the vocabulary lacks: DCAT-AP_IT wants exactly one dct:format. */
export const PLACEHOLDER_FORMAT = 'OP_DATPRO';

/** What the feeds publish as dct:format: the stored code, or the placeholder. */
export function publishedFormat(format: string): string {
  return vocabulary('file-type').byCode(format)?.code ?? PLACEHOLDER_FORMAT;
}
