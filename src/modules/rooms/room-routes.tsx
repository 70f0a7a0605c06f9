import { Hono, type Context } from 'hono';
import { RoomFormPage } from '../../../views/rooms/RoomForm.tsx';
import { InvitationPage, RoomDoorPage, RoomFrontPage } from '../../../views/rooms/RoomPage.tsx';
import { ArchivedRoomsPage, MyRoomsPage, RoomsPage } from '../../../views/rooms/RoomsIndex.tsx';
import type { AppEnv } from '../../http/env.ts';
import { forbidden } from '../../http/errors.tsx';
import { render } from '../../http/render.tsx';
import { loadRoom } from './access.ts';
import { listFiles } from './files.ts';
import { isFollowing, myInvitations, pendingRequestCount } from './membership.ts';
import {
  archivedRooms,
  createRoom,
  cursorParam,
  latestActivity,
  listMembers,
  myRooms,
  openRooms,
  parseCursor,
  setArchived,
  updateRoom,
  type RoomInput,
} from './rooms.ts';
import { pinnedThreads, unansweredCount } from './threads.ts';
import { actorOf, str, translate, type RoomRouteContext } from './route-context.tsx';

/** The rooms themselves: the lists, creating and editing a room, its front page, its archival. */
export function roomPagesRoutes({ database, viewer, load, ip, reportsOf, back }: RoomRouteContext) {
  const app = new Hono<AppEnv>();

  // --- The rooms ---------------------------------------------------------------------------------
  app.get('/', async (c) => {
    const user = viewer(c);
    if (c.req.query('view') === 'archived') {
      const items = await archivedRooms(database, user);
      return render(c, {
        title: (v) => v.t('rooms.archived.title'),
        body: (v) => <ArchivedRoomsPage v={v} items={items} />,
      });
    }
    const after = parseCursor(c.req.query('after'));
    if (c.req.query('view') === 'mine') {
      const mine = await myRooms(database, user, { after, limit: 50 });
      const next = mine.next ? cursorParam(mine.next) : null;
      return render(c, {
        title: (v) => v.t('rooms.mine.title'),
        body: (v) => <MyRoomsPage v={v} items={mine.items} next={next} />,
      });
    }
    const [mine, open, invitations] = await Promise.all([
      myRooms(database, user),
      openRooms(database, user, { after }),
      myInvitations(database, user.id),
    ]);
    const next = open.next ? cursorParam(open.next) : null;
    return render(c, {
      title: (v) => v.t('rooms.title'),
      body: (v) => (
        <RoomsPage
          v={v}
          mine={mine.items}
          moreMine={mine.next !== null}
          open={open.items}
          next={next}
          invitations={invitations}
        />
      ),
    });
  });

  const emptyRoom: RoomInput = { name: '', purpose: '', visibility: 'open' };
  const readRoomForm = async (c: Context<AppEnv>): Promise<RoomInput> => {
    const body = await c.req.parseBody();
    return {
      name: str(body, 'name', 500),
      purpose: str(body, 'purpose', 5000),
      visibility: str(body, 'visibility', 20),
    };
  };

  app.get('/new', (c) => {
    viewer(c);
    return render(c, {
      title: (v) => v.t('rooms.new'),
      body: (v) => <RoomFormPage v={v} input={emptyRoom} errors={{}} />,
    });
  });

  app.post('/', async (c) => {
    const user = viewer(c);
    const input = await readRoomForm(c);
    const result = await createRoom(database, input, actorOf(user), ip(c));
    if (!result.ok) {
      const errors = translate(c.get('t'), result.errors);
      return render(c, {
        title: (v) => v.t('rooms.new'),
        status: 422,
        body: (v) => <RoomFormPage v={v} input={input} errors={errors} />,
      });
    }
    return back(c, `/rooms/${result.id}`, {
      kind: 'success',
      key: 'rooms.created',
      params: { name: input.name.trim() },
    });
  });

  // --- One room ---------------------------------------------------------------------------------
  app.get('/:id{[0-9]+}', async (c) => {
    const user = viewer(c);
    const room = await loadRoom(database, actorOf(user), c.req.param('id'));
    if (!room || !room.rights.read) {
      if (room?.invitationId)
        return render(c, { title: room.row.name, body: (v) => <InvitationPage v={v} room={room} /> });
      // The same page for a room that does not exist and one the user may not see.
      const id = Number(c.req.param('id'));
      return render(c, {
        title: (v) => v.t('rooms.door.title'),
        status: 404,
        body: (v) => <RoomDoorPage v={v} id={id} />,
      });
    }
    const [activity, pinned, members, files, following, unanswered, requests, reports] = await Promise.all([
      latestActivity(database, user, { roomId: room.row.id, limit: 10 }),
      pinnedThreads(database, room),
      listMembers(database, room.row.id, 12),
      listFiles(database, room, actorOf(user), 5),
      isFollowing(database, room.row.id, user.id, null),
      unansweredCount(database, room.row.id),
      room.rights.own ? pendingRequestCount(database, room.row.id) : Promise.resolve(0),
      reportsOf(room),
    ]);
    return render(c, {
      title: room.row.name,
      body: (v) => (
        <RoomFrontPage v={v} d={{ room, activity, pinned, members, files, following, unanswered, requests, reports }} />
      ),
    });
  });

  app.get('/:id{[0-9]+}/edit', async (c) => {
    const { room } = await load(c, 'own');
    const input: RoomInput = { name: room.row.name, purpose: room.row.purpose, visibility: room.row.visibility };
    return render(c, {
      title: (v) => `${v.t('rooms.edit')}: ${room.row.name}`,
      body: (v) => <RoomFormPage v={v} input={input} errors={{}} room={room} />,
    });
  });

  app.post('/:id{[0-9]+}', async (c) => {
    const { room, actor } = await load(c, 'own');
    if (room.row.archived_at) throw forbidden();
    const input = await readRoomForm(c);
    const result = await updateRoom(database, room, input, actor, ip(c));
    if (!result.ok) {
      const errors = translate(c.get('t'), result.errors);
      return render(c, {
        title: (v) => `${v.t('rooms.edit')}: ${room.row.name}`,
        status: 422,
        body: (v) => <RoomFormPage v={v} input={input} errors={errors} room={room} />,
      });
    }
    return back(c, `/rooms/${room.row.id}`, {
      kind: 'success',
      key: result.changed.length ? 'rooms.saved' : 'rooms.noChanges',
    });
  });

  app.post('/:id{[0-9]+}/archival', async (c) => {
    const { room, actor } = await load(c, 'own');
    await setArchived(database, room, true, actor, ip(c));
    return back(c, `/rooms/${room.row.id}`, { kind: 'success', key: 'rooms.archivedMsg' });
  });

  app.post('/:id{[0-9]+}/archival/deletion', async (c) => {
    const { room, actor } = await load(c, 'own');
    await setArchived(database, room, false, actor, ip(c));
    return back(c, `/rooms/${room.row.id}`, { kind: 'success', key: 'rooms.restoredMsg' });
  });

  return app;
}
