import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { nowIso } from '../../db/index.ts';
import { PUBLIC_VIEWER } from './redaction.ts';
import { pdfFilename, renderMeetingPdf } from './agenda-pdf.ts';
import { allText } from '../../../test/helpers/pdf.ts';
import { publishVersion } from './publish.ts';

/** The minutes PDF through `renderMeetingPdf` (the entry point the minutes module uses). */
describe.each(DIALECTS)('meetings: the minutes PDF (%s)', (dialect) => {
  let t: TestApp;
  let meetingId: number;
  let memberId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const db = t.db.database.db;
    const at = nowIso();
    const committee = await db
      .insertInto('committees')
      .values({
        name: 'Børne- og Ungeudvalget',
        short_name: 'BUU',
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
    const person = async (name: string, party: string) =>
      (
        await db
          .insertInto('council_persons')
          .values({
            user_id: null,
            name,
            given_name: null,
            family_name: null,
            party,
            email: null,
            phone: null,
            created_at: at,
            updated_at: at,
            deleted_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    memberId = await person('Trine Hvidberg', 'A');
    const other = await person('Sara Nygaard', 'Ø');
    const meeting = await db
      .insertInto('meetings')
      .values({
        committee_id: committee.id,
        title: 'Ordinært møde',
        starts_at: '2026-11-04T15:00:00.000Z',
        ends_at: null,
        location_id: null,
        status: 'held',
        agenda_published_at: at,
        minutes_published_at: at,
        created_at: at,
        created_by: null,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    meetingId = meeting.id;
    const item = async (number: number, title: string, closed: number, decision: string) =>
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
            presentation: `Om ${title}.`,
            recommendation: 'Indstillingen.',
            economy: '',
            decision,
            decided_at: at,
            decision_document_id: null,
            created_at: at,
            created_by: null,
            updated_at: at,
            deleted_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const open = await item(1, 'Ny skolestruktur i Skovlund', 0, 'Indstillingen blev godkendt.');
    await item(2, 'Anbringelse af navngivet barn', 1, 'HEMMELIG-AFGØRELSE om barnet.');
    await db
      .insertInto('item_dissents')
      .values({
        item_id: open,
        person_id: other,
        text: 'Ø stemte imod og ønskede det ført til protokol.',
        created_at: at,
        created_by: null,
      })
      .execute();
    for (const [p, status] of [
      [memberId, 'present'],
      [other, 'absent'],
    ] as const) {
      await db
        .insertInto('meeting_attendance')
        .values({
          meeting_id: meetingId,
          person_id: p,
          status,
          substitute_for: null,
          note: null,
          updated_at: at,
          updated_by: null,
        })
        .execute();
    }
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  it('prints decisions, minority statements, attendance, approvals and the seal; closed decisions only for members', async () => {
    const secretary = await t.db.database.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', 'sekretariat')
      .executeTakeFirstOrThrow();
    const version = await publishVersion(t.db.database, meetingId, 'minutes', {
      actor: { id: secretary.id, name: secretary.display_name },
    });
    const opts = {
      approvals: [{ member: 'Trine Hvidberg (A)', at: '2026-11-05T08:00:00.000Z' }],
      seal: version.sha256,
    };
    const publicText = await allText(
      await renderMeetingPdf(t.db.database, t.services.blobs, version, PUBLIC_VIEWER, opts),
    );
    expect(publicText).toContain('Ny skolestruktur i Skovlund');
    expect(publicText).toContain('Indstillingen blev godkendt.');
    expect(publicText).toContain('Ø stemte imod');
    expect(publicText).toContain('Sara Nygaard (Ø)');
    expect(publicText).toContain('Trine Hvidberg (A)');
    expect(publicText.replace(/\s+/g, '')).toContain(version.sha256.slice(0, 16));
    expect(publicText).not.toContain('HEMMELIG');
    expect(publicText).not.toContain('Anbringelse');
    const member = { userId: 'u', secretariat: false, personId: memberId, member: true };
    const memberText = await allText(
      await renderMeetingPdf(t.db.database, t.services.blobs, version, member, { ...opts, locale: 'en' }),
    );
    expect(memberText).toContain('HEMMELIG-AFGØRELSE om barnet.');
    expect(memberText).toContain('Decision');
    expect(pdfFilename(version, 'da', false)).toBe('Referat-Børne-og-Ungeudvalget-2026-11-04-v1.pdf');
  });
});
