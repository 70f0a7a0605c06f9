import type { ViewContext } from '../context.ts';
import { PageHeader } from '../components/page.tsx';
import type { PublicMeetingEntry } from '../../src/modules/public/index.ts';
import { formatWhen, PublicNav } from './parts.tsx';

export interface MeetingsFilter {
  committeeId: number | null;
  year: number | null;
  committees: Array<{ id: number; name: string }>;
  years: number[];
}

export interface MeetingsData {
  filter: MeetingsFilter;
  upcoming: PublicMeetingEntry[];
  past: PublicMeetingEntry[];
}

export function MeetingRow({ v, m, level = 3 }: { v: ViewContext; m: PublicMeetingEntry; level?: 3 | 4 }) {
  const cancelled = m.status === 'cancelled';
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <li class="card flex flex-col gap-1 p-4">
      <p class="text-sm font-semibold text-slate-700">{m.committeeName}</p>
      <Heading class="text-lg font-semibold">
        <a href={`/public/meetings/${m.id}`} class={cancelled ? 'line-through' : undefined}>
          {formatWhen(m.startsAt, m.endsAt, v.locale)}
          <span class="sr-only">, {m.committeeName}</span>
        </a>
      </Heading>
      <p class="text-slate-700">
        {m.title}
        {m.location && <span class="text-slate-600"> · {m.location}</span>}
      </p>
      <p class="flex flex-wrap gap-2">
        {cancelled && <span class="badge bg-red-100 text-red-900">{v.t('public.meeting.cancelled')}</span>}
        {m.agenda && <span class="badge">{v.t('public.meeting.agenda')}</span>}
        {m.minutes && <span class="badge bg-green-100 text-green-900">{v.t('public.meeting.minutes')}</span>}
      </p>
    </li>
  );
}

export function MeetingList({ v, d }: { v: ViewContext; d: MeetingsData }) {
  return (
    <div id="meeting-list">
      <p class="sr-only" role="status">
        {v.t('public.meetings.count', { count: d.upcoming.length + d.past.length })}
      </p>
      <section aria-labelledby="upcoming-heading" class="mb-8">
        <h2 id="upcoming-heading" class="mb-3 text-xl font-bold">
          {v.t('public.meetings.upcoming')}
        </h2>
        {d.upcoming.length ? (
          <ul class="grid gap-3 md:grid-cols-2">
            {d.upcoming.map((m) => (
              <MeetingRow v={v} m={m} />
            ))}
          </ul>
        ) : (
          <p class="text-slate-700">{v.t('public.meetings.noneUpcoming')}</p>
        )}
      </section>
      <section aria-labelledby="past-heading">
        <h2 id="past-heading" class="mb-3 text-xl font-bold">
          {v.t('public.meetings.past')}
        </h2>
        {d.past.length ? (
          <ul class="grid gap-3 md:grid-cols-2">
            {d.past.map((m) => (
              <MeetingRow v={v} m={m} />
            ))}
          </ul>
        ) : (
          <p class="text-slate-700">{v.t('public.meetings.nonePast')}</p>
        )}
      </section>
    </div>
  );
}

export function MeetingsPage({ v, d }: { v: ViewContext; d: MeetingsData }) {
  const f = d.filter;
  return (
    <>
      <PublicNav v={v} current="meetings" />
      <PageHeader title={v.t('public.meetings.title')} lead={v.t('public.meetings.lead')} />
      <form
        method="get"
        action="/public/meetings"
        class="card mb-6 flex flex-wrap items-end gap-4 p-4"
        aria-label={v.t('public.meetings.filter')}
        hx-get="/public/meetings"
        hx-target="#meeting-list"
        hx-select="#meeting-list"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <div>
          <label class="label" for="committee">
            {v.t('public.meetings.committee')}
          </label>
          <select class="input" id="committee" name="committee">
            <option value="">{v.t('public.meetings.allCommittees')}</option>
            {f.committees.map((c) => (
              <option value={String(c.id)} selected={c.id === f.committeeId}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label class="label" for="year">
            {v.t('public.meetings.year')}
          </label>
          <select class="input" id="year" name="year">
            <option value="">{v.t('public.meetings.allYears')}</option>
            {f.years.map((y) => (
              <option value={String(y)} selected={y === f.year}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="btn-primary">
          {v.t('public.meetings.submit')}
        </button>
      </form>
      <MeetingList v={v} d={d} />
      <p class="mt-8">
        <a href="/public/meetings/calendar.ics" hx-boost="false" class="btn-link">
          {v.t('public.meetings.calendar')}
        </a>
      </p>
    </>
  );
}
