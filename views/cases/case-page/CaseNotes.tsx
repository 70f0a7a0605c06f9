import type { ViewContext } from '../../context.ts';
import type { CasePageData } from '../../../src/modules/cases/case-page.ts';
import { formatDateTime } from '../../../src/i18n/index.ts';
import { TextArea } from '../../components/form.tsx';
import { Section } from './Section.tsx';

/** The case's notes, newest first, and the form to add one. */
export function CaseNotes({ v, d }: { v: ViewContext; d: CasePageData }) {
  const c = d.row;
  return (
    <Section id="notes" title={v.t('notes.title')}>
      {d.allowed.edit && (
        <form method="post" action={`/cases/${c.id}/notes`} class="mb-4">
          <TextArea
            id="note-body"
            name="body"
            label={v.t('notes.add')}
            hint={v.t('notes.body.hint')}
            value={d.forms.note?.body}
            error={d.forms.note?.error}
            rows={3}
          />
          <button type="submit" class="btn-primary">
            {v.t('notes.submit')}
          </button>
        </form>
      )}
      {d.notes.length === 0 ? (
        <p class="text-slate-700">{v.t('notes.none')}</p>
      ) : (
        <ol class="space-y-3">
          {d.notes.map((n) => (
            <li class="rounded-md border-l-4 border-brand-300 bg-slate-50 px-4 py-2">
              <p class="whitespace-pre-line">{n.body}</p>
              <p class="mt-1 text-xs text-slate-600">
                {v.t('notes.by', { name: n.author_name, time: formatDateTime(n.created_at, v.locale) })}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
