import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ViewContext } from '../context.ts';
import type { LoadedRoom } from '../../src/modules/rooms/access.ts';
import type { RoomSummary } from '../../src/modules/rooms/rooms.ts';
import { formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { highlightParts } from '../../src/search/text.ts';
import { PageHeader } from '../components/page.tsx';

/** Parts every room page shares: the header with the room's state, and the room's own menu. */

export type RoomTab = 'front' | 'threads' | 'files' | 'members' | 'search' | 'reports';

export function VisibilityBadge({ v, visibility }: { v: ViewContext; visibility: 'open' | 'closed' }) {
  return visibility === 'open' ? (
    <span class="badge bg-green-100 text-green-900">{v.t('rooms.visibility.open.badge')}</span>
  ) : (
    <span class="badge bg-amber-100 text-amber-900">
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 24 24"
        class="mr-1 size-3.5"
        fill="none"
        stroke="currentColor"
        stroke-width="2.5"
        stroke-linecap="round"
        stroke-linejoin="round"
      >
        <rect width="18" height="11" x="3" y="11" rx="2" ry="2" />
        <path d="M7 11V7a5 5 0 0 1 10 0v4" />
      </svg>
      {v.t('rooms.visibility.closed.badge')}
    </span>
  );
}

export function ArchivedBadge({ v }: { v: ViewContext }) {
  return <span class="badge bg-slate-200 text-slate-800">{v.t('rooms.archived.badge')}</span>;
}

export function RoomHeader({
  v,
  room,
  title,
  actions,
}: {
  v: ViewContext;
  room: LoadedRoom;
  title?: string;
  actions?: Child;
}) {
  return (
    <>
      <p class="mb-1 text-sm">
        <a href="/rooms">{v.t('rooms.title')}</a>
        {title && (
          <>
            {' '}
            <span aria-hidden="true">›</span> <a href={`/rooms/${room.row.id}`}>{room.row.name}</a>
          </>
        )}
      </p>
      <PageHeader
        title={title ?? room.row.name}
        lead={
          <span class="flex flex-wrap items-center gap-2">
            <VisibilityBadge v={v} visibility={room.row.visibility} />
            {room.row.archived_at && <ArchivedBadge v={v} />}
            {room.membership && (
              <span class="badge">
                {room.membership.role === 'owner' ? v.t('rooms.role.owner') : v.t('rooms.role.member')}
              </span>
            )}
          </span>
        }
        actions={actions}
      />
    </>
  );
}

export function RoomNav({
  v,
  room,
  current,
  reports = 0,
}: {
  v: ViewContext;
  room: LoadedRoom;
  current: RoomTab;
  reports?: number;
}) {
  const base = `/rooms/${room.row.id}`;
  const tabs: Array<{ tab: RoomTab; href: string; label: string }> = [
    { tab: 'front', href: base, label: v.t('rooms.nav.front') },
    { tab: 'threads', href: `${base}/threads`, label: v.t('rooms.nav.threads') },
    { tab: 'files', href: `${base}/files`, label: v.t('rooms.nav.files') },
    { tab: 'members', href: `${base}/members`, label: v.t('rooms.nav.members') },
    { tab: 'search', href: `${base}/search`, label: v.t('rooms.nav.search') },
  ];
  if (room.rights.own)
    tabs.push({
      tab: 'reports',
      href: `${base}/reports`,
      label: reports ? v.t('rooms.nav.reportsCount', { count: reports }) : v.t('rooms.nav.reports'),
    });
  return (
    <nav aria-label={v.t('rooms.nav.label', { name: room.row.name })} class="mb-6 border-b border-slate-200">
      <ul class="flex flex-wrap gap-x-1">
        {tabs.map((t) => (
          <li>
            <a
              href={t.href}
              aria-current={t.tab === current ? 'page' : undefined}
              class={`inline-flex min-h-11 items-center whitespace-nowrap border-b-4 px-2 font-semibold no-underline sm:px-3 ${
                t.tab === current
                  ? 'border-brand-600 text-brand-800'
                  : 'border-transparent text-slate-700 hover:border-slate-300'
              }`}
            >
              {t.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Rooms as a list of cards; rows as tagged templates (cheap for long lists). */
export function RoomCards({ v, items, empty }: { v: ViewContext; items: RoomSummary[]; empty: string }) {
  if (!items.length) return <p class="card">{empty}</p>;
  const open = v.t('rooms.visibility.open.badge');
  const closed = v.t('rooms.visibility.closed.badge');
  const archived = v.t('rooms.archived.badge');
  const owner = v.t('rooms.role.owner');
  return (
    <ul class="grid gap-3 md:grid-cols-2">
      {items.map(
        (r) =>
          html`<li class="card"><h3 class="text-lg font-bold"><a href="/rooms/${r.id}">${r.name}</a></h3><p class="mt-1 flex flex-wrap gap-2">${
            r.visibility === 'open'
              ? html`<span class="badge bg-green-100 text-green-900">${open}</span>`
              : html`<span class="badge bg-amber-100 text-amber-900">${closed}</span>`
          }${r.archived ? html`<span class="badge bg-slate-200 text-slate-800">${archived}</span>` : ''}${
            r.role === 'owner' ? html`<span class="badge">${owner}</span>` : ''
          }</p><p class="mt-2 line-clamp-2 text-sm text-slate-700">${r.purpose}</p><p class="mt-2 text-xs text-slate-600">${v.t(
            'rooms.card.meta',
            {
              members: formatNumber(r.memberCount, v.locale),
              threads: formatNumber(r.threadCount, v.locale),
              time: formatDateTime(r.lastActivityAt, v.locale),
            },
          )}</p></li>`,
      )}
    </ul>
  );
}

/** Text with search matches in <mark> (from the marked string, never raw HTML). */
export function markedHtml(text: string) {
  return highlightParts(text).map((p) =>
    p.hit ? html`<mark class="rounded-sm bg-amber-200 px-0.5 text-slate-900">${p.text}</mark>` : html`${p.text}`,
  );
}

/** A hidden form field for a keyset cursor or a flag, only when it has a value. */
export function Hidden({ name, value }: { name: string; value: string | null | undefined }) {
  return value ? <input type="hidden" name={name} value={value} /> : null;
}
