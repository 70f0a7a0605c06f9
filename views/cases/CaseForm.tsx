import type { ViewContext } from '../context.ts';
import type { CaseInput } from '../../src/modules/cases/service.ts';
import type { OrgUnit } from '../../src/db/schema.ts';
import {
  Checkbox,
  ErrorSummary,
  Fieldset,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  type FieldErrors,
} from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';
import type { RuleInForce } from '../../src/modules/kle/retention.ts';
import { RuleSource, retentionOptions, ruleLabel } from './RetentionRule.tsx';

export interface KleOption {
  number: string;
  title: string;
}
export interface FacetOption {
  code: string;
  title: string;
}

const TYPES = ['subject', 'geo', 'citizen', 'company', 'access_request'] as const;

/** What the form shows about retention: records managers may set the case's own rule (with a reason). */
export interface RetentionFormState {
  mayOverride: boolean;
  /** The rule in force for the case's subject and facet (edit), shown with where it came from. */
  rule?: RuleInForce;
  kleNumber?: string;
  facetCode?: string;
  /** The case's own rule, when it has one. */
  own?: { retention: string; years: number | null; reason: string | null } | null;
}

function RetentionFields({
  v,
  input,
  errors,
  state,
}: {
  v: ViewContext;
  input: CaseInput;
  errors: FieldErrors;
  state: RetentionFormState;
}) {
  const inForce = state.rule && state.kleNumber && state.facetCode && (
    <RuleSource v={v} rule={state.rule} kleNumber={state.kleNumber} facetCode={state.facetCode} />
  );
  if (!state.mayOverride) {
    return (
      <Fieldset legend={v.t('cases.retention')}>
        <div class="mb-3 text-slate-800" id="retention-readonly">
          {state.own ? (
            <p>
              {ruleLabel(v, state.own.retention, state.own.years)}.{' '}
              {v.t('records.rule.caseOwn', { reason: state.own.reason ?? '–' })}
            </p>
          ) : state.rule ? (
            <>
              <p class="font-semibold">{ruleLabel(v, state.rule.retention, state.rule.years)}</p>
              {inForce}
            </>
          ) : (
            <p>{v.t('records.rule.formInherits')}</p>
          )}
          <p class="mt-2 text-sm text-slate-700">{v.t('records.rule.formOnlyManagers')}</p>
        </div>
      </Fieldset>
    );
  }
  return (
    <Fieldset legend={v.t('cases.retention')}>
      {state.rule && (
        <div class="mb-3">
          <p class="text-sm">
            {v.t('records.rule.formInForce', { rule: ruleLabel(v, state.rule.retention, state.rule.years) })}
          </p>
          {inForce}
        </div>
      )}
      {state.own && <p class="mb-3 text-sm">{v.t('records.rule.caseOwn', { reason: state.own.reason ?? '–' })}</p>}
      <div class="grid gap-x-4 sm:grid-cols-2">
        <SelectField
          id="retention"
          label={v.t('records.rule.formOwn')}
          value={input.retention}
          error={errors.retention}
          options={retentionOptions(v, v.t('records.rule.formFollow'))}
        />
        <TextField
          id="retentionYears"
          label={v.t('cases.retention.years')}
          value={input.retentionYears}
          error={errors.retentionYears}
          hint={v.t('records.rule.yearsHint')}
          inputmode="numeric"
        />
      </div>
      <TextArea
        id="retentionReason"
        label={v.t('records.rule.formReason')}
        hint={v.t('records.rule.formReasonHint')}
        value={input.retentionReason}
        error={errors.retentionReason}
        rows={2}
      />
    </Fieldset>
  );
}

