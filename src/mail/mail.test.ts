import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/helpers/db.ts';
import { deliverPending, FileDelivery, queueMail, SmtpDelivery } from './outbox.ts';
import { renderMail } from './templates.ts';

/** A real SMTP server, started for the test, that keeps what it receives. */
function startSmtp(): Promise<{
  port: number;
  received: Array<{ from: string; to: string[]; raw: Buffer }>;
  close: () => Promise<void>;
}> {
  const received: Array<{ from: string; to: string[]; raw: Buffer }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.server.address() as AddressInfo).port;
      resolve({ port, received, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

describe('mail templates', () => {
  it('renders MJML to HTML with a plain-text twin, escaping everything', async () => {
    const mail = await renderMail({
      locale: 'da',
      organisation: 'Skovlund Kommune',
      heading: 'Ny kommentar til "Ferie 2027"',
      paragraphs: ['Mette Aagaard har kommenteret <b>din</b> nyhed.'],
      quote: 'Fint initiativ!\nTak.',
      action: { label: 'Se kommentaren', url: 'https://samspil.skovlund.dk/news/4#comments' },
      footer: 'Du får denne mail, fordi du er forfatter. Skift under Indstillinger.',
    });
    expect(mail.html).toContain('<!doctype html>');
    expect(mail.html).toContain('lang="da"');
    expect(mail.html).toContain('&lt;b&gt;din&lt;/b&gt;');
    expect(mail.html).toContain('href="https://samspil.skovlund.dk/news/4#comments"');
    expect(mail.text).toContain('> Fint initiativ!\n> Tak.');
    expect(mail.text).toContain('Se kommentaren: https://samspil.skovlund.dk/news/4#comments');
  });
});

describe.each(DIALECTS)('mail outbox (%s)', (dialect) => {
  let t: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => smtp.close());
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    return () => t.cleanup();
  });

  const mail = (over = {}) => ({
    to: 'kasper.lindholm@skovlund.dk',
    kind: 'test',
    subject: 'Påmindelse om frist',
    html: '<p>Fristen er i morgen</p>',
    text: 'Fristen er i morgen',
    ...over,
  });

  it('delivers queued mail over SMTP, once', async () => {
    expect(await queueMail(t.database, mail({ dedupeKey: 'x' }))).toBe(true);
    expect(await queueMail(t.database, mail({ dedupeKey: 'x' }))).toBe(false);
    const before = smtp.received.length;
    const delivery = new SmtpDelivery(`smtp://127.0.0.1:${smtp.port}/?ignoreTLS=true`);
    expect(await deliverPending(t.database, delivery, 'Samspil <samspil@skovlund.dk>')).toEqual({ sent: 1, failed: 0 });
    expect(await deliverPending(t.database, delivery, 'Samspil <samspil@skovlund.dk>')).toEqual({ sent: 0, failed: 0 });
    const got = smtp.received.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.to).toEqual(['kasper.lindholm@skovlund.dk']);
    const parsed = await PostalMime.parse(got[0]!.raw);
    expect(parsed.subject).toBe('Påmindelse om frist');
    expect(parsed.text?.trim()).toBe('Fristen er i morgen');
    expect(parsed.html).toContain('<p>Fristen er i morgen</p>');
  });

  it('keeps mail queued and retries later when the server cannot be reached', async () => {
    await queueMail(t.database, mail());
    const down = new SmtpDelivery('smtp://127.0.0.1:1/?ignoreTLS=true&connectionTimeout=2000');
    expect(await deliverPending(t.database, down, 'samspil@skovlund.dk')).toEqual({ sent: 0, failed: 1 });
    const row = await t.database.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row.sent_at).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBeTruthy();
    expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing is tried.
    expect(await deliverPending(t.database, down, 'samspil@skovlund.dk')).toEqual({ sent: 0, failed: 0 });
  });

  it('writes .eml files when no SMTP server is configured', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-outbox-'));
    try {
      await queueMail(t.database, mail());
      expect(await deliverPending(t.database, new FileDelivery(dir), 'Samspil <samspil@skovlund.dk>')).toEqual({
        sent: 1,
        failed: 0,
      });
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
      expect(files).toHaveLength(1);
      const parsed = await PostalMime.parse(fs.readFileSync(path.join(dir, files[0]!)));
      expect(parsed.subject).toBe('Påmindelse om frist');
      expect(parsed.to?.[0]?.address).toBe('kasper.lindholm@skovlund.dk');
      const row = await t.database.db.selectFrom('mail_outbox').select('delivered_to').executeTakeFirstOrThrow();
      expect(row.delivered_to).toContain(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
