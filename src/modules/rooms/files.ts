import { HTTPException } from 'hono/http-exception';
import { appendAudit } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { lockKey, nowIso, writeTransaction } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import { fileQuotas, roomUsage, type QuotaExceeded } from '../../files/quotas.ts';
import { Refusal } from '../../http/errors.tsx';
import { copenhagenDate, type MessageKey } from '../../i18n/index.ts';
import { can, type Actor } from '../../policy/index.ts';
import { visibleCases } from '../../policy/index.ts';
import { requireCase } from '../cases/index.ts';
import {
  checkFiles,
  DEFAULT_LIMITS,
  getDocument,
  journalise,
  uploadDocuments,
  type Limits,
  type UploadFile,
  type UploadProblem,
} from '../documents/index.ts';
import { toId, type LoadedRoom, type RoomActor } from './access.ts';
import { touchRoom } from './rooms.ts';

/**
 * Files in a room, with versions. Uploads follow the documents module's rules (checkFiles: the
 * type decided from the content, an allow-list, size limits; one bad file refuses the upload).
 * A version can be sent to a case the sender may edit: it becomes a document there (through the
 * documents module's upload, journalised when the sender may journalise), and the version keeps
 * a link to it. The link shows the case number only to those who may see the case.
 */

export interface FileVersionView {
  version: number;
  filename: string;
  mime: string;
  size: number;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  sent: SentLink | null;
}

export interface SentLink {
  caseId: number;
  documentId: number;
  sentAt: string;
  /** Only when the viewer may see the case. */
  caseNumber: string | null;
}

export interface RoomFileView {
  id: number;
  title: string;
  currentVersion: number;
  filename: string;
  mime: string;
  size: number;
  updatedAt: string;
  uploadedBy: string | null;
  sent: SentLink | null;
}

/** Of these cases, the numbers of those the viewer may see. */
async function visibleCaseNumbers(database: Database, viewer: Actor, caseIds: number[]): Promise<Map<number, string>> {
  const ids = [...new Set(caseIds)];
  if (!ids.length || !can(viewer, 'case.view')) return new Map();
  const rows = await database.db
    .selectFrom('cases')
    .select(['id', 'number'])
    .where('id', 'in', ids)
    .where(visibleCases(viewer))
    .execute();
  return new Map(rows.map((r) => [r.id, r.number]));
}

function sentLink(
  r: { case_id: number | null; case_document_id: number | null; sent_at: string | null },
  numbers: Map<number, string>,
): SentLink | null {
  if (r.case_id === null || r.case_document_id === null || r.sent_at === null) return null;
  return {
    caseId: r.case_id,
    documentId: r.case_document_id,
    sentAt: r.sent_at,
    caseNumber: numbers.get(r.case_id) ?? null,
  };
}

export async function listFiles(
  database: Database,
  room: LoadedRoom,
  viewer: Actor,
  limit = 500,
): Promise<RoomFileView[]> {
  const rows = await database.db
    .selectFrom('room_files')
    .innerJoin('room_file_versions as v', (j) =>
      j.onRef('v.file_id', '=', 'room_files.id').onRef('v.version', '=', 'room_files.current_version'),
    )
    .leftJoin('users', 'users.id', 'v.created_by')
    .select([
      'room_files.id',
      'room_files.title',
      'room_files.current_version',
      'room_files.updated_at',
      'v.filename',
      'v.mime',
      'v.size',
      'v.case_id',
      'v.case_document_id',
      'v.sent_at',
      'users.display_name',
    ])
    .where('room_files.room_id', '=', room.row.id)
    .orderBy('room_files.updated_at', 'desc')
    .orderBy('room_files.id', 'desc')
    .limit(limit)
    .execute();
  const numbers = await visibleCaseNumbers(
    database,
    viewer,
    rows.flatMap((r) => (r.case_id ? [r.case_id] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    currentVersion: r.current_version,
    filename: r.filename,
    mime: r.mime,
    size: Number(r.size),
    updatedAt: r.updated_at,
    uploadedBy: r.display_name,
    sent: sentLink(r, numbers),
  }));
}

