import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/helpers/db.ts';
import { writeTransaction, type Database } from '../../db/index.ts';
import type { MemoMessage } from './memo.ts';
import { createLogger } from '../../http/logger.ts';
import { Scheduler } from '../../jobs/scheduler.ts';
import { digitalPostOutboxJob } from './job.ts';
import { BACKOFF_MINUTES, claimNext, DEFAULT_LEASE_MS, enqueueMessage, workOutbox } from './outbox.ts';
import { folderDropTransport, type DigitalPostTransport } from './transports.ts';

const CPR = '010190-1234';
const CPR_DIGITS = '0101901234';
const MINUTE = 60_000;

const letter = (n: number): MemoMessage => ({
  label: `Afgørelse ${n}`,
  sender: { cvr: '29189757', label: 'Samspil Kommune' },
  recipient: { idType: 'CPR', id: CPR, name: 'Mette Sørensen' },
  caseNumber: '02.34.02-P19-12-26',
  createdAt: new Date('2026-12-01T10:15:30.123Z'),
  main: { filename: 'afgoerelse.pdf', mime: 'application/pdf', bytes: Buffer.from(`%PDF-1.7 ${n}`) },
});

/** A transport that counts its calls and hands them on (to the folder drop, unless told otherwise). */
function counting(inner: DigitalPostTransport) {
  const calls: string[] = [];
  const transport: DigitalPostTransport = {
    name: inner.name,
    async send(uuid, xml) {
      calls.push(uuid);
      // Let the other worker run in between, so the two really interleave.
      await new Promise((resolve) => setTimeout(resolve, 1));
      await inner.send(uuid, xml);
    },
  };
  return { transport, calls };
}

