import { html } from 'hono/html';
import type { ViewContext } from '../context.ts';
import type { LoadedRoom } from '../../src/modules/rooms/access.ts';
import type { ActivityItem } from '../../src/modules/rooms/rooms.ts';
import type { MemberView } from '../../src/modules/rooms/rooms.ts';
import type { ThreadSummary } from '../../src/modules/rooms/threads.ts';
import type { RoomFileView } from '../../src/modules/rooms/files.ts';
import { formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { Notice, PageHeader } from '../components/page.tsx';
import { formatBytes } from '../documents/Documents.tsx';
import { activityRow } from './RoomsIndex.tsx';
import { RoomHeader, RoomNav } from './parts.tsx';
import { ThreadRows } from './Threads.tsx';

/** A room's front page: its purpose, pinned threads, recent activity, members and files. */

export interface RoomFrontData {
  room: LoadedRoom;
  activity: ActivityItem[];
  pinned: ThreadSummary[];
  members: MemberView[];
  files: RoomFileView[];
  following: boolean;
  unanswered: number;
  requests: number;
  reports: number;
}

export function MembershipBox({ v, room, following }: { v: ViewContext; room: LoadedRoom; following: boolean }) {
  const base = `/rooms/${room.row.id}`;
  const m = room.membership;
  return (
    <section aria-labelledby="membership-title" class="card">
      <h2 id="membership-title" class="text-lg font-bold">
        {v.t('rooms.membership.title')}
      </h2>
      {m ? (
        <p class="mt-1 text-slate-700">
          {m.role === 'owner' ? v.t('rooms.membership.owner') : v.t('rooms.membership.member')}
        </p>
      ) : (
        <p class="mt-1 text-slate-700">
          {room.row.archived_at ? v.t('rooms.membership.archived') : v.t('rooms.membership.none')}
        </p>
      )}
      {room.rights.join && (
        <form method="post" action={`${base}/membership`} class="mt-3">
          <button type="submit" class="btn-primary">
            {v.t('rooms.join')}
          </button>
        </form>
      )}
      {m && (
        <form method="post" action={`${base}/level`} class="mt-4">
          <fieldset>
            <legend class="label">{v.t('rooms.level.legend')}</legend>
            {(['everything', 'mentions', 'nothing'] as const).map((level) => (
              <div class="mb-2 flex items-start gap-3">
                <input
                  class="mt-1 size-5 accent-brand-700"
                  type="radio"
                  id={`level-${level}`}
                  name="level"
                  value={level}
                  checked={m.level === level}
                  aria-describedby={`level-${level}-hint`}
                />
                <label for={`level-${level}`}>
                  <span class="font-semibold">{v.t(`rooms.level.${level}`)}</span>
                  <span class="block text-sm text-slate-600" id={`level-${level}-hint`}>
                    {v.t(`rooms.level.${level}.hint`)}
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="btn-secondary">
            {v.t('rooms.level.save')}
          </button>
        </form>
      )}
      {!room.row.archived_at && (
        <form method="post" action={following ? `${base}/follow/deletion` : `${base}/follow`} class="mt-4">
          <p class="hint" id="follow-room-hint">
            {following ? v.t('rooms.follow.on') : v.t('rooms.follow.hint')}
          </p>
          <button type="submit" class="btn-secondary" aria-describedby="follow-room-hint">
            {following ? v.t('rooms.unfollow') : v.t('rooms.follow')}
          </button>
        </form>
      )}
      {m && (
        <form method="post" action={`${base}/membership/deletion`} class="mt-4">
          <button type="submit" class="btn-link">
            {v.t('rooms.leave')}
          </button>
        </form>
      )}
    </section>
  );
}

function OwnerBox({ v, room, requests }: { v: ViewContext; room: LoadedRoom; requests: number }) {
  const base = `/rooms/${room.row.id}`;
  return (
    <section aria-labelledby="owner-title" class="card">
      <h2 id="owner-title" class="text-lg font-bold">
        {v.t('rooms.owner.title')}
      </h2>
      {requests > 0 && (
        <p class="mt-2">
          <a href={`${base}/members#requests`} class="font-semibold">
            {v.t('rooms.owner.requests', { count: requests })}
          </a>
        </p>
      )}
      <ul class="mt-2 space-y-1">
        {!room.row.archived_at && (
          <li>
            <a href={`${base}/edit`}>{v.t('rooms.edit')}</a>
          </li>
        )}
        <li>
          <a href={`${base}/members`}>{v.t('rooms.owner.members')}</a>
        </li>
      </ul>
      <form method="post" action={room.row.archived_at ? `${base}/archival/deletion` : `${base}/archival`} class="mt-4">
        <p class="hint" id="archive-hint">
          {room.row.archived_at ? v.t('rooms.restore.hint') : v.t('rooms.archive.hint')}
        </p>
        <button type="submit" class="btn-secondary" aria-describedby="archive-hint">
          {room.row.archived_at ? v.t('rooms.restore') : v.t('rooms.archive')}
        </button>
      </form>
    </section>
  );
}

export function RoomFrontPage({ v, d }: { v: ViewContext; d: RoomFrontData }) {
  const { room } = d;
  const base = `/rooms/${room.row.id}`;
  return (
    <>
      <RoomHeader
        v={v}
        room={room}
        actions={
          room.rights.post && (
            <>
              <a href={`${base}/threads/new`} class="btn-primary">
                {v.t('threads.new')}
              </a>
              <a href={`${base}/threads/new?question=1`} class="btn-secondary">
                {v.t('threads.ask')}
              </a>
            </>
          )
        }
      />
      <RoomNav v={v} room={room} current="front" reports={d.reports} />
      {room.row.archived_at && (
        <Notice kind="info">
          <p>{v.t('rooms.archived.notice', { time: formatDateTime(room.row.archived_at, v.locale) })}</p>
        </Notice>
      )}
      <div class="grid gap-6 lg:grid-cols-3">
        <div class="space-y-6 lg:col-span-2">
          <section aria-labelledby="purpose-title" class="card">
            <h2 id="purpose-title" class="text-lg font-bold">
              {v.t('rooms.purpose')}
            </h2>
            <p class="mt-2 whitespace-pre-line text-slate-800">{room.row.purpose}</p>
            {d.unanswered > 0 && (
              <p class="mt-3">
                <a href={`${base}/threads?unanswered=1`}>{v.t('rooms.unanswered.link', { count: d.unanswered })}</a>
              </p>
            )}
          </section>
          <section aria-labelledby="pinned-title">
            <h2 id="pinned-title" class="mb-3 text-xl font-bold">
              {v.t('rooms.pinned.title')}
            </h2>
            {d.pinned.length ? (
              <ThreadRows v={v} roomId={room.row.id} items={d.pinned} />
            ) : (
              <p class="card text-slate-700">{v.t('rooms.pinned.none')}</p>
            )}
          </section>
          <section aria-labelledby="activity-title" class="card">
            <h2 id="activity-title" class="text-xl font-bold">
              {v.t('rooms.recent.title')}
            </h2>
            {d.activity.length ? (
              <ul class="mt-2 divide-y divide-slate-200">{d.activity.map((a) => activityRow(v, a, false))}</ul>
            ) : (
              <p class="mt-2 text-slate-700">{v.t('rooms.recent.none')}</p>
            )}
            <p class="mt-3">
              <a href={`${base}/threads`}>{v.t('rooms.recent.all')}</a>
            </p>
          </section>
        </div>
        <div class="space-y-6">
          <MembershipBox v={v} room={room} following={d.following} />
          {room.rights.own && <OwnerBox v={v} room={room} requests={d.requests} />}
          <section aria-labelledby="members-title" class="card">
            <h2 id="members-title" class="text-lg font-bold">
              {v.t('rooms.members.title')}{' '}
              <span class="text-base font-normal text-slate-600">
                ({formatNumber(room.row.member_count, v.locale)})
              </span>
            </h2>
            <ul class="mt-2 space-y-1">
              {d.members.map(
                (m) =>
                  html`<li><a href="/people/${m.username}">${m.name}</a>${m.role === 'owner' ? html` <span class="badge">${v.t('rooms.role.owner')}</span>` : ''}${
                    m.unitName ? html`<span class="block text-xs text-slate-600">${m.unitName}</span>` : ''
                  }</li>`,
              )}
            </ul>
            <p class="mt-3">
              <a href={`${base}/members`}>{v.t('rooms.members.all')}</a>
            </p>
          </section>
          <section aria-labelledby="files-title" class="card">
            <h2 id="files-title" class="text-lg font-bold">
              {v.t('roomfiles.title')}
            </h2>
            {d.files.length ? (
              <ul class="mt-2 space-y-2">
                {d.files.map(
                  (f) =>
                    html`<li><a href="${base}/files/${f.id}">${f.title}</a><span class="block text-xs text-slate-600">${f.filename} · ${formatBytes(f.size, v.locale)} · ${formatDateTime(
                      f.updatedAt,
                      v.locale,
                    )}</span></li>`,
                )}
              </ul>
            ) : (
              <p class="mt-2 text-slate-700">{v.t('roomfiles.none')}</p>
            )}
            <p class="mt-3">
              <a href={`${base}/files`}>{v.t('roomfiles.all')}</a>
            </p>
          </section>
        </div>
      </div>
    </>
  );
}

/** What an invitee of a closed room sees: the room's name and purpose, and the invitation. */
export function InvitationPage({ v, room }: { v: ViewContext; room: LoadedRoom }) {
  const base = `/rooms/${room.row.id}`;
  return (
    <>
      <RoomHeader v={v} room={room} />
      <section aria-labelledby="invitation-title" class="card max-w-3xl">
        <h2 id="invitation-title" class="text-lg font-bold">
          {v.t('rooms.invitation.title')}
        </h2>
        <p class="mt-2 whitespace-pre-line">{room.row.purpose}</p>
        <p class="mt-3 text-slate-700">{v.t('rooms.invitation.lead')}</p>
        <div class="mt-4 flex flex-wrap gap-2">
          <form method="post" action={`${base}/membership`}>
            <button type="submit" class="btn-primary">
              {v.t('rooms.invitations.accept')}
            </button>
          </form>
          <form method="post" action={`${base}/invitations/${room.invitationId}/deletion`}>
            <button type="submit" class="btn-secondary">
              {v.t('rooms.invitations.decline')}
            </button>
          </form>
        </div>
      </section>
    </>
  );
}

/**
 * The answer for a room that does not exist or that the user may not see: the same page either
 * way (it depends only on the number in the address), with a way to ask for access for someone
 * who was given the link by a member.
 */
export function RoomDoorPage({ v, id }: { v: ViewContext; id: number }) {
  return (
    <>
      <PageHeader title={v.t('rooms.door.title')} lead={v.t('rooms.door.lead')} />
      <section aria-labelledby="door-request-title" class="card max-w-3xl">
        <h2 id="door-request-title" class="text-lg font-bold">
          {v.t('rooms.door.request')}
        </h2>
        <p class="mt-1 text-slate-700">{v.t('rooms.door.requestLead')}</p>
        <form method="post" action={`/rooms/${id}/requests`} class="mt-4">
          <div class="mb-5">
            <label class="label" for="request-message">
              {v.t('rooms.door.message')}
            </label>
            <span class="hint" id="request-message-hint">
              {v.t('rooms.door.messageHint')}
            </span>
            <textarea
              class="input"
              id="request-message"
              name="message"
              rows={3}
              aria-describedby="request-message-hint"
            ></textarea>
          </div>
          <button type="submit" class="btn-primary">
            {v.t('rooms.door.submit')}
          </button>
        </form>
      </section>
      <p class="mt-6">
        <a href="/rooms">{v.t('rooms.door.back')}</a>
      </p>
    </>
  );
}
