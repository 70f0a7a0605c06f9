import type { ViewContext } from '../context.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice } from '../components/page.tsx';

/** The public page a password-reset link opens: choose a new password (no sign-in). */
export function PasswordResetPage({
  v,
  token,
  name,
  minLength,
  errors,
}: {
  v: ViewContext;
  token: string;
  name: string;
  minLength: number;
  errors: FieldErrors;
}) {
  return (
    <div class="mx-auto max-w-md">
      <div class="card p-6 sm:p-8">
        <h1 id="page-title" tabindex={-1} class="mb-2 text-2xl font-bold text-slate-900">
          {v.t('passwordReset.title')}
        </h1>
        <p class="mb-6 text-slate-700">{v.t('passwordReset.lead', { name })}</p>
        <ErrorSummary t={v.t} errors={errors} />
        <form method="post" action={`/password-reset/${token}`} novalidate>
          <TextField
            id="password"
            type="password"
            label={v.t('passwordReset.password')}
            hint={v.t('passwordReset.password.hint', { min: minLength })}
            error={errors.password}
            autocomplete="new-password"
            required
          />
          <TextField
            id="confirm"
            type="password"
            label={v.t('passwordReset.confirm')}
            error={errors.confirm}
            autocomplete="new-password"
            required
          />
          <button type="submit" class="btn-primary w-full">
            {v.t('passwordReset.submit')}
          </button>
        </form>
      </div>
    </div>
  );
}

/** A link that is wrong, used or expired, or an address refused for trying too many. */
export function PasswordResetInvalid({ v, locked }: { v: ViewContext; locked: boolean }) {
  return (
    <div class="mx-auto max-w-md">
      <div class="card p-6 sm:p-8">
        <h1 id="page-title" tabindex={-1} class="mb-4 text-2xl font-bold text-slate-900">
          {v.t('passwordReset.invalid.title')}
        </h1>
        <Notice kind="error">
          <p>{locked ? v.t('passwordReset.locked') : v.t('passwordReset.invalid.body')}</p>
        </Notice>
        <a href="/login" class="btn-secondary">
          {v.t('passwordReset.toLogin')}
        </a>
      </div>
    </div>
  );
}
