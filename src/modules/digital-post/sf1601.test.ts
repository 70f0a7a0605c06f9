import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clientTls,
  failure,
  haveXmllint,
  startLocalHub,
  type Answer,
  type LocalHub,
  type Received,
} from '../../../test/helpers/serviceplatformen.ts';
import { memoXml, type MemoMessage } from './memo.ts';
import {
  KOMBI_VALG_KODE,
  SF1601_ENTITY_ID,
  SF1601_KOMBI_PATH,
  SF1601_TOKEN_PATH,
  STS_ISSUE_PATH,
  kombiRequestXml,
  sf1601Transport,
  useKeyOf,
} from './sf1601.ts';

/**
 * The SF1601 transport against a local HTTPS server standing in for the security token service,
 * the access token service and KombiPostAfsend, each checking the client certificate. The shapes
 * are those of the SF1601 notes (../shared/standards/serviceplatformen/docs/SF1601.md); not the
 * real hub.
 */

const T0 = Date.parse('2026-12-01T10:00:00Z');
const HOUR = 3600_000;

const letter: MemoMessage = {
  label: 'Afgørelse om byggetilladelse',
  sender: { cvr: '29189757', label: 'Samspil Kommune' },
  recipient: { idType: 'CPR', id: '0101901234', name: 'Mette Sørensen' },
  caseNumber: '02.34.02-P19-12-26',
  kle: { subjectKey: '02.34.02', version: 'KLE 2024', label: 'Byggetilladelse', activityFacet: 'P19' },
  createdAt: new Date(T0),
  main: { filename: 'afgoerelse.pdf', mime: 'application/pdf', bytes: Buffer.from('%PDF-1.7 ...'), label: 'Afgørelse' },
  attachments: [],
};

/** A SAML assertion as the STS hands it out: base64 of the XML, valid for 8 hours. */
const assertion = (issuedAt: number) =>
  Buffer.from(
    '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" Version="2.0" ' +
      `IssueInstant="${new Date(issuedAt).toISOString()}"><saml:Conditions NotBefore="${new Date(issuedAt).toISOString()}" ` +
      `NotOnOrAfter="${new Date(issuedAt + 8 * HOUR).toISOString()}"/></saml:Assertion>`,
  ).toString('base64');

interface HubScript {
  sts?: () => Answer;
  token?: () => Answer;
  kombi?: (req: Received, n: number) => Answer;
}

let hub: LocalHub | null = null;
let clock = T0;
afterEach(async () => {
  await hub?.close();
  hub = null;
  clock = T0;
});

async function transportAgainst(script: HubScript = {}, opts: { timeoutMs?: number } = {}) {
  let tokens = 0;
  let kombis = 0;
  hub = await startLocalHub((req) => {
    if (req.path === STS_ISSUE_PATH) {
      return (
        script.sts?.() ?? {
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ RequestedSecurityToken: { Assertion: assertion(clock) } }),
        }
      );
    }
    if (req.path === SF1601_TOKEN_PATH) {
      tokens += 1;
      return (
        script.token?.() ?? {
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ access_token: `token-${tokens}`, token_type: 'Holder-of-key', expires_in: 3600 }),
        }
      );
    }
    if (req.path === SF1601_KOMBI_PATH) {
      kombis += 1;
      return script.kombi?.(req, kombis) ?? { status: 200, body: '', contentType: 'application/xml' };
    }
    return { status: 404, body: '' };
  });
  return sf1601Transport({
    stsUrl: `${hub.url}${STS_ISSUE_PATH}`,
    tokenUrl: `${hub.url}${SF1601_TOKEN_PATH}`,
    url: `${hub.url}${SF1601_KOMBI_PATH}`,
    tls: clientTls(),
    authorityCvr: '29189757',
    now: () => new Date(clock),
    timeoutMs: opts.timeoutMs,
  });
}

const paths = () => hub!.received.map((r) => r.path);

