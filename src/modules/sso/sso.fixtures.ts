/**
 * A real OpenID Provider for the tests: oidc-provider 9 on its own port on 127.0.0.1, with
 * its development login form (any password), behind a small HTTP proxy that is the issuer's
 * address. The proxy passes everything through, but can change the token endpoint's answer:
 *
 * - `tamper`: flips one byte of the ID token's signature;
 * - `expired`: re-signs the ID token with the provider's own key after moving `iat`/`exp` an
 *   hour and more into the past (a correctly signed token that has run out);
 * - `wrong-audience`: re-signs it with the provider's key for another client_id.
 *
 * In every mode it is openid-client in the app that must refuse the token.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export type ProxyMode = 'pass' | 'tamper' | 'expired' | 'wrong-audience';

export interface TestAccount {
  name: string;
  preferred_username?: string;
  email?: string;
  groups: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The accounts by login name (= `sub`); change `groups` between sign-ins. */
  accounts: Map<string, TestAccount>;
  mode: ProxyMode;
  close(): Promise<void>;
}

const b64 = (buf: Buffer) => buf.toString('base64url');

function resign(idToken: string, key: KeyObject, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  const body = `${header}.${b64(Buffer.from(JSON.stringify(claims)))}`;
  return `${body}.${b64(sign('sha256', Buffer.from(body), key))}`;
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export async function startTestProvider(opts: {
  /** The app's address (`http://127.0.0.1:<port>`), for the redirect addresses. */
  appBase: string;
  accounts?: Record<string, TestAccount>;
}): Promise<TestProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const accounts = new Map(Object.entries(opts.accounts ?? {}));
  const proxy = http.createServer();
  const proxyPort = await listen(proxy);
  const issuer = `http://127.0.0.1:${proxyPort}`;
  const clientId = 'samspil';
  const clientSecret = 'test-secret-that-is-long-enough-for-hs256-0123456789';

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${opts.appBase}/login/sso/callback`],
        post_logout_redirect_uris: [`${opts.appBase}/login`],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [jwk] },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'groups'],
      email: ['email'],
    },
    // The scopes' claims in the ID token itself (as Entra ID does with groups).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['samspil-test-provider-cookie-key'] },
    pkce: { required: () => true },
  });
  const upstream = http.createServer(provider.callback());
  const upstreamPort = await listen(upstream);

  const state: TestProvider = {
    issuer,
    clientId,
    clientSecret,
    accounts,
    mode: 'pass',
    close: async () => {
      proxy.closeAllConnections();
      upstream.closeAllConnections();
      await Promise.all([
        new Promise((r) => proxy.close(() => r(null))),
        new Promise((r) => upstream.close(() => r(null))),
      ]);
    },
  };

  proxy.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = http.request(
        {
          host: '127.0.0.1',
          port: upstreamPort,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, 'accept-encoding': 'identity' },
        },
        (up) => {
          const out: Buffer[] = [];
          up.on('data', (c: Buffer) => out.push(c));
          up.on('end', () => {
            let payload = Buffer.concat(out);
            const headers = { ...up.headers };
            if (
              req.method === 'POST' &&
              req.url?.startsWith('/token') &&
              up.statusCode === 200 &&
              state.mode !== 'pass'
            ) {
              const json = JSON.parse(payload.toString('utf8')) as { id_token: string };
              const now = Math.floor(Date.now() / 1000);
              if (state.mode === 'tamper') {
                const [h, p, s] = json.id_token.split('.');
                const sig = Buffer.from(s!, 'base64url');
                sig[10] = sig[10]! ^ 0x01;
                json.id_token = `${h}.${p}.${b64(sig)}`;
              } else if (state.mode === 'expired') {
                json.id_token = resign(json.id_token, privateKey, (c) => {
                  c.iat = now - 7200;
                  c.exp = now - 3600;
                });
              } else {
                json.id_token = resign(json.id_token, privateKey, (c) => {
                  c.aud = 'another-client';
                  c.azp = 'another-client';
                });
              }
              payload = Buffer.from(JSON.stringify(json));
              headers['content-length'] = String(payload.length);
            }
            res.writeHead(up.statusCode ?? 502, headers);
            res.end(payload);
          });
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  return state;
}
