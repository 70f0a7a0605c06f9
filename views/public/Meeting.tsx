import type { ViewContext } from '../context.ts';
import { Notice, PageHeader } from '../components/page.tsx';
import { formatDate, formatDateTime } from '../../src/i18n/index.ts';
import type { PublicMeeting, VersionChange } from '../../src/modules/public/index.ts';
import type { PublishedVersion, SnapshotItem } from '../../src/modules/publication/index.ts';
import { fileKind, formatBytes, formatWhen, Paragraphs, PublicNav } from './parts.tsx';

export interface MeetingPageData {
  meeting: PublicMeeting;
  /** Every version, newest first, with what changed from the one before (same kind). */
  history: Array<{ version: PublishedVersion; changes: VersionChange[] | null }>;
  /** Whether the PDF routes exist (they do once the agenda PDF renderer is wired in). */
  pdf: boolean;
}

function Section({ heading, text, id }: { heading: string; text: string; id: string }) {
  if (!text.trim()) return null;
  return (
    <section aria-labelledby={id} class="mt-4">
      <h4 id={id} class="mb-2 font-semibold text-slate-900">
        {heading}
      </h4>
      <Paragraphs text={text} />
    </section>
  );
}

function Item({ v, item, version }: { v: ViewContext; item: SnapshotItem; version: PublishedVersion }) {
  const hid = `punkt-${item.number}`;
  const meetingId = version.meetingId;
  if (item.closed) {
    return (
      <article aria-labelledby={`${hid}-h`} id={hid} class="card">
        <h3 id={`${hid}-h`} class="text-lg font-bold">
          {v.t('public.meeting.itemHeading', { number: item.number, title: v.t('public.meeting.closedItem') })}
        </h3>
        <p class="mt-2 text-slate-700">{v.t('public.meeting.closedItemNote')}</p>
      </article>
    );
  }
  const minutes = version.snapshot.kind === 'minutes';
  const versionQuery = `?version=${version.id}`;
  return (
    <article aria-labelledby={`${hid}-h`} id={hid} class="card">
      <h3 id={`${hid}-h`} class="text-lg font-bold">
        {v.t('public.meeting.itemHeading', { number: item.number, title: item.title })}
      </h3>
      {item.caseNumber && (
        <p class="mt-1 text-sm text-slate-700">
          {v.t('public.meeting.caseNumber')}: {item.caseNumber}
        </p>
      )}
      {item.earlier.length > 0 && (
        <section aria-labelledby={`${hid}-earlier`} class="mt-4 rounded-md bg-slate-50 p-3">
          <h4 id={`${hid}-earlier`} class="mb-2 font-semibold">
            {v.t('public.meeting.earlier')}
          </h4>
          <ul class="space-y-2">
            {item.earlier.map((e) => (
              <li>
                <p class="font-semibold">
                  {v.t('public.meeting.earlierStep', {
                    committee: e.committeeName,
                    date: formatDate(e.startsAt, v.locale),
                  })}
                </p>
                {e.decision ? (
                  <Paragraphs text={e.decision} />
                ) : (
                  <p class="text-slate-700">{v.t('public.meeting.earlierNoDecision')}</p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Section heading={v.t('public.meeting.presentation')} text={item.presentation} id={`${hid}-presentation`} />
      <Section heading={v.t('public.meeting.recommendation')} text={item.recommendation} id={`${hid}-recommendation`} />
      <Section heading={v.t('public.meeting.economy')} text={item.economy} id={`${hid}-economy`} />
      {minutes && (
        <section
          aria-labelledby={`${hid}-decision`}
          class="mt-4 rounded-md border-l-4 border-brand-600 bg-brand-50 p-3"
        >
          <h4 id={`${hid}-decision`} class="mb-2 font-semibold">
            {v.t('public.meeting.decision')}
          </h4>
          {item.decision ? <Paragraphs text={item.decision} /> : <p>{v.t('public.meeting.noDecision')}</p>}
          {item.dissents && item.dissents.length > 0 && (
            <>
              <h5 class="mt-3 mb-1 font-semibold">{v.t('public.meeting.dissents')}</h5>
              <ul class="space-y-2">
                {item.dissents.map((d) => (
                  <li>
                    <p class="font-semibold">
                      {d.name}
                      {d.party ? ` (${d.party})` : ''}
                    </p>
                    <Paragraphs text={d.text} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {item.disqualified.length > 0 && (
        <section aria-labelledby={`${hid}-disq`} class="mt-4">
          <h4 id={`${hid}-disq`} class="mb-1 font-semibold">
            {v.t('public.meeting.disqualified')}
          </h4>
          <ul class="list-disc pl-6">
            {item.disqualified.map((d) => (
              <li>{v.t('public.meeting.disqualifiedPerson', { name: d.name })}</li>
            ))}
          </ul>
        </section>
      )}
      {item.attachments.length > 0 && (
        <section aria-labelledby={`${hid}-att`} class="mt-4">
          <h4 id={`${hid}-att`} class="mb-1 font-semibold">
            {v.t('public.meeting.attachments')}
          </h4>
          <ul class="space-y-1">
            {item.attachments.map((a) => (
              <li>
                <a
                  href={`/public/meetings/${meetingId}/attachments/${a.id}${versionQuery}`}
                  hx-boost="false"
                  class="btn-link"
                >
                  {v.t('public.meeting.attachment', {
                    title: a.title,
                    type: fileKind(a.mime),
                    size: formatBytes(a.size, v.locale),
                  })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function Attendance({ v, version }: { v: ViewContext; version: PublishedVersion }) {
  const a = version.snapshot.attendance;
  if (!a) return null;
  const names = (list: Array<{ name: string; party?: string | null }>) =>
    list.length
      ? list.map((p) => (p.party ? `${p.name} (${p.party})` : p.name)).join(', ')
      : v.t('public.meeting.nobody');
  return (
    <section aria-labelledby="attendance" class="card mb-6">
      <h2 id="attendance" class="mb-2 text-xl font-bold">
        {v.t('public.meeting.attendance')}
      </h2>
      <dl class="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt class="font-semibold">{v.t('public.meeting.present')}</dt>
        <dd>{names(a.present)}</dd>
        <dt class="font-semibold">{v.t('public.meeting.absent')}</dt>
        <dd>{names(a.absent)}</dd>
        {a.substitutes.length > 0 && (
          <>
            <dt class="font-semibold">{v.t('public.meeting.substitutes')}</dt>
            <dd>
              {a.substitutes
                .map((s) => v.t('public.meeting.substituteFor', { name: s.name, for: s.for.name }))
                .join(', ')}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function changeText(v: ViewContext, c: VersionChange): string {
  const title = c.closed ? v.t('public.meeting.closedItem') : c.title;
  if (c.kind === 'renumbered')
    return v.t('public.meeting.change.renumbered', { from: c.from, number: c.number, title });
  return v.t(`public.meeting.change.${c.kind}`, { number: c.number, title });
}

function History({ v, d }: { v: ViewContext; d: MeetingPageData }) {
  const shownId = d.meeting.shown.id;
  const latestIds = new Set([d.meeting.agenda?.id, d.meeting.minutes?.id]);
  return (
    <section aria-labelledby="versions" class="mt-10">
      <h2 id="versions" class="mb-3 text-xl font-bold">
        {v.t('public.meeting.versions')}
      </h2>
      <ol class="space-y-3">
        {d.history.map(({ version, changes }) => (
          <li class="card p-4">
            <p class="font-semibold">
              {v.t('public.meeting.version', {
                kind: v.t(version.kind === 'agenda' ? 'public.meeting.agenda' : 'public.meeting.minutes'),
                number: version.number,
                date: formatDateTime(version.publishedAt, v.locale),
              })}
              {latestIds.has(version.id) && <span class="badge ml-2">{v.t('public.meeting.versionCurrent')}</span>}
            </p>
            {version.changeKind && (
              <p class="text-sm text-slate-700">{v.t(`public.meeting.changeKind.${version.changeKind}`)}</p>
            )}
            {version.changeNote && <p class="mt-1">{v.t('public.meeting.changeNote', { note: version.changeNote })}</p>}
            {changes && (
              <div class="mt-2">
                <p class="text-sm font-semibold">{v.t('public.meeting.changes')}</p>
                {changes.length ? (
                  <ul class="list-disc pl-6 text-sm">
                    {changes.map((c) => (
                      <li>{changeText(v, c)}</li>
                    ))}
                  </ul>
                ) : (
                  <p class="text-sm text-slate-700">{v.t('public.meeting.change.none')}</p>
                )}
              </div>
            )}
            <p class="mt-1 text-sm">
              {version.id === shownId ? (
                <span class="font-semibold">{v.t('public.meeting.versionShown')}</span>
              ) : (
                <a href={`/public/meetings/${version.meetingId}?version=${version.id}`} class="btn-link">
                  {v.t('public.meeting.versionShow')}
                  <span class="sr-only">
                    : {v.t(version.kind === 'agenda' ? 'public.meeting.agenda' : 'public.meeting.minutes')}{' '}
                    {version.number}
                  </span>
                </a>
              )}
            </p>
            <p class="mt-1 text-xs break-all text-slate-600">
              {v.t('public.meeting.seal')}: <code>{version.sha256}</code>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function MeetingPage({ v, d }: { v: ViewContext; d: MeetingPageData }) {
  const { meeting } = d;
  const shown = meeting.shown;
  const snap = shown.snapshot;
  const entry = meeting.entry;
  const kindLabel = v.t(snap.kind === 'agenda' ? 'public.meeting.agenda' : 'public.meeting.minutes');
  const latest = shown.id === meeting.agenda?.id || shown.id === meeting.minutes?.id;
  const statusKey = `public.meeting.status.${entry.status}` as const;
  return (
    <>
      <PublicNav v={v} current="meetings" />
      <p class="mb-2">
        <a href="/public/meetings" class="btn-link">
          <span aria-hidden="true">←&nbsp;</span>
          {v.t('public.meeting.back')}
        </a>
      </p>
      <PageHeader title={`${snap.meeting.committeeName}: ${snap.meeting.title}`} />
      {entry.status === 'cancelled' && (
        <Notice kind="warning">
          <p class="font-semibold">{v.t('public.meeting.cancelledNotice')}</p>
        </Notice>
      )}
      {!latest && (
        <Notice kind="info">
          <p>{v.t('public.meeting.olderVersion', { number: shown.number, kind: kindLabel.toLowerCase() })}</p>
          <p>
            <a href={`/public/meetings/${entry.id}`}>{v.t('public.meeting.latest')}</a>
          </p>
        </Notice>
      )}
      <dl class="card mb-6 grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt class="font-semibold">{v.t('public.meeting.committee')}</dt>
        <dd>
          <a href={`/public/committees/${snap.meeting.committeeId}`}>{snap.meeting.committeeName}</a>
        </dd>
        <dt class="font-semibold">{v.t('public.meeting.when')}</dt>
        <dd>{formatWhen(snap.meeting.startsAt, snap.meeting.endsAt, v.locale)}</dd>
        {snap.meeting.location && (
          <>
            <dt class="font-semibold">{v.t('public.meeting.where')}</dt>
            <dd>{snap.meeting.location}</dd>
          </>
        )}
        <dt class="font-semibold">{v.t('public.meeting.status')}</dt>
        <dd>{v.t(statusKey)}</dd>
      </dl>
      <div class="mb-6 flex flex-wrap items-center gap-3">
        <p class="font-semibold">
          {v.t('public.meeting.viewing', { what: `${kindLabel}${latest ? '' : ` (${shown.number})`}` })}
        </p>
        {meeting.minutes && meeting.agenda && latest && (
          <a
            class="btn-secondary"
            href={snap.kind === 'minutes' ? `/public/meetings/${entry.id}?show=agenda` : `/public/meetings/${entry.id}`}
          >
            {v.t(snap.kind === 'minutes' ? 'public.meeting.showAgenda' : 'public.meeting.showMinutes')}
          </a>
        )}
        {d.pdf && (
          <>
            <a class="btn-secondary" hx-boost="false" href={`/public/meetings/${entry.id}/pdf?version=${shown.id}`}>
              {v.t('public.meeting.pdf')}
            </a>
            <a
              class="btn-secondary"
              hx-boost="false"
              href={`/public/meetings/${entry.id}/pdf?version=${shown.id}&merged=1`}
            >
              {v.t('public.meeting.pdfMerged')}
            </a>
          </>
        )}
      </div>
      {snap.kind === 'minutes' && <Attendance v={v} version={shown} />}
      {snap.items.length > 0 ? (
        <>
          <nav aria-labelledby="toc" class="card mb-6">
            <h2 id="toc" class="mb-2 text-xl font-bold">
              {v.t('public.meeting.toc')}
            </h2>
            <ol class="space-y-1">
              {snap.items.map((i) => (
                <li>
                  <a href={`#punkt-${i.number}`} class="inline-flex min-h-11 items-center sm:min-h-0">
                    {v.t('public.meeting.itemHeading', {
                      number: i.number,
                      title: i.closed ? v.t('public.meeting.closedItem') : i.title,
                    })}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
          <h2 class="sr-only">{kindLabel}</h2>
          <div class="space-y-4">
            {snap.items.map((item) => (
              <Item v={v} item={item} version={shown} />
            ))}
          </div>
        </>
      ) : (
        <p>{v.t('public.meeting.noItems')}</p>
      )}
      <History v={v} d={d} />
    </>
  );
}
