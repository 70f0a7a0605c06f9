import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/helpers/db.ts';
import { clientTls, startLocalHub, type LocalHub } from '../../../test/helpers/serviceplatformen.ts';
import { writeTransaction, type Database } from '../../db/index.ts';
import type { MemoMessage } from './memo.ts';
import { claimNext, DEFAULT_LEASE_MS, enqueueMessage, workOutbox } from './outbox.ts';
import { SF1601_KOMBI_PATH, SF1601_TOKEN_PATH, STS_ISSUE_PATH, sf1601Transport } from './sf1601.ts';
import type { DigitalPostTransport } from './transports.ts';

/**
 * The outbox sending through SF1601 against a local hub that delivers each transaction once and
 * answers a repeat with 409: a worker that dies after the hub took the message leaves it to the
 * next, whose repeat counts as sent, so the recipient gets it once.
 */

const HOUR = 3600_000;
const letter: MemoMessage = {
  label: 'Afgørelse',
  sender: { cvr: '29189757', label: 'Samspil Kommune' },
  recipient: { idType: 'CPR', id: '010190-1234', name: 'Mette Sørensen' },
  createdAt: new Date('2026-12-01T10:15:30Z'),
  main: { filename: 'afgoerelse.pdf', mime: 'application/pdf', bytes: Buffer.from('%PDF-1.7') },
};

const assertion = () =>
  Buffer.from(
    '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">' +
      `<saml:Conditions NotOnOrAfter="${new Date(Date.now() + 8 * HOUR).toISOString()}"/></saml:Assertion>`,
  ).toString('base64');

describe.each(DIALECTS)('the outbox through SF1601 (%s)', (dialect) => {
  let t: TestDatabase;
  let hub: LocalHub;
  const delivered: string[] = [];
  let kombiStatus = 200;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    delivered.length = 0;
    kombiStatus = 200;
    hub = await startLocalHub((req) => {
      if (req.path === STS_ISSUE_PATH) {
        return { status: 200, body: JSON.stringify({ RequestedSecurityToken: { Assertion: assertion() } }) };
      }
      if (req.path === SF1601_TOKEN_PATH) {
        return {
          status: 200,
          body: JSON.stringify({ access_token: 't', token_type: 'Holder-of-key', expires_in: 3600 }),
        };
      }
      if (kombiStatus !== 200) return { status: kombiStatus, body: '' };
      const id = String(req.headers['x-transaktionsid']);
      if (delivered.includes(id)) return { status: 409, body: '' };
      delivered.push(id);
      return { status: 200, body: '' };
    });
  });
  afterEach(async () => {
    await hub.close();
    await t.cleanup();
  });

  const transport = () =>
    sf1601Transport({
      stsUrl: `${hub.url}${STS_ISSUE_PATH}`,
      tokenUrl: `${hub.url}${SF1601_TOKEN_PATH}`,
      url: `${hub.url}${SF1601_KOMBI_PATH}`,
      tls: clientTls(),
      authorityCvr: '29189757',
    });
  const secondHandle = (): Database => (dialect === 'postgres' ? t.open() : t.database);
  const enqueue = () => writeTransaction(t.database, (tx) => enqueueMessage(tx, letter));
  const row = (id: number) =>
    t.database.db.selectFrom('digital_post_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const kombiCalls = () => hub.received.filter((r) => r.path === SF1601_KOMBI_PATH);

  it('a worker that dies after the hub took the message: the next one repeats it, the hub delivers it once', async () => {
    const id = await enqueue();
    const uuid = (await row(id)).message_uuid;
    const now = new Date();
    expect((await claimNext(t.database, 'a', now))?.id).toBe(id); // a claims and dies before sending

    // b claims after a's lease, sends through SF1601 and hangs before it can say "sent".
    const later = new Date(now.getTime() + DEFAULT_LEASE_MS + 1000);
    const inner = transport();
    let release!: () => void;
    const hang = new Promise<void>((resolve) => (release = resolve));
    let sent!: () => void;
    const hubHasIt = new Promise<void>((resolve) => (sent = resolve));
    const stuck: DigitalPostTransport = {
      name: inner.name,
      async send(u, xml) {
        await inner.send(u, xml);
        sent();
        await hang;
      },
    };
    const b = workOutbox(t.database, stuck, { instance: 'b', now: later });
    await hubHasIt;
    expect(delivered).toEqual([uuid]);

    // c, after b's lease: the same transaction again, answered 409, which counts as sent.
    const latest = new Date(later.getTime() + DEFAULT_LEASE_MS + 1000);
    expect(await workOutbox(secondHandle(), transport(), { instance: 'c', now: latest })).toMatchObject({ sent: 1 });
    release();
    expect(await b).toMatchObject({ sent: 0, lost: 1 });

    expect(delivered).toEqual([uuid]);
    expect(kombiCalls().map((r) => r.headers['x-transaktionsid'])).toEqual([uuid, uuid]);
    expect(await row(id)).toMatchObject({ status: 'sent', transport: 'sf1601' });
  });

  it('a hub that fails: the message is retried later, the error kept without personal data', async () => {
    kombiStatus = 500;
    const id = await enqueue();
    expect(await workOutbox(t.database, transport(), { instance: 'a' })).toMatchObject({ retried: 1 });
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'queued', attempts: 1 });
    expect(failed.last_error).toContain('SF1601 KombiPostAfsend: HTTP 500');
    expect(failed.last_error).not.toMatch(/0101901234|010190/);
  });
});
