import type { ViewContext } from '../context.ts';
import type { CommitteeKind, MeetingStatus, MembershipRole } from '../../src/db/schema/meetings.ts';
import { formatDate, formatDateTime, formatLongDate, type MessageKey } from '../../src/i18n/index.ts';

/** Small pieces shared by the meetings views. */

export const statusKey = (s: MeetingStatus) => `meetings.status.${s}` as MessageKey;
export const kindKey = (k: CommitteeKind | string) => `meetings.committee.kind.${k}` as MessageKey;
export const roleKey = (r: MembershipRole) => `meetings.role.${r}` as MessageKey;

const STATUS_STYLE: Record<MeetingStatus, string> = {
  planned: 'bg-slate-100 text-slate-800 ring-slate-300',
  published: 'bg-brand-50 text-brand-900 ring-brand-300',
  held: 'bg-amber-50 text-amber-900 ring-amber-300',
  approved: 'bg-green-50 text-green-900 ring-green-300',
  cancelled: 'bg-red-50 text-red-900 ring-red-300',
};

export function StatusBadge({ v, status }: { v: ViewContext; status: MeetingStatus }) {
  return (
    <span class={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ${STATUS_STYLE[status]}`}>
      {v.t(statusKey(status))}
    </span>
  );
}

/** "torsdag den 26. november 2026 kl. 19.00" style, short form for tables. */
export function when(v: ViewContext, iso: string): string {
  return formatDateTime(iso, v.locale);
}

export function longWhen(v: ViewContext, iso: string): string {
  const time = formatDateTime(iso, v.locale).split(v.locale === 'da' ? ' kl. ' : ', ')[1] ?? '';
  return v.t('meetings.at', { date: formatLongDate(iso, v.locale), time });
}

/** A calendar date (yyyy-mm-dd) in the reader's format. */
export function day(v: ViewContext, date: string): string {
  return formatDate(`${date}T12:00:00Z`, v.locale);
}

/** Plain text with blank-line paragraphs and kept line breaks. */
export function Paragraphs({ text, class: cls }: { text: string; class?: string }) {
  const paras = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paras.map((p) => (
        <p class={cls ?? 'mb-3 max-w-3xl whitespace-pre-line text-slate-800'}>{p}</p>
      ))}
    </>
  );
}

/** The sub-navigation of the meetings area (for the secretariat). */
export function MeetingsNav({
  v,
  current,
}: {
  v: ViewContext;
  current: 'meetings' | 'committees' | 'persons' | 'locations' | 'settings';
}) {
  const links: Array<[typeof current, string, MessageKey]> = [
    ['meetings', '/meetings', 'meetings.title'],
    ['committees', '/meetings/committees', 'meetings.committees'],
  ];
  if (v.can('meetings.manage')) {
    links.push(
      ['persons', '/meetings/persons', 'meetings.persons'],
      ['locations', '/meetings/locations', 'meetings.locations'],
      ['settings', '/meetings/settings', 'meetings.settings'],
    );
  }
  return (
    <nav aria-label={v.t('meetings.title')} class="mb-4 text-sm">
      <ul class="flex flex-wrap gap-x-4 gap-y-1">
        {links.map(([key, href, label]) => (
          <li>
            <a
              href={href}
              aria-current={key === current ? 'page' : undefined}
              class={key === current ? 'font-semibold text-slate-900 no-underline' : undefined}
            >
              {v.t(label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
