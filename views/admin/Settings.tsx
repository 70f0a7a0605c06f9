import type { ViewContext } from '../context.ts';
import type { QuotaInput } from '../../src/files/quotas.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { PALETTE } from '../../src/http/branding.ts';
import { ErrorSummary, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';
import { AdminCrumb } from './AdminHome.tsx';

export type SettingSectionId = 'municipality' | 'calendar' | 'files' | 'records' | 'meetings';

interface RowBase {
  key: string;
  id: string;
  section: SettingSectionId;
  label: MessageKey;
  help: MessageKey;
  effect: MessageKey;
  /** The current value as a reader sees it. */
  display: string;
  defaultText: string;
}

/** A setting of the page: changed here, or kept by a module on its own page (a link). */
export type SettingRow =
  | (RowBase & {
      kind: 'here';
      type: 'text' | 'choice' | 'megabytes' | 'dates';
      value: string;
      choices?: ReadonlyArray<{ value: string; label: MessageKey }>;
    })
  | (RowBase & { kind: 'elsewhere'; href: string; linkLabel: MessageKey; owner: MessageKey });

export interface SettingsForm {
  quotas?: QuotaInput;
  closingDays?: string;
  /** What was typed in the municipality's form, by setting key (kept on a 422). */
  typed?: Record<string, string>;
  errors?: FieldErrors;
}

const SECTIONS: Array<{ id: SettingSectionId; title: MessageKey; lead: MessageKey }> = [
  { id: 'municipality', title: 'settings.section.municipality', lead: 'settings.section.municipality.lead' },
  { id: 'calendar', title: 'settings.section.calendar', lead: 'settings.section.calendar.lead' },
  { id: 'files', title: 'settings.section.files', lead: 'settings.section.files.lead' },
  { id: 'records', title: 'settings.section.records', lead: 'settings.section.records.lead' },
  { id: 'meetings', title: 'settings.section.meetings', lead: 'settings.section.meetings.lead' },
];

/** What a setting means, its value now, its default and where it takes effect. */
function Facts({ v, row }: { v: ViewContext; row: SettingRow }) {
  return (
    <dl class="mt-1 grid gap-x-4 gap-y-1 text-sm text-slate-700 sm:grid-cols-[max-content_1fr]" id={`${row.id}-facts`}>
      <dt class="font-semibold">{v.t('settings.facts.current')}</dt>
      <dd class="whitespace-pre-line">{row.display}</dd>
      <dt class="font-semibold">{v.t('settings.facts.default')}</dt>
      <dd>{row.defaultText}</dd>
      <dt class="font-semibold">{v.t('settings.facts.effect')}</dt>
      <dd>{v.t(row.effect)}</dd>
    </dl>
  );
}

function Elsewhere({ v, row }: { v: ViewContext; row: Extract<SettingRow, { kind: 'elsewhere' }> }) {
  return (
    <li class="border-t border-slate-200 py-4 first:border-t-0 first:pt-0">
      <h3 class="font-semibold">{v.t(row.label)}</h3>
      <p class="text-sm text-slate-700">{v.t(row.help)}</p>
      <Facts v={v} row={row} />
      <p class="mt-2 text-sm">
        <a href={row.href}>{v.t(row.linkLabel)}</a>{' '}
        <span class="text-slate-600">({v.t('settings.facts.owner', { owner: v.t(row.owner) })})</span>
      </p>
    </li>
  );
}

/**
 * Administration → Indstillinger: every setting of the municipality in sections (with anchors),
 * each with its meaning, value, default and where it takes effect; forms for those changed here,
 * links for those a module keeps on its own page.
 */
export function SettingsPage({
  v,
  rows,
  form,
  logo,
  name,
}: {
  v: ViewContext;
  rows: SettingRow[];
  form: SettingsForm & { quotas: QuotaInput; closingDays: string };
  logo: { url: string; width: number; height: number } | null;
  /** The municipality's name in force (the logo's alt text). */
  name: string;
}) {
  const errors = form.errors ?? {};
  const bySection = (id: SettingSectionId) => rows.filter((r) => r.section === id);
  const row = (key: string) => rows.find((r) => r.key === key);
  const nameRow = row('municipality.name');
  const colourRow = row('municipality.colour');
  const typed = (key: string, fallback: string) => form.typed?.[key] ?? fallback;
  const colour = colourRow?.kind === 'here' ? typed('municipality.colour', colourRow.value) : 'havblaa';
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader title={v.t('settings.title')} lead={v.t('settings.lead')} />
      <ErrorSummary errors={errors} t={v.t} />
      <nav aria-labelledby="settings-toc" class="mb-6">
        <h2 id="settings-toc" class="sr-only">
          {v.t('settings.toc')}
        </h2>
        <ul class="flex flex-wrap gap-x-4 gap-y-1">
          {SECTIONS.map((s) => (
            <li>
              <a href={`#${s.id}`} class="inline-flex min-h-11 items-center">
                {v.t(s.title)}
              </a>
            </li>
          ))}
          <li>
            <a href="/admin/email-templates" class="inline-flex min-h-11 items-center">
              {v.t('mailTemplates.title')}
            </a>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="municipality-title" id="municipality" class="card mb-6 max-w-3xl">
        <h2 id="municipality-title" class="text-lg font-bold">
          {v.t('settings.section.municipality')}
        </h2>
        <p class="mb-4 mt-1 text-sm text-slate-700">{v.t('settings.section.municipality.lead')}</p>
        <form method="post" action="/admin/settings/municipality" novalidate>
          {nameRow?.kind === 'here' && (
            <div class="mb-5">
              <TextField
                id={nameRow.id}
                name={nameRow.key}
                label={v.t(nameRow.label)}
                hint={v.t(nameRow.help)}
                value={typed(nameRow.key, nameRow.value)}
                error={errors[nameRow.id]}
                autocomplete="organization"
                class="mb-1 max-w-md"
              />
              <Facts v={v} row={nameRow} />
            </div>
          )}
          {colourRow?.kind === 'here' && (
            <fieldset
              class="mb-5"
              id={colourRow.id}
              aria-describedby={[`${colourRow.id}-hint`, errors[colourRow.id] ? `${colourRow.id}-error` : '']
                .filter(Boolean)
                .join(' ')}
            >
              <legend class="label">{v.t(colourRow.label)}</legend>
              <span class="hint" id={`${colourRow.id}-hint`}>
                {v.t(colourRow.help)}
              </span>
              {errors[colourRow.id] && (
                <span class="field-error" id={`${colourRow.id}-error`}>
                  {errors[colourRow.id]}
                </span>
              )}
              <div class="mt-2 grid gap-2 sm:grid-cols-2">
                {PALETTE.map((p) => (
                  <div class="flex min-h-11 items-center gap-3">
                    <input
                      class="size-5 accent-brand-700"
                      type="radio"
                      id={`${colourRow.id}-${p.id}`}
                      name={colourRow.key}
                      value={p.id}
                      checked={p.id === colour}
                    />
                    <label for={`${colourRow.id}-${p.id}`} class="flex items-center gap-2">
                      <span aria-hidden="true" class={`brand-${p.id} inline-block size-6 rounded bg-brand-700`}></span>
                      {v.t(p.label)}
                    </label>
                  </div>
                ))}
              </div>
              <Facts v={v} row={colourRow} />
            </fieldset>
          )}
          <button type="submit" class="btn-primary">
            {v.t('settings.municipality.save')}
          </button>
        </form>

        <h3 class="mt-8 font-semibold" id="logo-title">
          {v.t('branding.logo.title')}
        </h3>
        <p class="text-sm text-slate-700">{v.t('branding.logo.help')}</p>
        {logo ? (
          <div class="my-3 flex flex-wrap items-center gap-4">
            <span class="on-dark inline-flex rounded-md bg-brand-700 p-2">
              <img src={logo.url} alt={name} width={logo.width} height={logo.height} class="h-10 w-auto" />
            </span>
            <form method="post" action="/admin/settings/logo/deletion">
              <button type="submit" class="btn-secondary">
                {v.t('branding.logo.remove')}
              </button>
            </form>
          </div>
        ) : (
          <p class="my-3 text-sm text-slate-700">{v.t('branding.logo.none')}</p>
        )}
        <form method="post" action="/admin/settings/logo" enctype="multipart/form-data" novalidate>
          <div class="mb-4">
            <label class="label" for="logo">
              {v.t('branding.logo.file')}
            </label>
            <span class="hint" id="logo-hint">
              {v.t('branding.logo.file.hint')}
            </span>
            {errors.logo && (
              <span class="field-error" id="logo-error">
                {errors.logo}
              </span>
            )}
            <input
              class="input"
              type="file"
              id="logo"
              name="logo"
              accept=".png,image/png"
              aria-invalid={errors.logo ? 'true' : undefined}
              aria-describedby={['logo-hint', errors.logo ? 'logo-error' : ''].filter(Boolean).join(' ')}
            />
          </div>
          <button type="submit" class="btn-primary">
            {v.t('branding.logo.upload')}
          </button>
        </form>
      </section>

      <section aria-labelledby="calendar-title" id="calendar" class="card mb-6 max-w-3xl">
        <h2 id="calendar-title" class="text-lg font-bold">
          {v.t('settings.section.calendar')}
        </h2>
        <p class="mb-4 mt-1 text-sm text-slate-700">{v.t('settings.section.calendar.lead')}</p>
        <form method="post" action="/admin/settings/closing-days" novalidate>
          <TextArea
            id="closingDays"
            label={v.t('settings.closingDays')}
            hint={v.t('settings.closingDays.hint')}
            value={form.closingDays}
            error={errors.closingDays}
            rows={8}
            class="mb-1 max-w-md"
          />
          {row('calendar.closing_days') && <Facts v={v} row={row('calendar.closing_days')!} />}
          <button type="submit" class="btn-primary mt-4">
            {v.t('settings.closing.save')}
          </button>
        </form>
        <ElsewhereList v={v} rows={bySection('calendar')} />
      </section>

      <section aria-labelledby="files-title" id="files" class="card mb-6 max-w-3xl">
        <h2 id="files-title" class="text-lg font-bold">
          {v.t('settings.section.files')}
        </h2>
        <p class="mb-4 mt-1 text-sm text-slate-700">{v.t('settings.files.lead')}</p>
        <form method="post" action="/admin/settings" novalidate>
          <TextField
            id="personalMb"
            label={v.t('settings.personalMb')}
            hint={v.t('settings.personalMb.hint')}
            value={form.quotas.personalMb}
            error={errors.personalMb}
            inputmode="numeric"
            class="mb-1 max-w-md"
          />
          {row('files.personalQuotaBytes') && <Facts v={v} row={row('files.personalQuotaBytes')!} />}
          <div class="mt-5">
            <TextField
              id="roomMb"
              label={v.t('settings.roomMb')}
              hint={v.t('settings.roomMb.hint')}
              value={form.quotas.roomMb}
              error={errors.roomMb}
              inputmode="numeric"
              class="mb-1 max-w-md"
            />
            {row('files.roomQuotaBytes') && <Facts v={v} row={row('files.roomQuotaBytes')!} />}
          </div>
          <button type="submit" class="btn-primary mt-4">
            {v.t('settings.save')}
          </button>
        </form>
      </section>

      <section aria-labelledby="records-title" id="records" class="card mb-6 max-w-3xl">
        <h2 id="records-title" class="text-lg font-bold">
          {v.t('settings.section.records')}
        </h2>
        <p class="mb-4 mt-1 text-sm text-slate-700">{v.t('settings.section.records.lead')}</p>
        <ElsewhereList v={v} rows={bySection('records')} />
        <p class="mt-4 text-sm">
          <a href="/admin/kle">{v.t('settings.link.kle')}</a>
        </p>
      </section>

      <section aria-labelledby="meetings-title" id="meetings" class="card mb-6 max-w-3xl">
        <h2 id="meetings-title" class="text-lg font-bold">
          {v.t('settings.section.meetings')}
        </h2>
        <p class="mb-4 mt-1 text-sm text-slate-700">{v.t('settings.section.meetings.lead')}</p>
        <ElsewhereList v={v} rows={bySection('meetings')} />
        <p class="mt-4 text-sm">
          <a href="/meetings/committees">{v.t('settings.link.committees')}</a>
        </p>
      </section>

      <section aria-labelledby="templates-title" class="card mb-6 max-w-3xl">
        <h2 id="templates-title" class="text-lg font-bold">
          {v.t('settings.section.templates')}
        </h2>
        <ul class="mt-2 list-disc pl-5">
          <li>
            <a href="/admin/email-templates">{v.t('mailTemplates.title')}</a>
          </li>
          <li>
            <a href="/admin/letter-templates">{v.t('letters.templates.title')}</a>
          </li>
        </ul>
      </section>
    </>
  );
}

function ElsewhereList({ v, rows }: { v: ViewContext; rows: SettingRow[] }) {
  const list = rows.filter((r): r is Extract<SettingRow, { kind: 'elsewhere' }> => r.kind === 'elsewhere');
  if (!list.length) return null;
  return (
    <ul class="mt-4">
      {list.map((r) => (
        <Elsewhere v={v} row={r} />
      ))}
    </ul>
  );
}
