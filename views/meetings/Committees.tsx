import type { ViewContext } from '../context.ts';
import type {
  CommitteeInput,
  CommitteeRow,
  CommitteeSummary,
  MeetingWithCommittee,
  MemberRow,
  MembershipInput,
} from '../../src/modules/meetings/index.ts';
import { ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { day, kindKey, MeetingsNav, Paragraphs, roleKey, StatusBadge, when } from './parts.tsx';

export function CommitteesIndexPage({
  v,
  committees,
  today,
  manage,
}: {
  v: ViewContext;
  committees: CommitteeSummary[];
  today: string;
  manage: boolean;
}) {
  return (
    <>
      <MeetingsNav v={v} current="committees" />
      <PageHeader
        title={v.t('meetings.committees.title')}
        lead={v.t('meetings.committees.lead')}
        actions={
          manage ? (
            <a class="btn-primary" href="/meetings/committees/new">
              {v.t('meetings.committees.new')}
            </a>
          ) : undefined
        }
      />
      <ul class="grid gap-4 md:grid-cols-2">
        {committees.map((c) => {
          const ended = !!c.term_end && c.term_end < today;
          return (
            <li class="card">
              <h2 class="text-lg font-semibold">
                <a href={`/meetings/committees/${c.id}`}>{c.name}</a>
              </h2>
              <p class="text-sm text-slate-700">{v.t(kindKey(c.kind))}</p>
              <p class="mt-1">
                {v.t('meetings.committees.members', { count: c.members })}
                {c.chair && <> · {v.t('meetings.committees.chair', { name: c.chair })}</>}
              </p>
              {c.term_start && c.term_end && (
                <p class="text-sm text-slate-700">
                  {v.t('meetings.committees.term', { from: day(v, c.term_start), to: day(v, c.term_end) })}
                </p>
              )}
              {ended && <p class="text-sm font-semibold text-slate-700">{v.t('meetings.committees.ended')}</p>}
            </li>
          );
        })}
      </ul>
    </>
  );
}

export interface CommitteePageData {
  committee: CommitteeRow;
  members: MemberRow[];
  former: MemberRow[];
  year: number;
  plan: MeetingWithCommittee[];
  manage: boolean;
  persons: Array<{ id: number; name: string; party: string | null }>;
  membership: { input: MembershipInput; errors: FieldErrors };
  today: string;
}

function MemberList({
  v,
  d,
  rows,
  former,
}: {
  v: ViewContext;
  d: CommitteePageData;
  rows: MemberRow[];
  former?: boolean;
}) {
  const caption = former ? v.t('meetings.committee.formerMembers') : v.t('meetings.committee.membersNow');
  return (
    <ScrollTable label={caption}>
      <table class="w-full text-left">
        <caption class="sr-only">{caption}</caption>
        <thead class="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" class="px-3 py-2">
              {v.t('meetings.persons.name')}
            </th>
            <th scope="col" class="px-3 py-2">
              {v.t('meetings.committee.role')}
            </th>
            <th scope="col" class="px-3 py-2">
              {v.t('meetings.committee.from')}
            </th>
            {d.manage && !former && (
              <th scope="col" class="px-3 py-2">
                <span class="sr-only">{v.t('meetings.committee.endMember')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr class="border-t border-slate-200">
              <td class="px-3 py-2">
                {m.name}
                {m.party ? (
                  ` (${m.party})`
                ) : (
                  <span class="ml-1 text-sm text-slate-600">– {v.t('meetings.committee.citizen')}</span>
                )}
              </td>
              <td class="px-3 py-2">{v.t(roleKey(m.role))}</td>
              <td class="whitespace-nowrap px-3 py-2">
                {m.endsOn
                  ? v.t('meetings.committee.periodTo', { from: day(v, m.startsOn), to: day(v, m.endsOn) })
                  : v.t('meetings.committee.period', { from: day(v, m.startsOn) })}
              </td>
              {d.manage && !former && (
                <td class="px-3 py-2">
                  <details>
                    <summary class="cursor-pointer text-brand-800 underline">
                      {v.t('meetings.committee.endMember')}
                      <span class="sr-only"> ({m.name})</span>
                    </summary>
                    <form
                      method="post"
                      action={`/meetings/committees/${d.committee.id}/memberships/${m.membershipId}/end`}
                      class="mt-2 flex flex-wrap items-end gap-2"
                    >
                      <div>
                        <label class="label" for={`end-${m.membershipId}`}>
                          {v.t('meetings.committee.endOn')}
                        </label>
                        <input class="input" type="date" id={`end-${m.membershipId}`} name="endsOn" value={d.today} />
                      </div>
                      <button
                        type="submit"
                        class="btn-secondary"
                        aria-label={v.t('meetings.committee.endMemberNamed', { name: m.name })}
                      >
                        {v.t('meetings.committee.endMember')}
                      </button>
                    </form>
                  </details>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function CommitteePage({ v, d }: { v: ViewContext; d: CommitteePageData }) {
  const c = d.committee;
  return (
    <>
      <nav aria-label={v.t('meetings.title')} class="mb-2 text-sm">
        <a href="/meetings/committees">{v.t('meetings.committees.title')}</a>
      </nav>
      <PageHeader
        title={c.name}
        lead={v.t(kindKey(c.kind))}
        actions={
          d.manage ? (
            <>
              <a class="btn-secondary" href={`/meetings/committees/${c.id}/edit`}>
                {v.t('meetings.committee.edit')}
              </a>
              <a class="btn-primary" href={`/meetings/new?committee=${c.id}`}>
                {v.t('meetings.new')}
              </a>
            </>
          ) : undefined
        }
      />
      <ErrorSummary errors={d.membership.errors} t={v.t} />
      {(c.mandate || (c.term_start && c.term_end)) && (
        <section class="card mb-6" aria-labelledby="mandate-title">
          <h2 id="mandate-title" class="mb-2 text-lg font-semibold">
            {v.t('meetings.committee.mandate')}
          </h2>
          {c.term_start && c.term_end && (
            <p class="mb-2 font-medium">
              {v.t('meetings.committees.term', { from: day(v, c.term_start), to: day(v, c.term_end) })}
            </p>
          )}
          {c.mandate && <Paragraphs text={c.mandate} />}
        </section>
      )}
      <section class="mb-6" aria-labelledby="members-title">
        <h2 id="members-title" class="mb-3 text-xl font-semibold">
          {v.t('meetings.committee.membersNow')}
        </h2>
        {d.members.length ? <MemberList v={v} d={d} rows={d.members} /> : <p>{v.t('meetings.committee.noMembers')}</p>}
        {d.manage && (
          <details class="card mt-4" open={Object.keys(d.membership.errors).length > 0}>
            <summary class="cursor-pointer font-semibold">{v.t('meetings.committee.addMember')}</summary>
            <form method="post" action={`/meetings/committees/${c.id}/memberships`} class="mt-3" novalidate>
              <SelectField
                id="personId"
                label={v.t('meetings.committee.person')}
                value={d.membership.input.personId}
                error={d.membership.errors.personId}
                options={[
                  { value: '', label: v.t('meetings.form.choose') },
                  ...d.persons.map((p) => ({
                    value: String(p.id),
                    label: p.party ? `${p.name} (${p.party})` : `${p.name} – ${v.t('meetings.committee.citizen')}`,
                  })),
                ]}
              />
              <SelectField
                id="role"
                label={v.t('meetings.committee.role')}
                value={d.membership.input.role}
                error={d.membership.errors.role}
                options={(['member', 'chair', 'vice_chair', 'substitute'] as const).map((r) => ({
                  value: r,
                  label: v.t(roleKey(r)),
                }))}
              />
              <div class="grid gap-x-4 sm:grid-cols-2">
                <TextField
                  id="startsOn"
                  type="date"
                  label={v.t('meetings.committee.from')}
                  value={d.membership.input.startsOn}
                  error={d.membership.errors.startsOn}
                />
                <TextField
                  id="endsOn"
                  type="date"
                  label={v.t('meetings.committee.to')}
                  value={d.membership.input.endsOn}
                  error={d.membership.errors.endsOn}
                />
              </div>
              <button type="submit" class="btn-primary">
                {v.t('meetings.committee.addMember')}
              </button>
            </form>
          </details>
        )}
      </section>
      <section class="mb-6" aria-labelledby="plan-title" id="plan">
        <div class="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="plan-title" class="text-xl font-semibold">
            {v.t('meetings.committee.plan', { year: d.year })}
          </h2>
          <form method="get" action={`/meetings/committees/${c.id}#plan`} class="flex items-end gap-2">
            <div>
              <label class="label" for="year">
                {v.t('meetings.committee.planYear')}
              </label>
              <input
                class="input w-28"
                type="number"
                id="year"
                name="year"
                value={String(d.year)}
                min="2000"
                max="2100"
                inputmode="numeric"
              />
            </div>
            <button type="submit" class="btn-secondary">
              {v.t('meetings.committee.planShow')}
            </button>
          </form>
        </div>
        {d.plan.length === 0 ? (
          <p>{v.t('meetings.committee.noMeetings', { year: d.year })}</p>
        ) : (
          <ol class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {d.plan.map((m) => (
              <li class="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <span>
                  <a href={`/meetings/${m.id}`}>{when(v, m.starts_at)}</a> · {m.title}
                </span>
                <StatusBadge v={v} status={m.status} />
              </li>
            ))}
          </ol>
        )}
      </section>
      {d.former.length > 0 && (
        <section class="mb-6" aria-labelledby="former-title">
          <h2 id="former-title" class="mb-3 text-xl font-semibold">
            {v.t('meetings.committee.formerMembers')}
          </h2>
          <MemberList v={v} d={d} rows={d.former} former />
        </section>
      )}
    </>
  );
}

export function CommitteeFormPage({
  v,
  mode,
  committee,
  input,
  errors,
  deletable = false,
}: {
  v: ViewContext;
  mode: 'new' | 'edit';
  committee?: CommitteeRow;
  input: CommitteeInput;
  errors: FieldErrors;
  deletable?: boolean;
}) {
  const action = mode === 'new' ? '/meetings/committees' : `/meetings/committees/${committee!.id}`;
  return (
    <>
      <nav aria-label={v.t('meetings.title')} class="mb-2 text-sm">
        <a href={mode === 'new' ? '/meetings/committees' : `/meetings/committees/${committee!.id}`}>
          {mode === 'new' ? v.t('meetings.committees.title') : committee!.name}
        </a>
      </nav>
      <PageHeader
        title={
          mode === 'new'
            ? v.t('meetings.committee.form.newTitle')
            : v.t('meetings.committee.form.editTitle', { name: committee!.name })
        }
      />
      <ErrorSummary errors={errors} t={v.t} />
      <form method="post" action={action} class="card max-w-2xl" novalidate>
        <TextField
          id="name"
          label={v.t('meetings.committee.form.name')}
          value={input.name}
          error={errors.name}
          required
        />
        <TextField
          id="shortName"
          label={v.t('meetings.committee.form.shortName')}
          value={input.shortName}
          error={errors.shortName}
        />
        <SelectField
          id="kind"
          label={v.t('meetings.committee.form.kind')}
          value={input.kind}
          error={errors.kind}
          options={(['council', 'finance', 'standing', 'task', 'other'] as const).map((k) => ({
            value: k,
            label: v.t(kindKey(k)),
          }))}
        />
        <TextArea
          id="mandate"
          label={v.t('meetings.committee.form.mandate')}
          hint={v.t('meetings.committee.form.mandate.hint')}
          value={input.mandate}
          error={errors.mandate}
          rows={5}
        />
        <p class="hint mb-2" id="term-hint">
          {v.t('meetings.committee.form.term.hint')}
        </p>
        <div class="grid gap-x-4 sm:grid-cols-2">
          <TextField
            id="termStart"
            type="date"
            label={v.t('meetings.committee.form.termStart')}
            value={input.termStart}
            error={errors.termStart}
          />
          <TextField
            id="termEnd"
            type="date"
            label={v.t('meetings.committee.form.termEnd')}
            value={input.termEnd}
            error={errors.termEnd}
          />
        </div>
        <TextField
          id="position"
          label={v.t('meetings.committee.form.position')}
          value={input.position}
          error={errors.position}
          inputmode="numeric"
        />
        <div class="flex flex-wrap gap-3">
          <button type="submit" class="btn-primary">
            {mode === 'new' ? v.t('meetings.committee.form.create') : v.t('meetings.form.save')}
          </button>
          <a
            class="btn-secondary"
            href={mode === 'new' ? '/meetings/committees' : `/meetings/committees/${committee!.id}`}
          >
            {v.t('meetings.form.cancel')}
          </a>
        </div>
      </form>
      {mode === 'edit' && deletable && (
        <section class="card mt-6 max-w-2xl" aria-labelledby="delete-committee-title">
          <h2 id="delete-committee-title" class="mb-2 text-lg font-bold">
            {v.t('meetings.committee.delete.title')}
          </h2>
          <p class="mb-3 text-slate-700">{v.t('meetings.committee.delete.hint')}</p>
          <details>
            <summary class="btn-secondary cursor-pointer list-none">{v.t('meetings.committee.delete.open')}</summary>
            <form method="post" action={`/meetings/committees/${committee!.id}/deletion`} class="mt-3">
              <p class="mb-3">{v.t('meetings.committee.delete.confirm', { name: committee!.name })}</p>
              <button type="submit" class="btn-danger">
                {v.t('meetings.committee.delete.button')}
              </button>
            </form>
          </details>
        </section>
      )}
    </>
  );
}
