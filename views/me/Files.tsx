import type { ViewContext } from '../context.ts';
import type { FileRow, FolderListing, FolderRow } from '../../src/modules/people/service.ts';
import { formatDateTime, formatNumber } from '../../src/i18n/index.ts';
import { ErrorSummary, SelectField, TextField, type FieldErrors } from '../components/form.tsx';
import { PageHeader } from '../components/page.tsx';
import { formatBytes } from '../documents/Documents.tsx';

/**
 * My files: a private file area with folders. Every action is a plain form (POST, then a
 * redirect back here), so it all works without JavaScript; with it, the upload shows progress.
 */

export type OpenForm =
  { kind: 'folder'; id: number } | { kind: 'file'; id: number } | { kind: 'new' } | { kind: 'upload' } | null;

export interface FilesPageData {
  listing: FolderListing;
  /** Every folder of the user, for "move to". */
  tree: Array<FolderRow & { depth: number }>;
  maxSize: string;
  /** Bytes in the user's files, and their quota. */
  usage: { used: number; quota: number };
  errors: FieldErrors;
  /** The form that was refused (kept open, with what the user typed in `values`). */
  open: OpenForm;
  values: Record<string, string>;
}

const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function FolderIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" class="size-6 shrink-0 text-brand-700" fill="currentColor">
      <path d="M3 6a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />
    </svg>
  );
}

function FileIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      class="size-6 shrink-0 text-slate-500"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linejoin="round"
    >
      <path d="M6 3h8l4 4v14H6z" />
      <path d="M14 3v4h4" />
    </svg>
  );
}

function FolderItem({ v, f, d }: { v: ViewContext; f: FolderRow & { items: number }; d: FilesPageData }) {
  const open = d.open?.kind === 'folder' && d.open.id === f.id;
  const nameId = `folder-${f.id}-name`;
  const deleteId = `folder-${f.id}-delete`;
  return (
    <li class="flex flex-wrap items-start gap-x-3 gap-y-2 px-4 py-3">
      <FolderIcon />
      <div class="min-w-0 flex-1">
        <a href={`/me/files?folder=${f.id}`} class="font-semibold break-words">
          {f.name}
        </a>
        <p class="text-sm text-slate-700">
          {v.t('files.folder')} ·{' '}
          {f.items === 1 ? v.t('files.items.one') : v.t('files.items', { count: formatNumber(f.items, v.locale) })}
        </p>
      </div>
      <details class="w-full sm:w-auto" open={open}>
        <summary class="btn-link cursor-pointer text-sm">
          {v.t('files.folder.actions')}
          <span class="sr-only">: {f.name}</span>
        </summary>
        <div class="mt-2 rounded-md border border-slate-200 bg-slate-50 p-3 sm:w-80">
          <form method="post" action={`/me/folders/${f.id}`} novalidate>
            <TextField
              id={nameId}
              name="name"
              label={v.t('files.folder.rename')}
              value={open ? (d.values.name ?? f.name) : f.name}
              error={d.errors[nameId]}
              autocomplete="off"
            />
            <button type="submit" class="btn-secondary">
              {v.t('files.rename.submit')}
            </button>
          </form>
          <form method="post" action={`/me/folders/${f.id}/deletion`} class="mt-3 border-t border-slate-200 pt-3">
            {d.errors[deleteId] && (
              <span class="field-error" id={`${deleteId}-error`}>
                {d.errors[deleteId]}
              </span>
            )}
            {f.items > 0 && !d.errors[deleteId] && <p class="hint">{v.t('files.folder.deleteHint')}</p>}
            <button
              type="submit"
              id={deleteId}
              class="btn-danger"
              aria-describedby={d.errors[deleteId] ? `${deleteId}-error` : undefined}
            >
              {v.t('files.folder.delete')}
            </button>
          </form>
        </div>
      </details>
    </li>
  );
}

