import { Hono, type Context } from 'hono';
import { LoginPage, type LoginForm } from '../../views/auth/Login.tsx';
import type { Config } from '../config.ts';
import type { AppEnv } from '../http/env.ts';
import { setFlash } from '../http/flash.ts';
import { render } from '../http/render.tsx';
import { requestOrigin, safeNext } from '../http/redirect.ts';
import { writeSessionCookie } from './middleware.ts';
import type { AuthService } from './service.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How people may sign in, as the sign-in page shows it (single sign-on fills it in, src/app.tsx). */
export interface LoginOptions {
  /** The provider's button ("Log ind med Entra ID"), when single sign-on is enabled. */
  sso: { label: string } | null;
  /** False: the password form is only behind "Nødadgang (administrator)", for break-glass accounts. */
  localPasswords: boolean;
}

export type LoginPageForm = Omit<LoginForm, 'showDemoHint' | 'sso' | 'localPasswords'>;

/** Renders the sign-in page; shared by the password routes here and the single sign-on routes. */
export type LoginPageRenderer = (
  c: Context<AppEnv>,
  form: LoginPageForm,
  status?: 200 | 400 | 403 | 422 | 429,
) => Promise<Response>;

export function loginPageRenderer(opts: {
  demoHint: () => Promise<boolean>;
  loginOptions?: () => Promise<LoginOptions>;
}): LoginPageRenderer {
  return async (c, form, status = 200) => {
    const showDemoHint = await opts.demoHint();
    const options = (await opts.loginOptions?.()) ?? { sso: null, localPasswords: true };
    return render(c, {
      title: (v) => v.t('login.title'),
      description: (v) => v.t('login.meta'),
      status,
      body: (v) => <LoginPage v={v} form={{ ...form, showDemoHint, ...options }} />,
    });
  };
}

export function authRoutes(
  auth: AuthService,
  config: Config,
  opts: {
    loginPage: LoginPageRenderer;
    /**
     * Where the browser goes after signing out (the provider's end-session address for a session
     * begun by single sign-on), or null for our sign-in page. Asked before the session ends.
     */
    signOutRedirect?: (c: Context<AppEnv>, sessionId: string) => Promise<string | null>;
  },
) {
  const app = new Hono<AppEnv>();
  const page = opts.loginPage;

  app.get('/login', async (c) => {
    const next = safeNext(c.req.query('next'), requestOrigin(c));
    if (c.get('user')) return c.redirect(next, 303);
    return page(c, { username: '', next, errors: {} });
  });

  app.post('/login', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const username = typeof body.username === 'string' ? body.username.slice(0, 200) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    const next = safeNext(body.next, requestOrigin(c));

    const errors: Record<string, string> = {};
    if (!username.trim()) errors.username = t('login.usernameMissing');
    if (!password) errors.password = t('login.passwordMissing');
    if (Object.keys(errors).length) return page(c, { username, next, errors, breakGlassOpen: true }, 422);

    const current = c.get('session');
    const currentUser = c.get('user');
    const result = await auth.signIn({
      username,
      password,
      ip: c.get('clientIp')(),
      userAgent: c.req.header('user-agent') ?? null,
      previous:
        current && currentUser
          ? { sessionId: current.id, actor: { id: currentUser.id, name: currentUser.displayName } }
          : null,
    });
    if (result.ok) {
      writeSessionCookie(c, auth.lucia.createSessionCookie(result.sessionId), config);
      return c.redirect(next, 303);
    }
    if (result.reason === 'locked') {
      const minutes = Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 60_000));
      const problem = minutes === 1 ? t('login.lockedOne') : t('login.locked', { minutes });
      c.header('Retry-After', String(minutes * 60));
      return page(c, { username, next, errors: {}, problem, breakGlassOpen: true }, 429);
    }
    if (result.delayMs) await sleep(result.delayMs);
    return page(c, { username, next, errors: {}, problem: t('login.failed'), breakGlassOpen: true }, 422);
  });

  app.post('/logout', async (c) => {
    const session = c.get('session');
    const user = c.get('user');
    let redirect: string | null = null;
    if (session && user) {
      redirect = (await opts.signOutRedirect?.(c, session.id)) ?? null;
      await auth.signOut(session.id, { id: user.id, name: user.displayName }, c.get('clientIp')());
    }
    writeSessionCookie(c, auth.lucia.createBlankSessionCookie(), config);
    // Whatever this device saved (the reader's offline meetings, its service worker) goes too.
    c.header('Clear-Site-Data', '"cache", "storage"');
    setFlash(c, { kind: 'info', key: 'login.signedOut' });
    return c.redirect(redirect ?? '/login', 303);
  });

  app.post('/logout/everywhere', async (c) => {
    const user = c.get('user');
    if (user) await auth.signOutEverywhere({ id: user.id, name: user.displayName }, c.get('clientIp')());
    writeSessionCookie(c, auth.lucia.createBlankSessionCookie(), config);
    c.header('Clear-Site-Data', '"cache", "storage"');
    setFlash(c, { kind: 'info', key: 'login.signedOutEverywhere' });
    return c.redirect('/login', 303);
  });

  return app;
}
