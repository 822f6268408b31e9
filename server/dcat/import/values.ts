// Small readers shared by the parts of the DCAT importer: URLs, e-mail addresses, IRIs, and the
// callback through which each part reports what it found wrong (a short Italian warning).
import { isWebUrl } from '../field-parsers';
import type { Node } from './graph';
import { RELATIVE_BASE } from './parse';

export type Warn = (message: string) => void;

/** The EU Publications Office authority tables: data-theme, language, frequency, file-type, place… */
export const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority/';

export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `text` without the trailing characters in `chars`. A loop: /[…]+$/ is quadratic on a long run of them. */
export function trimEnd(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/** The last path segment or fragment of an IRI, trailing "/" and "#" ignored: ".../file-type/CSV/" → "CSV". */
export function lastSegment(uri: string): string {
  const trimmed = trimEnd(uri, '/#');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('#')) + 1);
}
/** An IRI or a blank node: something that may be described in the document. */
export const isNode = (n: Node): boolean => n.kind !== 'literal';

/**
 * An absolute http(s)/ftp URL, repaired where exports are known to break it; '' (with a warning) otherwise.
 * ftp:// is what package_create takes for a resource's url, access_url and download_url; the callers of
 * other fields check for http(s) themselves.
 */
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
  if (!isWebUrl(url, true)) {
    warn(`${what} non valido: ${raw.trim()}`);
    return '';
  }
  return url;
}

// An e-mail address: "local@domain.tld", no whitespace, "/" or second "@" (nor ":" before the "@"). Checked
// with indexOf rather than a regular expression: /[^@]+\.[^@]+$/ backtracks quadratically on a long value.
const NOT_IN_LOCAL = /[@\s/:]/;
const NOT_IN_DOMAIN = /[@\s/]/;

/** Whether `domain` is a host name with a dot inside it (not first, not last), as the e-mail check wants. */
function isMailDomain(domain: string): boolean {
  const dot = domain.indexOf('.', 1);
  return dot > 0 && dot < domain.length - 1 && !NOT_IN_DOMAIN.test(domain);
}

function isEmail(value: string): boolean {
  const at = value.indexOf('@');
  return at > 0 && !NOT_IN_LOCAL.test(value.slice(0, at)) && isMailDomain(value.slice(at + 1));
}

/** The e-mail address `value` ends with ("http://base/dir/name@host.it" → "name@host.it"); '' when none. */
function trailingEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0 || !isMailDomain(value.slice(at + 1))) return '';
  let start = at;
  while (start > 0 && !NOT_IN_LOCAL.test(value[start - 1])) start--;
  return start < at ? value.slice(start) : '';
}

/** The address in a mailto: IRI, a literal or a mis-resolved relative IRI; '' when there is none. */
export function cleanEmail(raw: string): string {
  let value = raw.trim();
  if (value.startsWith(RELATIVE_BASE)) value = value.slice(RELATIVE_BASE.length);
  value = value.replace(/^mailto:/i, '').split('?')[0].trim();
  // A bare "name@host" written as rdf:resource and resolved against the document's base.
  if (!isEmail(value)) value = trailingEmail(value) || value;
  try {
    value = decodeURIComponent(value);
  } catch {
    // keep as is
  }
  return isEmail(value) ? value : '';
}
