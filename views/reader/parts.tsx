import type { Child } from 'hono/jsx';
import { Paragraphs as MeetingParagraphs } from '../meetings/parts.tsx';
import type { ViewContext } from '../context.ts';
import { formatDateTime } from '../../src/i18n/index.ts';
import type { NoteTarget, ReaderNote } from '../../src/modules/reader/index.ts';

/**
 * Shared pieces of the politicians' reader. Touch targets are at least 44 px (min-h-11), text
 * is large, and nothing needs JavaScript; htmx only saves notes in place.
 */

export function ReaderNav({ v, current }: { v: ViewContext; current: 'meetings' | 'search' | null }) {
  const link = (href: string, label: string, here: boolean) => (
    <li>
      <a
        href={href}
        aria-current={here ? 'page' : undefined}
        class={`inline-flex min-h-11 items-center rounded-md px-4 font-semibold no-underline ${here ? 'bg-brand-700 text-white hover:text-white' : 'bg-white text-brand-800 ring-1 ring-slate-300 hover:bg-slate-100'}`}
      >
        {label}
      </a>
    </li>
  );
  return (
    <nav aria-label={v.t('reader.nav')} class="mb-4">
      <ul class="flex flex-wrap gap-2">
        {link('/reader', v.t('reader.title'), current === 'meetings')}
        {link('/reader/search', v.t('reader.search'), current === 'search')}
      </ul>
    </nav>
  );
}

/** Plain text with blank-line paragraphs (snapshot sections), as paragraphs. */
/** Plain-text sections as paragraphs (the meetings' own component, in the reader's/public pages' style). */
export const Paragraphs = ({ text }: { text: string }) => (
  <MeetingParagraphs text={text} class="mb-3 whitespace-pre-line" />
);

export function Badge({
  tone,
  children,
}: {
  tone: 'closed' | 'changed' | 'new' | 'note' | 'info' | 'warn';
  children: Child;
}) {
  const cls = {
    closed: 'bg-amber-100 text-amber-950',
    changed: 'bg-sky-100 text-sky-950',
    new: 'bg-green-100 text-green-950',
    note: 'bg-violet-100 text-violet-950',
    info: 'bg-slate-100 text-slate-800',
    warn: 'bg-red-100 text-red-900',
  }[tone];
  return <span class={`badge ${cls}`}>{children}</span>;
}

export const noteDomId = (itemId: number, target: NoteTarget) => `note-${itemId}-${target.replace(':', '-')}`;

/**
 * A private note (reader_notes): a plain form that posts and comes back (no JS), or with htmx
 * replaces itself and announces "saved" in the live region.
 */
export function NoteForm({
  v,
  action,
  itemId,
  target,
  label,
  note,
  value,
  error,
  saved,
}: {
  v: ViewContext;
  action: string;
  itemId: number;
  target: NoteTarget;
  label: string;
  note: ReaderNote | undefined;
  value?: string;
  error?: string;
  /** Set only in htmx answers: true after a save (the confirmation takes focus), false after a rejection (the field does). */
  saved?: boolean;
}) {
  const id = noteDomId(itemId, target);
  const field = `${id}-body`;
  return (
    <form method="post" action={action} id={id} class="mt-2" hx-post={action} hx-target={`#${id}`} hx-swap="outerHTML">
      <input type="hidden" name="target" value={target} />
      <label class="label" for={field}>
        {label}
      </label>
      {error && (
        <span class="field-error" id={`${field}-error`}>
          {error}
        </span>
      )}
      <textarea
        class="input min-h-24"
        id={field}
        name="body"
        rows={3}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${field}-error` : undefined}
        data-autofocus-swap={error && saved === false ? '' : undefined}
      >
        {value ?? note?.body ?? ''}
      </textarea>
      <div class="mt-2 flex flex-wrap items-center gap-3">
        <button type="submit" class="btn-secondary">
          {v.t('reader.notes.save')}
        </button>
        {note ? (
          <span
            class={`text-sm ${saved ? 'font-semibold text-green-800' : 'text-slate-600'}`}
            tabindex={saved ? -1 : undefined}
            data-autofocus-swap={saved ? '' : undefined}
          >
            {v.t('reader.notes.saved', { time: formatDateTime(note.updatedAt, v.locale) })}
          </span>
        ) : (
          saved && (
            <span class="text-sm font-semibold text-green-800" tabindex={-1} data-autofocus-swap="">
              {v.t('reader.notes.deleted')}
            </span>
          )
        )}
      </div>
    </form>
  );
}
