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

export function renderMarkdown(source: string | null | undefined): string {
  if (!source) return '';
  return sanitizeHtml(markdown.render(source), allowed);
}
