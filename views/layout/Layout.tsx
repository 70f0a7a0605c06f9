import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { ViewContext } from '../context.ts';
import { Notice } from '../components/page.tsx';
import { Avatar } from '../components/avatar.tsx';
import { DEFAULT_COLOUR } from '../../src/http/branding.ts';

/**
 * htmx settings: no eval (strict CSP), no inline indicator styles (ours are in app.css), no
 * history snapshots in the browser's storage (pages may hold personal data; back/forward asks
 * the server, which answers history-restore requests with the full page), and every status
 * swapped so that validation errors (422) and error pages render instead of silently failing.
 * `style` is left out of the attributes htmx carries over while settling a swap: Alpine writes
 * inline styles (x-show, x-cloak), and htmx re-applying them with setAttribute('style') is an
 * inline style the CSP (style-src 'self') refuses, logged as an error on every such swap.
 */
const HTMX_CONFIG = JSON.stringify({
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  historyCacheSize: 0,
  selfRequestsOnly: true,
  scrollIntoViewOnBoost: false,
  attributesToSettle: ['class', 'width', 'height'],
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '422', swap: true },
    { code: '[45]..', swap: true, error: true },
  ],
});

function LanguageForm({ v, onDark }: { v: ViewContext; onDark?: boolean }) {
  const other = v.locale === 'da' ? 'en' : 'da';
  return (
    <form method="post" action="/locale" class="inline" hx-boost="false">
      <input type="hidden" name="return" value={v.pathAndQuery} />
      <input type="hidden" name="lang" value={other} />
      <button
        type="submit"
        class={
          onDark
            ? 'inline-flex min-h-11 items-center text-sm text-white underline underline-offset-2 hover:text-brand-100'
            : 'btn-link text-sm'
        }
        lang={other}
      >
        <span class="sr-only">{v.t('layout.language.change')}: </span>
        {v.t(other === 'da' ? 'layout.language.da' : 'layout.language.en')}
      </button>
    </form>
  );
}

function UserMenu({ v }: { v: ViewContext }) {
  const user = v.user!;
  return (
    <details
      class="relative"
      x-data="menu"
      {...{ 'x-on:click.outside': 'close', 'x-on:keydown.escape': 'closeAndFocus' }}
    >
      <summary
        class="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 text-white hover:bg-brand-800 [&::-webkit-details-marker]:hidden"
        aria-label={v.t('layout.user.menu', { name: user.displayName })}
      >
        <Avatar name={user.displayName} size="xs" tone="inverse" decorative />
        <span class="hidden max-w-48 truncate md:inline">{user.displayName}</span>
        <span aria-hidden="true" class="text-xs">
          ▾
        </span>
      </summary>
      <div class="on-light absolute right-0 z-40 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-4 text-slate-900 shadow-xl">
        <p class="text-sm text-slate-600">{v.t('layout.user.signedInAs')}</p>
        <p class="font-semibold">{user.displayName}</p>
        <p class="mb-3 text-sm text-slate-600">{user.username}</p>
        <ul class="mb-3 space-y-1 border-t border-slate-200 pt-3">
          <li>
            <a href="/me">{v.t('layout.user.me')}</a>
          </li>
          <li>
            <a href={`/people/${encodeURIComponent(user.username)}`}>{v.t('layout.user.profile')}</a>
          </li>
          <li>
            <a href="/notifications/settings">{v.t('layout.user.notificationSettings')}</a>
          </li>
        </ul>
        <div class="mb-3 border-t border-slate-200 pt-3">
          <span class="mr-2 text-sm text-slate-600">{v.t('layout.language')}:</span>
          <LanguageForm v={v} />
        </div>
        <div class="flex flex-col gap-1 border-t border-slate-200 pt-3">
          <form method="post" action="/logout">
            <button type="submit" class="btn-secondary w-full">
              {v.t('layout.user.signOut')}
            </button>
          </form>
          <form method="post" action="/logout/everywhere">
            <button type="submit" class="btn-link w-full justify-center text-sm">
              {v.t('layout.user.signOutEverywhere')}
            </button>
          </form>
        </div>
      </div>
    </details>
  );
}

