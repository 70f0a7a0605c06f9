import {
  child,
  httpsPost,
  parseXml,
  ServiceplatformenError,
  type HttpsAnswer,
  type TlsMaterial,
} from '../serviceplatformen/index.ts';
import type { DigitalPostTransport } from './transports.ts';

/**
 * Digital Post through Serviceplatformen: SF1601 KombiPostAfsend (REST). Three calls, each over
 * HTTPS with the municipality's certificate:
 *
 *  1. a SAML token from the security token service (POST JSON: the CVR, the certificate as
 *     `UseKey`, the service's entity id);
 *  2. that token exchanged for an access token (POST `saml-token=…`, answered with
 *     `access_token`, `token_type`, `expires_in`);
 *  3. the message: POST of a `kombi_request` XML body with the MeMo message inside, the access
 *     token in `authorization`, and `x-TransaktionsId` / `x-TransaktionsTid`.
 *
 * Both tokens are kept until shortly before they expire. KombiValgKode is "Digital Post": the
 * hub delivers to the recipient's digital mailbox or refuses, and Samspil's own outbox decides on
 * remote print (fjernprint) for recipients who are exempt or have no mailbox, because
 * "Automatisk Valg" and "Fysisk Post" need a ForsendelseI (the printed letter's envelope data)
 * that the outbox does not hold.
 *
 * Idempotent per message: the transaction id is the message UUID (which is also the MeMo
 * messageUUID), so a repeat is the same transaction. The public material does not say how the
 * hub answers a transaction it already has; this client takes HTTP 409 Conflict as "already
 * received" and counts it as sent. Built from itk-dev/serviceplatformen's SF1601 notes (see
 * ../shared/standards/serviceplatformen/docs/SF1601.md) and tested only against a local server.
 */

export const SF1601_ENTITY_ID = 'http://entityid.kombit.dk/service/kombipostafsend/1';
export const SF1601_KOMBI_PATH = '/service/KombiPostAfsend_1/kombi';
export const SF1601_TOKEN_PATH = '/service/AccessTokenService_1/token';
export const STS_ISSUE_PATH = '/runtime/api/rest/wstrust/v1/issue';
export const KOMBI_VALG_KODE = 'Digital Post';

export interface Sf1601Options {
  /** The security token service's issue endpoint (…/runtime/api/rest/wstrust/v1/issue). */
  stsUrl: string;
  /** The access token service (…/service/AccessTokenService_1/token). */
  tokenUrl: string;
  /** KombiPostAfsend (…/service/KombiPostAfsend_1/kombi). */
  url: string;
  tls: TlsMaterial;
  /** The municipality's CVR number (AnvenderKontekst). */
  authorityCvr: string;
  entityId?: string;
  timeoutMs?: number;
  now?: () => Date;
  /** Tokens are renewed this long before they expire (default 5 minutes). */
  renewBeforeMs?: number;
}

