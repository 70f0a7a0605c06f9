import type { ViewContext } from '../context.ts';
import type { ListFilter } from '../../src/modules/access-requests/service.ts';

/** A request's state as a chip: what the caseworker should notice first. */
export type Chip = 'new' | 'open' | 'soon' | 'overdue' | 'extended' | 'answered' | 'withdrawn';

const CHIP_STYLE: Record<Chip, string> = {
  new: 'bg-brand-100 text-brand-900',
  open: 'bg-green-100 text-green-900',
  soon: 'bg-amber-100 text-amber-900',
  overdue: 'bg-red-100 text-red-900',
  extended: 'bg-violet-100 text-violet-900',
  answered: 'bg-slate-200 text-slate-800',
  withdrawn: 'bg-slate-200 text-slate-800',
};

export function StatusChip({ v, chip }: { v: ViewContext; chip: Chip }) {
  return <span class={`badge ${CHIP_STYLE[chip]}`}>{v.t(`akt.status.${chip}`)}</span>;
}

/** Working days left as words: "3 arbejdsdage", "I dag", "2 arbejdsdage over". */
export function leftText(v: ViewContext, left: number): string {
  if (left === 0) return v.t('akt.left.today');
  if (left < 0) return v.t('akt.left.overdue', { count: -left });
  return left === 1 ? v.t('akt.left.one') : v.t('akt.left.days', { count: left });
}

const TABS: Array<{ filter: ListFilter | 'overdueList'; href: string; label: Parameters<ViewContext['t']>[0] }> = [
  { filter: 'open', href: '/access-requests', label: 'akt.filter.open' },
  { filter: 'mine', href: '/access-requests?filter=mine', label: 'akt.filter.mine' },
  { filter: 'overdue', href: '/access-requests/overdue', label: 'akt.filter.overdue' },
  { filter: 'new', href: '/access-requests?filter=new', label: 'akt.filter.new' },
  { filter: 'answered', href: '/access-requests?filter=answered', label: 'akt.filter.answered' },
  { filter: 'all', href: '/access-requests?filter=all', label: 'akt.filter.all' },
];

export function RequestTabs({ v, current }: { v: ViewContext; current: ListFilter }) {
  return (
    <nav aria-label={v.t('akt.lists')} class="mb-6 overflow-x-auto border-b border-slate-200">
      <ul class="flex gap-1">
        {TABS.map((t) => (
          <li>
            <a
              href={t.href}
              aria-current={t.filter === current ? 'page' : undefined}
              class={`inline-flex min-h-11 items-center whitespace-nowrap border-b-4 px-3 font-semibold no-underline ${
                t.filter === current
                  ? 'border-brand-600 text-brand-800'
                  : 'border-transparent text-slate-700 hover:border-slate-300'
              }`}
            >
              {v.t(t.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
