import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { nowIso } from '../../db/index.ts';
import type { Role } from '../../policy/index.ts';
import { meetingClosures, PUBLIC_VIEWER, redactSnapshot, viewerFor } from './redaction.ts';
import { publishedVersions, publishVersion, verifySeals } from './publish.ts';

describe.each(DIALECTS)('meetings: publishing and redaction (%s)', (dialect) => {
  let t: TestApp;
  let meetingId: number;
  let openItem: number;
  let closedItem: number;
  const ids: Record<string, { id: string; name: string; roles: Role[]; orgUnitId: number | null }> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const db = t.db.database.db;
    for (const username of ['sekretariat', 'politiker', 'medarbejder']) {
      const u = await db
        .selectFrom('users')
        .select(['id', 'display_name', 'org_unit_id'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute();
      ids[username] = {
        id: u.id,
        name: u.display_name,
        roles: roles.map((r) => r.role as Role),
        orgUnitId: u.org_unit_id,
      };
    }
    const at = nowIso();
    const committee = await db
      .insertInto('committees')
      .values({
        name: 'Udvalget for Teknik og Miljø',
        short_name: 'TMU',
        kind: 'standing',
        mandate: null,
        term_start: null,
        term_end: null,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const person = async (name: string, userId: string | null) =>
      (
        await db
          .insertInto('council_persons')
          .values({
            user_id: userId,
            name,
            given_name: null,
            family_name: null,
            party: 'A',
            email: null,
            phone: null,
            created_at: at,
            updated_at: at,
            deleted_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const politician = await person('Politiker Demo', ids.politiker!.id);
    const other = await person('Anden Politiker', null);
    for (const p of [politician, other]) {
      await db
        .insertInto('committee_memberships')
        .values({
          committee_id: committee.id,
          person_id: p,
          role: 'member',
          starts_on: '2026-01-01',
          ends_on: null,
          created_at: at,
          updated_at: at,
          deleted_at: null,
        })
        .execute();
    }
    const meeting = await db
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
        created_at: at,
        created_by: ids.sekretariat!.id,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    meetingId = meeting.id;
    const item = async (number: number, title: string, closed: number) =>
      (
        await db
          .insertInto('agenda_items')
          .values({
            meeting_id: meetingId,
            paper_id: null,
            number,
            title,
            closed,
            closed_reason: closed ? 'Personsag' : null,
            presentation: `Fremstilling af ${title}`,
            recommendation: 'Forvaltningen indstiller, at …',
            economy: '',
            decision: null,
            decided_at: null,
            decision_document_id: null,
            created_at: at,
            created_by: null,
            updated_at: at,
            deleted_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    openItem = await item(1, 'Cykelsti langs Åvej', 0);
    closedItem = await item(2, 'Salg af ejendommen Skolevej 4', 1);
    await db
      .insertInto('item_disqualifications')
      .values({
        item_id: closedItem,
        person_id: other,
        reason: 'Nabo til ejendommen',
        kept_out: 1,
        created_at: at,
        created_by: null,
      })
      .execute();
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  it('publishes sealed, numbered versions that form a chain and cannot be changed', async () => {
    const actor = { id: ids.sekretariat!.id, name: ids.sekretariat!.name };
    const v1 = await publishVersion(t.db.database, meetingId, 'agenda', { actor });
    expect(v1.number).toBe(1);
    expect(v1.changeKind).toBeNull();
    await t.db.database.db
      .updateTable('agenda_items')
      .set({ title: 'Cykelsti langs Åvej og Bækvej' })
      .where('id', '=', openItem)
      .execute();
    const v2 = await publishVersion(t.db.database, meetingId, 'agenda', {
      actor,
      changeKind: 'version',
      changeNote: 'Punkt 1 omfatter nu også Bækvej.',
    });
    expect(v2.number).toBe(2);
    expect(v2.previousSha256).toBe(v1.sha256);
    const versions = await publishedVersions(t.db.database, meetingId, 'agenda');
    expect(versions.map((v) => v.snapshot.items[0]!.title)).toEqual([
      'Cykelsti langs Åvej',
      'Cykelsti langs Åvej og Bækvej',
    ]);
    expect(await verifySeals(t.db.database, meetingId, 'agenda')).toEqual({ ok: true });
    await expect(
      sql`update published_versions set change_note = 'x' where id = ${v1.id}`.execute(t.db.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from published_versions where id = ${v1.id}`.execute(t.db.database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('shows a closed item only to members and the secretariat, and not to a member kept out of it', async () => {
    const meeting = await t.db.database.db
      .selectFrom('meetings')
      .select(['id', 'committee_id', 'starts_at'])
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    const [latest] = (await publishedVersions(t.db.database, meetingId, 'agenda')).slice(-1);
    const snapshot = latest!.snapshot;
    const closedOf = (s: typeof snapshot) => s.items.find((i) => i.id === closedItem)!;
    const closures = await meetingClosures(t.db.database, meetingId);

    const publicView = redactSnapshot(snapshot, PUBLIC_VIEWER, closures);
    expect(closedOf(publicView)).toMatchObject({
      number: 2,
      closed: true,
      title: '',
      presentation: '',
      attachments: [],
    });
    expect(JSON.stringify(publicView)).not.toContain('Skolevej');

    const employee = redactSnapshot(snapshot, await viewerFor(t.db.database, ids.medarbejder!, meeting), closures);
    expect(JSON.stringify(employee)).not.toContain('Skolevej');

    const member = await viewerFor(t.db.database, ids.politiker!, meeting);
    expect(member.member).toBe(true);
    expect(closedOf(redactSnapshot(snapshot, member, closures)).title).toBe('Salg af ejendommen Skolevej 4');

    const secretariat = await viewerFor(t.db.database, ids.sekretariat!, meeting);
    expect(secretariat.secretariat).toBe(true);
    expect(closedOf(redactSnapshot(snapshot, secretariat, closures)).presentation).toContain('Skolevej');

    // The other member is kept out of the closed item (conflict of interest).
    const other = await t.db.database.db
      .selectFrom('council_persons')
      .select('id')
      .where('name', '=', 'Anden Politiker')
      .executeTakeFirstOrThrow();
    const keptOut = redactSnapshot(
      snapshot,
      { userId: 'x', secretariat: false, personId: other.id, member: true },
      closures,
    );
    expect(JSON.stringify(keptOut)).not.toContain('Skolevej');
    expect(keptOut.items.find((i) => i.id === openItem)!.title).toContain('Cykelsti');
  });
});
