import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { makePdf } from '../../../test/helpers/files.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { allText } from '../../../test/helpers/pdf.ts';
import { addDays } from '../../calendar/workdays.ts';

/**
 * The secretariat's production of an agenda, end to end over HTTP: a case is sent to a committee
 * with attachments, items are ordered, closed and published in versions; members are told; the
 * published agenda, its changes, its PDF and its attachments show each reader only what they
 * may see; a matter travels on to another committee.
 */

const SECRET = 'HEMMELIG-PERSONSAG-Skolevej';
const CLOSED_ATTACHMENT = 'Partshøring med CPR';

describe.each(DIALECTS)('meetings: producing and publishing agendas (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let committeeId: number;
  let otherCommitteeId: number;
  let meetingId: number;
  let laterMeetingId: number;
  let caseId: number;
  let docIds: number[] = [];
  const db = () => t.db.database.db;
  const day = (n: number) => addDays(copenhagenDate(new Date()), n);
  const location = (res: Response) => res.headers.get('location') ?? '';
  const idFrom = (res: Response) => Number(location(res).split('/').pop()!.split(/[?#]/)[0]);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    for (const u of ['sekretariat', 'sagsbehandler', 'politiker', 'medarbejder']) cookie[u] = await t.signIn(u);
    const s = { cookie: cookie.sekretariat };
    // People and committees, through the secretariat's forms.
    expect(
      (
        await t.post(
          '/meetings/persons',
          { name: 'Jørgen Ellehammer', party: 'V', email: '', phone: '', username: 'politiker' },
          s,
        )
      ).status,
    ).toBe(303);
    expect(
      (await t.post('/meetings/persons', { name: 'Anne Nabo', party: 'A', email: '', phone: '', username: '' }, s))
        .status,
    ).toBe(303);
    let res = await t.post(
      '/meetings/committees',
      {
        name: 'Udvalget for Teknik og Miljø',
        shortName: 'TMU',
        kind: 'standing',
        mandate: '',
        termStart: '',
        termEnd: '',
        position: '',
      },
      s,
    );
    committeeId = idFrom(res);
    res = await t.post(
      '/meetings/committees',
      {
        name: 'Økonomiudvalget',
        shortName: 'ØU',
        kind: 'finance',
        mandate: '',
        termStart: '',
        termEnd: '',
        position: '',
      },
      s,
    );
    otherCommitteeId = idFrom(res);
    const persons = await db().selectFrom('council_persons').select(['id', 'name']).execute();
    for (const p of persons) {
      expect(
        (
          await t.post(
            `/meetings/committees/${committeeId}/memberships`,
            {
              personId: String(p.id),
              role: p.name === 'Anne Nabo' ? 'chair' : 'member',
              startsOn: '2026-01-01',
              endsOn: '',
            },
            s,
          )
        ).status,
      ).toBe(303);
    }
    res = await t.post(
      '/meetings',
      {
        committeeId: String(committeeId),
        title: 'Ordinært møde',
        date: day(30),
        startTime: '16:00',
        endTime: '18:00',
        locationId: '',
      },
      s,
    );
    expect(res.status).toBe(303);
    meetingId = idFrom(res);
    res = await t.post(
      '/meetings',
      {
        committeeId: String(otherCommitteeId),
        title: 'Ordinært møde',
        date: day(45),
        startTime: '15:00',
        endTime: '',
        locationId: '',
      },
      s,
    );
    laterMeetingId = idFrom(res);

    // A case with two journalised documents (the caseworker's).
    const unit = (
      await db()
        .selectFrom('users')
        .select('org_unit_id')
        .where('username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow()
    ).org_unit_id!;
    res = await t.post(
      '/cases',
      { type: 'subject', title: 'Cykelsti langs Åvej', kleNumber: '02.34.02', facetCode: 'P20', unitId: String(unit) },
      { cookie: cookie.sagsbehandler },
    );
    caseId = idFrom(res);
    const pdfA = await makePdf(['Notat om cykelstien', 'Stien anlægges i 2027.']);
    const pdfB = await makePdf(['Partshøring', 'Borgerens indsigelse med personnummer.']);
    res = await t.upload(
      `/cases/${caseId}/documents`,
      { direction: 'internal', documentDate: '2026-11-20', sender: '', recipient: '' },
      [
        { field: 'files', name: 'Notat om cykelstien.pdf', type: 'application/pdf', content: pdfA },
        { field: 'files', name: `${CLOSED_ATTACHMENT}.pdf`, type: 'application/pdf', content: pdfB },
      ],
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(303);
    docIds = (
      await db().selectFrom('documents').select('id').where('case_id', '=', caseId).orderBy('id').execute()
    ).map((d) => d.id);
    for (const id of docIds)
      expect(
        (await t.post(`/cases/${caseId}/documents/${id}/journalisation`, {}, { cookie: cookie.sagsbehandler })).status,
      ).toBe(303);
  }, 180_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  it('keeps what was typed and explains in Danish when a meeting cannot be planned', async () => {
    const res = await t.post(
      '/meetings',
      {
        committeeId: String(committeeId),
        title: 'Ekstraordinært møde',
        date: '2026-02-30',
        startTime: '25:00',
        endTime: '',
        locationId: '',
      },
      { cookie: cookie.sekretariat },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Skriv en gyldig dato');
    expect(html).toContain('value="Ekstraordinært møde"');
    expect(html).toContain('aria-invalid="true"');
    // Nobody but the secretariat may plan.
    expect(
      (
        await t.post(
          '/meetings',
          { committeeId: String(committeeId), title: 'X', date: day(3), startTime: '16:00' },
          { cookie: cookie.sagsbehandler },
        )
      ).status,
    ).toBe(403);
  });

  it('lets a caseworker send a case to a committee with attachments chosen from its journalised documents', async () => {
    const c = { cookie: cookie.sagsbehandler };
    const casePage = await (await t.get(`/cases/${caseId}`, c)).text();
    expect(casePage).toContain(`/meetings/proposals/new?case=${caseId}`);
    const choose = await t.get(`/meetings/proposals/new?case=${caseId}`, c);
    expect(choose.status).toBe(200);
    expect(await choose.text()).toContain('Udvalget for Teknik og Miljø');
    const go = await t.get(`/meetings/proposals?case=${caseId}&meeting=${meetingId}`, c);
    expect(go.status).toBe(303);
    expect(location(go)).toBe(`/meetings/${meetingId}/items/new?case=${caseId}`);
    const form = await (await t.get(location(go), c)).text();
    expect(form).toContain('Notat om cykelstien');
    const res = await t.post(
      `/meetings/${meetingId}/items`,
      {
        case: String(caseId),
        title: 'Cykelsti langs Åvej',
        presentation: 'Forvaltningen foreslår en cykelsti.\n\nDen koster 2 mio. kr.',
        recommendation: 'Forvaltningen indstiller, at stien anlægges.',
        economy: 'Udgiften afholdes af anlægsrammen.',
        attachments: docIds.map(String),
        closedAttachments: [String(docIds[1])],
      },
      c,
    );
    expect(res.status).toBe(303);
    expect(location(res)).toBe(`/cases/${caseId}`);
    const item = await db()
      .selectFrom('agenda_items')
      .innerJoin('papers', 'papers.id', 'agenda_items.paper_id')
      .select(['agenda_items.id', 'agenda_items.number', 'papers.case_id'])
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({ number: 1, case_id: caseId });
    const atts = await db()
      .selectFrom('agenda_attachments')
      .select(['document_id', 'closed'])
      .where('item_id', '=', item.id)
      .orderBy('position')
      .execute();
    expect(atts).toEqual([
      { document_id: docIds[0], closed: 0 },
      { document_id: docIds[1], closed: 1 },
    ]);
    // A document of another case cannot be smuggled in.
    const bad = await t.post(
      `/meetings/${meetingId}/items`,
      { case: String(caseId), title: 'Forsøg', attachments: ['999999'] },
      c,
    );
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('hører ikke til sagen');
    // Employees cannot propose.
    expect((await t.get(`/meetings/proposals/new?case=${caseId}`, { cookie: cookie.medarbejder })).status).toBe(403);
  });

  it('adds a closed item only with a reason, and orders items with the move buttons', async () => {
    const s = { cookie: cookie.sekretariat };
    const noReason = await t.post(
      `/meetings/${meetingId}/items`,
      { title: 'Salg af ejendommen Skolevej 4', closed: '1', closedReason: '', presentation: SECRET },
      s,
    );
    expect(noReason.status).toBe(422);
    const html = await noReason.text();
    expect(html).toContain('Skriv, hvorfor punktet er lukket.');
    expect(html).toContain(SECRET); // nothing typed is lost
    expect(
      (
        await t.post(
          `/meetings/${meetingId}/items`,
          {
            title: 'Salg af ejendommen Skolevej 4',
            closed: '1',
            closedReason: 'Forhandlingssag',
            presentation: SECRET,
          },
          s,
        )
      ).status,
    ).toBe(303);
    const closed = await db()
      .selectFrom('agenda_items')
      .select(['id', 'number'])
      .where('meeting_id', '=', meetingId)
      .where('closed', '=', 1)
      .executeTakeFirstOrThrow();
    expect(closed.number).toBe(2);
    // With htmx: the list comes back as a fragment and the move is announced.
    const moved = await t.post(
      `/meetings/${meetingId}/items/${closed.id}/position`,
      { direction: 'up' },
      { cookie: cookie.sekretariat, headers: { 'HX-Request': 'true' } },
    );
    expect(moved.status).toBe(200);
    const fragment = await moved.text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain('hx-swap-oob');
    expect(fragment).toContain('er nu nummer 1');
    // Without JavaScript: a redirect, and the drag-and-drop order endpoint puts it back.
    const order = (
      await db().selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('number').execute()
    ).map((r) => String(r.id));
    expect(order[0]).toBe(String(closed.id));
    expect((await t.post(`/meetings/${meetingId}/items/order`, { order: [order[1]!, order[0]!] }, s)).status).toBe(303);
    const after = await db()
      .selectFrom('agenda_items')
      .select(['id', 'number'])
      .where('meeting_id', '=', meetingId)
      .orderBy('number')
      .execute();
    expect(after.map((r) => r.id)).toEqual([Number(order[1]), Number(order[0])]);
    // Keep the other member out of the closed item (conflict of interest).
    const anne = await db()
      .selectFrom('council_persons')
      .select('id')
      .where('name', '=', 'Anne Nabo')
      .executeTakeFirstOrThrow();
    // Someone not on the committee cannot be kept out of its item.
    const outsider = await db()
      .insertInto('council_persons')
      .values({
        user_id: null,
        name: 'Ikke Medlem',
        given_name: null,
        family_name: null,
        party: 'V',
        email: null,
        phone: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const refused = await t.post(
      `/meetings/${meetingId}/items/${closed.id}/disqualifications`,
      { personId: String(outsider.id), reason: 'x', keptOut: '1' },
      s,
    );
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Vælg en person.');
    expect(
      (
        await t.post(
          `/meetings/${meetingId}/items/${closed.id}/disqualifications`,
          { personId: String(anne.id), reason: 'Nabo til ejendommen', keptOut: '1' },
          s,
        )
      ).status,
    ).toBe(303);
  });

  it('hides a meeting from everyone but the secretariat until its agenda is published', async () => {
    expect((await t.get(`/meetings/${meetingId}`, { cookie: cookie.medarbejder })).status).toBe(404);
    expect((await t.get(`/meetings/${meetingId}/agenda.pdf`, { cookie: cookie.medarbejder })).status).toBe(404);
    expect(await (await t.get('/meetings', { cookie: cookie.medarbejder })).text()).not.toContain(
      `/meetings/${meetingId}"`,
    );
    expect(await (await t.get('/meetings', { cookie: cookie.sekretariat })).text()).toContain(
      `/meetings/${meetingId}"`,
    );
  });

  it('publishes the agenda as version 1, sets the meeting published and tells the members in the app and by e-mail', async () => {
    const res = await t.post(`/meetings/${meetingId}/publications`, {}, { cookie: cookie.sekretariat });
    expect(res.status).toBe(303);
    const page = await (
      await t.get(`/meetings/${meetingId}`, { cookie: withCookies(cookie.sekretariat!, res) })
    ).text();
    expect(page).toContain('offentliggjort som version 1');
    const meeting = await db()
      .selectFrom('meetings')
      .select(['status', 'agenda_published_at'])
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    expect(meeting.status).toBe('published');
    expect(meeting.agenda_published_at).not.toBeNull();
    const politician = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'politiker')
      .executeTakeFirstOrThrow();
    const notes = await db()
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('user_id', '=', politician.id)
      .where('kind', '=', 'meeting.published')
      .execute();
    expect(notes).toEqual([{ kind: 'meeting.published', link: `/meetings/${meetingId}` }]);
    const mails = await db()
      .selectFrom('mail_outbox')
      .select(['subject', 'html'])
      .where('to_user_id', '=', politician.id)
      .where('kind', '=', 'meeting.published')
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Udvalget for Teknik og Miljø');
  });

  it('shows employees the open items and only that a closed item exists; members see it unless kept out', async () => {
    const employee = await t.get(`/meetings/${meetingId}`, { cookie: cookie.medarbejder });
    expect(employee.status).toBe(200);
    const html = await employee.text();
    expect(html).toContain('Cykelsti langs Åvej');
    expect(html).toContain('Lukket punkt');
    expect(html).not.toContain('Skolevej');
    expect(html).not.toContain(CLOSED_ATTACHMENT);
    const member = await (await t.get(`/meetings/${meetingId}`, { cookie: cookie.politiker })).text();
    expect(member).toContain(SECRET);
    expect(member).toContain(CLOSED_ATTACHMENT);
  });

  it('serves the agenda PDF redacted for the reader, and closed attachments only to members', async () => {
    const employeePdf = await t.get(`/meetings/${meetingId}/agenda.pdf`, { cookie: cookie.medarbejder });
    expect(employeePdf.status).toBe(200);
    expect(employeePdf.headers.get('content-type')).toBe('application/pdf');
    const publicText = await allText(new Uint8Array(await employeePdf.arrayBuffer()));
    expect(publicText).toContain('Cykelsti langs Åvej');
    expect(publicText).not.toContain('Skolevej');
    expect(publicText).not.toContain(CLOSED_ATTACHMENT);
    const memberText = await allText(
      new Uint8Array(
        await (
          await t.get(`/meetings/${meetingId}/agenda.pdf?attachments=1`, { cookie: cookie.politiker })
        ).arrayBuffer(),
      ),
    );
    expect(memberText).toContain(SECRET);
    expect(memberText).toContain('Borgerens indsigelse'); // the closed attachment merged in
    const closedAtt = await db()
      .selectFrom('agenda_attachments')
      .select('id')
      .where('document_id', '=', docIds[1]!)
      .executeTakeFirstOrThrow();
    expect(
      (await t.get(`/meetings/${meetingId}/versions/1/attachments/${closedAtt.id}`, { cookie: cookie.medarbejder }))
        .status,
    ).toBe(404);
    expect(
      (await t.get(`/meetings/${meetingId}/versions/1/attachments/${closedAtt.id}`, { cookie: cookie.politiker }))
        .status,
    ).toBe(200);
  });

  it('requires a change note for a later version and shows readers what changed', async () => {
    const s = { cookie: cookie.sekretariat };
    const item = await db()
      .selectFrom('agenda_items')
      .select(['id'])
      .where('meeting_id', '=', meetingId)
      .where('closed', '=', 0)
      .executeTakeFirstOrThrow();
    expect(
      (
        await t.post(
          `/meetings/${meetingId}/items/${item.id}`,
          { title: 'Cykelsti langs Åvej og Bækvej', presentation: 'Nu også Bækvej.', attachments: [String(docIds[0])] },
          s,
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await t.post(
          `/meetings/${meetingId}/items`,
          { title: 'Orientering om vintertjenesten', presentation: 'Saltlageret er fyldt.' },
          s,
        )
      ).status,
    ).toBe(303);
    const editor = await (await t.get(`/meetings/${meetingId}`, s)).text();
    expect(editor).toContain('Der er ændringer, som ikke er offentliggjort.');
    const missing = await t.post(`/meetings/${meetingId}/publications`, { changeKind: 'version', changeNote: '' }, s);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Skriv kort, hvad der er ændret.');
    expect(
      (
        await t.post(
          `/meetings/${meetingId}/publications`,
          { changeKind: 'version', changeNote: 'Punkt 2 omfatter nu også Bækvej; nyt punkt om vintertjenesten.' },
          s,
        )
      ).status,
    ).toBe(303);
    const employee = await (await t.get(`/meetings/${meetingId}`, { cookie: cookie.medarbejder })).text();
    expect(employee).toContain('Ændringer i version 2');
    expect(employee).toContain('Nyt punkt 3: Orientering om vintertjenesten');
    // The closed attachment was taken off: only members (who could see it) are told so.
    expect(employee).toContain(
      'Punkt 1 (Cykelsti langs Åvej og Bækvej) er ændret: titel, sagsfremstilling, indstilling, økonomi</li>',
    );
    const member = await (await t.get(`/meetings/${meetingId}`, { cookie: cookie.politiker })).text();
    expect(member).toContain(
      'Punkt 1 (Cykelsti langs Åvej og Bækvej) er ændret: titel, sagsfremstilling, indstilling, økonomi, bilag',
    );
    expect(employee).toContain('Punkt 2 omfatter nu også Bækvej');
    expect(employee).not.toContain('Skolevej');
    // The first version stays readable as it was.
    const v1 = await (await t.get(`/meetings/${meetingId}?version=1`, { cookie: cookie.medarbejder })).text();
    expect(v1).toContain('Der findes en nyere version');
    expect(v1).not.toContain('vintertjenesten</a>');
    // Each member is told once per version.
    const politician = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'politiker')
      .executeTakeFirstOrThrow();
    expect(
      await db()
        .selectFrom('notifications')
        .select('id')
        .where('user_id', '=', politician.id)
        .where('kind', '=', 'meeting.published')
        .execute(),
    ).toHaveLength(2);
    // The e-mail about the new version says what changed, in the secretariat's words.
    const mails = await db()
      .selectFrom('mail_outbox')
      .select('subject')
      .where('to_user_id', '=', politician.id)
      .where('kind', '=', 'meeting.published')
      .orderBy('id')
      .execute();
    expect(mails.at(-1)!.subject).toContain('(version 2): Punkt 2 omfatter nu også Bækvej');
  });

  it('warns, but publishes, when the agenda is later than the notice rule', async () => {
    const s = { cookie: cookie.sekretariat };
    const res = await t.post(
      '/meetings',
      {
        committeeId: String(committeeId),
        title: 'Ekstraordinært møde',
        date: day(1),
        startTime: '16:00',
        endTime: '',
        locationId: '',
      },
      s,
    );
    const soon = idFrom(res);
    const editor = await (await t.get(`/meetings/${soon}`, s)).text();
    expect(editor).toContain('Bemærk: Dagsordenen skulle efter reglerne være offentliggjort senest');
    expect((await t.post(`/meetings/${soon}/publications`, {}, s)).status).toBe(422); // no items yet
    expect((await t.post(`/meetings/${soon}/items`, { title: 'Akut sag' }, s)).status).toBe(303);
    const published = await t.post(`/meetings/${soon}/publications`, {}, s);
    expect(published.status).toBe(303);
    const page = await (
      await t.get(`/meetings/${soon}`, { cookie: withCookies(cookie.sekretariat!, published) })
    ).text();
    expect(page).toContain('senere end fristen');
    // The rule is a setting.
    expect((await t.post('/meetings/settings', { noticeDays: 'fire' }, s)).status).toBe(422);
    expect((await t.post('/meetings/settings', { noticeDays: '0' }, s)).status).toBe(303);
    expect(await (await t.get(`/meetings/${soon}`, s)).text()).not.toContain('Bemærk: Dagsordenen skulle');
    await t.post('/meetings/settings', { noticeDays: '4' }, s);
  });

  it('tells the members when a meeting whose agenda they got is cancelled', async () => {
    const s = { cookie: cookie.sekretariat };
    const made = idFrom(
      await t.post(
        '/meetings',
        {
          committeeId: String(committeeId),
          title: 'Temamøde',
          date: day(20),
          startTime: '16:00',
          endTime: '',
          locationId: '',
        },
        s,
      ),
    );
    expect((await t.post(`/meetings/${made}/items`, { title: 'Orientering om vejplanen' }, s)).status).toBe(303);
    expect((await t.post(`/meetings/${made}/publications`, {}, s)).status).toBe(303);
    expect((await t.post(`/meetings/${made}/status`, { status: 'cancelled', from: 'published' }, s)).status).toBe(303);
    expect(
      (await db().selectFrom('meetings').select('status').where('id', '=', made).executeTakeFirstOrThrow()).status,
    ).toBe('cancelled');
    const politician = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'politiker')
      .executeTakeFirstOrThrow();
    const notes = await db()
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('user_id', '=', politician.id)
      .where('kind', '=', 'meeting.cancelled')
      .execute();
    expect(notes).toEqual([{ kind: 'meeting.cancelled', link: `/meetings/${made}` }]);
    const mails = await db()
      .selectFrom('mail_outbox')
      .select('subject')
      .where('to_user_id', '=', politician.id)
      .where('kind', '=', 'meeting.cancelled')
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('aflyst');
  });

  it('sends a matter on to a later committee meeting, where it shows the earlier step', async () => {
    const s = { cookie: cookie.sekretariat };
    const item = await db()
      .selectFrom('agenda_items')
      .select(['id', 'paper_id'])
      .where('meeting_id', '=', meetingId)
      .where('title', 'like', 'Cykelsti%')
      .executeTakeFirstOrThrow();
    const res = await t.post(
      `/meetings/${meetingId}/items/${item.id}/forwarding`,
      { target: String(laterMeetingId) },
      s,
    );
    expect(res.status).toBe(303);
    expect(location(res)).toContain(`/meetings/${laterMeetingId}`);
    const copy = await db()
      .selectFrom('agenda_items')
      .select(['paper_id', 'title'])
      .where('meeting_id', '=', laterMeetingId)
      .executeTakeFirstOrThrow();
    expect(copy).toEqual({ paper_id: item.paper_id, title: 'Cykelsti langs Åvej og Bækvej' });
    expect(
      (await t.post(`/meetings/${meetingId}/items/${item.id}/forwarding`, { target: String(laterMeetingId) }, s))
        .status,
    ).toBe(422);
    expect((await t.post(`/meetings/${laterMeetingId}/publications`, {}, s)).status).toBe(303);
    const later = await (await t.get(`/meetings/${laterMeetingId}`, { cookie: cookie.medarbejder })).text();
    expect(later).toContain('Tidligere behandling');
    expect(later).toContain('Udvalget for Teknik og Miljø');
    expect(later).toContain('Beslutningen er ikke offentliggjort endnu.');
  });

  it('moves the meeting through its statuses and refuses a skipped step', async () => {
    const s = { cookie: cookie.sekretariat };
    expect(
      (await t.post(`/meetings/${laterMeetingId}/status`, { status: 'approved', from: 'published' }, s)).status,
    ).toBe(303);
    expect(
      (await db().selectFrom('meetings').select('status').where('id', '=', laterMeetingId).executeTakeFirstOrThrow())
        .status,
    ).toBe('published');
    expect((await t.post(`/meetings/${laterMeetingId}/status`, { status: 'held', from: 'published' }, s)).status).toBe(
      303,
    );
    expect(
      (await db().selectFrom('meetings').select('status').where('id', '=', laterMeetingId).executeTakeFirstOrThrow())
        .status,
    ).toBe('held');
    // A held meeting's agenda is closed for changes.
    const item = await db()
      .selectFrom('agenda_items')
      .select('id')
      .where('meeting_id', '=', laterMeetingId)
      .executeTakeFirstOrThrow();
    expect((await t.post(`/meetings/${laterMeetingId}/items/${item.id}`, { title: 'Ændret bagefter' }, s)).status).toBe(
      422,
    );
    expect(
      (await t.post(`/meetings/${laterMeetingId}/status`, { status: 'held' }, { cookie: cookie.politiker })).status,
    ).toBe(403);
  });

  it('shows a member their next meetings on the front page', async () => {
    const home = await (await t.get('/', { cookie: cookie.politiker })).text();
    expect(home).toContain('Mine næste møder');
    expect(home).toContain('Udvalget for Teknik og Miljø');
    expect(await (await t.get('/', { cookie: cookie.medarbejder })).text()).not.toContain('Mine næste møder');
  });
});
