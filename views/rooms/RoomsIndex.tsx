import { html } from 'hono/html';
import type { ViewContext } from '../context.ts';
import type { ActivityItem, RoomSummary } from '../../src/modules/rooms/rooms.ts';
import type { PendingInvitation } from '../../src/modules/rooms/membership.ts';
import { formatDateTime } from '../../src/i18n/index.ts';
import { PageHeader } from '../components/page.tsx';
import { RoomCards } from './parts.tsx';

/**
 * The rooms' start page (my rooms, invitations, open rooms to join, search across rooms), the
 * archive, and RoomActivity: the latest posts across my rooms, for the intranet's front page.
 */

export function RoomSearchForm({
  v,
  q = '',
  action = '/rooms/search',
  label,
}: {
  v: ViewContext;
  q?: string;
  action?: string;
  label?: string;
}) {
  return (
    <form method="get" action={action} role="search" class="card mb-6" aria-label={label ?? v.t('rooms.search.all')}>
      <label class="label" for="rooms-q">
        {label ?? v.t('rooms.search.all')}
      </label>
      <span class="hint" id="rooms-q-hint">
        {v.t('rooms.search.hint')}
      </span>
      <div class="flex flex-wrap gap-2">
        <input
          class="input max-w-xl flex-1"
          id="rooms-q"
          name="q"
          type="search"
          value={q}
          aria-describedby="rooms-q-hint"
        />
        <button type="submit" class="btn-primary">
          {v.t('rooms.search.submit')}
        </button>
      </div>
    </form>
  );
}

