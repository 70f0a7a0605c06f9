import type { ViewContext } from '../context.ts';
import type { LegalBasis } from '../../src/modules/access-requests/legal-bases.ts';
import { LAWS } from '../../src/modules/access-requests/constants.ts';
import { ErrorSummary, SelectField, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';

export interface BasisForm {
  input: { law: string; section: string; title: string; position: string };
  errors: FieldErrors;
}

/** Admin: the legal bases (list, edit title and order, switch off, add). */
export function LegalBasesPage({
  v,
  bases,
  add,
  edit,
}: {
  v: ViewContext;
  bases: LegalBasis[];
  add?: BasisForm;
  edit?: { id: number; form: BasisForm };
}) {
  const addForm = add ?? { input: { law: 'offl', section: '', title: '', position: '' }, errors: {} };
  const errors = { ...addForm.errors, ...(edit ? edit.form.errors : {}) };
  return (
    <>
      <p class="mb-2">
        <a href="/admin">{v.t('admin.title')}</a>
      </p>
      <PageHeader title={v.t('akt.bases.title')} lead={v.t('akt.bases.intro')} />
      <ErrorSummary t={v.t} errors={errors} />
      <ScrollTable label={v.t('akt.bases.title')}>
        <table class="data-table stack-table">
          <thead>
            <tr>
              <th scope="col">{v.t('akt.bases.law')}</th>
              <th scope="col">{v.t('akt.bases.section')}</th>
              <th scope="col">{v.t('akt.bases.basisTitle')}</th>
              <th scope="col">{v.t('akt.bases.position')}</th>
              <th scope="col">{v.t('akt.bases.active')}</th>
              <th scope="col">
                <span class="sr-only">{v.t('akt.bases.save')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {bases.map((b) => {
              const mine = edit && edit.id === b.id ? edit.form : null;
              const form = `basis-${b.id}`;
              return (
                <tr>
                  <td data-label={v.t('akt.bases.law')}>{v.t(`akt.law.${b.law}`)}</td>
                  <th scope="row" class="whitespace-nowrap" data-label={v.t('akt.bases.section')}>
                    {b.section}
                  </th>
                  <td data-label={v.t('akt.bases.basisTitle')}>
                    <input
                      class="input"
                      form={form}
                      name="title"
                      id={mine ? 'title' : `title-${b.id}`}
                      value={mine ? mine.input.title : b.title}
                      aria-label={`${v.t('akt.bases.basisTitle')}, ${b.section}`}
                      aria-invalid={mine?.errors.title ? 'true' : undefined}
                    />
                  </td>
                  <td data-label={v.t('akt.bases.position')}>
                    <input
                      class="input w-24"
                      form={form}
                      name="position"
                      id={mine ? 'position' : `position-${b.id}`}
                      inputmode="numeric"
                      value={mine ? mine.input.position : String(b.position)}
                      aria-label={`${v.t('akt.bases.position')}, ${b.section}`}
                      aria-invalid={mine?.errors.position ? 'true' : undefined}
                    />
                  </td>
                  <td data-label={v.t('akt.bases.active')}>
                    <input
                      type="checkbox"
                      class="size-5 accent-brand-700"
                      form={form}
                      name="active"
                      value="1"
                      checked={b.active}
                      aria-label={`${v.t('akt.bases.active')}, ${b.section}`}
                    />
                  </td>
                  <td>
                    <form method="post" action={`/admin/legal-bases/${b.id}`} id={form}>
                      <button
                        type="submit"
                        class="btn btn-secondary"
                        aria-label={v.t('akt.bases.edit', { section: b.section })}
                      >
                        {v.t('akt.bases.save')}
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollTable>
      <section class="card mt-6 max-w-2xl" aria-labelledby="add-title">
        <h2 id="add-title" class="mb-3 text-lg font-bold">
          {v.t('akt.bases.add')}
        </h2>
        <form method="post" action="/admin/legal-bases" novalidate>
          <SelectField
            id="law"
            label={v.t('akt.bases.law')}
            value={addForm.input.law}
            error={addForm.errors.law}
            options={LAWS.map((l) => ({ value: l, label: v.t(`akt.law.${l}`) }))}
          />
          <TextField
            id="section"
            label={v.t('akt.bases.section')}
            value={addForm.input.section}
            error={addForm.errors.section}
            required
          />
          <TextField
            id="title"
            label={v.t('akt.bases.basisTitle')}
            value={addForm.input.title}
            error={addForm.errors.title}
            required
          />
          <TextField
            id="position"
            label={v.t('akt.bases.position')}
            value={addForm.input.position}
            error={addForm.errors.position}
            inputmode="numeric"
          />
          <button type="submit" class="btn btn-primary">
            {v.t('akt.bases.addSubmit')}
          </button>
        </form>
      </section>
    </>
  );
}