describe('sf1601Transport', () => {
  it('gets a SAML token, exchanges it for an access token and posts the kombi_request, all over mTLS', async () => {
    const transport = await transportAgainst();
    const { uuid, xml } = memoXml(letter);
    await transport.send(uuid, xml);
    expect(paths()).toEqual([STS_ISSUE_PATH, SF1601_TOKEN_PATH, SF1601_KOMBI_PATH]);
    expect(hub!.received.every((r) => r.clientCn === 'Samspil Test Client (test only)')).toBe(true);

    const [sts, token, kombi] = hub!.received;
    expect(sts!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sts!.body)).toEqual({
      TokenType: 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0',
      RequestType: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue',
      KeyType: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/PublicKey',
      AnvenderKontekst: { Cvr: '29189757' },
      UseKey: useKeyOf(clientTls().cert),
      AppliesTo: { EndpointReference: { Address: SF1601_ENTITY_ID } },
      OnBehalfOf: null,
    });
    expect(JSON.parse(sts!.body).UseKey).toMatch(/^MII[A-Za-z0-9+/=]+$/);

    expect(token!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(token!.body).get('saml-token')).toBe(assertion(T0));

    expect(kombi!.headers.authorization).toBe('Holder-of-key token-1');
    expect(kombi!.headers['x-transaktionsid']).toBe(uuid);
    expect(kombi!.headers['x-transaktionstid']).toBe('2026-12-01T10:00:00Z');
    expect(kombi!.body).toBe(kombiRequestXml(xml));
    expect(kombi!.body).toContain(`<kombi_request><KombiValgKode>${KOMBI_VALG_KODE}</KombiValgKode><memo:Message `);
    expect(kombi!.body.match(/<\?xml/g)).toHaveLength(1);
  });

  it('keeps the tokens until they near expiry: the access token after an hour, the SAML token after eight', async () => {
    const transport = await transportAgainst();
    const send = () => {
      const { uuid, xml } = memoXml(letter);
      return transport.send(uuid, xml);
    };
    await send();
    await send();
    expect(paths()).toEqual([STS_ISSUE_PATH, SF1601_TOKEN_PATH, SF1601_KOMBI_PATH, SF1601_KOMBI_PATH]);
    hub!.received.length = 0;

    clock = T0 + HOUR; // the access token (expires_in 3600) is due for renewal, the SAML token is not
    await send();
    expect(paths()).toEqual([SF1601_TOKEN_PATH, SF1601_KOMBI_PATH]);
    expect(hub!.received[1]!.headers.authorization).toBe('Holder-of-key token-2');
    hub!.received.length = 0;

    clock = T0 + 8 * HOUR;
    await send();
    expect(paths()).toEqual([STS_ISSUE_PATH, SF1601_TOKEN_PATH, SF1601_KOMBI_PATH]);
  });

  it('fetches the tokens once for senders that start together', async () => {
    const transport = await transportAgainst();
    await Promise.all([1, 2, 3].map(() => memoXml(letter)).map(({ uuid, xml }) => transport.send(uuid, xml)));
    expect(paths().filter((p) => p === STS_ISSUE_PATH)).toHaveLength(1);
    expect(paths().filter((p) => p === SF1601_TOKEN_PATH)).toHaveLength(1);
    expect(paths().filter((p) => p === SF1601_KOMBI_PATH)).toHaveLength(3);
  });

  it('counts a repeat the hub already has (409 Conflict) as sent, with the same transaction id', async () => {
    const seen = new Set<string>();
    const transport = await transportAgainst({
      kombi: (req) => {
        const id = String(req.headers['x-transaktionsid']);
        if (seen.has(id)) return { status: 409, body: '' };
        seen.add(id);
        return { status: 200, body: '' };
      },
    });
    const { uuid, xml } = memoXml(letter);
    await transport.send(uuid, xml);
    await expect(transport.send(uuid.toUpperCase(), xml)).resolves.toBeUndefined();
    const ids = hub!.received.filter((r) => r.path === SF1601_KOMBI_PATH).map((r) => r.headers['x-transaktionsid']);
    expect(ids).toEqual([uuid, uuid]);
  });

  it('fetches fresh tokens once when the hub refuses the access token (401)', async () => {
    const transport = await transportAgainst({
      kombi: (_req, n) => (n === 1 ? { status: 401, body: '' } : { status: 200, body: '' }),
    });
    const { uuid, xml } = memoXml(letter);
    await transport.send(uuid, xml);
    expect(paths()).toEqual([
      STS_ISSUE_PATH,
      SF1601_TOKEN_PATH,
      SF1601_KOMBI_PATH,
      STS_ISSUE_PATH,
      SF1601_TOKEN_PATH,
      SF1601_KOMBI_PATH,
    ]);
    expect(hub!.received[5]!.headers.authorization).toBe('Holder-of-key token-2');
  });

  it('reports HTTP 500 from KombiPostAfsend as an http error', async () => {
    const transport = await transportAgainst({ kombi: () => ({ status: 500, body: 'boom' }) });
    const { uuid, xml } = memoXml(letter);
    expect(await failure(transport.send(uuid, xml))).toMatchObject({ kind: 'http', status: 500 });
  });

  it('times out on a KombiPostAfsend that never answers', async () => {
    const transport = await transportAgainst({ kombi: () => 'hang' }, { timeoutMs: 200 });
    const { uuid, xml } = memoXml(letter);
    expect((await failure(transport.send(uuid, xml))).kind).toBe('timeout');
  });

  it('reports a failing token service as a token error, and a broken token answer as malformed', async () => {
    let transport = await transportAgainst({ sts: () => ({ status: 500, body: '' }) });
    const { uuid, xml } = memoXml(letter);
    expect(await failure(transport.send(uuid, xml))).toMatchObject({ kind: 'token', status: 500 });
    expect(paths()).toEqual([STS_ISSUE_PATH]);
    await hub!.close();
    transport = await transportAgainst({ token: () => ({ status: 200, body: '<html>', contentType: 'text/html' }) });
    expect((await failure(transport.send(uuid, xml))).kind).toBe('malformed');
    await hub!.close();
    transport = await transportAgainst({ sts: () => ({ status: 200, body: '{"RequestedSecurityToken":{}}' }) });
    expect((await failure(transport.send(uuid, xml))).kind).toBe('token');
  });

  it('refuses what is not a UUID or not a MeMo message before it calls anything', async () => {
    const transport = await transportAgainst();
    await expect(transport.send('nope', memoXml(letter).xml)).rejects.toThrow(/not a UUID/);
    await expect(transport.send(memoXml(letter).uuid, '<other/>')).rejects.toThrow(/memo:Message/);
    expect(hub!.received).toHaveLength(0);
  });
});

describe.skipIf(!haveXmllint)('the MeMo message inside the kombi_request', () => {
  it('validates against the vendored MeMo 1.2 XSD', async () => {
    const transport = await transportAgainst();
    const { uuid, xml } = memoXml(letter);
    await transport.send(uuid, xml);
    const body = hub!.received.find((r) => r.path === SF1601_KOMBI_PATH)!.body;
    const message = /<memo:Message[\s\S]*<\/memo:Message>/.exec(body)![0];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kombi-'));
    const file = path.join(dir, 'message.xml');
    fs.writeFileSync(file, message);
    const xsd = path.resolve(import.meta.dirname, '../../../test/fixtures/memo/schema/Version1.2/MeMo_core.xsd');
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(`${r.stdout}${r.stderr}`).toContain('validates');
  });
});
