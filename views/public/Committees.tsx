import type { ViewContext } from '../context.ts';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { formatDate } from '../../src/i18n/index.ts';
import type { PublicCommittee, PublicMeetingEntry, PublicMember } from '../../src/modules/public/index.ts';
import { MeetingRow } from './Meetings.tsx';
import { Paragraphs, PublicNav } from './parts.tsx';

export function CommitteesPage({ v, committees }: { v: ViewContext; committees: PublicCommittee[] }) {
  return (
    <>
      <PublicNav v={v} current="committees" />
      <PageHeader title={v.t('public.committees.title')} lead={v.t('public.committees.lead')} />
      {committees.length ? (
        <ul class="grid gap-3 md:grid-cols-2">
          {committees.map((c) => (
            <li class="card p-4">
              <h2 class="text-lg font-semibold">
                <a href={`/public/committees/${c.id}`}>{c.name}</a>
              </h2>
              <p class="text-sm text-slate-700">{v.t(`public.committee.kind.${c.kind}`)}</p>
              <p class="text-sm text-slate-700">{v.t('public.committees.members', { count: c.memberCount })}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{v.t('public.committees.none')}</p>
      )}
    </>
  );
}

export interface CommitteePageData {
  committee: PublicCommittee;
  members: PublicMember[];
  upcoming: PublicMeetingEntry[];
  past: PublicMeetingEntry[];
}

export function CommitteePage({ v, d }: { v: ViewContext; d: CommitteePageData }) {
  const c = d.committee;
  const term = c.termStart
    ? c.termEnd
      ? v.t('public.committee.term', { from: formatDate(c.termStart, v.locale), to: formatDate(c.termEnd, v.locale) })
      : v.t('public.committee.termOpen', { from: formatDate(c.termStart, v.locale) })
    : null;
  return (
    <>
      <PublicNav v={v} current="committees" />
      <PageHeader title={c.name} lead={[v.t(`public.committee.kind.${c.kind}`), term].filter(Boolean).join(' · ')} />
      <section aria-labelledby="mandate" class="card mb-6">
        <h2 id="mandate" class="mb-2 text-xl font-bold">
          {v.t('public.committee.mandate')}
        </h2>
        {c.mandate ? (
          <Paragraphs text={c.mandate} />
        ) : (
          <p class="text-slate-700">{v.t('public.committee.noMandate')}</p>
        )}
      </section>
      <section aria-labelledby="members" class="mb-6">
        <h2 id="members" class="mb-2 text-xl font-bold">
          {v.t('public.committee.members')}
        </h2>
        {d.members.length ? (
          <ScrollTable label={v.t('public.committee.members')}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{v.t('public.committee.name')}</th>
                  <th scope="col">{v.t('public.committee.party')}</th>
                  <th scope="col">{v.t('public.committee.role')}</th>
                  <th scope="col">{v.t('public.committee.since')}</th>
                </tr>
              </thead>
              <tbody>
                {d.members.map((m) => (
                  <tr>
                    <td class="font-semibold">{m.name}</td>
                    <td>{m.party ?? ''}</td>
                    <td>{v.t(`public.committee.role.${m.role}`)}</td>
                    <td>{formatDate(m.startsOn, v.locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        ) : (
          <p>{v.t('public.committee.noMembers')}</p>
        )}
      </section>
      <section aria-labelledby="committee-meetings">
        <h2 id="committee-meetings" class="mb-3 text-xl font-bold">
          {v.t('public.committee.meetings')}
        </h2>
        <h3 class="mb-2 text-lg font-semibold">{v.t('public.meetings.upcoming')}</h3>
        {d.upcoming.length ? (
          <ul class="mb-6 grid gap-3 md:grid-cols-2">
            {d.upcoming.map((m) => (
              <MeetingRow v={v} m={m} level={4} />
            ))}
          </ul>
        ) : (
          <p class="mb-6 text-slate-700">{v.t('public.meetings.noneUpcoming')}</p>
        )}
        <h3 class="mb-2 text-lg font-semibold">{v.t('public.meetings.past')}</h3>
        {d.past.length ? (
          <ul class="mb-4 grid gap-3 md:grid-cols-2">
            {d.past.map((m) => (
              <MeetingRow v={v} m={m} level={4} />
            ))}
          </ul>
        ) : (
          <p class="mb-4 text-slate-700">{v.t('public.meetings.nonePast')}</p>
        )}
        <p class="flex flex-col gap-1">
          <a href={`/public/meetings?committee=${c.id}`} class="btn-link">
            {v.t('public.committee.allMeetings')}
          </a>
          <a href={`/public/committees/${c.id}/calendar.ics`} hx-boost="false" class="btn-link">
            {v.t('public.committee.calendar')}
          </a>
        </p>
      </section>
    </>
  );
}
