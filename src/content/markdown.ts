import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown for news, knowledge pages and forum posts, rendered to HTML that is safe to put on a
 * page. Two fences: markdown-it with raw HTML switched off (so `<script>` in the source is shown
 * as text), then sanitize-html with a short allow-list (no scripts, no styles, no event handlers,
 * no javascript: or data: links). Links to other sites open as ordinary links with
 * rel="noopener noreferrer"; images only from our own origin (news images are uploaded).
 */

const md = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'strong', 'em', 'del', 's', 'blockquote', 'ul', 'ol', 'li', 'a', 'code', 'pre',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img',
];

export function sanitize(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title'],
      th: ['align'],
      td: ['align'],
      ol: ['start'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    // Headings start at h2: the page has its own h1.
    transformTags: {
      h1: 'h2',
      a: (tagName, attribs) => {
        const external = /^https?:\/\//i.test(attribs.href ?? '');
        return { tagName, attribs: external ? { ...attribs, rel: 'noopener noreferrer' } : attribs };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !/^\/(?!\/)/.test(frame.attribs.src ?? ''),
  });
}

/** Markdown to safe HTML. */
export function renderMarkdown(source: string): string {
  return sanitize(md.render(source ?? ''));
}

/** Markdown to plain text (for search indexes, summaries and e-mail previews). */
export function markdownToText(source: string): string {
  return sanitizeHtml(md.render(source ?? ''), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
