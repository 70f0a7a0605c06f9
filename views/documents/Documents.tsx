import type { Child } from 'hono/jsx';
import type { ViewContext } from '../context.ts';
import type { DocumentListItem, DocumentRow, UploadMeta, VersionRow } from '../../src/modules/documents/service.ts';
import { formatDate, formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { isBlocked } from '../../src/files/types.ts';
import { ErrorSummary, SelectField, TextField, type FieldErrors } from '../components/form.tsx';
import { Notice, ScrollTable } from '../components/page.tsx';

export function formatBytes(n: number, locale: ViewContext['locale']): string {
  if (n < 1024) return `${formatNumber(n, locale)} B`;
  if (n < 1024 * 1024) return `${formatNumber(Math.round(n / 102.4) / 10, locale)} kB`;
  if (n < 1024 * 1024 * 1024) return `${formatNumber(Math.round(n / (1024 * 102.4)) / 10, locale)} MB`;
  return `${formatNumber(Math.round(n / (1024 * 1024 * 102.4)) / 10, locale)} GB`;
}

function state(v: ViewContext, d: { journalised: boolean; finalised: boolean }) {
  if (d.finalised) return <span class="badge bg-brand-100 text-brand-900">{v.t('documents.state.final')}</span>;
  if (d.journalised) return <span class="badge bg-green-100 text-green-900">{v.t('documents.state.journalised')}</span>;
  return <span class="badge">{v.t('documents.state.draft')}</span>;
}

export interface UploadFormState {
  meta: UploadMeta;
  errors: FieldErrors;
}

export function UploadForm({
  v,
  caseId,
  form,
  maxSize,
}: {
  v: ViewContext;
  caseId: number;
  form?: UploadFormState;
  maxSize: string;
}) {
  const meta = form?.meta ?? {
    title: '',
    direction: 'incoming',
    documentDate: new Date().toISOString().slice(0, 10),
    sender: '',
    recipient: '',
  };
  const errors = form?.errors ?? {};
  return (
    <details open={!!form} class="mt-4">
      <summary class="btn-primary cursor-pointer list-none">{v.t('documents.upload')}</summary>
      <form
        method="post"
        action={`/cases/${caseId}/documents`}
        enctype="multipart/form-data"
        class="mt-4"
        novalidate
        x-data="upload"
        hx-post={`/cases/${caseId}/documents`}
        hx-encoding="multipart/form-data"
        hx-target="body"
        hx-push-url="false"
      >
        <div class="mb-5">
          <label class="label" for="files">
            {v.t('documents.files')}
          </label>
          <span class="hint" id="files-hint">
            {v.t('documents.files.hint', { size: maxSize })}
          </span>
          {errors.files && (
            <span class="field-error" id="files-error">
              {errors.files}
            </span>
          )}
          <div
            class="rounded-md border-2 border-dashed border-slate-300 p-4 data-[over]:border-brand-600 data-[over]:bg-brand-50"
            {...{ 'x-on:dragover.prevent': 'over', 'x-on:dragleave': 'leave', 'x-on:drop.prevent': 'drop' }}
          >
            <input
              id="files"
              name="files"
              type="file"
              multiple
              class="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-700 file:px-3 file:py-2 file:font-semibold file:text-white"
              aria-describedby={['files-hint', errors.files ? 'files-error' : ''].filter(Boolean).join(' ')}
              aria-invalid={errors.files ? 'true' : undefined}
            />
            <p class="mt-2 text-sm text-slate-600" aria-hidden="true">
              {v.t('documents.drop')}
            </p>
          </div>
          <div class="mt-2 hidden items-center gap-2 data-[busy]:flex" x-ref="bar">
            <label for="upload-progress" class="text-sm">
              {v.t('documents.progress')}
            </label>
            <progress id="upload-progress" max="100" value="0" class="h-3 flex-1" x-ref="progress"></progress>
          </div>
        </div>
        <TextField
          id="doc-title"
          name="title"
          label={v.t('documents.docTitle')}
          hint={v.t('documents.docTitle.hint')}
          value={meta.title}
          error={errors.title}
        />
        <div class="grid gap-x-4 sm:grid-cols-2">
          <SelectField
            id="direction"
            label={v.t('documents.direction')}
            value={meta.direction}
            error={errors.direction}
            options={(['incoming', 'outgoing', 'internal'] as const).map((d) => ({
              value: d,
              label: v.t(`documents.direction.${d}`),
            }))}
          />
          <TextField
            id="documentDate"
            type="date"
            label={v.t('documents.date')}
            value={meta.documentDate}
            error={errors.documentDate}
          />
          <TextField id="sender" label={v.t('documents.sender')} value={meta.sender} autocomplete="off" />
          <TextField id="recipient" label={v.t('documents.recipient')} value={meta.recipient} autocomplete="off" />
        </div>
        <button type="submit" class="btn-primary">
          {v.t('documents.submit')}
        </button>
      </form>
    </details>
  );
}

/** The case page's documents section: the journal of documents and the upload form. */
export function DocumentsSection({
  v,
  caseId,
  items,
  canUpload,
  form,
  maxSize,
}: {
  v: ViewContext;
  caseId: number;
  items: DocumentListItem[];
  canUpload: boolean;
  form?: UploadFormState;
  maxSize: string;
}) {
  const top = items.filter((d) => d.parentId === null);
  const children = new Map<number, DocumentListItem[]>();
  for (const d of items) if (d.parentId !== null) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d]);
  const dir = {
    incoming: v.t('documents.direction.incoming'),
    outgoing: v.t('documents.direction.outgoing'),
    internal: v.t('documents.direction.internal'),
  };
  const row = (d: DocumentListItem, nested: boolean) => (
    <tr>
      <td class="tabular-nums">{d.number ?? '–'}</td>
      <td>
        <a href={`/cases/${caseId}/documents/${d.id}`} class={`font-semibold ${nested ? 'ml-4' : ''}`}>
          {nested && <span aria-hidden="true">↳ </span>}
          {d.title}
        </a>
        {nested && <span class="sr-only"> ({v.t('documents.attachmentOf')})</span>}
        {isBlocked(d) && <span class="badge ml-2 bg-amber-100 text-amber-900">{v.t('documents.blocked')}</span>}
        <span class="block text-xs text-slate-600">
          {d.filename} · {formatBytes(d.size, v.locale)}
        </span>
      </td>
      <td>{dir[d.direction]}</td>
      <td class="whitespace-nowrap">{formatDate(`${d.documentDate}T12:00:00Z`, v.locale)}</td>
      <td>{d.kind === 'email' ? d.sender : (d.sender ?? d.recipient)}</td>
      <td>{state(v, d)}</td>
    </tr>
  );
  return (
    <section class="card mb-6" aria-labelledby="documents-title" id="documents">
      <h2 id="documents-title" class="mb-3 text-lg font-bold">
        {v.t('documents.title')}
      </h2>
      {form && <ErrorSummary t={v.t} errors={form.errors} />}
      {top.length === 0 ? (
        <p class="text-slate-700">{v.t('documents.none')}</p>
      ) : (
        <ScrollTable label={v.t('documents.title')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{v.t('documents.number')}</th>
                <th scope="col">{v.t('documents.docTitle')}</th>
                <th scope="col">{v.t('documents.direction')}</th>
                <th scope="col">{v.t('documents.date')}</th>
                <th scope="col">{v.t('documents.sender')}</th>
                <th scope="col">{v.t('documents.state')}</th>
              </tr>
            </thead>
            <tbody>
              {top.map((d) => (
                <>
                  {row(d, false)}
                  {(children.get(d.id) ?? []).map((a) => row(a, true))}
                </>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {canUpload && <UploadForm v={v} caseId={caseId} form={form} maxSize={maxSize} />}
    </section>
  );
}

const PREVIEWABLE_IMAGES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export function DocumentPage({
  v,
  caseRow,
  doc,
  versions,
  current,
  attachments,
  parent,
  allowed,
  errors,
  meta,
  maxSize,
  sections,
  extra,
}: {
  v: ViewContext;
  caseRow: { id: number; number: string; title: string };
  doc: DocumentRow;
  versions: Array<Omit<VersionRow, 'text_content'> & { created_by_name: string | null }>;
  current: VersionRow;
  attachments: Array<{ id: number; title: string }>;
  parent: { id: number; title: string } | null;
  allowed: { edit: boolean; journalise: boolean };
  errors: FieldErrors;
  meta?: UploadMeta;
  maxSize: string;
  /** Sections other modules add to the document page (documentRoutes' `sections.side`), at the top of the side column. */
  sections?: Child[];
  /** What other modules show under the heading (`sections.underHeading`: a letter's delivery status). */
  extra?: Child[];
}) {
  const base = `/cases/${caseRow.id}/documents/${doc.id}`;
  const file = (version: number, inline = false) => `${base}/versions/${version}/file${inline ? '?inline=1' : ''}`;
  const m = meta ?? {
    title: doc.title,
    direction: doc.direction,
    documentDate: doc.document_date,
    sender: doc.sender ?? '',
    recipient: doc.recipient ?? '',
  };
  const previewPdf =
    current.mime === 'application/pdf'
      ? file(current.version, true)
      : current.rendition_sha256
        ? `${base}/versions/${current.version}/rendition?inline=1`
        : null;
  const previewImage = PREVIEWABLE_IMAGES.includes(current.mime) ? file(current.version, true) : null;
  return (
    <>
      <nav aria-label={v.t('cases.lists')} class="mb-2 text-sm">
        <a href="/cases">{v.t('cases.title')}</a> › <a href={`/cases/${caseRow.id}`}>{caseRow.number}</a>
      </nav>
      <div class="mb-6">
        <p class="text-sm text-slate-700">
          {caseRow.title}
          {doc.number != null && ` · ${v.t('documents.number')} ${doc.number}`}
        </p>
        <h1 id="page-title" tabindex={-1} class="text-2xl font-bold tracking-tight sm:text-3xl">
          {doc.title}
        </h1>
        <p class="mt-2">{state(v, { journalised: !!doc.journalised_at, finalised: !!doc.finalised_at })}</p>
        {extra}
      </div>
      <ErrorSummary t={v.t} errors={errors} />
      <div class="grid gap-6 lg:grid-cols-3">
        <div class="min-w-0 lg:col-span-2">
          <section class="card mb-6" aria-labelledby="preview-title">
            <h2 id="preview-title" class="mb-3 text-lg font-bold">
              {v.t('documents.preview')}
            </h2>
            {previewPdf ? (
              <iframe
                src={previewPdf}
                title={`${v.t('documents.preview')}: ${doc.title}`}
                class="h-[70vh] w-full rounded-md border border-slate-300"
                loading="lazy"
              ></iframe>
            ) : previewImage ? (
              <img
                src={previewImage}
                alt={doc.title}
                class="max-h-[70vh] max-w-full rounded-md border border-slate-300"
                loading="lazy"
              />
            ) : (
              <p class="text-slate-700">{v.t('documents.previewNone')}</p>
            )}
            <p class="mt-3 flex flex-wrap gap-2">
              <a class="btn-secondary" href={file(current.version)} hx-boost="false" download>
                {v.t('documents.download')}
              </a>
              {current.rendition_sha256 && (
                <a
                  class="btn-secondary"
                  href={`${base}/versions/${current.version}/rendition`}
                  hx-boost="false"
                  download
                >
                  {v.t('documents.downloadRendition')}
                </a>
              )}
            </p>
            {isBlocked(current) ? (
              <p class="mt-3 text-sm text-slate-700">
                <span class="badge mr-2 bg-amber-100 text-amber-900">{v.t('documents.blocked')}</span>
                {v.t('documents.blocked.explain')}
              </p>
            ) : (
              <p class="mt-3 text-sm text-slate-700">{v.t(`documents.text.${current.text_status}`)}</p>
            )}
            {current.locked ? (
              <p class="text-sm text-slate-700">{v.t(`documents.rendition.${current.rendition_status}`)}</p>
            ) : null}
          </section>
          {attachments.length > 0 && (
            <section class="card mb-6" aria-labelledby="attachments-title">
              <h2 id="attachments-title" class="mb-3 text-lg font-bold">
                {v.t('documents.attachments')}
              </h2>
              <ul class="list-disc pl-5">
                {attachments.map((a) => (
                  <li>
                    <a href={`/cases/${caseRow.id}/documents/${a.id}`}>{a.title}</a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section class="card mb-6" aria-labelledby="versions-title">
            <h2 id="versions-title" class="mb-3 text-lg font-bold">
              {v.t('documents.versions')}
            </h2>
            <ol class="space-y-2">
              {versions.map((ver) => (
                <li class="rounded-md border border-slate-200 px-3 py-2">
                  <p class="font-semibold">
                    {v.t('documents.versionN', { version: ver.version })}
                    {ver.version === doc.current_version && <span class="badge ml-2">{v.t('documents.current')}</span>}
                    {!!ver.locked && (
                      <span class="badge ml-2 bg-brand-100 text-brand-900">{v.t('documents.locked')}</span>
                    )}
                  </p>
                  <p class="text-sm">
                    <a href={file(ver.version)} hx-boost="false" download>
                      {ver.filename}
                    </a>{' '}
                    · {formatBytes(Number(ver.size), v.locale)}
                  </p>
                  {ver.note && <p class="text-sm italic text-slate-700">{ver.note}</p>}
                  <p class="text-xs text-slate-600">
                    {v.t('documents.uploadedBy', {
                      name: ver.created_by_name ?? '',
                      time: formatDateTime(ver.created_at, v.locale),
                    })}
                  </p>
                </li>
              ))}
            </ol>
            {allowed.edit && (
              <details class="mt-4">
                <summary class="btn-secondary cursor-pointer list-none">{v.t('documents.newVersion')}</summary>
                <form
                  method="post"
                  action={`${base}/versions`}
                  enctype="multipart/form-data"
                  class="mt-3"
                  hx-boost="false"
                >
                  <div class="mb-5">
                    <label class="label" for="version-file">
                      {v.t('documents.file')}
                    </label>
                    <span class="hint" id="version-file-hint">
                      {v.t('documents.files.hint', { size: maxSize })}
                    </span>
                    <input
                      id="version-file"
                      name="file"
                      type="file"
                      class="block w-full text-sm"
                      aria-describedby="version-file-hint"
                    />
                  </div>
                  <TextField id="note" label={v.t('documents.newVersion.note')} />
                  <button type="submit" class="btn-primary">
                    {v.t('documents.newVersion.submit')}
                  </button>
                </form>
              </details>
            )}
          </section>
        </div>
        <div class="min-w-0">
          {sections}
          <section class="card mb-6" aria-labelledby="meta-title">
            <h2 id="meta-title" class="mb-3 text-lg font-bold">
              {v.t('documents.metadata')}
            </h2>
            <dl class="grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-sm">
              <dt class="text-slate-600">{v.t('documents.direction')}</dt>
              <dd>{v.t(`documents.direction.${doc.direction}`)}</dd>
              <dt class="text-slate-600">{v.t('documents.date')}</dt>
              <dd>{formatDate(`${doc.document_date}T12:00:00Z`, v.locale)}</dd>
              {doc.sender && (
                <>
                  <dt class="text-slate-600">{v.t('documents.sender')}</dt>
                  <dd class="break-words">{doc.sender}</dd>
                </>
              )}
              {doc.recipient && (
                <>
                  <dt class="text-slate-600">{v.t('documents.recipient')}</dt>
                  <dd class="break-words">{doc.recipient}</dd>
                </>
              )}
              {parent && (
                <>
                  <dt class="text-slate-600">{v.t('documents.attachmentOf')}</dt>
                  <dd>
                    <a href={`/cases/${caseRow.id}/documents/${parent.id}`}>{parent.title}</a>
                  </dd>
                </>
              )}
              {doc.journalised_at && (
                <>
                  <dt class="text-slate-600">{v.t('documents.journalisedAt')}</dt>
                  <dd>{formatDateTime(doc.journalised_at, v.locale)}</dd>
                </>
              )}
              {doc.finalised_at && (
                <>
                  <dt class="text-slate-600">{v.t('documents.finalisedAt')}</dt>
                  <dd>{formatDateTime(doc.finalised_at, v.locale)}</dd>
                </>
              )}
            </dl>
            {allowed.journalise && !doc.journalised_at && (
              <form method="post" action={`${base}/journalisation`} class="mt-4">
                <p class="mb-2 text-sm text-slate-700">{v.t('documents.journalise.hint')}</p>
                <button type="submit" class="btn-primary">
                  {v.t('documents.journalise')}
                </button>
              </form>
            )}
            {allowed.journalise && doc.journalised_at && !doc.finalised_at && (
              <form method="post" action={`${base}/finalisation`} class="mt-4">
                <p class="mb-2 text-sm text-slate-700">{v.t('documents.finalise.hint')}</p>
                <button type="submit" class="btn-primary">
                  {v.t('documents.finalise')}
                </button>
              </form>
            )}
          </section>
          {allowed.edit && !doc.finalised_at && (
            <section class="card mb-6" aria-labelledby="edit-title">
              <h2 id="edit-title" class="mb-3 text-lg font-bold">
                {v.t('documents.edit')}
              </h2>
              <form method="post" action={base} novalidate>
                <TextField id="title" label={v.t('documents.docTitle')} value={m.title} error={errors.title} />
                <SelectField
                  id="direction"
                  label={v.t('documents.direction')}
                  value={m.direction}
                  error={errors.direction}
                  options={(['incoming', 'outgoing', 'internal'] as const).map((d) => ({
                    value: d,
                    label: v.t(`documents.direction.${d}`),
                  }))}
                />
                <TextField
                  id="documentDate"
                  type="date"
                  label={v.t('documents.date')}
                  value={m.documentDate}
                  error={errors.documentDate}
                />
                <TextField id="sender" label={v.t('documents.sender')} value={m.sender} />
                <TextField id="recipient" label={v.t('documents.recipient')} value={m.recipient} />
                <button type="submit" class="btn-secondary">
                  {v.t('documents.save')}
                </button>
              </form>
            </section>
          )}
          {doc.finalised_at && (
            <Notice kind="info">
              <p class="text-sm">{v.t('documents.finalise.hint')}</p>
            </Notice>
          )}
          <p>
            <a href={`/cases/${caseRow.id}#documents`}>{v.t('documents.back')}</a>
          </p>
        </div>
      </div>
    </>
  );
}
