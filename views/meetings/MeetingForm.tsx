import type { ViewContext } from '../context.ts';
import type { MeetingInput } from '../../src/modules/meetings/index.ts';
import { ErrorSummary, SelectField, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';

export interface MeetingFormData {
  mode: 'new' | 'edit';
  meetingId?: number;
  /** Editing a meeting whose agenda is out: the committee is fixed. */
  committeeLocked: boolean;
  input: MeetingInput;
  errors: FieldErrors;
  committees: Array<{ id: number; name: string }>;
  locations: Array<{ id: number; label: string }>;
}

export function MeetingFormPage({ v, d }: { v: ViewContext; d: MeetingFormData }) {
  const action = d.mode === 'new' ? '/meetings' : `/meetings/${d.meetingId}`;
  const title = d.mode === 'new' ? v.t('meetings.form.newTitle') : v.t('meetings.form.editTitle');
  return (
    <>
      <nav aria-label={v.t('meetings.title')} class="mb-2 text-sm">
        <a href={d.mode === 'new' ? '/meetings' : `/meetings/${d.meetingId}`}>
          {d.mode === 'new' ? v.t('meetings.back') : v.t('meetings.agenda')}
        </a>
      </nav>
      <PageHeader title={title} />
      <ErrorSummary errors={d.errors} t={v.t} />
      <form method="post" action={action} class="card max-w-2xl" novalidate>
        {d.committeeLocked ? (
          <p class="mb-5">
            <span class="label">{v.t('meetings.form.committee')}</span>
            {d.committees.find((c) => String(c.id) === d.input.committeeId)?.name}
            <input type="hidden" name="committeeId" value={d.input.committeeId} />
          </p>
        ) : (
          <SelectField
            id="committeeId"
            label={v.t('meetings.form.committee')}
            value={d.input.committeeId}
            error={d.errors.committeeId}
            options={[
              { value: '', label: v.t('meetings.form.choose') },
              ...d.committees.map((c) => ({ value: String(c.id), label: c.name })),
            ]}
          />
        )}
        <TextField
          id="title"
          label={v.t('meetings.form.title')}
          hint={v.t('meetings.form.title.hint')}
          value={d.input.title}
          error={d.errors.title}
          required
        />
        <TextField
          id="date"
          type="date"
          label={v.t('meetings.form.date')}
          value={d.input.date}
          error={d.errors.date}
          required
        />
        <div class="grid gap-x-4 sm:grid-cols-2">
          <TextField
            id="startTime"
            label={v.t('meetings.form.startTime')}
            hint={v.t('meetings.form.time.hint')}
            value={d.input.startTime}
            error={d.errors.startTime}
            inputmode="numeric"
            required
          />
          <TextField
            id="endTime"
            label={v.t('meetings.form.endTime')}
            hint={v.t('meetings.form.time.hint')}
            value={d.input.endTime}
            error={d.errors.endTime}
            inputmode="numeric"
          />
        </div>
        <SelectField
          id="locationId"
          label={v.t('meetings.form.location')}
          value={d.input.locationId}
          error={d.errors.locationId}
          options={[
            { value: '', label: v.t('meetings.form.noLocation') },
            ...d.locations.map((l) => ({ value: String(l.id), label: l.label })),
          ]}
        />
        <div class="flex flex-wrap gap-3">
          <button type="submit" class="btn-primary">
            {d.mode === 'new' ? v.t('meetings.form.create') : v.t('meetings.form.save')}
          </button>
          <a class="btn-secondary" href={d.mode === 'new' ? '/meetings' : `/meetings/${d.meetingId}`}>
            {v.t('meetings.form.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
