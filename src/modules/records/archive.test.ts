import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { emptyRequestInput, registerRequest } from '../access-requests/index.ts';
import { searchCases } from '../cases/index.ts';
import { ARCHIVE_JOB, runArchive } from './archive.ts';
import { makeCase, pdfOf, recordsFixture, type RecordsActor } from './archive.fixtures.ts';
import { recordsSettings } from './settings.ts';

/**
 * The nightly archive job: it archives exactly the closed cases whose grace period has passed,
 * each once, through the one archiving path (audit entry, search entry); a run that fails half-way
 * is finished by the next one with nothing lost and nothing doubled; archived cases stay
 * searchable and open to access requests. And the admin page: settings, "Run now", progress.
 */
describe.each(DIALECTS)('the archive job (%s)', (dialect) => {
  let t: TestApp;
  let caseworker: RecordsActor;
  let manager: RecordsActor;
  const db = () => t.db.database.db;
  // The job's clock: 90 days of grace (the default) before this instant.
  const NOW = new Date('2030-06-01T10:00:00Z');

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ caseworker, manager } = await recordsFixture(t));
  });
  afterAll(async () => t.cleanup());

  const statusOf = async (id: number) =>
    (await db().selectFrom('cases').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const auditCount = async (id: number) =>
    Number(
      (
        await db()
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'case.archive')
          .where('entity_id', '=', String(id))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const runRows = async (id: number) =>
    Number(
      (
        await db()
          .selectFrom('archive_run_cases')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('case_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Archives everything due before `at` that earlier tests left, so each test sees only its own cases. */
  const clear = (at: Date) => runArchive(t.db.database, { now: at });

  it('archives exactly the closed cases whose grace period has passed, and they stay searchable', async () => {
    await clear(new Date('2030-01-01T00:00:00Z'));
    const due1 = await makeCase(t, caseworker, {
      title: 'Arkivsag Kildevej 1',
      closedAt: '2030-01-05T09:00:00Z',
      pdfs: [await pdfOf('Ansøgning om skur på Kildevej')],
    });
    const due2 = await makeCase(t, caseworker, { title: 'Arkivsag Kildevej 2', closedAt: '2030-02-28T09:00:00Z' });
    const recent = await makeCase(t, caseworker, { title: 'Arkivsag Kildevej 3', closedAt: '2030-05-20T09:00:00Z' });
    const open = await makeCase(t, caseworker, { title: 'Arkivsag Kildevej 4' });

    const r = await runArchive(t.db.database, { now: NOW, trigger: 'scheduled' });
    expect(r).toMatchObject({ due: 2, archived: 2, skipped: 0 });
    expect(await statusOf(due1.id)).toBe('archived');
    expect(await statusOf(due2.id)).toBe('archived');
    expect(await statusOf(recent.id)).toBe('closed');
    expect(await statusOf(open.id)).toBe('open');
    for (const c of [due1, due2]) {
      expect(await auditCount(c.id)).toBe(1);
      expect(await runRows(c.id)).toBe(1);
    }
    const run = await db().selectFrom('records_runs').selectAll().where('id', '=', r.runId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ kind: 'archive', trigger: 'scheduled', status: 'done' });
    expect([Number(run.total), Number(run.done)]).toEqual([2, 2]);
    // The audit entry names the case by number, never by title.
    const entry = await db()
      .selectFrom('audit_log')
      .select(['summary', 'details'])
      .where('action', '=', 'case.archive')
      .where('entity_id', '=', String(due1.id))
      .executeTakeFirstOrThrow();
    expect(`${entry.summary} ${entry.details}`).toContain(due1.number);
    expect(`${entry.summary} ${entry.details}`).not.toContain('Kildevej');

    // Still found: by title, by a word in a document, by number; shown as archived.
    const byTitle = await searchCases(t.db.database, manager, 'Kildevej');
    expect(byTitle.hits.map((h) => h.caseNumber)).toEqual(expect.arrayContaining([due1.number, due2.number]));
    expect(byTitle.hits.find((h) => h.caseNumber === due1.number)?.caseStatus).toBe('archived');
    const byText = await searchCases(t.db.database, manager, 'skur');
    expect(byText.hits.some((h) => h.caseId === due1.id)).toBe(true);
    const byNumber = await searchCases(t.db.database, manager, due2.number);
    expect(byNumber.hits[0]?.caseId).toBe(due2.id);

    // A second run the same night finds nothing more to do.
    expect(await runArchive(t.db.database, { now: NOW })).toMatchObject({ due: 0, archived: 0 });
    expect(await auditCount(due1.id)).toBe(1);
  });

  it('finishes after a crash half-way: nothing lost, nothing doubled', async () => {
    await clear(NOW);
    const cases = [];
    for (let i = 1; i <= 5; i++)
      cases.push(await makeCase(t, caseworker, { title: `Nedbrudssag ${i}`, closedAt: `2030-01-1${i}T09:00:00Z` }));
    await expect(runArchive(t.db.database, { now: NOW, failAfter: 2 })).rejects.toThrow(/injected failure/);
    const archived = [];
    for (const c of cases) archived.push(await statusOf(c.id));
    expect(archived).toEqual(['archived', 'archived', 'closed', 'closed', 'closed']);
    // The third case's transaction was rolled back whole: no audit entry, no run row.
    expect(await auditCount(cases[2]!.id)).toBe(0);
    expect(await runRows(cases[2]!.id)).toBe(0);
    const [crashed] = await db()
      .selectFrom('records_runs')
      .selectAll()
      .where('kind', '=', 'archive')
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    expect(crashed!.status).toBe('failed');
    expect([Number(crashed!.total), Number(crashed!.done)]).toEqual([5, 2]);
    expect(JSON.parse(crashed!.detail!)).toMatchObject({ archived: 2, error: expect.stringMatching(/injected/) });

    const again = await runArchive(t.db.database, { now: NOW });
    expect(again).toMatchObject({ due: 3, archived: 3 });
    for (const c of cases) {
      expect(await statusOf(c.id)).toBe('archived');
      expect(await auditCount(c.id), c.number).toBe(1);
      expect(await runRows(c.id), c.number).toBe(1);
    }
  });

  it('marks a run whose process died as interrupted, and the next run does its work', async () => {
    await clear(NOW);
    const c = await makeCase(t, caseworker, { title: 'Efterladt sag', closedAt: '2030-01-20T09:00:00Z' });
    const old = new Date(Date.now() - 3600_000).toISOString();
    const dead = await db()
      .insertInto('records_runs')
      .values({
        kind: 'archive',
        trigger: 'scheduled',
        status: 'running',
        total: 1,
        done: 0,
        export_id: null,
        started_at: old,
        heartbeat_at: old,
        finished_at: null,
        started_by: null,
        detail: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await runArchive(t.db.database, { now: NOW })).toMatchObject({ archived: 1 });
    expect(await statusOf(c.id)).toBe('archived');
    const row = await db()
      .selectFrom('records_runs')
      .select('status')
      .where('id', '=', dead.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('interrupted');
  });

  it('runs as the scheduler job and returns its counts for job_runs', async () => {
    await clear(new Date());
    const c = await makeCase(t, caseworker, { title: 'Gammel afsluttet sag', closedAt: '2001-01-01T09:00:00Z' });
    const outcome = await t.services.scheduler.runJob(ARCHIVE_JOB, 'manual', { startedBy: manager.id });
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect(outcome.counts).toEqual({ due: 1, archived: 1, skipped: 0 });
    expect(JSON.parse(outcome.run.detail!)).toEqual({ due: 1, archived: 1, skipped: 0 });
    expect(await statusOf(c.id)).toBe('archived');
    const run = await db()
      .selectFrom('records_runs')
      .select(['trigger', 'started_by'])
      .where('kind', '=', 'archive')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ trigger: 'manual', started_by: manager.id });
  });

  it('lets an access request be registered about an archived case, with its documents', async () => {
    await clear(NOW);
    const c = await makeCase(t, caseworker, {
      title: 'Arkiveret sag til aktindsigt',
      closedAt: '2030-01-02T09:00:00Z',
      pdfs: [await pdfOf('Tilladelse givet')],
    });
    await runArchive(t.db.database, { now: NOW });
    expect(await statusOf(c.id)).toBe('archived');
    const r = await registerRequest(
      t.db.database,
      emptyRequestInput({
        kind: 'journalist',
        name: 'Mads Kronborg',
        email: 'mads@example.dk',
        receivedAt: '2030-06-01T08:00:00.000Z',
        asksFor: 'Alle dokumenter i sagen',
        caseNumbers: c.number,
      }),
      { ...caseworker, roles: ['caseworker'] },
      { now: new Date('2030-06-01T09:00:00Z') },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const linked = await db().selectFrom('access_request_cases').selectAll().where('request_id', '=', r.id).execute();
    expect(linked.map((l) => l.case_id)).toEqual([c.id]);
    const docs = await db()
      .selectFrom('access_request_documents')
      .select('id')
      .where('request_id', '=', r.id)
      .execute();
    expect(docs).toHaveLength(1);
    // The archived case itself is unchanged but for the relation to the AKT case.
    expect(await statusOf(c.id)).toBe('archived');
  });

  describe('the admin page', () => {
    let journal: string;
    let admin: string;
    beforeAll(async () => {
      journal = await t.signIn('journal');
      admin = await t.signIn('admin');
    });

    it('is for records managers (and readable by administrators), refused to others', async () => {
      expect((await t.get('/admin/records/archive', { cookie: await t.signIn('sagsbehandler') })).status).toBe(403);
      const asAdmin = await t.get('/admin/records/archive', { cookie: admin });
      expect(asAdmin.status).toBe(200);
      const html = await asAdmin.text();
      expect(html).not.toContain('action="/admin/records/archive/runs"');
      expect(html).not.toContain('action="/admin/records/archive/settings"');
      expect((await t.post('/admin/records/archive/runs', {}, { cookie: admin })).status).toBe(403);
      const page = await (await t.get('/admin/records/archive', { cookie: journal })).text();
      expect(page).toContain('action="/admin/records/archive/runs"');
      expect(page).toContain('<progress');
    });

    it('validates the settings in Danish, keeps what was typed, and saves good ones', async () => {
      const bad = await t.post(
        '/admin/records/archive/settings',
        { archiveGraceDays: 'halvfems', periodYears: '0', periodFirstYear: '2016', archiveCode: 'sa1' },
        { cookie: journal },
      );
      expect(bad.status).toBe(422);
      const html = await bad.text();
      expect(html).toContain('Skriv antal dage som et helt tal fra 0 til 3650');
      expect(html).toContain('Skriv periodens længde som et helt tal fra 1 til 30');
      expect(html).toContain('Skriv arkivets kode med to til fire store bogstaver');
      expect(html).toContain('value="halvfems"');
      expect(html).toContain('value="sa1"');
      const good = await t.post(
        '/admin/records/archive/settings',
        { archiveGraceDays: '30', periodYears: '5', periodFirstYear: '2021', archiveCode: 'kba' },
        { cookie: journal },
      );
      expect(good.status).toBe(303);
      expect(await recordsSettings(t.db.database)).toEqual({
        archiveGraceDays: 30,
        periodYears: 5,
        periodFirstYear: 2021,
        archiveCode: 'KBA',
      });
      await t.post(
        '/admin/records/archive/settings',
        { archiveGraceDays: '90', periodYears: '5', periodFirstYear: '2016', archiveCode: 'SA' },
        { cookie: journal },
      );
    });

    it('starts a run in the background, shows it, and says so when a run is already going', async () => {
      await clear(new Date());
      const c = await makeCase(t, caseworker, { title: 'Sag til knappen', closedAt: '2002-02-02T09:00:00Z' });
      const started = await t.post('/admin/records/archive/runs', {}, { cookie: journal });
      expect(started.status).toBe(303);
      await expect.poll(() => statusOf(c.id)).toBe('archived');
      await expect.poll(() => t.services.scheduler.isRunning(ARCHIVE_JOB)).toBe(false);
      const page = await (await t.get('/admin/records/archive', { cookie: withCookies(journal, started) })).text();
      expect(page).toContain('Arkiveringen er startet.');
      expect(page).toContain(`href="/cases/${c.id}">${c.number}</a>`);
      // The poll's answer (htmx): only the progress section, announcing the end once.
      const poll = await t.get('/admin/records/archive', { cookie: journal, headers: { 'HX-Request': 'true' } });
      const fragment = await poll.text();
      expect(fragment).not.toContain('<html');
      expect(fragment).toContain('id="archive-progress"');
      expect(fragment).not.toContain('hx-trigger');
      expect(fragment).toMatch(/Arkiveringen er færdig: \d+ sager arkiveret\./);

      // Another run holds the lease: a clear message, and no second run.
      const now = new Date();
      await db()
        .insertInto('job_leases')
        .values({
          key: `run:${ARCHIVE_JOB}`,
          job: ARCHIVE_JOB,
          instance: 'elsewhere',
          acquired_at: now.toISOString(),
          expires_at: new Date(now.getTime() + 600_000).toISOString(),
          released_at: null,
        })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            instance: 'elsewhere',
            expires_at: new Date(now.getTime() + 600_000).toISOString(),
            released_at: null,
          }),
        )
        .execute();
      const runsBefore = (await db().selectFrom('records_runs').select('id').execute()).length;
      const busy = await t.post('/admin/records/archive/runs', {}, { cookie: journal });
      expect(busy.status).toBe(303);
      const busyPage = await (await t.get('/admin/records/archive', { cookie: withCookies(journal, busy) })).text();
      expect(busyPage).toContain('Arkiveringen kører allerede.');
      // While the lease is held the section polls.
      expect(busyPage).toContain('hx-trigger="every 2s"');
      expect((await db().selectFrom('records_runs').select('id').execute()).length).toBe(runsBefore);
      await db()
        .updateTable('job_leases')
        .set({ released_at: now.toISOString() })
        .where('key', '=', `run:${ARCHIVE_JOB}`)
        .execute();
    });
  });
});
