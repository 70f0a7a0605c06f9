import type { ViewContext } from '../context.ts';
import type { SnapshotDiff } from '../../src/modules/meetings/index.ts';
import type { PublishedSnapshot, PublishedVersion, SnapshotItem } from '../../src/modules/publication/index.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { formatDate } from '../../src/i18n/index.ts';
import { Paragraphs, when } from './parts.tsx';

/**
 * A published agenda as one viewer may see it. The snapshot given here must already have been
 * through `redactSnapshot` (src/modules/publication/redaction.ts): this view prints what it gets.
 */

const fieldKey = (f: string) => `meetings.changes.field.${f}` as MessageKey;

export function ChangesBox({
  v,
  version,
  diff,
}: {
  v: ViewContext;
  version: PublishedVersion;
  diff: SnapshotDiff | null;
}) {
  if (version.number === 1 || !diff) return null;
  const title = (i: SnapshotItem) => (i.closed && !i.title ? v.t('meetings.changes.closedTitle') : i.title);
  const lines: string[] = [
    ...diff.added.map((i) => v.t('meetings.changes.added', { number: i.number, title: title(i) })),
    ...diff.changed.map((c) =>
      v.t('meetings.changes.changed', {
        number: c.item.number,
        title: title(c.item),
        fields: c.fields.map((f) => v.t(fieldKey(f))).join(', '),
      }),
    ),
    ...diff.removed.map((i) => v.t('meetings.changes.removed', { title: title(i) })),
  ];
  if (diff.meetingChanged.length)
    lines.push(
      v.t('meetings.changes.meeting', {
        fields: diff.meetingChanged.map((f) => v.t(fieldKey(f === 'title' ? 'title' : f))).join(', '),
      }),
    );
  return (
    <section
      class="mb-6 rounded-md border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-amber-950"
      aria-labelledby="changes-title"
    >
      <h2 id="changes-title" class="text-lg font-semibold">
        {v.t('meetings.changes.heading', { version: version.number })} ·{' '}
        {version.changeKind === 'addendum' ? v.t('meetings.agenda.addendum') : v.t('meetings.agenda.newVersion')}
      </h2>
      {version.changeNote && (
        <p class="mt-1 whitespace-pre-line">{v.t('meetings.changes.note', { note: version.changeNote })}</p>
      )}
      {lines.length ? (
        <ul class="mt-2 list-disc pl-5">
          {lines.map((l) => (
            <li>{l}</li>
          ))}
        </ul>
      ) : (
        <p class="mt-2">{v.t('meetings.changes.none')}</p>
      )}
    </section>
  );
}

