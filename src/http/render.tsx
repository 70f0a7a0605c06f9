import { DEFAULT_COLOUR } from './branding.ts';
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ViewContext } from '../../views/context.ts';
import { Layout } from '../../views/layout/Layout.tsx';
import { can, type Action } from '../policy/index.ts';
import type { AssetName } from './assets.ts';
import type { AppEnv } from './env.ts';
import { NAV } from './nav.ts';
import { sendText } from './compress.ts';

let assetLookup: ((name: AssetName) => string) | null = null;

/** Called once by createApp with the manifest lookup. */
export function setAssetLookup(lookup: (name: AssetName) => string): void {
  assetLookup = lookup;
}

export function viewContext(c: Context<AppEnv>, unread = 0): ViewContext {
  const user = c.get('user') ?? null;
  const url = new URL(c.req.url);
  return {
    t: c.get('t'),
    locale: c.get('locale'),
    user,
    nonce: c.get('secureHeadersNonce') ?? '',
    path: url.pathname,
    pathAndQuery: url.pathname + url.search,
    asset: (name) => assetLookup!(name),
    nav: user ? NAV.filter((item) => can(user, item.action)) : [],
    flash: c.get('flash') ?? null,
    unread,
    can: (action: Action) => can(user, action),
    branding: c.get('branding') ?? { name: c.get('t')('app.name'), ownName: false, colour: DEFAULT_COLOUR, logo: null },
  };
}

/**
 * True when htmx asked for a piece of a page: an htmx request that is neither a boosted
 * navigation (which swaps the whole body) nor a history restore (back/forward must never
 * show a bare fragment).
 */
export function wantsFragment(c: Context): boolean {
  return (
    c.req.header('HX-Request') === 'true' &&
    c.req.header('HX-Boosted') !== 'true' &&
    c.req.header('HX-History-Restore-Request') !== 'true'
  );
}

export interface RenderOptions {
  title: string | ((v: ViewContext) => string);
  /** The page's `<meta name="description">` (public pages, for search engines and link previews). */
  description?: string | ((v: ViewContext) => string);
  /** The page body (inside <main>). */
  body: (v: ViewContext) => Child;
  /** The part htmx swaps in for partial requests; without it, htmx gets the full page. */
  fragment?: (v: ViewContext) => Child;
  status?: 200 | 201 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
}

/**
 * One URL, one template (DESIGN.md): the same handler answers with the full page or, for htmx,
 * just the fragment, and says so with Vary so caches keep them apart.
 */
export async function render(c: Context<AppEnv>, opts: RenderOptions): Promise<Response> {
  c.header('Vary', 'HX-Request, HX-Boosted, HX-History-Restore-Request', { append: true });
  c.header('Cache-Control', 'no-store');
  const fragment = !!opts.fragment && wantsFragment(c);
  const unread = !fragment && c.get('unreadCount') ? await c.get('unreadCount')!() : 0;
  const v = viewContext(c, unread);
  const status = opts.status ?? 200;
  const element = fragment ? (
    <>{opts.fragment!(v)}</>
  ) : (
    <Layout
      v={v}
      title={typeof opts.title === 'function' ? opts.title(v) : opts.title}
      description={typeof opts.description === 'function' ? opts.description(v) : opts.description}
    >
      {opts.body(v)}
    </Layout>
  );
  // Our components are synchronous, so toString() gives a string; an async one would give a Promise.
  const html = element.toString();
  if (typeof html !== 'string') return Promise.resolve(html).then((s) => sendText(c, s, status));
  return sendText(c, html, status);
}
