import type { ViewContext } from '../context.ts';
import type { PageInput } from '../../src/modules/pages/service.ts';
import { ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader } from '../components/page.tsx';
import { Breadcrumbs } from './parts.tsx';

export interface PageFormData {
  mode: 'new' | 'edit';
  input: PageInput;
  errors: FieldErrors;
  /** Where the page may be placed: the live tree in reading order (minus the page and its sub-pages). */
  parents: Array<{ id: number; title: string; depth: number }>;
  trail: Array<{ id: number; title: string }>;
  page?: { id: number; title: string; archived: boolean };
  /** After an overlapping edit: the revisions to compare (the one the editor began from, the current one). */
  conflict?: { from: number; to: number };
  /** Error of the archive/restore form. */
  archiveError?: string;
}

export function PageFormScreen({ v, d }: { v: ViewContext; d: PageFormData }) {
  const { input, errors } = d;
  const parentTitle = d.parents.find((p) => String(p.id) === input.parentId)?.title;
  const title =
    d.mode === 'edit'
      ? v.t('pages.editTitle', { title: d.page!.title })
      : parentTitle
        ? v.t('pages.newUnder', { title: parentTitle })
        : v.t('pages.new');
  const allErrors: FieldErrors = { ...errors, ...(d.archiveError ? { 'archive-submit': d.archiveError } : {}) };
  const action = d.mode === 'new' ? '/pages' : `/pages/${d.page!.id}`;
  return (
    <>
      <Breadcrumbs v={v} trail={d.mode === 'edit' ? [...d.trail, { id: d.page!.id, title: d.page!.title }] : d.trail} />
      <PageHeader title={title} />
      <ErrorSummary t={v.t} errors={allErrors} />
      {d.conflict && (
        <Notice kind="warning">
          <p>
            <a href={`/pages/${d.page!.id}/diff?from=${d.conflict.from}&to=${d.conflict.to}`}>
              {v.t('pages.error.conflictLink')}
            </a>
          </p>
        </Notice>
      )}
      <form method="post" action={action} class="card mb-6 max-w-4xl" novalidate>
        {d.mode === 'edit' && <input type="hidden" name="baseRevision" value={input.baseRevision} />}
        <TextField id="title" label={v.t('pages.field.title')} value={input.title} error={errors.title} required />
        <TextArea
          id="body"
          label={v.t('pages.field.body')}
          hint={v.t('pages.field.body.hint')}
          value={input.body}
          error={errors.body}
          rows={18}
        />
        <div class="grid gap-x-4 sm:grid-cols-2">
          <SelectField
            id="parentId"
            label={v.t('pages.field.parent')}
            hint={v.t('pages.field.parent.hint')}
            value={input.parentId}
            error={errors.parentId}
            options={[
              { value: '', label: v.t('pages.field.parent.top') },
              ...d.parents.map((p) => ({
                value: String(p.id),
                label: `${'\u00a0\u00a0\u00a0'.repeat(p.depth)}${p.title}`,
              })),
            ]}
          />
          <TextField
            id="ownerUsername"
            label={v.t('pages.field.owner')}
            hint={v.t('pages.field.owner.hint')}
            value={input.ownerUsername}
            error={errors.ownerUsername}
            autocomplete="off"
            spellcheck={false}
            required
          />
          <TextField
            id="reviewBy"
            type="date"
            label={v.t('pages.field.reviewBy')}
            hint={v.t('pages.field.reviewBy.hint')}
            value={input.reviewBy}
            error={errors.reviewBy}
          />
          <TextField
            id="sortOrder"
            label={v.t('pages.field.sortOrder')}
            hint={v.t('pages.field.sortOrder.hint')}
            value={input.sortOrder}
            error={errors.sortOrder}
            inputmode="numeric"
          />
        </div>
        <TextField
          id="note"
          label={d.mode === 'edit' ? v.t('pages.field.note') : v.t('pages.field.noteNew')}
          hint={v.t('pages.field.note.hint')}
          value={input.note}
          error={errors.note}
        />
        <div class="flex flex-wrap gap-2">
          <button type="submit" class="btn-primary">
            {d.mode === 'new' ? v.t('pages.create') : v.t('pages.save')}
          </button>
          <a
            href={d.mode === 'new' ? (input.parentId ? `/pages/${input.parentId}` : '/pages') : `/pages/${d.page!.id}`}
            class="btn-secondary"
          >
            {v.t('pages.cancel')}
          </a>
        </div>
      </form>
      {d.mode === 'edit' && <ArchiveForm v={v} page={d.page!} error={d.archiveError} />}
    </>
  );
}

function ArchiveForm({ v, page, error }: { v: ViewContext; page: { id: number; archived: boolean }; error?: string }) {
  const restore = page.archived;
  return (
    <section class="card max-w-4xl" aria-labelledby="archive-title">
      <h2 id="archive-title" class="mb-2 text-lg font-bold">
        {restore ? v.t('pages.restore.title') : v.t('pages.archive.title')}
      </h2>
      <p class="mb-3 text-sm text-slate-700" id="archive-hint">
        {restore ? v.t('pages.restore.hint') : v.t('pages.archive.hint')}
      </p>
      {error && (
        <p class="field-error" id="archive-error">
          {error}
        </p>
      )}
      <form method="post" action={`/pages/${page.id}/${restore ? 'restore' : 'archive'}`}>
        <button
          type="submit"
          id="archive-submit"
          class={restore ? 'btn-secondary' : 'btn-danger'}
          aria-describedby={error ? 'archive-hint archive-error' : 'archive-hint'}
        >
          {restore ? v.t('pages.restore.submit') : v.t('pages.archive.submit')}
        </button>
      </form>
    </section>
  );
}
