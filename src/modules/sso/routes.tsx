import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { audit } from '../../audit/service.ts';
import { hashSessionId } from '../../auth/adapter.ts';
import { writeSessionCookie } from '../../auth/middleware.ts';
import type { LoginOptions, LoginPageRenderer } from '../../auth/routes.tsx';
import type { AuthService } from '../../auth/service.ts';
import { localPasswordsOn } from '../../auth/service.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { requestOrigin, safeNext } from '../../http/redirect.ts';
import { isHttps } from '../../http/security.ts';
import { endSessionUrl, finishLogin, providerEndSession, startLogin, userInfo } from './oidc.ts';
import { render } from '../../http/render.tsx';
import { SignedOutPage } from '../../../views/sso/SignedOut.tsx';
import { isUsable, loadProvider, type ProviderConfig } from './provider.ts';
import { signInWithClaims, type Claims } from './service.ts';

/** The cookie that binds a sign-in under way to the browser that started it. */
const BROWSER_COOKIE = 'samspil_sso';
const COOKIE_PATH = '/login/sso';

/** Our own address as the provider must know it (PUBLIC_URL, else this request's origin). */
function baseUrl(c: Context, config: Config): string {
  return config.publicUrl ?? requestOrigin(c);
}

/** What the sign-in page shows: the provider's button when enabled; whether passwords are for everyone. */
export function ssoLoginOptions(database: Database): () => Promise<LoginOptions> {
  return async () => {
    const provider = await loadProvider(database);
    return {
      sso: isUsable(provider) ? { label: provider.buttonName } : null,
      localPasswords: await localPasswordsOn(database),
    };
  };
}

/** Carries the provider's sign-out address from POST /logout to the signed-out page. */
const LOGOUT_COOKIE = 'samspil_sso_logout';
/** Browsers keep cookies up to 4 KB; a longer address goes without the ID token hint. */
const MAX_LOGOUT_URL = 3500;

/**
 * Sign-out through the provider: for a session begun by single sign-on whose provider offers an
 * end-session endpoint, POST /logout sends the browser to our own signed-out page, which sends it
 * on to the provider (with the session's ID token as `id_token_hint`, back to /login). Not a
 * redirect straight from the form post: the pages' CSP (`form-action 'self'`) refuses a form's
 * redirect to another origin. Otherwise null: our own sign-in page.
 */
export function ssoSignOutRedirect(database: Database, config: Config) {
  return async (c: Context<AppEnv>, sessionId: string): Promise<string | null> => {
    const row = await database.db
      .selectFrom('sso_sessions')
      .select('id_token')
      .where('session_id', '=', hashSessionId(sessionId))
      .executeTakeFirst();
    if (!row) return null;
    const provider = await loadProvider(database);
    if (!provider?.issuer) return null;
    let url: string | null;
    try {
      const back = `${baseUrl(c, config)}/login`;
      url = await endSessionUrl(provider, row.id_token, back);
      if (url && url.length > MAX_LOGOUT_URL) url = await endSessionUrl(provider, null, back);
    } catch {
      return null; // The provider cannot be reached: the local sign-out still holds.
    }
    if (!url) return null;
    setCookie(c, LOGOUT_COOKIE, url, {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c, config),
      maxAge: 120,
    });
    return '/login/sso/signed-out';
  };
}

