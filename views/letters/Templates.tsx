import type { ViewContext } from '../context.ts';
import type { TemplateInput, TemplateRow } from '../../src/modules/letters/templates.ts';
import { MERGE_FIELDS } from '../../src/modules/letters/merge.ts';
import { formatDateTime } from '../../src/i18n/index.ts';
import { ErrorSummary, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from '../admin/AdminHome.tsx';

/** Administration → Brevskabeloner: every template, active ones first. */
export function TemplateList({ v, templates }: { v: ViewContext; templates: TemplateRow[] }) {
  const sorted = [...templates].sort((a, b) => b.active - a.active || a.name.localeCompare(b.name, 'da'));
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader
        title={v.t('letters.templates.title')}
        lead={v.t('letters.templates.lead')}
        actions={
          <a href="/admin/letter-templates/new" class="btn-primary">
            {v.t('letters.templates.new')}
          </a>
        }
      />
      <ScrollTable label={v.t('letters.templates.title')}>
        <table class="data-table stack-table">
          <thead>
            <tr>
              <th scope="col">{v.t('letters.templates.col.name')}</th>
              <th scope="col">{v.t('letters.templates.col.updated')}</th>
              <th scope="col">{v.t('letters.templates.col.state')}</th>
              <th scope="col">
                <span class="sr-only">{v.t('letters.templates.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((t) => (
              <tr>
                <td data-label={v.t('letters.templates.col.name')}>
                  <a href={`/admin/letter-templates/${t.id}/edit`}>{t.name}</a>
                </td>
                <td data-label={v.t('letters.templates.col.updated')}>{formatDateTime(t.updated_at, v.locale)}</td>
                <td data-label={v.t('letters.templates.col.state')}>
                  {t.active ? (
                    <span class="badge bg-green-100 text-green-900">{v.t('letters.templates.active')}</span>
                  ) : (
                    <span class="badge">{v.t('letters.templates.inactive')}</span>
                  )}
                </td>
                <td>
                  <form
                    method="post"
                    action={`/admin/letter-templates/${t.id}/deactivation${t.active ? '' : '/deletion'}`}
                  >
                    <button type="submit" class="btn-secondary whitespace-nowrap">
                      {v.t(t.active ? 'letters.templates.deactivateShort' : 'letters.templates.activateShort')}
                      <span class="sr-only">: {t.name}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

/** The template merged with example values ("Vis eksempel"). */
export interface TemplatePreview {
  title: string;
  paragraphs: string[];
}

/** The template form (new or edit), with the merge fields explained beside it and, asked for, a preview. */
export function TemplateForm({
  v,
  id,
  input,
  errors,
  preview,
}: {
  v: ViewContext;
  id: number | null;
  input: TemplateInput;
  errors: FieldErrors;
  preview?: TemplatePreview | undefined;
}) {
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t(id === null ? 'letters.templates.new' : 'letters.templates.edit')} />
      <ErrorSummary t={v.t} errors={errors} />
      <div class="grid gap-6 lg:grid-cols-3">
        <form
          method="post"
          action={id === null ? '/admin/letter-templates' : `/admin/letter-templates/${id}`}
          class="card lg:col-span-2"
          novalidate
        >
          <TextField id="name" label={v.t('letters.templates.field.name')} value={input.name} error={errors.name} />
          <TextField
            id="title"
            label={v.t('letters.templates.field.title')}
            hint={v.t('letters.templates.field.title.hint')}
            value={input.title}
            error={errors.title}
          />
          <TextArea
            id="body"
            label={v.t('letters.templates.field.body')}
            hint={v.t('letters.templates.field.body.hint')}
            value={input.body}
            error={errors.body}
            rows={18}
          />
          <div class="flex flex-wrap gap-3">
            <button type="submit" class="btn-primary">
              {v.t('letters.templates.save')}
            </button>
            <button type="submit" name="step" value="preview" class="btn-secondary">
              {v.t('letters.templates.preview')}
            </button>
            <a href="/admin/letter-templates" class="btn-secondary">
              {v.t('letters.templates.cancel')}
            </a>
          </div>
          {preview && (
            <section aria-labelledby="template-preview-title" class="mt-6 border-t border-slate-200 pt-4">
              <h2 id="template-preview-title" class="text-lg font-bold" tabindex={-1} data-autofocus-swap="">
                {v.t('letters.templates.preview.title')}
              </h2>
              <p class="mt-1 text-sm text-slate-700">{v.t('letters.templates.preview.lead')}</p>
              <div class="mt-3 rounded border border-slate-300 bg-white p-4">
                <p class="font-semibold">{preview.title}</p>
                {preview.paragraphs.map((p) => (
                  <p class="mt-3 whitespace-pre-line">{p}</p>
                ))}
              </div>
            </section>
          )}
        </form>
        <aside class="card" aria-labelledby="merge-fields-title">
          <h2 id="merge-fields-title" class="text-lg font-bold">
            {v.t('letters.fields.title')}
          </h2>
          <p class="mt-1 text-sm text-slate-700">{v.t('letters.fields.lead')}</p>
          <dl class="mt-3">
            {MERGE_FIELDS.map((f) => (
              <div class="mb-2">
                <dt>
                  <code>{`{{${f}}}`}</code>
                </dt>
                <dd class="text-sm text-slate-700">{v.t(`letters.mergeField.${f}`)}</dd>
              </div>
            ))}
          </dl>
        </aside>
      </div>
    </>
  );
}