interface Token {
  value: string;
  type: string;
  expiresAt: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The certificate's base64 body on one line, without the BEGIN/END lines (STS `UseKey`). */
export function useKeyOf(certPem: string): string {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(certPem);
  if (!m) throw new Error('SF1601: the certificate is not PEM');
  return m[1]!.replace(/\s+/g, '');
}

/** The `kombi_request` body: KombiValgKode and the MeMo message (its XML declaration removed). */
export function kombiRequestXml(memoXml: string, kombiValgKode = KOMBI_VALG_KODE): string {
  const message = memoXml.replace(/^\uFEFF?\s*<\?xml[^?]*\?>\s*/, '');
  if (!/^<memo:Message[\s>]/.test(message)) throw new Error('SF1601: the message is not a memo:Message');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<kombi_request><KombiValgKode>${kombiValgKode}</KombiValgKode>${message}</kombi_request>`
  );
}

/** When a SAML assertion (raw or base64) stops being valid: Conditions/@NotOnOrAfter. */
export function samlExpiry(assertion: string): number {
  const xml = assertion.trimStart().startsWith('<') ? assertion : Buffer.from(assertion, 'base64').toString('utf8');
  const doc = parseXml(xml, 'SF1601 SAML token');
  const notOnOrAfter = child(child(doc, 'Assertion'), 'Conditions')?.['@_NotOnOrAfter'];
  const at = typeof notOnOrAfter === 'string' ? Date.parse(notOnOrAfter) : NaN;
  if (Number.isNaN(at)) throw new ServiceplatformenError('token', 'SF1601 SAML token: no Conditions/@NotOnOrAfter');
  return at;
}

function json(answer: HttpsAnswer, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(answer.body);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ServiceplatformenError('malformed', `${what}: the answer is not a JSON object`);
}

export function sf1601Transport(options: Sf1601Options): DigitalPostTransport {
  const now = () => (options.now ? options.now() : new Date()).getTime();
  const renewBefore = options.renewBeforeMs ?? 5 * 60_000;
  const entityId = options.entityId ?? SF1601_ENTITY_ID;
  const useKey = useKeyOf(options.tls.cert);
  if (!/^\d{8}$/.test(options.authorityCvr)) throw new Error('SF1601: the authority CVR must be 8 digits');
  const post = (url: string, headers: Record<string, string>, body: string) =>
    httpsPost(url, { tls: options.tls, headers, body, timeoutMs: options.timeoutMs });

  let saml: Token | null = null;
  let access: Token | null = null;
  let pending: Promise<Token> | null = null;
  const fresh = (t: Token | null): t is Token => !!t && t.expiresAt - renewBefore > now();

  async function fetchSaml(): Promise<Token> {
    const answer = await post(
      options.stsUrl,
      { 'content-type': 'application/json', accept: 'application/json' },
      JSON.stringify({
        TokenType: 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0',
        RequestType: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue',
        KeyType: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/PublicKey',
        AnvenderKontekst: { Cvr: options.authorityCvr },
        UseKey: useKey,
        AppliesTo: { EndpointReference: { Address: entityId } },
        OnBehalfOf: null,
      }),
    );
    if (answer.status !== 200) {
      throw new ServiceplatformenError('token', `SF1601 SAML token: HTTP ${answer.status}`, { status: answer.status });
    }
    const body = json(answer, 'SF1601 SAML token');
    const assertion = (body.RequestedSecurityToken as Record<string, unknown> | undefined)?.Assertion;
    if (typeof assertion !== 'string' || !assertion) {
      throw new ServiceplatformenError('token', 'SF1601 SAML token: no RequestedSecurityToken.Assertion');
    }
    return { value: assertion, type: 'SAML', expiresAt: samlExpiry(assertion) };
  }

  async function fetchAccess(samlToken: Token): Promise<Token> {
    const answer = await post(
      options.tokenUrl,
      { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      new URLSearchParams({ 'saml-token': samlToken.value }).toString(),
    );
    if (answer.status !== 200) {
      throw new ServiceplatformenError('token', `SF1601 access token: HTTP ${answer.status}`, {
        status: answer.status,
      });
    }
    const body = json(answer, 'SF1601 access token');
    const { access_token: token, token_type: type, expires_in: expiresIn } = body;
    if (typeof token !== 'string' || !token || typeof type !== 'string' || !/^[\w-]+$/.test(type)) {
      throw new ServiceplatformenError('token', 'SF1601 access token: no access_token/token_type');
    }
    const seconds = Number(expiresIn);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      throw new ServiceplatformenError('token', 'SF1601 access token: no expires_in');
    }
    return { value: token, type, expiresAt: Math.min(now() + seconds * 1000, samlToken.expiresAt) };
  }

  /** The access token, fetched once for concurrent senders and kept until it nears its expiry. */
  function accessToken(): Promise<Token> {
    if (fresh(access)) return Promise.resolve(access);
    pending ??= (async () => {
      try {
        if (!fresh(saml)) saml = await fetchSaml();
        access = await fetchAccess(saml);
        return access;
      } finally {
        pending = null;
      }
    })();
    return pending;
  }

  async function kombi(uuid: string, body: string, token: Token): Promise<HttpsAnswer> {
    return post(
      options.url,
      {
        authorization: `${token.type} ${token.value}`,
        'content-type': 'application/xml; charset=utf-8',
        accept: 'application/xml',
        'x-transaktionsid': uuid,
        'x-transaktionstid': new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
      body,
    );
  }

  return {
    name: 'sf1601',
    async send(uuid: string, xml: string): Promise<void> {
      if (!UUID.test(uuid)) throw new Error(`not a UUID: ${uuid}`);
      const id = uuid.toLowerCase();
      const body = kombiRequestXml(xml);
      let answer = await kombi(id, body, await accessToken());
      if (answer.status === 401) {
        // The hub no longer takes the token (revoked, or our clock is off): one fresh try.
        saml = null;
        access = null;
        answer = await kombi(id, body, await accessToken());
      }
      if (answer.status >= 200 && answer.status < 300) return;
      if (answer.status === 409) return; // the hub already has this transaction: sent before
      throw new ServiceplatformenError('http', `SF1601 KombiPostAfsend: HTTP ${answer.status}`, {
        status: answer.status,
      });
    },
  };
}
