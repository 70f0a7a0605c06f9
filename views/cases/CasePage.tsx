import type { Child } from 'hono/jsx';
import type { ViewContext } from '../context.ts';
import type { CaseRow } from '../../src/modules/cases/access.ts';
import type { PartyInput, PartyView } from '../../src/modules/cases/parties.ts';
import type { DeadlineInput } from '../../src/modules/cases/deadlines.ts';
import type { Geometry } from '../../src/modules/cases/geo.ts';
import { toSvg, wmsUrl } from '../../src/modules/cases/geo.ts';
import { formatDate, formatDateTime } from '../../src/i18n/index.ts';
import { describeEntry } from '../components/audit.ts';
import { ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice } from '../components/page.tsx';
import { ConfidentialBadge, StatusBadge } from './CaseList.tsx';

export interface CasePageData {
  row: CaseRow;
  kle: { number: string; title: string } | undefined;
  facet: { code: string; title: string } | undefined;
  unitName: string | null;
  caseworkerName: string | null;
  parent: { id: number; number: string; title: string } | undefined;
  access: Array<{ display_name: string | null; unit_name: string | null }>;
  parties: PartyView[];
  notes: Array<{ id: number; author_name: string; body: string; created_at: string }>;
  deadlines: Array<{ id: number; title: string; due_on: string; remind_on: string | null; done_at: string | null; done_by_name: string | null }>;
  children: Array<{ id: number; number: string; title: string; status: CaseRow['status'] }>;
  related: Array<{ id: number; number: string; title: string; status: CaseRow['status'] }>;
  timeline: Array<{ id: number; at: string; actor_name: string | null; action: string; summary: string | null; details: string | null }>;
  /** Rendered by the documents module (list and upload form). */
  documents?: Child;
  allowed: { edit: boolean; unmask: boolean; reopen: boolean; archive: boolean };
  shownCpr?: { partyId: number; name: string; cpr: string };
  today: string;
  /** The municipality's WMS, when configured. */
  map: { url: string | null; layers: string | null } | null;
  forms: {
    party?: { input: PartyInput; errors: FieldErrors };
    note?: { body: string; error: string };
    deadline?: { input: DeadlineInput; errors: FieldErrors };
    relate?: { number: string; error: string };
    status?: { reason: string; error: string };
  };
}

