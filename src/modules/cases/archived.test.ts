import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { makePdf } from '../../../test/helpers/files.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { documentRoutes } from '../documents/routes.tsx';
import { caseRoutes } from './routes.tsx';

/**
 * An archived case is read-only on the server, not only in the page: every POST route of the case
 * and document routers (read from the routers themselves, so a new route cannot be forgotten) is
 * refused for an archived case with a message saying so, even to its caseworker and a records
 * manager, and nothing changes. The same requests against an open twin succeed, so the refusal is
 * not a side effect of a bad request. Reading, searching and downloading still work.
 */

const ARCHIVED_MSG = 'Sagen er arkiveret og kan ikke ændres';

describe.each(DIALECTS)('an archived case is read-only (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let unit: number;
  let other: { id: number; number: string };

  interface Fixture {
    id: number;
    number: string;
    party: number;
    deadline: number;
    doc: number;
  }
  let archived: Fixture;
  let open: Fixture;

  const caseForm = (over: Record<string, string> = {}) => ({
    type: 'subject',
    title: 'Byggesag Havnegade 3',
    description: 'Tilbygning.',
    kleNumber: '02.00.00',
    facetCode: 'G01',
    unitId: String(unit),
    caseworkerUsername: 'sagsbehandler',
    ...over,
  });

  async function createCase(title: string): Promise<{ id: number; number: string }> {
    const res = await t.post('/cases', caseForm({ title }), { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(303);
    const id = Number(res.headers.get('location')!.split('/').pop());
    const row = await t.db.database.db
      .selectFrom('cases')
      .select('number')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { id, number: row.number };
  }

  /** A case with a party, a note, a deadline and a document: something for every route. */
  async function fixture(title: string): Promise<Fixture> {
    const c = await createCase(title);
    const as = { cookie: cookie.sagsbehandler };
    expect(
      (
        await t.post(
          `/cases/${c.id}/parties`,
          { kind: 'person', role: 'party', name: 'Hanne Vig', cpr: '020285-1234' },
          as,
        )
      ).status,
    ).toBe(303);
    expect((await t.post(`/cases/${c.id}/notes`, { body: 'Første notat.' }, as)).status).toBe(303);
    expect(
      (await t.post(`/cases/${c.id}/deadlines`, { title: 'Svar til ansøger', dueOn: '2030-01-01' }, as)).status,
    ).toBe(303);
    const pdf = await makePdf(['Ansøgning om tilbygning']);
    const up = await t.upload(
      `/cases/${c.id}/documents`,
      { direction: 'incoming', documentDate: '2026-11-20', sender: 'Anna Borg' },
      [{ field: 'files', name: 'ansøgning.pdf', type: 'application/pdf', content: pdf }],
      as,
    );
    expect(up.status).toBe(303);
    const db = t.db.database.db;
    const party = (
      await db.selectFrom('case_parties').select('id').where('case_id', '=', c.id).executeTakeFirstOrThrow()
    ).id;
    const deadline = (
      await db.selectFrom('case_deadlines').select('id').where('case_id', '=', c.id).executeTakeFirstOrThrow()
    ).id;
    const doc = (await db.selectFrom('documents').select('id').where('case_id', '=', c.id).executeTakeFirstOrThrow())
      .id;
    return { ...c, party, deadline, doc };
  }

  /**
   * Closing needs a ready case (close-check.ts): every document journalised and final, every
   * deadline done. Done through the routes, as a caseworker would; refused (and harmless) on an
   * archived case.
   */
  async function makeReady(caseId: number, as: string) {
    const db = t.db.database.db;
    const opts = { cookie: cookie[as] };
    for (const d of await db
      .selectFrom('documents')
      .select(['id', 'journalised_at', 'finalised_at'])
      .where('case_id', '=', caseId)
      .execute()) {
      if (!d.journalised_at) await t.post(`/cases/${caseId}/documents/${d.id}/journalisation`, {}, opts);
      if (!d.finalised_at) await t.post(`/cases/${caseId}/documents/${d.id}/finalisation`, {}, opts);
    }
    for (const dl of await db
      .selectFrom('case_deadlines')
      .select('id')
      .where('case_id', '=', caseId)
      .where('done_at', 'is', null)
      .execute())
      await t.post(`/cases/${caseId}/deadlines/${dl.id}/completion`, {}, opts);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    for (const u of ['sagsbehandler', 'journal']) cookie[u] = await t.signIn(u);
    unit = (
      await t.db.database.db
        .selectFrom('users')
        .select('org_unit_id')
        .where('username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow()
    ).org_unit_id!;
    other = await createCase('Anden sag til relation');
    archived = await fixture('Arkiveret byggesag Havnegade 3');
    open = await fixture('Åben byggesag Havnegade 5');
    await makeReady(archived.id, 'sagsbehandler');
    expect(
      (await t.post(`/cases/${archived.id}/status`, { change: 'close' }, { cookie: cookie.sagsbehandler })).status,
    ).toBe(303);
    expect(
      (await t.post(`/cases/${archived.id}/status`, { change: 'archive' }, { cookie: cookie.journal })).status,
    ).toBe(303);
  });
  afterAll(async () => t.cleanup());

  /** Every non-GET route of the case and document routers that acts on one case, filled in for `f`. */
  function changeRoutes(f: Fixture) {
    const noPage = (async () => new Response()) as never;
    const routers = [
      caseRoutes(t.db.database, noPage),
      documentRoutes(t.db.database, t.services.blobs, { maxFileBytes: 1, maxFiles: 1, maxRequestBytes: 1 }, noPage),
    ];
    const seen = new Set<string>();
    const list: Array<{ method: string; path: string }> = [];
    for (const router of routers) {
      for (const r of router.routes) {
        const key = `${r.method} ${r.path}`;
        if (r.method === 'GET' || r.method === 'ALL' || seen.has(key) || !r.path.includes(':id')) continue;
        seen.add(key);
        const path = `/cases${r.path}`
          .replace(':id{[0-9]+}', String(f.id))
          .replace(':partyId{[0-9]+}', String(f.party))
          .replace(':deadlineId{[0-9]+}', String(f.deadline))
          .replace(':docId{[0-9]+}', String(f.doc))
          .replace(':v{[0-9]+}', '1');
        expect(path, `a parameter of ${r.path} is not filled in`).not.toMatch(/:/);
        list.push({ method: r.method, path });
      }
    }
    // Closing comes last: it needs the case ready (send() makes it so), and nothing after it should undo that.
    return list.sort((a, b) => Number(a.path.endsWith('/status')) - Number(b.path.endsWith('/status')));
  }

  /** One request per route, with what it needs to succeed on an open case. */
  async function send(path: string, as: string) {
    const opts = { cookie: cookie[as] };
    if (path.endsWith('/documents')) {
      const pdf = await makePdf(['Supplerende oplysninger']);
      return t.upload(
        path,
        { direction: 'incoming', documentDate: '2026-11-21', sender: 'Anna Borg' },
        [{ field: 'files', name: 'supplement.pdf', type: 'application/pdf', content: pdf }],
        opts,
      );
    }
    if (path.endsWith('/versions')) {
      const pdf = await makePdf(['Ansøgning om tilbygning, rettet']);
      return t.upload(
        path,
        { note: 'Rettet' },
        [{ field: 'file', name: 'ansøgning v2.pdf', type: 'application/pdf', content: pdf }],
        opts,
      );
    }
    if (/\/documents\/\d+$/.test(path))
      return t.post(
        path,
        { title: 'Ny dokumenttitel', direction: 'incoming', documentDate: '2026-11-20', sender: 'Anna Borg' },
        opts,
      );
    if (/\/cases\/\d+$/.test(path)) return t.post(path, caseForm({ title: 'Ændret titel' }), opts);
    if (path.endsWith('/status')) await makeReady(Number(path.split('/')[2]), as);
    return t.post(
      path,
      {
        body: 'Et nyt notat.',
        kind: 'other',
        role: 'copy',
        name: 'Kopimodtager',
        title: 'Ny frist',
        dueOn: '2031-01-01',
        number: other.number,
        change: 'close',
      },
      opts,
    );
  }

  /** Everything a change could touch on one case, as one comparable string. */
  async function snapshot(caseId: number) {
    const db = t.db.database.db;
    const count = async (
      table: 'case_notes' | 'case_parties' | 'case_deadlines' | 'documents' | 'case_relations' | 'case_access',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('case_id', '=', caseId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const docIds = (await db.selectFrom('documents').select('id').where('case_id', '=', caseId).execute()).map(
      (d) => d.id,
    );
    return JSON.stringify({
      row: await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow(),
      notes: await count('case_notes'),
      parties: await count('case_parties'),
      deadlines: await db
        .selectFrom('case_deadlines')
        .select(['id', 'title', 'done_at'])
        .where('case_id', '=', caseId)
        .orderBy('id')
        .execute(),
      documents: await db.selectFrom('documents').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),
      versions: await db
        .selectFrom('document_versions')
        .select(['id', 'version', 'locked', 'rendition_status'])
        .where('document_id', 'in', docIds)
        .orderBy('id')
        .execute(),
      relations: await count('case_relations'),
      relatedTo: Number(
        (
          await db
            .selectFrom('case_relations')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('related_id', '=', caseId)
            .executeTakeFirstOrThrow()
        ).n,
      ),
      children: Number(
        (
          await db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('parent_id', '=', caseId)
            .executeTakeFirstOrThrow()
        ).n,
      ),
      access: await count('case_access'),
      changes: Number(
        (
          await db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('entity_type', '=', 'case')
            .where('entity_id', '=', String(caseId))
            .where('action', 'not in', ['case.view', 'party.unmask'])
            .executeTakeFirstOrThrow()
        ).n,
      ),
    });
  }

  it('refuses every change route for an archived case, to its caseworker and to a records manager, and changes nothing', async () => {
    const routes = changeRoutes(archived);
    expect(routes.length).toBeGreaterThanOrEqual(13);
    const before = await snapshot(archived.id);
    for (const as of ['sagsbehandler', 'journal']) {
      for (const { method, path } of routes) {
        const res = await send(path, as);
        const html = await res.text();
        if (path.endsWith('/cpr-views')) {
          // Showing a full CPR number is a logged read, not a change: it still works.
          expect(res.status, `${as} ${method} ${path}`).toBe(200);
          expect(html).toContain('020285-1234');
          continue;
        }
        expect(res.status, `${as} ${method} ${path}`).toBe(403);
        expect(html, `${as} ${method} ${path}`).toContain(ARCHIVED_MSG);
      }
    }
    // Reopening from the archive is not a thing either (status changes are refused above too).
    expect(await snapshot(archived.id)).toBe(before);
  });

  it('accepts the same requests on an open case, so the refusal above is the archive rule', async () => {
    const before = await snapshot(open.id);
    for (const { method, path } of changeRoutes(open)) {
      const res = await send(path, 'sagsbehandler');
      expect([200, 303], `${method} ${path}: ${res.status}`).toContain(res.status);
    }
    expect(await snapshot(open.id)).not.toBe(before);
  });

  it('refuses new sub-cases and relations that would change an archived case', async () => {
    const before = await snapshot(archived.id);
    const child = await t.post('/cases', caseForm({ title: 'Undersag', parentNumber: archived.number }), {
      cookie: cookie.sagsbehandler,
    });
    expect(child.status).toBe(422);
    const childHtml = await child.text();
    expect(childHtml).toContain('arkiveret og kan ikke få nye undersager');
    expect(childHtml).toContain('value="Undersag"');
    const rel = await t.post(
      `/cases/${other.id}/relations`,
      { number: archived.number },
      { cookie: cookie.sagsbehandler },
    );
    expect(rel.status).toBe(422);
    expect(await rel.text()).toContain('arkiveret og kan ikke få nye relationer');
    // The edit form itself says why it is not there.
    const edit = await t.get(`/cases/${archived.id}/edit`, { cookie: cookie.sagsbehandler });
    expect(edit.status).toBe(403);
    const editHtml = await edit.text();
    expect(editHtml).toContain(ARCHIVED_MSG);
    // …and leads back to the case, which can still be read.
    expect(editHtml).toContain(`href="/cases/${archived.id}"`);
    expect(editHtml).toContain('Tilbage til sagen');
    expect(await snapshot(archived.id)).toBe(before);
  });

  it('refuses a room file sent to an archived case, saying the case is archived', async () => {
    const before = await snapshot(archived.id);
    const room = await t.post(
      '/rooms',
      { name: 'Byggesager', purpose: 'Samarbejde om byggesager.', visibility: 'open' },
      { cookie: cookie.sagsbehandler },
    );
    expect(room.status).toBe(303);
    const roomId = Number(room.headers.get('location')!.split('/').pop());
    const pdf = await makePdf(['Referat fra møde med ansøger']);
    expect(
      (
        await t.upload(
          `/rooms/${roomId}/files`,
          {},
          [{ field: 'files', name: 'referat.pdf', type: 'application/pdf', content: pdf }],
          { cookie: cookie.sagsbehandler },
        )
      ).status,
    ).toBe(303);
    const file = await t.db.database.db
      .selectFrom('room_files')
      .select('id')
      .where('room_id', '=', roomId)
      .executeTakeFirstOrThrow();
    const sent = await t.post(
      `/rooms/${roomId}/files/${file.id}/case-documents`,
      { caseNumber: archived.number, version: '1' },
      { cookie: cookie.sagsbehandler },
    );
    expect(sent.status).toBe(422);
    expect(await sent.text()).toContain('Sagen er arkiveret. Der kan ikke tilføjes dokumenter.');
    expect(await snapshot(archived.id)).toBe(before);
  });

  it('refuses putting an archived case on an agenda, saying the case is archived', async () => {
    const before = await snapshot(archived.id);
    cookie.sekretariat ??= await t.signIn('sekretariat');
    const db = t.db.database.db;
    const at = new Date().toISOString();
    const committee = (
      await db
        .insertInto('committees')
        .values({
          name: 'Teknik- og Miljøudvalget',
          short_name: 'TMU',
          kind: 'standing',
          mandate: null,
          term_start: null,
          term_end: null,
          position: 1,
          created_at: at,
          updated_at: at,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const made = await t.post(
      '/meetings',
      {
        committeeId: String(committee),
        title: 'Møde om arkiverede sager',
        date: '2031-03-04',
        startTime: '16:00',
        endTime: '',
        locationId: '',
      },
      { cookie: cookie.sekretariat },
    );
    expect(made.status).toBe(303);
    const meetingId = Number(made.headers.get('location')!.split('/').pop()!.split(/[?#]/)[0]);
    const itemsBefore = (await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute())
      .length;
    for (const [who, path] of [
      ['sagsbehandler', `/meetings/proposals/new?case=${archived.id}`],
      ['sagsbehandler', `/meetings/proposals?case=${archived.id}&meeting=${meetingId}`],
      ['sekretariat', `/meetings/${meetingId}/items/new?case=${archived.id}`],
    ] as const) {
      const res = await t.get(path, { cookie: cookie[who] });
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).toContain(ARCHIVED_MSG);
    }
    const posted = await t.post(
      `/meetings/${meetingId}/items`,
      { case: String(archived.id), title: 'Arkiveret byggesag', presentation: 'Tekst.' },
      { cookie: cookie.sekretariat },
    );
    expect(posted.status).toBe(403);
    expect(
      (await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute()).length,
    ).toBe(itemsBefore);
    // The same requests for an open case are answered.
    expect(
      (await t.get(`/meetings/${meetingId}/items/new?case=${open.id}`, { cookie: cookie.sekretariat })).status,
    ).toBe(200);
    expect(await snapshot(archived.id)).toBe(before);
  });

  it('still reads, searches and downloads an archived case', async () => {
    const page = await t.get(`/cases/${archived.id}`, { cookie: cookie.sagsbehandler });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Arkiveret byggesag Havnegade 3');
    expect(html).toContain('Første notat.');
    expect(html).not.toContain(`action="/cases/${archived.id}/notes"`);
    const doc = await t.get(`/cases/${archived.id}/documents/${archived.doc}`, { cookie: cookie.sagsbehandler });
    expect(doc.status).toBe(200);
    const file = await t.get(`/cases/${archived.id}/documents/${archived.doc}/versions/1/file`, {
      cookie: cookie.sagsbehandler,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const search = await (
      await t.get(`/cases/search?q=${encodeURIComponent('Arkiveret byggesag')}`, { cookie: cookie.sagsbehandler })
    ).text();
    expect(search).toContain(archived.number);
  });
});
