import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown for news, knowledge pages and forum posts, rendered to HTML that is safe to put on a
 * page. Two fences: markdown-it with raw HTML switched off (so `<script>` in the source is shown
 * as text), then sanitize-html with a short allow-list (no scripts, no styles, no event handlers,
 * no javascript: or data: links). Links to other sites open as ordinary links with
 * rel="noopener noreferrer".
 *
 * Images only from the routes that serve files people uploaded to be shown (IMAGE_ROUTES): an
 * image is fetched by every reader's browser with the reader's session, so `![](/cases/97)`
 * would otherwise make each reader "view" a citizen case they never opened (a forged read in the
 * audit log) or fetch anything else a GET can do. Any other image is replaced by its alt text.
 */

const md = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h2',
  'h3',
  'h4',
  'strong',
  'em',
  'del',
  's',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'code',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'img',
];

/**
 * Same-origin, relative addresses of uploaded images, matched whole (no `..`, no `//`, no encoded
 * characters, no other query): news images, room files (a version, optionally inline) and
 * profile photos. The routes themselves check that the reader may see the file.
 */
const IMAGE_ROUTES: RegExp[] = [
  /^\/news\/[0-9]{1,10}\/image(?:\?v=[0-9a-f]{1,64})?$/,
  /^\/rooms\/[0-9]{1,10}\/files\/[0-9]{1,10}\/versions\/[0-9]{1,10}(?:\?inline=1)?$/,
  /^\/people\/[a-z0-9][a-z0-9._-]{0,63}\/photo(?:\?v=[0-9a-f]{1,64})?$/,
];

/** Whether `src` may be the source of an image in user-written text. */
export function isAllowedImageSource(src: string): boolean {
  return IMAGE_ROUTES.some((re) => re.test(src)) && !src.includes('..');
}

// An image from anywhere else becomes its alt text, as plain text: nothing is fetched. (sanitize()
// below drops any such image that reaches it another way.)
const renderImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  if (isAllowedImageSource(String(token.attrGet('src') ?? ''))) return renderImage(tokens, idx, options, env, self);
  return md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
};

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
    exclusiveFilter: (frame) => frame.tag === 'img' && !isAllowedImageSource(frame.attribs.src ?? ''),
  });
}

/**
 * For HTML stored before the image rule (room posts are rendered once, when saved): drops every
 * image not from IMAGE_ROUTES and keeps its alt text. The input is sanitize()'s output, so an
 * image is always `<img src="…" alt="…" … />` with escaped attribute values. Costs nothing when
 * there is no image.
 */
export function dropForeignImages(html: string): string {
  if (!html.includes('<img')) return html;
  return html.replace(/<img\b[^>]*>/gi, (tag) => {
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1] ?? '';
    const src = attr('src').replace(/&amp;/g, '&');
    // The alt text stays escaped as it was in the attribute: safe as text.
    return isAllowedImageSource(src) ? tag : attr('alt');
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
