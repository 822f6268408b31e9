// XML text for the feeds and the sitemap: escaping, RFC 3339 timestamps, and Markdown notes as plain text.
import MarkdownIt from 'markdown-it';

const SUMMARY_MAX_CHARS = 500;

/** Characters XML 1.0 does not allow at all (control characters, lone surrogates): dropped. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text or attribute value, escaped for XML. */
export function xmlEscape(value: unknown): string {
  return String(value ?? '')
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Our timestamps are UTC without a zone ("2024-05-01T10:00:00.123456", as CKAN's): RFC 3339, or null. */
export function isoTimestamp(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  // Date.parse reads milliseconds at most, and a zone-less date-time as local time: trim, then say UTC.
  const naive = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)(\.\d+)?$/.exec(value);
  const text = naive ? `${naive[1]}${naive[2] ? naive[2].slice(0, 4) : ''}Z` : value;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** The words of Markdown notes, without markup, on one line. */
export function plainText(source: unknown): string {
  if (typeof source !== 'string' || !source.trim()) return '';
  const parts: string[] = [];
  for (const token of markdown.parse(source, {})) {
    if (token.type === 'inline') {
      for (const child of token.children ?? []) {
        if (child.type === 'text' || child.type === 'code_inline' || child.type === 'image') parts.push(child.content);
        else if (child.type === 'softbreak' || child.type === 'hardbreak') parts.push(' ');
      }
    } else if (token.type === 'fence' || token.type === 'code_block') {
      parts.push(' ', token.content, ' ');
    } else if (token.block && token.nesting === -1) {
      parts.push(' ');
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** At most `max` characters (code points, so no surrogate pair is cut), ending on a word. */
export function trimText(text: string, max = SUMMARY_MAX_CHARS): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
