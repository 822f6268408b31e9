// Dataset notes: Markdown (with tables) → HTML. Raw HTML is off in markdown-it, and the output is
// sanitized again with an allow-list, because notes come from harvested catalogues too.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote',
    'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title'], th: ['scope', 'style'], td: ['style'], ol: ['start'] },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: {
    // A heading inside notes must not compete with the page's h1.
    h1: 'h2',
    th: (tagName, attribs) => ({ tagName, attribs: { ...attribs, scope: attribs.scope || 'col' } }),
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener nofollow' } }),
  },
};
allowed.allowedAttributes = { ...(allowed.allowedAttributes as Record<string, string[]>), a: ['href', 'title', 'rel'] };

/** The same notes are shown again and again: their HTML is kept, for as many as fit. */
const rendered = new Map<string, string>();
const KEPT_CHARACTERS = 4_000_000;
let keptCharacters = 0;

function keep(source: string, html: string): void {
  if (source.length + html.length > KEPT_CHARACTERS / 100) return; // a huge one would push out many
  rendered.set(source, html);
  keptCharacters += source.length + html.length;
  for (const [oldest, oldHtml] of rendered) {
    if (keptCharacters <= KEPT_CHARACTERS) break;
    rendered.delete(oldest);
    keptCharacters -= oldest.length + oldHtml.length;
  }
}

export function renderMarkdown(source: string | null | undefined): string {
  if (!source) return '';
  const known = rendered.get(source);
  if (known !== undefined) return known;
  const html = sanitizeHtml(markdown.render(source), allowed);
  keep(source, html);
  return html;
}
