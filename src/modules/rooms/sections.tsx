import type { Child } from 'hono/jsx';
import type { ViewContext } from '../../../views/context.ts';
import { RoomActivity } from '../../../views/rooms/RoomsIndex.tsx';
import { GlobalRoomHits } from '../../../views/rooms/Search.tsx';
import type { Database } from '../../db/index.ts';
import { can, type Actor } from '../../policy/index.ts';
import { latestActivity, roomsForUser } from './rooms.ts';
import { searchPosts, searchRoomNames } from './search.ts';

/**
 * What the rooms module hands to other pages: the front page's "news from my rooms", and the
 * global search's rooms and posts. Both use the same rule as the rooms' own pages (members'
 * rooms only for activity; open rooms and the user's closed rooms for search), so nothing of a
 * closed room reaches an outsider through them.
 */

/** The front page section (a HomeSection, see src/modules/home/routes.tsx). */
export async function roomsHomeSection(database: Database, user: Actor): Promise<((v: ViewContext) => Child) | null> {
  if (!can(user, 'rooms.view')) return null;
  const items = await latestActivity(database, user, { limit: 6 });
  return (v) => <RoomActivity v={v} items={items} />;
}

/** My page's "my rooms": the rooms I am a member of, most recently active first. */
export async function myRoomsSection(database: Database, user: Actor): Promise<((v: ViewContext) => Child) | null> {
  if (!can(user, 'rooms.view')) return null;
  const rooms = await roomsForUser(database, user, 8);
  return (v) => (
    <section class="card" aria-labelledby="me-rooms-title">
      <h2 id="me-rooms-title" class="mb-3 text-lg font-bold">
        {v.t('rooms.mine.title')}
      </h2>
      {rooms.length === 0 ? (
        <p class="text-slate-700">{v.t('rooms.mine.empty')}</p>
      ) : (
        <ul class="space-y-2">
          {rooms.map((r) => (
            <li>
              <a href={`/rooms/${r.id}`} class="font-semibold">
                {r.name}
              </a>
              <span class="block text-sm text-slate-700">{r.purpose}</span>
            </li>
          ))}
        </ul>
      )}
      <p class="mt-3">
        <a href="/rooms">{rooms.length === 0 ? v.t('rooms.mine.find') : v.t('rooms.mine.all')}</a>
      </p>
    </section>
  );
}

/** The global search's rooms group (a SearchSection, see src/modules/search/routes.tsx). */
export async function roomsSearchSection(
  database: Database,
  user: Actor,
  q: string,
): Promise<{ count: number; render: (v: ViewContext) => Child } | null> {
  if (!can(user, 'rooms.view')) return null;
  const [posts, rooms] = await Promise.all([
    searchPosts(database, user, q, { limit: 5 }),
    searchRoomNames(database, user, q, 5),
  ]);
  const count = posts.hits.length + rooms.length;
  if (!count) return null;
  return { count, render: (v) => <GlobalRoomHits v={v} q={q} rooms={rooms} posts={posts} /> };
}