/** `GET /login/sso` (start) and `GET /login/sso/callback`; public paths (src/auth/middleware.ts). */
export function ssoLoginRoutes(database: Database, auth: AuthService, config: Config, loginPage: LoginPageRenderer) {
  const app = new Hono<AppEnv>();

  const fail = async (
    c: Context<AppEnv>,
    provider: ProviderConfig | null,
    reason: string,
    detail: string,
    next: string,
    userId?: string,
  ) => {
    const t = c.get('t');
    await audit(database, {
      actor: null,
      action: 'sso.failed',
      entityType: userId ? 'user' : null,
      entityId: userId ?? null,
      summary: `Single sign-on failed: ${reason}`,
      details: { reason, detail: detail.slice(0, 500) },
      ip: c.get('clientIp')(),
    });
    const name = provider?.buttonName || t('login.sso.provider');
    const contact = provider?.contact || t('login.sso.contactFallback');
    const problem =
      reason === 'no_account'
        ? t('login.sso.noAccount', { contact })
        : reason === 'inactive'
          ? t('login.sso.inactive', { contact })
          : t('login.sso.failed', { name, contact });
    deleteCookie(c, BROWSER_COOKIE, { path: COOKIE_PATH });
    return loginPage(
      c,
      { username: '', next, errors: {}, problem },
      reason === 'no_account' || reason === 'inactive' ? 403 : 400,
    );
  };

  app.get('/login/sso', async (c) => {
    const next = safeNext(c.req.query('next'), requestOrigin(c));
    const provider = await loadProvider(database);
    if (!isUsable(provider)) return fail(c, provider, 'not_configured', 'single sign-on is not enabled', next);
    let started;
    try {
      started = await startLogin(database, provider, { redirectUri: `${baseUrl(c, config)}/login/sso/callback`, next });
    } catch (err) {
      return fail(c, provider, 'discovery', err instanceof Error ? err.message : String(err), next);
    }
    setCookie(c, BROWSER_COOKIE, started.browserToken, {
      path: COOKIE_PATH,
      httpOnly: true,
      // Lax: the provider sends the browser back with a top-level GET, which carries it.
      sameSite: 'Lax',
      secure: isHttps(c, config),
      maxAge: 15 * 60,
    });
    return c.redirect(started.url, 303);
  });

  // After POST /logout: "you are signed out here", and on to the provider to sign out there too
  // (the Refresh header, so no script is needed; the link is there for whoever it does not move).
  app.get('/login/sso/signed-out', async (c) => {
    const url = getCookie(c, LOGOUT_COOKIE);
    deleteCookie(c, LOGOUT_COOKIE, { path: COOKIE_PATH });
    const provider = await loadProvider(database);
    const end = url && provider ? await providerEndSession(provider) : null;
    // Only an address at the provider's own end-session endpoint (the cookie is ours, but checked).
    if (!url || !end || !url.startsWith(`${end}?`)) return c.redirect('/login', 303);
    c.header('Refresh', `0; url=${url}`);
    return render(c, {
      title: (v) => v.t('login.sso.signedOut.title'),
      body: (v) => <SignedOutPage v={v} name={provider!.buttonName} url={url} />,
    });
  });

  app.get('/login/sso/callback', async (c) => {
    const provider = await loadProvider(database);
    if (!isUsable(provider)) return fail(c, provider, 'not_configured', 'single sign-on is not enabled', '/');
    const here = new URL(c.req.url);
    // The address the provider redirected to, as it knows it (behind a proxy: PUBLIC_URL).
    const currentUrl = new URL(`${baseUrl(c, config)}${here.pathname}${here.search}`);
    const result = await finishLogin(database, provider, {
      currentUrl,
      browserToken: getCookie(c, BROWSER_COOKIE),
    });
    if (!result.ok) return fail(c, provider, result.reason, result.detail, result.next);
    const next = safeNext(result.next, requestOrigin(c));

    let claims: Claims = { ...result.claims };
    const sub = typeof claims.sub === 'string' ? claims.sub : '';
    // Groups or names kept out of the ID token come from UserInfo (checked against the token's sub).
    if (result.accessToken && (!(provider.groupClaim in claims) || !('email' in claims) || !('name' in claims))) {
      try {
        const extra = await userInfo(provider, result.accessToken, sub);
        if (extra) claims = { ...extra, ...claims };
      } catch (err) {
        return fail(c, provider, 'userinfo', err instanceof Error ? err.message : String(err), next);
      }
    }

    const ip = c.get('clientIp')();
    const outcome = await signInWithClaims(database, provider, claims, { ip, scryptCost: config.scryptCost });
    if (!outcome.ok) return fail(c, provider, outcome.reason, outcome.detail, next, outcome.userId);

    const current = c.get('session');
    const currentUser = c.get('user');
    await auth.endPreviousSession(
      current && currentUser
        ? { sessionId: current.id, actor: { id: currentUser.id, name: currentUser.displayName } }
        : null,
      ip,
    );
    const sessionId = await auth.startSession(outcome.user, {
      ip,
      userAgent: c.req.header('user-agent') ?? null,
      method: 'sso',
    });
    await database.db
      .insertInto('sso_sessions')
      .values({ session_id: hashSessionId(sessionId), id_token: result.idToken, created_at: nowIso() })
      .execute();
    writeSessionCookie(c, auth.lucia.createSessionCookie(sessionId), config);
    deleteCookie(c, BROWSER_COOKIE, { path: COOKIE_PATH });
    return c.redirect(next, 303);
  });

  return app;
}