/**
 * The bell with the unread count. htmx polls it once a minute (a plain link without scripts);
 * when the count has gone up, the response also fills the polite live region (see
 * src/modules/notifications/routes.tsx).
 */
export function NotificationBell({ v }: { v: ViewContext }) {
  return (
    <a
      href="/notifications"
      id="notifications-link"
      class="relative flex min-h-11 min-w-11 items-center justify-center rounded-md text-white no-underline hover:bg-brand-800 hover:text-white"
      aria-label={v.t('notifications.link', { count: v.unread })}
      hx-get={`/notifications/badge?seen=${v.unread}`}
      hx-trigger="every 60s"
      hx-swap="outerHTML"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        class="size-6"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
        stroke-linejoin="round"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {v.unread > 0 && (
        <span
          aria-hidden="true"
          class="absolute -top-0.5 -right-0.5 flex min-w-5 items-center justify-center rounded-full bg-amber-400 px-1 text-xs font-bold text-slate-900"
        >
          {v.unread > 99 ? '99+' : v.unread}
        </span>
      )}
    </a>
  );
}

const isCurrent = (path: string, prefix: string) =>
  prefix === '/' ? path === '/' : path === prefix || path.startsWith(`${prefix}/`);

/** The intranet's own sections, shown under the primary navigation while the reader is in them. */
const INTRANET = [
  { href: '/', label: 'intranet.home' },
  { href: '/news', label: 'nav.news' },
  { href: '/pages', label: 'nav.pages' },
  { href: '/people', label: 'nav.people' },
  { href: '/org', label: 'nav.org' },
  { href: '/me', label: 'layout.user.me' },
] as const;

