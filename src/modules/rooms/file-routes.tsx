import { Hono, type Context } from 'hono';
import { FilePage, FilesPage } from '../../../views/rooms/Files.tsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { render } from '../../http/render.tsx';
import { can } from '../../policy/index.ts';
import { sendBlob } from '../../http/send-blob.ts';
import { toId, type LoadedRoom } from './access.ts';
import {
  addRoomFileVersion,
  deleteRoomFile,
  getFile,
  getFileVersion,
  listFiles,
  listFileVersions,
  mayDeleteFile,
  sendToCase,
  uploadRoomFiles,
} from './files.ts';
import { fileQuotas, roomUsage } from '../../files/quotas.ts';
import { actorOf, problemsText, quotaText, readFiles, str, type RoomRouteContext } from './route-context.tsx';

/** A room's files: the list and uploads, a file's page, its versions and downloads, deleting, sending to a case. */
export function fileRoutes({
  database,
  blobs,
  limits,
  maxSize,
  uploadLimit,
  load,
  ip,
  reportsOf,
  back,
}: RoomRouteContext) {
  const app = new Hono<AppEnv>();

  // --- Files --------------------------------------------------------------------------------------
  async function filesPage(
    c: Context<AppEnv>,
    room: LoadedRoom,
    user: CurrentUser,
    errors: FieldErrors = {},
    status: 200 | 413 | 422 = 200,
  ) {
    const [items, reports, used, quotas] = await Promise.all([
      listFiles(database, room, actorOf(user)),
      reportsOf(room),
      roomUsage(database, room.row.id),
      fileQuotas(database),
    ]);
    return render(c, {
      title: (v) => `${v.t('roomfiles.title')} · ${room.row.name}`,
      status,
      body: (v) => (
        <FilesPage
          v={v}
          room={room}
          items={items}
          errors={errors}
          maxSize={maxSize(c)}
          reports={reports}
          usage={{ used, quota: quotas.roomBytes }}
        />
      ),
    });
  }

  app.get('/:id{[0-9]+}/files', async (c) => {
    const { room, user } = await load(c);
    return filesPage(c, room, user);
  });

  app.post('/:id{[0-9]+}/files', uploadLimit, async (c) => {
    const { room, user, actor } = await load(c, 'post');
    const files = await readFiles(await c.req.parseBody({ all: true }), 'files');
    const result = await uploadRoomFiles(database, blobs, room, files, actor, { limits, ...ip(c) });
    if (!result.ok)
      return filesPage(
        c,
        room,
        user,
        { files: 'quota' in result ? quotaText(c, result.quota) : problemsText(c, result.problems, limits) },
        422,
      );
    return back(
      c,
      `/rooms/${room.row.id}/files`,
      result.ids.length === 1
        ? { kind: 'success', key: 'roomfiles.uploadedOne' }
        : { kind: 'success', key: 'roomfiles.uploaded', params: { count: result.ids.length } },
    );
  });

  async function filePage(
    c: Context<AppEnv>,
    room: LoadedRoom,
    user: CurrentUser,
    fileId: string,
    state: { errors?: FieldErrors; caseNumber?: string; note?: string } = {},
    status: 200 | 422 = 200,
  ) {
    const file = await getFile(database, room, fileId);
    if (!file) throw notFound();
    const [versions, reports] = await Promise.all([
      listFileVersions(database, file.id, actorOf(user)),
      reportsOf(room),
    ]);
    return render(c, {
      title: `${file.title} · ${room.row.name}`,
      status,
      body: (v) => (
        <FilePage
          v={v}
          d={{
            room,
            file,
            versions,
            errors: state.errors ?? {},
            caseNumber: state.caseNumber ?? '',
            note: state.note ?? '',
            maxSize: maxSize(c),
            canSend: can(user, 'case.edit'),
            canDelete: mayDeleteFile(room, file, user),
            reports,
          }}
        />
      ),
    });
  }

  app.get('/:id{[0-9]+}/files/:fileId{[0-9]+}', async (c) => {
    const { room, user } = await load(c);
    return filePage(c, room, user, c.req.param('fileId'));
  });

  app.post('/:id{[0-9]+}/files/:fileId{[0-9]+}/versions', uploadLimit, async (c) => {
    const { room, user, actor } = await load(c, 'post');
    const file = await getFile(database, room, c.req.param('fileId'));
    if (!file) throw notFound();
    const body = await c.req.parseBody({ all: true });
    const [upload] = await readFiles(body, 'file');
    const note = str(body, 'note', 1000);
    if (!upload)
      return filePage(
        c,
        room,
        user,
        String(file.id),
        { errors: { 'version-file': c.get('t')('documents.error.noFiles') }, note },
        422,
      );
    const result = await addRoomFileVersion(database, blobs, room, file, upload, note, actor, { limits, ...ip(c) });
    if (!result.ok) {
      const message = 'quota' in result ? quotaText(c, result.quota) : problemsText(c, result.problems, limits);
      return filePage(c, room, user, String(file.id), { errors: { 'version-file': message }, note }, 422);
    }
    return back(c, `/rooms/${room.row.id}/files/${file.id}`, {
      kind: 'success',
      key: 'roomfiles.versionAdded',
      params: { version: result.version },
    });
  });

  /**
   * Downloads, with the documents module's safe headers: the type decided at upload, nosniff, an
   * RFC 6266 file name, attachment unless a PDF or an image is asked for inline, and a
   * sandboxing CSP.
   */
  app.get('/:id{[0-9]+}/files/:fileId{[0-9]+}/versions/:v{[0-9]+}', async (c) => {
    const { room } = await load(c);
    const file = await getFile(database, room, c.req.param('fileId'));
    if (!file) throw notFound();
    const version = await getFileVersion(database, file.id, toId(c.req.param('v')) ?? 0);
    if (!version || !blobs.exists(version.blob_sha256)) throw notFound();
    return sendBlob(
      c,
      { blobs, sha256: version.blob_sha256 },
      {
        mime: version.mime,
        filename: version.filename,
        inline: c.req.query('inline') === '1',
        cacheControl: 'private, no-cache',
      },
    );
  });

  // Deleting a file is a plain form post on the file's deletion (POST-redirect-GET).
  app.post('/:id{[0-9]+}/files/:fileId{[0-9]+}/deletion', async (c) => {
    const { room, actor } = await load(c);
    const file = await getFile(database, room, c.req.param('fileId'));
    if (!file) throw notFound();
    if (!mayDeleteFile(room, file, actor)) throw forbidden();
    await deleteRoomFile(database, room, file, actor, ip(c));
    return back(c, `/rooms/${room.row.id}/files`, { kind: 'success', key: 'roomfiles.deleted' });
  });

  app.post('/:id{[0-9]+}/files/:fileId{[0-9]+}/case-documents', async (c) => {
    const { room, user, actor } = await load(c, 'post');
    const file = await getFile(database, room, c.req.param('fileId'));
    if (!file) throw notFound();
    const body = await c.req.parseBody();
    const caseNumber = str(body, 'caseNumber', 60);
    const version = toId(str(body, 'version', 10)) ?? file.current_version;
    const result = await sendToCase(database, blobs, room, file, version, caseNumber, actor, { ...ip(c), limits });
    if (!result.ok)
      return filePage(
        c,
        room,
        user,
        String(file.id),
        { errors: { caseNumber: c.get('t')(result.error) }, caseNumber },
        422,
      );
    return back(c, `/rooms/${room.row.id}/files/${file.id}`, {
      kind: 'success',
      key: result.journalNumber ? 'roomfiles.sentJournalised' : 'roomfiles.sent',
      params: { number: result.caseNumber, document: result.journalNumber ?? '' },
    });
  });

  return app;
}
