import type { ViewContext } from '../context.ts';
import { TextField, type FieldErrors } from '../components/form.tsx';
import type { RecordsSettingsInput } from '../../src/modules/records/archive-settings.ts';

/**
 * The records settings (grace period, archival periods, archive code): a form for records
 * managers, a read-only list for those who may only look.
 */
export function RecordsSettingsForm({
  v,
  input,
  errors,
  canEdit,
}: {
  v: ViewContext;
  input: RecordsSettingsInput;
  errors: FieldErrors;
  canEdit: boolean;
}) {
  if (!canEdit)
    return (
      <section class="card max-w-2xl" aria-labelledby="records-settings-title">
        <h2 id="records-settings-title" class="text-lg font-bold">
          {v.t('records.settings.title')}
        </h2>
        <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt class="text-slate-700">{v.t('records.settings.graceDays')}</dt>
          <dd>{input.archiveGraceDays}</dd>
          <dt class="text-slate-700">{v.t('records.settings.periodYears')}</dt>
          <dd>{input.periodYears}</dd>
          <dt class="text-slate-700">{v.t('records.settings.periodFirstYear')}</dt>
          <dd>{input.periodFirstYear}</dd>
          <dt class="text-slate-700">{v.t('records.settings.archiveCode')}</dt>
          <dd>{input.archiveCode}</dd>
        </dl>
      </section>
    );
  return (
    <form
      method="post"
      action="/admin/records/archive/settings"
      class="card max-w-2xl"
      novalidate
      aria-labelledby="records-settings-title"
    >
      <h2 id="records-settings-title" class="text-lg font-bold">
        {v.t('records.settings.title')}
      </h2>
      <p class="mb-4 mt-1 text-sm text-slate-700">{v.t('records.settings.lead')}</p>
      <TextField
        id="archiveGraceDays"
        label={v.t('records.settings.graceDays')}
        hint={v.t('records.settings.graceDays.hint')}
        value={input.archiveGraceDays}
        error={errors.archiveGraceDays}
        inputmode="numeric"
        class="mb-5 max-w-md"
      />
      <TextField
        id="periodYears"
        label={v.t('records.settings.periodYears')}
        hint={v.t('records.settings.periodYears.hint')}
        value={input.periodYears}
        error={errors.periodYears}
        inputmode="numeric"
        class="mb-5 max-w-md"
      />
      <TextField
        id="periodFirstYear"
        label={v.t('records.settings.periodFirstYear')}
        hint={v.t('records.settings.periodFirstYear.hint')}
        value={input.periodFirstYear}
        error={errors.periodFirstYear}
        inputmode="numeric"
        class="mb-5 max-w-md"
      />
      <TextField
        id="archiveCode"
        label={v.t('records.settings.archiveCode')}
        hint={v.t('records.settings.archiveCode.hint')}
        value={input.archiveCode}
        error={errors.archiveCode}
        class="mb-5 max-w-md"
      />
      <button type="submit" class="btn-primary">
        {v.t('records.settings.save')}
      </button>
    </form>
  );
}
