import { ErrorSummary, RadioGroup, type FieldErrors } from '../components/form.tsx';
import { Notice, ScrollTable } from '../components/page.tsx';
import type { ViewContext } from '../context.ts';

/**
 * The answer page of an access request: who asked and by when, the documents with their
 * decisions (and a way to the redaction of each partial one), the preview of the package and the
 * form that sends it. Once answered: when, how, and the answer as it was journalised.
 */

export interface AnswerRow {
  itemId: number;
  index: number;
  title: string;
  caseNumber: string;
  number: number | null;
  date: string;
  decision: string;
  partial: boolean;
  passages: number;
  basis: string;
}

export interface AnswerPageProps {
  v: ViewContext;
  requestId: number;
  caseNumber: string;
  requester: string;
  requesterEmail: string | null;
  deadline: string;
  rows: AnswerRow[];
  answered: { date: string; channel: string; href: string | null } | null;
  blocker: string | null;
  /** Titles that hold text withheld in their document (the aktliste would show it). */
  titleWarnings: string[];
  channel: string;
  editable: boolean;
  errors: FieldErrors;
}

export function AnswerPage(p: AnswerPageProps) {
  const { v } = p;
  const t = v.t;
  const base = `/access-requests/${p.requestId}`;
  return (
    <>
      <p class="mb-2">
        <a href={base}>
          ← {t('akt.decision.back')} ({p.caseNumber})
        </a>
      </p>
      <div class="mb-6">
        <h1 id="page-title" tabindex={-1} class="text-2xl font-bold tracking-tight sm:text-3xl">
          {t('accessAnswers.answer.title')}
        </h1>
      </div>
      <ErrorSummary t={t} errors={p.errors} />
      <dl class="mb-6 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt class="font-semibold">{t('accessAnswers.answer.requester')}</dt>
        <dd>{p.requester}</dd>
        <dt class="font-semibold">{t('accessAnswers.answer.deadline')}</dt>
        <dd>{p.deadline}</dd>
      </dl>
      {p.answered && (
        <p class="card mb-6" role="status">
          {t('accessAnswers.answer.answered', { date: p.answered.date, channel: p.answered.channel })}{' '}
          {p.answered.href && (
            <a href={p.answered.href} hx-boost="false">
              {t('accessAnswers.answer.answerDocument')}
            </a>
          )}
        </p>
      )}
      <section class="mb-8" aria-labelledby="answer-documents-title">
        <h2 id="answer-documents-title" class="mb-3 text-lg font-bold">
          {t('accessAnswers.answer.documents')}
        </h2>
        <ScrollTable label={t('accessAnswers.answer.documents')}>
          <table class="data-table stack-table">
            <thead>
              <tr>
                <th scope="col">{t('accessAnswers.aktliste.number')}</th>
                <th scope="col">{t('accessAnswers.aktliste.date')}</th>
                <th scope="col">{t('accessAnswers.aktliste.title')}</th>
                <th scope="col">{t('accessAnswers.aktliste.decision')}</th>
                <th scope="col">{t('accessAnswers.aktliste.basis')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td data-label={t('accessAnswers.aktliste.number')}>{r.index}</td>
                  <td data-label={t('accessAnswers.aktliste.date')}>{r.date}</td>
                  <td data-label={t('accessAnswers.aktliste.title')}>
                    <a href={`${base}/documents/${r.itemId}`}>{r.title}</a>
                    <span class="block text-sm text-slate-700">
                      {r.caseNumber}
                      {r.number != null && ` · ${t('accessAnswers.aktliste.docNo', { number: r.number })}`}
                    </span>
                  </td>
                  <td data-label={t('accessAnswers.aktliste.decision')}>
                    {r.decision}
                    {r.partial && (
                      <span class="block text-sm">
                        <a
                          href={`${base}/documents/${r.itemId}/redactions`}
                          aria-label={t('accessAnswers.answer.redactLabel', { title: r.title })}
                        >
                          {t('accessAnswers.answer.redact')}
                        </a>{' '}
                        ({t('accessAnswers.answer.passages', { count: r.passages })})
                      </span>
                    )}
                  </td>
                  <td data-label={t('accessAnswers.aktliste.basis')}>{r.basis}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
      {p.titleWarnings.length > 0 && (
        <div class="card mb-6 border-2 border-amber-600" role="note">
          <p class="font-semibold">{t('accessAnswers.answer.titleWarning')}</p>
          <ul class="mt-2 list-disc pl-5">
            {p.titleWarnings.map((title) => (
              <li>{title}</li>
            ))}
          </ul>
        </div>
      )}
      <p class="mb-2">{t('accessAnswers.answer.intro')}</p>
      <p class="mb-2 text-slate-700">{t('accessAnswers.redaction.layoutNote')}</p>
      <p class="mb-8">
        <a class="btn-secondary" href={`${base}/answer/preview.pdf`} hx-boost="false">
          {t('accessAnswers.answer.preview')}
        </a>
      </p>
      {!p.answered && p.editable && (
        <section class="card" aria-labelledby="answer-send-title">
          <h2 id="answer-send-title" class="mb-3 text-lg font-bold">
            {t('accessAnswers.answer.send')}
          </h2>
          {p.blocker ? (
            // id="channel": where the error summary's link points when a send was refused for this.
            <Notice kind="warning" id="channel">
              <p>{p.blocker}</p>
              <p class="mt-1">
                <a href={`${base}#documents`}>{t('akt.decision.back')}</a>
              </p>
            </Notice>
          ) : (
            <form method="post" action={`${base}/answer`}>
              <RadioGroup
                name="channel"
                legend={t('accessAnswers.answer.channel')}
                value={p.channel}
                error={p.errors.channel}
                options={[
                  {
                    value: 'digital_post',
                    label: t('accessAnswers.answer.channel.digital_post'),
                    hint: t('accessAnswers.answer.channel.digital_post.hint'),
                  },
                  {
                    value: 'email',
                    label: t('accessAnswers.answer.channel.email'),
                    hint: p.requesterEmail
                      ? t('accessAnswers.answer.channel.email.hint', { email: p.requesterEmail })
                      : t('accessAnswers.answer.channel.emailNone'),
                  },
                  {
                    value: 'post',
                    label: t('accessAnswers.answer.channel.post'),
                    hint: t('accessAnswers.answer.channel.post.hint'),
                  },
                ]}
              />
              <button type="submit" class="btn-primary">
                {t('accessAnswers.answer.send')}
              </button>
            </form>
          )}
        </section>
      )}
    </>
  );
}
