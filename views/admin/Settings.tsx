import type { ViewContext } from '../context.ts';
import type { QuotaInput } from '../../src/files/quotas.ts';
import { ErrorSummary, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';
import { AdminCrumb } from './AdminHome.tsx';

/** Administration → Indstillinger: the file quotas and the closing days (two forms, each with its own errors). */
export function SettingsPage({
  v,
  input,
  errors,
  closingDays,
}: {
  v: ViewContext;
  input: QuotaInput;
  errors: FieldErrors;
  /** The closing days as typed (kept on a 422). */
  closingDays: string;
}) {
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('settings.title')} />
      <ErrorSummary errors={errors} t={v.t} />
      <form method="post" action="/admin/settings" class="card max-w-2xl" novalidate>
        <h2 class="text-lg font-bold">{v.t('settings.files.title')}</h2>
        <p class="mb-4 mt-1 text-sm text-slate-700">{v.t('settings.files.lead')}</p>
        <TextField
          id="personalMb"
          label={v.t('settings.personalMb')}
          hint={v.t('settings.personalMb.hint')}
          value={input.personalMb}
          error={errors.personalMb}
          inputmode="numeric"
          class="mb-5 max-w-md"
        />
        <TextField
          id="roomMb"
          label={v.t('settings.roomMb')}
          hint={v.t('settings.roomMb.hint')}
          value={input.roomMb}
          error={errors.roomMb}
          inputmode="numeric"
          class="mb-5 max-w-md"
        />
        <button type="submit" class="btn-primary">
          {v.t('settings.save')}
        </button>
      </form>
      <form method="post" action="/admin/settings/closing-days" class="card mt-6 max-w-2xl" novalidate>
        <h2 class="text-lg font-bold">{v.t('settings.closing.title')}</h2>
        <p class="mb-4 mt-1 text-sm text-slate-700">{v.t('settings.closing.lead')}</p>
        <TextArea
          id="closingDays"
          label={v.t('settings.closingDays')}
          hint={v.t('settings.closingDays.hint')}
          value={closingDays}
          error={errors.closingDays}
          rows={8}
          class="mb-5 max-w-md"
        />
        <button type="submit" class="btn-primary">
          {v.t('settings.closing.save')}
        </button>
      </form>
    </>
  );
}
