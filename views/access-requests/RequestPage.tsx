import type { ViewContext } from '../context.ts';
import type { AccessRequestRow } from '../../src/modules/access-requests/access.ts';
import type { RequestPageModel } from '../../src/modules/access-requests/service.ts';
import { formatDate, formatDateTime } from '../../src/i18n/index.ts';
import { ErrorSummary, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { Section } from '../cases/case-page/Section.tsx';
import { DeliveryBadge } from '../letters/status.tsx';
import { leftText, StatusChip, type Chip } from './parts.tsx';

export interface ExtensionForm {
  input: { reason: string; newDate: string };
  errors: FieldErrors;
}

export interface WithdrawalForm {
  input: { reason: string };
  errors: FieldErrors;
}

/** One request: who asks, under which law, the deadlines, the cases and the documents with their decisions. */
export function RequestPage({
  v,
  row,
  number,
  m,
  chip,
  left,
  maskedCpr,
  canChange,
  canRegister,
  canWithdraw = false,
  withdrawal = null,
  extension,
  withdrawalForm,
}: {
  v: ViewContext;
  row: AccessRequestRow;
  number: string | null;
  m: RequestPageModel;
  chip: Chip;
  left: number | null;
  maskedCpr: string | null;
  canChange: boolean;
  canRegister: boolean;
  canWithdraw?: boolean;
  /** When, by whom and why the request was withdrawn (from the audit log). */
  withdrawal?: { at: string; by: string | null; reason: string } | null;
  extension?: ExtensionForm;
  withdrawalForm?: WithdrawalForm;
}) {
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, v.locale);
  const decided = m.documents.filter((d) => d.decision).length;
  const undecided = m.documents.length - decided;
  const ext = extension ?? { input: { reason: '', newDate: '' }, errors: {} };
  const wd = withdrawalForm ?? { input: { reason: '' }, errors: {} };
  const errors = {
    ...Object.fromEntries(Object.entries(ext.errors).map(([k, val]) => [`ext-${k}`, val])),
    ...Object.fromEntries(Object.entries(wd.errors).map(([k, val]) => [`wd-${k}`, val])),
  };
  const answerDocument =
    row.status === 'answered' && row.case_id && row.answer_document_id
      ? `/cases/${row.case_id}/documents/${row.answer_document_id}`
      : null;
  const current = row.extended_deadline ?? row.deadline;
  return (
    <>
      <PageHeader
        title={
          number
            ? `${v.t('akt.title')}: ${number}`
            : v.t(row.status === 'new' ? 'akt.page.newTitle' : 'akt.page.formTitle')
        }
        lead={<StatusChip v={v} chip={chip} />}
      />
      <ErrorSummary t={v.t} errors={errors} />
      {row.status === 'new' && (
        <Notice kind="info">
          <p>{v.t('akt.page.newIntro')}</p>
          {canRegister && (
            <p class="mt-3">
              <a href={`/access-requests/new?from=${row.id}`} class="btn btn-primary">
                {v.t('akt.newFrom')}
              </a>
            </p>
          )}
        </Notice>
      )}
      {row.status === 'answered' && row.answered_at && row.answer_channel && (
        <Notice kind="success">
          <p>
            {v.t('akt.page.answered', {
              date: formatDateTime(row.answered_at, v.locale),
              channel:
                m.answerLetter?.channel === 'print'
                  ? v.t('akt.answerChannel.print')
                  : v.t(`akt.answerChannel.${row.answer_channel}`),
            })}
            {answerDocument && (
              <>
                {' '}
                <a href={answerDocument}>{v.t('akt.page.answerDocument')}</a>
              </>
            )}
          </p>
        </Notice>
      )}
      {row.status === 'withdrawn' && (
        <Notice kind="info">
          <p>
            {withdrawal
              ? v.t('akt.page.withdrawnAt', {
                  date: formatDateTime(withdrawal.at, v.locale),
                  name: withdrawal.by ?? '',
                })
              : v.t('akt.page.withdrawn')}
          </p>
          {withdrawal?.reason && (
            <p class="mt-1 whitespace-pre-line">
              {v.t('akt.page.withdrawnReason')}: {withdrawal.reason}
            </p>
          )}
        </Notice>
      )}
      <div class="grid gap-6 lg:grid-cols-3">
        <div class="min-w-0 lg:col-span-2">
          <Section id="asks-for" title={v.t('akt.page.asksFor')}>
            <p class="whitespace-pre-line">{row.asks_for}</p>
          </Section>
          <Section id="documents" title={v.t('akt.page.documents')}>
            {!row.case_id ? (
              <p>{row.status === 'new' ? v.t('akt.page.documentsAfterRegistration') : v.t('akt.page.notRegistered')}</p>
            ) : m.documents.length === 0 ? (
              <p>{v.t('akt.page.noDocuments')}</p>
            ) : (
              <>
                <p class="mb-2 text-sm text-slate-700">
                  {v.t('akt.page.decided', { done: decided, total: m.documents.length })}
                </p>
                <ScrollTable label={v.t('akt.page.documents')}>
                  <table class="data-table stack-table">
                    <thead>
                      <tr>
                        <th scope="col">{v.t('akt.col.number')}</th>
                        <th scope="col">{v.t('akt.doc.number')}</th>
                        <th scope="col">{v.t('akt.doc.title')}</th>
                        <th scope="col">{v.t('akt.doc.date')}</th>
                        <th scope="col">{v.t('akt.doc.decision')}</th>
                        <th scope="col">{v.t('akt.doc.bases')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {m.documents.map((d) => (
                        <tr>
                          <td class="whitespace-nowrap font-mono text-xs" data-label={v.t('akt.col.number')}>
                            {d.caseNumber}
                          </td>
                          <td data-label={v.t('akt.doc.number')}>{d.number ?? ''}</td>
                          <td data-label={v.t('akt.doc.title')}>
                            <a
                              href={`/access-requests/${row.id}/documents/${d.itemId}`}
                              aria-label={v.t('akt.doc.decide', { title: d.title })}
                            >
                              {d.title}
                            </a>
                          </td>
                          <td class="whitespace-nowrap" data-label={v.t('akt.doc.date')}>
                            {day(d.documentDate)}
                          </td>
                          <td data-label={v.t('akt.doc.decision')}>
                            {d.decision ? v.t(`akt.decision.${d.decision}`) : v.t('akt.decision.none')}
                          </td>
                          <td data-label={v.t('akt.doc.bases')}>{d.bases.join('; ')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollTable>
              </>
            )}
            {row.status === 'open' && row.case_id && m.documents.length > 0 && (
              <div class="mt-4">
                {undecided === 0 ? (
                  <a href={`/access-requests/${row.id}/answer`} class="btn btn-primary">
                    {v.t('akt.page.toAnswer')}
                  </a>
                ) : (
                  <p>
                    {undecided === 1 ? v.t('akt.page.undecidedOne') : v.t('akt.page.undecided', { count: undecided })}{' '}
                    <a href={`/access-requests/${row.id}/answer`}>{v.t('akt.page.answerPreview')}</a>
                  </p>
                )}
              </div>
            )}
          </Section>
          {canChange && row.status === 'open' && (
            <Section id="extension" title={v.t('akt.extend.title')}>
              <p class="mb-4">{v.t('akt.extend.intro')}</p>
              <form method="post" action={`/access-requests/${row.id}/extension`} novalidate>
                <TextArea
                  id="ext-reason"
                  name="reason"
                  label={v.t('akt.extend.reason')}
                  value={ext.input.reason}
                  error={ext.errors.reason}
                  rows={3}
                  required
                />
                <TextField
                  id="ext-newDate"
                  name="newDate"
                  type="date"
                  label={v.t('akt.extend.newDate')}
                  hint={v.t('akt.extend.newDateHint', { date: day(current) })}
                  value={ext.input.newDate}
                  error={ext.errors.newDate}
                  required
                />
                <button type="submit" id="ext-send" class="btn btn-secondary">
                  {v.t('akt.extend.submit')}
                </button>
              </form>
            </Section>
          )}
          {canWithdraw && (
            <Section id="withdrawal" title={v.t('akt.withdraw.title')}>
              <p class="mb-4">{v.t(row.case_id ? 'akt.withdraw.intro' : 'akt.withdraw.introNew')}</p>
              <form method="post" action={`/access-requests/${row.id}/withdrawal`} novalidate>
                <TextArea
                  id="wd-reason"
                  name="reason"
                  label={v.t('akt.withdraw.reason')}
                  hint={v.t('akt.withdraw.reasonHint')}
                  value={wd.input.reason}
                  error={wd.errors.reason}
                  rows={2}
                  required
                />
                <button type="submit" class="btn btn-danger">
                  {v.t('akt.withdraw.submit')}
                </button>
              </form>
            </Section>
          )}
        </div>
        <div class="min-w-0">
          <Section id="requester" title={v.t('akt.page.requester')}>
            <dl class="space-y-2">
              <div>
                <dt class="font-semibold">{v.t('akt.name')}</dt>
                <dd>
                  {row.requester_name} ({v.t(`akt.kind.${row.requester_kind}`)})
                </dd>
              </div>
              {row.requester_email && (
                <div>
                  <dt class="font-semibold">{v.t('akt.email')}</dt>
                  <dd>{row.requester_email}</dd>
                </div>
              )}
              {row.requester_phone && (
                <div>
                  <dt class="font-semibold">{v.t('akt.phone')}</dt>
                  <dd>{row.requester_phone}</dd>
                </div>
              )}
              {row.requester_address && (
                <div>
                  <dt class="font-semibold">{v.t('akt.address')}</dt>
                  <dd class="whitespace-pre-line">{row.requester_address}</dd>
                </div>
              )}
              {maskedCpr && (
                <div>
                  <dt class="font-semibold">CPR</dt>
                  <dd>{maskedCpr}</dd>
                </div>
              )}
              {row.requester_cvr && (
                <div>
                  <dt class="font-semibold">CVR</dt>
                  <dd>{row.requester_cvr}</dd>
                </div>
              )}
              <div>
                <dt class="font-semibold">{v.t('akt.law')}</dt>
                <dd>{v.t(`akt.law.${row.law}`)}</dd>
              </div>
              <div>
                <dt class="font-semibold">{v.t('akt.channel')}</dt>
                <dd>{v.t(`akt.channel.${row.channel}`)}</dd>
              </div>
              <div>
                <dt class="font-semibold">{v.t('akt.page.received')}</dt>
                <dd>{formatDateTime(row.received_at, v.locale)}</dd>
              </div>
              <div>
                <dt class="font-semibold">{v.t('akt.page.deadline')}</dt>
                <dd>
                  {day(row.deadline)}
                  {left !== null && !row.extended_deadline && ` (${leftText(v, left)})`}
                </dd>
              </div>
              {row.extended_deadline && (
                <div>
                  <dt class="font-semibold">{v.t('akt.page.extended')}</dt>
                  <dd>
                    {day(row.extended_deadline)}
                    {left !== null && ` (${leftText(v, left)})`}
                  </dd>
                </div>
              )}
              {row.extension_reason && (
                <div>
                  <dt class="font-semibold">{v.t('akt.page.extensionReason')}</dt>
                  <dd class="whitespace-pre-line">{row.extension_reason}</dd>
                </div>
              )}
              {m.extensionDocument && row.case_id && (
                <div>
                  <dt class="font-semibold">{v.t('akt.page.extensionLetter')}</dt>
                  <dd>
                    <a href={`/cases/${row.case_id}/documents/${m.extensionDocument.id}`}>
                      {m.extensionDocument.title}
                    </a>
                  </dd>
                </div>
              )}
              {row.extension_channel && (
                <div>
                  <dt class="font-semibold">{v.t('akt.page.extensionSent')}</dt>
                  <dd>
                    {m.extensionLetter ? (
                      <>
                        {v.t(
                          m.extensionLetter.channel === 'print'
                            ? 'akt.page.extensionSent.print'
                            : 'akt.page.extensionSent.digital_post',
                        )}{' '}
                        <DeliveryBadge v={v} status={m.extensionLetter.delivery} />
                      </>
                    ) : (
                      v.t(`akt.page.extensionSent.${row.extension_channel}`, { email: row.requester_email ?? '' })
                    )}
                  </dd>
                </div>
              )}
              {m.caseworkerName && (
                <div>
                  <dt class="font-semibold">{v.t('akt.page.caseworker')}</dt>
                  <dd>{m.caseworkerName}</dd>
                </div>
              )}
              {row.case_id && number && (
                <div>
                  <dt class="font-semibold">{v.t('akt.page.case')}</dt>
                  <dd>
                    <a href={`/cases/${row.case_id}`}>{number}</a>
                  </dd>
                </div>
              )}
            </dl>
          </Section>
          <Section id="cases" title={v.t('akt.page.cases')}>
            {m.cases.length === 0 && m.hiddenCases === 0 && (
              <p>{row.status === 'new' ? v.t('akt.page.casesAfterRegistration') : v.t('akt.page.noCases')}</p>
            )}
            {m.cases.length > 0 && (
              <ul class="space-y-1">
                {m.cases.map((c) => (
                  <li>
                    <a href={`/cases/${c.id}`}>
                      <span class="font-mono text-xs">{c.number}</span> {c.title}
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {m.hiddenCases > 0 && (
              <p class="mt-2 text-sm text-slate-700">{v.t('akt.page.hiddenCases', { count: m.hiddenCases })}</p>
            )}
          </Section>
        </div>
      </div>
    </>
  );
}
