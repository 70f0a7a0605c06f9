import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withCookies, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { notify, savePrefs, sendDigests } from './service.ts';

describe.each(DIALECTS)('notifications (%s)', (dialect) => {
  let t: TestApp;
  let id: (u: string) => Promise<string>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    id = async (u) =>
      (await t.db.database.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t.cleanup());

  const outbox = (userId: string) =>
    t.db.database.db.selectFrom('mail_outbox').selectAll().where('to_user_id', '=', userId).orderBy('id').execute();

  it('mails immediately for an urgent kind, in the reader’s language, unless switched off', async () => {
    const kasper = await id('sagsbehandler');
    await notify(t.db.database, {
      userId: kasper,
      kind: 'deadline.reminder',
      params: { title: 'Svar til ansøger', due: '2026-12-01', number: 'EMN-2026-000001' },
      link: '/cases/1#deadlines',
    });
    const mails = await outbox(kasper);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_address).toBe('kasper.lindholm@skovlund.dk');
    expect(mails[0]!.subject).toContain('Påmindelse: "Svar til ansøger"');
    expect(mails[0]!.html).toContain('http://localhost:3000/cases/1#deadlines');
    expect(mails[0]!.html).toContain('Skovlund Kommune');
    expect(mails[0]!.text).toContain('Hej Kasper Lindholm');

    await savePrefs(t.db.database, kasper, [{ kind: 'deadline.reminder', inApp: true, email: false }]);
    await notify(t.db.database, {
      userId: kasper,
      kind: 'deadline.reminder',
      params: { title: 'Anden frist', due: '2026-12-02', number: 'X' },
    });
    expect(await outbox(kasper)).toHaveLength(1);
    // Switched off in the app as well: nothing shows as unread.
    await savePrefs(t.db.database, kasper, [{ kind: 'deadline.reminder', inApp: false, email: false }]);
    expect(
      await notify(t.db.database, {
        userId: kasper,
        kind: 'deadline.reminder',
        params: { title: 'Tredje', due: '2026-12-03', number: 'Y' },
      }),
    ).toBe(false);
  });

  it('folds several events on one thing into one notification with a count', async () => {
    const birgit = await id('journal');
    for (let i = 0; i < 3; i++) {
      await notify(t.db.database, {
        userId: birgit,
        kind: 'room.reply',
        params: { thread: 'Hvordan journaliserer jeg en mail?', author: `Person ${i}` },
        link: '/rooms/1/threads/7',
        foldKey: 'thread:7',
      });
    }
    const rows = await t.db.database.db.selectFrom('notifications').selectAll().where('user_id', '=', birgit).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.count).toBe(3);
    const cookie = await t.signIn('journal');
    const html = await (await t.get('/notifications', { cookie })).text();
    expect(html).toContain('(og 2 mere)');
  });

  it('sends a digest only to those who have not been in since, and never the same items twice', async () => {
    const mette = await id('sekretariat');
    const sofie = await id('medarbejder');
    await t.db.database.db
      .updateTable('users')
      .set({ last_seen_at: new Date(Date.now() - 86400_000).toISOString() })
      .where('id', 'in', [mette, sofie])
      .execute();
    for (const u of [mette, sofie]) {
      await notify(t.db.database, {
        userId: u,
        kind: 'news.comment',
        params: { title: 'Ny ferieordning', author: 'Lise' },
        link: '/news/1',
      });
    }
    // Sofie comes in after the notification: she has seen it in the app.
    await t.db.database.db
      .updateTable('users')
      .set({ last_seen_at: new Date(Date.now() + 1000).toISOString() })
      .where('id', '=', sofie)
      .execute();
    expect(await sendDigests(t.db.database)).toBe(1);
    const metteMail = (await outbox(mette)).filter((m) => m.kind === 'digest');
    expect(metteMail).toHaveLength(1);
    expect(metteMail[0]!.subject).toBe('Du har 1 nye notifikationer i Samspil');
    expect(metteMail[0]!.text).toContain('Ny ferieordning');
    expect((await outbox(sofie)).filter((m) => m.kind === 'digest')).toHaveLength(0);
    // Nothing new: no second digest.
    expect(await sendDigests(t.db.database)).toBe(0);
  });

  it('lets each user choose per kind, and the bell announces new notifications', async () => {
    const cookie = await t.signIn('politiker');
    const page = await (await t.get('/notifications/settings', { cookie })).text();
    expect(page).toContain('Påmindelser om frister');
    const res = await t.post(
      '/notifications/settings',
      { in_app: ['deadline.reminder', 'room.reply'], email: ['digest'] },
      { cookie },
    );
    expect(res.status).toBe(303);
    expect(await (await t.get('/notifications/settings', { cookie: withCookies(cookie, res) })).text()).toContain(
      'Dine indstillinger er gemt.',
    );
    const jorgen = await id('politiker');
    const prefs = await t.db.database.db
      .selectFrom('notification_prefs')
      .selectAll()
      .where('user_id', '=', jorgen)
      .where('kind', '=', 'room.mention')
      .executeTakeFirstOrThrow();
    expect(prefs).toMatchObject({ in_app: 0, email: 0 });

    await notify(t.db.database, {
      userId: jorgen,
      kind: 'deadline.reminder',
      params: { title: 'x', due: '2026-12-01', number: 'N' },
    });
    const badge = await (
      await t.get('/notifications/badge?seen=0', { cookie, headers: { 'HX-Request': 'true' } })
    ).text();
    expect(badge).toContain('aria-label="Notifikationer, 1 ulæste"');
    expect(badge).toContain('<div id="live" hx-swap-oob="innerHTML">Du har 1 ulæste notifikationer</div>');
    const quiet = await (
      await t.get('/notifications/badge?seen=1', { cookie, headers: { 'HX-Request': 'true' } })
    ).text();
    expect(quiet).not.toContain('hx-swap-oob');
  });
});
