import type { ViewContext } from '../context.ts';
import type {
  LocationInput,
  LocationRow,
  PersonInput,
  PersonRow,
  TermInput,
} from '../../src/modules/meetings/index.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { day, MeetingsNav } from './parts.tsx';

/** The secretariat's registers: council persons, meeting places and legislative terms, settings. */

export function PersonsPage({
  v,
  persons,
}: {
  v: ViewContext;
  persons: Array<PersonRow & { username: string | null }>;
}) {
  return (
    <>
      <MeetingsNav v={v} current="persons" />
      <PageHeader
        title={v.t('meetings.persons.title')}
        lead={v.t('meetings.persons.lead')}
        actions={
          <a class="btn-primary" href="/meetings/persons/new">
            {v.t('meetings.persons.new')}
          </a>
        }
      />
      <p class="mb-3 text-slate-700">{v.t('meetings.persons.count', { count: persons.length })}</p>
      <ScrollTable label={v.t('meetings.persons.title')}>
        <table class="w-full text-left">
          <caption class="sr-only">{v.t('meetings.persons.title')}</caption>
          <thead class="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" class="px-3 py-2">
                {v.t('meetings.persons.name')}
              </th>
              <th scope="col" class="px-3 py-2">
                {v.t('meetings.persons.party')}
              </th>
              <th scope="col" class="px-3 py-2">
                {v.t('meetings.persons.email')}
              </th>
              <th scope="col" class="px-3 py-2">
                {v.t('meetings.persons.account')}
              </th>
              <th scope="col" class="px-3 py-2">
                <span class="sr-only">{v.t('meetings.persons.edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {persons.map((p) => (
              <tr class="border-t border-slate-200">
                <td class="px-3 py-2">{p.name}</td>
                <td class="px-3 py-2">{p.party ?? v.t('meetings.persons.citizen')}</td>
                <td class="px-3 py-2">{p.email ?? ''}</td>
                <td class="px-3 py-2">{p.username ?? v.t('meetings.persons.noAccount')}</td>
                <td class="px-3 py-2">
                  <a
                    href={`/meetings/persons/${p.id}/edit`}
                    aria-label={v.t('meetings.persons.editNamed', { name: p.name })}
                  >
                    {v.t('meetings.persons.edit')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

export function PersonFormPage({
  v,
  mode,
  personId,
  name,
  input,
  errors,
}: {
  v: ViewContext;
  mode: 'new' | 'edit';
  personId?: number;
  name?: string;
  input: PersonInput;
  errors: FieldErrors;
}) {
  const action = mode === 'new' ? '/meetings/persons' : `/meetings/persons/${personId}`;
  return (
    <>
      <nav aria-label={v.t('meetings.title')} class="mb-2 text-sm">
        <a href="/meetings/persons">{v.t('meetings.persons.title')}</a>
      </nav>
      <PageHeader
        title={mode === 'new' ? v.t('meetings.persons.new') : v.t('meetings.persons.editTitle', { name: name ?? '' })}
      />
      <ErrorSummary errors={errors} t={v.t} />
      <form method="post" action={action} class="card max-w-2xl" novalidate>
        <TextField
          id="name"
          label={v.t('meetings.persons.name')}
          value={input.name}
          error={errors.name}
          required
          autocomplete="off"
        />
        <TextField
          id="party"
          label={v.t('meetings.persons.party')}
          hint={v.t('meetings.persons.party.hint')}
          value={input.party}
          error={errors.party}
          class="mb-5 max-w-xs"
        />
        <TextField
          id="email"
          type="email"
          label={v.t('meetings.persons.email')}
          value={input.email}
          error={errors.email}
          autocomplete="off"
        />
        <TextField
          id="phone"
          type="tel"
          label={v.t('meetings.persons.phone')}
          value={input.phone}
          error={errors.phone}
          autocomplete="off"
        />
        <TextField
          id="username"
          label={v.t('meetings.persons.username')}
          hint={v.t('meetings.persons.username.hint')}
          value={input.username}
          error={errors.username}
          spellcheck={false}
          autocomplete="off"
        />
        <div class="flex flex-wrap gap-3">
          <button type="submit" class="btn-primary">
            {mode === 'new' ? v.t('meetings.persons.create') : v.t('meetings.form.save')}
          </button>
          <a class="btn-secondary" href="/meetings/persons">
            {v.t('meetings.form.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}

export interface LocationsData {
  locations: LocationRow[];
  terms: Array<{ id: number; name: string; starts_on: string; ends_on: string }>;
  location: { input: LocationInput; errors: FieldErrors };
  term: { input: TermInput; errors: FieldErrors };
}

export function LocationsPage({ v, d }: { v: ViewContext; d: LocationsData }) {
  const errors = {
    ...Object.fromEntries(Object.entries(d.location.errors).map(([k, val]) => [`loc-${k}`, val])),
    ...Object.fromEntries(Object.entries(d.term.errors).map(([k, val]) => [`term-${k}`, val])),
  };
  return (
    <>
      <MeetingsNav v={v} current="locations" />
      <PageHeader title={v.t('meetings.locations.title')} />
      <ErrorSummary errors={errors} t={v.t} />
      <div class="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="places-title">
          <h2 id="places-title" class="mb-3 text-xl font-semibold">
            {v.t('meetings.locations.places')}
          </h2>
          {d.locations.length === 0 ? (
            <p class="mb-3">{v.t('meetings.locations.none')}</p>
          ) : (
            <ul class="mb-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {d.locations.map((l) => (
                <li class="flex flex-wrap items-start justify-between gap-2 px-3 py-2">
                  <span>
                    <strong>{[l.description, l.room].filter(Boolean).join(', ')}</strong>
                    <span class="block text-sm text-slate-700">
                      {[l.street_address, [l.postal_code, l.locality].filter(Boolean).join(' ')]
                        .filter(Boolean)
                        .join(', ')}
                    </span>
                  </span>
                  <a
                    href={`/meetings/locations/${l.id}/edit`}
                    aria-label={v.t('meetings.persons.editNamed', {
                      name: [l.description, l.room].filter(Boolean).join(', '),
                    })}
                  >
                    {v.t('meetings.persons.edit')}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <form method="post" action="/meetings/locations" class="card" novalidate>
            <h3 class="mb-3 font-semibold">{v.t('meetings.locations.add')}</h3>
            <TextField
              id="loc-description"
              name="description"
              label={v.t('meetings.locations.description')}
              value={d.location.input.description}
              error={d.location.errors.description}
              required
            />
            <TextField
              id="loc-room"
              name="room"
              label={v.t('meetings.locations.room')}
              value={d.location.input.room}
              error={d.location.errors.room}
            />
            <TextField
              id="loc-streetAddress"
              name="streetAddress"
              label={v.t('meetings.locations.street')}
              value={d.location.input.streetAddress}
              error={d.location.errors.streetAddress}
            />
            <div class="grid gap-x-4 sm:grid-cols-3">
              <TextField
                id="loc-postalCode"
                name="postalCode"
                label={v.t('meetings.locations.postalCode')}
                value={d.location.input.postalCode}
                error={d.location.errors.postalCode}
                inputmode="numeric"
              />
              <TextField
                id="loc-locality"
                name="locality"
                label={v.t('meetings.locations.locality')}
                value={d.location.input.locality}
                error={d.location.errors.locality}
                class="mb-5 sm:col-span-2"
              />
            </div>
            <button type="submit" class="btn-primary">
              {v.t('meetings.locations.add')}
            </button>
          </form>
        </section>
        <section aria-labelledby="terms-title">
          <h2 id="terms-title" class="mb-3 text-xl font-semibold">
            {v.t('meetings.terms.title')}
          </h2>
          {d.terms.length === 0 ? (
            <p class="mb-3">{v.t('meetings.terms.none')}</p>
          ) : (
            <ul class="mb-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {d.terms.map((t) => (
                <li class="px-3 py-2">
                  <strong>{t.name}</strong>
                  <span class="block text-sm text-slate-700">
                    {day(v, t.starts_on)} – {day(v, t.ends_on)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <form method="post" action="/meetings/terms" class="card" novalidate>
            <h3 class="mb-3 font-semibold">{v.t('meetings.terms.add')}</h3>
            <TextField
              id="term-name"
              name="name"
              label={v.t('meetings.terms.name')}
              value={d.term.input.name}
              error={d.term.errors.name}
              required
            />
            <div class="grid gap-x-4 sm:grid-cols-2">
              <TextField
                id="term-startsOn"
                name="startsOn"
                type="date"
                label={v.t('meetings.terms.from')}
                value={d.term.input.startsOn}
                error={d.term.errors.startsOn}
              />
              <TextField
                id="term-endsOn"
                name="endsOn"
                type="date"
                label={v.t('meetings.terms.to')}
                value={d.term.input.endsOn}
                error={d.term.errors.endsOn}
              />
            </div>
            <button type="submit" class="btn-primary">
              {v.t('meetings.terms.add')}
            </button>
          </form>
        </section>
      </div>
    </>
  );
}

export function SettingsPage({ v, value, error }: { v: ViewContext; value: string; error?: string }) {
  return (
    <>
      <MeetingsNav v={v} current="settings" />
      <PageHeader title={v.t('meetings.settings.title')} />
      <ErrorSummary errors={error ? { noticeDays: error } : {}} t={v.t} />
      <form method="post" action="/meetings/settings" class="card max-w-2xl" novalidate>
        <TextField
          id="noticeDays"
          label={v.t('meetings.settings.noticeDays')}
          hint={v.t('meetings.settings.noticeDays.hint')}
          value={value}
          error={error}
          inputmode="numeric"
          class="mb-5 max-w-md"
        />
        <button type="submit" class="btn-primary">
          {v.t('meetings.settings.save')}
        </button>
      </form>
    </>
  );
}

export function LocationFormPage({
  v,
  location,
  input,
  errors,
}: {
  v: ViewContext;
  location: LocationRow;
  input: LocationInput;
  errors: FieldErrors;
}) {
  const name = [location.description, location.room].filter(Boolean).join(', ');
  return (
    <>
      <nav aria-label={v.t('meetings.title')} class="mb-2 text-sm">
        <a href="/meetings/locations">{v.t('meetings.locations.title')}</a>
      </nav>
      <PageHeader title={v.t('meetings.persons.editTitle', { name })} />
      <ErrorSummary errors={errors} t={v.t} />
      <form method="post" action={`/meetings/locations/${location.id}`} class="card max-w-2xl" novalidate>
        <TextField
          id="description"
          label={v.t('meetings.locations.description')}
          value={input.description}
          error={errors.description}
          required
        />
        <TextField id="room" label={v.t('meetings.locations.room')} value={input.room} error={errors.room} />
        <TextField
          id="streetAddress"
          label={v.t('meetings.locations.street')}
          value={input.streetAddress}
          error={errors.streetAddress}
        />
        <div class="grid gap-x-4 sm:grid-cols-3">
          <TextField
            id="postalCode"
            label={v.t('meetings.locations.postalCode')}
            value={input.postalCode}
            error={errors.postalCode}
            inputmode="numeric"
          />
          <TextField
            id="locality"
            label={v.t('meetings.locations.locality')}
            value={input.locality}
            error={errors.locality}
            class="mb-5 sm:col-span-2"
          />
        </div>
        <div class="flex flex-wrap gap-3">
          <button type="submit" class="btn-primary">
            {v.t('meetings.form.save')}
          </button>
          <a class="btn-secondary" href="/meetings/locations">
            {v.t('meetings.form.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
