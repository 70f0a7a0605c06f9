import type { ViewContext } from '../context.ts';
import type { OutboxListItem } from '../../src/modules/digital-post/index.ts';
import { formatDateTime } from '../../src/i18n/index.ts';
import { ErrorSummary, SelectField, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from '../admin/AdminHome.tsx';
import { DeliveryBadge } from './status.tsx';

export const OUTBOX_FILTERS = ['', 'queued', 'sending', 'sent', 'failed'] as const;

/** Administration → Digital Post: the sender's CVR number and the outbox, with a retry for what failed. */
export function OutboxPage({
  v,
  items,
  status,
  senderCvr,
  errors,
}: {
  v: ViewContext;
  items: OutboxListItem[];
  status: string;
  senderCvr: string;
  errors: FieldErrors;
}) {
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('letters.outbox.title')} lead={v.t('letters.outbox.lead')} />
      <ErrorSummary t={v.t} errors={errors} />
      <form method="post" action="/admin/digital-post/sender" class="card mb-6 max-w-2xl" novalidate>
        <TextField
          id="senderCvr"
          label={v.t('letters.outbox.senderCvr')}
          hint={v.t('letters.outbox.senderCvr.hint')}
          value={senderCvr}
          error={errors.senderCvr}
          inputmode="numeric"
          class="mb-4 max-w-xs"
        />
        <button type="submit" class="btn-primary">
          {v.t('letters.outbox.senderCvr.save')}
        </button>
      </form>
      <form method="get" action="/admin/digital-post" class="mb-4 flex flex-wrap items-end gap-3">
        <SelectField
          id="status"
          label={v.t('letters.outbox.filter')}
          value={status}
          class="mb-0"
          options={OUTBOX_FILTERS.map((s) => ({
            value: s,
            label: s ? v.t(`letters.status.${s}`) : v.t('letters.outbox.filter.all'),
          }))}
        />
        <button type="submit" class="btn-secondary">
          {v.t('letters.outbox.filter.apply')}
        </button>
      </form>
      {items.length === 0 ? (
        <p class="card">{v.t('letters.outbox.empty')}</p>
      ) : (
        <ScrollTable label={v.t('letters.outbox.title')}>
          <table class="data-table stack-table">
            <thead>
              <tr>
                <th scope="col">{v.t('letters.outbox.col.created')}</th>
                <th scope="col">{v.t('letters.outbox.col.label')}</th>
                <th scope="col">{v.t('letters.outbox.col.case')}</th>
                <th scope="col">{v.t('letters.outbox.col.channel')}</th>
                <th scope="col">{v.t('letters.outbox.col.status')}</th>
                <th scope="col">{v.t('letters.outbox.col.attempts')}</th>
                <th scope="col">
                  <span class="sr-only">{v.t('letters.outbox.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr>
                  <td data-label={v.t('letters.outbox.col.created')}>{formatDateTime(m.createdAt, v.locale)}</td>
                  {/* Not the letter's title: it can name a person, and administrators do not read cases. */}
                  <td data-label={v.t('letters.outbox.col.label')}>
                    <code class="text-sm">{m.messageUuid}</code>
                    <span class="block text-sm text-slate-700">
                      {v.t('letters.outbox.recipientType', { type: m.recipientType })}
                    </span>
                  </td>
                  {/* Administrators do not read cases: the number, not a link. */}
                  <td class="font-mono text-sm" data-label={v.t('letters.outbox.col.case')}>
                    {m.caseNumber ?? '–'}
                  </td>
                  <td data-label={v.t('letters.outbox.col.channel')}>{v.t(`letters.channel.${m.channel}`)}</td>
                  <td data-label={v.t('letters.outbox.col.status')}>
                    <DeliveryBadge v={v} status={m.delivery} />
                    {m.sentAt && <span class="block text-sm text-slate-700">{formatDateTime(m.sentAt, v.locale)}</span>}
                    {m.lastError && <span class="block text-sm text-red-800">{m.lastError}</span>}
                  </td>
                  <td data-label={v.t('letters.outbox.col.attempts')}>{m.attempts}</td>
                  <td>
                    {m.status === 'failed' && (
                      <form method="post" action={`/admin/digital-post/${m.id}/retry`}>
                        <button type="submit" class="btn-secondary whitespace-nowrap">
                          {v.t('letters.outbox.retryShort')}
                          <span class="sr-only">: {m.messageUuid}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}
