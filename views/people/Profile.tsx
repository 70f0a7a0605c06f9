import type { ViewContext } from '../context.ts';
import type { ProfileDetails } from '../../src/modules/people/service.ts';
import { Avatar, photoUrl } from '../components/avatar.tsx';
import { Checkbox, ErrorSummary, TextArea, type FieldErrors } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';
import { directoryQuery, PersonRow } from './Directory.tsx';

/** The units from the municipality down to the person's, each a link into the org chart. */
export function UnitPathList({ path, label }: { v: ViewContext; path: ProfileDetails['unitPath']; label: string }) {
  return (
    <ol class="flex flex-wrap items-center gap-x-2 gap-y-1" aria-label={label}>
      {path.map((u, i) => (
        <li class="flex items-center gap-2">
          {i > 0 && (
            <span aria-hidden="true" class="text-slate-400">
              ›
            </span>
          )}
          <a href={`/org?unit=${u.id}`} class={i === path.length - 1 ? 'font-semibold' : ''}>
            {u.name}
          </a>
        </li>
      ))}
    </ol>
  );
}

/** A room on a profile: only rooms the viewer may see (open ones, and closed ones they are in). */
export interface ProfileRoom {
  id: number;
  name: string;
  visibility: 'open' | 'closed';
  role: 'owner' | 'member' | null;
}

