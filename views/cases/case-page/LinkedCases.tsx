import type { ViewContext } from '../../context.ts';
import type { CasePageData } from '../../../src/modules/cases/case-page.ts';
import { TextField } from '../../components/form.tsx';
import { Section } from './Section.tsx';

/** Sub-cases and related cases, and the form to relate another case. */
export function LinkedCases({ v, d }: { v: ViewContext; d: CasePageData }) {
  const c = d.row;
  return (
    <Section id="linked" title={v.t('cases.related')}>
      {d.children.length > 0 && (
        <>
          <h3 class="mb-1 font-semibold">{v.t('cases.children')}</h3>
          <ul class="mb-3 space-y-1 text-sm">
            {d.children.map((x) => (
              <li>
                <a href={`/cases/${x.id}`}>
                  <span class="font-mono text-xs">{x.number}</span> {x.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {d.related.length > 0 ? (
        <ul class="mb-3 space-y-1 text-sm">
          {d.related.map((x) => (
            <li>
              <a href={`/cases/${x.id}`}>
                <span class="font-mono text-xs">{x.number}</span> {x.title}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        d.children.length === 0 && <p class="mb-3 text-slate-700">–</p>
      )}
      {d.allowed.edit && (
        <form method="post" action={`/cases/${c.id}/relations`} class="flex items-end gap-2">
          <TextField
            id="relateNumber"
            name="number"
            label={v.t('cases.relate.number')}
            value={d.forms.relate?.number}
            error={d.forms.relate?.error}
            class="mb-0 flex-1"
            spellcheck={false}
          />
          <button type="submit" class="btn-secondary">
            {v.t('cases.relate.submit')}
          </button>
        </form>
      )}
    </Section>
  );
}
