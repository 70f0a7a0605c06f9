import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/helpers/db.ts';
import { BlobStore } from '../files/blobs.ts';
import { deliverPending, FileDelivery, queueMail } from './outbox.ts';

/** Mails with stored files attached (mail_outbox.attachments): written as real MIME attachments. */
describe.each(DIALECTS)('mail attachments (%s)', (dialect) => {
  let t: TestDatabase;
  let dir: string;
  let blobs: BlobStore;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-mail-att-'));
    blobs = new BlobStore(path.join(dir, 'data'));
  });
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('attaches the stored file to the delivered mail', async () => {
    const bytes = Buffer.from('%PDF-1.7\nsvar på aktindsigt\n%%EOF\n');
    const sha = await blobs.put(t.database, bytes);
    await queueMail(t.database, {
      to: 'bente@example.org',
      kind: 'test',
      subject: 'Svar',
      html: '<p>Svar</p>',
      text: 'Svar',
      attachments: [{ filename: 'svar.pdf', mime: 'application/pdf', sha256: sha }],
    });
    const out = path.join(dir, 'outbox');
    // Without a way to read blobs the mail cannot go: it fails and waits for a retry.
    expect(await deliverPending(t.database, new FileDelivery(out), 'samspil@localhost')).toEqual({
      sent: 0,
      failed: 1,
    });
    await t.database.db
      .updateTable('mail_outbox')
      .set({ next_attempt_at: new Date(0).toISOString() })
      .execute();
    const result = await deliverPending(t.database, new FileDelivery(out), 'samspil@localhost', undefined, 200, (s) =>
      blobs.read(s),
    );
    expect(result).toEqual({ sent: 1, failed: 0 });
    const [file] = fs.readdirSync(out);
    const parsed = await PostalMime.parse(fs.readFileSync(path.join(out, file!)));
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]!.filename).toBe('svar.pdf');
    expect(parsed.attachments[0]!.mimeType).toBe('application/pdf');
    expect(Buffer.from(parsed.attachments[0]!.content as ArrayBuffer).equals(bytes)).toBe(true);
  });
});
