import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';

/** Committees, council persons, memberships, places and legislative terms through their pages. */
describe.each(DIALECTS)('meetings: committees and members (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const db = () => t.db.database.db;
  const idFrom = (res: Response) => Number((res.headers.get('location') ?? '').split('/').pop());
  const committee = { name: '', shortName: '', kind: 'task', mandate: '', termStart: '', termEnd: '', position: '' };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const u of ['sekretariat', 'medarbejder', 'sagsbehandler']) cookie[u] = await t.signIn(u);
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('asks a task committee (§17 stk. 4) for its term and mandate, keeping what was typed', async () => {
    const res = await t.post(
      '/meetings/committees',
      { ...committee, name: 'Opgaveudvalget for klimatilpasning' },
      { cookie: cookie.sekretariat },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Et opgaveudvalg skal have en periode med start og slut.');
    expect(html).toContain('Et opgaveudvalg skal have et kommissorium.');
    expect(html).toContain('value="Opgaveudvalget for klimatilpasning"');
    const bad = await t.post(
      '/meetings/committees',
      { ...committee, name: 'X', termStart: '2027-06-30', termEnd: '2026-03-01', mandate: 'Klima' },
      { cookie: cookie.sekretariat },
    );
    expect(await bad.text()).toContain('Slutdatoen skal ligge efter startdatoen.');
    const ok = await t.post(
      '/meetings/committees',
      {
        ...committee,
        name: 'Opgaveudvalget for klimatilpasning',
        termStart: '2026-03-01',
        termEnd: '2027-06-30',
        mandate: 'Forslag til klimatilpasning langs åen.',
      },
      { cookie: cookie.sekretariat },
    );
    expect(ok.status).toBe(303);
    const row = await db().selectFrom('committees').selectAll().where('id', '=', idFrom(ok)).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'task', term_start: '2026-03-01', term_end: '2027-06-30' });
  });

  it('keeps council persons and citizen members, linked to an account when they sign in', async () => {
    const s = { cookie: cookie.sekretariat };
    const unknown = await t.post(
      '/meetings/persons',
      { name: 'Jørgen Ellehammer', party: 'V', email: 'ikke-en-adresse', phone: '', username: 'findes-ikke' },
      s,
    );
    expect(unknown.status).toBe(422);
    const html = await unknown.text();
    expect(html).toContain('Der er ingen bruger med det brugernavn.');
    expect(html).toContain('Skriv en gyldig e-mailadresse');
    expect(
      (
        await t.post(
          '/meetings/persons',
          { name: 'Jørgen Ellehammer', party: 'V', email: 'je@byraad.dk', phone: '', username: 'politiker' },
          s,
        )
      ).status,
    ).toBe(303);
    expect(
      (await t.post('/meetings/persons', { name: 'Birthe Mølgaard', party: '', email: '', phone: '', username: '' }, s))
        .status,
    ).toBe(303);
    const taken = await t.post(
      '/meetings/persons',
      { name: 'Dobbelt', party: 'A', email: '', phone: '', username: 'politiker' },
      s,
    );
    expect(await taken.text()).toContain('Brugeren er allerede knyttet til en anden person.');
    const list = await (await t.get('/meetings/persons', s)).text();
    expect(list).toContain('Birthe Mølgaard');
    expect(list).toContain('Borgerrepræsentant');
    expect((await t.get('/meetings/persons', { cookie: cookie.medarbejder })).status).toBe(403);
  });

  it('adds members with roles and periods, refuses overlaps and a second chair, and ends memberships', async () => {
    const s = { cookie: cookie.sekretariat };
    const c = await db().selectFrom('committees').select('id').executeTakeFirstOrThrow();
    const [jorgen, birthe] = await Promise.all(
      ['Jørgen Ellehammer', 'Birthe Mølgaard'].map((n) =>
        db().selectFrom('council_persons').select('id').where('name', '=', n).executeTakeFirstOrThrow(),
      ),
    );
    const add = (personId: number, role: string, startsOn = '2026-03-01', endsOn = '') =>
      t.post(`/meetings/committees/${c.id}/memberships`, { personId: String(personId), role, startsOn, endsOn }, s);
    expect((await add(jorgen!.id, 'chair')).status).toBe(303);
    expect((await add(birthe!.id, 'member')).status).toBe(303);
    const overlap = await add(jorgen!.id, 'member', '2026-06-01');
    expect(overlap.status).toBe(422);
    expect(await overlap.text()).toContain('Personen er allerede medlem af udvalget i den periode.');
    const page = await (await t.get(`/meetings/committees/${c.id}`, { cookie: cookie.medarbejder })).text();
    expect(page).toContain('Jørgen Ellehammer (V)');
    expect(page).toContain('Formand');
    expect(page).toContain('borgerrepræsentant');
    expect(page).toContain('Forslag til klimatilpasning langs åen.');
    expect(page).not.toContain('Tilføj medlem'); // employees read only
    const m = await db()
      .selectFrom('committee_memberships')
      .select('id')
      .where('person_id', '=', birthe!.id)
      .executeTakeFirstOrThrow();
    expect(
      (await t.post(`/meetings/committees/${c.id}/memberships/${m.id}/end`, { endsOn: '2026-04-30' }, s)).status,
    ).toBe(303);
    const after = await (await t.get(`/meetings/committees/${c.id}`, s)).text();
    expect(after).toContain('Tidligere medlemmer');
    expect(
      (
        await t.post(
          `/meetings/committees/${c.id}/memberships`,
          { personId: String(birthe!.id), role: 'member', startsOn: '2026-03-01', endsOn: '' },
          { cookie: cookie.sagsbehandler },
        )
      ).status,
    ).toBe(403);
  });

  it('shows a committee’s meeting plan for a chosen year', async () => {
    const s = { cookie: cookie.sekretariat };
    const c = await db().selectFrom('committees').select('id').executeTakeFirstOrThrow();
    for (const date of ['2027-02-01', '2027-04-05', '2028-01-10']) {
      expect(
        (
          await t.post(
            '/meetings',
            {
              committeeId: String(c.id),
              title: 'Ordinært møde',
              date,
              startTime: '17:00',
              endTime: '',
              locationId: '',
            },
            s,
          )
        ).status,
      ).toBe(303);
    }
    const plan = await (await t.get(`/meetings/committees/${c.id}?year=2027`, s)).text();
    expect(plan).toContain('Mødeplan 2027');
    expect(plan).toContain('1.2.2027 kl. 17.00');
    expect(plan).toContain('5.4.2027 kl. 17.00');
    expect(plan).not.toContain('10.1.2028');
    // Employees see only meetings with a published agenda: none yet.
    expect(
      await (await t.get(`/meetings/committees/${c.id}?year=2027`, { cookie: cookie.medarbejder })).text(),
    ).toContain('Der er ingen møder i 2027.');
  });

  it('deletes a committee made by mistake, but never one that has meetings', async () => {
    const s = { cookie: cookie.sekretariat };
    const made = idFrom(
      await t.post('/meetings/committees', { ...committee, kind: 'standing', name: 'Fejloprettet udvalg' }, s),
    );
    expect(await (await t.get(`/meetings/committees/${made}/edit`, s)).text()).toContain('Ja, slet udvalget');
    expect((await t.post(`/meetings/committees/${made}/deletion`, {}, { cookie: cookie.medarbejder })).status).toBe(
      403,
    );
    const gone = await t.post(`/meetings/committees/${made}/deletion`, {}, s);
    expect(gone.status).toBe(303);
    expect(gone.headers.get('location')).toBe('/meetings/committees');
    expect(
      (await db().selectFrom('committees').select('deleted_at').where('id', '=', made).executeTakeFirstOrThrow())
        .deleted_at,
    ).not.toBeNull();
    expect(await (await t.get('/meetings/committees', s)).text()).not.toContain('Fejloprettet udvalg');
    expect((await t.get(`/meetings/committees/${made}`, s)).status).toBe(404);
    // The committee with meetings (from the meeting plan test) stays.
    const withMeetings = await db().selectFrom('meetings').select('committee_id').executeTakeFirstOrThrow();
    const refused = await t.post(`/meetings/committees/${withMeetings.committee_id}/deletion`, {}, s);
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toBe(`/meetings/committees/${withMeetings.committee_id}/edit`);
    const page = await (
      await t.get(`/meetings/committees/${withMeetings.committee_id}/edit`, {
        cookie: withCookies(cookie.sekretariat!, refused),
      })
    ).text();
    expect(page).toContain('Udvalget har møder og kan ikke slettes.');
    // Where deleting cannot succeed, it is not offered.
    expect(page).not.toContain('Ja, slet udvalget');
    expect(
      (
        await db()
          .selectFrom('committees')
          .select('deleted_at')
          .where('id', '=', withMeetings.committee_id)
          .executeTakeFirstOrThrow()
      ).deleted_at,
    ).toBeNull();
  });

  it('keeps meeting places and legislative terms', async () => {
    const s = { cookie: cookie.sekretariat };
    const bad = await t.post(
      '/meetings/locations',
      { description: '', room: 'Byrådssalen', streetAddress: 'Torvet 1', postalCode: '40000', locality: 'Skovlund' },
      s,
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Skriv mødestedets navn.');
    expect(html).toContain('Et postnummer har fire cifre.');
    expect(html).toContain('value="Byrådssalen"');
    expect(
      (
        await t.post(
          '/meetings/locations',
          {
            description: 'Rådhuset',
            room: 'Byrådssalen',
            streetAddress: 'Torvet 1',
            postalCode: '4000',
            locality: 'Skovlund',
          },
          s,
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await t.post(
          '/meetings/terms',
          { name: 'Valgperioden 2026–2029', startsOn: '2026-01-01', endsOn: '2029-12-31' },
          s,
        )
      ).status,
    ).toBe(303);
    const place = await db().selectFrom('meeting_locations').select('id').executeTakeFirstOrThrow();
    const badEdit = await t.post(
      `/meetings/locations/${place.id}`,
      {
        description: 'Rådhuset',
        room: 'Byrådssalen',
        streetAddress: 'Torvet 1',
        postalCode: 'x',
        locality: 'Skovlund',
      },
      s,
    );
    expect(badEdit.status).toBe(422);
    expect(
      (
        await t.post(
          `/meetings/locations/${place.id}`,
          {
            description: 'Rådhuset',
            room: 'Byrådssalen',
            streetAddress: 'Torvet 2',
            postalCode: '4000',
            locality: 'Skovlund',
          },
          s,
        )
      ).status,
    ).toBe(303);
    const page = await (await t.get('/meetings/locations', s)).text();
    expect(page).toContain('Rådhuset, Byrådssalen');
    expect(page).toContain('Torvet 2, 4000 Skovlund');
    expect(page).toContain('Valgperioden 2026–2029');
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', [
        'meeting_location.create',
        'meeting_location.update',
        'legislative_term.create',
        'committee.create',
        'council_person.create',
      ])
      .execute();
    expect(new Set(audit.map((a) => a.action)).size).toBe(5);
  });
});
