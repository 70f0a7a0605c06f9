import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../test/helpers/serviceplatformen.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/helpers/db.ts';
import { writeTransaction } from '../../db/index.ts';
import { loadConfig } from '../../config.ts';
import { digitalPostTransportFor } from './choose.ts';
import type { MemoMessage } from './memo.ts';
import { deliveryStatus, enqueueMessage, listOutbox, requeueMessage, workOutbox } from './outbox.ts';
import { channelTransport, type DigitalPostTransport } from './transports.ts';

/** The outbox's channels: digital or remote print, each to its transport; "sent by post"; requeue. */
const message = (n: number): MemoMessage => ({
  label: `Brev ${n}`,
  sender: { cvr: '29189757', label: 'Samspil Kommune' },
  recipient: { idType: 'CPR', id: '010190-1234' },
  createdAt: new Date('2026-12-01T10:00:00Z'),
  main: { filename: 'brev.pdf', mime: 'application/pdf', bytes: Buffer.from(`%PDF-1.7 ${n}`) },
});

function recording(name: string, fail = false) {
  const seen: Array<{ uuid: string; channel: string | undefined }> = [];
  const transport: DigitalPostTransport = {
    name,
    send(uuid, _xml, opts) {
      seen.push({ uuid, channel: opts?.channel });
      return fail ? Promise.reject(new Error(`${name} is down`)) : Promise.resolve();
    },
  };
  return { transport, seen };
}

describe.each(DIALECTS)('outbox channels (%s)', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(async () => t.cleanup());

  it('sends each message on its channel and records the transport that delivered it; print is "sent by post"', async () => {
    const [digitalId, printId] = await writeTransaction(t.database, async (tx) => [
      await enqueueMessage(tx, message(1)),
      await enqueueMessage(tx, { ...message(2), channel: 'print' }),
    ]);
    const digital = recording('hub');
    const print = recording('print-drop');
    const result = await workOutbox(
      t.database,
      channelTransport({ digital: digital.transport, print: print.transport }),
      {
        instance: 'a',
      },
    );
    expect(result).toMatchObject({ sent: 2, failed: 0 });
    expect(digital.seen.map((s) => s.channel)).toEqual(['digital']);
    expect(print.seen.map((s) => s.channel)).toEqual(['print']);
    const rows = await t.database.db.selectFrom('digital_post_outbox').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.id, r.channel, r.status, r.transport])).toEqual([
      [digitalId, 'digital', 'sent', 'hub'],
      [printId, 'print', 'sent', 'print-drop'],
    ]);
    expect(rows.map(deliveryStatus)).toEqual(['sent', 'sent_by_post']);
    expect((await listOutbox(t.database)).map((m) => m.delivery)).toEqual(['sent_by_post', 'sent']);
  });

  it('a failed message can be queued again (same UUID and XML), only once it has failed', async () => {
    const id = await writeTransaction(t.database, (tx) => enqueueMessage(tx, message(3)));
    const actor = { id: 'u-admin', name: 'Admin' };
    expect(await requeueMessage(t.database, id, actor)).toBe(false); // queued, not failed
    const down = recording('hub', true);
    expect(await workOutbox(t.database, down.transport, { instance: 'a', maxAttempts: 1 })).toMatchObject({
      failed: 1,
    });
    const failed = await t.database.db.selectFrom('digital_post_outbox').selectAll().executeTakeFirstOrThrow();
    expect(await listOutbox(t.database, { status: 'failed' })).toHaveLength(1);
    expect(await requeueMessage(t.database, id, actor)).toBe(true);
    const again = await t.database.db.selectFrom('digital_post_outbox').selectAll().executeTakeFirstOrThrow();
    expect(again).toMatchObject({ status: 'queued', attempts: 0, last_error: null, message_uuid: failed.message_uuid });
    expect(again.memo_xml).toBe(failed.memo_xml);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'digital-post.requeue')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('the transports DIGITAL_POST_TRANSPORT chooses', () => {
  it('sends remote print to its folder drop also when digital messages go through SF1601', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-channels-'));
    const certs = path.join(FIXTURES, 'certs');
    const transport = digitalPostTransportFor(
      loadConfig({
        DATA_DIR: dataDir,
        DIGITAL_POST_TRANSPORT: 'sf1601',
        SERVICEPLATFORMEN_URL: 'https://hub.invalid',
        SERVICEPLATFORMEN_STS_URL: 'https://sts.invalid/runtime/api/rest/wstrust/v1/issue',
        SERVICEPLATFORMEN_CERT: path.join(certs, 'client.crt'),
        SERVICEPLATFORMEN_KEY: path.join(certs, 'client.key'),
        SERVICEPLATFORMEN_CVR: '29189757',
      }),
    );
    expect(transport.name).toBe('sf1601');
    const uuid = '3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f';
    expect(await transport.send(uuid, '<memo/>', { channel: 'print' })).toEqual({ transport: 'folder-drop' });
    expect(fs.readdirSync(path.join(dataDir, 'digital-post', 'print'))).toEqual([`${uuid}.xml`]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
