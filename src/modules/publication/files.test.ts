import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { meetingClosures, PUBLIC_VIEWER, viewerFor, type MeetingViewer } from './redaction.ts';
import { serveSnapshotAttachment } from './files.ts';
import { latestVersion, publishVersion } from './publish.ts';
import { buildPublicFixture, type PublicFixture } from '../../../test/helpers/public-fixture.ts';

describe.each(DIALECTS)('serving attachments of a published version (%s)', (dialect) => {
  let t: TestApp;
  let f: PublicFixture;
  let app: Hono;
  let viewer: MeetingViewer = PUBLIC_VIEWER;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await buildPublicFixture(t);
    app = new Hono();
    app.get('/:id', async (c) => {
      const version = (await latestVersion(t.db.database, f.meetingId, 'minutes'))!;
      return serveSnapshotAttachment(
        c,
        t.services.blobs,
        version.snapshot,
        Number(c.req.param('id')),
        viewer,
        await meetingClosures(t.db.database, f.meetingId),
        { download: c.req.query('download') === '1' },
      );
    });
    app.onError((err, c) =>
      err instanceof HTTPException ? c.text('not found', err.status) : c.text(String(err), 500),
    );
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  const ask = (id: number, q = '') => app.request(`http://localhost/${id}${q}`);

  it('serves open attachments to the public and refuses closed ones and those of closed items', async () => {
    viewer = PUBLIC_VIEWER;
    const open = await ask(f.openAttachmentId);
    expect(open.status).toBe(200);
    expect(open.headers.get('cache-control')).toBe('public, no-cache');
    expect((await ask(f.closedAttachmentId)).status).toBe(404);
    expect((await ask(f.closedItemAttachmentId)).status).toBe(404);
    expect((await ask(987654)).status).toBe(404);
  });

  it('serves closed attachments to a committee member, privately cached, with a safe file name', async () => {
    const user = await t.db.database.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', 'politiker')
      .executeTakeFirstOrThrow();
    const roles = await t.db.database.db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', user.id)
      .execute();
    const meeting = await t.db.database.db
      .selectFrom('meetings')
      .select(['id', 'committee_id', 'starts_at'])
      .where('id', '=', f.meetingId)
      .executeTakeFirstOrThrow();
    viewer = await viewerFor(
      t.db.database,
      { id: user.id, name: user.display_name, roles: roles.map((r) => r.role), orgUnitId: null } as never,
      meeting,
    );
    expect(viewer.member).toBe(true);
    const closed = await ask(f.closedAttachmentId, '?download=1');
    expect(closed.status).toBe(200);
    expect(closed.headers.get('cache-control')).toBe('private, no-cache');
    expect(closed.headers.get('content-disposition')).toBe('attachment; filename="helbred-nabo.pdf"');
    expect(closed.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(closed.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await ask(f.closedItemAttachmentId)).status).toBe(200);

    // The same member kept out of the closed item (conflict of interest) does not get its files.
    await t.db.database.db
      .insertInto('item_disqualifications')
      .values({
        item_id: f.closedItemId,
        person_id: viewer.personId!,
        reason: 'Inhabil',
        kept_out: 1,
        created_at: new Date().toISOString(),
        created_by: null,
      })
      .execute();
    // Published snapshots are frozen: the exclusion counts from the next publication.
    await publishVersion(t.db.database, f.meetingId, 'minutes', {
      actor: { id: user.id, name: user.display_name },
      changeKind: 'version',
      changeNote: 'Inhabilitet registreret.',
    });
    expect((await ask(f.closedItemAttachmentId)).status).toBe(404);
    expect((await ask(f.closedAttachmentId)).status).toBe(200);
  });
});