function IntranetNav({ v }: { v: ViewContext }) {
  return (
    <nav aria-label={v.t('intranet.nav')} class="border-b border-slate-200 bg-slate-50">
      <ul class="mx-auto flex max-w-7xl flex-wrap gap-x-1 px-2 text-sm sm:px-4">
        {INTRANET.map((item) => {
          const current = isCurrent(v.path, item.href);
          return (
            <li>
              <a
                href={item.href}
                aria-current={current ? 'page' : undefined}
                class={`inline-flex min-h-11 items-center px-2 py-2 no-underline sm:px-3 ${current ? 'font-semibold text-brand-800 underline decoration-2 underline-offset-4' : 'text-slate-700 hover:text-slate-900 hover:underline'}`}
              >
                {v.t(item.label)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function PrimaryNav({ v }: { v: ViewContext }) {
  if (!v.user || v.nav.length === 0) return null;
  return (
    <nav aria-label={v.t('layout.nav.label')} class="border-b border-slate-200 bg-white">
      <ul class="mx-auto flex max-w-7xl flex-wrap gap-x-0.5 px-2 sm:gap-x-1 sm:px-4">
        {v.nav.map((item) => {
          const current = (Array.isArray(item.prefix) ? item.prefix : [item.prefix]).some((p) => isCurrent(v.path, p));
          return (
            <li>
              <a
                href={item.href}
                aria-current={current ? 'page' : undefined}
                class={`inline-flex min-h-11 items-center border-b-4 px-2 py-2 text-sm font-semibold no-underline sm:px-3 sm:text-base ${
                  current
                    ? 'border-brand-600 text-brand-800'
                    : 'border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900'
                }`}
              >
                {v.t(item.label)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function Layout({
  v,
  title,
  description,
  children,
}: {
  v: ViewContext;
  title: string;
  description?: string;
  children: Child;
}) {
  const brand = v.branding;
  const fullTitle = `${title} · ${v.t('app.name')}${brand.ownName ? ` · ${brand.name}` : ''}`;
  return (
    <>
      {raw('<!doctype html>')}
      <html
        lang={v.locale}
        class={brand.colour === DEFAULT_COLOUR ? undefined : `brand-${brand.colour}`}
        data-loaded-template={v.t('layout.pageLoaded', { title: '%s' })}
      >
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{fullTitle}</title>
          {description && <meta name="description" content={description} />}
          <meta name="htmx-config" content={HTMX_CONFIG} />
          <meta name="color-scheme" content="light" />
          <link rel="stylesheet" href={v.asset('app.css')} />
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <script nonce={v.nonce} src={v.asset('app.js')} defer></script>
          <script nonce={v.nonce} src={v.asset('htmx.js')} defer></script>
          <script nonce={v.nonce} src={v.asset('alpine.js')} defer></script>
        </head>
        <body hx-boost="true" class="flex min-h-screen flex-col">
          <a class="skip-link" href="#main">
            {v.t('layout.skip')}
          </a>
          <header class="on-dark bg-brand-700 text-white">
            <div class="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
              <a href="/" class="flex min-h-11 items-center gap-2 font-bold text-white no-underline hover:text-white">
                {brand.logo ? (
                  <img
                    src={brand.logo.url}
                    alt={brand.name}
                    width={brand.logo.width}
                    height={brand.logo.height}
                    class="h-9 w-auto max-w-40"
                  />
                ) : (
                  <svg aria-hidden="true" viewBox="0 0 32 32" class="size-8">
                    <rect width="32" height="32" rx="7" fill="#fff" />
                    <path
                      d="M9 20c2 2.5 4.5 3.5 7 3.5s5-1 7-3.5M10 12h4M18 12h4"
                      stroke="currentColor"
                      class="text-brand-700"
                      stroke-width="3"
                      fill="none"
                      stroke-linecap="round"
                    />
                  </svg>
                )}
                <span class="text-lg">{v.t('app.name')}</span>
                {brand.ownName && !brand.logo && (
                  <span class="hidden text-sm font-normal sm:inline">· {brand.name}</span>
                )}
              </a>
              {v.user && (
                <form
                  role="search"
                  method="get"
                  action="/search"
                  class="order-last flex w-full gap-2 sm:order-none sm:ml-4 sm:w-auto sm:flex-1 md:max-w-md"
                >
                  <label for="global-search" class="sr-only">
                    {v.t('layout.search.label')}
                  </label>
                  <input
                    id="global-search"
                    name="q"
                    type="search"
                    class="min-h-11 w-full rounded-md border-0 bg-white px-3 text-slate-900 placeholder:text-slate-500"
                    placeholder={v.t('layout.search.placeholder')}
                    autocomplete="off"
                  />
                  <button
                    type="submit"
                    class="min-h-11 rounded-md bg-brand-900 px-4 font-semibold text-white hover:bg-brand-800"
                  >
                    {v.t('layout.search.submit')}
                  </button>
                </form>
              )}
              <div class="ml-auto flex items-center gap-2">
                {v.user ? (
                  <>
                    <NotificationBell v={v} />
                    <UserMenu v={v} />
                  </>
                ) : (
                  <LanguageForm v={v} onDark />
                )}
              </div>
            </div>
          </header>
          <PrimaryNav v={v} />
          {v.user && v.nav.some((n) => n.href === '/') && INTRANET.some((i) => isCurrent(v.path, i.href)) && (
            <IntranetNav v={v} />
          )}
          <main id="main" tabindex={-1} class="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:py-8">
            <div id="flash" role="status">
              {v.flash && (
                <Notice kind={v.flash.kind}>
                  <p>{v.t(v.flash.key, v.flash.params)}</p>
                </Notice>
              )}
            </div>
            {children}
          </main>
          <footer class="mt-8 border-t border-slate-200 bg-white">
            <div class="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-6 text-sm text-slate-600">
              <p>{v.t('layout.footer.about')}</p>
            </div>
          </footer>
          <div id="live" class="sr-only" aria-live="polite" aria-atomic="true" hx-preserve="true"></div>
        </body>
      </html>
    </>
  );
}
