import { html } from 'hono/html';
import type { ViewContext } from '../context.ts';
import type { LoadedRoom } from '../../src/modules/rooms/access.ts';
import type { MemberView } from '../../src/modules/rooms/rooms.ts';
import type { PendingInvitation, PendingRequest } from '../../src/modules/rooms/membership.ts';
import { formatDate, formatDateTime } from '../../src/i18n/index.ts';
import { ErrorSummary, type FieldErrors } from '../components/form.tsx';
import { ScrollTable } from '../components/page.tsx';
import { RoomHeader, RoomNav } from './parts.tsx';

/** Members of a room; for owners also invitations, access requests and owner/member changes. */

export interface MembersData {
  room: LoadedRoom;
  members: MemberView[];
  invitations: PendingInvitation[];
  requests: PendingRequest[];
  invite: { username: string; errors: FieldErrors };
  viewerId: string;
  reports: number;
}

export function MembersPage({ v, d }: { v: ViewContext; d: MembersData }) {
  const { room } = d;
  const base = `/rooms/${room.row.id}`;
  const own = room.rights.own;
  const l = {
    owner: v.t('rooms.role.owner'),
    member: v.t('rooms.role.member'),
    makeOwner: v.t('rooms.members.makeOwner'),
    makeMember: v.t('rooms.members.makeMember'),
    remove: v.t('rooms.members.remove'),
  };
  const inviteError = d.invite.errors.username;
  return (
    <>
      <RoomHeader v={v} room={room} />
      <RoomNav v={v} room={room} current="members" reports={d.reports} />
      <ErrorSummary errors={d.invite.errors} t={v.t} />
      {room.rights.invite && (
        <section aria-labelledby="invite-title" class="card mb-6 max-w-3xl">
          <h2 id="invite-title" class="text-lg font-bold">
            {v.t('rooms.invite.title')}
          </h2>
          <form method="post" action={`${base}/invitations`} class="mt-3" novalidate>
            <label class="label" for="username">
              {v.t('rooms.invite.username')}
            </label>
            <span class="hint" id="username-hint">
              {v.t('rooms.invite.hint')}
            </span>
            {inviteError && (
              <span class="field-error" id="username-error">
                {inviteError}
              </span>
            )}
            <div class="flex flex-wrap gap-2">
              <input
                class="input max-w-sm"
                id="username"
                name="username"
                value={d.invite.username}
                autocomplete="off"
                spellcheck={false}
                aria-invalid={inviteError ? 'true' : undefined}
                aria-describedby={['username-hint', inviteError ? 'username-error' : ''].filter(Boolean).join(' ')}
              />
              <button type="submit" class="btn-primary">
                {v.t('rooms.invite.submit')}
              </button>
            </div>
          </form>
        </section>
      )}
      {own && (
        <section id="requests" aria-labelledby="requests-title" class="mb-6">
          <h2 id="requests-title" class="mb-3 text-xl font-bold">
            {v.t('rooms.requests.title')}
          </h2>
          {d.requests.length === 0 ? (
            <p class="card text-slate-700">{v.t('rooms.requests.none')}</p>
          ) : (
            <ul class="space-y-3">
              {d.requests.map((r) => (
                <li class="card">
                  <p class="font-semibold">
                    {r.name}
                    {r.unitName && <span class="font-normal text-slate-600"> · {r.unitName}</span>}
                  </p>
                  <p class="text-sm text-slate-600">{formatDateTime(r.createdAt, v.locale)}</p>
                  {r.message && <p class="mt-2 whitespace-pre-line">{r.message}</p>}
                  <div class="mt-3 flex flex-wrap gap-2">
                    <form method="post" action={`${base}/requests/${r.id}/approval`}>
                      <button type="submit" class="btn-primary">
                        {v.t('rooms.requests.approve')}
                        <span class="sr-only">: {r.name}</span>
                      </button>
                    </form>
                    <form method="post" action={`${base}/requests/${r.id}/deletion`}>
                      <button type="submit" class="btn-secondary">
                        {v.t('rooms.requests.reject')}
                        <span class="sr-only">: {r.name}</span>
                      </button>
                    </form>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {own && d.invitations.length > 0 && (
        <section aria-labelledby="pending-invitations-title" class="mb-6">
          <h2 id="pending-invitations-title" class="mb-3 text-xl font-bold">
            {v.t('rooms.invitations.pending')}
          </h2>
          <ul class="card divide-y divide-slate-200">
            {d.invitations.map((i) => (
              <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {i.name}{' '}
                  <span class="text-sm text-slate-600">
                    {v.t('rooms.invitations.by', {
                      name: i.invitedBy ?? '?',
                      time: formatDateTime(i.createdAt, v.locale),
                    })}
                  </span>
                </span>
                <form method="post" action={`${base}/invitations/${i.id}/deletion`}>
                  <button type="submit" class="btn-link">
                    {v.t('rooms.invitations.withdraw')}
                    <span class="sr-only">: {i.name}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="member-list-title">
        <h2 id="member-list-title" class="mb-3 text-xl font-bold">
          {v.t('rooms.members.title')} ({d.members.length})
        </h2>
        <ScrollTable label={v.t('rooms.members.title')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{v.t('rooms.members.name')}</th>
                <th scope="col">{v.t('rooms.members.unit')}</th>
                <th scope="col">{v.t('rooms.members.role')}</th>
                <th scope="col">{v.t('rooms.members.joined')}</th>
                {own && <th scope="col">{v.t('rooms.members.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {d.members.map(
                (m) =>
                  html`<tr><td><a href="/people/${m.username}">${m.name}</a>${m.title ? html`<span class="block text-xs text-slate-600">${m.title}</span>` : ''}</td><td>${m.unitName ?? ''}</td><td>${
                    m.role === 'owner' ? l.owner : l.member
                  }</td><td class="whitespace-nowrap">${formatDate(m.joinedAt, v.locale)}</td>${
                    own
                      ? html`<td><div class="flex flex-wrap gap-x-3">${
                          m.role === 'owner'
                            ? html`<form method="post" action="${base}/members/${m.userId}/ownership/deletion"><button type="submit" class="btn-link">${l.makeMember}<span class="sr-only">: ${m.name}</span></button></form>`
                            : html`<form method="post" action="${base}/members/${m.userId}/ownership"><button type="submit" class="btn-link">${l.makeOwner}<span class="sr-only">: ${m.name}</span></button></form>`
                        }${
                          m.userId !== d.viewerId
                            ? html`<form method="post" action="${base}/members/${m.userId}/deletion"><button type="submit" class="btn-link">${l.remove}<span class="sr-only">: ${m.name}</span></button></form>`
                            : ''
                        }</div></td>`
                      : ''
                  }</tr>`,
              )}
            </tbody>
          </table>
        </ScrollTable>
      </section>
    </>
  );
}
