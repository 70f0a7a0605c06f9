import type { ViewContext } from '../context.ts';
import type { OrgUnit } from '../../src/db/schema.ts';
import type { NewsInput } from '../../src/modules/news/service.ts';
import { Checkbox, ErrorSummary, Fieldset, TextArea, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';

/** A date-time input (datetime-local) with the same label, hint and error pattern as TextField. */
function DateTimeField(p: { id: string; label: string; value: string; hint?: string; error?: string }) {
  const hintId = p.hint ? `${p.id}-hint` : undefined;
  const errorId = p.error ? `${p.id}-error` : undefined;
  return (
    <div class="mb-5">
      <label class="label" for={p.id}>
        {p.label}
      </label>
      {p.hint && (
        <span class="hint" id={hintId}>
          {p.hint}
        </span>
      )}
      {p.error && (
        <span class="field-error" id={errorId}>
          {p.error}
        </span>
      )}
      <input
        class="input"
        id={p.id}
        name={p.id}
        type="datetime-local"
        value={p.value}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
    </div>
  );
}

export interface NewsFormProps {
  v: ViewContext;
  mode: 'new' | 'edit';
  newsId?: number;
  /** Editing: the title as saved (the page's heading), the current image and version. */
  saved?: { title: string; imageUrl: string | null; version: number };
  input: NewsInput;
  errors: FieldErrors;
  units: Array<OrgUnit & { depth: number }>;
  maxImageSize: string;
  imageAccept: string;
}

export function NewsFormPage({
  v,
  mode,
  newsId,
  saved,
  input,
  errors,
  units,
  maxImageSize,
  imageAccept,
}: NewsFormProps) {
  const action = mode === 'new' ? '/news' : `/news/${newsId}`;
  const title = mode === 'new' ? v.t('news.new') : v.t('news.editTitle', { title: saved?.title ?? '' });
  const audienceUnits = units.filter((u) => u.kind !== 'municipality');
  return (
    <>
      <nav aria-label={v.t('news.views')} class="mb-2 text-sm">
        <a href="/news">{v.t('news.title')}</a>
        {mode === 'edit' && (
          <>
            {' › '}
            <a href={`/news/${newsId}`}>{saved?.title}</a>
          </>
        )}
      </nav>
      <PageHeader title={title} />
      <ErrorSummary t={v.t} errors={errors} />
      <form
        method="post"
        action={action}
        enctype="multipart/form-data"
        hx-encoding="multipart/form-data"
        class="card max-w-3xl"
        novalidate
      >
        <TextField id="title" label={v.t('news.field.title')} value={input.title} error={errors.title} required />
        <TextArea
          id="summary"
          label={v.t('news.field.summary')}
          hint={v.t('news.field.summary.hint')}
          value={input.summary}
          error={errors.summary}
          rows={3}
          required
        />
        <TextArea
          id="body"
          label={v.t('news.field.body')}
          hint={v.t('news.field.body.hint')}
          value={input.body}
          error={errors.body}
          rows={14}
          required
        />

        <Fieldset legend={v.t('news.field.imageSection')}>
          {saved?.imageUrl && !input.removeImage && (
            <figure class="mb-3">
              <img src={saved.imageUrl} alt={input.imageAlt} class="max-h-48 rounded-md border border-slate-200" />
              <figcaption class="mt-1 text-sm text-slate-600">{v.t('news.field.currentImage')}</figcaption>
            </figure>
          )}
          {input.pendingImage && (
            <p class="mb-3 rounded-md border-l-4 border-brand-600 bg-brand-50 px-3 py-2 text-sm" id="image-pending">
              {v.t('news.field.pendingImage')}
            </p>
          )}
          <input type="hidden" name="pendingImage" value={input.pendingImage} />
          <div class="mb-5">
            <label class="label" for="image">
              {v.t('news.field.image')}
            </label>
            <span class="hint" id="image-hint">
              {v.t('news.field.image.hint', { size: maxImageSize })}
            </span>
            {errors.image && (
              <span class="field-error" id="image-error">
                {errors.image}
              </span>
            )}
            <input
              id="image"
              name="image"
              type="file"
              accept={imageAccept}
              class="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-700 file:px-3 file:py-2 file:font-semibold file:text-white"
              aria-invalid={errors.image ? 'true' : undefined}
              aria-describedby={[
                'image-hint',
                errors.image ? 'image-error' : '',
                input.pendingImage ? 'image-pending' : '',
              ]
                .filter(Boolean)
                .join(' ')}
            />
          </div>
          <TextField
            id="imageAlt"
            label={v.t('news.field.imageAlt')}
            hint={v.t('news.field.imageAlt.hint')}
            value={input.imageAlt}
            error={errors.imageAlt}
          />
          {mode === 'edit' && saved?.imageUrl && (
            <Checkbox id="removeImage" label={v.t('news.field.removeImage')} checked={input.removeImage} />
          )}
        </Fieldset>

        <fieldset
          id="audience"
          class="mb-5"
          aria-describedby={['audience-hint', errors.audience ? 'audience-error' : ''].filter(Boolean).join(' ')}
        >
          <legend class="label">{v.t('news.field.audience')}</legend>
          <span class="hint" id="audience-hint">
            {v.t('news.field.audience.hint')}
          </span>
          {errors.audience && (
            <span class="field-error" id="audience-error">
              {errors.audience}
            </span>
          )}
          <div
            class="max-h-80 overflow-y-auto rounded-md border border-slate-200 p-3"
            tabindex={0}
            role="group"
            aria-label={v.t('news.field.audience')}
          >
            {audienceUnits.map((u) => (
              <div class={u.depth <= 1 ? `font-semibold ${u.kind === 'directorate' ? 'mt-2' : ''}` : 'pl-7'}>
                <Checkbox
                  id={`audience-${u.id}`}
                  name="audience"
                  value={String(u.id)}
                  label={u.name}
                  checked={input.audience.includes(String(u.id))}
                />
              </div>
            ))}
          </div>
        </fieldset>

        <Fieldset legend={v.t('news.field.schedule')}>
          <div class="grid gap-x-4 sm:grid-cols-2">
            <DateTimeField
              id="publishAt"
              label={v.t('news.field.publishAt')}
              hint={v.t('news.field.publishAt.hint')}
              value={input.publishAt}
              error={errors.publishAt}
            />
            <DateTimeField
              id="unpublishAt"
              label={v.t('news.field.unpublishAt')}
              hint={v.t('news.field.unpublishAt.hint')}
              value={input.unpublishAt}
              error={errors.unpublishAt}
            />
          </div>
        </Fieldset>

        <Fieldset legend={v.t('news.field.options')}>
          <Checkbox id="pinned" label={v.t('news.field.pinned')} checked={input.pinned} />
          <Checkbox
            id="mustRead"
            label={v.t('news.field.mustRead')}
            hint={v.t('news.field.mustRead.hint')}
            checked={input.mustRead}
          />
          {mode === 'edit' && (
            <Checkbox
              id="substantial"
              label={`${v.t('news.field.substantial')} (${v.t('news.version', { version: (saved?.version ?? 1) + 1 })})`}
              hint={v.t('news.field.substantial.hint')}
              checked={input.substantial}
            />
          )}
        </Fieldset>

        <div class="flex flex-wrap gap-2">
          <button type="submit" class="btn-primary">
            {mode === 'new' ? v.t('news.create') : v.t('news.save')}
          </button>
          <a href={mode === 'new' ? '/news' : `/news/${newsId}`} class="btn-secondary">
            {v.t('news.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
