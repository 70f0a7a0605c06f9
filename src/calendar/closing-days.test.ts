import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';
import { DIALECTS } from '../../test/helpers/db.ts';
import { closingDays, CLOSING_DAYS_SETTING } from './closing-days.ts';
import { addWorkingDays, DEFAULT_CLOSING_DAYS } from './workdays.ts';

describe.each(DIALECTS)('closing days on the settings page (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const u of ['admin', 'medarbejder']) cookie[u] = await t.signIn(u);
  });
  afterAll(async () => t.cleanup());

  it('shows the defaults, keeps bad input with a message that names the line, and saves what the calendar then counts', async () => {
    const form = await (await t.get('/admin/settings', { cookie: cookie.admin })).text();
    expect(form).toContain('action="/admin/settings/closing-days"');
    expect(form).toContain('5.6 Grundlovsdag\n24.12 Juleaftensdag\n31.12 Nytårsaftensdag</textarea>');
    expect(await closingDays(t.db.database)).toEqual(DEFAULT_CLOSING_DAYS);

    const typed = '24.12 Juleaftensdag\n31.13 Forkert';
    const bad = await t.post('/admin/settings/closing-days', { closingDays: typed }, { cookie: cookie.admin });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Linje 2: skriv en rigtig dato som 24.12 (hvert år) eller 2.1.2027 (én dag)');
    expect(html).toContain('href="#closingDays"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain(`${typed}</textarea>`);
    // The quota form beside it keeps the saved quotas.
    expect(html).toContain('value="1024"');
    expect(
      await t.db.database.db.selectFrom('settings').select('key').where('key', '=', CLOSING_DAYS_SETTING).execute(),
    ).toEqual([]);

    const saved = await t.post(
      '/admin/settings/closing-days',
      { closingDays: '24.12 Juleaftensdag\n31.12\n2.1.2026 Brodag' },
      { cookie: cookie.admin },
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/admin/settings');
    const days = await closingDays(t.db.database);
    expect(days).toEqual([
      { day: '12-24', label: 'Juleaftensdag' },
      { day: '12-31', label: '' },
      { day: '2026-01-02', label: 'Brodag' },
    ]);
    // Grundlovsdag is a working day now; the bridge day is not.
    expect(addWorkingDays('2026-06-04', 1, days)).toBe('2026-06-05');
    expect(addWorkingDays('2025-12-31', 1, days)).toBe('2026-01-05');
    const entry = await t.db.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'settings.update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details!)).toEqual({
      key: CLOSING_DAYS_SETTING,
      days: ['12-24', '12-31', '2026-01-02'],
      before: ['06-05', '12-24', '12-31'],
      after: ['12-24', '12-31', '2026-01-02'],
    });
    expect(await (await t.get('/admin/settings', { cookie: cookie.admin })).text()).toContain(
      '24.12 Juleaftensdag\n31.12\n2.1.2026 Brodag</textarea>',
    );

    // Nobody else may change them.
    expect(
      (await t.post('/admin/settings/closing-days', { closingDays: '' }, { cookie: cookie.medarbejder })).status,
    ).toBe(403);
    expect(await closingDays(t.db.database)).toEqual(days);
  });
});
