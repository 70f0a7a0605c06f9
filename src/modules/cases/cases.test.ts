import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { addDays } from '../../calendar/workdays.ts';
import { putSetting } from '../../db/settings.ts';
import { createCase, emptyCaseInput } from './service.ts';
import { NUMBER_PATTERN_SETTING } from './numbering.ts';

// Case numbers carry the year in Copenhagen (on 31 December after 23:00 UTC it is already the next).
const year = Number(copenhagenDate(new Date()).slice(0, 4));

describe.each(DIALECTS)('cases (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let byggeri: number;
  let unitOf: (username: string) => Promise<number>;
  let idOf: (username: string) => Promise<string>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    for (const u of ['sagsbehandler', 'journal', 'sekretariat', 'medarbejder', 'admin', 'politiker'])
      cookie[u] = await t.signIn(u);
    idOf = async (username) =>
      (
        await t.db.database.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).id;
    unitOf = async (username) =>
      (
        await t.db.database.db
          .selectFrom('users')
          .select('org_unit_id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).org_unit_id!;
    byggeri = await unitOf('sagsbehandler');
  });
  afterAll(async () => t.cleanup());

  const form = (over: Record<string, string | string[]> = {}) => ({
    type: 'subject',
    title: 'Ny lokalplan for havneområdet',
    description: 'Udarbejdelse af lokalplan.',
    kleNumber: '02.00.00',
    facetCode: 'G01',
    unitId: String(byggeri),
    caseworkerUsername: '',
    ...over,
  });

  async function create(over: Record<string, string | string[]> = {}, as = 'sagsbehandler') {
    const res = await t.post('/cases', form(over), { cookie: cookie[as] });
    expect(
      res.status,
      await res
        .clone()
        .text()
        .then((h) => h.match(/field-error[^>]*>([^<]+)/g)?.join(' ') ?? ''),
    ).toBe(303);
    const id = Number(res.headers.get('location')!.split('/').pop());
    const row = await t.db.database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return { id, row, res };
  }

  it('lets a caseworker create each type of case, numbered by type and year', async () => {
    const subject = await create();
    expect(subject.row.number).toMatch(new RegExp(`^EMN-${year}-\\d{6}$`));
    expect(subject.row.retention).toBe('dispose'); // from the KLE plan
    expect(subject.row.retention_years).toBe(5);
    const page = await (
      await t.get(`/cases/${subject.id}`, { cookie: withCookies(cookie.sagsbehandler!, subject.res) })
    ).text();
    expect(page).toContain(`Sagen ${subject.row.number} er oprettet.`);
    expect(page).toContain('Ny lokalplan for havneområdet');
    expect(page).toContain('Byggeri i almindelighed');

    const geo = await create({
      type: 'geo',
      title: 'Carport, Østergade 12',
      address: 'Østergade 12, 4000 Skovlund',
      point: '55.6415, 12.0803',
      kleNumber: '02.34.02',
      facetCode: 'P20',
    });
    expect(geo.row.number).toMatch(/^GEO-/);
    expect(geo.row.geo_lat).toBeCloseTo(55.6415);
    const geoPage = await (await t.get(`/cases/${geo.id}`, { cookie: cookie.sagsbehandler })).text();
    expect(geoPage).toContain('<svg');
    expect(geoPage).toContain('55.641500, 12.080300');

    const polygon = JSON.stringify({
      type: 'Polygon',
      coordinates: [
        [
          [12.08, 55.64],
          [12.09, 55.64],
          [12.09, 55.65],
          [12.08, 55.65],
          [12.08, 55.64],
        ],
      ],
    });
    const area = await create({
      type: 'geo',
      title: 'Lokalplanområde Havnen',
      address: 'Havnen, 4000 Skovlund',
      geometry: polygon,
    });
    expect(area.row.geo_lng).toBeCloseTo(12.085);

    const citizen = await create({
      type: 'citizen',
      title: 'Ansøgning om hjælpemiddel',
      kleNumber: '27.00.00',
      partyName: 'Jens Hansen',
      partyCpr: '010190-1234',
    });
    expect(citizen.row.number).toMatch(/^BOR-/);
    const parties = await t.db.database.db
      .selectFrom('case_parties')
      .selectAll()
      .where('case_id', '=', citizen.id)
      .execute();
    expect(parties).toMatchObject([{ kind: 'person', name: 'Jens Hansen', cpr: '010190-1234' }]);

    const company = await create({
      type: 'company',
      title: 'Miljøtilsyn',
      partyName: 'Skovlund Maskinfabrik A/S',
      partyCvr: '29403473',
    });
    expect(company.row.number).toMatch(/^VIR-/);
    const access = await create({ type: 'access_request', title: 'Aktindsigt i byggesag' });
    expect(access.row.number).toMatch(/^AKT-/);
  });

  it('explains every problem in the form and keeps what was typed', async () => {
    const res = await t.post(
      '/cases',
      form({
        type: 'citizen',
        title: '',
        kleNumber: '99.99.99',
        partyName: 'Ole',
        partyCpr: '311390-1234',
        caseworkerUsername: 'findes.ikke',
        description: 'Beholdes',
      }),
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Skriv en titel');
    expect(html).toContain('Vælg et KLE-emne');
    expect(html).toContain('CPR-nummeret er ikke gyldigt');
    expect(html).toContain('Der findes ingen aktiv bruger med det brugernavn');
    expect(html).toContain('Beholdes');
    expect(html).toContain('value="311390-1234"');
    const geo = await t.post('/cases', form({ type: 'geo', address: '', point: '200, 3' }), {
      cookie: cookie.sagsbehandler,
    });
    const geoHtml = await geo.text();
    expect(geoHtml).toContain('Skriv punktet som bredde, længde');
    expect(geoHtml).toContain('Skriv adressen');
    const cvr = await t.post('/cases', form({ type: 'company', partyName: 'X', partyCvr: '29403474' }), {
      cookie: cookie.sagsbehandler,
    });
    expect(await cvr.text()).toContain('CVR-nummeret er ikke gyldigt');
    const expired = await t.post('/cases', form({ kleNumber: '00.01.99' }), { cookie: cookie.sagsbehandler });
    expect(await expired.text()).toContain('KLE-emnet er udgået');
  });

  it('never hands out the same case number twice, even under concurrent creation', async () => {
    const actor = {
      id: await idOf('sagsbehandler'),
      name: 'Kasper Lindholm',
      roles: ['caseworker' as const],
      orgUnitId: byggeri,
    };
    const second = dialect === 'postgres' ? t.db.open() : t.db.database;
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        createCase(
          i % 2 ? second : t.db.database,
          emptyCaseInput({ title: `Samtidig ${i}`, kleNumber: '02.00.00', facetCode: 'G01', unitId: String(byggeri) }),
          actor,
        ),
      ),
    );
    const numbers = results.map((r) => (r.ok ? r.number : 'failed'));
    expect(new Set(numbers).size).toBe(24);
    expect(numbers).not.toContain('failed');
    const seqs = numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
    expect(seqs[seqs.length - 1]! - seqs[0]!).toBe(23);
  });

  it('uses the KLE-based pattern when the setting says so', async () => {
    await putSetting(t.db.database, NUMBER_PATTERN_SETTING, 'kle');
    try {
      const a = await create({ kleNumber: '00.01.00' });
      const b = await create({ kleNumber: '00.01.00' });
      const yy = String(year).slice(2);
      expect(a.row.number).toBe(`00.01.00-G01-1-${yy}`);
      expect(b.row.number).toBe(`00.01.00-G01-2-${yy}`);
    } finally {
      await putSetting(t.db.database, NUMBER_PATTERN_SETTING, 'type-year');
    }
  });

  describe('a confidential case', () => {
    let secret: { id: number; number: string };
    beforeAll(async () => {
      const { id, row } = await create({
        title: 'Fortrolig personalesag',
        confidential: '1',
        accessUsernames: 'journal',
      });
      secret = { id, number: row.number };
      await t.post(
        `/cases/${id}/parties`,
        { kind: 'person', role: 'party', name: 'Hemmelig Person', cpr: '020285-1234' },
        { cookie: cookie.sagsbehandler },
      );
    });

    it('is visible to its caseworker and access group', async () => {
      expect((await t.get(`/cases/${secret.id}`, { cookie: cookie.sagsbehandler })).status).toBe(200);
      expect((await t.get(`/cases/${secret.id}`, { cookie: cookie.journal })).status).toBe(200);
    });

    it('is invisible to everyone else, on every route, and answers 404 as if it did not exist', async () => {
      const outsider = cookie.sekretariat!;
      const party = await t.db.database.db
        .selectFrom('case_parties')
        .select('id')
        .where('case_id', '=', secret.id)
        .executeTakeFirstOrThrow();
      const gets = [`/cases/${secret.id}`, `/cases/${secret.id}/edit`];
      const posts: Array<[string, Record<string, string>]> = [
        [`/cases/${secret.id}`, { title: 'x' }],
        [`/cases/${secret.id}/status`, { change: 'close' }],
        [`/cases/${secret.id}/parties`, { kind: 'other', role: 'copy', name: 'x' }],
        [`/cases/${secret.id}/parties/${party.id}/cpr-views`, {}],
        [`/cases/${secret.id}/notes`, { body: 'x' }],
        [`/cases/${secret.id}/deadlines`, { title: 'x', dueOn: '2030-01-01' }],
        [`/cases/${secret.id}/deadlines/1/completion`, {}],
        [`/cases/${secret.id}/relations`, { number: 'x' }],
      ];
      for (const url of gets) expect((await t.get(url, { cookie: outsider })).status, url).toBe(404);
      for (const [url, body] of posts) expect((await t.post(url, body, { cookie: outsider })).status, url).toBe(404);
      const nonexistent = await t.get('/cases/999999', { cookie: outsider });
      expect(nonexistent.status).toBe(404);
      for (const view of ['all', 'unit', 'mine']) {
        const list = await (await t.get(`/cases?view=${view}`, { cookie: outsider })).text();
        expect(list).not.toContain('Fortrolig personalesag');
      }
      expect(await (await t.get('/cases?view=all', { cookie: cookie.journal })).text()).toContain(
        'Fortrolig personalesag',
      );
      // Nothing changed through the refused posts.
      const notes = await t.db.database.db
        .selectFrom('case_notes')
        .select('id')
        .where('case_id', '=', secret.id)
        .execute();
      expect(notes).toHaveLength(0);
      // Relating to it by number from another case also finds nothing.
      const mine = await create({ title: 'Almindelig sag' }, 'sekretariat');
      const rel = await t.post(`/cases/${mine.id}/relations`, { number: secret.number }, { cookie: outsider });
      expect(rel.status).toBe(422);
      // And it cannot be used as a parent case.
      const child = await t.post('/cases', form({ parentNumber: secret.number }), { cookie: outsider });
      expect(await child.text()).toContain('Der findes ingen sag med det sagsnummer');
    });

    it('keeps plain employees, politicians and administrators out of cases altogether', async () => {
      for (const u of ['medarbejder', 'politiker', 'admin']) {
        expect((await t.get('/cases', { cookie: cookie[u] })).status, u).toBe(403);
        expect((await t.get(`/cases/${secret.id}`, { cookie: cookie[u] })).status, u).toBe(404);
      }
    });
  });

  it('masks CPR numbers and logs every unmasked view', async () => {
    const { id } = await create({
      type: 'citizen',
      title: 'Borgersag med CPR',
      kleNumber: '27.00.00',
      partyName: 'Karen Holm',
      partyCpr: '150375-2468',
    });
    const page = await (await t.get(`/cases/${id}`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain('150375-XXXX');
    expect(page).not.toContain('150375-2468');
    const party = await t.db.database.db
      .selectFrom('case_parties')
      .select('id')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    const shown = await t.post(`/cases/${id}/parties/${party.id}/cpr-views`, {}, { cookie: cookie.sagsbehandler });
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain('150375-2468');
    expect(html).toContain('Visningen er logget');
    const logged = await t.db.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'party.unmask')
      .where('entity_id', '=', String(id))
      .execute();
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details).not.toContain('2468');
    // The secretariat may see the case but not the full number.
    expect(
      (await t.post(`/cases/${id}/parties/${party.id}/cpr-views`, {}, { cookie: cookie.sekretariat })).status,
    ).toBe(403);
    // Every view of a citizen case is logged: the page, the page with the number shown (which
    // shows the whole case again), the records manager's visit.
    await t.get(`/cases/${id}`, { cookie: cookie.journal });
    const views = await t.db.database.db
      .selectFrom('audit_log')
      .select('actor_name')
      .where('action', '=', 'case.view')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(views.map((v) => v.actor_name)).toEqual(['Kasper Lindholm', 'Kasper Lindholm', 'Birgit Sønderby']);
    // The audit log never holds the full number.
    const all = await t.db.database.db.selectFrom('audit_log').select(['summary', 'details']).execute();
    expect(JSON.stringify(all)).not.toContain('150375-2468');
  });

  it('adds parties with validated numbers and explains mistakes', async () => {
    const { id } = await create();
    const bad = await t.post(
      `/cases/${id}/parties`,
      { kind: 'company', role: 'party', name: 'Firma', cvr: '12345678' },
      { cookie: cookie.sagsbehandler },
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('CVR-nummeret er ikke gyldigt');
    expect(html).toContain('value="Firma"');
    const ok = await t.post(
      `/cases/${id}/parties`,
      { kind: 'company', role: 'representative', name: 'Advokatfirmaet Lund', cvr: '29403473', email: 'post@lund.dk' },
      { cookie: cookie.sagsbehandler },
    );
    expect(ok.status).toBe(303);
    const page = await (await t.get(`/cases/${id}`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain('Advokatfirmaet Lund');
    expect(page).toContain('Partsrepræsentant');
  });

  it('keeps case notes append-only, and shows every event on the timeline', async () => {
    const { id } = await create();
    expect((await t.post(`/cases/${id}/notes`, { body: '   ' }, { cookie: cookie.sagsbehandler })).status).toBe(422);
    expect(
      (await t.post(`/cases/${id}/notes`, { body: 'Talt med ansøger i telefonen.' }, { cookie: cookie.sagsbehandler }))
        .status,
    ).toBe(303);
    await expect(
      t.db.database.db.updateTable('case_notes').set({ body: 'ændret' }).where('case_id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.database.db.deleteFrom('case_notes').where('case_id', '=', id).execute()).rejects.toThrow(
      /append-only/,
    );
    const page = await (await t.get(`/cases/${id}`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain('Talt med ansøger i telefonen.');
    expect(page).toContain('Skrev et journalnotat');
    expect(page).toContain('Oprettede sagen');
  });

  it('closes, reopens with a reason, and archives (records managers only)', async () => {
    const { id } = await create();
    expect((await t.post(`/cases/${id}/status`, { change: 'close' }, { cookie: cookie.sagsbehandler })).status).toBe(
      303,
    );
    const noReason = await t.post(
      `/cases/${id}/status`,
      { change: 'reopen', reason: '' },
      { cookie: cookie.sagsbehandler },
    );
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('Skriv en begrundelse for at genåbne sagen');
    expect(
      (
        await t.post(
          `/cases/${id}/status`,
          { change: 'reopen', reason: 'Ny klage modtaget' },
          { cookie: cookie.sagsbehandler },
        )
      ).status,
    ).toBe(303);
    let row = await t.db.database.db
      .selectFrom('cases')
      .select(['status', 'closed_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'open', closed_at: null });
    await t.post(`/cases/${id}/status`, { change: 'close' }, { cookie: cookie.sagsbehandler });
    expect((await t.post(`/cases/${id}/status`, { change: 'archive' }, { cookie: cookie.sagsbehandler })).status).toBe(
      403,
    );
    expect((await t.post(`/cases/${id}/status`, { change: 'archive' }, { cookie: cookie.journal })).status).toBe(303);
    row = await t.db.database.db
      .selectFrom('cases')
      .select(['status', 'closed_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('archived');
    const page = await (await t.get(`/cases/${id}`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain('Genåbnede sagen: Ny klage modtaget');
    expect(page).not.toContain('Skriv journalnotat'); // archived: read-only
  });

  it('edits a case and records what changed; the rule follows the new classification', async () => {
    const { id } = await create();
    const res = await t.post(`/cases/${id}`, form({ title: 'Ændret titel', kleNumber: '02.34.02', facetCode: 'P20' }), {
      cookie: cookie.sagsbehandler,
    });
    expect(res.status).toBe(303);
    const row = await t.db.database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    // 02.34.02 is preserved (B) in the plan: the case inherits that, it is not its own rule.
    expect(row).toMatchObject({
      title: 'Ændret titel',
      kle_number: '02.34.02',
      retention: 'preserve',
      retention_years: null,
      retention_overridden: 0,
    });
    const entry = await t.db.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'case.update')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details!).fields).toEqual(
      expect.arrayContaining(['title', 'kle_number', 'facet_code', 'retention', 'retention_years']),
    );
  });

  it('lets only a records manager give a case its own retention rule, and only with a reason', async () => {
    const { id } = await create();
    // A caseworker sees the rule in force read-only, and a crafted post is refused.
    const edit = await (await t.get(`/cases/${id}/edit`, { cookie: cookie.sagsbehandler })).text();
    expect(edit).toContain('Kun arkivansvarlige kan give sagen en anden bevaringsregel.');
    expect(edit).not.toContain('name="retention"');
    const crafted = await t.post(`/cases/${id}`, form({ retention: 'preserve' }), { cookie: cookie.sagsbehandler });
    expect(crafted.status).toBe(422);
    expect(await crafted.text()).toContain('Kun arkivansvarlige kan ændre sagens bevaring');

    // The records manager must give a reason; what was typed is kept.
    expect(await (await t.get(`/cases/${id}/edit`, { cookie: cookie.journal })).text()).toContain('name="retention"');
    const noReason = await t.post(
      `/cases/${id}`,
      form({ retention: 'preserve', caseworkerUsername: 'sagsbehandler' }),
      {
        cookie: cookie.journal,
      },
    );
    expect(noReason.status).toBe(422);
    const html = await noReason.text();
    expect(html).toContain('Skriv en begrundelse for ændringen af sagens bevaring');
    expect(html).toMatch(/<option value="preserve" selected/);
    const ok = await t.post(
      `/cases/${id}`,
      form({
        retention: 'preserve',
        retentionReason: 'Sagen har historisk værdi',
        caseworkerUsername: 'sagsbehandler',
      }),
      { cookie: cookie.journal },
    );
    expect(ok.status).toBe(303);
    const db = t.db.database.db;
    let row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      retention: 'preserve',
      retention_overridden: 1,
      retention_reason: 'Sagen har historisk værdi',
    });
    const logged = await db
      .selectFrom('audit_log')
      .select(['details', 'actor_name'])
      .where('action', '=', 'case.retention')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(logged.details!)).toMatchObject({
      reason: 'Sagen har historisk værdi',
      before: { retention: 'dispose', years: 5, overridden: false },
      after: { retention: 'preserve', years: null, overridden: true },
    });
    const page = await (await t.get(`/cases/${id}`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain('Sagens egen regel, sat af en arkivansvarlig. Begrundelse: Sagen har historisk værdi');

    // A caseworker's later edit keeps the case's own rule, even when the classification changes.
    expect(
      (await t.post(`/cases/${id}`, form({ title: 'Nyt navn', facetCode: 'K07' }), { cookie: cookie.sagsbehandler }))
        .status,
    ).toBe(303);
    row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ retention: 'preserve', retention_overridden: 1 });

    // Back to the rule in force: a reason again.
    const back = await t.post(
      `/cases/${id}`,
      form({
        title: 'Nyt navn',
        facetCode: 'K07',
        retention: '',
        retentionReason: 'Fejlregistrering',
        caseworkerUsername: 'sagsbehandler',
      }),
      { cookie: cookie.journal },
    );
    expect(back.status).toBe(303);
    row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      retention: 'dispose',
      retention_years: 5,
      retention_overridden: 0,
      retention_reason: null,
    });
  });

  it('sub-cases, related cases, deadlines, recently viewed and the lists', async () => {
    const parent = await create({ title: 'Hovedsag om skolebyggeri' });
    const child = await create({ title: 'Undersag: udbud', parentNumber: parent.row.number });
    expect(child.row.parent_id).toBe(parent.id);
    const other = await create({ title: 'Relateret trafiksag' });
    expect(
      (await t.post(`/cases/${parent.id}/relations`, { number: other.row.number }, { cookie: cookie.sagsbehandler }))
        .status,
    ).toBe(303);
    const page = await (await t.get(`/cases/${parent.id}`, { cookie: cookie.sagsbehandler })).text();
    expect(page).toContain('Undersag: udbud');
    expect(page).toContain('Relateret trafiksag');
    expect(await (await t.get(`/cases/${other.id}`, { cookie: cookie.sagsbehandler })).text()).toContain(
      'Hovedsag om skolebyggeri',
    );

    const bad = await t.post(
      `/cases/${parent.id}/deadlines`,
      { title: 'Svar', dueOn: '2026-02-30' },
      { cookie: cookie.sagsbehandler },
    );
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Skriv en gyldig dato');
    const yesterday = addDays(copenhagenDate(new Date()), -1);
    await t.post(
      `/cases/${parent.id}/deadlines`,
      { title: 'Svar til ansøger', dueOn: yesterday },
      { cookie: cookie.sagsbehandler },
    );
    const deadlines = await (await t.get('/cases/deadlines', { cookie: cookie.sagsbehandler })).text();
    expect(deadlines).toContain('Svar til ansøger');
    expect(deadlines).toContain('Overskredet');
    const dl = await t.db.database.db
      .selectFrom('case_deadlines')
      .select('id')
      .where('case_id', '=', parent.id)
      .executeTakeFirstOrThrow();
    await t.post(`/cases/${parent.id}/deadlines/${dl.id}/completion`, {}, { cookie: cookie.sagsbehandler });
    expect(await (await t.get('/cases/deadlines', { cookie: cookie.sagsbehandler })).text()).not.toContain(
      'Svar til ansøger',
    );

    const recent = await (await t.get('/cases/recent', { cookie: cookie.sagsbehandler })).text();
    expect(recent.indexOf('Relateret trafiksag')).toBeLessThan(recent.indexOf('Hovedsag om skolebyggeri'));

    const mine = await (await t.get('/cases?view=mine&status=open', { cookie: cookie.sagsbehandler })).text();
    expect(mine).toContain('Hovedsag om skolebyggeri');
    expect(await (await t.get('/cases?view=mine', { cookie: cookie.journal })).text()).not.toContain(
      'Hovedsag om skolebyggeri',
    );
    const filtered = await (await t.get('/cases?view=all&type=geo', { cookie: cookie.sagsbehandler })).text();
    expect(filtered).not.toContain('Hovedsag om skolebyggeri');
  });

  it('pages through a long list by keyset without repeating or skipping', async () => {
    const actor = {
      id: await idOf('journal'),
      name: 'Birgit Sønderby',
      roles: ['records_manager' as const],
      orgUnitId: await unitOf('journal'),
    };
    for (let i = 0; i < 70; i++) {
      await createCase(
        t.db.database,
        emptyCaseInput({ title: `Massesag ${i}`, kleNumber: '02.00.00', facetCode: 'G01', unitId: String(byggeri) }),
        actor,
      );
    }
    const seen: string[] = [];
    let url = '/cases?view=all&sort=number';
    for (let i = 0; i < 20 && url; i++) {
      const html = await (await t.get(url, { cookie: cookie.sagsbehandler })).text();
      seen.push(
        ...[
          ...html.matchAll(/<td class="whitespace-nowrap font-mono text-xs"><a href="\/cases\/\d+">([^<]+)<\/a>/g),
        ].map((m) => m[1]!),
      );
      const next = /href="(\/cases\?[^"]*after=[^"]+)"/.exec(html);
      url = next ? next[1]!.replace(/&amp;/g, '&') : '';
    }
    const visible = await t.db.database.db
      .selectFrom('cases')
      .select(sql<number>`count(*)`.as('n'))
      .where('confidential', '=', 0)
      .executeTakeFirstOrThrow();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(Number(visible.n));
    expect(seen.length).toBeGreaterThan(100);
    expect([...seen].sort()).toEqual(seen);
  });

  it('finds geo cases by distance', async () => {
    await create({ type: 'geo', title: 'Skur, Vestergade 3', address: 'Vestergade 3', point: '55.6420, 12.0810' });
    await create({ type: 'geo', title: 'Tilbygning langt væk', address: 'Fjernvej 1', point: '56.1000, 10.2000' });
    const html = await (
      await t.get('/cases/near?point=55.6415%2C+12.0803&radius=500', { cookie: cookie.sagsbehandler })
    ).text();
    expect(html).toContain('Skur, Vestergade 3');
    expect(html).not.toContain('Tilbygning langt væk');
    const bad = await t.get('/cases/near?point=abc&radius=500', { cookie: cookie.sagsbehandler });
    expect(bad.status).toBe(422);
  });
});