export async function getFile(database: Database, room: LoadedRoom, fileId: number | string) {
  const id = toId(fileId);
  if (id === null) return undefined;
  return database.db
    .selectFrom('room_files')
    .selectAll()
    .where('id', '=', id)
    .where('room_id', '=', room.row.id)
    .executeTakeFirst();
}

export type RoomFileRow = NonNullable<Awaited<ReturnType<typeof getFile>>>;

export async function getFileVersion(database: Database, fileId: number, version: number) {
  return database.db
    .selectFrom('room_file_versions')
    .selectAll()
    .where('file_id', '=', fileId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listFileVersions(database: Database, fileId: number, viewer: Actor): Promise<FileVersionView[]> {
  const rows = await database.db
    .selectFrom('room_file_versions')
    .leftJoin('users', 'users.id', 'room_file_versions.created_by')
    .select([
      'room_file_versions.version',
      'room_file_versions.filename',
      'room_file_versions.mime',
      'room_file_versions.size',
      'room_file_versions.note',
      'room_file_versions.created_at',
      'room_file_versions.case_id',
      'room_file_versions.case_document_id',
      'room_file_versions.sent_at',
      'users.display_name',
    ])
    .where('room_file_versions.file_id', '=', fileId)
    .orderBy('room_file_versions.version', 'desc')
    .execute();
  const numbers = await visibleCaseNumbers(
    database,
    viewer,
    rows.flatMap((r) => (r.case_id ? [r.case_id] : [])),
  );
  return rows.map((r) => ({
    version: r.version,
    filename: r.filename,
    mime: r.mime,
    size: Number(r.size),
    note: r.note,
    createdBy: r.display_name,
    createdAt: r.created_at,
    sent: sentLink(r, numbers),
  }));
}

const titleFromFilename = (name: string) =>
  (
    name
      .replace(/^.*[\\/]/, '')
      .replace(/\.[^.]+$/, '')
      .replace(/_+/g, ' ')
      .trim() || name
  ).slice(0, 300);

/** Uploads one or more files to the room (each a new file, version 1). */
export async function uploadRoomFiles(
  database: Database,
  blobs: BlobStore,
  room: LoadedRoom,
  files: UploadFile[],
  actor: RoomActor,
  opts: { limits?: Limits; ip?: string | null; now?: string } = {},
): Promise<
  { ok: true; ids: number[] } | { ok: false; problems: UploadProblem[] } | { ok: false; quota: QuotaExceeded }
> {
  if (!room.rights.post) throw new HTTPException(403);
  const checked = await checkFiles(files, opts.limits ?? DEFAULT_LIMITS);
  if (!checked.ok) return checked;
  const quota = await quotaCheck(
    database,
    room.row.id,
    checked.files.reduce((n, p) => n + p.file.bytes.length, 0),
  );
  const early = await quota(database);
  if (early) return { ok: false, quota: early };
  const stored: Array<{ name: string; mime: string; size: number; sha: string }> = [];
  for (const p of checked.files)
    stored.push({
      name: p.file.name,
      mime: p.mime,
      size: p.file.bytes.length,
      sha: await blobs.put(database, p.file.bytes),
    });
  const outcome = await writeTransaction(database, async (tx) => {
    await lockKey(tx, `room_files:${room.row.id}`);
    const late = await quota(tx);
    if (late) return late;
    const now = opts.now ?? nowIso();
    const out: number[] = [];
    for (const s of stored) {
      const title = titleFromFilename(s.name);
      const { id } = await tx.db
        .insertInto('room_files')
        .values({
          room_id: room.row.id,
          title,
          current_version: 1,
          created_by: actor.id,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.db
        .insertInto('room_file_versions')
        .values({
          file_id: id,
          version: 1,
          blob_sha256: s.sha,
          filename: s.name,
          mime: s.mime,
          size: s.size,
          note: null,
          created_by: actor.id,
          created_at: now,
          case_id: null,
          case_document_id: null,
          sent_at: null,
          sent_by: null,
        })
        .execute();
      await appendAudit(tx, {
        actor,
        action: 'file.upload',
        entityType: 'room',
        entityId: room.row.id,
        summary: `Uploaded "${s.name}" to the room "${room.row.name}"`,
        details: { room: room.row.name, title, filename: s.name, file: id },
        ip: opts.ip ?? null,
      });
      out.push(id);
    }
    await touchRoom(tx, room.row.id, now);
    return out;
  });
  return Array.isArray(outcome) ? { ok: true, ids: outcome } : { ok: false, quota: outcome };
}

/** The room's quota for an upload of `adding` bytes: a check to run before storing and again inside the transaction. */
async function quotaCheck(database: Database, roomId: number, adding: number) {
  const { roomBytes } = await fileQuotas(database);
  return async (db: Database): Promise<QuotaExceeded | null> => {
    const used = await roomUsage(db, roomId);
    return used + adding > roomBytes ? { used, quota: roomBytes, adding } : null;
  };
}

/** A new version of a room file. */
export async function addRoomFileVersion(
  database: Database,
  blobs: BlobStore,
  room: LoadedRoom,
  file: RoomFileRow,
  upload: UploadFile,
  note: string,
  actor: RoomActor,
  opts: { limits?: Limits; ip?: string | null } = {},
): Promise<
  { ok: true; version: number } | { ok: false; problems: UploadProblem[] } | { ok: false; quota: QuotaExceeded }
> {
  if (!room.rights.post) throw new HTTPException(403);
  const checked = await checkFiles([upload], opts.limits ?? DEFAULT_LIMITS);
  if (!checked.ok) return checked;
  const p = checked.files[0]!;
  const quota = await quotaCheck(database, room.row.id, p.file.bytes.length);
  const early = await quota(database);
  if (early) return { ok: false, quota: early };
  const sha = await blobs.put(database, p.file.bytes);
  const version = await writeTransaction(database, async (tx) => {
    await lockKey(tx, `room_files:${room.row.id}`);
    const late = await quota(tx);
    if (late) return late;
    const current = await tx.db
      .selectFrom('room_files')
      .select('current_version')
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    const next = current.current_version + 1;
    const now = nowIso();
    await tx.db
      .insertInto('room_file_versions')
      .values({
        file_id: file.id,
        version: next,
        blob_sha256: sha,
        filename: p.file.name,
        mime: p.mime,
        size: p.file.bytes.length,
        note: note.trim().slice(0, 1000) || null,
        created_by: actor.id,
        created_at: now,
        case_id: null,
        case_document_id: null,
        sent_at: null,
        sent_by: null,
      })
      .execute();
    await tx.db
      .updateTable('room_files')
      .set({ current_version: next, updated_at: now })
      .where('id', '=', file.id)
      .execute();
    await touchRoom(tx, room.row.id, now);
    await appendAudit(tx, {
      actor,
      action: 'file.version',
      entityType: 'room',
      entityId: room.row.id,
      summary: `New version ${next} of "${file.title}" in the room "${room.row.name}"`,
      details: { room: room.row.name, title: file.title, file: file.id, version: next },
      ip: opts.ip ?? null,
    });
    return next;
  });
  return typeof version === 'number' ? { ok: true, version } : { ok: false, quota: version };
}

/** Who may delete a room file: the room's owners, and whoever uploaded it while they may post. */
export function mayDeleteFile(
  room: LoadedRoom,
  file: Pick<RoomFileRow, 'created_by'>,
  actor: Pick<Actor, 'id'>,
): boolean {
  return room.rights.own || (room.rights.post && file.created_by === actor.id);
}

/**
 * Deletes a room file and every version of it. The rows go at once; the stored bytes go with the
 * next blob clean-up (src/files/gc.ts) unless something else holds the same content, such as the
 * case document a version was sent to (which stays on its case).
 */
export async function deleteRoomFile(
  database: Database,
  room: LoadedRoom,
  file: RoomFileRow,
  actor: RoomActor,
  opts: { ip?: string | null } = {},
): Promise<void> {
  if (!mayDeleteFile(room, file, actor)) throw new HTTPException(403);
  await writeTransaction(database, async (tx) => {
    await lockKey(tx, `room_files:${room.row.id}`);
    const versions = await tx.db.deleteFrom('room_file_versions').where('file_id', '=', file.id).executeTakeFirst();
    const gone = await tx.db
      .deleteFrom('room_files')
      .where('id', '=', file.id)
      .where('room_id', '=', room.row.id)
      .executeTakeFirst();
    if (!Number(gone.numDeletedRows)) return;
    await appendAudit(tx, {
      actor,
      action: 'file.delete',
      entityType: 'room',
      entityId: room.row.id,
      summary: `Deleted "${file.title}" (${Number(versions.numDeletedRows)} versions) in the room "${room.row.name}"`,
      details: { room: room.row.name, title: file.title, file: file.id, versions: Number(versions.numDeletedRows) },
      ip: opts.ip ?? null,
    });
  });
}

/**
 * Sends a version of a room file to a case (by its number) that the user may edit: it becomes a
 * document on the case, journalised when the user may journalise, and the version records the
 * document. A version is sent once.
 */
export async function sendToCase(
  database: Database,
  blobs: BlobStore,
  room: LoadedRoom,
  file: RoomFileRow,
  version: number,
  caseNumber: string,
  actor: RoomActor,
  opts: { ip?: string | null; limits?: Limits } = {},
): Promise<
  | { ok: true; caseId: number; caseNumber: string; documentId: number; journalNumber: number | null }
  | { ok: false; error: MessageKey }
> {
  if (!room.rights.post) return { ok: false, error: 'roomfiles.error.notMember' };
  const number = caseNumber.trim();
  if (!number) return { ok: false, error: 'roomfiles.error.caseNumber' };
  const v = await getFileVersion(database, file.id, version);
  if (!v) return { ok: false, error: 'roomfiles.error.version' };
  if (v.case_document_id !== null) return { ok: false, error: 'roomfiles.error.alreadySent' };
  const found = await database.db
    .selectFrom('cases')
    .select('id')
    .where('number', 'in', [...new Set([number, number.toUpperCase()])])
    .executeTakeFirst();
  if (!found) return { ok: false, error: 'roomfiles.error.caseNotFound' };
  let loaded: Awaited<ReturnType<typeof requireCase>>;
  try {
    loaded = await requireCase(database, actor, found.id, 'case.edit');
  } catch (err) {
    // Not visible: the same answer as a number that does not exist.
    if (err instanceof HTTPException && err.status === 404) return { ok: false, error: 'roomfiles.error.caseNotFound' };
    if (err instanceof Refusal && err.messageKey === 'cases.error.archivedReadOnly')
      return { ok: false, error: 'roomfiles.error.caseArchived' };
    if (err instanceof HTTPException && err.status === 403)
      return { ok: false, error: 'roomfiles.error.caseForbidden' };
    throw err;
  }
  if (loaded.row.status === 'archived') return { ok: false, error: 'roomfiles.error.caseArchived' };
  const bytes = await blobs.read(v.blob_sha256);
  const auditActor = { id: actor.id, name: actor.name };
  const uploaded = await uploadDocuments(
    database,
    blobs,
    loaded.row,
    [{ name: v.filename, type: v.mime, bytes }],
    {
      title: file.title,
      direction: 'internal',
      documentDate: copenhagenDate(new Date()),
      sender: room.row.name.slice(0, 300),
      recipient: '',
    },
    auditActor,
    { ip: opts.ip ?? null, limits: opts.limits },
  );
  if (!uploaded.ok) return { ok: false, error: 'roomfiles.error.sendFailed' };
  const documentId = uploaded.ids[0]!;
  let journalNumber: number | null = null;
  if (can(actor, 'case.journalise', loaded.resource)) {
    const doc = await getDocument(database, loaded.row.id, documentId);
    if (doc) {
      const j = await journalise(database, loaded.row, doc, auditActor, { ip: opts.ip ?? null });
      if (j.ok) journalNumber = j.number;
    }
  }
  await writeTransaction(database, async (tx) => {
    const now = nowIso();
    await tx.db
      .updateTable('room_file_versions')
      .set({ case_id: loaded.row.id, case_document_id: documentId, sent_at: now, sent_by: actor.id })
      .where('id', '=', v.id)
      .where('case_document_id', 'is', null)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'file.send',
      entityType: 'room',
      entityId: room.row.id,
      summary: `Sent "${file.title}" (version ${v.version}) from the room "${room.row.name}" to case ${loaded.row.number}`,
      details: {
        room: room.row.name,
        title: file.title,
        file: file.id,
        version: v.version,
        number: loaded.row.number,
        document: documentId,
      },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true, caseId: loaded.row.id, caseNumber: loaded.row.number, documentId, journalNumber };
}
