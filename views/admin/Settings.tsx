import type { ViewContext } from '../context.ts';
import type { QuotaInput } from '../../src/files/quotas.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';
import { AdminCrumb } from './AdminHome.tsx';

/** Administration → Indstillinger: the file quotas. */
export function SettingsPage({ v, input, errors }: { v: ViewContext; input: QuotaInput; errors: FieldErrors }) {
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
    </>
  );
}
