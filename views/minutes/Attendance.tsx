import type { ViewContext } from '../context.ts';
import { type EditorData, personLabel } from './parts.tsx';

/** Attendance: each member present or absent, and which member a substitute stands in for. */
export function Attendance({
  v,
  d,
  base,
  editable,
}: {
  v: ViewContext;
  d: EditorData;
  base: string;
  editable: boolean;
}) {
  const s = d.state;
  const status = (personId: number) => d.input[`att-${personId}`] ?? s.attendance.get(personId)?.status ?? '';
  const subFor = (personId: number) =>
    d.input[`sub-${personId}`] ?? String(s.attendance.get(personId)?.substituteFor ?? '');
  const presentCount = [...s.attendance.values()].filter((a) => a.status === 'present').length;
  const absentCount = [...s.attendance.values()].filter((a) => a.status === 'absent').length;
  return (
    <section class="card mb-6" aria-labelledby="attendance-title" id="attendance">
      <h2 id="attendance-title" class="mb-1 text-lg font-bold">
        {v.t('minutes.attendance')}
      </h2>
      {s.attendance.size > 0 && (
        <p class="mb-2 text-sm text-slate-700">
          {v.t('minutes.attendance.summary', { present: presentCount, absent: absentCount })}
        </p>
      )}
      {s.members.length === 0 ? (
        <p>{v.t('minutes.attendance.noMembers')}</p>
      ) : (
        <form method="post" action={`${base}/attendance`}>
          <p class="hint mb-3">{v.t('minutes.attendance.hint')}</p>
          <ul class="mb-4 grid gap-x-6 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
            {s.members.map((p) => {
              const id = `att-${p.personId}`;
              const err = d.errors[id];
              return (
                <li class="py-2">
                  <fieldset id={id} aria-describedby={err ? `${id}-error` : undefined}>
                    <legend class="font-semibold">{personLabel(v, p)}</legend>
                    {err && (
                      <span class="field-error" id={`${id}-error`}>
                        {err}
                      </span>
                    )}
                    <div class="mt-1 flex flex-wrap gap-x-6">
                      {(['present', 'absent'] as const).map((value) => (
                        <label class="flex min-h-11 items-center gap-2">
                          <input
                            type="radio"
                            class="size-5 accent-brand-700"
                            name={id}
                            value={value}
                            checked={status(p.personId) === value}
                            disabled={!editable}
                          />
                          {v.t(value === 'present' ? 'minutes.attendance.present' : 'minutes.attendance.absent')}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ul>
          <h3 class="mb-1 font-semibold">{v.t('minutes.attendance.substitutes')}</h3>
          {s.substitutes.length === 0 ? (
            <p class="mb-3 text-sm text-slate-700">{v.t('minutes.attendance.noSubstitutes')}</p>
          ) : (
            <ul class="mb-4 grid gap-3 sm:grid-cols-2">
              {s.substitutes.map((p) => {
                const id = `sub-${p.personId}`;
                const err = d.errors[id];
                return (
                  <li>
                    <label class="label" for={id}>
                      {v.t('minutes.attendance.substituteFor')}: {p.name}
                      {p.party ? ` (${p.party})` : ''}
                    </label>
                    {err && (
                      <span class="field-error" id={`${id}-error`}>
                        {err}
                      </span>
                    )}
                    <select
                      class="input"
                      id={id}
                      name={id}
                      disabled={!editable}
                      aria-invalid={err ? 'true' : undefined}
                      aria-describedby={err ? `${id}-error` : undefined}
                    >
                      <option value="">{v.t('minutes.attendance.notAttending')}</option>
                      {s.members.map((m) => (
                        <option value={String(m.personId)} selected={subFor(p.personId) === String(m.personId)}>
                          {m.name}
                        </option>
                      ))}
                    </select>
                  </li>
                );
              })}
            </ul>
          )}
          {editable && (
            <button type="submit" class="btn-primary">
              {v.t('minutes.attendance.save')}
            </button>
          )}
        </form>
      )}
    </section>
  );
}
