import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { sendDeadlineReminders } from './reminders.ts';

describe.each(DIALECTS)('deadline reminders and notifications (%s)', (dialect) => {
  let t: TestApp;
  let cookie: string;
  let other: string;
  let caseId: number;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    cookie = await t.signIn('sagsbehandler');
    other = await t.signIn('journal');
    const unit = (
      await t.db.database.db
        .selectFrom('users')
        .select('org_unit_id')
        .where('username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow()
    ).org_unit_id!;
    const res = await t.post(
      '/cases',
      { type: 'subject', title: 'Sag med frist', kleNumber: '02.00.00', facetCode: 'G01', unitId: String(unit) },
      { cookie },
    );
    caseId = Number(res.headers.get('location')!.split('/').pop());
  });
  afterAll(async () => t.cleanup());

  it('reminds the caseworker once, on the reminder day, and shows it in the header', async () => {
    const today = '2026-11-26';
    await t.post(
      `/cases/${caseId}/deadlines`,
      { title: 'Svar til ansøger', dueOn: '2026-11-30', remindOn: '2026-11-26' },
      { cookie },
    );
    await t.post(
      `/cases/${caseId}/deadlines`,
      { title: 'Senere frist', dueOn: '2026-12-30', remindOn: '2026-12-20' },
      { cookie },
    );
    expect(await sendDeadlineReminders(t.db.database, '2026-11-25')).toBe(0);
    expect(await sendDeadlineReminders(t.db.database, today)).toBe(1);
    expect(await sendDeadlineReminders(t.db.database, today)).toBe(0);
    const home = await (await t.get('/', { cookie })).text();
    expect(home).toContain('aria-label="Notifikationer, 1 ulæste"');
    const list = await (await t.get('/notifications', { cookie })).text();
    expect(list).toContain('Påmindelse: &quot;Svar til ansøger&quot; på sag');
    expect(list).toContain('har frist 30.11.2026');
    expect(list).toContain(`href="/cases/${caseId}#deadlines"`);
    // Nobody else sees it.
    expect(await (await t.get('/notifications', { cookie: other })).text()).not.toContain('Svar til ansøger');
    const [n] = await t.db.database.db.selectFrom('notifications').select('id').execute();
    expect((await t.post(`/notifications/${n!.id}/read`, {}, { cookie: other })).status).toBe(303);
    expect(await (await t.get('/', { cookie })).text()).toContain('aria-label="Notifikationer, 1 ulæste"');
    await t.post(`/notifications/${n!.id}/read`, {}, { cookie });
    expect(await (await t.get('/', { cookie })).text()).toContain('aria-label="Notifikationer, 0 ulæste"');
  });

  it('runs as a scheduled job that records its result', async () => {
    const outcome = await t.services.scheduler.runJob('deadline-reminders', 'manual');
    expect(outcome.status).toBe('ok');
  });
});
