import type { HomeSection } from '../home/index.ts';
import { toId } from '../../db/sql.ts';
import { Hono, type Context } from 'hono';
import type { FieldErrors } from '../../../views/components/form.tsx';
import { formatBytes } from '../../../views/documents/Documents.tsx';
import { FilesPage, type OpenForm } from '../../../views/me/Files.tsx';
import { MyPage, type MyCases } from '../../../views/me/MyPage.tsx';
import type { Database } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import { fileQuotas, personalUsage } from '../../files/quotas.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { render } from '../../http/render.tsx';
import { acceptsUpload } from '../../http/uploads.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import { listCases, recentlyViewed, upcomingDeadlines } from '../cases/index.ts';
import { actorOf, str } from '../../http/forms.ts';
import { sendBlob } from '../../http/send-blob.ts';
import { recentDocumentsByUser } from '../documents/index.ts';
import { listNotifications, unreadCount } from '../notifications/index.ts';
import { colleagues, directoryPerson } from '../org/index.ts';
import {
  createFolder,
  deleteFolder,
  deletePersonalFile,
  folderTree,
  getFile,
  getFolder,
  listFolder,
  PERSONAL_FILE_LIMITS,
  personalFileStats,
  profileDetails,
  recentPersonalFiles,
  renameFolder,
  updatePersonalFile,
  uploadPersonalFiles,
  type FileRow,
  type FolderRow,
  type PersonalFileLimits,
  type UploadFile,
} from '../people/index.ts';

/**
 * My page and my files, mounted at /me. A composed module (like home and search): it gathers from
 * cases, documents, notifications, org, people (the personal files service) and the sections other
 * modules hand it; no other module imports it.
 *
 * - GET  /                        my page (activities, notifications, files, my place)
 * - GET  /files[?folder=<id>]     my files, at the top level or in a folder
 * - POST /files                   upload (multipart; one or many files)
 * - GET  /files/:id               download (`?inline=1` shows a PDF or image in the browser)
 * - POST /files/:id               rename and/or move a file
 * - POST /files/:id/deletion      delete a file
 * - POST /folders                 create a folder
 * - POST /folders/:id             rename a folder
 * - POST /folders/:id/deletion    delete an empty folder
 *
 * Strictly private: every id is looked up together with the signed-in user's id, so someone
 * else's file or folder answers 404 exactly like one that does not exist.
 */

export interface MeRouteOptions {
  limits?: PersonalFileLimits;
  /** The largest whole upload request (default 200 MB). */
  maxRequestBytes?: number;
  /** Activity sections other modules add (my next meetings, my rooms); as on the front page. */
  sections?: HomeSection[];
}

const ID = ':id{[0-9]{1,12}}';

/** '' (or absent) is the top level; anything else must be a number. */
function parseFolderParam(raw: string | undefined): number | null | 'invalid' {
  const value = (raw ?? '').trim();
  if (!value) return null;
  return toId(value) ?? 'invalid';
}

