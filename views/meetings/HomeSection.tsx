import type { ViewContext } from '../context.ts';
import type { MeetingWithCommittee } from '../../src/modules/meetings/index.ts';
import { when } from './parts.tsx';

/** The front page's "Mine næste møder": the user's committees' coming meetings with a published agenda. */
export function MyNextMeetings({
  v,
  meetings,
  reader,
}: {
  v: ViewContext;
  meetings: MeetingWithCommittee[];
  reader: boolean;
}) {
  return (
    <section class="card" aria-labelledby="my-meetings-title">
      <h2 id="my-meetings-title" class="mb-3 text-lg font-bold">
        {v.t('meetings.home.heading')}
      </h2>
      {meetings.length === 0 ? (
        <p class="mb-3">{v.t('meetings.home.none')}</p>
      ) : (
        <ul class="mb-3 space-y-2">
          {meetings.map((m) => (
            <li>
              <a href={reader ? `/reader/meetings/${m.id}` : `/meetings/${m.id}`} class="font-semibold">
                {m.committee_name}
              </a>
              <span class="block text-sm text-slate-700">
                {when(v, m.starts_at)}
                {m.location_room ? ` · ${m.location_room}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p class="flex flex-wrap gap-x-4">
        {reader && <a href="/reader">{v.t('meetings.readerLink')}</a>}
        <a href="/meetings">{v.t('meetings.home.all')}</a>
      </p>
    </section>
  );
}