describe.each(DIALECTS)('the Digital Post outbox (%s)', (dialect) => {
  let t: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-dp-'));
  });
  afterEach(async () => {
    await t.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // On PostgreSQL each worker gets its own pool, as separate app servers would; SQLite is one
  // handle per process (see scheduler.test.ts).
  const secondHandle = (): Database => (dialect === 'postgres' ? t.open() : t.database);
  const enqueue = (n: number) => writeTransaction(t.database, (tx) => enqueueMessage(tx, letter(n)));
  const row = (id: number) =>
    t.database.db.selectFrom('digital_post_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const files = () => fs.readdirSync(dir).filter((f) => f.endsWith('.xml'));
  const auditRows = () =>
    t.database.db.selectFrom('audit_log').selectAll().where('action', 'like', 'digital-post.%').orderBy('id').execute();
  const expectNoCpr = async () => {
    for (const a of await auditRows()) {
      const text = JSON.stringify(a);
      expect(text).not.toContain(CPR);
      expect(text).not.toContain(CPR_DIGITS);
    }
  };

  it('drops a queued message once, as the stored XML, and marks it sent', async () => {
    const id = await enqueue(1);
    const queued = await row(id);
    expect(queued).toMatchObject({ status: 'queued', attempts: 0, recipient_type: 'CPR', label: 'Afgørelse 1' });
    expect(queued.memo_xml).toContain(`<memo:messageUUID>${queued.message_uuid}</memo:messageUUID>`);

    const { transport, calls } = counting(folderDropTransport(dir));
    const now = new Date();
    expect(await workOutbox(t.database, transport, { instance: 'a', now })).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
      lost: 0,
    });
    expect(calls).toEqual([queued.message_uuid]);
    expect(files()).toEqual([`${queued.message_uuid}.xml`]);
    expect(fs.readFileSync(path.join(dir, `${queued.message_uuid}.xml`), 'utf8')).toBe(queued.memo_xml);
    expect(fs.readdirSync(dir)).toHaveLength(1); // no temp file left behind
    expect(await row(id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      sent_at: now.toISOString(),
      transport: 'folder-drop',
      lease_owner: null,
      last_error: null,
    });

    // A second run sends nothing.
    expect((await workOutbox(t.database, transport, { instance: 'a' })).sent).toBe(0);
    expect(calls).toHaveLength(1);

    const audit = await auditRows();
    expect(audit.map((a) => a.action)).toEqual(['digital-post.sent']);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ uuid: queued.message_uuid, transport: 'folder-drop' });
    await expectNoCpr();
  });

  it('concurrent workers send every message exactly once', async () => {
    const ids: number[] = [];
    for (let n = 0; n < 20; n++) ids.push(await enqueue(n));
    const { transport, calls } = counting(folderDropTransport(dir));
    // Two instances (two pools on PostgreSQL), each with two workers, so claims really collide.
    const other = secondHandle();
    const results = await Promise.all([
      workOutbox(t.database, transport, { instance: 'a' }),
      workOutbox(other, transport, { instance: 'b' }),
      workOutbox(t.database, transport, { instance: 'c' }),
      workOutbox(other, transport, { instance: 'd' }),
    ]);
    const total = (k: keyof (typeof results)[number]) => results.reduce((sum, r) => sum + r[k], 0);
    expect(total('sent')).toBe(20);
    expect(total('lost') + total('retried') + total('failed')).toBe(0);
    const uuids = await t.database.db.selectFrom('digital_post_outbox').select('message_uuid').execute();
    expect(calls).toHaveLength(20);
    expect(new Set(calls).size).toBe(20);
    expect(files().sort()).toEqual(uuids.map((u) => `${u.message_uuid}.xml`).sort());
    for (const id of ids) expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await auditRows()).filter((r) => r.action === 'digital-post.sent')).toHaveLength(20);
  });

  it('a worker that dies mid-send: after its lease another sends it, still one file and one "sent"', async () => {
    const id = await enqueue(1);
    const uuid = (await row(id)).message_uuid;
    const drop = folderDropTransport(dir);
    const now = new Date();

    // Worker a claims the message and "dies" before it sends anything.
    expect((await claimNext(t.database, 'a', now))?.id).toBe(id);
    // While its lease runs, nobody else may take it.
    const early = counting(drop);
    expect(
      await workOutbox(t.database, early.transport, { instance: 'b', now: new Date(now.getTime() + MINUTE) }),
    ).toEqual({ sent: 0, retried: 0, failed: 0, lost: 0 });
    expect(early.calls).toHaveLength(0);

    // Worker c claims it after a's lease ran out, writes the file and hangs before it can say "sent".
    const later = new Date(now.getTime() + DEFAULT_LEASE_MS + 1000);
    let release!: () => void;
    const hang = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const stuck: DigitalPostTransport = {
      name: 'folder-drop',
      async send(u, xml) {
        await drop.send(u, xml);
        wrote();
        await hang;
      },
    };
    const c = workOutbox(t.database, stuck, { instance: 'c', now: later });
    await written;
    expect(files()).toEqual([`${uuid}.xml`]);

    // c's lease runs out too; d sends the same message again: the drop sees the same file.
    const d = counting(drop);
    const latest = new Date(later.getTime() + DEFAULT_LEASE_MS + 1000);
    expect(await workOutbox(secondHandle(), d.transport, { instance: 'd', now: latest })).toMatchObject({ sent: 1 });
    expect(d.calls).toEqual([uuid]);

    // c wakes up: it no longer holds the lease, so it writes nothing.
    release();
    expect(await c).toEqual({ sent: 0, retried: 0, failed: 0, lost: 1 });

    expect(files()).toEqual([`${uuid}.xml`]);
    expect(fs.readdirSync(dir)).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3, sent_at: latest.toISOString() });
    expect((await auditRows()).map((r) => r.action)).toEqual(['digital-post.sent']);
  });

  it('a failing transport: retried with back-off, failed after maxAttempts, the error kept and audited', async () => {
    const id = await enqueue(1);
    const uuid = (await row(id)).message_uuid;
    let calls = 0;
    const broken: DigitalPostTransport = {
      name: 'broken',
      send() {
        calls++;
        return Promise.reject(new Error(`gateway down (${calls})`));
      },
    };
    let now = new Date();
    const waits = [...BACKOFF_MINUTES];
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await workOutbox(t.database, broken, { instance: 'a', now })).toEqual({
        sent: 0,
        retried: 1,
        failed: 0,
        lost: 0,
      });
      expect(calls).toBe(attempt);
      const next = new Date(now.getTime() + waits[attempt - 1]! * MINUTE);
      expect(await row(id)).toMatchObject({
        status: 'queued',
        attempts: attempt,
        next_attempt_at: next.toISOString(),
        last_error: `gateway down (${attempt})`,
        lease_owner: null,
      });
      // Not before next_attempt_at.
      expect((await workOutbox(t.database, broken, { instance: 'a', now: new Date(next.getTime() - 1) })).retried).toBe(
        0,
      );
      expect(calls).toBe(attempt);
      now = next;
    }
    expect(await auditRows()).toHaveLength(0);
    expect(await workOutbox(t.database, broken, { instance: 'a', now })).toEqual({
      sent: 0,
      retried: 0,
      failed: 1,
      lost: 0,
    });
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 6, last_error: 'gateway down (6)' });
    // Failed stays failed.
    expect(
      await workOutbox(t.database, broken, { instance: 'a', now: new Date(now.getTime() + 30 * 24 * 60 * MINUTE) }),
    ).toEqual({ sent: 0, retried: 0, failed: 0, lost: 0 });
    expect(calls).toBe(6);
    const audit = await auditRows();
    expect(audit.map((a) => a.action)).toEqual(['digital-post.failed']);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ uuid, attempts: 6, transport: 'broken' });
    await expectNoCpr();
  });

  it('the digital-post-outbox job sends what is due and counts it', async () => {
    await enqueue(1);
    await enqueue(2);
    const scheduler = new Scheduler(t.database, createLogger('silent'), 'job-instance');
    scheduler.register(digitalPostOutboxJob(t.database, folderDropTransport(dir), scheduler.instance));
    const outcome = await scheduler.runJob('digital-post-outbox', 'manual');
    expect(outcome).toMatchObject({ status: 'ok', counts: { sent: 2, retried: 0, failed: 0, lost: 0 } });
    expect(files()).toHaveLength(2);
  });

  it('maxAttempts can be lowered', async () => {
    const id = await enqueue(1);
    const broken: DigitalPostTransport = { name: 'broken', send: () => Promise.reject(new Error('no')) };
    const now = new Date();
    expect((await workOutbox(t.database, broken, { instance: 'a', now, maxAttempts: 2 })).retried).toBe(1);
    const later = new Date(now.getTime() + MINUTE);
    expect((await workOutbox(t.database, broken, { instance: 'a', now: later, maxAttempts: 2 })).failed).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2 });
  });
});

describe('the folder drop', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-drop-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const uuid = '0d7b7e3e-6f0a-4b8e-9c51-3c1f0f7f2a11';

  it('writes <uuid>.xml, takes the same content again as success, and refuses other content', async () => {
    const sub = path.join(dir, 'digital-post', 'outbox');
    const drop = folderDropTransport(sub);
    await drop.send(uuid, '<a/>');
    await drop.send(uuid, '<a/>');
    expect(fs.readdirSync(sub)).toEqual([`${uuid}.xml`]);
    expect(fs.readFileSync(path.join(sub, `${uuid}.xml`), 'utf8')).toBe('<a/>');
    await expect(drop.send(uuid, '<b/>')).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(path.join(sub, `${uuid}.xml`), 'utf8')).toBe('<a/>');
  });

  it('refuses a name that is not a UUID', async () => {
    await expect(folderDropTransport(dir).send('../evil', '<a/>')).rejects.toThrow(/not a UUID/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
