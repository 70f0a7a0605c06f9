import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, audit } from '../../audit/service.ts';
import { writeTransaction } from '../../db/index.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { createTestCase } from '../cases/cases.fixtures.ts';
import { csvField } from './audit-search.ts';

/** The audit page's search (person, action, object, period), its phrases and its CSV export. */
describe.each(DIALECTS)('audit page: search and export (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  let anna: { id: string; name: string };
  let bo: { id: string; name: string };
  let caseRow: { id: number; number: string };
  /** Ids of the fixture's entries. */
  const e: Record<'caseUpdate' | 'userUpdate' | 'unworded' | 'caseView' | 'formula', string> = {} as never;
  const entryId = async () =>
    `id="entry-${(await t.db.database.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id}"`;
  async function results(path: string, cookie = admin): Promise<string> {
    const res = await t.get(path, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    return html.slice(html.indexOf('id="audit-results"'));
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
    const users = await t.db.database.db.selectFrom('users').select(['id', 'display_name', 'username']).execute();
    const pick = (u: string) => {
      const r = users.find((x) => x.username === u)!;
      return { id: r.id, name: r.display_name };
    };
    anna = pick('sagsbehandler');
    bo = pick('sekretariat');
    await insertTestKle(t.db.database);
    const caseId = await createTestCase(t, await t.signIn('sagsbehandler'));
    const c = await t.db.database.db
      .selectFrom('cases')
      .select(['id', 'number'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    caseRow = { id: c.id, number: c.number };
    await audit(t.db.database, {
      actor: anna,
      action: 'case.update',
      entityType: 'case',
      entityId: caseRow.id,
      summary: 'fixture: changed the case',
      ip: '10.0.0.1',
    });
    e.caseUpdate = await entryId();
    await audit(t.db.database, {
      actor: bo,
      action: 'user.update',
      entityType: 'user',
      entityId: anna.id,
      summary: 'fixture: changed Anna',
    });
    e.userUpdate = await entryId();
    await audit(t.db.database, {
      actor: anna,
      action: 'fixture.unworded',
      summary: 'fixture; a "quoted" summary\non two lines',
    });
    e.unworded = await entryId();
    await audit(t.db.database, { actor: anna, action: 'case.view', entityType: 'case', entityId: caseRow.id });
    e.caseView = await entryId();
    await audit(t.db.database, { actor: anna, action: 'fixture.formula', summary: '=HYPERLINK("x")' });
    e.formula = await entryId();
  });
  afterAll(async () => t.cleanup());

  it('shows each action in words, with its code, and an unknown code as itself', async () => {
    const html = await results(`/admin/audit?personId=${anna.id}`);
    expect(html).toContain('Ændrede sagens registrering');
    expect(html).toContain('<code class="block text-xs text-slate-600">case.update</code>');
    expect(html).toMatch(/<td>fixture\.unworded<code[^>]*>fixture\.unworded<\/code><\/td>/);
    expect(html).toContain(`Sag ${caseRow.number}`);
  });

  it('finds a person by username or name, shows the matches, and searches by their id', async () => {
    const page = await (await t.get('/admin/audit?person=sagsbeh', { cookie: admin })).text();
    expect(page).toContain(`${anna.name} (sagsbehandler)`);
    expect(page).toContain(`personId=${anna.id}`);
    const html = page.slice(page.indexOf('id="audit-results"'));
    expect(html).toContain(e.caseUpdate);
    expect(html).not.toContain(e.userUpdate); // done by Bo, about Anna
    const byName = await results(`/admin/audit?person=${encodeURIComponent(anna.name.split(' ')[0]!)}`);
    expect(byName).toContain(e.caseUpdate);
  });

  it('finds the entries about a person (entity user)', async () => {
    const html = await results(`/admin/audit?personId=${anna.id}&personRole=subject`);
    expect(html).toContain(e.userUpdate);
    expect(html).not.toContain(e.caseUpdate);
    expect(html).toContain(`Person ${anna.name} (sagsbehandler)`);
  });

  it('finds an object by kind and case number, or by id, and says when no case has the number', async () => {
    const byNumber = await results(`/admin/audit?entityType=case&entityId=${encodeURIComponent(caseRow.number)}`);
    expect(byNumber).toContain(e.caseUpdate);
    expect(byNumber).toContain(e.caseView);
    expect(byNumber).not.toContain(e.userUpdate);
    const byId = await results(`/admin/audit?entityType=case&entityId=${caseRow.id}&action=case.update`);
    expect(byId).toContain(e.caseUpdate);
    expect(byId).not.toContain(e.caseView);
    const kind = await results('/admin/audit?entityType=user');
    expect(kind).toContain(e.userUpdate);
    expect(kind).not.toContain(e.caseUpdate);
    const none = await results('/admin/audit?entityType=case&entityId=NO-SUCH-1');
    expect(none).toContain('Der er ingen sag med nummeret NO-SUCH-1.');
    expect(none).toContain('Ingen hændelser matcher filteret.');
  });

  it('combines person, action (one code or a whole area) and period', async () => {
    const both = await results(`/admin/audit?personId=${anna.id}&action=case.update`);
    expect(both).toContain(e.caseUpdate);
    expect(both).not.toContain(e.caseView);
    expect(both).not.toContain(e.unworded);
    const area = await results(`/admin/audit?personId=${anna.id}&action=area:cases`);
    expect(area).toContain(e.caseUpdate);
    expect(area).toContain(e.caseView);
    expect(area).not.toContain(e.unworded);
    // The app's clock, in Copenhagen days: from the day before to the day after now.
    const from = copenhagenDate(new Date(Date.now() - 86_400_000));
    const to = copenhagenDate(new Date(Date.now() + 86_400_000));
    const period = await results(`/admin/audit?personId=${anna.id}&action=case.update&from=${from}&to=${to}`);
    expect(period).toContain(e.caseUpdate);
    // A period long before the entries were made finds none of them.
    const past = await results(`/admin/audit?personId=${anna.id}&from=2001-01-01&to=2001-12-31`);
    expect(past).toContain('Ingen hændelser matcher filteret.');
  });

  it('offers the actions in words, grouped by area', async () => {
    const page = await (await t.get('/admin/audit', { cookie: admin })).text();
    expect(page).toMatch(/<optgroup label="Sager"><option value="area:cases">Alle handlinger: Sager<\/option>/);
    expect(page).toContain('<option value="document.journalise">Journaliserede et dokument</option>');
    expect(page).toContain('<option value="case">Sag</option>');
  });

  it('exports the search as CSV for Danish Excel, escaped, and logs the export with its filter', async () => {
    const res = await t.get(`/admin/audit/export?personId=${anna.id}`, { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="revisionslog-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Tidspunkt (dansk tid);Bruger;Handling;Handlingskode;Objekt;Beskrivelse;IP-adresse');
    expect(text).toContain(`;${anna.name};Ændrede sagens registrering;case.update;Sag ${caseRow.number};`);
    expect(text).toContain(';10.0.0.1\r\n');
    expect(text).toContain('"fixture; a ""quoted"" summary\non two lines"');
    expect(text).toContain(`;"'=HYPERLINK(""x"")";`); // defused, and quoted for its quotes
    expect(text).not.toContain('fixture: changed Anna');
    // Times in Copenhagen: yyyy-mm-dd hh:mm:ss.
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};/);
    const logged = await t.db.database.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'audit.export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(logged.details!)).toEqual({ personId: anna.id });
  });

  it('exports in batches: more entries than one batch all arrive, newest first', async () => {
    // One transaction for the lot (the export's batches are 1,000 entries).
    await writeTransaction(t.db.database, async (tx) => {
      for (let i = 0; i < 1205; i++) await appendAudit(tx, { actor: bo, action: 'fixture.bulk', summary: `bulk ${i}` });
    });
    const text = await (await t.get('/admin/audit/export?action=fixture.bulk', { cookie: admin })).text();
    const rows = text.split('\r\n').filter((l) => l.includes('bulk '));
    expect(rows).toHaveLength(1205);
    expect(rows[0]).toContain('bulk 1204');
    expect(rows[1204]).toContain('bulk 0');
  });

  it('escapes CSV fields', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField(null)).toBe('');
  });

  it('lets records managers view and export the log, and nobody else', async () => {
    const journal = await t.signIn('journal');
    expect((await t.get('/admin/audit', { cookie: journal })).status).toBe(200);
    expect((await t.get('/admin/audit/export', { cookie: journal })).status).toBe(200);
    const caseworker = await t.signIn('sagsbehandler');
    expect((await t.get('/admin/audit', { cookie: caseworker })).status).toBe(403);
    expect((await t.get('/admin/audit/export', { cookie: caseworker })).status).toBe(403);
  });

  it('never exports for an <img> on some page', async () => {
    const res = await t.get('/admin/audit/export', {
      cookie: admin,
      headers: { 'Sec-Fetch-Dest': 'image', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(res.status).toBe(404);
  });
});
