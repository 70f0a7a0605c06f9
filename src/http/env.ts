import type { Session, User } from 'lucia';
import type { Locale, T } from '../i18n/index.ts';
import type { Flash } from './flash.ts';
import type { Branding } from './branding.ts';

/** The signed-in user, as lucia returns them (see src/auth/lucia.ts getUserAttributes). */
export type CurrentUser = User;

/** What every request carries through the middleware chain. */
export type AppEnv = {
  Variables: {
    user: CurrentUser | null;
    session: Session | null;
    locale: Locale;
    t: T;
    requestId: string;
    secureHeadersNonce?: string;
    flash: Flash | null;
    /** The client's address, worked out on first use (see security.ts clientIp). */
    clientIp: () => string;
    /** Unread notifications of the signed-in user, asked for only when a full page is rendered. */
    unreadCount?: () => Promise<number>;
    /** The municipality's name, colour and logo for the page frame (set after sign-in; branding.ts). */
    branding?: Branding;
  };
};
