import type { ViewContext } from '../context.ts';
import { PageHeader } from '../components/page.tsx';

export type ErrorStatus = 403 | 404 | 413 | 500;

export function ErrorPage({
  v,
  status,
  message,
  reference,
  back,
}: {
  v: ViewContext;
  status: ErrorStatus;
  message?: string;
  reference?: string;
  back?: { href: string; label: string };
}) {
  const key = status === 413 ? 500 : status;
  const title = status === 413 ? v.t('error.500.title') : v.t(`error.${key}.title` as 'error.404.title');
  const body = message ?? v.t(`error.${key}.body` as 'error.404.body');
  return (
    <div class="max-w-2xl">
      <p class="mb-2 font-semibold text-slate-600">{status}</p>
      <PageHeader title={title} />
      <p class="mb-6 text-lg text-slate-800">{body}</p>
      {reference && <p class="mb-6 text-sm text-slate-600">{v.t('error.reference', { id: reference })}</p>}
      {v.user && back ? (
        <div class="flex flex-wrap gap-3">
          <a class="btn-primary" href={back.href}>
            {back.label}
          </a>
          <a class="btn-secondary" href="/">
            {v.t('error.home')}
          </a>
        </div>
      ) : v.user ? (
        <a class="btn-primary" href="/">
          {v.t('error.home')}
        </a>
      ) : (
        <a class="btn-primary" href={`/login?next=${encodeURIComponent(v.pathAndQuery)}`}>
          {v.t('error.signIn')}
        </a>
      )}
    </div>
  );
}

export function errorTitle(v: ViewContext, status: ErrorStatus): string {
  return status === 413 ? v.t('error.500.title') : v.t(`error.${status}.title` as 'error.404.title');
}
