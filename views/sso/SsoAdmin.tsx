import type { ViewContext } from '../context.ts';
import type { ProviderView, GroupRule } from '../../src/modules/sso/provider.ts';
import { ROLES } from '../../src/policy/index.ts';
import { Checkbox, ErrorSummary, RadioGroup, SelectField, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { AdminCrumb } from '../admin/AdminHome.tsx';

/** The connection test's answer, shown at the top of the page. */
export type ConnectionTest =
  | {
      ok: true;
      issuer: string;
      authorization: string;
      token: string;
      endSession: string | null;
      userinfo: string | null;
    }
  | { ok: false; detail: string };

export interface RuleForm {
  group: string;
  kind: string;
  role: string;
  unitId: string;
}

export interface SsoAdminModel {
  provider: ProviderView;
  /** The provider form as typed (kept on a 422); the secret is never echoed. */
  providerErrors: FieldErrors;
  rules: GroupRule[];
  ruleForm: RuleForm;
  ruleErrors: FieldErrors;
  units: Array<{ id: number; name: string; depth: number }>;
  localPasswords: boolean;
  localError: string | null;
  breakGlass: { accounts: number; activeAdmins: number };
  test: ConnectionTest | null;
}

/** Administration → Single sign-on: the provider, the group rules and the local-password switch. */
export function SsoAdminPage({ v, m }: { v: ViewContext; m: SsoAdminModel }) {
  const p = m.provider;
  const roleLabel = (r: string) => v.t(`role.${r}` as Parameters<typeof v.t>[0]);
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('sso.title')} lead={v.t('sso.lead')} />
      {m.test && (
        <div role="status" id="sso-test-result">
          {m.test.ok ? (
            <Notice kind="success">
              <p class="font-semibold">{v.t('sso.test.ok', { issuer: m.test.issuer })}</p>
              <ul class="mt-2 list-disc pl-5 text-sm">
                <li>{v.t('sso.test.authorization', { url: m.test.authorization })}</li>
                <li>{v.t('sso.test.token', { url: m.test.token })}</li>
                <li>
                  {m.test.endSession
                    ? v.t('sso.test.endSession', { url: m.test.endSession })
                    : v.t('sso.test.noEndSession')}
                </li>
                <li>
                  {m.test.userinfo ? v.t('sso.test.userinfo', { url: m.test.userinfo }) : v.t('sso.test.noUserinfo')}
                </li>
              </ul>
            </Notice>
          ) : (
            <Notice kind="error">
              <p class="font-semibold">{v.t('sso.test.failed')}</p>
              <p class="mt-1 break-words text-sm">{m.test.detail}</p>
            </Notice>
          )}
        </div>
      )}

      <section aria-labelledby="sso-provider-title" class="card max-w-3xl">
        <h2 id="sso-provider-title" class="text-lg font-bold">
          {v.t('sso.provider.title')}
        </h2>
        <p class="mb-4 mt-1 text-sm text-slate-700">{v.t('sso.provider.lead')}</p>
        <ErrorSummary errors={m.providerErrors} t={v.t} />
        <form method="post" action="/admin/sso" novalidate>
          <Checkbox id="enabled" label={v.t('sso.enabled')} hint={v.t('sso.enabled.hint')} checked={p.enabled} />
          <TextField
            id="issuer"
            type="url"
            label={v.t('sso.issuer')}
            hint={v.t('sso.issuer.hint')}
            value={p.issuer}
            error={m.providerErrors.issuer}
            spellcheck={false}
          />
          <TextField
            id="clientId"
            label={v.t('sso.clientId')}
            value={p.clientId}
            error={m.providerErrors.clientId}
            spellcheck={false}
          />
          <TextField
            id="clientSecret"
            type="password"
            label={v.t('sso.clientSecret')}
            hint={p.secretSaved ? v.t('sso.clientSecret.saved') : v.t('sso.clientSecret.none')}
            error={m.providerErrors.clientSecret}
            autocomplete="new-password"
          />
          <TextField
            id="scopes"
            label={v.t('sso.scopes')}
            hint={v.t('sso.scopes.hint')}
            value={p.scopes}
            error={m.providerErrors.scopes}
            spellcheck={false}
          />
          <TextField
            id="buttonName"
            label={v.t('sso.buttonName')}
            hint={v.t('sso.buttonName.hint')}
            value={p.buttonName}
            error={m.providerErrors.buttonName}
          />
          <TextField
            id="contact"
            label={v.t('sso.contact')}
            hint={v.t('sso.contact.hint')}
            value={p.contact}
            error={m.providerErrors.contact}
          />
          <TextField
            id="matchClaim"
            label={v.t('sso.matchClaim')}
            hint={v.t('sso.matchClaim.hint')}
            value={p.matchClaim}
            error={m.providerErrors.matchClaim}
            spellcheck={false}
          />
          <Checkbox
            id="createUsers"
            label={v.t('sso.createUsers')}
            hint={v.t('sso.createUsers.hint')}
            checked={p.createUsers}
          />
          <TextField
            id="usernameClaim"
            label={v.t('sso.usernameClaim')}
            hint={v.t('sso.usernameClaim.hint')}
            value={p.usernameClaim}
            error={m.providerErrors.usernameClaim}
            spellcheck={false}
          />
          <TextField
            id="groupClaim"
            label={v.t('sso.groupClaim')}
            hint={v.t('sso.groupClaim.hint')}
            value={p.groupClaim}
            error={m.providerErrors.groupClaim}
            spellcheck={false}
          />
          <div class="flex flex-wrap gap-3">
            <button type="submit" class="btn-primary">
              {v.t('sso.save')}
            </button>
            <button type="submit" class="btn-secondary" formaction="/admin/sso/tests">
              {v.t('sso.test')}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="sso-rules-title" class="card mt-6 max-w-3xl">
        <h2 id="sso-rules-title" class="text-lg font-bold">
          {v.t('sso.rules.title')}
        </h2>
        <p class="mb-2 mt-1 text-sm text-slate-700">{v.t('sso.rules.lead')}</p>
        <p class="mb-4 text-sm text-slate-700">{v.t('sso.rules.managed')}</p>
        {m.rules.length === 0 ? (
          <p class="mb-4">{v.t('sso.rules.none')}</p>
        ) : (
          <ScrollTable label={v.t('sso.rules.title')}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{v.t('sso.rules.col.order')}</th>
                  <th scope="col">{v.t('sso.rules.col.group')}</th>
                  <th scope="col">{v.t('sso.rules.col.effect')}</th>
                  <th scope="col">{v.t('sso.rules.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {m.rules.map((r, i) => (
                  <tr>
                    <td>{i + 1}</td>
                    <td class="break-all font-mono text-sm">{r.group}</td>
                    <td>
                      {r.kind === 'role'
                        ? v.t('sso.rules.effect.role', { role: r.role ? roleLabel(r.role) : '?' })
                        : v.t('sso.rules.effect.unit', { unit: r.unitName ?? '?' })}
                    </td>
                    <td>
                      <div class="flex flex-wrap gap-2">
                        {i > 0 && (
                          <form method="post" action={`/admin/sso/rules/${r.id}/position`}>
                            <input type="hidden" name="direction" value="up" />
                            <button
                              type="submit"
                              class="btn-secondary"
                              aria-label={v.t('sso.rules.up.label', { n: i + 1 })}
                            >
                              {v.t('sso.rules.up')}
                            </button>
                          </form>
                        )}
                        {i < m.rules.length - 1 && (
                          <form method="post" action={`/admin/sso/rules/${r.id}/position`}>
                            <input type="hidden" name="direction" value="down" />
                            <button
                              type="submit"
                              class="btn-secondary"
                              aria-label={v.t('sso.rules.down.label', { n: i + 1 })}
                            >
                              {v.t('sso.rules.down')}
                            </button>
                          </form>
                        )}
                        <form method="post" action={`/admin/sso/rules/${r.id}/deletion`}>
                          <button
                            type="submit"
                            class="btn-danger"
                            aria-label={v.t('sso.rules.delete.label', { n: i + 1 })}
                          >
                            {v.t('sso.rules.delete')}
                          </button>
                        </form>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        <h3 class="mt-6 text-base font-bold">{v.t('sso.rules.add')}</h3>
        <ErrorSummary errors={m.ruleErrors} t={v.t} />
        <form method="post" action="/admin/sso/rules" class="mt-2" novalidate>
          <TextField
            id="rule-group"
            name="group"
            label={v.t('sso.rules.group')}
            hint={v.t('sso.rules.group.hint')}
            value={m.ruleForm.group}
            error={m.ruleErrors['rule-group']}
            spellcheck={false}
          />
          <RadioGroup
            name="kind"
            legend={v.t('sso.rules.kind')}
            value={m.ruleForm.kind || 'role'}
            error={m.ruleErrors.kind}
            options={[
              { value: 'role', label: v.t('sso.rules.kind.role') },
              { value: 'unit', label: v.t('sso.rules.kind.unit') },
            ]}
          />
          <SelectField
            id="rule-role"
            name="role"
            label={v.t('sso.rules.role')}
            value={m.ruleForm.role}
            error={m.ruleErrors['rule-role']}
            options={[
              { value: '', label: v.t('sso.rules.choose') },
              ...ROLES.map((r) => ({ value: r, label: roleLabel(r) })),
            ]}
          />
          <SelectField
            id="rule-unitId"
            name="unitId"
            label={v.t('sso.rules.unit')}
            value={m.ruleForm.unitId}
            error={m.ruleErrors['rule-unitId']}
            options={[
              { value: '', label: v.t('sso.rules.choose') },
              ...m.units.map((u) => ({ value: String(u.id), label: `${'– '.repeat(u.depth)}${u.name}` })),
            ]}
          />
          <button type="submit" class="btn-primary">
            {v.t('sso.rules.addButton')}
          </button>
        </form>
      </section>

      <section aria-labelledby="sso-local-title" class="card mt-6 max-w-3xl">
        <h2 id="sso-local-title" class="text-lg font-bold">
          {v.t('sso.local.title')}
        </h2>
        <p class="mb-2 mt-1 text-sm text-slate-700">{v.t('sso.local.lead')}</p>
        <p class="mb-2 font-semibold" id="sso-local-state">
          {m.localPasswords ? v.t('sso.local.on') : v.t('sso.local.off')}
        </p>
        <p class="mb-4" id="sso-break-glass">
          {v.t('sso.local.breakGlass', { accounts: m.breakGlass.accounts, admins: m.breakGlass.activeAdmins })}
        </p>
        {m.localError && (
          <div role="alert" tabindex={-1} data-autofocus id="sso-local-error">
            <Notice kind="error">
              <p class="font-semibold">{m.localError}</p>
            </Notice>
          </div>
        )}
        <form method="post" action="/admin/sso/local-passwords">
          <input type="hidden" name="local" value={m.localPasswords ? 'off' : 'on'} />
          <button type="submit" class={m.localPasswords ? 'btn-danger' : 'btn-primary'}>
            {m.localPasswords ? v.t('sso.local.switchOff') : v.t('sso.local.switchOn')}
          </button>
        </form>
      </section>
    </>
  );
}
