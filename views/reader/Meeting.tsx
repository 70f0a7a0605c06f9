import type { ViewContext } from '../context.ts';
import { formatDateTime, formatLongDate } from '../../src/i18n/index.ts';
import type { ItemChange, ReaderMeeting } from '../../src/modules/reader/index.ts';
import { Notice, PageHeader } from '../components/page.tsx';
import { Badge } from './parts.tsx';

const sectionKey = {
  title: 'reader.changes.changed',
  presentation: 'reader.section.presentation',
  recommendation: 'reader.section.recommendation',
  economy: 'reader.section.economy',
  decision: 'reader.section.decision',
  attachments: 'reader.section.attachments',
  closed: 'reader.item.closed',
  dissents: 'reader.section.dissents',
} as const;

export function changeSections(v: ViewContext, c: ItemChange): string {
  return c.sections.map((s) => v.t(sectionKey[s]).toLowerCase()).join(', ');
}

/** The meeting's heading block, shared by the meeting, approval and offline pages. */
export function MeetingHeader({ v, m, title }: { v: ViewContext; m: ReaderMeeting; title?: string }) {
  const s = m.snapshot.meeting;
  return (
    <>
      <nav aria-label={v.t('reader.nav')} class="mb-2 text-sm">
        <a href="/reader" class="inline-flex min-h-11 items-center">
          <span aria-hidden="true">‹&nbsp;</span>
          {v.t('reader.title')}
        </a>
      </nav>
      <p class="text-sm font-semibold text-brand-800">{s.committeeName}</p>
      <PageHeader
        title={title ?? `${s.title}, ${formatLongDate(s.startsAt, v.locale)}`}
        lead={
          <>
            <time datetime={s.startsAt}>{formatDateTime(s.startsAt, v.locale)}</time>
            {s.location ? ` · ${s.location}` : ''}
          </>
        }
      />
    </>
  );
}

