import { html } from 'hono/html';
import type { ViewContext } from '../context.ts';
import type { LoadedRoom } from '../../src/modules/rooms/access.ts';
import type { PostHit, RoomNameHit } from '../../src/modules/rooms/search.ts';
import { formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { PageHeader } from '../components/page.tsx';
import { Group } from '../search/Search.tsx';
import { RoomSearchForm } from './RoomsIndex.tsx';
import { markedHtml, RoomHeader, RoomNav, VisibilityBadge } from './parts.tsx';

/** Search in one room, and across every room the user may see. */

export interface SearchState {
  q: string;
  searched: boolean;
  hits: PostHit[];
  more: boolean;
}

export function HitRows({ v, hits, showRoom }: { v: ViewContext; hits: PostHit[]; showRoom: boolean }) {
  const started = v.t('rooms.search.hit.thread');
  const replied = v.t('rooms.search.hit.reply');
  return (
    <ol class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {hits.map(
        (h) =>
          html`<li class="px-4 py-3"><p class="text-xs font-semibold uppercase tracking-wide text-slate-600">${h.isFirst ? started : replied}${
            showRoom ? html` · <a href="/rooms/${h.roomId}" class="normal-case">${h.roomName}</a>` : ''
          } · <span class="normal-case">${h.authorName ?? ''}</span> · <time datetime="${h.createdAt}" class="normal-case">${formatDateTime(h.createdAt, v.locale)}</time></p><p class="font-semibold"><a href="/rooms/${h.roomId}/posts/${h.postId}">${markedHtml(
            h.title,
          )}</a></p>${h.snippet ? html`<p class="mt-1 text-sm text-slate-800">${markedHtml(h.snippet)}</p>` : ''}</li>`,
      )}
    </ol>
  );
}

export function SearchResults({ v, s, showRoom }: { v: ViewContext; s: SearchState; showRoom: boolean }) {
  return (
    <section id="room-search-results" aria-labelledby="room-search-results-title">
      <h2 id="room-search-results-title" class="mb-3 text-xl font-bold">
        {v.t('rooms.search.results')}
      </h2>
      {!s.searched ? null : s.hits.length === 0 ? (
        <p class="card">{v.t('rooms.search.none', { q: s.q })}</p>
      ) : (
        <>
          <p class="mb-3 text-sm text-slate-600">
            {v.t('rooms.search.count', { count: formatNumber(s.hits.length, v.locale) })}
          </p>
          <HitRows v={v} hits={s.hits} showRoom={showRoom} />
          {s.more && <p class="mt-3 text-sm text-slate-700">{v.t('rooms.search.more')}</p>}
        </>
      )}
    </section>
  );
}

export function RoomSearchPage({
  v,
  room,
  s,
  reports,
}: {
  v: ViewContext;
  room: LoadedRoom;
  s: SearchState;
  reports: number;
}) {
  return (
    <>
      <RoomHeader v={v} room={room} />
      <RoomNav v={v} room={room} current="search" reports={reports} />
      <RoomSearchForm
        v={v}
        q={s.q}
        action={`/rooms/${room.row.id}/search`}
        label={v.t('rooms.search.room', { name: room.row.name })}
      />
      {s.searched && <SearchResults v={v} s={s} showRoom={false} />}
    </>
  );
}

export function AllRoomsSearchPage({ v, s, rooms }: { v: ViewContext; s: SearchState; rooms: RoomNameHit[] }) {
  return (
    <>
      <p class="mb-1 text-sm">
        <a href="/rooms">{v.t('rooms.title')}</a>
      </p>
      <PageHeader title={v.t('rooms.search.all')} />
      <RoomSearchForm v={v} q={s.q} />
      {rooms.length > 0 && (
        <section aria-labelledby="room-name-hits" class="mb-6">
          <h2 id="room-name-hits" class="mb-3 text-xl font-bold">
            {v.t('rooms.search.rooms')}
          </h2>
          <ul class="space-y-2">
            {rooms.map((r) => (
              <li class="card py-3">
                <a href={`/rooms/${r.id}`} class="font-semibold">
                  {r.name}
                </a>{' '}
                <VisibilityBadge v={v} visibility={r.visibility} />
                <p class="line-clamp-2 text-sm text-slate-700">{r.purpose}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {s.searched && <SearchResults v={v} s={s} showRoom />}
    </>
  );
}

/** The rooms' group in the global search (/search): matching room names, then posts. */
export function GlobalRoomHits({
  v,
  q,
  rooms,
  posts,
}: {
  v: ViewContext;
  q: string;
  rooms: RoomNameHit[];
  posts: { hits: PostHit[]; more: boolean };
}) {
  const count = rooms.length + posts.hits.length;
  const more = posts.more || rooms.length >= 5;
  return (
    <Group
      v={v}
      id="hits-rooms"
      title={v.t('rooms.search.global')}
      count={`${formatNumber(count, v.locale)}${more ? '+' : ''}`}
      more={{ href: `/rooms/search?q=${encodeURIComponent(q)}`, label: v.t('rooms.search.global.all') }}
    >
      {rooms.length > 0 && (
        <>
          <h4 class="mb-1 text-sm font-semibold text-slate-700">{v.t('rooms.search.global.rooms')}</h4>
          <ul class="mb-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {rooms.map((r) => (
              <li class="px-4 py-3">
                <p class="flex flex-wrap items-center gap-2">
                  <a href={`/rooms/${r.id}`} class="font-semibold">
                    {r.name}
                  </a>
                  <VisibilityBadge v={v} visibility={r.visibility} />
                </p>
                <p class="line-clamp-2 text-sm text-slate-700">{r.purpose}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {posts.hits.length > 0 && (
        <>
          {rooms.length > 0 && (
            <h4 class="mb-1 text-sm font-semibold text-slate-700">{v.t('rooms.search.global.posts')}</h4>
          )}
          <HitRows v={v} hits={posts.hits} showRoom />
        </>
      )}
    </Group>
  );
}