export function meRoutes(database: Database, blobs: BlobStore, opts: MeRouteOptions = {}) {
  const app = new Hono<AppEnv>();
  const limits = opts.limits ?? PERSONAL_FILE_LIMITS;
  const maxRequestBytes = opts.maxRequestBytes ?? 200 * 1024 * 1024;

  function requireFiles(c: Context<AppEnv>): CurrentUser {
    const user = c.get('user');
    if (!user || !can(user, 'files.personal', { type: 'user', id: user.id })) throw forbidden();
    return user;
  }

  async function ownFolder(user: CurrentUser, raw: string | undefined): Promise<FolderRow> {
    const id = toId(raw);
    const folder = id ? await getFolder(database, user.id, id) : undefined;
    if (!folder) throw notFound();
    return folder;
  }

  async function ownFile(user: CurrentUser, raw: string | undefined): Promise<FileRow> {
    const id = toId(raw);
    const file = id ? await getFile(database, user.id, id) : undefined;
    if (!file) throw notFound();
    return file;
  }

  /** The files page for a folder; with errors, the refused form stays open with what was typed. */
  async function filesPage(
    c: Context<AppEnv>,
    user: CurrentUser,
    folderId: number | null,
    state: { errors?: FieldErrors; open?: OpenForm; values?: Record<string, string>; status?: 200 | 422 } = {},
  ) {
    const [listing, tree, used, quotas] = await Promise.all([
      listFolder(database, user.id, folderId),
      folderTree(database, user.id),
      personalUsage(database, user.id),
      fileQuotas(database),
    ]);
    if (!listing) throw notFound();
    return render(c, {
      title: (v) => (listing.folder ? `${listing.folder.name} · ${v.t('files.title')}` : v.t('files.title')),
      status: state.status ?? 200,
      body: (v) => (
        <FilesPage
          v={v}
          d={{
            listing,
            tree,
            maxSize: formatBytes(limits.maxFileBytes, v.locale),
            usage: { used, quota: quotas.personalBytes },
            errors: state.errors ?? {},
            open: state.open ?? null,
            values: state.values ?? {},
          }}
        />
      ),
    });
  }

  const back = (folderId: number | null) => (folderId === null ? '/me/files' : `/me/files?folder=${folderId}`);

  const uploadLimit = acceptsUpload(maxRequestBytes, (c) => {
    const t = c.get('t');
    return render(c as Context<AppEnv>, {
      title: t('files.title'),
      status: 413,
      body: () => (
        <p class="card">{t('files.error.requestTooLarge', { size: formatBytes(maxRequestBytes, c.get('locale')) })}</p>
      ),
    });
  });

  // --- My page -------------------------------------------------------------------------------
  app.get('/', async (c) => {
    const user = c.get('user');
    if (!user || !can(user, 'intranet.view')) throw forbidden();
    const withCases = can(user, 'cases.view');
    const today = copenhagenDate(new Date());
    const [me, notifications, unread, recentFiles, stats, colleagueList, cases, parts] = await Promise.all([
      profileDetails(database, user.username),
      listNotifications(database, user.id, 5),
      c.get('unreadCount')?.() ?? unreadCount(database, user.id),
      recentPersonalFiles(database, user.id, 5),
      personalFileStats(database, user.id),
      colleagues(database, user.id, 12),
      withCases
        ? Promise.all([
            listCases(database, user, { view: 'mine', status: 'open', sort: 'updated', limit: 8 }),
            upcomingDeadlines(database, user, { scope: 'mine', today, withinDays: 14, limit: 10 }),
            recentlyViewed(database, user, 5),
            recentDocumentsByUser(database, user, 5),
          ]).then(([open, deadlines, recent, documents]): MyCases => ({
            open: open.items,
            moreOpen: !!open.next,
            deadlines,
            recent,
            documents,
          }))
        : Promise.resolve(null),
      Promise.all((opts.sections ?? []).map((section) => section(database, user))),
    ]);
    if (!me) throw forbidden();
    const manager = me.manager ? await directoryPerson(database, me.manager.id) : null;
    return render(c, {
      title: (v) => v.t('me.title'),
      body: (v) => (
        <MyPage
          v={v}
          d={{
            me,
            cases,
            notifications,
            unread,
            files: { recent: recentFiles, count: stats.files, folders: stats.folders, bytes: stats.bytes },
            manager,
            colleagues: colleagueList,
            extra: parts.filter((p) => p !== null).map((p) => p(v)),
          }}
        />
      ),
    });
  });

  // --- Files ---------------------------------------------------------------------------------
  app.get('/files', async (c) => {
    const user = requireFiles(c);
    const folderId = parseFolderParam(c.req.query('folder'));
    if (folderId === 'invalid') throw notFound();
    return filesPage(c, user, folderId);
  });

  app.post('/files', uploadLimit, async (c) => {
    const user = requireFiles(c);
    const body = await c.req.parseBody({ all: true });
    const folderId = parseFolderParam(typeof body.folder === 'string' ? body.folder : '');
    if (folderId === 'invalid') throw notFound();
    if (folderId !== null) await ownFolder(user, String(folderId));
    const raw = body.files;
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const files: UploadFile[] = [];
    for (const f of list) {
      if (f instanceof File && (f.size > 0 || f.name))
        files.push({ name: f.name || 'fil', type: f.type, bytes: Buffer.from(await f.arrayBuffer()) });
    }
    const result = await uploadPersonalFiles(database, blobs, user.id, folderId, files, actorOf(user), {
      limits,
      ip: c.get('clientIp')(),
    });
    if (!result.ok) {
      const t = c.get('t');
      const size = formatBytes(limits.maxFileBytes, c.get('locale'));
      const bytes = (n: number) => formatBytes(n, c.get('locale'));
      const message = result.problems
        .map((p) =>
          p.key === 'files.error.quota'
            ? t(p.key, { used: bytes(p.quota.used), quota: bytes(p.quota.quota), adding: bytes(p.quota.adding) })
            : t(p.key, { file: p.file ?? '', size, max: limits.maxFiles }),
        )
        .join(' · ');
      return filesPage(c, user, folderId, { errors: { files: message }, open: { kind: 'upload' }, status: 422 });
    }
    setFlash(
      c,
      result.ids.length === 1
        ? { kind: 'success', key: 'files.uploadedOne' }
        : { kind: 'success', key: 'files.uploaded', params: { count: result.ids.length } },
    );
    return c.redirect(back(folderId), 303);
  });

  app.get(`/files/${ID}`, async (c) => {
    const user = requireFiles(c);
    const file = await ownFile(user, c.req.param('id'));
    if (!blobs.exists(file.blob_sha256)) throw notFound();
    return sendBlob(
      c,
      { blobs, sha256: file.blob_sha256 },
      {
        mime: file.mime,
        filename: file.name,
        inline: c.req.query('inline') === '1',
        cacheControl: 'private, no-cache',
      },
    );
  });

  app.post(`/files/${ID}`, async (c) => {
    const user = requireFiles(c);
    const file = await ownFile(user, c.req.param('id'));
    const body = await c.req.parseBody();
    const values = { name: str(body, 'name', 400), folder: str(body, 'folder', 20) };
    const folderId = parseFolderParam(values.folder);
    if (folderId === 'invalid') throw notFound();
    // Moving into someone else's folder (or one that does not exist) is "not found", like any
    // other guessed id.
    if (folderId !== null) await ownFolder(user, String(folderId));
    const result = await updatePersonalFile(database, user.id, file, { name: values.name, folderId }, actorOf(user), {
      ip: c.get('clientIp')(),
    });
    if (!result.ok) {
      const field = result.field === 'name' ? `file-${file.id}-name` : `file-${file.id}-folder`;
      return filesPage(c, user, file.folder_id, {
        errors: { [field]: c.get('t')(result.error, { max: 200 }) },
        open: { kind: 'file', id: file.id },
        values,
        status: 422,
      });
    }
    setFlash(c, {
      kind: 'success',
      key: result.changed.includes('folder')
        ? 'files.moved'
        : result.changed.length
          ? 'files.renamed'
          : 'files.unchanged',
    });
    return c.redirect(back(result.changed.includes('folder') ? folderId : file.folder_id), 303);
  });

  app.post(`/files/${ID}/deletion`, async (c) => {
    const user = requireFiles(c);
    const file = await ownFile(user, c.req.param('id'));
    await deletePersonalFile(database, user.id, file, actorOf(user), { ip: c.get('clientIp')() });
    setFlash(c, { kind: 'success', key: 'files.deleted', params: { name: file.name } });
    return c.redirect(back(file.folder_id), 303);
  });

  // --- Folders -------------------------------------------------------------------------------
  app.post('/folders', async (c) => {
    const user = requireFiles(c);
    const body = await c.req.parseBody();
    const values = { name: str(body, 'name', 400) };
    const parentId = parseFolderParam(str(body, 'parent', 20));
    if (parentId === 'invalid') throw notFound();
    if (parentId !== null) await ownFolder(user, String(parentId));
    const result = await createFolder(database, user.id, parentId, values.name, actorOf(user), {
      ip: c.get('clientIp')(),
    });
    if (!result.ok) {
      return filesPage(c, user, parentId, {
        errors: { 'folder-name': c.get('t')(result.error, { max: 100 }) },
        open: { kind: 'new' },
        values,
        status: 422,
      });
    }
    setFlash(c, { kind: 'success', key: 'files.folder.created' });
    return c.redirect(back(parentId), 303);
  });

  app.post(`/folders/${ID}`, async (c) => {
    const user = requireFiles(c);
    const folder = await ownFolder(user, c.req.param('id'));
    const body = await c.req.parseBody();
    const values = { name: str(body, 'name', 400) };
    const result = await renameFolder(database, user.id, folder, values.name, actorOf(user), {
      ip: c.get('clientIp')(),
    });
    if (!result.ok) {
      return filesPage(c, user, folder.parent_id, {
        errors: { [`folder-${folder.id}-name`]: c.get('t')(result.error, { max: 100 }) },
        open: { kind: 'folder', id: folder.id },
        values,
        status: 422,
      });
    }
    setFlash(c, { kind: 'success', key: 'files.folder.renamed' });
    return c.redirect(back(folder.parent_id), 303);
  });

  app.post(`/folders/${ID}/deletion`, async (c) => {
    const user = requireFiles(c);
    const folder = await ownFolder(user, c.req.param('id'));
    const result = await deleteFolder(database, user.id, folder, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) {
      return filesPage(c, user, folder.parent_id, {
        errors: { [`folder-${folder.id}-delete`]: c.get('t')(result.error) },
        open: { kind: 'folder', id: folder.id },
        status: 422,
      });
    }
    setFlash(c, { kind: 'success', key: 'files.folder.deleted', params: { name: folder.name } });
    return c.redirect(back(folder.parent_id), 303);
  });

  return app;
}
