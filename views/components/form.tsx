import type { Child } from 'hono/jsx';
import type { T } from '../../src/i18n/index.ts';

/**
 * Accessible form primitives. Errors follow the GOV.UK pattern: a summary at the top that links
 * to each field (and takes focus), and at each field a message tied to the input by
 * aria-describedby, with aria-invalid on the input. Values are always echoed back, so nothing
 * typed is lost on a validation error.
 */

export type FieldErrors = Record<string, string>;

export function ErrorSummary({ errors, t }: { errors: FieldErrors; t: T }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div
      class="mb-6 rounded-md border-2 border-red-700 bg-white p-4"
      role="alert"
      aria-labelledby="error-summary-title"
      tabindex={-1}
      data-autofocus
      id="error-summary"
    >
      <h2 id="error-summary-title" class="text-lg font-bold text-red-800">
        {entries.length === 1 ? t('form.errorSummary.one') : t('form.errorSummary', { count: entries.length })}
      </h2>
      <ul class="mt-2 list-disc pl-5">
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${field}`} class="font-semibold text-red-800">
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  id: string;
  name?: string;
  label: string;
  value?: string | null;
  type?: 'text' | 'email' | 'password' | 'tel' | 'search' | 'date' | 'number' | 'url';
  hint?: string;
  error?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'email' | 'tel' | 'search';
  spellcheck?: boolean;
  class?: string;
  autofocus?: boolean;
}

export function TextField(p: FieldProps) {
  const hintId = p.hint ? `${p.id}-hint` : undefined;
  const errorId = p.error ? `${p.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.class ?? 'mb-5'}>
      <label class="label" for={p.id}>
        {p.label}
      </label>
      {p.hint && (
        <span class="hint" id={hintId}>
          {p.hint}
        </span>
      )}
      {p.error && (
        <span class="field-error" id={errorId}>
          {p.error}
        </span>
      )}
      <input
        class="input"
        id={p.id}
        name={p.name ?? p.id}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        required={p.required}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        spellcheck={p.spellcheck === false ? false : undefined}
        autofocus={p.autofocus}
      />
    </div>
  );
}

interface SelectProps {
  id: string;
  name?: string;
  label: string;
  value?: string | null;
  options: Array<{ value: string; label: string }>;
  hint?: string;
  error?: string;
  class?: string;
}

export function SelectField(p: SelectProps) {
  const hintId = p.hint ? `${p.id}-hint` : undefined;
  const errorId = p.error ? `${p.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.class ?? 'mb-5'}>
      <label class="label" for={p.id}>
        {p.label}
      </label>
      {p.hint && (
        <span class="hint" id={hintId}>
          {p.hint}
        </span>
      )}
      {p.error && (
        <span class="field-error" id={errorId}>
          {p.error}
        </span>
      )}
      <select
        class="input"
        id={p.id}
        name={p.name ?? p.id}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === (p.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox(p: {
  id: string;
  name?: string;
  label: string;
  checked?: boolean;
  value?: string;
  hint?: string;
}) {
  const hintId = p.hint ? `${p.id}-hint` : undefined;
  return (
    <div class="mb-3 flex items-start gap-3">
      <input
        class="mt-1 size-5 accent-brand-700"
        type="checkbox"
        id={p.id}
        name={p.name ?? p.id}
        value={p.value ?? '1'}
        checked={p.checked}
        aria-describedby={hintId}
      />
      <label for={p.id} class="text-base">
        {p.label}
        {p.hint && (
          <span class="block text-sm text-slate-600" id={hintId}>
            {p.hint}
          </span>
        )}
      </label>
    </div>
  );
}

export function Fieldset({ legend, children }: { legend: string; children: Child }) {
  return (
    <fieldset class="mb-5">
      <legend class="label">{legend}</legend>
      {children}
    </fieldset>
  );
}

export function TextArea(p: {
  id: string;
  name?: string;
  label: string;
  value?: string | null;
  hint?: string;
  error?: string;
  rows?: number;
  required?: boolean;
  class?: string;
  form?: string;
  autofocusSwap?: boolean;
}) {
  const hintId = p.hint ? `${p.id}-hint` : undefined;
  const errorId = p.error ? `${p.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.class ?? 'mb-5'}>
      <label class="label" for={p.id}>
        {p.label}
      </label>
      {p.hint && (
        <span class="hint" id={hintId}>
          {p.hint}
        </span>
      )}
      {p.error && (
        <span class="field-error" id={errorId}>
          {p.error}
        </span>
      )}
      <textarea
        class="input"
        id={p.id}
        name={p.name ?? p.id}
        rows={p.rows ?? 4}
        required={p.required}
        form={p.form}
        data-autofocus-swap={p.autofocusSwap ? '' : undefined}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

/** Radio buttons as a fieldset with a legend; each option may carry a hint. */
export function RadioGroup(p: {
  name: string;
  legend: string;
  value: string;
  options: Array<{ value: string; label: string; hint?: string }>;
  error?: string;
}) {
  return (
    <fieldset class="mb-5" id={p.name} aria-describedby={p.error ? `${p.name}-error` : undefined}>
      <legend class="label">{p.legend}</legend>
      {p.error && (
        <span class="field-error" id={`${p.name}-error`}>
          {p.error}
        </span>
      )}
      {p.options.map((o) => (
        <div class="mb-3 flex items-start gap-3">
          <input
            class="mt-1 size-5 accent-brand-700"
            type="radio"
            id={`${p.name}-${o.value}`}
            name={p.name}
            value={o.value}
            checked={o.value === p.value}
            aria-describedby={o.hint ? `${p.name}-${o.value}-hint` : undefined}
          />
          <label for={`${p.name}-${o.value}`}>
            <span class="font-semibold">{o.label}</span>
            {o.hint && (
              <span class="block text-sm text-slate-600" id={`${p.name}-${o.value}-hint`}>
                {o.hint}
              </span>
            )}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
