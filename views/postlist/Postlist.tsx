import { formatDate } from '../../src/i18n/index.ts';
import { ErrorSummary, RadioGroup, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import type { ViewContext } from '../context.ts';
import { ScrollTable } from '../components/page.tsx';

/**
 * The public post list (postliste) and its access-request form and receipt. Nothing here shows
 * a document's own title, its sender or recipient, or a case's title (src/modules/postlist).
 */

export interface PostlistWeek {
  key: string;
  year: number;
  week: number;
  monday: string;
  sunday: string;
  count: number;
}

export interface PostlistRow {
  documentId: number;
  date: string;
  caseNumber: string;
  subject: string;
  title: string;
  direction: 'incoming' | 'outgoing';
}

function weekName(v: ViewContext, w: { week: number; year: number }) {
  return v.t('postlist.weekLabel', { week: w.week, year: w.year });
}

export function PostlistPage(p: {
  v: ViewContext;
  weeks: PostlistWeek[];
  week: PostlistWeek | null;
  rows: PostlistRow[] | null;
}) {
  const { v } = p;
  const t = v.t;
  return (
    <>
      <h1 id="page-title" tabindex={-1} class="mb-2 text-2xl font-bold tracking-tight sm:text-3xl">
        {t('postlist.title')}
      </h1>
      <p class="mb-4 max-w-prose">{t('postlist.lead')}</p>
      <p class="mb-6">
        <a href="/postliste/anmodning">{t('postlist.requestGeneral')}</a>
      </p>
      {p.weeks.length === 0 ? (
        <p class="card">{t('postlist.none')}</p>
      ) : (
        <div class="grid gap-6 lg:grid-cols-4">
          <nav aria-labelledby="postlist-weeks" class="lg:col-span-1">
            <h2 id="postlist-weeks" class="mb-2 text-lg font-bold">
              {t('postlist.weeks')}
            </h2>
            <ul class="space-y-1">
              {p.weeks.map((w) => (
                <li>
                  <a
                    href={`/postliste?week=${w.key}`}
                    aria-current={p.week?.key === w.key ? 'page' : undefined}
                    class={p.week?.key === w.key ? 'font-bold' : undefined}
                  >
                    {weekName(v, w)}
                  </a>{' '}
                  <span class="text-sm text-slate-700">({t('postlist.weekCount', { count: w.count })})</span>
                </li>
              ))}
            </ul>
          </nav>
          <section class="min-w-0 lg:col-span-3" aria-labelledby="postlist-week-title">
            {p.week && (
              <h2 id="postlist-week-title" class="mb-1 text-xl font-bold">
                {weekName(v, p.week)}
              </h2>
            )}
            {p.week && (
              <p class="mb-3 text-slate-700">
                {t('postlist.weekRange', {
                  from: formatDate(`${p.week.monday}T12:00:00Z`, v.locale),
                  to: formatDate(`${p.week.sunday}T12:00:00Z`, v.locale),
                })}
              </p>
            )}
            {p.rows === null ? (
              <p class="card">{t('postlist.notPublished')}</p>
            ) : p.rows.length === 0 ? (
              <p class="card">{t('postlist.noneWeek')}</p>
            ) : (
              <ScrollTable label={t('postlist.title')}>
                <table class="data-table stack-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('postlist.col.date')}</th>
                      <th scope="col">{t('postlist.col.case')}</th>
                      <th scope="col">{t('postlist.col.title')}</th>
                      <th scope="col">{t('postlist.col.direction')}</th>
                      <th scope="col">{t('postlist.col.request')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.rows.map((r) => (
                      <tr>
                        <td class="whitespace-nowrap" data-label={t('postlist.col.date')}>
                          {formatDate(`${r.date}T12:00:00Z`, v.locale)}
                        </td>
                        <td data-label={t('postlist.col.case')}>
                          {r.subject}
                          <span class="block text-sm text-slate-700">{r.caseNumber}</span>
                        </td>
                        <td data-label={t('postlist.col.title')}>{r.title}</td>
                        <td data-label={t('postlist.col.direction')}>{t(`postlist.direction.${r.direction}`)}</td>
                        <td>
                          <a
                            href={`/postliste/anmodning?document=${r.documentId}`}
                            aria-label={t('postlist.requestLinkLabel', { title: r.title })}
                          >
                            {t('postlist.requestLink')}
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            )}
          </section>
        </div>
      )}
    </>
  );
}

export interface RequestFormState {
  name: string;
  email: string;
  kind: string;
  asksFor: string;
  document: string;
}

export function RequestPage(p: {
  v: ViewContext;
  form: RequestFormState;
  entry: PostlistRow | null;
  errors: FieldErrors;
}) {
  const { v, form, errors } = p;
  const t = v.t;
  return (
    <div class="max-w-2xl">
      <nav aria-label={t('postlist.title')} class="mb-2 text-sm">
        <a href="/postliste">{t('postlist.title')}</a>
      </nav>
      <h1 id="page-title" tabindex={-1} class="mb-2 text-2xl font-bold tracking-tight sm:text-3xl">
        {t('postlist.request.title')}
      </h1>
      <ErrorSummary t={t} errors={errors} />
      <p class="mb-4">{t('postlist.request.lead')}</p>
      {p.entry && (
        <p class="card mb-6">
          {t('postlist.request.document', {
            title: p.entry.title,
            caseNumber: p.entry.caseNumber,
            date: formatDate(`${p.entry.date}T12:00:00Z`, v.locale),
          })}
        </p>
      )}
      <form method="post" action="/postliste/anmodning" class="card" novalidate>
        <input type="hidden" name="document" value={form.document} />
        <TextField
          id="name"
          label={t('postlist.request.name')}
          value={form.name}
          error={errors.name}
          autocomplete="name"
          required
        />
        <TextField
          id="email"
          type="email"
          label={t('postlist.request.email')}
          hint={t('postlist.request.emailHint')}
          value={form.email}
          error={errors.email}
          autocomplete="email"
          required
        />
        <RadioGroup
          name="kind"
          legend={t('postlist.request.kind')}
          value={form.kind}
          error={errors.kind}
          options={(['citizen', 'company', 'journalist', 'other'] as const).map((k) => ({
            value: k,
            label: t(`postlist.request.kind.${k}`),
          }))}
        />
        <TextArea
          id="asksFor"
          label={t('postlist.request.asksFor')}
          hint={t('postlist.request.asksForHint')}
          value={form.asksFor}
          error={errors.asksFor}
          rows={5}
          required
        />
        {/* A field people never see; a robot that fills every field gives itself away. */}
        <div hidden>
          <label for="website">{t('postlist.request.trap')}</label>
          <input id="website" name="website" type="text" value="" tabindex={-1} autocomplete="off" />
        </div>
        <p class="mb-4 text-sm text-slate-700">{t('postlist.request.privacy')}</p>
        <button type="submit" class="btn-primary">
          {t('postlist.request.submit')}
        </button>
      </form>
    </div>
  );
}

export function ReceiptPage(p: { v: ViewContext; received: string; deadline: string; reference: string }) {
  const { v } = p;
  const t = v.t;
  return (
    <div class="max-w-2xl">
      <h1 id="page-title" tabindex={-1} class="mb-4 text-2xl font-bold tracking-tight sm:text-3xl">
        {t('postlist.receipt.title')}
      </h1>
      <p class="mb-2">
        {t('postlist.receipt.body', {
          received: formatDate(`${p.received}T12:00:00Z`, v.locale),
          deadline: formatDate(`${p.deadline}T12:00:00Z`, v.locale),
        })}
      </p>
      <p class="mb-6">{t('postlist.receipt.reference', { reference: p.reference })}</p>
      <p>
        <a href="/postliste">{t('postlist.receipt.back')}</a>
      </p>
    </div>
  );
}

/** The post-list section on a document's page (staff). */
export function DocumentPostlistSection(p: {
  v: ViewContext;
  action: string;
  markable: boolean;
  confidential: boolean;
  editable: boolean;
  on: boolean;
  title: string;
  error?: string;
}) {
  const { v } = p;
  const t = v.t;
  return (
    <section class="card mb-6" aria-labelledby="postlist-title">
      <h2 id="postlist-title" class="mb-3 text-lg font-bold">
        {t('postlist.mark.title')}
      </h2>
      {p.confidential ? (
        <p class="text-sm">{t('postlist.mark.confidential')}</p>
      ) : !p.markable ? (
        <p class="text-sm">{t('postlist.mark.onlyJournalised')}</p>
      ) : (
        <>
          {p.on && <p class="mb-3 text-sm">{t('postlist.mark.on', { title: p.title })}</p>}
          {p.editable && (
            <>
              <form method="post" action={p.action}>
                <input type="hidden" name="on" value="1" />
                <TextField
                  id="postlistTitle"
                  label={t('postlist.mark.field')}
                  hint={t('postlist.mark.lead')}
                  value={p.title}
                  error={p.error}
                />
                <button type="submit" class="btn-primary">
                  {p.on ? t('postlist.mark.update') : t('postlist.mark.submit')}
                </button>
              </form>
              {p.on && (
                <form method="post" action={p.action} class="mt-3">
                  <input type="hidden" name="on" value="0" />
                  <button type="submit" class="btn-secondary">
                    {t('postlist.mark.remove')}
                  </button>
                </form>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
