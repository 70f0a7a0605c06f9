import type { ViewContext } from '../context.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice } from '../components/page.tsx';

export interface LoginForm {
  username: string;
  next: string;
  errors: FieldErrors;
  /** A message that is not about one field (wrong password, locked). */
  problem?: string;
  showDemoHint: boolean;
  /** The provider's button, when single sign-on is enabled. */
  sso: { label: string } | null;
  /** False: the password form is folded away as emergency access for break-glass accounts. */
  localPasswords: boolean;
  /** Open the emergency-access form (it was just used). */
  breakGlassOpen?: boolean;
}

export function LoginPage({ v, form }: { v: ViewContext; form: LoginForm }) {
  const passwordForm = (
    <form method="post" action="/login" novalidate>
      <input type="hidden" name="next" value={form.next} />
      <TextField
        id="username"
        label={v.t('login.username')}
        value={form.username}
        error={form.errors.username}
        autocomplete="username"
        spellcheck={false}
        required
      />
      <TextField
        id="password"
        type="password"
        label={v.t('login.password')}
        error={form.errors.password}
        autocomplete="current-password"
        required
      />
      <button type="submit" class="btn-primary w-full">
        {v.t('login.submit')}
      </button>
    </form>
  );
  return (
    <div class="mx-auto max-w-md">
      <div class="card p-6 sm:p-8">
        <h1 id="page-title" tabindex={-1} class="mb-2 text-2xl font-bold text-slate-900">
          {v.t('login.title')}
        </h1>
        <p class="mb-6 text-slate-700">{v.t(form.sso && !form.localPasswords ? 'login.intro.sso' : 'login.intro')}</p>
        <ErrorSummary t={v.t} errors={form.errors} />
        {form.problem && (
          <div role="alert" tabindex={-1} data-autofocus id="login-problem">
            <Notice kind="error">
              <p class="font-semibold">{form.problem}</p>
            </Notice>
          </div>
        )}
        {form.sso && (
          <div class="mb-6">
            <a
              href={`/login/sso?next=${encodeURIComponent(form.next)}`}
              class="btn-primary block w-full text-center"
              // A full navigation: the start redirects to the provider, which htmx's XHR cannot follow.
              hx-boost="false"
            >
              {v.t('login.sso.button', { name: form.sso.label })}
            </a>
          </div>
        )}
        {form.localPasswords ? (
          <>
            {form.sso && <p class="mb-4 text-slate-700">{v.t('login.sso.or')}</p>}
            {passwordForm}
          </>
        ) : (
          <details class="mt-2" open={form.breakGlassOpen}>
            <summary class="cursor-pointer font-semibold text-brand-700">{v.t('login.breakGlass')}</summary>
            <p class="mb-4 mt-2 text-sm text-slate-700">{v.t('login.breakGlass.lead')}</p>
            {passwordForm}
          </details>
        )}
        {form.showDemoHint && (
          <p class="mt-6 rounded-md bg-slate-100 p-3 text-sm text-slate-700">{v.t('login.demo')}</p>
        )}
      </div>
      <p class="mt-6 text-center">
        <a href="/public/meetings">{v.t('public.login.link')}</a>
        <span class="block text-sm text-slate-600">{v.t('public.login.lead')}</span>
      </p>
      <p class="mt-4 text-center">
        <a href="/postliste">{v.t('postlist.login.link')}</a>
        <span class="block text-sm text-slate-600">{v.t('postlist.login.lead')}</span>
      </p>
    </div>
  );
}