/** Step one of creating a case: choose its type (a plain form, so it works without scripts). */
export function ChooseTypePage({ v, error }: { v: ViewContext; error?: string }) {
  return (
    <>
      <PageHeader title={v.t('cases.new')} />
      <ErrorSummary t={v.t} errors={error ? { type: error } : {}} />
      <form method="get" action="/cases/new" class="card max-w-2xl">
        <RadioGroup
          name="type"
          legend={v.t('cases.type')}
          value="subject"
          error={error}
          options={TYPES.map((t) => ({ value: t, label: v.t(`cases.type.${t}`), hint: v.t(`cases.type.${t}.hint`) }))}
        />
        <button type="submit" class="btn-primary">
          {v.t('cases.create')} →
        </button>
      </form>
    </>
  );
}

export function CaseFormPage({
  v,
  mode,
  caseId,
  caseNumber,
  input,
  errors,
  units,
  kle,
  facets,
  manageAccess = true,
  retention = { mayOverride: false },
}: {
  v: ViewContext;
  mode: 'new' | 'edit';
  /** May the user change confidentiality, the access group and the caseworker (edit only)? */
  manageAccess?: boolean;
  retention?: RetentionFormState;
  caseId?: number;
  caseNumber?: string;
  input: CaseInput;
  errors: FieldErrors;
  units: Array<OrgUnit & { depth: number }>;
  kle: KleOption[];
  facets: FacetOption[];
}) {
  const type = input.type as (typeof TYPES)[number];
  const title =
    mode === 'new' ? `${v.t('cases.new')}: ${v.t(`cases.type.${type}`)}` : `${v.t('cases.edit')} ${caseNumber}`;
  const unitOptions = units.map((u) => ({ value: String(u.id), label: `${'\u00a0\u00a0'.repeat(u.depth)}${u.name}` }));
  return (
    <>
      <PageHeader title={title} />
      <ErrorSummary t={v.t} errors={errors} />
      <form method="post" action={mode === 'new' ? '/cases' : `/cases/${caseId}`} class="card max-w-3xl" novalidate>
        {mode === 'new' && <input type="hidden" name="type" value={type} />}
        <TextField id="title" label={v.t('cases.caseTitle')} value={input.title} error={errors.title} required />
        <TextArea
          id="description"
          label={v.t('cases.description')}
          value={input.description}
          error={errors.description}
          rows={4}
        />

        {(type === 'citizen' || type === 'company') && mode === 'new' && (
          <Fieldset legend={v.t('parties.role.party')}>
            <div class="grid gap-x-4 sm:grid-cols-2">
              <TextField
                id="partyName"
                label={v.t('cases.party.name')}
                value={input.partyName}
                error={errors.partyName}
                required
                autocomplete="off"
              />
              {type === 'citizen' ? (
                <TextField
                  id="partyCpr"
                  label={v.t('cases.party.cpr')}
                  value={input.partyCpr}
                  hint={v.t('cases.party.cpr.hint')}
                  error={errors.partyCpr}
                  inputmode="numeric"
                  autocomplete="off"
                  spellcheck={false}
                  required
                />
              ) : (
                <TextField
                  id="partyCvr"
                  label={v.t('cases.party.cvr')}
                  value={input.partyCvr}
                  hint={v.t('cases.party.cvr.hint')}
                  error={errors.partyCvr}
                  inputmode="numeric"
                  autocomplete="off"
                  required
                />
              )}
            </div>
          </Fieldset>
        )}

        {type === 'geo' && (
          <Fieldset legend={v.t('cases.map')}>
            <TextField
              id="address"
              label={v.t('cases.address')}
              value={input.address}
              error={errors.address}
              required
              autocomplete="street-address"
            />
            <TextField
              id="point"
              label={v.t('cases.point')}
              value={input.point}
              hint={v.t('cases.point.hint')}
              error={errors.point}
              spellcheck={false}
            />
            <TextArea
              id="geometry"
              label={v.t('cases.geometry')}
              value={input.geometry}
              hint={v.t('cases.geometry.hint')}
              error={errors.geometry}
              rows={3}
            />
          </Fieldset>
        )}

        <div class="grid gap-x-4 sm:grid-cols-2">
          <div class="mb-5">
            <label class="label" for="kleNumber">
              {v.t('cases.kle')}
            </label>
            <span class="hint" id="kleNumber-hint">
              {v.t('cases.kle.hint')}
            </span>
            {errors.kleNumber && (
              <span class="field-error" id="kleNumber-error">
                {errors.kleNumber}
              </span>
            )}
            <input
              class="input"
              id="kleNumber"
              name="kleNumber"
              value={input.kleNumber}
              list="kle-subjects"
              autocomplete="off"
              spellcheck={false}
              aria-invalid={errors.kleNumber ? 'true' : undefined}
              aria-describedby={['kleNumber-hint', errors.kleNumber ? 'kleNumber-error' : ''].filter(Boolean).join(' ')}
            />
            <datalist id="kle-subjects">
              {kle.map((k) => (
                <option value={k.number}>{`${k.number} ${k.title}`}</option>
              ))}
            </datalist>
          </div>
          <SelectField
            id="facetCode"
            label={v.t('cases.facet')}
            value={input.facetCode}
            error={errors.facetCode}
            options={facets.map((f) => ({ value: f.code, label: `${f.code} ${f.title}` }))}
          />
          <SelectField
            id="unitId"
            label={v.t('cases.unit')}
            value={input.unitId}
            error={errors.unitId}
            options={[{ value: '', label: '–' }, ...unitOptions]}
          />
          <TextField
            id="caseworkerUsername"
            label={v.t('cases.caseworker')}
            value={input.caseworkerUsername}
            hint={v.t('cases.caseworker.hint')}
            error={errors.caseworkerUsername}
            spellcheck={false}
            autocomplete="off"
          />
          {mode === 'new' && (
            <TextField
              id="parentNumber"
              label={v.t('cases.parent')}
              value={input.parentNumber}
              hint={v.t('cases.parent.hint')}
              error={errors.parentNumber}
              spellcheck={false}
              autocomplete="off"
            />
          )}
        </div>

        <RetentionFields v={v} input={input} errors={errors} state={retention} />

        <Fieldset legend={v.t('cases.access')}>
          {!manageAccess && <p class="mb-3 text-sm text-slate-700">{v.t('cases.access.notAllowedHint')}</p>}
          <Checkbox
            id="confidential"
            label={v.t('cases.confidential')}
            hint={v.t('cases.confidential.hint')}
            checked={input.confidential}
          />
          <TextField
            id="accessUsernames"
            label={v.t('cases.accessUsers')}
            value={input.accessUsernames}
            hint={v.t('cases.accessUsers.hint')}
            error={errors.accessUsernames}
            spellcheck={false}
            autocomplete="off"
          />
          <fieldset id="accessUnitIds" class="mb-2">
            <legend class="label">{v.t('cases.accessUnits')}</legend>
            {errors.accessUnitIds && <p class="field-error">{errors.accessUnitIds}</p>}
            <div
              class="grid max-h-64 gap-x-4 overflow-y-auto rounded-md border border-slate-200 p-3 sm:grid-cols-2"
              tabindex={0}
              role="group"
              aria-label={v.t('cases.accessUnits')}
            >
              {units
                .filter((u) => u.kind === 'unit')
                .map((u) => (
                  <Checkbox
                    id={`access-unit-${u.id}`}
                    name="accessUnitIds"
                    value={String(u.id)}
                    label={u.name}
                    checked={input.accessUnitIds.includes(String(u.id))}
                  />
                ))}
            </div>
          </fieldset>
        </Fieldset>

        <div class="flex flex-wrap gap-2">
          <button type="submit" class="btn-primary">
            {mode === 'new' ? v.t('cases.create') : v.t('cases.save')}
          </button>
          <a href={mode === 'new' ? '/cases' : `/cases/${caseId}`} class="btn-secondary">
            {v.t('cases.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
