import { Hono } from 'hono';
import { AllRoomsSearchPage, RoomSearchPage, type SearchState } from '../../../views/rooms/Search.tsx';
import type { AppEnv } from '../../http/env.ts';
import { render } from '../../http/render.tsx';
import { searchPosts, searchRoomNames } from './search.ts';
import type { RoomRouteContext } from './route-context.tsx';

/** Search across the rooms the user may read, and inside one room. */
export function roomSearchRoutes({ database, viewer, load, reportsOf }: RoomRouteContext) {
  const app = new Hono<AppEnv>();

  app.get('/search', async (c) => {
    const user = viewer(c);
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const [result, rooms] = q
      ? await Promise.all([searchPosts(database, user, q), searchRoomNames(database, user, q)])
      : [{ hits: [], more: false }, []];
    const s: SearchState = { q, searched: !!q, ...result };
    return render(c, {
      title: (v) => (q ? `${v.t('rooms.search.all')}: ${q}` : v.t('rooms.search.all')),
      body: (v) => <AllRoomsSearchPage v={v} s={s} rooms={rooms} />,
    });
  });

  // --- Search in a room -----------------------------------------------------------------------------
  app.get('/:id{[0-9]+}/search', async (c) => {
    const { room, user } = await load(c);
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const [result, reports] = await Promise.all([
      q ? searchPosts(database, user, q, { room }) : Promise.resolve({ hits: [], more: false }),
      reportsOf(room),
    ]);
    const s: SearchState = { q, searched: !!q, ...result };
    return render(c, {
      title: (v) =>
        q ? `${v.t('rooms.nav.search')}: ${q} · ${room.row.name}` : `${v.t('rooms.nav.search')} · ${room.row.name}`,
      body: (v) => <RoomSearchPage v={v} room={room} s={s} reports={reports} />,
    });
  });

  return app;
}
