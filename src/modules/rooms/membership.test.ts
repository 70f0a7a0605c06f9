import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { createRoomsTestApp, type RoomsTestApp } from './rooms.fixtures.ts';

/** Joining, leaving, invitations, requests and approval, owners, archiving. */

describe.each(DIALECTS)('room membership (%s)', (dialect) => {
  let t: RoomsTestApp;
  const member = async (roomId: number, username: string) =>
    (await t.db.database.db
      .selectFrom('room_members')
      .select(['role', 'level'])
      .where('room_id', '=', roomId)
      .where('user_id', '=', await t.idOf(username))
      .executeTakeFirst()) ?? null;
  const roomRow = async (roomId: number) =>
    t.db.database.db.selectFrom('rooms').selectAll().where('id', '=', roomId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createRoomsTestApp(dialect);
  });
  afterAll(async () => t.cleanup());

  it('creates a room with its creator as owner, quiet by default, and audits it', async () => {
    const id = await t.room('sekretariat', {
      name: 'Ny skolestruktur 2027',
      purpose: 'Høring og proces.',
      visibility: 'open',
    });
    expect(await member(id, 'sekretariat')).toEqual({ role: 'owner', level: 'mentions' });
    const row = await roomRow(id);
    expect([row.name, row.visibility, row.member_count]).toEqual(['Ny skolestruktur 2027', 'open', 1]);
    const entry = await t.db.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'room.create')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details!)).toMatchObject({ room: 'Ny skolestruktur 2027', visibility: 'open' });
    const admin = (await t.page('admin', '/admin/audit?action=room.create')).html;
    expect(admin).toContain('Oprettede rummet');
  });

  it('joins an open room with one click, and leaves it', async () => {
    const id = await t.room('sekretariat', { name: 'Digital post og MeMo', purpose: 'Erfaringer med MeMo.' });
    const front = (await t.page('medarbejder', `/rooms/${id}`)).html;
    expect(front).toContain(`action="/rooms/${id}/membership"`);
    await t.join('medarbejder', id);
    expect(await member(id, 'medarbejder')).toEqual({ role: 'member', level: 'mentions' });
    expect((await roomRow(id)).member_count).toBe(2);
    const again = await t.post(`/rooms/${id}/membership`, {}, { cookie: t.cookie.medarbejder });
    expect((await t.page('medarbejder', `/rooms/${id}`, again)).html).toContain('Du er allerede medlem af rummet.');
    const left = await t.post(`/rooms/${id}/membership/deletion`, {}, { cookie: t.cookie.medarbejder });
    expect(left.headers.get('location')).toBe(`/rooms/${id}`);
    expect(await member(id, 'medarbejder')).toBeNull();
    expect((await roomRow(id)).member_count).toBe(1);
    // The last owner cannot leave.
    const owner = await t.post(`/rooms/${id}/membership/deletion`, {}, { cookie: t.cookie.sekretariat });
    expect((await t.page('sekretariat', `/rooms/${id}`, owner)).html).toContain('Rummet skal have mindst én ejer.');
    expect(await member(id, 'sekretariat')).not.toBeNull();
  });

  it('lets outsiders of a closed room ask for access, and owners approve or reject', async () => {
    const id = await t.room('sagsbehandler', {
      name: 'Ledergruppe Teknik og Miljø',
      purpose: 'Ledelsens rum.',
      visibility: 'closed',
    });
    // Joining a closed room without an invitation is not possible (and reveals nothing).
    expect((await t.post(`/rooms/${id}/membership`, {}, { cookie: t.cookie.medarbejder })).status).toBe(404);
    for (const who of ['medarbejder', 'journal'] as const)
      expect(
        (await t.post(`/rooms/${id}/requests`, { message: `Hilsen ${who}` }, { cookie: t.cookie[who] })).status,
      ).toBe(303);
    // Asking twice records one request.
    await t.post(`/rooms/${id}/requests`, { message: 'Igen' }, { cookie: t.cookie.medarbejder });
    const requests = await t.db.database.db
      .selectFrom('room_requests')
      .selectAll()
      .where('room_id', '=', id)
      .orderBy('id')
      .execute();
    expect(requests.map((r) => r.message)).toEqual(['Hilsen medarbejder', 'Hilsen journal']);
    // The owner is told, and sees them on the members page.
    const told = await t.db.database.db
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('user_id', '=', await t.idOf('sagsbehandler'))
      .where('kind', '=', 'room.request')
      .execute();
    expect(told).toHaveLength(2);
    expect(told[0]!.link).toBe(`/rooms/${id}/members#requests`);
    const page = (await t.page('sagsbehandler', `/rooms/${id}/members`)).html;
    expect(page).toContain('Hilsen medarbejder');
    expect(page).toContain(`action="/rooms/${id}/requests/${requests[0]!.id}/approval"`);
    const approved = await t.post(
      `/rooms/${id}/requests/${requests[0]!.id}/approval`,
      {},
      { cookie: t.cookie.sagsbehandler },
    );
    expect((await t.page('sagsbehandler', `/rooms/${id}/members`, approved)).html).toContain(
      'Sofie Kragh er nu medlem af rummet.',
    );
    expect(await member(id, 'medarbejder')).toEqual({ role: 'member', level: 'mentions' });
    expect((await t.get(`/rooms/${id}/threads`, { cookie: t.cookie.medarbejder })).status).toBe(200);
    const approval = await t.db.database.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', await t.idOf('medarbejder'))
      .execute();
    expect(approval.map((n) => n.kind)).toEqual(['room.approved']);
    expect(
      (await t.post(`/rooms/${id}/requests/${requests[1]!.id}/deletion`, {}, { cookie: t.cookie.sagsbehandler }))
        .status,
    ).toBe(303);
    expect(await member(id, 'journal')).toBeNull();
    expect(
      (
        await t.db.database.db
          .selectFrom('room_requests')
          .select('status')
          .where('id', '=', requests[1]!.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('rejected');
    // A decided request cannot be decided again.
    const twice = await t.post(
      `/rooms/${id}/requests/${requests[1]!.id}/approval`,
      {},
      { cookie: t.cookie.sagsbehandler },
    );
    expect((await t.page('sagsbehandler', `/rooms/${id}/members`, twice)).html).toContain(
      'Anmodningen er allerede behandlet.',
    );
    expect(await member(id, 'journal')).toBeNull();
    // A member leaving a closed room is sent to the room list (the room is gone for them).
    const left = await t.post(`/rooms/${id}/membership/deletion`, {}, { cookie: t.cookie.medarbejder });
    expect(left.headers.get('location')).toBe('/rooms');
    expect((await t.get(`/rooms/${id}/threads`, { cookie: t.cookie.medarbejder })).status).toBe(404);
  });

  it('invites by user name or full name: the invitee sees the door, accepts or declines; owners withdraw', async () => {
    const id = await t.room('sagsbehandler', {
      name: 'Sundhedsklynge',
      purpose: 'Samarbejde med regionen.',
      visibility: 'closed',
    });
    const unknown = await t.post(
      `/rooms/${id}/invitations`,
      { username: 'ingen.saadan' },
      { cookie: t.cookie.sagsbehandler },
    );
    expect(unknown.status).toBe(422);
    const unknownHtml = await unknown.text();
    expect(unknownHtml).toContain('Der er ingen aktiv kollega med det brugernavn eller navn.');
    expect(unknownHtml).toContain('value="ingen.saadan"');
    expect(
      (await t.post(`/rooms/${id}/invitations`, { username: '@politiker' }, { cookie: t.cookie.sagsbehandler })).status,
    ).toBe(303);
    // By full name too (any case, extra spaces): Birgit Sønderby is `journal`.
    expect(
      (
        await t.post(
          `/rooms/${id}/invitations`,
          { username: '  birgit  SØNDERBY ' },
          { cookie: t.cookie.sagsbehandler },
        )
      ).status,
    ).toBe(303);
    expect(
      (await t.post(`/rooms/${id}/invitations`, { username: 'admin' }, { cookie: t.cookie.sagsbehandler })).status,
    ).toBe(303);
    const twice = await t.post(`/rooms/${id}/invitations`, { username: 'journal' }, { cookie: t.cookie.sagsbehandler });
    expect(await twice.text()).toContain('Personen er allerede inviteret.');
    const invitations = await t.db.database.db
      .selectFrom('room_invitations')
      .selectAll()
      .where('room_id', '=', id)
      .orderBy('id')
      .execute();
    expect(invitations.map((i) => i.status)).toEqual(['pending', 'pending', 'pending']);
    // The invitee: the invitation on the rooms page and the door; the content stays closed.
    const door = (await t.page('politiker', `/rooms/${id}`)).html;
    expect(door).toContain('Sundhedsklynge');
    expect(door).toContain('Samarbejde med regionen.');
    expect(door).toContain('Tag imod invitationen');
    expect((await t.get(`/rooms/${id}/members`, { cookie: t.cookie.politiker })).status).toBe(404);
    await t.join('politiker', id);
    expect(await member(id, 'politiker')).toEqual({ role: 'member', level: 'mentions' });
    // Birgit declines.
    const declined = await t.post(
      `/rooms/${id}/invitations/${invitations[1]!.id}/deletion`,
      {},
      { cookie: t.cookie.journal },
    );
    expect(declined.headers.get('location')).toBe('/rooms');
    expect((await t.get(`/rooms/${id}`, { cookie: t.cookie.journal })).status).toBe(404);
    // The owner withdraws Annette's invitation; a member (not owner) may not.
    expect(
      (await t.post(`/rooms/${id}/invitations/${invitations[2]!.id}/deletion`, {}, { cookie: t.cookie.politiker }))
        .status,
    ).toBe(303);
    expect(
      (
        await t.db.database.db
          .selectFrom('room_invitations')
          .select('status')
          .where('id', '=', invitations[2]!.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('pending');
    expect(
      (await t.post(`/rooms/${id}/invitations/${invitations[2]!.id}/deletion`, {}, { cookie: t.cookie.sagsbehandler }))
        .status,
    ).toBe(303);
    const statuses = await t.db.database.db
      .selectFrom('room_invitations')
      .select('status')
      .where('room_id', '=', id)
      .orderBy('id')
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['accepted', 'declined', 'withdrawn']);
    expect((await t.post(`/rooms/${id}/membership`, {}, { cookie: t.cookie.admin })).status).toBe(404);
    // In a closed room only owners invite.
    expect(
      (await t.post(`/rooms/${id}/invitations`, { username: 'medarbejder' }, { cookie: t.cookie.politiker })).status,
    ).toBe(403);
  });

  it('lets owners make owners, remove members, and keeps at least one owner', async () => {
    const id = await t.room('journal', { name: 'Klimatilpasning – tværgående', purpose: 'Skybrud.' });
    await t.join('medarbejder', id);
    await t.join('sekretariat', id);
    const sofie = await t.idOf('medarbejder');
    expect((await t.post(`/rooms/${id}/members/${sofie}/ownership`, {}, { cookie: t.cookie.sekretariat })).status).toBe(
      403,
    );
    expect((await t.post(`/rooms/${id}/members/${sofie}/ownership`, {}, { cookie: t.cookie.journal })).status).toBe(
      303,
    );
    expect((await member(id, 'medarbejder'))!.role).toBe('owner');
    // Now Birgit can step down, but Sofie cannot be demoted once she is the last owner.
    expect(
      (
        await t.post(
          `/rooms/${id}/members/${await t.idOf('journal')}/ownership/deletion`,
          {},
          { cookie: t.cookie.journal },
        )
      ).status,
    ).toBe(303);
    expect((await member(id, 'journal'))!.role).toBe('member');
    const last = await t.post(`/rooms/${id}/members/${sofie}/ownership/deletion`, {}, { cookie: t.cookie.medarbejder });
    expect((await t.page('medarbejder', `/rooms/${id}/members`, last)).html).toContain(
      'Rummet skal have mindst én ejer.',
    );
    expect((await member(id, 'medarbejder'))!.role).toBe('owner');
    expect(
      (
        await t.post(
          `/rooms/${id}/members/${await t.idOf('sekretariat')}/deletion`,
          {},
          { cookie: t.cookie.medarbejder },
        )
      ).status,
    ).toBe(303);
    expect(await member(id, 'sekretariat')).toBeNull();
    expect((await roomRow(id)).member_count).toBe(2);
    const actions = await t.db.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(id))
      .where('action', 'like', 'room.%')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'room.create',
      'room.join',
      'room.join',
      'room.owner.add',
      'room.owner.remove',
      'room.remove',
    ]);
  });

  it('archives a room read-only, and restores it', async () => {
    const id = await t.room('sagsbehandler', { name: 'Projekt afsluttet', purpose: 'Færdigt projekt.' });
    await t.join('journal', id);
    const { threadId } = await t.thread('journal', id, { title: 'Opsamling', body: 'Tak for indsatsen.' });
    expect((await t.post(`/rooms/${id}/archival`, {}, { cookie: t.cookie.journal })).status).toBe(403);
    expect((await t.post(`/rooms/${id}/archival`, {}, { cookie: t.cookie.sagsbehandler })).status).toBe(303);
    const page = (await t.page('journal', `/rooms/${id}`)).html;
    expect(page).toContain('Rummet blev arkiveret');
    expect((await t.get(`/rooms/${id}/threads/${threadId}`, { cookie: t.cookie.journal })).status).toBe(200);
    expect(
      (await t.post(`/rooms/${id}/threads/${threadId}/posts`, { body: 'Sent svar' }, { cookie: t.cookie.journal }))
        .status,
    ).toBe(403);
    expect(
      (await t.post(`/rooms/${id}/threads`, { title: 'Ny', body: 'x' }, { cookie: t.cookie.journal })).status,
    ).toBe(403);
    expect((await t.post(`/rooms/${id}/membership`, {}, { cookie: t.cookie.medarbejder })).status).toBe(303);
    expect(await member(id, 'medarbejder')).toBeNull();
    expect((await t.page('journal', '/rooms')).html).not.toContain('Projekt afsluttet');
    expect((await t.page('journal', '/rooms?view=archived')).html).toContain('Projekt afsluttet');
    expect((await t.post(`/rooms/${id}/archival/deletion`, {}, { cookie: t.cookie.sagsbehandler })).status).toBe(303);
    expect((await roomRow(id)).archived_at).toBeNull();
    expect(
      (await t.post(`/rooms/${id}/threads/${threadId}/posts`, { body: 'Sent svar' }, { cookie: t.cookie.journal }))
        .status,
    ).toBe(303);
  });

  it('lets owners change the room, with validation', async () => {
    const id = await t.room('sagsbehandler', { name: 'Gammelt navn', purpose: 'Formål' });
    expect((await t.get(`/rooms/${id}/edit`, { cookie: t.cookie.journal })).status).toBe(403);
    const bad = await t.post(
      `/rooms/${id}`,
      { name: 'x'.repeat(121), purpose: 'Nyt formål', visibility: 'closed' },
      { cookie: t.cookie.sagsbehandler },
    );
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Navnet må højst være 120 tegn.');
    expect(
      (
        await t.post(
          `/rooms/${id}`,
          { name: 'Nyt navn', purpose: 'Nyt formål', visibility: 'closed' },
          { cookie: t.cookie.sagsbehandler },
        )
      ).status,
    ).toBe(303);
    const row = await roomRow(id);
    expect([row.name, row.purpose, row.visibility]).toEqual(['Nyt navn', 'Nyt formål', 'closed']);
    // Now closed: outsiders no longer see it.
    expect((await t.get(`/rooms/${id}`, { cookie: t.cookie.medarbejder })).status).toBe(404);
  });
});
