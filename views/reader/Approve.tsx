import type { ViewContext } from '../context.ts';
import { formatDateTime, formatLongDate } from '../../src/i18n/index.ts';
import type { ReaderMeeting } from '../../src/modules/reader/index.ts';
import { Notice } from '../components/page.tsx';
import { MeetingHeader } from './Meeting.tsx';

/** One click to approve the minutes (Styrelsesloven §13), with the minutes' decisions to read first. */
export function ApproveScreen({ v, m, error }: { v: ViewContext; m: ReaderMeeting; error?: string }) {
  const s = m.snapshot.meeting;
  const a = m.approval;
  return (
    <>
      <MeetingHeader
        v={v}
        m={m}
        title={v.t('reader.approve.title', { committee: s.committeeName, date: formatLongDate(s.startsAt, v.locale) })}
      />
      {error && (
        <div
          class="mb-6 rounded-md border-2 border-red-700 bg-white p-4"
          role="alert"
          tabindex={-1}
          data-autofocus
          id="error-summary"
        >
          <p class="font-semibold text-red-800">{error}</p>
        </div>
      )}
      {a?.mine === 'given' && (
        <Notice kind="success">
          <p>{v.t('reader.approve.already', { time: formatDateTime(a.givenAt!, v.locale) })}</p>
        </Notice>
      )}
      {m.meeting.minutes_published_at && (
        <Notice kind="info">
          <p>{v.t('reader.approve.published')}</p>
        </Notice>
      )}
      <p class="mb-4 max-w-3xl text-lg">{v.t('reader.approve.lead')}</p>
      <ol class="mb-6 space-y-3">
        {m.snapshot.items.map((item) => (
          <li class="card">
            <h2 class="text-lg font-bold">
              {item.number}. {item.title || v.t('reader.item.closed')}
            </h2>
            {item.decision && (
              <p class="mt-1">
                <strong>{v.t('reader.section.decision')}:</strong> {item.decision}
              </p>
            )}
            {(item.dissents ?? []).map((d) => (
              <p class="mt-1 text-slate-800">
                <strong>{d.name}:</strong> {d.text}
              </p>
            ))}
          </li>
        ))}
      </ol>
      {a?.mine === 'needed' && (
        <form method="post" action={`/reader/meetings/${m.meeting.id}/approval`} class="card border-brand-600">
          <p class="mb-3 text-sm text-slate-700">
            {v.t('minutes.version', { number: m.version.number })} · {v.t('reader.seal')}:{' '}
            <code class="break-all">{m.version.sha256}</code>
          </p>
          <button type="submit" class="btn-primary min-h-14 px-6 text-lg" id="approve">
            {v.t('reader.approve.submit', { number: m.version.number })}
          </button>
        </form>
      )}
      <p class="mt-4">
        <a href={`/reader/meetings/${m.meeting.id}?view=minutes`} class="inline-flex min-h-11 items-center">
          {v.t('reader.item.back')}
        </a>
      </p>
    </>
  );
}

/**
 * The page that saves a meeting for offline reading. It is always loaded in full (links to it
 * are not boosted) so that /reader/reader.js runs; the script registers the service worker and
 * stores `urls` in the reader's cache, reporting in the live status line. Without scripts it
 * says that the browser cannot do it.
 */
export function OfflineScreen({ v, m, urls }: { v: ViewContext; m: ReaderMeeting; urls: string[] }) {
  return (
    <>
      <MeetingHeader v={v} m={m} title={v.t('reader.offline.save')} />
      <div class="card max-w-2xl">
        <p
          id="offline-status"
          role="status"
          class="mb-4 text-lg font-semibold"
          data-meeting={String(m.meeting.id)}
          data-urls={JSON.stringify(urls)}
          data-msg-saving={v.t('reader.offline.saving')}
          data-msg-saved={v.t('reader.offline.saved')}
          data-msg-failed={v.t('reader.offline.failed')}
          data-msg-removed={v.t('reader.offline.removed')}
          data-msg-unsupported={v.t('reader.offline.unsupported')}
        >
          {v.t('reader.offline.unsupported')}
        </p>
        <p class="mb-4 text-slate-700">{v.t('reader.offline.hint')}</p>
        <div class="flex flex-wrap gap-2">
          <a href={`/reader/meetings/${m.meeting.id}`} class="btn-primary">
            {v.t('reader.item.back')}
          </a>
          <button type="button" class="btn-secondary" id="offline-remove" hidden>
            {v.t('reader.offline.remove')}
          </button>
        </div>
      </div>
      <script nonce={v.nonce} src="/reader/reader.js" defer></script>
    </>
  );
}
