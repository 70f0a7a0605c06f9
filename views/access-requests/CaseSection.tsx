import type { ViewContext } from '../context.ts';
import { formatDate } from '../../src/i18n/index.ts';
import { Section } from '../cases/case-page/Section.tsx';

/** On a case page: the request this AKT case holds, or the requests asking about this case. */
export function AccessRequestsSection({
  v,
  items,
}: {
  v: ViewContext;
  items: Array<{ id: number; number: string | null; due: string; isAkt: boolean; status: string }>;
}) {
  if (!items.length) return null;
  const akt = items.some((i) => i.isAkt);
  return (
    <Section id="access-requests" title={akt ? v.t('akt.section.akt') : v.t('akt.section.linked')}>
      <ul class="space-y-1">
        {items.map((i) => (
          <li>
            <a href={`/access-requests/${i.id}`}>{v.t('akt.section.open', { number: i.number ?? '' })}</a>
            {i.status === 'open' && (
              <span class="text-sm text-slate-700">
                {' '}
                ({v.t('akt.section.due', { date: formatDate(`${i.due}T12:00:00Z`, v.locale) })})
              </span>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
