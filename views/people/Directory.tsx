import { html } from 'hono/html';
import type { ViewContext } from '../context.ts';
import type { DirectoryPerson } from '../../src/modules/org/service.ts';
import { formatNumber } from '../../src/i18n/index.ts';
import { Avatar, avatarHtml, photoUrl } from '../components/avatar.tsx';
import { SelectField, TextField } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';

export interface DirectoryState {
  text: string;
  unit: string;
  skill: string;
  items: DirectoryPerson[];
  total: number;
  /** The query string for the next page, or null on the last page. */
  next: string | null;
  /** True when this is not the first page. */
  paged: boolean;
}

export interface UnitOption {
  id: number;
  name: string;
  depth: number;
}

export function directoryQuery(
  s: { text: string; unit: string; skill: string },
  extra: Record<string, string> = {},
): string {
  const p = new URLSearchParams();
  if (s.text) p.set('q', s.text);
  if (s.unit) p.set('unit', s.unit);
  if (s.skill) p.set('skill', s.skill);
  for (const [k, val] of Object.entries(extra)) if (val) p.set(k, val);
  const q = p.toString();
  return q ? `/people?${q}` : '/people';
}

export function countText(v: ViewContext, total: number): string {
  return total === 1 ? v.t('people.count.one') : v.t('people.count', { count: formatNumber(total, v.locale) });
}

/** One person in a list: avatar, name (link to the profile), title and unit. */
export function PersonRow({ p, note }: { v: ViewContext; p: DirectoryPerson; note?: string }) {
  return (
    <li class="flex items-center gap-3 px-4 py-3">
      <Avatar name={p.displayName} photo={photoUrl(p.username, p.photoSha)} size="sm" decorative />
      <div class="min-w-0">
        <a href={`/people/${p.username}`} class="font-semibold">
          {p.displayName}
        </a>
        {note && <span class="badge ml-2 bg-amber-100 text-amber-950">{note}</span>}
        <p class="text-sm text-slate-700">{[p.title, p.unitName].filter(Boolean).join(' · ')}</p>
      </div>
    </li>
  );
}

/** The results part of the directory: swapped by htmx when the search form changes. */
export function DirectoryResults({ v, s }: { v: ViewContext; s: DirectoryState }) {
  return (
    <section id="people-results" aria-labelledby="people-results-title">
      <h2 id="people-results-title" class="mb-3 text-lg font-bold">
        {v.t('people.results')} <span class="font-normal text-slate-600">({countText(v, s.total)})</span>
      </h2>
      {s.items.length === 0 ? (
        <p class="card">{v.t('people.none')}</p>
      ) : (
        <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {s.items.map(
            (p) =>
              // Rows as a tagged template (values escaped by hono's html): a list page's cost is its rows.
              html`<li class="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">${avatarHtml(p.displayName, photoUrl(p.username, p.photoSha))}<div class="min-w-0 flex-1"><a href="/people/${p.username}" class="font-semibold">${p.displayName}</a><p class="text-sm text-slate-700">${[p.title, p.unitName].filter(Boolean).join(' · ')}</p></div><div class="text-sm sm:text-right">${
                p.email ? html`<a href="mailto:${p.email}" class="block break-words">${p.email}</a>` : ''
              }${p.phone ? html`<span class="block text-slate-700">${p.phone}</span>` : ''}</div></li>`,
          )}
        </ul>
      )}
      <p class="mt-4 flex flex-wrap gap-2">
        {s.paged && (
          <a class="btn-secondary" href={directoryQuery(s)}>
            {v.t('people.first')}
          </a>
        )}
        {s.next && (
          <a class="btn-secondary" href={s.next}>
            {v.t('people.more')}
          </a>
        )}
      </p>
    </section>
  );
}

export function DirectoryPage({
  v,
  s,
  units,
  skills,
  errors,
}: {
  v: ViewContext;
  s: DirectoryState;
  units: UnitOption[];
  skills: Array<{ skill: string; count: number }>;
  errors: Record<string, string>;
}) {
  return (
    <>
      <PageHeader
        title={v.t('people.title')}
        lead={v.t('people.lead')}
        actions={
          <a href="/org" class="btn-secondary">
            {v.t('org.title')}
          </a>
        }
      />
      <form
        method="get"
        action="/people"
        role="search"
        class="card mb-6"
        aria-label={v.t('people.search')}
        hx-get="/people"
        hx-target="#people-results"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <div class="grid gap-x-4 md:grid-cols-3">
          <TextField
            id="q"
            type="search"
            label={v.t('people.search.text')}
            hint={v.t('people.search.text.hint')}
            value={s.text}
            error={errors.q}
            autocomplete="off"
          />
          <SelectField
            id="unit"
            label={v.t('people.search.unit')}
            hint={v.t('people.search.unit.hint')}
            value={s.unit}
            error={errors.unit}
            options={[
              { value: '', label: v.t('people.search.unit.any') },
              ...units.map((u) => ({ value: String(u.id), label: `${'– '.repeat(u.depth)}${u.name}` })),
            ]}
          />
          <div class="mb-5">
            <label class="label" for="skill">
              {v.t('people.search.skill')}
            </label>
            <span class="hint" id="skill-hint">
              {v.t('people.search.skill.hint')}
            </span>
            {errors.skill && (
              <span class="field-error" id="skill-error">
                {errors.skill}
              </span>
            )}
            <input
              class="input"
              id="skill"
              name="skill"
              type="search"
              value={s.skill}
              list="skill-suggestions"
              autocomplete="off"
              aria-describedby={errors.skill ? 'skill-hint skill-error' : 'skill-hint'}
              aria-invalid={errors.skill ? 'true' : undefined}
            />
            <datalist id="skill-suggestions">
              {skills.map((k) => (
                <option value={k.skill}></option>
              ))}
            </datalist>
          </div>
        </div>
        <div class="flex flex-wrap gap-2">
          <button type="submit" class="btn-primary">
            {v.t('people.search.submit')}
          </button>
          <a class="btn-secondary" href="/people">
            {v.t('people.search.reset')}
          </a>
        </div>
      </form>
      {skills.length > 0 && (
        <section aria-labelledby="popular-skills" class="mb-6">
          <h2 id="popular-skills" class="mb-2 font-bold text-slate-700">
            {v.t('people.skills.popular')}
          </h2>
          <ul class="flex flex-wrap gap-2">
            {skills.slice(0, 12).map((k) => (
              <li>
                <a
                  href={directoryQuery({ text: '', unit: '', skill: k.skill })}
                  class="badge min-h-8 bg-brand-50 text-brand-900"
                >
                  {k.skill}
                  <span class="sr-only"> ({countText(v, k.count)})</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <DirectoryResults v={v} s={s} />
    </>
  );
}
