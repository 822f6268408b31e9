// Small readers shared by the parts of the DCAT importer: URLs, e-mail addresses, IRIs, and the
// callback through which each part reports what it found wrong (a short Italian warning).
import type { Node } from './graph';
import { RELATIVE_BASE } from './parse';

export type Warn = (message: string) => void;

/** The EU Publications Office authority tables: data-theme, language, frequency, file-type, place… */
export const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority/';

const URL_PATTERN = /^(?:https?|ftp):\/\/\S+$/i;
const EMAIL_PATTERN = /^[^@\s/:]+@[^@\s/]+\.[^@\s/]+$/;

export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const lastSegment = (uri: string): string => uri.replace(/[/#]+$/, '').split(/[/#]/).pop() ?? '';
/** An IRI or a blank node: something that may be described in the document. */
export const isNode = (n: Node): boolean => n.kind !== 'literal';

/** An absolute http(s)/ftp URL, repaired where exports are known to break it; '' (with a warning) otherwise. */
export function cleanUrl(raw: string, what: string, warn: Warn): string {
  let url = raw.trim();
  if (!url) return '';
  if (url.startsWith(RELATIVE_BASE)) {
    warn(`${what} non è un URL assoluto: ${url.slice(RELATIVE_BASE.length)}`);
    return '';
  }
  if (url.includes('&amp;')) {
    url = url.replace(/&amp;/g, '&');
    warn(`${what}: "&amp;" doppiamente codificato, corretto in "&"`);
  }
  if (/\s/.test(url)) url = url.replace(/\s/g, '%20');
  if (!URL_PATTERN.test(url)) {
    warn(`${what} non valido: ${raw.trim()}`);
    return '';
  }
  return url;
}

/** The address in a mailto: IRI, a literal or a mis-resolved relative IRI; '' when there is none. */
export function cleanEmail(raw: string): string {
  let value = raw.trim();
  if (value.startsWith(RELATIVE_BASE)) value = value.slice(RELATIVE_BASE.length);
  value = value.replace(/^mailto:/i, '').split('?')[0].trim();
  if (!EMAIL_PATTERN.test(value)) {
    // A bare "name@host" written as rdf:resource and resolved against the document's base.
    const tail = /([^@\s/:]+@[^@\s/]+\.[^@\s/]+)$/.exec(value);
    value = tail ? tail[1] : value;
  }
  try {
    value = decodeURIComponent(value);
  } catch {
    // keep as is
  }
  return EMAIL_PATTERN.test(value) ? value : '';
}
