import type { ViewContext } from '../context.ts';
import type { SearchHit } from '../../src/modules/cases/search.ts';
import { highlightParts } from '../../src/search/text.ts';
import type { OrgUnit } from '../../src/db/schema.ts';
import { SelectField, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader } from '../components/page.tsx';
import { CaseTabs } from './CaseList.tsx';

/** Text with the search's matches in <mark>, built from parts (never raw HTML). */
export function Marked({ text }: { text: string }) {
  return (
    <>
      {highlightParts(text).map((p) =>
        p.hit ? <mark class="rounded-sm bg-amber-200 px-0.5 text-slate-900">{p.text}</mark> : p.text,
      )}
    </>
  );
}

export function HitList({ v, hits }: { v: ViewContext; hits: SearchHit[] }) {
  return (
    <ol class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {hits.map((h) => (
        <li class="px-4 py-3">
          <p class="text-xs font-semibold uppercase tracking-wide text-slate-600">
            {h.kind === 'document' ? v.t('search.cases.document') : v.t('search.cases.case')} ·{' '}
            <span class="font-mono normal-case">{h.caseNumber}</span> · {v.t(`cases.type.${h.caseType}`)} ·{' '}
            {v.t(`cases.status.${h.caseStatus}`)}
            {h.confidential && (
              <span class="badge ml-2 bg-red-100 text-red-900 normal-case">{v.t('cases.confidential.badge')}</span>
            )}
          </p>
          <p class="font-semibold">
            <a href={h.documentId ? `/cases/${h.caseId}/documents/${h.documentId}` : `/cases/${h.caseId}`}>
              <Marked text={h.title} />
            </a>
          </p>
          {h.kind === 'document' && <p class="text-sm text-slate-700">{h.caseTitle}</p>}
          {h.snippet && (
            <p class="mt-1 text-sm text-slate-800">
              <Marked text={h.snippet} />
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

export interface CaseSearchState {
  q: string;
  filters: { type: string; status: string; kle: string; unitId: string; from: string; to: string };
  errors: FieldErrors;
  hits: SearchHit[];
  more: boolean;
  cprLookup: boolean;
  searched: boolean;
}

export function CaseSearchResults({ v, s }: { v: ViewContext; s: CaseSearchState }) {
  return (
    <section id="case-search-results" aria-label={v.t('search.cases')}>
      {s.cprLookup && (
        <Notice kind="info">
          <p class="text-sm">{v.t('search.cases.cpr')}</p>
        </Notice>
      )}
      {s.searched && s.hits.length === 0 ? (
        <p class="card">{v.t('search.none', { q: s.q })}</p>
      ) : (
        s.hits.length > 0 && (
          <>
            <p class="mb-3 text-sm text-slate-600">{v.t('search.count', { count: s.hits.length })}</p>
            <HitList v={v} hits={s.hits} />
            {s.more && <p class="mt-3 text-sm text-slate-700">{v.t('search.cases.more')}</p>}
          </>
        )
      )}
    </section>
  );
}

export function CaseSearchPage({
  v,
  s,
  units,
}: {
  v: ViewContext;
  s: CaseSearchState;
  units: Array<OrgUnit & { depth: number }>;
}) {
  return (
    <>
      <PageHeader title={v.t('search.cases.title')} />
      <CaseTabs v={v} current="all" />
      <form method="get" action="/cases/search" role="search" class="card mb-6" aria-label={v.t('search.cases.title')}>
        <div class="flex flex-wrap items-end gap-2">
          <TextField id="q" type="search" label={v.t('search.label')} value={s.q} class="mb-5 min-w-64 flex-1" />
          <div class="mb-5">
            <button type="submit" class="btn-primary">
              {v.t('search.submit')}
            </button>
          </div>
        </div>
        <div class="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <SelectField
            id="type"
            label={v.t('cases.type')}
            value={s.filters.type}
            options={[
              { value: '', label: v.t('cases.filter.any') },
              ...(['subject', 'geo', 'citizen', 'company', 'access_request'] as const).map((t) => ({
                value: t,
                label: v.t(`cases.type.${t}`),
              })),
            ]}
          />
          <SelectField
            id="status"
            label={v.t('cases.status')}
            value={s.filters.status}
            options={[
              { value: '', label: v.t('cases.filter.any') },
              ...(['open', 'closed', 'archived'] as const).map((t) => ({ value: t, label: v.t(`cases.status.${t}`) })),
            ]}
          />
          <TextField id="kle" label={v.t('cases.kle')} value={s.filters.kle} spellcheck={false} />
          <SelectField
            id="unitId"
            label={v.t('cases.unit')}
            value={s.filters.unitId}
            options={[
              { value: '', label: v.t('cases.filter.any') },
              ...units.map((u) => ({ value: String(u.id), label: `${'\u00a0\u00a0'.repeat(u.depth)}${u.name}` })),
            ]}
          />
          <TextField id="from" type="date" label={v.t('search.from')} value={s.filters.from} error={s.errors.from} />
          <TextField id="to" type="date" label={v.t('search.to')} value={s.filters.to} error={s.errors.to} />
        </div>
      </form>
      <CaseSearchResults v={v} s={s} />
    </>
  );
}
