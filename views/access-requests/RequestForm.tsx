import type { ViewContext } from '../context.ts';
import type { RequestInput } from '../../src/modules/access-requests/service.ts';
import { CHANNELS, REQUESTER_KINDS } from '../../src/modules/access-requests/constants.ts';
import {
  Checkbox,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  type FieldErrors,
} from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';

/**
 * Registering a request (staff). For a request that came in with the public form (`fromId`), the
 * requester's own words are kept and the time of receipt is not asked again.
 */
export function RequestForm({
  v,
  input,
  errors,
  fromId,
}: {
  v: ViewContext;
  input: RequestInput;
  errors: FieldErrors;
  fromId?: number;
}) {
  return (
    <>
      <PageHeader title={fromId ? v.t('akt.newFrom') : v.t('akt.new')} />
      <ErrorSummary t={v.t} errors={errors} />
      <form
        method="post"
        action={fromId ? `/access-requests/${fromId}/registration` : '/access-requests'}
        class="card max-w-3xl"
        novalidate
      >
        <RadioGroup
          name="kind"
          legend={v.t('akt.kind')}
          value={input.kind}
          error={errors.kind}
          options={REQUESTER_KINDS.map((k) => ({
            value: k,
            label: v.t(`akt.kind.${k}`),
            hint: k === 'party' ? v.t('akt.kind.hint') : undefined,
          }))}
        />
        <TextField
          id="name"
          label={v.t('akt.name')}
          value={input.name}
          error={errors.name}
          required
          autocomplete="off"
        />
        <p class="hint mb-2">{v.t('akt.contactHint')}</p>
        <TextField
          id="email"
          type="email"
          label={v.t('akt.email')}
          value={input.email}
          error={errors.email}
          autocomplete="off"
        />
        <TextField
          id="phone"
          type="tel"
          label={v.t('akt.phone')}
          value={input.phone}
          error={errors.phone}
          autocomplete="off"
        />
        <TextArea id="address" label={v.t('akt.address')} value={input.address} error={errors.address} rows={3} />
        <TextField
          id="cpr"
          label={v.t('akt.cpr')}
          value={input.cpr}
          error={errors.cpr}
          inputmode="numeric"
          autocomplete="off"
        />
        <TextField
          id="cvr"
          label={v.t('akt.cvr')}
          value={input.cvr}
          error={errors.cvr}
          inputmode="numeric"
          autocomplete="off"
        />
        {!fromId && (
          <>
            <SelectField
              id="channel"
              label={v.t('akt.channel')}
              value={input.channel}
              error={errors.channel}
              options={CHANNELS.map((ch) => ({ value: ch, label: v.t(`akt.channel.${ch}`) }))}
            />
            <div class="mb-5">
              <label class="label" for="receivedAt">
                {v.t('akt.receivedAt')}
              </label>
              <span class="hint" id="receivedAt-hint">
                {v.t('akt.receivedAtHint')}
              </span>
              {errors.receivedAt && (
                <span class="field-error" id="receivedAt-error">
                  {errors.receivedAt}
                </span>
              )}
              <input
                class="input"
                type="datetime-local"
                id="receivedAt"
                name="receivedAt"
                value={input.receivedAt}
                aria-invalid={errors.receivedAt ? 'true' : undefined}
                aria-describedby={errors.receivedAt ? 'receivedAt-hint receivedAt-error' : 'receivedAt-hint'}
              />
            </div>
          </>
        )}
        <TextArea
          id="asksFor"
          label={v.t('akt.asksFor')}
          value={input.asksFor}
          error={errors.asksFor}
          rows={4}
          required
        />
        <TextArea
          id="caseNumbers"
          label={v.t('akt.caseNumbers')}
          hint={v.t('akt.caseNumbersHint')}
          value={input.caseNumbers}
          error={errors.caseNumbers}
          rows={3}
          required
        />
        <Checkbox
          id="confidential"
          label={v.t('akt.confidential')}
          hint={v.t('akt.confidentialHint')}
          checked={input.confidential}
        />
        <button type="submit" class="btn btn-primary mt-4">
          {v.t('akt.submit')}
        </button>
      </form>
    </>
  );
}
