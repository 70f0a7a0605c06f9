import type { ViewContext } from '../context.ts';
import type { RosterPerson } from '../../src/modules/meetings/index.ts';
import type { MinutesState } from '../../src/modules/minutes/index.ts';
import type { FieldErrors } from '../components/form.tsx';

/** What the minutes editor's parts share: its data, labels and the person picker. */

export interface EditorData {
  state: MinutesState;
  errors: FieldErrors;
  /** What the user typed into the form that failed, by field id. */
  input: Record<string, string>;
}

/** The one form every item's decision field joins (by its `form` attribute). */
export const DECISIONS_FORM = 'decisions-form';

export const statusKey = {
  planned: 'minutes.status.planned',
  published: 'minutes.status.published',
  held: 'minutes.status.held',
  approved: 'minutes.status.approved',
  cancelled: 'minutes.status.cancelled',
} as const;

const roleKey = {
  chair: 'minutes.role.chair',
  vice_chair: 'minutes.role.vice_chair',
  member: 'minutes.role.member',
  substitute: 'minutes.role.substitute',
} as const;

export function personLabel(v: ViewContext, p: RosterPerson) {
  return `${p.name}${p.party ? ` (${p.party})` : ''}, ${v.t(roleKey[p.role])}`;
}

export function editorParts(s: MinutesState) {
  const m = s.meeting;
  return {
    base: `/meetings/${m.id}/minutes`,
    editable: m.status === 'published' || m.status === 'held' || m.status === 'approved',
    present: [...s.members, ...s.substitutes].filter((p) => s.attendance.get(p.personId)?.status === 'present'),
    everyone: [...s.members, ...s.substitutes],
  };
}

export function PersonSelect({
  v,
  id,
  label,
  people,
  value,
  error,
}: {
  v: ViewContext;
  id: string;
  label: string;
  people: RosterPerson[];
  value?: string;
  error?: string;
}) {
  return (
    <div class="mb-4">
      <label class="label" for={id}>
        {label}
      </label>
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
      <select
        class="input"
        id={id}
        name="personId"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{v.t('minutes.choose')}</option>
        {people.map((p) => (
          <option value={String(p.personId)} selected={value === String(p.personId)}>
            {personLabel(v, p)}
          </option>
        ))}
      </select>
    </div>
  );
}
