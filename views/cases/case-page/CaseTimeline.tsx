import type { ViewContext } from '../../context.ts';
import type { CasePageData } from '../../../src/modules/cases/case-page.ts';
import { formatDateTime } from '../../../src/i18n/index.ts';
import { describeEntry } from '../../components/audit.ts';
import { Section } from './Section.tsx';

/** What happened on the case: its audit entries (reads excluded). */
export function CaseTimeline({ v, d }: { v: ViewContext; d: CasePageData }) {
  return (
    <Section id="timeline" title={v.t('cases.timeline')}>
      {d.timeline.length === 0 ? (
        <p>{v.t('cases.timeline.empty')}</p>
      ) : (
        <ol class="relative space-y-3 border-l-2 border-slate-200 pl-4">
          {d.timeline.map((e) => (
            <li>
              <p class="text-sm">
                <time datetime={e.at} class="text-slate-600">
                  {formatDateTime(e.at, v.locale)}
                </time>{' '}
                · <span class="font-semibold">{e.actor_name ?? v.t('audit.system')}</span>
              </p>
              <p>{describeEntry(v, e)}</p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
