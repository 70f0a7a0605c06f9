import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { BlobStore } from '../../files/blobs.ts';
import { DEFAULT_ROOM_QUOTA, ROOM_QUOTA_SETTING } from '../../files/quotas.ts';
import { putSetting } from '../../db/settings.ts';
import { createRoomsTestApp, type DemoUser, type RoomsTestApp } from './rooms.fixtures.ts';

describe.each(DIALECTS)('room files: deletion and quota (%s)', (dialect) => {
  let t: RoomsTestApp;
  const db = () => t.db.database.db;
  const file = (name: string, size: number, fill: string) => ({
    field: 'files',
    name,
    type: 'text/plain',
    content: Buffer.alloc(size, fill),
  });
  const upload = async (as: DemoUser, roomId: number, f: ReturnType<typeof file>) =>
    t.upload(`/rooms/${roomId}/files`, {}, [f], { cookie: t.cookie[as] });
  const filesIn = (roomId: number) =>
    db().selectFrom('room_files').select(['id', 'title']).where('room_id', '=', roomId).orderBy('id').execute();

  beforeAll(async () => {
    t = await createRoomsTestApp(dialect);
  });
  afterAll(async () => t.cleanup());

  it("lets the room's owners and a file's uploader delete it, nobody else", async () => {
    const roomId = await t.room('medarbejder', { name: 'Sletning af filer' });
    await t.join('sagsbehandler', roomId);
    expect((await upload('sagsbehandler', roomId, file('kasper.txt', 50, 'k'))).status).toBe(303);
    expect((await upload('medarbejder', roomId, file('ejer.txt', 50, 'e'))).status).toBe(303);
    const [kasper, owner] = await filesIn(roomId);

    // The uploader sees the button on their own file only.
    expect((await t.page('sagsbehandler', `/rooms/${roomId}/files/${kasper!.id}`)).html).toContain(
      `action="/rooms/${roomId}/files/${kasper!.id}/deletion"`,
    );
    expect((await t.page('sagsbehandler', `/rooms/${roomId}/files/${owner!.id}`)).html).not.toContain('/deletion"');
    // Another member, and a reader of the open room who is no member, are refused.
    expect(
      (await t.post(`/rooms/${roomId}/files/${owner!.id}/deletion`, {}, { cookie: t.cookie.sagsbehandler })).status,
    ).toBe(403);
    expect(
      (await t.post(`/rooms/${roomId}/files/${kasper!.id}/deletion`, {}, { cookie: t.cookie.journal })).status,
    ).toBe(403);
    expect(await filesIn(roomId)).toHaveLength(2);

    // The owner deletes someone else's file; the uploader deletes their own.
    const byOwner = await t.post(`/rooms/${roomId}/files/${kasper!.id}/deletion`, {}, { cookie: t.cookie.medarbejder });
    expect(byOwner.status).toBe(303);
    expect((await t.page('medarbejder', `/rooms/${roomId}/files`, byOwner)).html).toContain('Filen er slettet.');
    expect((await filesIn(roomId)).map((f) => f.title)).toEqual(['ejer']);
    expect(
      (await t.get(`/rooms/${roomId}/files/${kasper!.id}/versions/1`, { cookie: t.cookie.medarbejder })).status,
    ).toBe(404);
    const entry = await db()
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'file.delete')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details!)).toMatchObject({ title: 'kasper', versions: 1 });

    // A closed room's file is not found by outsiders.
    const closed = await t.room('medarbejder', { name: 'Lukket rum', visibility: 'closed' });
    expect((await upload('medarbejder', closed, file('hemmelig.txt', 20, 'h'))).status).toBe(303);
    const [secret] = await filesIn(closed);
    expect(
      (await t.post(`/rooms/${closed}/files/${secret!.id}/deletion`, {}, { cookie: t.cookie.sagsbehandler })).status,
    ).toBe(404);
    expect(await filesIn(closed)).toHaveLength(1);
  });

  it("refuses uploads and new versions past the room's quota with a clear message, storing nothing", async () => {
    const roomId = await t.room('medarbejder', { name: 'Kvoterum' });
    await putSetting(t.db.database, ROOM_QUOTA_SETTING, '1000');
    try {
      expect((await upload('medarbejder', roomId, file('første.txt', 600, 'f'))).status).toBe(303);
      const page = await t.page('medarbejder', `/rooms/${roomId}/files`);
      expect(page.html).toContain('Rummets filer fylder 600 B af 1.000 B.');

      const big = file('anden.txt', 500, 'g');
      const refused = await upload('medarbejder', roomId, big);
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain(
        'Rummet har ikke plads: rummets filer fylder 600 B af 1.000 B, og uploaden fylder 500 B.',
      );
      expect(await filesIn(roomId)).toHaveLength(1);
      expect(t.services.blobs.exists(BlobStore.hash(big.content))).toBe(false);

      // Every version counts: a second version of 500 B does not fit either.
      const [first] = await filesIn(roomId);
      const version = await t.upload(
        `/rooms/${roomId}/files/${first!.id}/versions`,
        { note: 'Rettet' },
        [{ ...big, field: 'file' }],
        { cookie: t.cookie.medarbejder },
      );
      expect(version.status).toBe(422);
      const html = await version.text();
      expect(html).toContain('Rummet har ikke plads');
      expect(html).toContain('value="Rettet"');
      expect(
        await db().selectFrom('room_file_versions').select('version').where('file_id', '=', first!.id).execute(),
      ).toHaveLength(1);
      expect(t.services.blobs.exists(BlobStore.hash(big.content))).toBe(false);

      // Deleting frees the space.
      expect(
        (await t.post(`/rooms/${roomId}/files/${first!.id}/deletion`, {}, { cookie: t.cookie.medarbejder })).status,
      ).toBe(303);
      expect((await upload('medarbejder', roomId, big)).status).toBe(303);
    } finally {
      await putSetting(t.db.database, ROOM_QUOTA_SETTING, String(DEFAULT_ROOM_QUOTA));
    }
  });
});
