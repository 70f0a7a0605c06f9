import type { Child } from 'hono/jsx';
import type { ViewContext } from '../context.ts';
import type { RosterPerson } from '../../src/modules/meetings/index.ts';
import { PersonSelect } from './parts.tsx';

/**
 * A list of entries about persons on one agenda item (conflicts of interest, minority
 * statements), each removable, and a folded form to add one: a person and the entry's own
 * fields. Its forms swap only the item's card with htmx (`inPlace`).
 */
export interface PersonEntriesProps<E> {
  v: ViewContext;
  title: string;
  none: string;
  entries: E[];
  listClass: string;
  itemClass?: string;
  /** What an entry shows. */
  content: (entry: E) => Child;
  /** Where and how an entry is removed; absent when the record is not editable. */
  remove?: (entry: E) => { action: string; label: string };
  /** htmx attributes that swap the item's card. */
  inPlace: Record<string, string>;
  /** The form to add an entry; absent when nothing can be added. */
  add?: {
    label: string;
    hint?: string;
    action: string;
    open: boolean;
    person: { id: string; label: string; people: RosterPerson[]; value?: string; error?: string };
    fields: Child;
  };
}

export function PersonEntries<E>({
  v,
  title,
  none,
  entries,
  listClass,
  itemClass,
  content,
  remove,
  inPlace,
  add,
}: PersonEntriesProps<E>) {
  return (
    <div>
      <h4 class="mb-1 font-semibold">{title}</h4>
      {entries.length === 0 ? (
        <p class="mb-2 text-sm text-slate-700">{none}</p>
      ) : (
        <ul class={listClass}>
          {entries.map((entry) => {
            const removal = remove?.(entry);
            return (
              <li class={itemClass}>
                {content(entry)}
                {removal && (
                  <form method="post" action={removal.action} hx-post={removal.action} {...inPlace}>
                    <button type="submit" class="btn-link text-sm">
                      {removal.label}
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {add && (
        <details class="mb-2" open={add.open}>
          <summary class="btn-link cursor-pointer">{add.label}</summary>
          {add.hint && <p class="hint mt-2">{add.hint}</p>}
          <form method="post" action={add.action} hx-post={add.action} {...inPlace} class="mt-2">
            <PersonSelect v={v} {...add.person} />
            {add.fields}
            <button type="submit" class="btn-secondary">
              {add.label}
            </button>
          </form>
        </details>
      )}
    </div>
  );
}
