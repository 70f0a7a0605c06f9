import type { ViewContext } from '../context.ts';
import type { LoadedRoom } from '../../src/modules/rooms/access.ts';
import type { RoomInput } from '../../src/modules/rooms/rooms.ts';
import { ErrorSummary, RadioGroup, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';
import { RoomHeader } from './parts.tsx';

/** Creating a room, and changing its name, purpose and visibility (owners). */
export function RoomFormPage({
  v,
  input,
  errors,
  room,
}: {
  v: ViewContext;
  input: RoomInput;
  errors: FieldErrors;
  room?: LoadedRoom;
}) {
  const action = room ? `/rooms/${room.row.id}` : '/rooms';
  return (
    <>
      {room ? (
        <RoomHeader v={v} room={room} title={v.t('rooms.edit')} />
      ) : (
        <>
          <p class="mb-1 text-sm">
            <a href="/rooms">{v.t('rooms.title')}</a>
          </p>
          <PageHeader title={v.t('rooms.new')} lead={v.t('rooms.new.lead')} />
        </>
      )}
      <ErrorSummary errors={errors} t={v.t} />
      <form method="post" action={action} class="card max-w-3xl" novalidate>
        <TextField
          id="name"
          label={v.t('rooms.field.name')}
          hint={v.t('rooms.field.name.hint')}
          value={input.name}
          error={errors.name}
          required
          autocomplete="off"
        />
        <TextArea
          id="purpose"
          label={v.t('rooms.field.purpose')}
          hint={v.t('rooms.field.purpose.hint')}
          value={input.purpose}
          error={errors.purpose}
          required
          rows={4}
        />
        <RadioGroup
          name="visibility"
          legend={v.t('rooms.field.visibility')}
          value={input.visibility}
          error={errors.visibility}
          options={[
            { value: 'open', label: v.t('rooms.visibility.open'), hint: v.t('rooms.visibility.open.hint') },
            { value: 'closed', label: v.t('rooms.visibility.closed'), hint: v.t('rooms.visibility.closed.hint') },
          ]}
        />
        <div class="flex flex-wrap gap-2">
          <button type="submit" class="btn-primary">
            {room ? v.t('rooms.save') : v.t('rooms.create')}
          </button>
          <a href={room ? `/rooms/${room.row.id}` : '/rooms'} class="btn-secondary">
            {v.t('rooms.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