function FileItem({ v, f, d }: { v: ViewContext; f: FileRow; d: FilesPageData }) {
  const open = d.open?.kind === 'file' && d.open.id === f.id;
  const nameId = `file-${f.id}-name`;
  const folderId = `file-${f.id}-folder`;
  const currentFolder =
    open && d.values.folder !== undefined ? d.values.folder : f.folder_id === null ? '' : String(f.folder_id);
  return (
    <li class="flex flex-wrap items-start gap-x-3 gap-y-2 px-4 py-3">
      <FileIcon />
      <div class="min-w-0 flex-1">
        <a href={`/me/files/${f.id}`} class="font-semibold break-words" hx-boost="false" download>
          {f.name}
        </a>
        <p class="text-sm text-slate-700">
          {formatBytes(Number(f.size), v.locale)} ·{' '}
          <time datetime={f.created_at}>{formatDateTime(f.created_at, v.locale)}</time>
          {INLINE_TYPES.has(f.mime) && (
            <>
              {' · '}
              <a href={`/me/files/${f.id}?inline=1`} hx-boost="false" target="_blank" rel="noopener">
                {v.t('files.view')}
                <span class="sr-only">
                  : {f.name} ({v.t('files.newWindow')})
                </span>
              </a>
            </>
          )}
        </p>
      </div>
      <details class="w-full sm:w-auto" open={open}>
        <summary class="btn-link cursor-pointer text-sm">
          {v.t('files.file.actions')}
          <span class="sr-only">: {f.name}</span>
        </summary>
        <div class="mt-2 rounded-md border border-slate-200 bg-slate-50 p-3 sm:w-80">
          <form method="post" action={`/me/files/${f.id}`} novalidate>
            <TextField
              id={nameId}
              name="name"
              label={v.t('files.file.name')}
              value={open ? (d.values.name ?? f.name) : f.name}
              error={d.errors[nameId]}
              autocomplete="off"
            />
            <SelectField
              id={folderId}
              name="folder"
              label={v.t('files.file.folder')}
              value={currentFolder}
              error={d.errors[folderId]}
              options={[
                { value: '', label: v.t('files.top') },
                ...d.tree.map((t) => ({ value: String(t.id), label: `${'– '.repeat(t.depth + 1)}${t.name}` })),
              ]}
            />
            <button type="submit" class="btn-secondary">
              {v.t('files.file.save')}
            </button>
          </form>
          <form method="post" action={`/me/files/${f.id}/deletion`} class="mt-3 border-t border-slate-200 pt-3">
            <button type="submit" class="btn-danger">
              {v.t('files.file.delete')}
            </button>
          </form>
        </div>
      </details>
    </li>
  );
}

