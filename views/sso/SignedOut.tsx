import type { ViewContext } from '../context.ts';

/** After signing out of a session begun by single sign-on: on to the provider to sign out there too. */
export function SignedOutPage({ v, name, url }: { v: ViewContext; name: string; url: string }) {
  return (
    <div class="mx-auto max-w-md">
      <div class="card p-6 sm:p-8">
        <h1 id="page-title" tabindex={-1} class="mb-2 text-2xl font-bold text-slate-900">
          {v.t('login.sso.signedOut.title')}
        </h1>
        <p class="mb-6 text-slate-700">{v.t('login.sso.signedOut.lead', { name })}</p>
        <a href={url} class="btn-primary block w-full text-center" hx-boost="false">
          {v.t('login.sso.signedOut.continue', { name })}
        </a>
      </div>
    </div>
  );
}
