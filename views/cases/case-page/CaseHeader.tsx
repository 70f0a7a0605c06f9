import type { ViewContext } from '../../context.ts';
import type { CasePageData } from '../../../src/modules/cases/case-page.ts';
import { ConfidentialBadge, StatusBadge } from '../CaseList.tsx';

/** The breadcrumb, the case's number, title and badges. */
export function CaseHeader({ v, d }: { v: ViewContext; d: CasePageData }) {
  const c = d.row;
  return (
    <>
      <nav aria-label={v.t('cases.lists')} class="mb-2 text-sm">
        <a href="/cases">{v.t('cases.title')}</a>
        {d.parent && (
          <>
            {' › '}
            <a href={`/cases/${d.parent.id}`}>{d.parent.number}</a>
          </>
        )}
      </nav>
      <div class="mb-6">
        <p class="font-mono text-sm text-slate-700">{c.number}</p>
        <h1 id="page-title" tabindex={-1} class="text-2xl font-bold tracking-tight sm:text-3xl">
          {c.title}
        </h1>
        <p class="mt-2 flex flex-wrap items-center gap-2">
          <StatusBadge v={v} status={c.status} />
          <span class="badge">{v.t(`cases.type.${c.type}`)}</span>
          {!!c.confidential && <ConfidentialBadge v={v} />}
        </p>
      </div>
    </>
  );
}