export function FilesPage({ v, d }: { v: ViewContext; d: FilesPageData }) {
  const { listing } = d;
  const folderValue = listing.folder ? String(listing.folder.id) : '';
  const empty = listing.folders.length === 0 && listing.files.length === 0;
  const title = listing.folder ? listing.folder.name : v.t('files.title');
  return (
    <>
      <PageHeader title={title} lead={v.t('files.lead')} />
      <nav aria-label={v.t('files.breadcrumbs')} class="mb-4">
        <ol class="flex flex-wrap items-center gap-x-2 gap-y-1">
          <li>
            <a href="/me">{v.t('me.title')}</a>
          </li>
          <li class="flex items-center gap-2">
            <span aria-hidden="true" class="text-slate-400">
              ›
            </span>
            {listing.folder ? (
              <a href="/me/files">{v.t('files.title')}</a>
            ) : (
              <span aria-current="page">{v.t('files.title')}</span>
            )}
          </li>
          {listing.path.map((f, i) => (
            <li class="flex items-center gap-2">
              <span aria-hidden="true" class="text-slate-400">
                ›
              </span>
              {i === listing.path.length - 1 ? (
                <span aria-current="page" class="font-semibold">
                  {f.name}
                </span>
              ) : (
                <a href={`/me/files?folder=${f.id}`}>{f.name}</a>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <ErrorSummary t={v.t} errors={d.errors} />
      <div class="grid gap-6 lg:grid-cols-3">
        <section class="lg:col-span-2" aria-labelledby="files-content-title">
          <h2 id="files-content-title" class="mb-3 text-lg font-bold">
            {v.t('files.content')}
          </h2>
          {empty ? (
            <p class="card">{listing.folder ? v.t('files.empty') : v.t('files.empty.all')}</p>
          ) : (
            <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {listing.folders.map((f) => (
                <FolderItem v={v} f={f} d={d} />
              ))}
              {listing.files.map((f) => (
                <FileItem v={v} f={f} d={d} />
              ))}
            </ul>
          )}
        </section>
        <div class="flex flex-col gap-6">
          <section class="card" aria-labelledby="upload-title">
            <h2 id="upload-title" class="mb-3 text-lg font-bold">
              {v.t('files.upload')}
            </h2>
            <p class="mb-3 text-sm text-slate-700" id="files-usage">
              {v.t('files.usage', {
                used: formatBytes(d.usage.used, v.locale),
                quota: formatBytes(d.usage.quota, v.locale),
              })}
            </p>
            <form
              method="post"
              action="/me/files"
              enctype="multipart/form-data"
              novalidate
              x-data="upload"
              hx-post="/me/files"
              hx-encoding="multipart/form-data"
              hx-target="body"
              hx-push-url="false"
            >
              <input type="hidden" name="folder" value={folderValue} />
              <div class="mb-4">
                <label class="label" for="files">
                  {v.t('files.files')}
                </label>
                <span class="hint" id="files-hint">
                  {v.t('files.files.hint', { size: d.maxSize })}
                </span>
                {d.errors.files && (
                  <span class="field-error" id="files-error">
                    {d.errors.files}
                  </span>
                )}
                <div
                  class="rounded-md border-2 border-dashed border-slate-300 p-3 data-[over]:border-brand-600 data-[over]:bg-brand-50"
                  {...{ 'x-on:dragover.prevent': 'over', 'x-on:dragleave': 'leave', 'x-on:drop.prevent': 'drop' }}
                >
                  <input
                    id="files"
                    name="files"
                    type="file"
                    multiple
                    class="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-700 file:px-3 file:py-2 file:font-semibold file:text-white"
                    aria-describedby={['files-hint', d.errors.files ? 'files-error' : ''].filter(Boolean).join(' ')}
                    aria-invalid={d.errors.files ? 'true' : undefined}
                  />
                  <p class="mt-2 text-sm text-slate-600" aria-hidden="true">
                    {v.t('files.drop')}
                  </p>
                </div>
                <div class="mt-2 hidden items-center gap-2 data-[busy]:flex" x-ref="bar">
                  <label for="upload-progress" class="text-sm">
                    {v.t('files.progress')}
                  </label>
                  <progress id="upload-progress" max="100" value="0" class="h-3 flex-1" x-ref="progress"></progress>
                </div>
              </div>
              <button type="submit" class="btn-primary">
                {v.t('files.upload.submit')}
              </button>
            </form>
          </section>
          <section class="card" aria-labelledby="new-folder-title">
            <h2 id="new-folder-title" class="mb-3 text-lg font-bold">
              {v.t('files.folder.new')}
            </h2>
            <form method="post" action="/me/folders" novalidate>
              <input type="hidden" name="parent" value={folderValue} />
              <TextField
                id="folder-name"
                name="name"
                label={v.t('files.folder.name')}
                hint={listing.folder ? v.t('files.folder.inside', { folder: listing.folder.name }) : undefined}
                value={d.open?.kind === 'new' ? (d.values.name ?? '') : ''}
                error={d.errors['folder-name']}
                autocomplete="off"
              />
              <button type="submit" class="btn-secondary">
                {v.t('files.folder.create')}
              </button>
            </form>
          </section>
          {listing.folder && (
            <p>
              <a href={listing.folder.parent_id ? `/me/files?folder=${listing.folder.parent_id}` : '/me/files'}>
                {v.t('files.up')}
              </a>
            </p>
          )}
        </div>
      </div>
    </>
  );
}
