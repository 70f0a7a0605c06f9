import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { Database } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import { isLoopback, type ProviderConfig } from './provider.ts';

/**
 * The OpenID Connect side of single sign-on, through openid-client 6: discovery, the
 * authorization code flow with PKCE, state and nonce, and RP-initiated sign-out. The ID token's
 * signature, issuer, audience, expiry and nonce are checked by the library, never here.
 *
 * A sign-in under way is a row of `sso_logins` (state, nonce, code verifier, the address to go
 * back to), bound to the browser that started it by the SHA-256 of a random value in an httpOnly
 * cookie, used once (a replayed callback is refused) and valid for ten minutes.
 */

export const LOGIN_TTL_MS = 10 * 60_000;
/** Rows older than this are deleted when the next sign-in starts. */
const CLEANUP_AFTER_MS = 24 * 3600_000;
const DISCOVERY_TTL_MS = 10 * 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const cache = new Map<string, { at: number; config: Promise<client.Configuration> }>();

/** The provider's metadata and our client (discovery through /.well-known/openid-configuration), cached ten minutes. */
export function configurationFor(provider: ProviderConfig): Promise<client.Configuration> {
  const key = sha256([provider.issuer, provider.clientId, provider.clientSecret ?? '', provider.updatedAt].join('\n'));
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const server = new URL(provider.issuer);
  // openid-client does not check the signature of an ID token from the token endpoint unless
  // asked (OIDC Core 3.1.3.7 lets TLS stand in for it); we ask, so a token altered anywhere on
  // the way (a proxy, a broken TLS terminator) is refused by its signature against the JWKS.
  const execute = [client.enableNonRepudiationChecks];
  // http only for a provider on this machine (tests, development); anything else needs https.
  if (isLoopback(server) && server.protocol === 'http:') execute.push(client.allowInsecureRequests);
  const config = client.discovery(server, provider.clientId, provider.clientSecret ?? undefined, undefined, {
    execute,
  });
  cache.set(key, { at: Date.now(), config });
  config.catch(() => cache.delete(key));
  return config;
}

/** Forgets cached discovery results (the admin page's connection test asks afresh). */
export function forgetConfigurations(): void {
  cache.clear();
}

export interface StartedLogin {
  /** Where to send the browser: the provider's authorization endpoint. */
  url: string;
  /** The value for the browser-binding cookie. */
  browserToken: string;
}

export async function startLogin(
  database: Database,
  provider: ProviderConfig,
  opts: { redirectUri: string; next: string },
): Promise<StartedLogin> {
  const config = await configurationFor(provider);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const browserToken = randomBytes(32).toString('base64url');
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: opts.redirectUri,
    scope: provider.scopes,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const old = new Date(Date.now() - CLEANUP_AFTER_MS).toISOString();
  await database.db.deleteFrom('sso_logins').where('created_at', '<', old).execute();
  await database.db
    .insertInto('sso_logins')
    .values({
      state,
      nonce,
      code_verifier: codeVerifier,
      browser_hash: sha256(browserToken),
      next: opts.next,
      created_at: nowIso(),
      used_at: null,
    })
    .execute();
  return { url: url.href, browserToken };
}

/** Why a callback failed: recorded in the audit log, never shown to the user beyond "it failed". */
export type CallbackFailure =
  | 'provider_error'
  | 'state_missing'
  | 'state_unknown'
  | 'state_used'
  | 'state_expired'
  | 'browser_mismatch'
  | 'discovery'
  | 'token';

export type CallbackResult =
  | { ok: true; claims: client.IDToken; idToken: string; accessToken: string | null; next: string }
  | { ok: false; reason: CallbackFailure; detail: string; next: string };

/**
 * Completes the flow at the callback: takes the pending login (once), then lets openid-client
 * exchange the code and check the response and the ID token (state, PKCE, nonce, signature,
 * issuer, audience, expiry).
 */
