import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { searchPosts } from './search.ts';
import { createRoomsTestApp, type RoomsTestApp } from './rooms.fixtures.ts';

/** Search within a room and across the rooms the user may see (FTS5 / tsvector 'danish'). */

describe.each(DIALECTS)('room search (%s)', (dialect) => {
  let t: RoomsTestApp;
  let a: number;
  let b: number;
  let closed: number;

  beforeAll(async () => {
    t = await createRoomsTestApp(dialect);
    a = await t.room('sagsbehandler', { name: 'Læringsagenter – Samspil', purpose: 'Spørgsmål om systemet.' });
    b = await t.room('journal', { name: 'Digital post og MeMo', purpose: 'MeMo.' });
    closed = await t.room('journal', { name: 'Journalgruppen', purpose: 'Lukket.', visibility: 'closed' });
    await t.thread('sagsbehandler', a, {
      title: 'Hvor ligger brevskabelonerne?',
      body: 'Jeg kan ikke finde skabelonerne til afgørelser.',
    });
    const { threadId } = await t.thread('sagsbehandler', a, {
      title: 'Journalisering af e-mails',
      body: 'Hvordan journaliserer jeg en mail med bilag?',
    });
    await t.reply(
      'sagsbehandler',
      a,
      threadId,
      'Træk mailen ind i sagens dokumenter, så bliver bilagene til dokumenter.',
    );
    await t.thread('journal', b, {
      title: 'Skabelon til Digital Post',
      body: 'Vi har en ny skabelon til breve i Digital Post.',
    });
    await t.thread('journal', closed, { title: 'Intern skabelon', body: 'Den interne skabelon må ikke deles.' });
  });
  afterAll(async () => t.cleanup());

  it('finds Danish word forms across the rooms one may see, never in closed rooms one is not in', async () => {
    const outsider = { id: await t.idOf('medarbejder') };
    const hits = await searchPosts(t.db.database, outsider, 'skabelon');
    const titles = hits.hits.map((h) => h.threadTitle).sort();
    expect(titles).toEqual(['Hvor ligger brevskabelonerne?', 'Skabelon til Digital Post']);
    const member = await searchPosts(t.db.database, { id: await t.idOf('journal') }, 'skabelon');
    expect(member.hits.map((h) => h.threadTitle)).toContain('Intern skabelon');
    const html = (await t.page('medarbejder', '/rooms/search?q=skabelonerne')).html;
    expect(html).toContain('<mark class="rounded-sm bg-amber-200 px-0.5 text-slate-900">skabelonerne</mark>');
    expect(html).not.toContain('Intern skabelon');
  });

  it('searches within one room', async () => {
    const res = (await t.page('medarbejder', `/rooms/${a}/search?q=skabelon`)).html;
    expect(res).toContain('Hvor ligger brevskabelonerne?');
    expect(res).not.toContain('Skabelon til Digital Post');
    const reply = (await t.page('medarbejder', `/rooms/${a}/search?q=bilagene`)).html;
    expect(reply).toContain('Svar');
    expect(reply).toContain('Journalisering af e-mails');
    expect((await t.page('medarbejder', `/rooms/${b}/search?q=bilagene`)).html).toContain('Ingen indlæg matcher');
  });

  it('never breaks on odd input, and leaves hidden posts out', async () => {
    for (const q of ['"', 'e-mail', '(skabelon', 'AND OR NOT', '*', "'; drop table posts; --", 'æøå']) {
      const res = await t.get(`/rooms/search?q=${encodeURIComponent(q)}`, { cookie: t.cookie.medarbejder });
      expect(res.status, q).toBe(200);
    }
    expect(
      (await searchPosts(t.db.database, { id: await t.idOf('medarbejder') }, 'e-mails')).hits.map((h) => h.threadTitle),
    ).toContain('Journalisering af e-mails');
    const post = await t.db.database.db
      .selectFrom('posts')
      .select('id')
      .where('body_md', 'like', '%Træk mailen%')
      .executeTakeFirstOrThrow();
    expect(
      (await searchPosts(t.db.database, { id: await t.idOf('sagsbehandler') }, 'træk')).hits.map((h) => h.postId),
    ).toEqual([post.id]);
    expect((await t.post(`/rooms/${a}/posts/${post.id}/hiding`, {}, { cookie: t.cookie.sagsbehandler })).status).toBe(
      303,
    );
    expect(
      (await searchPosts(t.db.database, { id: await t.idOf('sagsbehandler') }, 'bilagene')).hits.map((h) => h.postId),
    ).not.toContain(post.id);
    expect((await searchPosts(t.db.database, { id: await t.idOf('sagsbehandler') }, 'træk')).hits).toEqual([]);
  });

  it('finds edited text and forgets the old', async () => {
    const { threadId, postId } = await t.thread('journal', b, { title: 'Fjernprint', body: 'Fjernprint virker ikke.' });
    expect(
      (await searchPosts(t.db.database, { id: await t.idOf('journal') }, 'virker')).hits.map((h) => h.threadId),
    ).toContain(threadId);
    expect(
      (
        await t.post(
          `/rooms/${b}/posts/${postId}`,
          { title: 'Fjernprint', body: 'Fjernprint kører igen efter opdateringen.' },
          { cookie: t.cookie.journal },
        )
      ).status,
    ).toBe(303);
    expect(
      (await searchPosts(t.db.database, { id: await t.idOf('journal') }, 'virker')).hits.map((h) => h.threadId),
    ).not.toContain(threadId);
    expect(
      (await searchPosts(t.db.database, { id: await t.idOf('journal') }, 'opdateringen')).hits.map((h) => h.threadId),
    ).toContain(threadId);
  });

  it('finds rooms by name, only those one may see', async () => {
    const html = (await t.page('medarbejder', '/rooms/search?q=digital')).html;
    expect(html).toContain(`href="/rooms/${b}"`);
    expect((await t.page('medarbejder', '/rooms/search?q=journalgruppen')).html).not.toContain(
      `href="/rooms/${closed}"`,
    );
    expect((await t.page('journal', '/rooms/search?q=journalgruppen')).html).toContain(`href="/rooms/${closed}"`);
  });

  it('finds a room name with Æ, Ø or Å in either case (SQLite folds only A–Z itself)', async () => {
    const oersted = await t.room('journal', { name: 'ØRSTEDSVEJ – Ærø-projektet', purpose: 'Vejprojekt.' });
    for (const q of ['ørstedsvej', 'ærø', 'ØRSTEDSVEJ', 'Ærø-projektet']) {
      expect((await t.page('medarbejder', `/rooms/search?q=${encodeURIComponent(q)}`)).html, q).toContain(
        `href="/rooms/${oersted}"`,
      );
    }
  });
});