function ItemBody({
  v,
  item,
  attachmentHref,
}: {
  v: ViewContext;
  item: SnapshotItem;
  attachmentHref?: (itemId: number, documentId: number) => string | null;
}) {
  if (item.closed && !item.title) {
    return <p class="text-slate-700">{v.t('meetings.agenda.closedItemHidden')}</p>;
  }
  const sections: Array<[MessageKey, string]> = [
    ['meetings.agenda.presentation', item.presentation],
    ['meetings.agenda.recommendation', item.recommendation],
    ['meetings.agenda.economy', item.economy],
  ];
  return (
    <>
      {item.closed && item.closedReason && (
        <p class="mb-3 font-semibold text-red-900">
          {v.t('meetings.agenda.closedReason', { reason: item.closedReason })}
        </p>
      )}
      {item.caseNumber && (
        <p class="mb-3 text-sm text-slate-700">
          {v.t('meetings.agenda.case')}:{' '}
          {item.caseId && v.can('cases.view') ? (
            <a href={`/cases/${item.caseId}`}>{item.caseNumber}</a>
          ) : (
            item.caseNumber
          )}
        </p>
      )}
      {item.earlier.length > 0 && (
        <div class="mb-4">
          <h4 class="font-semibold">{v.t('meetings.agenda.earlier')}</h4>
          <ul class="mt-1 space-y-2">
            {item.earlier.map((e) => (
              <li class="rounded border border-slate-200 bg-slate-50 px-3 py-2">
                <a href={`/meetings/${e.meetingId}`} class="font-medium">
                  {v.t('meetings.agenda.earlierStep', {
                    committee: e.committeeName,
                    date: formatDate(e.startsAt, v.locale),
                  })}
                </a>
                <p class="text-slate-800">{e.decision ?? v.t('meetings.agenda.earlierNoDecision')}</p>
              </li>
            ))}
          </ul>
        </div>
      )}
      {sections
        .filter(([, text]) => text.trim())
        .map(([label, text]) => (
          <div class="mb-3">
            <h4 class="font-semibold">{v.t(label)}</h4>
            <Paragraphs text={text} />
          </div>
        ))}
      {item.decision && (
        <div class="mb-3">
          <h4 class="font-semibold">{v.t('meetings.agenda.decision')}</h4>
          <Paragraphs text={item.decision} />
        </div>
      )}
      {item.disqualified.length > 0 && (
        <div class="mb-3">
          <h4 class="font-semibold">{v.t('meetings.agenda.disqualified')}</h4>
          <ul class="list-disc pl-5">
            {item.disqualified.map((d) => (
              <li>
                {d.keptOut
                  ? v.t('meetings.agenda.keptOut', { name: d.name })
                  : v.t('meetings.agenda.notKeptOut', { name: d.name })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {item.attachments.length > 0 && (
        <div class="mb-3">
          <h4 class="font-semibold">{v.t('meetings.agenda.attachments')}</h4>
          <ol class="list-decimal pl-5">
            {item.attachments.map((a) => {
              const href = attachmentHref?.(item.id, a.documentId) ?? null;
              return (
                <li>
                  {href ? <a href={href}>{a.title}</a> : a.title}
                  {a.closed && <span class="ml-2 badge">{v.t('meetings.agenda.closedAttachment')}</span>}
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </>
  );
}

export function AgendaView({
  v,
  snapshot,
  attachmentHref,
}: {
  v: ViewContext;
  snapshot: PublishedSnapshot;
  /** A link for an attachment, when the viewer may open the case document. */
  attachmentHref?: (itemId: number, documentId: number) => string | null;
}) {
  const m = snapshot.meeting;
  return (
    <div>
      <p class="mb-4 text-slate-800">
        {when(v, m.startsAt)}
        {m.location ? ` · ${m.location}` : ''}
      </p>
      <nav aria-labelledby="agenda-contents" class="card mb-6">
        <h2 id="agenda-contents" class="mb-2 text-lg font-semibold">
          {v.t('meetings.agenda.contents')}
        </h2>
        <ol class="space-y-1">
          {snapshot.items.map((i) => (
            <li>
              <a href={`#item-${i.id}`}>
                {i.number}. {i.closed && !i.title ? v.t('meetings.agenda.closedItem') : i.title}
              </a>
              {i.closed && i.title && <span class="ml-2 badge">{v.t('meetings.agenda.closedItem')}</span>}
            </li>
          ))}
        </ol>
      </nav>
      <h2 class="sr-only">{v.t('meetings.agenda.items')}</h2>
      {snapshot.items.map((item) => (
        <article id={`item-${item.id}`} class="card mb-4" aria-labelledby={`item-${item.id}-title`}>
          <h3 id={`item-${item.id}-title`} class="mb-2 text-lg font-semibold">
            {item.number}. {item.closed && !item.title ? v.t('meetings.agenda.closedItem') : item.title}
            {item.closed && item.title && (
              <span class="ml-2 align-middle badge">{v.t('meetings.agenda.closedItem')}</span>
            )}
          </h3>
          <ItemBody v={v} item={item} attachmentHref={attachmentHref} />
        </article>
      ))}
    </div>
  );
}
