import { html } from 'hono/html';
import type { ViewContext } from '../context.ts';
import type { LoadedRoom } from '../../src/modules/rooms/access.ts';
import type { FileVersionView, RoomFileRow, RoomFileView, SentLink } from '../../src/modules/rooms/files.ts';
import { formatDateTime } from '../../src/i18n/index.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form.tsx';
import { ScrollTable } from '../components/page.tsx';
import { formatBytes } from '../documents/Documents.tsx';
import { RoomHeader, RoomNav } from './parts.tsx';

/** A room's files: the list with the upload form, and one file with its versions. */

function sentText(v: ViewContext, s: SentLink) {
  return s.caseNumber
    ? html`<a href="/cases/${s.caseId}/documents/${s.documentId}">${v.t('roomfiles.sentTo', { number: s.caseNumber })}</a>`
    : html`${v.t('roomfiles.sentHidden')}`;
}

function FileInput({
  v,
  id,
  name,
  multiple,
  error,
  maxSize,
}: {
  v: ViewContext;
  id: string;
  name: string;
  multiple: boolean;
  error?: string;
  maxSize: string;
}) {
  return (
    <div class="mb-5">
      <label class="label" for={id}>
        {multiple ? v.t('roomfiles.field.files') : v.t('roomfiles.field.file')}
      </label>
      <span class="hint" id={`${id}-hint`}>
        {v.t('roomfiles.field.hint', { size: maxSize })}
      </span>
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
      <input
        id={id}
        name={name}
        type="file"
        multiple={multiple}
        class="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-700 file:px-3 file:py-2 file:font-semibold file:text-white"
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

export function FilesPage({
  v,
  room,
  items,
  errors,
  maxSize,
  reports,
  usage,
}: {
  v: ViewContext;
  room: LoadedRoom;
  items: RoomFileView[];
  errors: FieldErrors;
  maxSize: string;
  reports: number;
  /** Bytes in the room's files (every version), and the room's quota. */
  usage: { used: number; quota: number };
}) {
  const base = `/rooms/${room.row.id}`;
  return (
    <>
      <RoomHeader v={v} room={room} />
      <RoomNav v={v} room={room} current="files" reports={reports} />
      <ErrorSummary errors={errors} t={v.t} />
      {room.rights.post && (
        <section aria-labelledby="upload-title" class="card mb-6 max-w-3xl">
          <h2 id="upload-title" class="text-lg font-bold">
            {v.t('roomfiles.upload.title')}
          </h2>
          <p class="mt-1 text-sm text-slate-700" id="files-usage">
            {v.t('roomfiles.usage', {
              used: formatBytes(usage.used, v.locale),
              quota: formatBytes(usage.quota, v.locale),
            })}
          </p>
          <form
            method="post"
            action={`${base}/files`}
            enctype="multipart/form-data"
            class="mt-3"
            novalidate
            hx-boost="false"
          >
            <FileInput v={v} id="files" name="files" multiple error={errors.files} maxSize={maxSize} />
            <button type="submit" class="btn-primary">
              {v.t('roomfiles.upload.submit')}
            </button>
          </form>
        </section>
      )}
      <section aria-labelledby="file-list-title">
        <h2 id="file-list-title" class="mb-3 text-xl font-bold">
          {v.t('roomfiles.title')}
        </h2>
        {items.length === 0 ? (
          <p class="card">{v.t('roomfiles.none')}</p>
        ) : (
          <ScrollTable label={v.t('roomfiles.title')}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{v.t('roomfiles.col.title')}</th>
                  <th scope="col">{v.t('roomfiles.col.version')}</th>
                  <th scope="col">{v.t('roomfiles.col.size')}</th>
                  <th scope="col">{v.t('roomfiles.col.updated')}</th>
                  <th scope="col">{v.t('roomfiles.col.case')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map(
                  (f) =>
                    html`<tr><td><a href="${base}/files/${f.id}" class="font-semibold">${f.title}</a><span class="block text-xs text-slate-600">${f.filename}</span></td><td>${f.currentVersion}</td><td class="whitespace-nowrap">${formatBytes(
                      f.size,
                      v.locale,
                    )}</td><td class="whitespace-nowrap">${formatDateTime(f.updatedAt, v.locale)}${f.uploadedBy ? html`<span class="block text-xs text-slate-600">${f.uploadedBy}</span>` : ''}</td><td>${
                      f.sent ? sentText(v, f.sent) : ''
                    }</td></tr>`,
                )}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>
    </>
  );
}

export interface FilePageData {
  room: LoadedRoom;
  file: RoomFileRow;
  versions: FileVersionView[];
  errors: FieldErrors;
  caseNumber: string;
  note: string;
  maxSize: string;
  /** The user works with cases (may send to a case they can edit). */
  canSend: boolean;
  /** The room's owners, and the uploader while they may post. */
  canDelete: boolean;
  reports: number;
}

export function FilePage({ v, d }: { v: ViewContext; d: FilePageData }) {
  const { room, file } = d;
  const base = `/rooms/${room.row.id}/files/${file.id}`;
  const current = d.versions[0];
  const download = (version: number) => `${base}/versions/${version}`;
  return (
    <>
      <RoomHeader v={v} room={room} title={file.title} />
      <RoomNav v={v} room={room} current="files" reports={d.reports} />
      <ErrorSummary errors={d.errors} t={v.t} />
      <div class="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="versions-title" class="lg:col-span-2">
          <h2 id="versions-title" class="mb-3 text-xl font-bold">
            {v.t('roomfiles.versions')}
          </h2>
          {current && (
            <p class="mb-4">
              <a class="btn-primary" href={download(current.version)} hx-boost="false" download>
                {v.t('roomfiles.download', { version: current.version })}
              </a>
            </p>
          )}
          <ol class="space-y-3">
            {d.versions.map((ver) => (
              <li class="card">
                <p class="font-semibold">
                  {v.t('roomfiles.version', { version: ver.version })} ·{' '}
                  <a href={download(ver.version)} hx-boost="false" download>
                    {ver.filename}
                  </a>
                </p>
                <p class="text-sm text-slate-700">
                  {formatBytes(ver.size, v.locale)} ·{' '}
                  {v.t('roomfiles.uploadedBy', {
                    name: ver.createdBy ?? '?',
                    time: formatDateTime(ver.createdAt, v.locale),
                  })}
                </p>
                {ver.note && <p class="mt-1 text-sm">{ver.note}</p>}
                {ver.sent && <p class="mt-1 text-sm">{sentText(v, ver.sent)}</p>}
              </li>
            ))}
          </ol>
        </section>
        <div class="space-y-6">
          {room.rights.post && (
            <section aria-labelledby="new-version-title" class="card">
              <h2 id="new-version-title" class="text-lg font-bold">
                {v.t('roomfiles.newVersion')}
              </h2>
              <form
                method="post"
                action={`${base}/versions`}
                enctype="multipart/form-data"
                class="mt-3"
                novalidate
                hx-boost="false"
              >
                <FileInput
                  v={v}
                  id="version-file"
                  name="file"
                  multiple={false}
                  error={d.errors['version-file']}
                  maxSize={d.maxSize}
                />
                <TextField id="note" label={v.t('roomfiles.note')} value={d.note} />
                <button type="submit" class="btn-secondary">
                  {v.t('roomfiles.newVersion.submit')}
                </button>
              </form>
            </section>
          )}
          {room.rights.post && d.canSend && current && !current.sent && (
            <section aria-labelledby="send-title" class="card">
              <h2 id="send-title" class="text-lg font-bold">
                {v.t('roomfiles.send.title')}
              </h2>
              <p class="mt-1 text-sm text-slate-700">{v.t('roomfiles.send.lead', { version: current.version })}</p>
              <form method="post" action={`${base}/case-documents`} class="mt-3" novalidate>
                <input type="hidden" name="version" value={String(current.version)} />
                <TextField
                  id="caseNumber"
                  label={v.t('roomfiles.send.caseNumber')}
                  hint={v.t('roomfiles.send.caseNumber.hint')}
                  value={d.caseNumber}
                  error={d.errors.caseNumber}
                  autocomplete="off"
                  spellcheck={false}
                />
                <button type="submit" class="btn-primary">
                  {v.t('roomfiles.send.submit')}
                </button>
              </form>
            </section>
          )}
          {d.canDelete && (
            <section aria-labelledby="delete-title" class="card">
              <h2 id="delete-title" class="text-lg font-bold">
                {v.t('roomfiles.delete.title')}
              </h2>
              <p class="mt-1 text-sm text-slate-700">{v.t('roomfiles.delete.lead')}</p>
              <form method="post" action={`${base}/deletion`} class="mt-3">
                <button type="submit" class="btn-danger">
                  {v.t('roomfiles.delete.submit')}
                </button>
              </form>
            </section>
          )}
          <p>
            <a href={`/rooms/${room.row.id}/files`}>{v.t('roomfiles.back')}</a>
          </p>
        </div>
      </div>
    </>
  );
}
