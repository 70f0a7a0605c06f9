import { Hono, type Context } from 'hono';
import { MembersPage, type MembersData } from '../../../views/rooms/Members.tsx';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { render } from '../../http/render.tsx';
import { toId, type LoadedRoom } from './access.ts';
import {
  closeInvitation,
  decideRequest,
  follow,
  invite,
  joinRoom,
  leaveRoom,
  pendingRequests,
  removeMember,
  requestAccess,
  roomInvitations,
  setLevel,
  setRole,
  unfollow,
} from './membership.ts';
import { listMembers } from './rooms.ts';
import { str, type RoomRouteContext } from './route-context.tsx';

/** Who is in a room: joining and leaving, level and follow, members, invitations, requests, ownership. */
export function membershipRoutes({ database, viewer, load, ip, reportsOf, back }: RoomRouteContext) {
  const app = new Hono<AppEnv>();

  // --- Membership ---------------------------------------------------------------------------------
  app.post('/:id{[0-9]+}/membership', async (c) => {
    const { room, actor } = await load(c, 'door');
    const result = await joinRoom(database, room, actor, ip(c));
    if (!result.ok) {
      if (result.error === 'rooms.error.cannotJoin') throw forbidden();
      return back(c, `/rooms/${room.row.id}`, { kind: 'error', key: result.error });
    }
    return back(c, `/rooms/${room.row.id}`, { kind: 'success', key: 'rooms.joined', params: { name: room.row.name } });
  });

  app.post('/:id{[0-9]+}/membership/deletion', async (c) => {
    const { room, actor } = await load(c);
    const result = await leaveRoom(database, room, actor, ip(c));
    if (!result.ok) return back(c, `/rooms/${room.row.id}`, { kind: 'error', key: result.error });
    // Out of a closed room, its page is no longer there for them.
    return back(c, room.row.visibility === 'closed' ? '/rooms' : `/rooms/${room.row.id}`, {
      kind: 'success',
      key: 'rooms.left',
      params: { name: room.row.name },
    });
  });

  app.post('/:id{[0-9]+}/level', async (c) => {
    const { room, user } = await load(c);
    const body = await c.req.parseBody();
    const result = await setLevel(database, room, str(body, 'level', 20), user);
    if (!result.ok) return back(c, `/rooms/${room.row.id}`, { kind: 'error', key: result.error });
    return back(c, `/rooms/${room.row.id}`, { kind: 'success', key: 'rooms.level.saved' });
  });

  app.post('/:id{[0-9]+}/follow', async (c) => {
    const { room, user } = await load(c);
    if (room.row.archived_at) throw forbidden();
    await follow(database, room.row.id, user.id, null);
    return back(c, `/rooms/${room.row.id}`, { kind: 'success', key: 'rooms.followed' });
  });

  app.post('/:id{[0-9]+}/follow/deletion', async (c) => {
    const { room, user } = await load(c);
    await unfollow(database, room.row.id, user.id, null);
    return back(c, `/rooms/${room.row.id}`, { kind: 'success', key: 'rooms.unfollowed' });
  });

  async function membersPage(
    c: Context<AppEnv>,
    room: LoadedRoom,
    user: CurrentUser,
    invite: MembersData['invite'] = { username: '', errors: {} },
    status: 200 | 422 = 200,
  ) {
    const [members, invitations, requests, reports] = await Promise.all([
      listMembers(database, room.row.id),
      room.rights.own ? roomInvitations(database, room.row.id) : Promise.resolve([]),
      room.rights.own ? pendingRequests(database, room.row.id) : Promise.resolve([]),
      reportsOf(room),
    ]);
    return render(c, {
      title: (v) => `${v.t('rooms.members.title')} · ${room.row.name}`,
      status,
      body: (v) => (
        <MembersPage v={v} d={{ room, members, invitations, requests, invite, viewerId: user.id, reports }} />
      ),
    });
  }

  app.get('/:id{[0-9]+}/members', async (c) => {
    const { room, user } = await load(c);
    return membersPage(c, room, user);
  });

  app.post('/:id{[0-9]+}/invitations', async (c) => {
    const { room, user, actor } = await load(c, 'invite');
    const username = str(await c.req.parseBody(), 'username', 100);
    const result = await invite(database, room, username, actor, ip(c));
    if (!result.ok)
      return membersPage(c, room, user, { username, errors: { username: c.get('t')(result.error) } }, 422);
    return back(c, `/rooms/${room.row.id}/members`, {
      kind: 'success',
      key: 'rooms.invited',
      params: { name: result.name },
    });
  });

  app.post('/:id{[0-9]+}/invitations/:invitationId{[0-9]+}/deletion', async (c) => {
    const { room, actor } = await load(c, 'door');
    const invitee = !room.rights.read;
    const result = await closeInvitation(database, room, toId(c.req.param('invitationId')) ?? 0, actor, ip(c));
    if (!result.ok) {
      if (invitee) throw notFound();
      return back(c, `/rooms/${room.row.id}/members`, { kind: 'error', key: result.error });
    }
    if (invitee || !room.rights.own) return back(c, '/rooms', { kind: 'success', key: 'rooms.invitation.declined' });
    return back(c, `/rooms/${room.row.id}/members`, { kind: 'success', key: 'rooms.invitation.withdrawn' });
  });

  /**
   * Asking for access: the same answer whether or not the room exists and whatever the outcome,
   * so that this route reveals nothing about closed rooms (see membership.ts requestAccess).
   */
  app.post('/:id{[0-9]+}/requests', async (c) => {
    const user = viewer(c);
    const body = await c.req.parseBody();
    await requestAccess(
      database,
      { id: user.id, name: user.displayName },
      c.req.param('id'),
      str(body, 'message', 2000),
      ip(c),
    );
    return back(c, '/rooms', { kind: 'info', key: 'rooms.request.sent' });
  });

  for (const [suffix, approve] of [
    ['approval', true],
    ['deletion', false],
  ] as const) {
    app.post(`/:id{[0-9]+}/requests/:requestId{[0-9]+}/${suffix}`, async (c) => {
      const { room, actor } = await load(c, 'own');
      const result = await decideRequest(database, room, toId(c.req.param('requestId')) ?? 0, approve, actor, ip(c));
      if (!result.ok) return back(c, `/rooms/${room.row.id}/members#requests`, { kind: 'error', key: result.error });
      return back(c, `/rooms/${room.row.id}/members#requests`, {
        kind: 'success',
        key: approve ? 'rooms.request.approved' : 'rooms.request.rejected',
        params: { name: result.name },
      });
    });
  }

  for (const [suffix, role] of [
    ['ownership', 'owner'],
    ['ownership/deletion', 'member'],
  ] as const) {
    app.post(`/:id{[0-9]+}/members/:userId/${suffix}`, async (c) => {
      const { room, actor } = await load(c, 'own');
      const result = await setRole(database, room, c.req.param('userId'), role, actor, ip(c));
      if (!result.ok) return back(c, `/rooms/${room.row.id}/members`, { kind: 'error', key: result.error });
      return back(c, `/rooms/${room.row.id}/members`, {
        kind: 'success',
        key: role === 'owner' ? 'rooms.members.madeOwner' : 'rooms.members.madeMember',
        params: { name: result.name },
      });
    });
  }

  app.post('/:id{[0-9]+}/members/:userId/deletion', async (c) => {
    const { room, actor } = await load(c, 'own');
    const result = await removeMember(database, room, c.req.param('userId'), actor, ip(c));
    if (!result.ok) return back(c, `/rooms/${room.row.id}/members`, { kind: 'error', key: result.error });
    return back(c, `/rooms/${room.row.id}/members`, {
      kind: 'success',
      key: 'rooms.members.removed',
      params: { name: result.name },
    });
  });

  return app;
}
