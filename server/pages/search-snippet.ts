// The search page's highlights: a dataset's description cut to a short passage around the first word
// the search matched, with the matched words in <mark>. Words match as the index matches them
// (search/text.ts): case and accents folded, by prefix (traspor → trasporti) or by stem (vaccino →
// vaccini). The HTML is built here, every piece of text escaped, so the view prints it as it is.
import { fold, isStopWord, stem, words } from '../search/text';

const SNIPPET_LENGTH = 220;
/** Characters kept before the first match, so that the passage shows the match in its context. */
const LEAD = 60;
/** Only the start of a long description is read: a snippet never needs more, and the page stays quick. */
const READ_AT_MOST = 20_000;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** The words of q worth highlighting: no operators, no field names, no stop words. */
export function highlightTerms(q: string): string[] {
  const text = q
    .replace(/(?:\bNOT\s+|(?:^|\s)[-!])("[^"]*"|\S+)/g, ' ') // what must not be there is not highlighted
    .replace(/\b(AND|OR)\b/g, ' ')
    .replace(/[A-Za-z_][\w.]*:/g, ' ');
  return [...new Set(words(text).filter((w) => !isStopWord(w)))];
}

/** Markdown as plain text: links and images by their text, no markup, one space between words. */
export function plainText(markdown: string): string {
  return markdown.slice(0, READ_AT_MOST)
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    // Emphasis and code marks go without a trace ("**Dati**: x" → "Dati: x"); snake_case words keep theirs.
    .replace(/[*`~]+/g, '')
    .replace(/(^|[\s(])_+|_+(?=[\s).,;:!?]|$)/g, '$1')
    .replace(/\|/g, ' ')
    .replace(/(^|\s):?-{3,}:?(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Span {
  start: number;
  end: number;
}

function matches(word: string, terms: string[]): boolean {
  const folded = fold(word);
  return terms.some((term) => folded.startsWith(term) || (term.length >= 4 && stem(folded) === stem(term)));
}

/** Where the words of `text` that match `terms` are. */
function matchedSpans(text: string, terms: string[]): Span[] {
  if (!terms.length) return [];
  const spans: Span[] = [];
  for (const found of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (matches(found[0], terms)) spans.push({ start: found.index, end: found.index + found[0].length });
  }
  return spans;
}

/** `text` as HTML with the spans in <mark>; spans are within it and in order. */
function marked(text: string, spans: Span[], offset = 0): string {
  let html = '';
  let at = 0;
  for (const span of spans) {
    html += `${escapeHtml(text.slice(at, span.start - offset))}<mark>${escapeHtml(text.slice(span.start - offset, span.end - offset))}</mark>`;
    at = span.end - offset;
  }
  return html + escapeHtml(text.slice(at));
}

/** A short text (a title) with its matched words highlighted. */
export function highlighted(text: string, terms: string[]): string {
  return marked(text, matchedSpans(text, terms));
}

/** The passage to show: from a word start shortly before the first match, about SNIPPET_LENGTH long, cut at a space. */
function window(text: string, first: Span | undefined): Span {
  let start = first ? Math.max(0, first.start - LEAD) : 0;
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  return { start, end };
}

/** A description (Markdown) as a short passage, HTML, with the words of `terms` highlighted; '' when there is none. */
export function snippet(markdown: string | null | undefined, terms: string[]): string {
  const text = plainText(markdown ?? '');
  if (!text) return '';
  const spans = matchedSpans(text, terms);
  const cut = window(text, spans[0]);
  const inside = spans.filter((s) => s.start >= cut.start && s.end <= cut.end);
  const body = marked(text.slice(cut.start, cut.end), inside, cut.start);
  return `${cut.start > 0 ? '… ' : ''}${body}${cut.end < text.length ? ' …' : ''}`;
}