export async function finishLogin(
  database: Database,
  provider: ProviderConfig,
  opts: { currentUrl: URL; browserToken: string | undefined },
): Promise<CallbackResult> {
  const params = opts.currentUrl.searchParams;
  const state = params.get('state');
  if (!state) return { ok: false, reason: 'state_missing', detail: 'no state in the callback', next: '/' };
  const pending = await database.db.selectFrom('sso_logins').selectAll().where('state', '=', state).executeTakeFirst();
  if (!pending) return { ok: false, reason: 'state_unknown', detail: 'no sign-in with this state', next: '/' };
  const next = pending.next;
  if (pending.used_at) return { ok: false, reason: 'state_used', detail: 'the state was used before', next };
  if (!opts.browserToken || sha256(opts.browserToken) !== pending.browser_hash)
    return { ok: false, reason: 'browser_mismatch', detail: 'the state belongs to another browser', next };
  // One-time: whoever sets used_at first owns the callback; a replay finds it set.
  const claimed = await database.db
    .updateTable('sso_logins')
    .set({ used_at: nowIso() })
    .where('state', '=', state)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1)
    return { ok: false, reason: 'state_used', detail: 'the state was used before', next };
  if (Date.now() - Date.parse(pending.created_at) > LOGIN_TTL_MS)
    return { ok: false, reason: 'state_expired', detail: 'the sign-in was started more than 10 minutes ago', next };
  const error = params.get('error');
  if (error) {
    const description = (params.get('error_description') ?? '').slice(0, 300);
    return { ok: false, reason: 'provider_error', detail: `${error.slice(0, 100)}: ${description}`, next };
  }

  let config: client.Configuration;
  try {
    config = await configurationFor(provider);
  } catch (err) {
    return { ok: false, reason: 'discovery', detail: describe(err), next };
  }
  try {
    const tokens = await client.authorizationCodeGrant(config, opts.currentUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) return { ok: false, reason: 'token', detail: 'no ID token', next };
    return { ok: true, claims, idToken: tokens.id_token, accessToken: tokens.access_token ?? null, next };
  } catch (err) {
    return { ok: false, reason: 'token', detail: describe(err), next };
  }
}

/** The UserInfo claims (for providers that keep groups or names out of the ID token). */
export async function userInfo(
  provider: ProviderConfig,
  accessToken: string,
  subject: string,
): Promise<Record<string, unknown> | null> {
  const config = await configurationFor(provider);
  if (!config.serverMetadata().userinfo_endpoint) return null;
  return (await client.fetchUserInfo(config, accessToken, subject)) as Record<string, unknown>;
}

/** The provider's sign-out address for a session's ID token, or null when it offers none. */
export async function endSessionUrl(
  provider: ProviderConfig,
  idToken: string | null,
  postLogoutRedirectUri: string,
): Promise<string | null> {
  const config = await configurationFor(provider);
  if (!config.serverMetadata().end_session_endpoint) return null;
  return client.buildEndSessionUrl(config, {
    ...(idToken ? { id_token_hint: idToken } : {}),
    post_logout_redirect_uri: postLogoutRedirectUri,
  }).href;
}

/** The provider's end-session endpoint (from discovery), or null. */
export async function providerEndSession(provider: ProviderConfig): Promise<string | null> {
  try {
    return (await configurationFor(provider)).serverMetadata().end_session_endpoint ?? null;
  } catch {
    return null;
  }
}

/** What the connection test reports: the discovery document's endpoints, or why it failed. */
export async function testConnection(
  provider: Pick<ProviderConfig, 'issuer' | 'clientId' | 'clientSecret' | 'updatedAt'> & Partial<ProviderConfig>,
): Promise<
  | {
      ok: true;
      issuer: string;
      authorization: string;
      token: string;
      endSession: string | null;
      userinfo: string | null;
    }
  | { ok: false; detail: string }
> {
  forgetConfigurations();
  try {
    const config = await configurationFor({ ...(provider as ProviderConfig) });
    const m = config.serverMetadata();
    return {
      ok: true,
      issuer: m.issuer,
      authorization: m.authorization_endpoint ?? '',
      token: m.token_endpoint ?? '',
      endSession: m.end_session_endpoint ?? null,
      userinfo: m.userinfo_endpoint ?? null,
    };
  } catch (err) {
    return { ok: false, detail: describe(err) };
  }
}

export function hashToken(token: string): string {
  return sha256(token);
}

/** A library error as one line for the audit log (its code and message; never the token). */
function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const cause = err.cause instanceof Error ? `; ${err.cause.message}` : '';
    return `${typeof code === 'string' ? `${code}: ` : ''}${err.message}${cause}`.slice(0, 500);
  }
  return String(err).slice(0, 500);
}
