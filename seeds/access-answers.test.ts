import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../src/files/blobs.ts';
import { copenhagenDate } from '../src/i18n/index.ts';
import { isoWeekOf, looksLikeCpr } from '../src/modules/postlist/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test/helpers/db.ts';
import { allText } from '../test/helpers/pdf.ts';
import { seedDemo } from './index.ts';

describe.each(DIALECTS)('the demo access-request answer and post list (%s)', (dialect) => {
  let t: TestDatabase;
  let dataDir: string;
  let blobs: BlobStore;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-seed-akt-'));
    blobs = new BlobStore(dataDir);
    await seedDemo(t.database, { scryptCost: 1024, blobs });
  }, 180_000);
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('has a request answered by post with a redacted document, whose name is gone from the answer', async () => {
    const db = t.database.db;
    const answered = await db
      .selectFrom('access_requests')
      .selectAll()
      .where('status', '=', 'answered')
      .where('answer_channel', '=', 'post')
      .execute();
    expect(answered.length).toBeGreaterThanOrEqual(1);
    const request = answered.find((r) => r.requester_name === 'Mette Skov, Lokalavisen')!;
    expect(request.answer_document_id).not.toBeNull();
    const item = await db
      .selectFrom('access_request_documents as i')
      .innerJoin('document_versions as v', (j) =>
        j.onRef('v.document_id', '=', 'i.document_id').onRef('v.version', '=', 'i.version'),
      )
      .select(['i.id', 'v.text_content'])
      .where('i.request_id', '=', request.id)
      .where('i.decision', '=', 'partial')
      .executeTakeFirstOrThrow();
    const redactions = await db
      .selectFrom('access_request_redactions')
      .selectAll()
      .where('item_id', '=', item.id)
      .execute();
    expect(redactions.length).toBeGreaterThanOrEqual(1);
    const withheld = item.text_content!.slice(redactions[0]!.start_offset, redactions[0]!.end_offset);
    const version = await db
      .selectFrom('document_versions')
      .select('blob_sha256')
      .where('document_id', '=', request.answer_document_id!)
      .executeTakeFirstOrThrow();
    const text = await allText(new Uint8Array(await blobs.read(version.blob_sha256)));
    expect(text).toContain('[Undtaget efter offentlighedslovens § 30, nr. 1]');
    expect(text).not.toContain(withheld);
  });

  it('has a dozen documents on the post list over several past weeks, with clean titles', async () => {
    const rows = await t.database.db
      .selectFrom('documents')
      .select(['journalised_at', 'postlist_title', 'direction'])
      .where('on_postlist', '=', 1)
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(12);
    const weeks = new Set(rows.map((r) => isoWeekOf(copenhagenDate(new Date(r.journalised_at!))).key));
    expect(weeks.size).toBeGreaterThanOrEqual(4);
    expect(weeks.has(isoWeekOf(copenhagenDate(new Date())).key)).toBe(false);
    for (const r of rows) {
      expect(r.postlist_title).toBeTruthy();
      expect(looksLikeCpr(r.postlist_title!)).toBe(false);
      expect(['incoming', 'outgoing']).toContain(r.direction);
    }
  });
});