function Section({ id, title, children, actions }: { id: string; title: string; children: Child; actions?: Child }) {
  return (
    <section class="card mb-6" aria-labelledby={`${id}-title`} id={id}>
      <div class="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} class="text-lg font-bold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

function GeoMap({ v, geometry, map }: { v: ViewContext; geometry: Geometry; map: CasePageData['map'] }) {
  const svg = toSvg(geometry);
  const image = map ? wmsUrl(map.url, map.layers, svg) : null;
  const coords = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates[0]!;
  return (
    <div class="mt-3">
      <figure>
        <svg
          viewBox={`0 0 ${svg.width} ${svg.height}`}
          class={`h-auto w-full rounded-md border border-slate-300 bg-slate-50 ${geometry.type === 'Point' ? 'max-w-32' : 'max-w-xs'}`}
          role="img"
          aria-labelledby="map-caption"
        >
          <defs>
            <pattern id="grid" width="32" height="32" patternUnits="userSpaceOnUse">
              <path d="M 32 0 L 0 0 0 32" fill="none" stroke="#e2e8f0" stroke-width="1" />
            </pattern>
          </defs>
          {image ? <image href={image} x="0" y="0" width={svg.width} height={svg.height} preserveAspectRatio="none" /> : <rect width="100%" height="100%" fill="url(#grid)" />}
          {svg.rings.map((r) => (
            <polygon points={r} fill="#aed3eb" fill-opacity="0.6" stroke="#184c78" stroke-width="2" />
          ))}
          {svg.points.map(([x, y]) => (
            <>
              <circle cx={x} cy={y} r="8" fill="#184c78" />
              <circle cx={x} cy={y} r="3" fill="#fff" />
            </>
          ))}
        </svg>
        <figcaption id="map-caption" class="mt-1 text-xs text-slate-600">
          {image ? v.t('cases.map.captionWms') : v.t('cases.map.caption')}
        </figcaption>
      </figure>
      {/* Beside the figure, not in it: a figcaption must be a figure's first or last child. */}
      <details class="mt-1 text-sm">
        <summary class="cursor-pointer">{v.t('cases.map.coordinates')}</summary>
        <ol class="mt-1 list-decimal pl-6 font-mono text-xs">
          {coords.map(([lng, lat]) => (
            <li>{`${lat.toFixed(6)}, ${lng.toFixed(6)}`}</li>
          ))}
        </ol>
      </details>
    </div>
  );
}

export function CasePage({ v, d }: { v: ViewContext; d: CasePageData }) {
  const c = d.row;
  const open = c.status === 'open';
  const partyForm = d.forms.party ?? { input: { kind: 'person', role: 'party', name: '', cpr: '', cvr: '', address: '', email: '', phone: '' }, errors: {} };
  const deadlineForm = d.forms.deadline ?? { input: { title: '', dueOn: '', remindOn: '' }, errors: {} };
  const allErrors: FieldErrors = {
    ...partyForm.errors,
    ...(d.forms.note?.error ? { 'note-body': d.forms.note.error } : {}),
    ...(d.forms.deadline ? Object.fromEntries(Object.entries(deadlineForm.errors).map(([k, val]) => [`deadline-${k}`, val])) : {}),
    ...(d.forms.relate?.error ? { relateNumber: d.forms.relate.error } : {}),
    ...(d.forms.status?.error ? { reason: d.forms.status.error } : {}),
  };
  const geometry = c.geometry ? (JSON.parse(c.geometry) as Geometry) : null;
  return (
    <>
      <nav aria-label={v.t('cases.lists')} class="mb-2 text-sm">
        <a href="/cases">{v.t('cases.title')}</a>
        {d.parent && (
          <>
            {' › '}
            <a href={`/cases/${d.parent.id}`}>{d.parent.number}</a>
          </>
        )}
      </nav>
      <div class="mb-6">
        <p class="font-mono text-sm text-slate-700">{c.number}</p>
        <h1 id="page-title" tabindex={-1} class="text-2xl font-bold tracking-tight sm:text-3xl">
          {c.title}
        </h1>
        <p class="mt-2 flex flex-wrap items-center gap-2">
          <StatusBadge v={v} status={c.status} />
          <span class="badge">{v.t(`cases.type.${c.type}`)}</span>
          {!!c.confidential && <ConfidentialBadge v={v} />}
        </p>
      </div>
      <ErrorSummary t={v.t} errors={allErrors} />
      {d.shownCpr && (
        <div role="status">
          <Notice kind="warning">
            <p>{v.t('parties.cprShown', { name: d.shownCpr.name, cpr: d.shownCpr.cpr })}</p>
          </Notice>
        </div>
      )}
      <div class="grid gap-6 lg:grid-cols-3">
        <div class="min-w-0 lg:col-span-2">
          {c.description && (
            <Section id="description" title={v.t('cases.description')}>
              <p class="whitespace-pre-line">{c.description}</p>
            </Section>
          )}
          {d.documents}
          <Section id="notes" title={v.t('notes.title')}>
            {d.allowed.edit && (
              <form method="post" action={`/cases/${c.id}/notes`} class="mb-4">
                <TextArea id="note-body" name="body" label={v.t('notes.add')} hint={v.t('notes.body.hint')} value={d.forms.note?.body} error={d.forms.note?.error} rows={3} />
                <button type="submit" class="btn-primary">
                  {v.t('notes.submit')}
                </button>
              </form>
            )}
            {d.notes.length === 0 ? (
              <p class="text-slate-700">{v.t('notes.none')}</p>
            ) : (
              <ol class="space-y-3">
                {d.notes.map((n) => (
                  <li class="rounded-md border-l-4 border-brand-300 bg-slate-50 px-4 py-2">
                    <p class="whitespace-pre-line">{n.body}</p>
                    <p class="mt-1 text-xs text-slate-600">
                      {v.t('notes.by', { name: n.author_name, time: formatDateTime(n.created_at, v.locale) })}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </Section>
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
        </div>

        <div class="min-w-0">
          <Section
            id="details"
            title={v.t('cases.details')}
            actions={
              <div class="flex flex-wrap gap-2">
                {d.allowed.edit && (
                  <a href={`/cases/${c.id}/edit`} class="btn-secondary">
                    {v.t('cases.edit')}
                  </a>
                )}
                {v.can('meetings.propose') && (
                  <a href={`/meetings/proposals/new?case=${c.id}`} class="btn-secondary" id="send-to-committee">
                    {v.t('meetings.propose.heading')}
                  </a>
                )}
              </div>
            }
          >
            <dl class="grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-sm">
              <dt class="text-slate-600">{v.t('cases.kle')}</dt>
              <dd>
                <span class="font-mono">{c.kle_number}</span> {d.kle?.title}
              </dd>
              <dt class="text-slate-600">{v.t('cases.facet')}</dt>
              <dd>
                <span class="font-mono">{c.facet_code}</span> {d.facet?.title}
              </dd>
              <dt class="text-slate-600">{v.t('cases.unit')}</dt>
              <dd>{d.unitName}</dd>
              <dt class="text-slate-600">{v.t('cases.caseworker')}</dt>
              <dd>{d.caseworkerName ?? v.t('cases.caseworker.none')}</dd>
              <dt class="text-slate-600">{v.t('cases.retention')}</dt>
              <dd>
                {v.t(`cases.retention.${c.retention}`)}
                {c.retention_years != null && ` · ${v.t('cases.retention.yearsShort', { years: c.retention_years })}`}
                {!!c.retention_overridden && ` (${v.t('cases.retention.overridden')})`}
              </dd>
              {c.address && (
                <>
                  <dt class="text-slate-600">{v.t('cases.address')}</dt>
                  <dd>{c.address}</dd>
                </>
              )}
              <dt class="text-slate-600">{v.t('cases.created')}</dt>
              <dd>{formatDateTime(c.created_at, v.locale)}</dd>
              <dt class="text-slate-600">{v.t('cases.updated')}</dt>
              <dd>{formatDateTime(c.updated_at, v.locale)}</dd>
              {c.closed_at && (
                <>
                  <dt class="text-slate-600">{v.t('cases.closedAt')}</dt>
                  <dd>{formatDateTime(c.closed_at, v.locale)}</dd>
                </>
              )}
              {!!c.confidential && (
                <>
                  <dt class="text-slate-600">{v.t('cases.access')}</dt>
                  <dd>{d.access.map((a) => a.display_name ?? a.unit_name).filter(Boolean).join(', ')}</dd>
                </>
              )}
            </dl>
            {geometry && <GeoMap v={v} geometry={geometry} map={d.map} />}
            <div class="mt-4 flex flex-wrap gap-2 border-t border-slate-200 pt-4">
              {d.allowed.edit && open && (
                <form method="post" action={`/cases/${c.id}/status`}>
                  <input type="hidden" name="change" value="close" />
                  <button type="submit" class="btn-secondary">
                    {v.t('cases.close')}
                  </button>
                </form>
              )}
              {d.allowed.archive && c.status === 'closed' && (
                <form method="post" action={`/cases/${c.id}/status`}>
                  <input type="hidden" name="change" value="archive" />
                  <button type="submit" class="btn-secondary">
                    {v.t('cases.archive')}
                  </button>
                </form>
              )}
            </div>
            {d.allowed.reopen && c.status === 'closed' && (
              <form method="post" action={`/cases/${c.id}/status`} class="mt-3">
                <input type="hidden" name="change" value="reopen" />
                <TextField id="reason" label={v.t('cases.reopen.reason')} value={d.forms.status?.reason} error={d.forms.status?.error} />
                <button type="submit" class="btn-secondary">
                  {v.t('cases.reopen')}
                </button>
              </form>
            )}
          </Section>

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
                        {v.t('parties.cpr')}: <span class="font-mono">{d.shownCpr?.partyId === p.id ? d.shownCpr.cpr : p.cprMasked}</span>
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
                  <SelectField
                    id="kind"
                    label={v.t('parties.kind')}
                    value={partyForm.input.kind}
                    error={partyForm.errors.kind}
                    options={(['person', 'company', 'other'] as const).map((k) => ({ value: k, label: v.t(`parties.kind.${k}`) }))}
                  />
                  <SelectField
                    id="role"
                    label={v.t('parties.role')}
                    value={partyForm.input.role}
                    error={partyForm.errors.role}
                    options={(['party', 'representative', 'copy'] as const).map((k) => ({ value: k, label: v.t(`parties.role.${k}`) }))}
                  />
                  <TextField id="name" label={v.t('parties.name')} value={partyForm.input.name} error={partyForm.errors.name} autocomplete="off" />
                  <TextField id="cpr" label={v.t('parties.cpr')} value={partyForm.input.cpr} hint={v.t('cases.party.cpr.hint')} error={partyForm.errors.cpr} inputmode="numeric" autocomplete="off" />
                  <TextField id="cvr" label={v.t('parties.cvr')} value={partyForm.input.cvr} error={partyForm.errors.cvr} inputmode="numeric" autocomplete="off" />
                  <TextField id="address" label={v.t('parties.address')} value={partyForm.input.address} autocomplete="off" />
                  <TextField id="email" type="email" label={v.t('parties.email')} value={partyForm.input.email} error={partyForm.errors.email} autocomplete="off" />
                  <TextField id="phone" type="tel" label={v.t('parties.phone')} value={partyForm.input.phone} autocomplete="off" />
                  <button type="submit" class="btn-primary">
                    {v.t('parties.add')}
                  </button>
                </form>
              </details>
            )}
          </Section>

          <Section id="deadlines" title={v.t('deadlines.title')}>
            {d.deadlines.length === 0 ? (
              <p class="mb-3 text-slate-700">{v.t('deadlines.none')}</p>
            ) : (
              <ul class="mb-4 space-y-2">
                {d.deadlines.map((dl) => (
                  <li class="rounded-md border border-slate-200 px-3 py-2">
                    <p class={dl.done_at ? 'text-slate-600 line-through' : 'font-semibold'}>{dl.title}</p>
                    <p class={`text-sm ${!dl.done_at && dl.due_on < d.today ? 'font-semibold text-red-800' : 'text-slate-700'}`}>
                      {!dl.done_at && dl.due_on < d.today ? `${v.t('cases.deadlines.overdue')}: ` : `${v.t('deadlines.dueOn')}: `}
                      <time datetime={dl.due_on}>{formatDate(`${dl.due_on}T12:00:00Z`, v.locale)}</time>
                    </p>
                    {dl.done_at ? (
                      <p class="text-sm text-slate-600">{v.t('deadlines.doneBy', { name: dl.done_by_name ?? '' })}</p>
                    ) : (
                      d.allowed.edit && (
                        <form method="post" action={`/cases/${c.id}/deadlines/${dl.id}/completion`}>
                          <button type="submit" class="btn-link text-sm">
                            {v.t('deadlines.markDone')}
                            <span class="sr-only">: {dl.title}</span>
                          </button>
                        </form>
                      )
                    )}
                  </li>
                ))}
              </ul>
            )}
            {d.allowed.edit && open && (
              <details open={!!d.forms.deadline}>
                <summary class="btn-secondary cursor-pointer list-none">{v.t('deadlines.add')}</summary>
                <form method="post" action={`/cases/${c.id}/deadlines`} class="mt-3" novalidate>
                  <TextField id="deadline-title" name="title" label={v.t('deadlines.what')} value={deadlineForm.input.title} error={deadlineForm.errors.title} />
                  <TextField id="deadline-dueOn" name="dueOn" type="date" label={v.t('deadlines.dueOn')} value={deadlineForm.input.dueOn} error={deadlineForm.errors.dueOn} />
                  <TextField
                    id="deadline-remindOn"
                    name="remindOn"
                    type="date"
                    label={v.t('deadlines.remindOn')}
                    hint={v.t('deadlines.remindOn.hint')}
                    value={deadlineForm.input.remindOn}
                    error={deadlineForm.errors.remindOn}
                  />
                  <button type="submit" class="btn-primary">
                    {v.t('deadlines.submit')}
                  </button>
                </form>
              </details>
            )}
          </Section>

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
                <TextField id="relateNumber" name="number" label={v.t('cases.relate.number')} value={d.forms.relate?.number} error={d.forms.relate?.error} class="mb-0 flex-1" spellcheck={false} />
                <button type="submit" class="btn-secondary">
                  {v.t('cases.relate.submit')}
                </button>
              </form>
            )}
          </Section>
        </div>
      </div>
    </>
  );
}
