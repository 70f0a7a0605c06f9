import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCookies } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { createReaderFixture, type ReaderFixture } from '../../../test/helpers/reader-fixture.ts';
import { publishedVersions, verifySeals } from '../publication/index.ts';
import { writeBackDecisions } from './minutes.ts';

describe.each(DIALECTS)('meetings: minutes, approval and decision write-back (%s)', (dialect) => {
  let f: ReaderFixture;
  let base: string;

  beforeAll(async () => {
    f = await createReaderFixture(dialect);
    base = `/meetings/${f.meeting}/minutes`;
  }, 180_000);

  afterAll(async () => {
    await f?.t.cleanup();
  });

  const db = () => f.t.db.database.db;
  const meetingRow = () =>
    db().selectFrom('meetings').selectAll().where('id', '=', f.meeting).executeTakeFirstOrThrow();

  it('is for the secretariat only', async () => {
    for (const who of ['politiker', 'medarbejder', 'sagsbehandler'] as const) {
      expect((await f.t.get(base, { cookie: f.cookie[who] })).status).toBe(403);
      expect((await f.t.post(`${base}/holding`, {}, { cookie: f.cookie[who] })).status).toBe(403);
    }
    const res = await f.t.get(base, { cookie: f.cookie.sekretariat });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Testudvalget for Teknik');
    expect(html).toContain('Sif Stedfortræder');
    expect((await f.t.get('/meetings/999999/minutes', { cookie: f.cookie.sekretariat })).status).toBe(404);
  });

  it("saves every item's decision from the one decisions form, all or nothing, keeping every text on a 422", async () => {
    const other = `/meetings/${f.otherMeeting}/minutes`;
    const [one, two] = [f.otherOpenItem, f.otherClosedItem];
    const decision = async (id: number) =>
      (await db().selectFrom('agenda_items').select('decision').where('id', '=', id).executeTakeFirstOrThrow())
        .decision;
    const s = { cookie: f.cookie.sekretariat };
    const page = await (await f.t.get(other, s)).text();
    // Every decision field belongs to the one form, whichever item's button is pressed.
    expect(page).toContain(`<form id="decisions-form" method="post" action="${other}/decisions">`);
    expect(page).toMatch(new RegExp(`<textarea[^>]*id="decision-${one}"[^>]*form="decisions-form"`));
    expect(page).toMatch(new RegExp(`<button type="submit"[^>]*form="decisions-form" name="item" value="${two}"`));

    // One too long: refused, nothing saved, both texts come back.
    const long = 'z'.repeat(20_001);
    const bad = await f.t.post(
      `${other}/decisions`,
      { [`decision-${one}`]: 'Godkendt.', [`decision-${two}`]: long, item: String(two) },
      s,
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Beslutningen må højst være 20000 tegn.');
    expect(html).toMatch(new RegExp(`id="decision-${one}"[^>]*>Godkendt\\.</textarea>`));
    expect(html).toContain(long);
    expect(await decision(one)).toBeNull();

    const ok = await f.t.post(
      `${other}/decisions`,
      { [`decision-${one}`]: 'Godkendt.', [`decision-${two}`]: 'Bevilget.', item: String(two) },
      s,
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`${other}#item-${two}`);
    expect([await decision(one), await decision(two)]).toEqual(['Godkendt.', 'Bevilget.']);
    const audited = await db()
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'meeting.decision.save')
      .where('entity_id', '=', String(f.otherMeeting))
      .execute();
    expect(audited).toHaveLength(2);

    // htmx: the item's button posts the whole form to the item's own address; only that item is
    // saved and only its block comes back, with the confirmation and the live announcement.
    const hx = { ...s, headers: { 'HX-Request': 'true' } };
    const frag = await f.t.post(
      `${other}/items/${two}/decision`,
      { [`decision-${one}`]: 'Ændret, ikke gemt.', [`decision-${two}`]: 'Bevilget med vilkår.', item: String(two) },
      hx,
    );
    expect(frag.status).toBe(200);
    const fragment = await frag.text();
    expect(fragment).toMatch(new RegExp(`^<div class="mb-4" id="decision-${two}-block">`));
    expect(fragment).not.toContain('<html');
    expect(fragment).not.toContain(`decision-${one}`);
    expect(fragment).toContain('Beslutningen på punkt 2 er gemt.');
    expect([await decision(one), await decision(two)]).toEqual(['Godkendt.', 'Bevilget med vilkår.']);
    const fragBad = await f.t.post(`${other}/items/${two}/decision`, { [`decision-${two}`]: long }, hx);
    expect(fragBad.status).toBe(422);
    const fragBadHtml = await fragBad.text();
    expect(fragBadHtml).toContain(long);
    expect(fragBadHtml).toContain('aria-invalid="true"');
    expect(await decision(two)).toBe('Bevilget med vilkår.');
  });

  it('records attendance with a substitute, and explains bad input in Danish without losing it', async () => {
    const p = f.persons;
    // Bo is not marked at all: refused, with the choices already made kept.
    const bad = await f.t.post(
      `${base}/attendance`,
      { [`att-${p.anne}`]: 'present', [`att-${p.politiker}`]: 'present', [`sub-${p.sif}`]: String(p.bo) },
      { cookie: f.cookie.sekretariat },
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Vælg til stede eller fraværende for Bo Berg.');
    expect(html).toMatch(new RegExp(`name="att-${p.anne}" value="present" checked`));
    // A substitute for a member who is present is refused.
    const bad2 = await f.t.post(
      `${base}/attendance`,
      {
        [`att-${p.anne}`]: 'present',
        [`att-${p.politiker}`]: 'present',
        [`att-${p.bo}`]: 'present',
        [`sub-${p.sif}`]: String(p.bo),
      },
      { cookie: f.cookie.sekretariat },
    );
    expect(bad2.status).toBe(422);
    expect(await bad2.text()).toContain('kan kun deltage i stedet for et medlem, der er markeret fraværende');

    const ok = await f.t.post(
      `${base}/attendance`,
      {
        [`att-${p.anne}`]: 'present',
        [`att-${p.politiker}`]: 'present',
        [`att-${p.bo}`]: 'absent',
        [`sub-${p.sif}`]: String(p.bo),
      },
      { cookie: f.cookie.sekretariat },
    );
    expect(ok.status).toBe(303);
    const rows = await db()
      .selectFrom('meeting_attendance')
      .selectAll()
      .where('meeting_id', '=', f.meeting)
      .orderBy('person_id')
      .execute();
    expect(rows.map((r) => [r.person_id, r.status, r.substitute_for])).toEqual(
      [
        [p.politiker, 'present', null],
        [p.anne, 'present', null],
        [p.bo, 'absent', null],
        [p.sif, 'present', p.bo],
      ].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
  });

  it('records decisions, a minority statement and a conflict of interest', async () => {
    const p = f.persons;
    expect(
      (
        await f.t.post(
          `${base}/items/${f.openItem}/decision`,
          { decision: 'Indstillingen blev godkendt.' },
          { cookie: f.cookie.sekretariat },
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await f.t.post(
          `${base}/items/${f.closedItem}/decision`,
          { decision: 'Salget blev godkendt til 4,2 mio. kr.' },
          { cookie: f.cookie.sekretariat },
        )
      ).status,
    ).toBe(303);
    // Bo was absent: he cannot have a dissent recorded; the text typed is kept.
    const bad = await f.t.post(
      `${base}/items/${f.openItem}/dissents`,
      { personId: String(p.bo), text: 'Jeg ønsker en ensrettet sti.' },
      { cookie: f.cookie.sekretariat },
    );
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Vælg et medlem, der var til stede.');
    expect(badHtml).toContain('Jeg ønsker en ensrettet sti.');
    expect(
      (
        await f.t.post(
          `${base}/items/${f.openItem}/dissents`,
          { personId: String(p.anne), text: 'Anne Andersen (A) ønsker en ensrettet sti.' },
          { cookie: f.cookie.sekretariat },
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await f.t.post(
          `${base}/items/${f.closedItem}/disqualifications`,
          { personId: String(p.sif), reason: 'Nabo til ejendommen', keptOut: '1' },
          { cookie: f.cookie.sekretariat },
        )
      ).status,
    ).toBe(303);
    const twice = await f.t.post(
      `${base}/items/${f.closedItem}/disqualifications`,
      { personId: String(p.sif), reason: 'igen' },
      { cookie: f.cookie.sekretariat },
    );
    expect(twice.status).toBe(422);
    const item = await db()
      .selectFrom('agenda_items')
      .select(['decision', 'decided_at'])
      .where('id', '=', f.openItem)
      .executeTakeFirstOrThrow();
    expect(item.decision).toBe('Indstillingen blev godkendt.');
    expect(item.decided_at).not.toBeNull();
  });

  it('cannot send minutes before the meeting is held; then freezes a sealed version for approval', async () => {
    const early = await f.t.post(`${base}/versions`, {}, { cookie: f.cookie.sekretariat });
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('Marker først mødet som afholdt.');
    expect((await f.t.post(`${base}/holding`, {}, { cookie: f.cookie.sekretariat })).status).toBe(303);
    expect((await meetingRow()).status).toBe('held');
    const sent = await f.t.post(`${base}/versions`, {}, { cookie: f.cookie.sekretariat });
    expect(sent.status).toBe(303);
    const versions = await publishedVersions(f.t.db.database, f.meeting, 'minutes');
    expect(versions).toHaveLength(1);
    const snap = versions[0]!.snapshot;
    expect(snap.attendance!.present.map((x) => x.name).sort()).toEqual(['Anne Andersen', 'Jørgen Ellehammer']);
    expect(snap.attendance!.substitutes[0]).toMatchObject({ name: 'Sif Stedfortræder', for: { name: 'Bo Berg' } });
    expect(snap.items.find((i) => i.id === f.openItem)!.dissents![0]!.text).toContain('ensrettet');
    // A second version needs a change note.
    const noNote = await f.t.post(`${base}/versions`, { changeNote: '' }, { cookie: f.cookie.sekretariat });
    expect(noNote.status).toBe(422);
    expect(await noNote.text()).toContain('Skriv kort, hvad der er ændret.');
    // Not published yet: minutes_published_at stays empty while the round is open.
    expect((await meetingRow()).minutes_published_at).toBeNull();
    // The members present with an account are asked to approve, once, linking to the approval page.
    const asked = await db()
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['users.username', 'notifications.link'])
      .where('notifications.kind', '=', 'meeting.minutes')
      .execute();
    expect(asked).toEqual([{ username: 'politiker', link: `/reader/meetings/${f.meeting}/approval` }]);
  });

  it('lets a member present approve with one click (time-stamped, once), others not', async () => {
    expect(
      (await f.t.post(`/reader/meetings/${f.meeting}/approval`, {}, { cookie: f.cookie.medarbejder })).status,
    ).toBe(403);
    const page = await f.t.get(`/reader/meetings/${f.meeting}/approval`, { cookie: f.cookie.politiker });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Jeg godkender referatet (version 1)');
    const res = await f.t.post(`/reader/meetings/${f.meeting}/approval`, {}, { cookie: f.cookie.politiker });
    expect(res.status).toBe(303);
    const again = await f.t.post(`/reader/meetings/${f.meeting}/approval`, {}, { cookie: f.cookie.politiker });
    expect(again.status).toBe(303);
    const approvals = await db().selectFrom('minutes_approvals').selectAll().execute();
    const mine = approvals.filter((a) => a.person_id === f.persons.politiker);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.approved_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Approvals are append-only.
    await expect(sql`delete from minutes_approvals where id = ${mine[0]!.id}`.execute(db())).rejects.toThrow(
      /append-only/,
    );
    // Two of three present have not approved: still held.
    expect((await meetingRow()).status).toBe('held');
    const editor = await (await f.t.get(base, { cookie: f.cookie.sekretariat })).text();
    expect(editor).toContain('1 af 3 har godkendt');
  });

  it('publishes when the secretariat closes the round, and writes each decision back to its case exactly once', async () => {
    const res = await f.t.post(`${base}/closing`, {}, { cookie: f.cookie.sekretariat });
    expect(res.status).toBe(303);
    const m = await meetingRow();
    expect(m.status).toBe('approved');
    expect(m.minutes_published_at).not.toBeNull();
    const item = await db()
      .selectFrom('agenda_items')
      .select('decision_document_id')
      .where('id', '=', f.openItem)
      .executeTakeFirstOrThrow();
    expect(item.decision_document_id).not.toBeNull();
    const doc = await db()
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', item.decision_document_id!)
      .executeTakeFirstOrThrow();
    expect(doc.case_id).toBe(f.caseId);
    expect(doc.journalised_at).not.toBeNull();
    expect(doc.finalised_at).not.toBeNull();
    expect(doc.title).toContain('Beslutning: Testudvalget for Teknik');
    const version = await db()
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(version.mime).toBe('application/pdf');
    expect(version.locked).toBe(1);
    expect(version.text_content ?? '').toContain('Indstillingen blev godkendt');
    const notes = await db().selectFrom('case_notes').select('body').where('case_id', '=', f.caseId).execute();
    const decisionNotes = notes.filter((n) => n.body.includes('Indstillingen blev godkendt.'));
    expect(decisionNotes).toHaveLength(1);
    expect(decisionNotes[0]!.body).toContain('Mindretalsudtalelse (Anne Andersen)');

    // A retry (or a crash and a rerun) writes nothing more.
    const docsBefore = await db().selectFrom('documents').select('id').where('case_id', '=', f.caseId).execute();
    const again = await writeBackDecisions(f.t.db.database, f.t.services.blobs, f.meeting, {
      id: f.userId.sekretariat!,
      name: 'Mette Aagaard',
    });
    expect(again).toEqual({ written: 0, unchanged: 0, skipped: 1 });
    expect(await db().selectFrom('documents').select('id').where('case_id', '=', f.caseId).execute()).toHaveLength(
      docsBefore.length,
    );
    const editor = await (await f.t.get(base, { cookie: f.cookie.sekretariat })).text();
    expect(editor).toContain('Alle beslutninger med en sag er skrevet tilbage');
  });

  it('publishes a correction as a sealed addendum that chains to the approved version, and writes the changed decision back as a new document version', async () => {
    const first = (await publishedVersions(f.t.db.database, f.meeting, 'minutes'))[0]!;
    expect(
      (
        await f.t.post(
          `${base}/items/${f.openItem}/decision`,
          { decision: 'Indstillingen blev godkendt med den ændring, at stien bliver ensrettet.' },
          { cookie: f.cookie.sekretariat },
        )
      ).status,
    ).toBe(303);
    // Readers still see the approved text until the correction is sent.
    const before = await (
      await f.t.get(`/reader/meetings/${f.meeting}/items/${f.openItem}?view=minutes`, { cookie: f.cookie.politiker })
    ).text();
    expect(before).not.toContain('bliver ensrettet');
    const res = await f.t.post(
      `${base}/versions`,
      { changeNote: 'Beslutningen på punkt 1 er præciseret.' },
      { cookie: f.cookie.sekretariat },
    );
    expect(res.status).toBe(303);
    const versions = await publishedVersions(f.t.db.database, f.meeting, 'minutes');
    expect(versions).toHaveLength(2);
    expect(versions[1]).toMatchObject({
      changeKind: 'addendum',
      changeNote: 'Beslutningen på punkt 1 er præciseret.',
      previousSha256: first.sha256,
    });
    expect(versions[0]!.sha256).toBe(first.sha256);
    expect(await verifySeals(f.t.db.database, f.meeting, 'minutes')).toEqual({ ok: true });

    const item = await db()
      .selectFrom('agenda_items')
      .select('decision_document_id')
      .where('id', '=', f.openItem)
      .executeTakeFirstOrThrow();
    const doc = await db()
      .selectFrom('documents')
      .select(['current_version', 'finalised_at'])
      .where('id', '=', item.decision_document_id!)
      .executeTakeFirstOrThrow();
    expect(doc.current_version).toBe(2);
    expect(doc.finalised_at).not.toBeNull();
    const wb = await sql<{
      n: number;
    }>`select count(*) as n from decision_writebacks where item_id = ${f.openItem}`.execute(db());
    expect(Number(wb.rows[0]!.n)).toBe(2);

    const editor = await (await f.t.get(base, { cookie: f.cookie.sekretariat })).text();
    expect(editor).toContain('Alle versioner stemmer med deres segl');
    expect(editor).toContain(versions[1]!.sha256);
    const reader = await (
      await f.t.get(`/reader/meetings/${f.meeting}/items/${f.openItem}?view=minutes`, { cookie: f.cookie.politiker })
    ).text();
    expect(reader).toContain('ensrettet');
    expect(reader).toContain('Ændret i version 2');
  });

  it('does not write a corrected decision to a case archived in the meantime, and does not offer a retry', async () => {
    const item = await db()
      .selectFrom('agenda_items')
      .select('decision_document_id')
      .where('id', '=', f.openItem)
      .executeTakeFirstOrThrow();
    const versionsOf = () =>
      db()
        .selectFrom('document_versions')
        .select('version')
        .where('document_id', '=', item.decision_document_id!)
        .execute();
    const before = {
      versions: (await versionsOf()).length,
      notes: (await db().selectFrom('case_notes').select('id').where('case_id', '=', f.caseId).execute()).length,
    };
    await db().updateTable('cases').set({ status: 'archived' }).where('id', '=', f.caseId).execute();
    expect(
      (
        await f.t.post(
          `${base}/items/${f.openItem}/decision`,
          { decision: 'Indstillingen blev godkendt; stien bliver ensrettet og belyst.' },
          { cookie: f.cookie.sekretariat },
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await f.t.post(
          `${base}/versions`,
          { changeNote: 'Belysning tilføjet i beslutningen.' },
          { cookie: f.cookie.sekretariat },
        )
      ).status,
    ).toBe(303);
    expect((await versionsOf()).length).toBe(before.versions);
    expect((await db().selectFrom('case_notes').select('id').where('case_id', '=', f.caseId).execute()).length).toBe(
      before.notes,
    );
    const logged = await db()
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'meeting.decision.writeback')
      .where('entity_type', '=', 'meeting')
      .execute();
    expect(logged.map((l) => l.summary).join()).toContain('is archived');
    const editor = await (await f.t.get(base, { cookie: f.cookie.sekretariat })).text();
    expect(editor).toContain('Alle beslutninger med en sag er skrevet tilbage');
    await db().updateTable('cases').set({ status: 'open' }).where('id', '=', f.caseId).execute();
  });

  it('shows a broken seal when a stored version was tampered with', async () => {
    // Only possible by going around the append-only triggers; the check must notice it.
    if (dialect === 'sqlite') {
      await sql`drop trigger published_versions_no_update`.execute(db());
      const v = (await publishedVersions(f.t.db.database, f.meeting, 'minutes'))[0]!;
      await sql`update published_versions set snapshot = ${JSON.stringify({ ...v.snapshot, items: [] })} where id = ${v.id}`.execute(
        db(),
      );
      const editor = await (await f.t.get(base, { cookie: f.cookie.sekretariat })).text();
      expect(editor).toContain('Version 1 stemmer ikke med sit segl');
    } else {
      expect(await verifySeals(f.t.db.database, f.meeting, 'minutes')).toEqual({ ok: true });
    }
  });

  it('keeps the flash after a post (no-JS flow) in Danish', async () => {
    const res = await f.t.post(
      `${base}/items/${f.closedItem}/decision`,
      { decision: 'Salget blev godkendt til 4,2 mio. kr.' },
      { cookie: f.cookie.sekretariat },
    );
    const page = await f.t.get(base, { cookie: withCookies(f.cookie.sekretariat, res) });
    expect(await page.text()).toContain('Beslutningen på punkt 2 er gemt.');
  });
});