export function ReaderMeetingScreen({ v, m, noted }: { v: ViewContext; m: ReaderMeeting; noted: Set<number> }) {
  const base = `/reader/meetings/${m.meeting.id}`;
  const q = m.kind === 'minutes' ? '?view=minutes' : '?view=agenda';
  const changed = new Map(m.changes.map((c) => [c.itemId, c]));
  const att = m.snapshot.attendance;
  return (
    <>
      <MeetingHeader v={v} m={m} />
      {m.meeting.status === 'cancelled' && (
        <Notice kind="warning">
          <p>{v.t('reader.cancelled')}</p>
        </Notice>
      )}
      {m.kinds.length > 1 && (
        <nav aria-label={v.t('reader.agenda') + ' / ' + v.t('reader.minutes')} class="mb-4">
          <ul class="flex flex-wrap gap-2">
            {m.kinds.map((k) => (
              <li>
                <a
                  href={`${base}?view=${k}`}
                  aria-current={m.kind === k ? 'page' : undefined}
                  class={`inline-flex min-h-11 items-center rounded-md px-4 font-semibold no-underline ${m.kind === k ? 'bg-slate-800 text-white hover:text-white' : 'bg-white text-slate-900 ring-1 ring-slate-300 hover:bg-slate-100'}`}
                >
                  {k === 'agenda'
                    ? v.t('reader.agenda')
                    : m.meeting.minutes_published_at
                      ? v.t('reader.minutes')
                      : v.t('reader.minutesDraft')}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {m.approval?.mine === 'needed' && (
        <Notice kind="warning">
          <p class="mb-2 font-semibold">{v.t('reader.approve.needed')}</p>
          <a href={`${base}/approval`} class="btn-primary">
            {v.t('reader.approve.go')}
          </a>
        </Notice>
      )}
      <section aria-labelledby="version-title" class="card mb-4">
        <h2 id="version-title" class="text-lg font-bold">
          {m.kind === 'minutes'
            ? m.meeting.minutes_published_at
              ? v.t('reader.minutes')
              : v.t('reader.minutesDraft')
            : v.t('reader.agenda')}
        </h2>
        <p class="text-slate-700">
          {v.t('reader.version', { number: m.version.number, time: formatDateTime(m.version.publishedAt, v.locale) })}
        </p>
        {m.version.changeNote && (
          <p class="mt-2">
            <strong>{v.t('reader.changes.note')}:</strong> {m.version.changeNote}
          </p>
        )}
        {m.previous && (
          <div class="mt-3" id="changes">
            <h3 class="font-semibold">{v.t('reader.changes', { number: m.previous.number })}</h3>
            {m.changes.length === 0 ? (
              <p class="text-slate-700">{v.t('reader.changes.none')}</p>
            ) : (
              <ul class="mt-1 list-disc space-y-1 pl-6">
                {m.changes.map((c) =>
                  c.kind === 'removed' ? (
                    <li>
                      {v.t('reader.changes.removed', { number: c.number, title: c.title || v.t('reader.item.closed') })}
                    </li>
                  ) : (
                    <li>
                      <a href={`${base}/items/${c.itemId}${q}`}>
                        {c.number}. {c.title || v.t('reader.item.closed')}
                      </a>
                      :{' '}
                      {c.kind === 'added'
                        ? v.t('reader.changes.added')
                        : v.t('reader.changes.sections', { sections: changeSections(v, c) })}
                    </li>
                  ),
                )}
              </ul>
            )}
          </div>
        )}
        {m.seals && (
          <p class={`mt-3 text-sm ${m.seals.ok ? 'text-green-800' : 'font-semibold text-red-800'}`}>
            {m.seals.ok ? v.t('reader.seal.ok') : v.t('reader.seal.broken')}{' '}
            <span class="text-slate-700">
              {v.t('reader.seal')}: <code class="break-all">{m.version.sha256.slice(0, 16)}…</code>
            </span>
          </p>
        )}
        <p class="mt-3 flex flex-wrap gap-2">
          <a href={`${base}/offline`} hx-boost="false" class="btn-secondary" data-offline-link>
            {v.t('reader.offline.save')}
          </a>
          <a
            href={`/meetings/${m.meeting.id}/${m.kind}.pdf?version=${m.version.number}`}
            hx-boost="false"
            class="btn-secondary"
          >
            {v.t('reader.pdf')}
          </a>
          <a
            href={`/meetings/${m.meeting.id}/${m.kind}.pdf?version=${m.version.number}&attachments=1`}
            hx-boost="false"
            class="btn-secondary"
          >
            {v.t('reader.pdf.merged')}
          </a>
        </p>
      </section>

      {att && (
        <section aria-labelledby="attendance-title" class="card mb-4">
          <h2 id="attendance-title" class="mb-2 text-lg font-bold">
            {v.t('reader.attendance')}
          </h2>
          <dl class="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt class="font-semibold">{v.t('reader.attendance.present')}</dt>
            <dd>{att.present.map((p) => p.name).join(', ') || '–'}</dd>
            <dt class="font-semibold">{v.t('reader.attendance.absent')}</dt>
            <dd>{att.absent.map((p) => p.name).join(', ') || '–'}</dd>
            {att.substitutes.length > 0 && (
              <>
                <dt class="font-semibold">{v.t('reader.attendance.substitutes')}</dt>
                <dd>
                  {att.substitutes
                    .map((p) => v.t('reader.attendance.for', { name: p.name, for: p.for.name }))
                    .join(', ')}
                </dd>
              </>
            )}
          </dl>
        </section>
      )}

      <h2 class="mb-3 text-xl font-bold" id="items-title">
        {v.t('minutes.items')}
      </h2>
      <ol class="space-y-3" aria-labelledby="items-title">
        {m.snapshot.items.map((item) => {
          const c = changed.get(item.id);
          const hidden = item.closed && !item.title;
          return (
            <li>
              <a
                href={`${base}/items/${item.id}${q}`}
                class="card block min-h-11 text-slate-900 no-underline hover:border-brand-600 hover:bg-brand-50"
              >
                <span class="block text-lg font-bold text-brand-800 underline decoration-1 underline-offset-2">
                  {item.number}. {hidden ? v.t('reader.item.closed') : item.title}
                </span>
                <span class="mt-1 flex flex-wrap gap-2">
                  {item.closed && <Badge tone="closed">{v.t('reader.item.closed')}</Badge>}
                  {c?.kind === 'added' && <Badge tone="new">{v.t('reader.changes.added')}</Badge>}
                  {c?.kind === 'changed' && (
                    <Badge tone="changed">{v.t('reader.changed', { number: m.version.number })}</Badge>
                  )}
                  {noted.has(item.id) && <Badge tone="note">{v.t('reader.notes.has')}</Badge>}
                  {item.attachments.length > 0 && (
                    <Badge tone="info">
                      {item.attachments.length} {v.t('reader.section.attachments').toLowerCase()}
                    </Badge>
                  )}
                </span>
                {m.kind === 'minutes' && item.decision && (
                  <span class="mt-2 block text-slate-800">
                    <span class="font-semibold">{v.t('reader.section.decision')}:</span>{' '}
                    {item.decision.length > 240 ? `${item.decision.slice(0, 240)}…` : item.decision}
                  </span>
                )}
              </a>
            </li>
          );
        })}
      </ol>
    </>
  );
}
