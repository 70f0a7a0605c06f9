import type { ViewContext } from '../context.ts';
import type { ListFilter, RequestListItem } from '../../src/modules/access-requests/service.ts';
import { formatDate, formatDateTime } from '../../src/i18n/index.ts';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { leftText, RequestTabs, StatusChip, type Chip } from './parts.tsx';

export type ListRow = RequestListItem & { due: string; left: number | null; chip: Chip };

/** The lists of requests: open (default), mine, overdue, new from the form, answered, all. */
export function RequestList({
  v,
  filter,
  items,
  canManage,
}: {
  v: ViewContext;
  filter: ListFilter;
  items: ListRow[];
  canManage: boolean;
}) {
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, v.locale);
  const col = {
    number: v.t('akt.col.number'),
    requester: v.t('akt.col.requester'),
    asksFor: v.t('akt.col.asksFor'),
    received: v.t('akt.col.received'),
    deadline: v.t('akt.col.deadline'),
    left: v.t('akt.col.left'),
    status: v.t('akt.col.status'),
    caseworker: v.t('akt.col.caseworker'),
  };
  return (
    <>
      <PageHeader
        title={filter === 'overdue' ? v.t('akt.overdue.title') : v.t('akt.title')}
        actions={
          canManage ? (
            <a href="/access-requests/new" class="btn btn-primary">
              {v.t('akt.new')}
            </a>
          ) : undefined
        }
      />
      <RequestTabs v={v} current={filter} />
      {items.length === 0 ? (
        <p>{filter === 'overdue' ? v.t('akt.overdue.none') : v.t('akt.none')}</p>
      ) : (
        <>
          <p class="mb-2 text-sm text-slate-700">{v.t('akt.count', { count: items.length })}</p>
          <ScrollTable label={v.t('akt.title')}>
            <table class="data-table stack-table">
              <thead>
                <tr>
                  <th scope="col">{col.number}</th>
                  <th scope="col">{col.requester}</th>
                  <th scope="col">{col.asksFor}</th>
                  <th scope="col">{col.received}</th>
                  <th scope="col">{col.deadline}</th>
                  <th scope="col">{col.left}</th>
                  <th scope="col">{col.status}</th>
                  <th scope="col">{col.caseworker}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr>
                    <td class="whitespace-nowrap font-mono text-xs" data-label={col.number}>
                      <a href={`/access-requests/${r.id}`}>{r.number ?? v.t('akt.noCase')}</a>
                    </td>
                    <td data-label={col.requester}>
                      {r.requesterName}
                      <span class="block text-sm text-slate-600">
                        {v.t(`akt.kind.${r.requesterKind}`)} · {v.t(`akt.law.${r.law}`)}
                      </span>
                    </td>
                    <td data-label={col.asksFor}>
                      <a href={`/access-requests/${r.id}`} class="font-semibold">
                        {r.asksFor.length > 90 ? `${r.asksFor.slice(0, 89)}…` : r.asksFor}
                      </a>
                    </td>
                    <td class="whitespace-nowrap" data-label={col.received}>
                      {formatDateTime(r.receivedAt, v.locale)}
                    </td>
                    <td class="whitespace-nowrap" data-label={col.deadline}>
                      {day(r.due)}
                    </td>
                    <td class="whitespace-nowrap" data-label={col.left}>
                      {r.left === null ? '' : leftText(v, r.left)}
                    </td>
                    <td data-label={col.status}>
                      <StatusChip v={v} chip={r.chip} />
                    </td>
                    <td data-label={col.caseworker}>{r.caseworkerName ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
    </>
  );
}