export function ProfilePage({
  v,
  p,
  canEdit,
  rooms = [],
}: {
  v: ViewContext;
  p: ProfileDetails;
  canEdit: boolean;
  rooms?: ProfileRoom[];
}) {
  const own = v.user?.id === p.id;
  return (
    <>
      <div class="mb-6 flex flex-col gap-5 sm:flex-row sm:items-center">
        <Avatar name={p.displayName} photo={photoUrl(p.username, p.photoSha)} size="lg" />
        <div class="min-w-0 flex-1">
          <PageHeader
            title={p.displayName}
            lead={[p.title, p.unitName].filter(Boolean).join(' · ') || undefined}
            actions={
              <>
                {canEdit && (
                  <a href={`/people/${p.username}/edit`} class="btn-primary">
                    {own ? v.t('people.edit.own') : v.t('people.edit')}
                  </a>
                )}
                <a href={`/org?person=${encodeURIComponent(p.username)}`} class="btn-secondary">
                  {v.t('people.showInChart')}
                </a>
              </>
            }
          />
        </div>
      </div>
      <div class="grid gap-6 lg:grid-cols-3">
        <div class="flex flex-col gap-6 lg:col-span-2">
          <section class="card" aria-labelledby="about-title">
            <h2 id="about-title" class="mb-3 text-lg font-bold">
              {v.t('people.about')}
            </h2>
            {p.about ? (
              <div class="max-w-prose space-y-3">
                {p.about.split(/\n{2,}/).map((para) => (
                  <p class="whitespace-pre-line">{para}</p>
                ))}
              </div>
            ) : (
              <p class="text-slate-700">{own ? v.t('people.about.noneOwn') : v.t('people.about.none')}</p>
            )}
          </section>
          <section class="card" aria-labelledby="skills-title">
            <h2 id="skills-title" class="mb-3 text-lg font-bold">
              {v.t('people.skills')}
            </h2>
            {p.skills.length ? (
              <ul class="flex flex-wrap gap-2">
                {p.skills.map((s) => (
                  <li>
                    <a
                      href={directoryQuery({ text: '', unit: '', skill: s })}
                      class="badge min-h-8 bg-brand-50 text-brand-900"
                      aria-label={v.t('people.skills.whoElse', { skill: s })}
                    >
                      {s}
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="text-slate-700">{v.t('people.skills.none')}</p>
            )}
          </section>
          {rooms.length > 0 && (
            <section class="card" aria-labelledby="rooms-title">
              <h2 id="rooms-title" class="mb-3 text-lg font-bold">
                {v.t('people.rooms')}
              </h2>
              <ul class="space-y-1">
                {rooms.map((r) => (
                  <li>
                    <a href={`/rooms/${r.id}`}>{r.name}</a>
                    {r.role === 'owner' && <span class="text-sm text-slate-700"> ({v.t('people.rooms.owner')})</span>}
                    {r.visibility === 'closed' && (
                      <span class="text-sm text-slate-700"> · {v.t('people.rooms.closed')}</span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {p.reports.length > 0 && (
            <section class="card" aria-labelledby="reports-title">
              <h2 id="reports-title" class="mb-3 text-lg font-bold">
                {v.t('people.reports')} ({p.reports.length})
              </h2>
              <ul class="-mx-4 divide-y divide-slate-200">
                {p.reports.map((r) => (
                  <PersonRow v={v} p={r} />
                ))}
              </ul>
            </section>
          )}
        </div>
        <div class="flex flex-col gap-6">
          <section class="card" aria-labelledby="contact-title">
            <h2 id="contact-title" class="mb-3 text-lg font-bold">
              {v.t('people.contact')}
            </h2>
            <dl class="space-y-3">
              {p.title && (
                <div>
                  <dt class="text-sm text-slate-600">{v.t('people.jobTitle')}</dt>
                  <dd class="font-semibold">{p.title}</dd>
                </div>
              )}
              {p.email && (
                <div>
                  <dt class="text-sm text-slate-600">{v.t('people.email')}</dt>
                  <dd>
                    <a href={`mailto:${p.email}`} class="break-words">
                      {p.email}
                    </a>
                  </dd>
                </div>
              )}
              {p.phone && (
                <div>
                  <dt class="text-sm text-slate-600">{v.t('people.phone')}</dt>
                  <dd>
                    <a href={`tel:${p.phone.replace(/\s+/g, '')}`}>{p.phone}</a>
                  </dd>
                </div>
              )}
              <div>
                <dt class="text-sm text-slate-600">{v.t('people.manager')}</dt>
                <dd>
                  {p.manager ? (
                    <>
                      <a href={`/people/${p.manager.username}`} class="font-semibold">
                        {p.manager.displayName}
                      </a>
                      {p.manager.title && <span class="block text-sm text-slate-600">{p.manager.title}</span>}
                    </>
                  ) : (
                    v.t('people.manager.none')
                  )}
                </dd>
              </div>
            </dl>
          </section>
          <section class="card" aria-labelledby="place-title">
            <h2 id="place-title" class="mb-3 text-lg font-bold">
              {v.t('people.unit')}
            </h2>
            {p.unitPath.length ? (
              <UnitPathList v={v} path={p.unitPath} label={v.t('people.unitPath')} />
            ) : (
              <p class="text-slate-700">{v.t('people.unit.none')}</p>
            )}
            {p.unitId && (
              <p class="mt-3">
                <a href={directoryQuery({ text: '', unit: String(p.unitId), skill: '' })}>
                  {v.t('people.unit.everyone', { unit: p.unitName ?? '' })}
                </a>
              </p>
            )}
          </section>
        </div>
      </div>
    </>
  );
}

export interface ProfileFormState {
  about: string;
  skills: string;
  removePhoto: boolean;
}

export function ProfileEditPage({
  v,
  p,
  form,
  errors,
  maxPhoto,
}: {
  v: ViewContext;
  p: ProfileDetails;
  form: ProfileFormState;
  errors: FieldErrors;
  maxPhoto: string;
}) {
  const own = v.user?.id === p.id;
  return (
    <>
      <PageHeader
        title={own ? v.t('people.edit.own') : v.t('people.edit.other', { name: p.displayName })}
        lead={v.t('people.edit.lead')}
      />
      <ErrorSummary t={v.t} errors={errors} />
      <form
        method="post"
        action={`/people/${p.username}`}
        enctype="multipart/form-data"
        class="card max-w-3xl"
        novalidate
      >
        <fieldset class="mb-6">
          <legend class="label">{v.t('people.photo')}</legend>
          <div class="flex flex-wrap items-center gap-4">
            <Avatar name={p.displayName} photo={photoUrl(p.username, p.photoSha)} size="md" />
            <div class="min-w-0 flex-1">
              <label class="label" for="photo">
                {v.t('people.photo.choose')}
              </label>
              <span class="hint" id="photo-hint">
                {v.t('people.photo.hint', { size: maxPhoto })}
              </span>
              {errors.photo && (
                <span class="field-error" id="photo-error">
                  {errors.photo}
                </span>
              )}
              <input
                id="photo"
                name="photo"
                type="file"
                accept="image/jpeg,image/png,image/webp"
                class="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-700 file:px-3 file:py-2 file:font-semibold file:text-white"
                aria-describedby={errors.photo ? 'photo-hint photo-error' : 'photo-hint'}
                aria-invalid={errors.photo ? 'true' : undefined}
              />
            </div>
          </div>
          {p.photoSha && (
            <div class="mt-3">
              <Checkbox id="removePhoto" label={v.t('people.photo.remove')} checked={form.removePhoto} />
            </div>
          )}
        </fieldset>
        <TextArea
          id="about"
          label={v.t('people.about')}
          hint={v.t('people.about.hint')}
          value={form.about}
          error={errors.about}
          rows={6}
        />
        <TextArea
          id="skills"
          label={v.t('people.skills')}
          hint={v.t('people.skills.hint')}
          value={form.skills}
          error={errors.skills}
          rows={4}
        />
        <div class="flex flex-wrap gap-2">
          <button type="submit" class="btn-primary">
            {v.t('people.save')}
          </button>
          <a href={`/people/${p.username}`} class="btn-secondary">
            {v.t('people.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
