import type { ViewContext } from '../context.ts';
import type { MeetingWithCommittee } from '../../src/modules/meetings/index.ts';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { MeetingsNav, StatusBadge, when } from './parts.tsx';

export interface MeetingsIndexData {
  upcoming: MeetingWithCommittee[];
  recent: MeetingWithCommittee[];
  committees: Array<{ id: number; name: string }>;
  committeeId: number | null;
  manage: boolean;
  reader: boolean;
}

function MeetingTable({ v, rows, caption }: { v: ViewContext; rows: MeetingWithCommittee[]; caption: string }) {
  return (
    <ScrollTable label={caption}>
      <table class="w-full text-left text-sm sm:text-base">
        <caption class="sr-only">{caption}</caption>
        <thead class="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" class="px-3 py-2">
              {v.t('meetings.table.when')}
            </th>
            <th scope="col" class="px-3 py-2">
              {v.t('meetings.table.committee')}
            </th>
            <th scope="col" class="px-3 py-2">
              {v.t('meetings.table.place')}
            </th>
            <th scope="col" class="px-3 py-2">
              {v.t('meetings.table.status')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr class="border-t border-slate-200">
              <td class="whitespace-nowrap px-3 py-2">
                <a href={`/meetings/${m.id}`}>{when(v, m.starts_at)}</a>
              </td>
              <td class="px-3 py-2">
                {m.committee_name}
                <span class="block text-sm text-slate-600">{m.title}</span>
              </td>
              <td class="px-3 py-2">{[m.location_description, m.location_room].filter(Boolean).join(', ')}</td>
              <td class="px-3 py-2">
                <StatusBadge v={v} status={m.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function MeetingsIndexPage({ v, d }: { v: ViewContext; d: MeetingsIndexData }) {
  return (
    <>
      <MeetingsNav v={v} current="meetings" />
      <PageHeader
        title={v.t('meetings.title')}
        lead={v.t('meetings.lead')}
        actions={
          d.manage ? (
            <a class="btn-primary" href="/meetings/new">
              {v.t('meetings.new')}
            </a>
          ) : undefined
        }
      />
      {d.reader && (
        <p class="card mb-6 flex flex-wrap items-center gap-x-4 gap-y-1">
          <a href="/reader" class="text-lg font-semibold">
            {v.t('meetings.readerLink')}
          </a>
          <span class="text-slate-700">{v.t('meetings.readerLink.hint')}</span>
        </p>
      )}
      <form method="get" action="/meetings" class="mb-6 flex flex-wrap items-end gap-3">
        <div>
          <label class="label" for="committee">
            {v.t('meetings.filter.committee')}
          </label>
          <select class="input" id="committee" name="committee">
            <option value="">{v.t('meetings.filter.all')}</option>
            {d.committees.map((c) => (
              <option value={String(c.id)} selected={c.id === d.committeeId}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button class="btn-secondary" type="submit">
          {v.t('meetings.filter.submit')}
        </button>
      </form>
      <section aria-labelledby="upcoming-title" class="mb-8">
        <h2 id="upcoming-title" class="mb-3 text-xl font-semibold">
          {v.t('meetings.upcoming')}
        </h2>
        {d.upcoming.length ? (
          <MeetingTable v={v} rows={d.upcoming} caption={v.t('meetings.upcoming')} />
        ) : (
          <p>{v.t('meetings.none.upcoming')}</p>
        )}
      </section>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title" class="mb-3 text-xl font-semibold">
          {v.t('meetings.recent')}
        </h2>
        {d.recent.length ? (
          <MeetingTable v={v} rows={d.recent} caption={v.t('meetings.recent')} />
        ) : (
          <p>{v.t('meetings.none.recent')}</p>
        )}
      </section>
    </>
  );
}
