import type { ViewContext } from '../../context.ts';
import type { CasePageData } from '../../../src/modules/cases/case-page.ts';
import { SelectField, TextField } from '../../components/form.tsx';
import { Notice } from '../../components/page.tsx';
import { Section } from './Section.tsx';

/** The case's parties (CPR numbers masked, shown in full on a logged request) and the form to add one. */
export function CaseParties({ v, d }: { v: ViewContext; d: CasePageData }) {
  const c = d.row;
  const partyForm = d.forms.party ?? {
    input: { kind: 'person', role: 'party', name: '', cpr: '', cvr: '', address: '', email: '', phone: '' },
    errors: {},
  };
  return (
    <Section id="parties" title={v.t('parties.title')}>
      {d.parties.length === 0 ? (
        <p class="mb-3 text-slate-700">{v.t('parties.none')}</p>
      ) : (
        <ul class="mb-4 space-y-3">
          {d.parties.map((p) => (
            <li class="rounded-md border border-slate-200 px-3 py-2">
              <p class="font-semibold">{p.name}</p>
              <p class="text-sm text-slate-700">
                {v.t(`parties.kind.${p.kind}`)} · {v.t(`parties.role.${p.role}`)}
              </p>
              {p.cprMasked && (
                <p class="text-sm">
                  {v.t('parties.cpr')}:{' '}
                  <span class="font-mono">{d.shownCpr?.partyId === p.id ? d.shownCpr.cpr : p.cprMasked}</span>
                </p>
              )}
              {p.cvr && (
                <p class="text-sm">
                  {v.t('parties.cvr')}: <span class="font-mono">{p.cvr}</span>
                </p>
              )}
              {p.address && <p class="text-sm text-slate-700">{p.address}</p>}
              {p.email && (
                <p class="text-sm">
                  <a href={`mailto:${p.email}`}>{p.email}</a>
                </p>
              )}
              {p.phone && <p class="text-sm text-slate-700">{p.phone}</p>}
              {p.cprMasked && d.allowed.unmask && d.shownCpr?.partyId !== p.id && (
                <form method="post" action={`/cases/${c.id}/parties/${p.id}/cpr-views`} class="mt-1">
                  <button type="submit" class="btn-link text-sm">
                    {v.t('parties.showCpr')}
                    <span class="sr-only">: {p.name}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {d.allowed.edit && (
        <details open={!!d.forms.party}>
          <summary class="btn-secondary cursor-pointer list-none">{v.t('parties.add')}</summary>
          <form method="post" action={`/cases/${c.id}/parties`} class="mt-3" novalidate>
            {partyForm.notice && (
              <div role="status" class="mb-4">
                <Notice kind={partyForm.notice.kind}>
                  <p>{v.t(partyForm.notice.key)}</p>
                </Notice>
              </div>
            )}
            <SelectField
              id="kind"
              label={v.t('parties.kind')}
              value={partyForm.input.kind}
              error={partyForm.errors.kind}
              options={(['person', 'company', 'other'] as const).map((k) => ({
                value: k,
                label: v.t(`parties.kind.${k}`),
              }))}
            />
            <SelectField
              id="role"
              label={v.t('parties.role')}
              value={partyForm.input.role}
              error={partyForm.errors.role}
              options={(['party', 'representative', 'copy'] as const).map((k) => ({
                value: k,
                label: v.t(`parties.role.${k}`),
              }))}
            />
            <TextField
              id="name"
              label={v.t('parties.name')}
              value={partyForm.input.name}
              error={partyForm.errors.name}
              autocomplete="off"
            />
            <TextField
              id="cpr"
              label={v.t('parties.cpr')}
              value={partyForm.input.cpr}
              hint={v.t('cases.party.cpr.hint')}
              error={partyForm.errors.cpr}
              inputmode="numeric"
              autocomplete="off"
            />
            <TextField
              id="cvr"
              label={v.t('parties.cvr')}
              value={partyForm.input.cvr}
              error={partyForm.errors.cvr}
              inputmode="numeric"
              autocomplete="off"
            />
            <TextField id="address" label={v.t('parties.address')} value={partyForm.input.address} autocomplete="off" />
            <TextField
              id="email"
              type="email"
              label={v.t('parties.email')}
              value={partyForm.input.email}
              error={partyForm.errors.email}
              autocomplete="off"
            />
            <TextField
              id="phone"
              type="tel"
              label={v.t('parties.phone')}
              value={partyForm.input.phone}
              autocomplete="off"
            />
            <div class="flex flex-wrap gap-3">
              <button type="submit" class="btn-primary">
                {v.t('parties.add')}
              </button>
              {d.allowed.lookup && (
                <button type="submit" name="lookup" value="1" class="btn-secondary" aria-describedby="lookup-hint">
                  {v.t('registers.lookup.button')}
                </button>
              )}
            </div>
            {d.allowed.lookup && (
              <p id="lookup-hint" class="hint mt-2">
                {v.t('registers.lookup.hint')}
              </p>
            )}
          </form>
        </details>
      )}
    </Section>
  );
}
