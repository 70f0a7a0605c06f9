import type { Database } from '../../db/index.ts';
import { markdownToText, renderMarkdown } from '../../content/markdown.ts';
import type { MessageKey } from '../../i18n/index.ts';

/**
 * A post's text, for a thread's opening post and for replies alike: Markdown rendered once when
 * saved (renderMarkdown: markdown-it without raw HTML, then sanitize-html), @mentions of real
 * colleagues linked to their profile, the plain text kept for search and excerpts.
 */

export const BODY_MAX = 20_000;
/** `@username` not inside a word, an e-mail address or a path; user names are lower case. */
const MENTION = /(?<![\p{L}\p{N}_.@/-])@([a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?)/giu;

/** Splits sanitised HTML into tags and text, and calls `fn` on text outside links and code. */
function mapText(html: string, fn: (text: string) => string): string {
  let skip = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) {
        const m = /^<(\/?)(a|code|pre)\b/i.exec(part);
        if (m) skip += m[1] ? -1 : 1;
        return part;
      }
      return skip > 0 ? part : fn(part);
    })
    .join('');
}

export function mentionCandidates(html: string): string[] {
  const found = new Set<string>();
  mapText(html, (text) => {
    for (const m of text.matchAll(MENTION)) found.add(m[1]!.toLowerCase());
    return text;
  });
  return [...found];
}

/** Links `@username` for the user names given (which hold only [a-z0-9._-]: safe in HTML). */
export function linkMentions(html: string, usernames: Set<string>): string {
  if (!usernames.size) return html;
  return mapText(html, (text) =>
    text.replace(MENTION, (whole, name: string) => {
      const u = name.toLowerCase();
      return usernames.has(u) ? `<a href="/people/${u}" class="mention">@${u}</a>` : whole;
    }),
  );
}

export interface RenderedPost {
  html: string;
  text: string;
  /** The colleagues mentioned (active users only). */
  mentioned: Array<{ id: string; username: string }>;
}

export async function renderPost(database: Database, source: string): Promise<RenderedPost> {
  const html = renderMarkdown(source);
  const candidates = mentionCandidates(html);
  const mentioned = candidates.length
    ? await database.db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('username', 'in', candidates.slice(0, 50))
        .where('is_active', '=', 1)
        .execute()
    : [];
  return {
    html: linkMentions(html, new Set(mentioned.map((m) => m.username))),
    text: markdownToText(source),
    mentioned,
  };
}

export const cleanBody = (s: string | undefined) =>
  (s ?? '')
    .replace(/\r\n/g, '\n')
    .replace(/\s+$/, '')
    .replace(/^\s*\n/, '');

export function validateBody(body: string): MessageKey | null {
  if (!body.trim()) return 'posts.error.body';
  if (body.length > BODY_MAX) return 'posts.error.bodyLong';
  return null;
}
