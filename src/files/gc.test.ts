import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/db.ts';
import { createRoomsTestApp, type RoomsTestApp } from '../modules/rooms/rooms.fixtures.ts';
import type { CaseRow } from '../modules/cases/access.ts';
import { createCase, emptyCaseInput } from '../modules/cases/service.ts';
import { uploadDocuments } from '../modules/documents/service.ts';
import { BlobStore } from './blobs.ts';
import { BLOB_REFERENCES, collectBlobGarbage } from './gc.ts';

const DAY = 24 * 3600_000;

describe.each(DIALECTS)('blob garbage collection (%s)', (dialect) => {
  let t: RoomsTestApp;
  let blobs: BlobStore;
  const db = () => t.db.database.db;
  const text = (label: string) => Buffer.from(`${label} ${randomUUID()}\n`);
  /** Makes every stored file look older than the grace period, as if uploaded days ago. */
  const ageAll = () => {
    const old = new Date(Date.now() - 3 * DAY);
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else fs.utimesSync(p, old, old);
      }
    };
    if (fs.existsSync(blobs.root)) walk(blobs.root);
  };
  const runJob = async () => {
    const outcome = await t.services.scheduler.runJob('blob-cleanup', 'manual');
    if (outcome.status !== 'ok') throw new Error(`blob-cleanup: ${outcome.status}`);
    return outcome.counts;
  };
  const blobRow = (sha: string) =>
    db().selectFrom('blobs').select('sha256').where('sha256', '=', sha).executeTakeFirst();
  const shaOf = (b: Buffer) => BlobStore.hash(b);
  let caseRow: CaseRow;
  const caseworker = async () => {
    const u = await db()
      .selectFrom('users')
      .select(['id', 'display_name', 'org_unit_id'])
      .where('username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow();
    return { id: u.id, name: u.display_name, roles: ['caseworker' as const], orgUnitId: u.org_unit_id };
  };
  /** A text document on our own case; returns the document's id. */
  const addDocument = async (bytes: Buffer) => {
    const up = await uploadDocuments(
      t.db.database,
      blobs,
      caseRow,
      [{ name: 'notat.txt', type: 'text/plain', bytes }],
      { title: 'Notat', direction: 'internal', documentDate: '2026-11-02', sender: '', recipient: '' },
      await caseworker(),
    );
    if (!up.ok) throw new Error('document upload failed');
    return up.ids[0]!;
  };

  beforeAll(async () => {
    t = await createRoomsTestApp(dialect);
    blobs = t.services.blobs;
    const actor = await caseworker();
    const made = await createCase(
      t.db.database,
      emptyCaseInput({
        title: 'Byggesag til filtest',
        kleNumber: '02.00.00',
        facetCode: 'G01',
        unitId: String(actor.orgUnitId),
      }),
      actor,
    );
    if (!made.ok) throw new Error(`case: ${JSON.stringify(made.errors)}`);
    caseRow = await db().selectFrom('cases').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
  });
  afterAll(async () => t.cleanup());

  it('removes the bytes of a deleted personal file and a deleted room file, keeps content a document shares, and a second run is harmless', async () => {
    const personal = text('Privat notat');
    const shared = text('Fælles notat');
    const roomOnly = text('Rummets referat');
    const up = await t.upload(
      '/me/files',
      { folder: '' },
      [
        { field: 'files', name: 'privat.txt', type: 'text/plain', content: personal },
        { field: 'files', name: 'faelles.txt', type: 'text/plain', content: shared },
      ],
      { cookie: t.cookie.medarbejder },
    );
    expect(up.status).toBe(303);
    // The same bytes as a document on a case.
    await addDocument(shared);
    const roomId = await t.room('medarbejder', { name: `Projekt ${randomUUID().slice(0, 8)}` });
    expect(
      (
        await t.upload(
          `/rooms/${roomId}/files`,
          {},
          [{ field: 'files', name: 'referat.txt', type: 'text/plain', content: roomOnly }],
          { cookie: t.cookie.medarbejder },
        )
      ).status,
    ).toBe(303);
    for (const b of [personal, shared, roomOnly]) expect(blobs.exists(shaOf(b))).toBe(true);

    // Delete them through the pages a user uses.
    const mine = await db()
      .selectFrom('personal_files')
      .select(['id', 'blob_sha256'])
      .where('user_id', '=', await t.idOf('medarbejder'))
      .execute();
    for (const f of mine.filter((f) => [shaOf(personal), shaOf(shared)].includes(f.blob_sha256))) {
      expect((await t.post(`/me/files/${f.id}/deletion`, {}, { cookie: t.cookie.medarbejder })).status).toBe(303);
    }
    const roomFile = await db()
      .selectFrom('room_files')
      .select('id')
      .where('room_id', '=', roomId)
      .executeTakeFirstOrThrow();
    expect(
      (await t.post(`/rooms/${roomId}/files/${roomFile.id}/deletion`, {}, { cookie: t.cookie.medarbejder })).status,
    ).toBe(303);
    expect(
      await db().selectFrom('room_file_versions').select('id').where('file_id', '=', roomFile.id).execute(),
    ).toEqual([]);

    // Within the grace period nothing goes, even unreferenced.
    await runJob();
    expect(blobs.exists(shaOf(personal))).toBe(true);

    ageAll();
    const first = await runJob();
    expect(first.removed).toBeGreaterThanOrEqual(2);
    expect(blobs.exists(shaOf(personal))).toBe(false);
    expect(blobs.exists(shaOf(roomOnly))).toBe(false);
    expect(await blobRow(shaOf(personal))).toBeUndefined();
    expect(await blobRow(shaOf(roomOnly))).toBeUndefined();
    // Still a document on the case.
    expect(blobs.exists(shaOf(shared))).toBe(true);
    expect((await blobs.read(shaOf(shared))).equals(shared)).toBe(true);

    const second = await runJob();
    expect(second.removed).toBe(0);
    expect(second.missing).toBe(0);
    expect(blobs.exists(shaOf(shared))).toBe(true);
    // Every document of the demo still has its file.
    const versions = await db().selectFrom('document_versions').select(['blob_sha256', 'rendition_sha256']).execute();
    for (const v of versions) {
      expect(blobs.exists(v.blob_sha256)).toBe(true);
      if (v.rendition_sha256) expect(blobs.exists(v.rendition_sha256)).toBe(true);
    }
  });

  it('keeps a blob referred to from each referencing column and from a published snapshot only', async () => {
    const fresh = async (label: string) => {
      const bytes = text(label);
      return blobs.put(t.db.database, bytes);
    };
    const kept: Record<string, string> = {};
    const now = new Date().toISOString();
    const medarbejder = await t.idOf('medarbejder');

    // document_versions.blob_sha256 and rendition_sha256 (an unlocked version may get a rendition).
    const original = text('Sagsnotat');
    const documentId = await addDocument(original);
    kept['document_versions.blob_sha256'] = shaOf(original);
    kept['document_versions.rendition_sha256'] = await fresh('Rendition');
    await db()
      .updateTable('document_versions')
      .set({ rendition_sha256: kept['document_versions.rendition_sha256'] })
      .where('document_id', '=', documentId)
      .execute();

    kept['news.image_sha256'] = await fresh('Nyhedsbillede');
    await db()
      .insertInto('news')
      .values({
        title: 'Nyhed',
        summary: 'Kort',
        body_md: 'Tekst',
        body_text: 'Tekst',
        image_sha256: kept['news.image_sha256'],
        image_mime: 'image/png',
        image_alt: 'Billede',
        publish_at: now,
        unpublish_at: null,
        pinned: 0,
        must_read: 0,
        version: 1,
        author_id: null,
        created_at: now,
        updated_at: now,
        updated_by: null,
      })
      .execute();

    kept['news_pending_images.sha256'] = await fresh('Ventende billede');
    await db()
      .insertInto('news_pending_images')
      .values({
        token: randomUUID(),
        user_id: medarbejder,
        sha256: kept['news_pending_images.sha256'],
        mime: 'image/png',
        created_at: now,
      })
      .execute();

    kept['profiles.photo_sha256'] = await fresh('Portræt');
    await db()
      .insertInto('profiles')
      .values({
        user_id: medarbejder,
        about: null,
        photo_sha256: kept['profiles.photo_sha256'],
        photo_mime: 'image/png',
        photo_updated_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ photo_sha256: kept['profiles.photo_sha256'] }))
      .execute();

    kept['municipality_logos.sha256'] = await fresh('Logo');
    await db()
      .insertInto('municipality_logos')
      .values({
        sha256: kept['municipality_logos.sha256'],
        mime: 'image/png',
        width: 32,
        height: 32,
        uploaded_at: now,
        uploaded_by: null,
      })
      .execute();

    kept['personal_files.blob_sha256'] = await fresh('Personlig fil');
    await db()
      .insertInto('personal_files')
      .values({
        user_id: medarbejder,
        folder_id: null,
        name: 'p.txt',
        blob_sha256: kept['personal_files.blob_sha256'],
        mime: 'text/plain',
        size: 10,
        created_at: now,
        updated_at: now,
      })
      .execute();

    const roomId = await t.room('medarbejder', { name: `Rum ${randomUUID().slice(0, 8)}` });
    const roomBytes = text('Rumfil');
    expect(
      (
        await t.upload(
          `/rooms/${roomId}/files`,
          {},
          [{ field: 'files', name: 'rum.txt', type: 'text/plain', content: roomBytes }],
          { cookie: t.cookie.medarbejder },
        )
      ).status,
    ).toBe(303);
    kept['room_file_versions.blob_sha256'] = shaOf(roomBytes);

    // A published snapshot freezes attachment hashes in JSON, with no foreign key.
    const committee = await db()
      .insertInto('committees')
      .values({
        name: 'Udvalget for Teknik og Miljø',
        short_name: 'TMU',
        kind: 'standing',
        mandate: null,
        term_start: null,
        term_end: null,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const meeting = await db()
      .insertInto('meetings')
      .values({
        committee_id: committee.id,
        title: 'Ordinært møde',
        starts_at: '2026-12-10T15:00:00.000Z',
        ends_at: null,
        location_id: null,
        status: 'planned',
        agenda_published_at: null,
        minutes_published_at: null,
        created_at: now,
        created_by: null,
        updated_at: now,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    kept['published_versions.snapshot'] = await fresh('Bilag');
    await db()
      .insertInto('published_versions')
      .values({
        meeting_id: meeting.id,
        kind: 'agenda',
        number: 1,
        change_kind: 'version',
        change_note: 'test',
        snapshot: JSON.stringify({
          kind: 'agenda',
          items: [{ attachments: [{ blobSha256: kept['published_versions.snapshot'] }] }],
        }),
        previous_sha256: null,
        sha256: randomUUID(),
        published_at: now,
        published_by: null,
      })
      .execute();

    for (const { table, column } of BLOB_REFERENCES)
      expect(kept[`${table}.${column}`], `${table}.${column} has a fixture`).toBeDefined();
    const orphan = await fresh('Forældreløs');

    ageAll();
    const result = await collectBlobGarbage(t.db.database, blobs);
    expect(result.removed).toBeGreaterThanOrEqual(1);
    expect(blobs.exists(orphan)).toBe(false);
    for (const [where, sha] of Object.entries(kept)) {
      expect(blobs.exists(sha), where).toBe(true);
      expect(await blobRow(sha), where).toBeDefined();
    }
  });

  it('never removes content stored again during the grace period, and cleans up what interrupted runs and uploads left', async () => {
    const bytes = text('Gammelt indhold');
    const sha = await blobs.put(t.db.database, bytes);
    ageAll();
    // The same bytes uploaded again (the row not yet committed): put touches the old file.
    await blobs.put(t.db.database, bytes);
    await collectBlobGarbage(t.db.database, blobs);
    expect(blobs.exists(sha)).toBe(true);

    // A run that stopped after setting a file aside, and a crashed upload's temporary file.
    const dir = path.dirname(blobs.pathOf(sha));
    const aside = path.join(dir, `.gc-${sha}-abcdef`);
    fs.renameSync(blobs.pathOf(sha), aside);
    const tmp = path.join(dir, '.tmp-0123456789abcdef');
    fs.writeFileSync(tmp, 'half');
    ageAll();
    const r = await collectBlobGarbage(t.db.database, blobs);
    expect(fs.existsSync(aside)).toBe(false);
    expect(fs.existsSync(tmp)).toBe(false);
    expect(r.temp).toBe(1);
    // Put back, then judged on the next run: nothing refers to it, so it goes.
    expect(blobs.exists(sha)).toBe(true);
    ageAll();
    await collectBlobGarbage(t.db.database, blobs);
    expect(blobs.exists(sha)).toBe(false);
    expect(await blobRow(sha)).toBeUndefined();
  });

  it('keeps a blob that a column it does not know refers to: the foreign key refuses the delete and the file is put back', async () => {
    await sql`create table gc_probe (sha text not null references blobs (sha256))`.execute(db());
    try {
      const sha = await blobs.put(t.db.database, text('Ukendt henvisning'));
      await sql`insert into gc_probe (sha) values (${sha})`.execute(db());
      ageAll();
      await collectBlobGarbage(t.db.database, blobs);
      expect(blobs.exists(sha)).toBe(true);
      expect(await blobRow(sha)).toBeDefined();
      expect(fs.readdirSync(path.dirname(blobs.pathOf(sha))).filter((n) => n.startsWith('.gc-'))).toEqual([]);
    } finally {
      await sql`drop table gc_probe`.execute(db());
    }
  });

  it('knows every column of the schema that refers to a blob', async () => {
    const fks =
      dialect === 'sqlite'
        ? (
            await sql<{ table: string; column: string }>`
              select m.name as "table", p."from" as "column"
              from sqlite_master m join pragma_foreign_key_list(m.name) p
              where m.type = 'table' and p."table" = 'blobs'`.execute(db())
          ).rows
        : (
            await sql<{ table: string; column: string }>`
              select kcu.table_name as "table", kcu.column_name as "column"
              from information_schema.referential_constraints rc
              join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
              join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
              where ccu.table_name = 'blobs' and kcu.table_schema = current_schema()`.execute(db())
          ).rows;
    const key = (r: { table: string; column: string }) => `${r.table}.${r.column}`;
    expect(fks.map(key).sort()).toEqual(BLOB_REFERENCES.map(key).sort());
    // Columns that hold a SHA-256 without a foreign key must be known to be something else.
    const hashColumns =
      dialect === 'sqlite'
        ? (
            await sql<{ table: string; column: string }>`
              select m.name as "table", p.name as "column" from sqlite_master m join pragma_table_info(m.name) p
              where m.type = 'table' and p.name like '%sha%'`.execute(db())
          ).rows
        : (
            await sql<{ table: string; column: string }>`
              select table_name as "table", column_name as "column" from information_schema.columns
              where table_schema = current_schema() and column_name like '%sha%'`.execute(db())
          ).rows;
    const notBlobs = [
      'blobs.sha256', // the blobs themselves
      'published_versions.sha256', // the seal of a version (its snapshot's attachment hashes are read from the JSON)
      'published_versions.previous_sha256',
      'decision_writebacks.decision_sha256', // the hash of a decision's text
    ];
    const unknown = hashColumns
      .map(key)
      .filter((k) => !notBlobs.includes(k) && !BLOB_REFERENCES.some((r) => key(r) === k));
    expect(unknown).toEqual([]);
  });
});
