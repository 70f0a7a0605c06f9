import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCookies } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { PAGE_SIZE } from './posts.ts';
import { createRoomsTestApp, type DemoUser, type RoomsTestApp } from './rooms.fixtures.ts';

/** The forum: Markdown and sanitising, mentions, notifications by level and folding, editing with history, questions, moderation, reactions, paging. */

describe.each(DIALECTS)('room forum (%s)', (dialect) => {
  let t: RoomsTestApp;
  let room: number;
  const ids: Record<string, string> = {};
  const notifications = async (who: DemoUser) =>
    t.db.database.db
      .selectFrom('notifications')
      .select(['kind', 'count', 'params', 'link'])
      .where('user_id', '=', ids[who]!)
      .orderBy('id')
      .execute();
  const clear = async () => t.db.database.db.deleteFrom('notifications').execute();

  beforeAll(async () => {
    t = await createRoomsTestApp(dialect);
    for (const u of ['sagsbehandler', 'journal', 'sekretariat', 'medarbejder', 'admin', 'politiker'])
      ids[u] = await t.idOf(u);
    room = await t.room('sagsbehandler', {
      name: 'Læringsagenter – Samspil',
      purpose: 'Spørgsmål og svar om det nye system.',
    });
    for (const u of ['journal', 'sekretariat', 'medarbejder'] as const) await t.join(u, room);
  });
  afterAll(async () => t.cleanup());

  it('renders Markdown safely: no script, no event handler, no javascript: link survives', async () => {
    const { threadId } = await t.thread('journal', room, {
      title: 'Test af <b>formatering</b>',
      body: '**Fed** og *kursiv*\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[klik](javascript:alert(3)) [ok](https://www.kl.dk)\n\n- punkt',
    });
    const html = (await t.page('journal', `/rooms/${room}/threads/${threadId}`)).html;
    expect(html).toContain('<strong>Fed</strong>');
    expect(html).toContain('<li>punkt</li>');
    expect(html).toContain('href="https://www.kl.dk" rel="noopener noreferrer"');
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toMatch(/<img[^>]*onerror/);
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Test af &lt;b&gt;formatering&lt;/b&gt;');
    // CSP: no inline handlers or styles anywhere on the page.
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/<[^>]*\sstyle=/i);
  });

  it('shows no image that would make readers fetch a case, in new posts and in posts saved before the rule', async () => {
    const { threadId, postId } = await t.thread('journal', room, {
      title: 'Kort',
      body: 'Se ![kortet](/cases/1) og ![bilaget](/cases/1/documents/1/versions/1/file?inline=1)',
    });
    let html = (await t.page('sagsbehandler', `/rooms/${room}/threads/${threadId}`)).html;
    expect(html).toContain('Se kortet og bilaget');
    expect(html).not.toMatch(/<img[^>]*\/cases\//);
    // A post stored with the image by the earlier rule.
    await t.db.database.db
      .updateTable('posts')
      .set({ body_html: '<p>Se <img src="/cases/1" alt="kortet" /></p>' })
      .where('id', '=', postId)
      .execute();
    html = (await t.page('sagsbehandler', `/rooms/${room}/threads/${threadId}`)).html;
    expect(html).toContain('<p>Se kortet</p>');
    expect(html).not.toMatch(/<img[^>]*\/cases\//);
  });

  it('links @mentions and notifies the mentioned who can see the room, once per post', async () => {
    await clear();
    const closed = await t.room('sagsbehandler', { name: 'Lukket projektgruppe', purpose: 'x', visibility: 'closed' });
    const { threadId, postId } = await t.thread('sagsbehandler', closed, {
      title: 'Plan',
      body: 'Hej @journal og @nobody – og e-mail a@sagsbehandler.dk og `@medarbejder` i kode.',
    });
    const html = (await t.page('sagsbehandler', `/rooms/${closed}/threads/${threadId}`)).html;
    expect(html).toContain('<a href="/people/journal" class="mention">@journal</a>');
    expect(html).toContain('@nobody');
    expect(html).not.toContain('href="/people/nobody"');
    expect(html).toContain('<code>@medarbejder</code>');
    // Birgit is not a member of the closed room: she is not told about it.
    expect(await notifications('journal')).toEqual([]);
    expect(await notifications('medarbejder')).toEqual([]);
    // In the open room she is; and editing the post does not tell her again.
    const open = await t.thread('sagsbehandler', room, {
      title: 'Spørgsmål til @journal',
      body: 'Kan du hjælpe, @journal?',
    });
    expect((await notifications('journal')).map((n) => n.kind)).toEqual(['room.mention']);
    const edited = await t.post(
      `/rooms/${room}/posts/${open.postId}`,
      { title: 'Spørgsmål til @journal', body: 'Kan du hjælpe, @journal? Og @sekretariat?' },
      { cookie: t.cookie.sagsbehandler },
    );
    expect(edited.status).toBe(303);
    expect((await notifications('journal')).map((n) => n.kind)).toEqual(['room.mention']);
    expect((await notifications('sekretariat')).map((n) => n.kind)).toEqual(['room.mention']);
    // A mentioned person whose level is "nothing" hears nothing.
    expect((await t.post(`/rooms/${room}/level`, { level: 'nothing' }, { cookie: t.cookie.medarbejder })).status).toBe(
      303,
    );
    await t.reply('sagsbehandler', room, open.threadId, 'Og @medarbejder?');
    expect(await notifications('medarbejder')).toEqual([]);
    expect((await t.post(`/rooms/${room}/level`, { level: 'mentions' }, { cookie: t.cookie.medarbejder })).status).toBe(
      303,
    );
    void postId;
  });

  it('folds several replies in one thread into one notification for the followers', async () => {
    await clear();
    const { threadId } = await t.thread('journal', room, {
      title: 'Hvor finder jeg skabelonerne?',
      body: 'Jeg leder efter brevskabeloner.',
    });
    await t.reply('sagsbehandler', room, threadId, 'Under Administration.');
    await t.reply('sekretariat', room, threadId, 'Eller i vejledningen.');
    await t.reply('sagsbehandler', room, threadId, 'Og i rummets filer.');
    const mine = await notifications('journal');
    expect(mine.map((n) => [n.kind, n.count])).toEqual([['room.reply', 3]]);
    expect(JSON.parse(mine[0]!.params).name).toBe('Kasper Lindholm');
    // The author of a reply is not told about their own reply; a non-follower is not told at all.
    expect(await notifications('medarbejder')).toEqual([]);
    // Once read, the next reply is a new notification.
    await t.db.database.db.updateTable('notifications').set({ read_at: new Date().toISOString() }).execute();
    await t.reply('sekretariat', room, threadId, 'Fundet?');
    expect((await notifications('journal')).map((n) => [n.kind, n.count])).toEqual([
      ['room.reply', 3],
      ['room.reply', 1],
    ]);
    // Following a thread by hand brings the replies; unfollowing stops them.
    expect(
      (await t.post(`/rooms/${room}/threads/${threadId}/follow`, {}, { cookie: t.cookie.medarbejder })).status,
    ).toBe(303);
    await t.reply('journal', room, threadId, 'Ja, tak!');
    expect((await notifications('medarbejder')).map((n) => n.kind)).toEqual(['room.reply']);
    expect(
      (await t.post(`/rooms/${room}/threads/${threadId}/follow/deletion`, {}, { cookie: t.cookie.medarbejder })).status,
    ).toBe(303);
    await t.reply('journal', room, threadId, 'Igen tak.');
    expect((await notifications('medarbejder')).map((n) => n.count)).toEqual([1]);
  });

  it('tells members with level "everything" and the room\'s followers about new threads; quiet by default', async () => {
    await clear();
    expect(
      (await t.post(`/rooms/${room}/level`, { level: 'everything' }, { cookie: t.cookie.sekretariat })).status,
    ).toBe(303);
    // Jørgen (not a member) follows the open room.
    expect((await t.post(`/rooms/${room}/follow`, {}, { cookie: t.cookie.politiker })).status).toBe(303);
    await t.thread('journal', room, { title: 'Ny vejledning om aktindsigt', body: 'Læs den.' });
    expect((await notifications('sekretariat')).map((n) => n.kind)).toEqual(['room.post']);
    expect((await notifications('politiker')).map((n) => n.kind)).toEqual(['room.post']);
    // Members at the default level (mentions) hear nothing of a new thread.
    expect(await notifications('medarbejder')).toEqual([]);
    expect(await notifications('sagsbehandler')).toEqual([]);
    // A bad level is refused.
    const bad = await t.post(`/rooms/${room}/level`, { level: 'loud' }, { cookie: t.cookie.sekretariat });
    expect(bad.status).toBe(303);
    expect((await t.page('sekretariat', `/rooms/${room}`, bad)).html).toContain('Vælg, hvad du vil have besked om.');
    expect(
      (
        await t.db.database.db
          .selectFrom('room_members')
          .select('level')
          .where('room_id', '=', room)
          .where('user_id', '=', ids.sekretariat!)
          .executeTakeFirstOrThrow()
      ).level,
    ).toBe('everything');
  });

  it('keeps the history of edits, only when the text changed, and shows "redigeret"', async () => {
    const { threadId } = await t.thread('medarbejder', room, {
      title: 'Hvordan logger jeg på hjemmefra?',
      body: 'Første udgave.',
    });
    const postId = await t.reply('medarbejder', room, threadId, 'Jeg bruger VPN.');
    const form = await t.page('medarbejder', `/rooms/${room}/posts/${postId}/edit`);
    expect(form.html).toContain('Jeg bruger VPN.');
    expect(
      (await t.post(`/rooms/${room}/posts/${postId}`, { body: 'Jeg bruger VPN.' }, { cookie: t.cookie.medarbejder }))
        .status,
    ).toBe(303);
    const count = async () =>
      Number(
        (
          await t.db.database.db
            .selectFrom('post_revisions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('post_id', '=', postId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(0);
    expect(
      (
        await t.post(
          `/rooms/${room}/posts/${postId}`,
          { body: 'Jeg bruger VPN og MitID.' },
          { cookie: t.cookie.medarbejder },
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await t.post(
          `/rooms/${room}/posts/${postId}`,
          { body: 'Jeg bruger VPN, MitID og to-faktor.' },
          { cookie: t.cookie.medarbejder },
        )
      ).status,
    ).toBe(303);
    expect(await count()).toBe(2);
    const thread = (await t.page('medarbejder', `/rooms/${room}/threads/${threadId}`)).html;
    expect(thread).toContain('Jeg bruger VPN, MitID og to-faktor.');
    expect(thread).toContain(`<a href="/rooms/${room}/posts/${postId}/history">redigeret</a>`);
    const history = (await t.page('journal', `/rooms/${room}/posts/${postId}/history`)).html;
    expect(history.indexOf('Jeg bruger VPN, MitID og to-faktor.')).toBeLessThan(
      history.indexOf('Jeg bruger VPN og MitID.'),
    );
    expect(history.indexOf('Jeg bruger VPN og MitID.')).toBeLessThan(history.indexOf('Jeg bruger VPN.</pre>'));
    // Revisions are append-only in the database.
    await expect(t.db.database.db.deleteFrom('post_revisions').execute()).rejects.toThrow();
    // Only the author edits; others get 403.
    expect((await t.get(`/rooms/${room}/posts/${postId}/edit`, { cookie: t.cookie.sagsbehandler })).status).toBe(403);
    expect(
      (await t.post(`/rooms/${room}/posts/${postId}`, { body: 'Overtaget' }, { cookie: t.cookie.journal })).status,
    ).toBe(403);
    // A bad edit keeps the input and says what is wrong.
    const bad = await t.post(`/rooms/${room}/posts/${postId}`, { body: '   ' }, { cookie: t.cookie.medarbejder });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Skriv en tekst.');
    // The opening post edits the thread's title, tags and question mode.
    const first = await t.db.database.db
      .selectFrom('posts')
      .select('id')
      .where('thread_id', '=', threadId)
      .where('is_first', '=', 1)
      .executeTakeFirstOrThrow();
    expect(
      (
        await t.post(
          `/rooms/${room}/posts/${first.id}`,
          { title: 'Log på hjemmefra', body: 'Første udgave.', tags: 'vpn, hjemmearbejde', isQuestion: '1' },
          { cookie: t.cookie.medarbejder },
        )
      ).status,
    ).toBe(303);
    const row = await t.db.database.db
      .selectFrom('threads')
      .selectAll()
      .where('id', '=', threadId)
      .executeTakeFirstOrThrow();
    expect([row.title, row.tags, row.is_question]).toEqual(['Log på hjemmefra', 'vpn hjemmearbejde', 1]);
  });

  it('validates new threads and replies, keeping what was typed', async () => {
    const bad = await t.post(
      `/rooms/${room}/threads`,
      { title: '', body: 'Min lange tekst om skabeloner', tags: 'a b c d e f g h i' },
      { cookie: t.cookie.journal },
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Skriv en overskrift.');
    expect(html).toContain('Brug højst 8 emneord.');
    expect(html).toContain('Min lange tekst om skabeloner</textarea>');
    expect(html).toContain('value="a b c d e f g h i"');
    expect(html).toContain('id="error-summary"');
    expect(html).toContain('href="#title"');
    const { threadId } = await t.thread('journal', room, { title: 'Tomt svar?', body: 'x' });
    const empty = await t.post(
      `/rooms/${room}/threads/${threadId}/posts`,
      { body: ' \n ' },
      { cookie: t.cookie.sagsbehandler },
    );
    expect(empty.status).toBe(422);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('Skriv en tekst.');
    expect(emptyHtml).toContain('href="#reply-body"');
    const long = 'x'.repeat(20_001);
    const tooLong = await t.post(
      `/rooms/${room}/threads/${threadId}/posts`,
      { body: long },
      { cookie: t.cookie.sagsbehandler },
    );
    expect(tooLong.status).toBe(422);
    const longHtml = await tooLong.text();
    expect(longHtml).toContain('Teksten må højst være 20.000 tegn.');
    expect(longHtml).toContain(long);
    const roomBad = await t.post(
      '/rooms',
      { name: '', purpose: 'Formål', visibility: 'secret' },
      { cookie: t.cookie.journal },
    );
    expect(roomBad.status).toBe(422);
    const roomHtml = await roomBad.text();
    expect(roomHtml).toContain('Skriv rummets navn.');
    expect(roomHtml).toContain('Vælg, om rummet er åbent eller lukket.');
    expect(roomHtml).toContain('Formål</textarea>');
  });

  it('prefills a quote, and links the reply to the quoted post', async () => {
    const { threadId } = await t.thread('journal', room, { title: 'Citat', body: 'Første linje\nAnden linje' });
    const q = await t.db.database.db
      .selectFrom('posts')
      .select('id')
      .where('thread_id', '=', threadId)
      .executeTakeFirstOrThrow();
    const page = (await t.page('sagsbehandler', `/rooms/${room}/threads/${threadId}?quote=${q.id}`)).html;
    expect(page).toContain('&gt; **Birgit Sønderby** skrev:\n&gt; Første linje\n&gt; Anden linje');
    expect(page).toContain(`name="quotedPostId" value="${q.id}"`);
    const r = await t.reply('sagsbehandler', room, threadId, '> Første linje\n\nEnig.', { quotedPostId: String(q.id) });
    const after = (await t.page('sagsbehandler', `/rooms/${room}/threads/${threadId}`)).html;
    expect(after).toContain(`Svar til <a href="/rooms/${room}/posts/${q.id}">Birgit Sønderby</a>`);
    expect(after).toContain(`id="post-${r}"`);
  });

  it('lets the asker or an owner accept an answer, not others; "ubesvarede spørgsmål" filters', async () => {
    const { threadId } = await t.thread('medarbejder', room, {
      title: 'Hvordan vedhæfter jeg en fil?',
      body: 'Hjælp',
      isQuestion: '1',
      tags: 'filer',
    });
    const a = await t.reply('journal', room, threadId, 'Brug fanen Filer.');
    const unanswered = (await t.page('journal', `/rooms/${room}/threads?unanswered=1`)).html;
    expect(unanswered).toContain('Hvordan vedhæfter jeg en fil?');
    expect(unanswered).not.toContain('Spørgsmål til @journal');
    expect(
      (
        await t.post(
          `/rooms/${room}/threads/${threadId}/acceptance`,
          { postId: String(a) },
          { cookie: t.cookie.sekretariat },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await t.post(
          `/rooms/${room}/threads/${threadId}/acceptance`,
          { postId: String(a) },
          { cookie: t.cookie.sagsbehandler },
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await t.db.database.db
          .selectFrom('threads')
          .select('accepted_post_id')
          .where('id', '=', threadId)
          .executeTakeFirstOrThrow()
      ).accepted_post_id,
    ).toBe(a);
    // Accepted by the owner: the asker is told, and so is the answer's author.
    const kinds = await t.db.database.db
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'room.answer')
      .execute();
    expect(kinds.map((k) => k.user_id).sort()).toEqual([ids.journal!, ids.medarbejder!].sort());
    expect((await t.page('journal', `/rooms/${room}/threads?unanswered=1`)).html).not.toContain(
      'Hvordan vedhæfter jeg en fil?',
    );
    // The opening post cannot be the answer; the asker can withdraw the acceptance.
    const first = await t.db.database.db
      .selectFrom('posts')
      .select('id')
      .where('thread_id', '=', threadId)
      .where('is_first', '=', 1)
      .executeTakeFirstOrThrow();
    const refused = await t.post(
      `/rooms/${room}/threads/${threadId}/acceptance`,
      { postId: String(first.id) },
      { cookie: t.cookie.medarbejder },
    );
    expect((await t.page('medarbejder', `/rooms/${room}/threads/${threadId}`, refused)).html).toContain(
      'Vælg et svar i tråden.',
    );
    expect(
      (await t.post(`/rooms/${room}/threads/${threadId}/acceptance/deletion`, {}, { cookie: t.cookie.medarbejder }))
        .status,
    ).toBe(303);
    expect(
      (
        await t.db.database.db
          .selectFrom('threads')
          .select('accepted_post_id')
          .where('id', '=', threadId)
          .executeTakeFirstOrThrow()
      ).accepted_post_id,
    ).toBeNull();
    // Tags filter the list.
    const tagged = (await t.page('journal', `/rooms/${room}/threads?tag=filer`)).html;
    expect(tagged).toContain('Hvordan vedhæfter jeg en fil?');
    expect(tagged).not.toContain('Hvor finder jeg skabelonerne?');
    // With htmx, the filter answers with the results only.
    const fragment = await t.get(`/rooms/${room}/threads?tag=filer`, {
      cookie: t.cookie.journal,
      headers: { 'HX-Request': 'true' },
    });
    const f = await fragment.text();
    expect(f.startsWith('<section id="thread-results"')).toBe(true);
    expect(f).toContain('hx-swap-oob');
    expect(fragment.headers.get('vary')).toContain('HX-Request');
  });

  it('lets owners hide and lock, members report; all audited', async () => {
    const { threadId } = await t.thread('sekretariat', room, {
      title: 'Diskussion om mødetider',
      body: 'Hvornår mødes vi?',
    });
    const rude = await t.reply('medarbejder', room, threadId, 'Et upassende indlæg.');
    // A member may not hide or lock.
    expect((await t.post(`/rooms/${room}/posts/${rude}/hiding`, {}, { cookie: t.cookie.journal })).status).toBe(403);
    expect((await t.post(`/rooms/${room}/threads/${threadId}/lock`, {}, { cookie: t.cookie.journal })).status).toBe(
      403,
    );
    // Reporting: a reason is needed, and the input is kept.
    const empty = await t.post(`/rooms/${room}/posts/${rude}/reports`, { reason: '' }, { cookie: t.cookie.journal });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Skriv en begrundelse.');
    expect(
      (
        await t.post(
          `/rooms/${room}/posts/${rude}/reports`,
          { reason: 'Tonen er ikke i orden.' },
          { cookie: t.cookie.journal },
        )
      ).status,
    ).toBe(303);
    const reports = (await t.page('sagsbehandler', `/rooms/${room}/reports`)).html;
    expect(reports).toContain('Tonen er ikke i orden.');
    expect(reports).toContain('Et upassende indlæg.');
    // The owner hides the post: members see a placeholder, the owner sees it marked.
    expect((await t.post(`/rooms/${room}/posts/${rude}/hiding`, {}, { cookie: t.cookie.sagsbehandler })).status).toBe(
      303,
    );
    const memberView = (await t.page('journal', `/rooms/${room}/threads/${threadId}`)).html;
    expect(memberView).not.toContain('Et upassende indlæg.');
    expect(memberView).toContain('Indlægget er skjult af rummets ejere.');
    const ownerView = (await t.page('sagsbehandler', `/rooms/${room}/threads/${threadId}`)).html;
    expect(ownerView).toContain('Et upassende indlæg.');
    expect(ownerView).toContain('Skjult for andre');
    expect((await t.page('sagsbehandler', `/rooms/${room}/reports`)).html).toContain('Der er ingen åbne rapporter.');
    expect((await t.get(`/rooms/${room}/posts/${rude}/history`, { cookie: t.cookie.journal })).status).toBe(404);
    expect(
      (await t.post(`/rooms/${room}/posts/${rude}/reactions`, { kind: 'like' }, { cookie: t.cookie.journal })).status,
    ).toBe(404);
    // Locking stops replies.
    expect(
      (await t.post(`/rooms/${room}/threads/${threadId}/lock`, {}, { cookie: t.cookie.sagsbehandler })).status,
    ).toBe(303);
    const locked = await t.post(
      `/rooms/${room}/threads/${threadId}/posts`,
      { body: 'Må jeg stadig?' },
      { cookie: t.cookie.journal },
    );
    expect(locked.status).toBe(422);
    expect(await locked.text()).toContain('Tråden er låst.');
    // Hiding the thread: gone for members (404), there for owners.
    expect(
      (await t.post(`/rooms/${room}/threads/${threadId}/hiding`, {}, { cookie: t.cookie.sagsbehandler })).status,
    ).toBe(303);
    expect((await t.get(`/rooms/${room}/threads/${threadId}`, { cookie: t.cookie.journal })).status).toBe(404);
    expect((await t.get(`/rooms/${room}/threads/${threadId}`, { cookie: t.cookie.sagsbehandler })).status).toBe(200);
    expect((await t.page('journal', `/rooms/${room}/threads`)).html).not.toContain('Diskussion om mødetider');
    expect((await t.page('journal', `/rooms/${room}/search?q=mødetider`)).html).not.toContain('Diskussion om');
    const actions = await t.db.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(room))
      .where('action', 'in', ['post.report', 'post.hide', 'thread.lock', 'thread.hide'])
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['post.report', 'post.hide', 'thread.lock', 'thread.hide']);
  });

  it('toggles reactions with a plain form, and with htmx answers with the reactions and an announcement', async () => {
    const { postId, threadId } = await t.thread('journal', room, { title: 'Tak for hjælpen', body: 'Det virker nu.' });
    const plain = await t.post(
      `/rooms/${room}/posts/${postId}/reactions`,
      { kind: 'thanks' },
      { cookie: t.cookie.sagsbehandler },
    );
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/rooms/${room}/threads/${threadId}#post-${postId}`);
    const page = (await t.page('sagsbehandler', `/rooms/${room}/threads/${threadId}`)).html;
    expect(page).toMatch(/value="thanks" aria-pressed="true"[^>]*>.*?<span>1<\/span>/);
    const htmx = await t.post(
      `/rooms/${room}/posts/${postId}/reactions`,
      { kind: 'thanks' },
      { cookie: t.cookie.sagsbehandler, headers: { 'HX-Request': 'true' } },
    );
    expect(htmx.status).toBe(200);
    const fragment = await htmx.text();
    expect(fragment.startsWith(`<div id="reactions-${postId}">`)).toBe(true);
    expect(fragment).toContain('value="thanks" aria-pressed="false"');
    expect(fragment).toContain(
      '<div id="live" hx-swap-oob="innerHTML">Din reaktion &quot;Tak&quot; er fjernet (0 i alt).</div>',
    );
    expect(fragment).not.toContain('<html');
    const bad = await t.post(
      `/rooms/${room}/posts/${postId}/reactions`,
      { kind: 'angry' },
      { cookie: t.cookie.sagsbehandler, headers: { 'HX-Request': 'true' } },
    );
    expect(bad.status).toBe(422);
    // Not a member of the room: no reactions.
    expect(
      (await t.post(`/rooms/${room}/posts/${postId}/reactions`, { kind: 'like' }, { cookie: t.cookie.admin })).status,
    ).toBe(403);
  });

  it('replies with htmx on the last page: the new post, a fresh form and an announcement', async () => {
    const { threadId } = await t.thread('journal', room, { title: 'Hurtige svar', body: 'Prøv at svare.' });
    const res = await t.post(
      `/rooms/${room}/threads/${threadId}/posts`,
      { body: 'Svar uden genindlæsning' },
      { cookie: t.cookie.sagsbehandler, headers: { 'HX-Request': 'true' } },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<form id="reply-form"')).toBe(true);
    expect(html).toMatch(/<div id="replies" hx-swap-oob="beforeend"><article id="post-\d+"/);
    expect(html).toContain('Svar uden genindlæsning');
    expect(html).toContain('<div id="live" hx-swap-oob="innerHTML">Dit svar er sendt.</div>');
    const bad = await t.post(
      `/rooms/${room}/threads/${threadId}/posts`,
      { body: '' },
      { cookie: t.cookie.sagsbehandler, headers: { 'HX-Request': 'true' } },
    );
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('aria-invalid="true"');
    expect(badHtml).toContain('Skriv en tekst.');
  });

  it("pages long threads by keyset, and a post's address finds its page", async () => {
    const { threadId } = await t.thread('journal', room, { title: 'Lang tråd', body: 'Mange svar.' });
    const replies: number[] = [];
    for (let i = 1; i <= PAGE_SIZE + 12; i++)
      replies.push(await t.reply(i % 2 ? 'sagsbehandler' : 'sekretariat', room, threadId, `Svar nummer ${i}.`));
    const first = (await t.page('journal', `/rooms/${room}/threads/${threadId}`)).html;
    expect(first).toContain('Svar nummer 1.');
    expect(first).toContain(`Svar nummer ${PAGE_SIZE}.`);
    expect(first).not.toContain(`Svar nummer ${PAGE_SIZE + 1}.`);
    expect(first).toContain(`?after=${replies[PAGE_SIZE - 1]}#replies-title`);
    // Only the last page sends replies with htmx (an earlier page would append out of order).
    expect(first).not.toContain(`hx-post="/rooms/${room}/threads/${threadId}/posts"`);
    const second = (await t.page('journal', `/rooms/${room}/threads/${threadId}?after=${replies[PAGE_SIZE - 1]}`)).html;
    expect(second).toContain(`Svar nummer ${PAGE_SIZE + 1}.`);
    expect(second).toContain(`Svar nummer ${PAGE_SIZE + 12}.`);
    expect(second).not.toContain(`Svar nummer ${PAGE_SIZE}.`);
    expect(second).toContain(`?before=${replies[PAGE_SIZE]}`);
    expect(second).toContain(`hx-post="/rooms/${room}/threads/${threadId}/posts"`);
    const last = (await t.page('journal', `/rooms/${room}/threads/${threadId}?last=1`)).html;
    expect(last).toContain(`Svar nummer ${PAGE_SIZE + 12}.`);
    expect(last).not.toContain('Svar nummer 12.</p>');
    const permalink = await t.get(`/rooms/${room}/posts/${replies[PAGE_SIZE + 5]}`, { cookie: t.cookie.journal });
    expect(permalink.headers.get('location')).toBe(
      `/rooms/${room}/threads/${threadId}?after=${replies[PAGE_SIZE + 5]! - 1}#post-${replies[PAGE_SIZE + 5]}`,
    );
    const early = await t.get(`/rooms/${room}/posts/${replies[3]}`, { cookie: t.cookie.journal });
    expect(early.headers.get('location')).toBe(`/rooms/${room}/threads/${threadId}#post-${replies[3]}`);
    const after = (await t.page('journal', early.headers.get('location')!.split('#')[0]!)).html;
    expect(after).toContain(`id="post-${replies[3]}"`);
    // A boosted navigation cannot see a redirect's fragment inside XMLHttpRequest: it gets htmx's
    // client-side redirect instead, with the fragment and the boosted header for the follow-up.
    const boosted = await t.get(`/rooms/${room}/posts/${replies[3]}`, {
      cookie: t.cookie.journal,
      headers: { 'HX-Request': 'true', 'HX-Boosted': 'true' },
    });
    expect(boosted.status).toBe(200);
    expect(boosted.headers.get('location')).toBeNull();
    expect(JSON.parse(boosted.headers.get('hx-location')!)).toEqual({
      path: `/rooms/${room}/threads/${threadId}#post-${replies[3]}`,
      target: 'body',
      headers: { 'HX-Boosted': 'true' },
    });
    expect(boosted.headers.get('vary')).toContain('HX-Boosted');
    // A partial htmx request (not a navigation) keeps the ordinary redirect.
    expect(
      (
        await t.get(`/rooms/${room}/posts/${replies[3]}`, {
          cookie: t.cookie.journal,
          headers: { 'HX-Request': 'true' },
        })
      ).status,
    ).toBe(303);
    // The thread list pages too.
    void withCookies;
  });
});