export function InvitationList({ v, items }: { v: ViewContext; items: PendingInvitation[] }) {
  if (!items.length) return null;
  return (
    <section aria-labelledby="invitations-title" class="mb-8">
      <h2 id="invitations-title" class="mb-3 text-xl font-bold">
        {v.t('rooms.invitations.mine')}
      </h2>
      <ul class="grid gap-3 md:grid-cols-2">
        {items.map((i) => (
          <li class="card border-brand-300">
            <h3 class="text-lg font-bold">
              <a href={`/rooms/${i.roomId}`}>{i.roomName}</a>
            </h3>
            <p class="text-sm text-slate-700">
              {v.t('rooms.invitations.from', { name: i.invitedBy ?? '?', time: formatDateTime(i.createdAt, v.locale) })}
            </p>
            <div class="mt-3 flex flex-wrap gap-2">
              <form method="post" action={`/rooms/${i.roomId}/membership`}>
                <button type="submit" class="btn-primary">
                  {v.t('rooms.invitations.accept')}
                  <span class="sr-only">: {i.roomName}</span>
                </button>
              </form>
              <form method="post" action={`/rooms/${i.roomId}/invitations/${i.id}/deletion`}>
                <button type="submit" class="btn-secondary">
                  {v.t('rooms.invitations.decline')}
                  <span class="sr-only">: {i.roomName}</span>
                </button>
              </form>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OpenRooms({ v, items, next }: { v: ViewContext; items: RoomSummary[]; next: string | null }) {
  return (
    <section id="open-rooms" aria-labelledby="open-rooms-title" class="mb-8">
      <h2 id="open-rooms-title" class="mb-3 text-xl font-bold">
        {v.t('rooms.open.title')}
      </h2>
      <RoomCards v={v} items={items} empty={v.t('rooms.open.none')} />
      {next && (
        <p class="mt-4">
          <a class="btn-secondary" href={`/rooms?after=${encodeURIComponent(next)}#open-rooms`}>
            {v.t('rooms.open.more')}
          </a>
        </p>
      )}
    </section>
  );
}

export function RoomsPage({
  v,
  mine,
  moreMine,
  open,
  next,
  invitations,
}: {
  v: ViewContext;
  mine: RoomSummary[];
  moreMine: boolean;
  open: RoomSummary[];
  next: string | null;
  invitations: PendingInvitation[];
}) {
  return (
    <>
      <PageHeader
        title={v.t('rooms.title')}
        lead={v.t('rooms.lead')}
        actions={
          <>
            <a href="/rooms/new" class="btn-primary">
              {v.t('rooms.new')}
            </a>
            <a href="/rooms?view=archived" class="btn-secondary">
              {v.t('rooms.archived.title')}
            </a>
          </>
        }
      />
      <RoomSearchForm v={v} />
      <InvitationList v={v} items={invitations} />
      <section aria-labelledby="my-rooms-title" class="mb-8">
        <h2 id="my-rooms-title" class="mb-3 text-xl font-bold">
          {v.t('rooms.mine.title')}
        </h2>
        <RoomCards v={v} items={mine} empty={v.t('rooms.mine.none')} />
        {moreMine && (
          <p class="mt-4">
            <a class="btn-secondary" href="/rooms?view=mine">
              {v.t('rooms.mine.all')}
            </a>
          </p>
        )}
      </section>
      <OpenRooms v={v} items={open} next={next} />
    </>
  );
}

export function MyRoomsPage({ v, items, next }: { v: ViewContext; items: RoomSummary[]; next: string | null }) {
  return (
    <>
      <p class="mb-1 text-sm">
        <a href="/rooms">{v.t('rooms.title')}</a>
      </p>
      <PageHeader title={v.t('rooms.mine.title')} />
      <RoomCards v={v} items={items} empty={v.t('rooms.mine.none')} />
      {next && (
        <p class="mt-4">
          <a class="btn-secondary" href={`/rooms?view=mine&after=${encodeURIComponent(next)}`}>
            {v.t('rooms.mine.more')}
          </a>
        </p>
      )}
    </>
  );
}

export function ArchivedRoomsPage({ v, items }: { v: ViewContext; items: RoomSummary[] }) {
  return (
    <>
      <p class="mb-1 text-sm">
        <a href="/rooms">{v.t('rooms.title')}</a>
      </p>
      <PageHeader title={v.t('rooms.archived.title')} lead={v.t('rooms.archived.lead')} />
      <RoomCards v={v} items={items} empty={v.t('rooms.archived.none')} />
    </>
  );
}

/**
 * The latest posts across the user's rooms: a small section for the intranet's front page (data
 * from latestActivity(database, user, { limit })).
 */
export function RoomActivity({
  v,
  items,
  headingLevel = 2,
}: {
  v: ViewContext;
  items: ActivityItem[];
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="room-activity-title" class="card mt-6">
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <Heading id="room-activity-title" class="text-lg font-bold">
          {v.t('rooms.activity.title')}
        </Heading>
        <a href="/rooms" class="text-sm">
          {v.t('rooms.activity.all')}
        </a>
      </div>
      {items.length === 0 ? (
        <p class="mt-2 text-slate-700">{v.t('rooms.activity.none')}</p>
      ) : (
        <ul class="mt-2 divide-y divide-slate-200">{items.map((a) => activityRow(v, a))}</ul>
      )}
    </section>
  );
}

export function activityRow(v: ViewContext, a: ActivityItem, showRoom = true) {
  const what = a.isFirst
    ? v.t('rooms.activity.started', { name: a.authorName ?? '?' })
    : v.t('rooms.activity.replied', { name: a.authorName ?? '?' });
  return html`<li class="py-2"><p class="text-sm text-slate-700">${what}${showRoom ? html` · <a href="/rooms/${a.roomId}">${a.roomName}</a>` : ''} · <time datetime="${a.createdAt}">${formatDateTime(
    a.createdAt,
    v.locale,
  )}</time></p><p class="font-semibold"><a href="/rooms/${a.roomId}/posts/${a.postId}">${a.threadTitle}</a></p>${a.excerpt ? html`<p class="text-sm text-slate-800">${a.excerpt}</p>` : ''}</li>`;
}
