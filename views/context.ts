import type { CurrentUser } from '../src/http/env.ts';
import type { Flash } from '../src/http/flash.ts';
import type { Branding } from '../src/http/branding.ts';
import type { Locale, T } from '../src/i18n/index.ts';
import type { Action } from '../src/policy/index.ts';

/** A link in the primary navigation, shown when the user may take `action`. */
export interface NavItem {
  href: string;
  label: Parameters<T>[0];
  action: Action;
  /** Paths that count as "inside" this item, for aria-current ('/' matches only the front page). */
  prefix: string | string[];
  description: Parameters<T>[0];
}

/** Everything a view needs from the request; views only render (DESIGN.md). */
export interface ViewContext {
  t: T;
  locale: Locale;
  user: CurrentUser | null;
  nonce: string;
  /** Path and query of this page, for return links and aria-current. */
  path: string;
  pathAndQuery: string;
  asset(name: 'app.css' | 'htmx.js' | 'alpine.js' | 'app.js'): string;
  /** The navigation items this user may see. */
  nav: NavItem[];
  flash: Flash | null;
  /** Unread notifications (full pages only; 0 in fragments). */
  unread: number;
  can(action: Action): boolean;
  /** The municipality's name, colour and logo (Administration → Indstillinger). */
  branding: Branding;
}
