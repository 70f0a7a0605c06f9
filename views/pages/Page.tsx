import { raw } from 'hono/html';
import type { ViewContext } from '../context.ts';
import { formatDate, formatDateTime } from '../../src/i18n/index.ts';
import type { PageTree, PageView, ReviewState } from '../../src/modules/pages/service.ts';
import { Notice, PageHeader } from '../components/page.tsx';
import { Breadcrumbs, PROSE, ReviewBadge, Section, dateOf } from './parts.tsx';
import { PageTreeNav } from './Tree.tsx';

export interface PageData {
  page: PageView;
  /** Sanitised HTML from renderMarkdown; the only HTML put on the page unescaped. */
  html: string;
  trail: Array<{ id: number; title: string }>;
  children: Array<{ id: number; title: string }>;
  backlinks: Array<{ id: number; title: string }>;
  tree: PageTree;
  openIds: ReadonlySet<number>;
  review: ReviewState;
  allowed: { edit: boolean; create: boolean };
}

export function PageScreen({ v, d }: { v: ViewContext; d: PageData }) {
  const p = d.page;
  const archived = !!p.archived;
  return (
    <>
      <Breadcrumbs v={v} trail={d.trail} current={p.title} />
      <PageHeader
        title={p.title}
        actions={
          <>
            {d.allowed.edit && (
              <a href={`/pages/${p.id}/edit`} class="btn-primary">
                {v.t('pages.edit')}
              </a>
            )}
            <a href={`/pages/${p.id}/history`} class="btn-secondary">
              {v.t('pages.history')}
            </a>
            {d.allowed.create && !archived && (
              <a href={`/pages/new?parent=${p.id}`} class="btn-secondary">
                {v.t('pages.newChild')}
              </a>
            )}
          </>
        }
      />
      {archived && (
        <Notice kind="warning">
          <p>
            <span class="badge mr-2 bg-amber-200 text-amber-950">{v.t('pages.archived.badge')}</span>
            {v.t('pages.archived.notice', { date: p.archived_at ? formatDate(p.archived_at, v.locale) : '' })}
          </p>
        </Notice>
      )}
      {!archived && d.allowed.edit && (d.review === 'overdue' || d.review === 'due') && (
        <Notice kind="warning">
          <p>
            {d.review === 'overdue'
              ? v.t('pages.review.notice', { date: dateOf(v, p.review_by!) })
              : v.t('pages.review.noticeToday')}
          </p>
        </Notice>
      )}
      <div class="grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <div class="min-w-0 lg:col-start-2 lg:row-start-1">
          <article class="card mb-6" aria-labelledby="page-title">
            {d.html.trim() ? (
              <div class={PROSE}>{raw(d.html)}</div>
            ) : (
              <p class="text-slate-700">{v.t('pages.empty')}</p>
            )}
          </article>
          <div class="grid gap-6 md:grid-cols-2">
            <Section id="details" title={v.t('pages.details')}>
              <dl class="grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-sm">
                <dt class="text-slate-600">{v.t('pages.owner')}</dt>
                <dd>{p.owner_name ?? v.t('pages.owner.none')}</dd>
                <dt class="text-slate-600">{v.t('pages.reviewBy')}</dt>
                <dd id="review-by">
                  {p.review_by ? (
                    <>
                      <time datetime={p.review_by}>{dateOf(v, p.review_by)}</time>
                      <ReviewBadge v={v} state={d.review} />
                    </>
                  ) : (
                    v.t('pages.reviewBy.none')
                  )}
                </dd>
                <dt class="text-slate-600">{v.t('pages.lastChanged')}</dt>
                <dd>
                  {v.t('pages.lastChangedBy', { time: formatDateTime(p.changed_at, v.locale), name: p.changed_by })}
                </dd>
                <dt class="text-slate-600">{v.t('pages.version')}</dt>
                <dd>
                  <a href={`/pages/${p.id}/history`}>{v.t('pages.versionN', { revision: p.current_revision })}</a>
                </dd>
              </dl>
            </Section>
            <div>
              <Section id="children" title={v.t('pages.children')}>
                {d.children.length === 0 ? (
                  <p class="text-sm text-slate-700">{v.t('pages.children.none')}</p>
                ) : (
                  <ul class="list-disc space-y-1 pl-6">
                    {d.children.map((c) => (
                      <li>
                        <a href={`/pages/${c.id}`}>{c.title}</a>
                      </li>
                    ))}
                  </ul>
                )}
              </Section>
              <Section id="backlinks" title={v.t('pages.backlinks')}>
                {d.backlinks.length === 0 ? (
                  <p class="text-sm text-slate-700">{v.t('pages.backlinks.none')}</p>
                ) : (
                  <ul class="list-disc space-y-1 pl-6">
                    {d.backlinks.map((b) => (
                      <li>
                        <a href={`/pages/${b.id}`}>{b.title}</a>
                      </li>
                    ))}
                  </ul>
                )}
              </Section>
            </div>
          </div>
        </div>
        <PageTreeNav
          v={v}
          tree={d.tree}
          currentId={p.id}
          openIds={d.openIds}
          class="card min-w-0 self-start text-sm lg:col-start-1 lg:row-start-1"
        />
      </div>
    </>
  );
}
