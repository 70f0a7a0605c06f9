import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { createTestCase } from '../cases/cases.fixtures.ts';
import { listSubjectRules } from './rules.ts';

/**
 * /admin/records/rules: the subjects (filtered and paged on the server) and facets with KL's rule,
 * the local rule and the rule in force; a records manager sets and clears local rules with a
 * reason, the inheriting cases follow (the flash says how many), and the audit log has it all.
 */
describe.each(DIALECTS)('retention rules (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    for (const u of ['sagsbehandler', 'journal', 'admin']) cookie[u] = await t.signIn(u);
  });
  afterAll(async () => t.cleanup());

  const caseRow = (id: number) =>
    t.db.database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('lets records managers and administrators see the rules, and no one else', async () => {
    const page = await t.get('/admin/records/rules?q=02.34', { cookie: cookie.journal });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Bevaringsregler');
    expect(html).toContain('02.34.02');
    expect(html).toContain('Byggetilladelse');
    expect(html).toContain('cirkulæreskrivelse om kassation af dokumenter i kommunernes it-systemer');
    expect((await t.get('/admin/records/rules', { cookie: cookie.admin })).status).toBe(200);
    const viewOnly = await (await t.get('/admin/records/rules/subjects/02.34.02', { cookie: cookie.admin })).text();
    expect(viewOnly).toContain('Kun arkivansvarlige kan ændre dem');
    expect(viewOnly).not.toContain('action="/admin/records/rules/subjects/02.34.02/local-rule"');
    expect((await t.get('/admin/records/rules', { cookie: cookie.sagsbehandler })).status).toBe(403);
    const posted = await t.post(
      '/admin/records/rules/subjects/02.34.02/local-rule',
      { retention: 'dispose', years: '5', reason: 'Forsøg' },
      { cookie: cookie.admin },
    );
    expect(posted.status).toBe(403);
    const home = await (await t.get('/admin', { cookie: cookie.journal })).text();
    expect(home).toContain('href="/admin/records/rules"');
    expect(home).toContain('href="/admin/records/subject-report"');
    const adminHome = await (await t.get('/admin', { cookie: cookie.admin })).text();
    expect(adminHome).toContain('href="/admin/records/rules"');
    expect(adminHome).not.toContain('href="/admin/records/subject-report"');
  });

  it('filters subjects by number or title and pages through them on the server', async () => {
    const byNumber = await (await t.get('/admin/records/rules?q=02.34', { cookie: cookie.journal })).text();
    expect(byNumber).toContain('02.34.02');
    expect(byNumber).not.toContain('27.00.00');
    const byTitle = await (await t.get('/admin/records/rules?q=sundhed', { cookie: cookie.journal })).text();
    expect(byTitle).toContain('27.00.00');
    expect(byTitle).not.toContain('02.34.02');
    // Groups (level 1 and 2) carry no retention and are not listed.
    const four = await listSubjectRules(t.db.database, { limit: 4 });
    const first = await listSubjectRules(t.db.database, { limit: 2 });
    const second = await listSubjectRules(t.db.database, { limit: 2, after: first.next });
    expect([...first.items, ...second.items].map((i) => i.key)).toEqual(four.items.map((i) => i.key));
    expect(first.next).toBe(first.items[1]!.key);
    const all = await listSubjectRules(t.db.database, { limit: 500 });
    expect(all.items.length).toBeGreaterThan(50);
    // The page shows 50 and a link to the next 50, which starts after the last one shown.
    const html = await (await t.get('/admin/records/rules', { cookie: cookie.journal })).text();
    const fiftieth = all.items[49]!.key;
    expect(html).toContain(`href="/admin/records/rules?view=subjects&amp;after=${fiftieth}"`);
    expect(html).not.toContain(`>${all.items[50]!.key}<`);
    const more = await (await t.get(`/admin/records/rules?after=${fiftieth}`, { cookie: cookie.journal })).text();
    expect(more).toContain(`>${all.items[50]!.key}<`);
    expect(more).not.toContain(`>${all.items[0]!.key}<`);
    // htmx gets the results only.
    const fragment = await t.get('/admin/records/rules?q=02', {
      cookie: cookie.journal,
      headers: { 'HX-Request': 'true' },
    });
    const part = await fragment.text();
    expect(part).toContain('id="rule-results"');
    expect(part).not.toContain('<html');
    const facets = await (await t.get('/admin/records/rules?view=facets', { cookie: cookie.journal })).text();
    expect(facets).toContain('P20');
    expect(facets).toContain('K07');
  });

  it('sets a local rule with a reason; the inheriting cases follow and the audit log has before and after', async () => {
    const db = t.db.database.db;
    // Two cases on 02.00.00 (K, 5 years) + G01; one of them with its own rule, which must not move.
    const a = await createTestCase(t, cookie.sagsbehandler!, { kleNumber: '02.00.00', facetCode: 'G01', title: 'A' });
    const b = await createTestCase(t, cookie.sagsbehandler!, { kleNumber: '02.00.00', facetCode: 'G01', title: 'B' });
    const own = await createTestCase(t, cookie.sagsbehandler!, { kleNumber: '02.00.00', facetCode: 'G01', title: 'C' });
    const other = await createTestCase(t, cookie.sagsbehandler!, { kleNumber: '02.34.02', facetCode: 'P20' });
    await db
      .updateTable('cases')
      .set({ retention: 'preserve', retention_years: null, retention_overridden: 1, retention_reason: 'Særlig sag' })
      .where('id', '=', own)
      .execute();
    expect(await caseRow(a)).toMatchObject({ retention: 'dispose', retention_years: 5 });

    // No reason, no years for a disposal: 422 with the input kept.
    const bad = await t.post(
      '/admin/records/rules/subjects/02.00.00/local-rule',
      { retention: 'dispose', years: '', reason: '' },
      { cookie: cookie.journal },
    );
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Skriv en begrundelse');
    expect(badHtml).toContain('Skriv antal år før kassation som et helt tal (0–200)');
    expect(badHtml).toMatch(/<option value="dispose" selected/);
    expect((await caseRow(a)).retention_years).toBe(5);

    const ok = await t.post(
      '/admin/records/rules/subjects/02.00.00/local-rule',
      { retention: 'dispose', years: '12', reason: 'Byrådets beslutning 2026' },
      { cookie: cookie.journal },
    );
    expect(ok.status).toBe(303);
    const after = await (
      await t.get('/admin/records/rules/subjects/02.00.00', { cookie: withCookies(cookie.journal!, ok) })
    ).text();
    expect(after).toContain('Reglen er gemt. 2 sager har fået ny bevaring.');
    expect(after).toContain('Byrådets beslutning 2026');
    expect(await caseRow(a)).toMatchObject({ retention: 'dispose', retention_years: 12, retention_overridden: 0 });
    expect(await caseRow(b)).toMatchObject({ retention: 'dispose', retention_years: 12 });
    expect(await caseRow(own)).toMatchObject({ retention: 'preserve', retention_overridden: 1 });
    expect(await caseRow(other)).toMatchObject({ retention: 'preserve' });
    const entry = await db
      .selectFrom('audit_log')
      .select(['details', 'entity_type', 'entity_id', 'actor_name'])
      .where('action', '=', 'records.rule.set')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ entity_type: 'kle_subject', entity_id: '02.00.00' });
    const details = JSON.parse(entry.details!);
    expect(details).toMatchObject({
      key: '02.00.00',
      reason: 'Byrådets beslutning 2026',
      before: null,
      after: { retention: 'dispose', years: 12 },
      count: 2,
    });
    expect(details.cases).toHaveLength(2);
    const list = await (await t.get('/admin/records/rules?q=02.00', { cookie: cookie.journal })).text();
    expect(list).toContain('Kasseres · 12 år (kommunens egen regel)');

    // A facet rule: B on G01 preserves every inheriting case on it.
    const facet = await t.post(
      '/admin/records/rules/facets/G01/local-rule',
      { retention: 'preserve', reason: 'Generelle sager bevares her' },
      { cookie: cookie.journal },
    );
    expect(facet.status).toBe(303);
    expect(await caseRow(a)).toMatchObject({ retention: 'preserve', retention_years: null });
    const casePage = await (await t.get(`/cases/${a}`, { cookie: cookie.sagsbehandler })).text();
    expect(casePage).toContain('Handlingsfacetten er bevaringsmarkeret, så sagen bevares.');
    expect(casePage).toContain('Handlingsfacet G01: Bevares (kommunens egen regel)');

    // Clearing needs a reason too; then KL's (silent) facet and the subject's local rule apply again.
    const noReason = await t.post(
      '/admin/records/rules/facets/G01/local-rule/deletion',
      { reason: ' ' },
      {
        cookie: cookie.journal,
      },
    );
    expect(noReason.status).toBe(422);
    const cleared = await t.post(
      '/admin/records/rules/facets/G01/local-rule/deletion',
      { reason: 'Tilbage til KL' },
      { cookie: cookie.journal },
    );
    expect(cleared.status).toBe(303);
    expect(await caseRow(a)).toMatchObject({ retention: 'dispose', retention_years: 12 });
    const clearedEntry = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'records.rule.clear')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(clearedEntry.details!)).toMatchObject({
      key: 'G01',
      reason: 'Tilbage til KL',
      before: { retention: 'preserve' },
      after: null,
      count: 2,
    });
    expect((await t.get('/admin/records/rules/subjects/99.99.99', { cookie: cookie.journal })).status).toBe(404);
    expect((await t.get('/admin/records/rules/facets/Q99', { cookie: cookie.journal })).status).toBe(404);
  });
});
