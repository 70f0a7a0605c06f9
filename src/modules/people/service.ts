import { sql, type Selectable } from 'kysely';
import { toId } from '../../db/sql.ts';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { lockKey, nowIso, writeTransaction } from '../../db/index.ts';
import { fileQuotas, personalUsage, type QuotaExceeded } from '../../files/quotas.ts';
import type { PersonalFileTable, PersonalFolderTable } from '../../db/schema/people.ts';
import type { BlobStore } from '../../files/blobs.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { checkFiles, type UploadFile, type UploadProblem } from '../documents/index.ts';
import { detectType, filenameExtension, safeFilename } from '../../files/types.ts';
import { directReports, profile, type DirectoryPerson, type Profile } from '../org/index.ts';

/**
 * People: what employees say about themselves (about me, skills, photo) and each employee's
 * private file area. The organisation (units, managers, the directory) lives in the org module,
 * which this module reads (`profileDetails` adds about me and skills to org's profile); org never
 * imports people. This module owns the `profiles`, `user_skills`, `personal_folders` and
 * `personal_files` tables. My page and the personal files pages (/me) are in src/modules/me.
 *
 * Personal files are strictly private: every function takes the owner's id and every query is
 * scoped by it, so another user's file or folder id is simply "not found".
 */

export type { UploadFile };

// ---------------------------------------------------------------------------------------------
// Profiles and skills

export const MAX_ABOUT = 2000;
export const MAX_SKILLS = 30;
export const MAX_SKILL_LENGTH = 60;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const DEFAULT_MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** The form of a skill that searches compare against: NFC, single spaces, lower case. */
export function skillKey(skill: string): string {
  return skill.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('da');
}

/**
 * Skills as the user typed them: separated by commas, semicolons or new lines; trimmed, each
 * once (ignoring case), in the user's order.
 */
export function parseSkills(text: string): { skills: string[]; error?: MessageKey } {
  const seen = new Set<string>();
  const skills: string[] = [];
  for (const raw of text.split(/[,;\n\r]+/)) {
    const skill = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (!skill) continue;
    if (skill.length > MAX_SKILL_LENGTH) return { skills, error: 'people.error.skillLong' };
    const key = skillKey(skill);
    if (seen.has(key)) continue;
    seen.add(key);
    skills.push(skill);
  }
  if (skills.length > MAX_SKILLS) return { skills, error: 'people.error.skillsMany' };
  return { skills };
}

export interface ProfileExtras {
  about: string | null;
  skills: string[];
  photo: { sha256: string; mime: string; updatedAt: string | null } | null;
}

/** About me, skills and photo of one user (empty when they never edited their profile). */
export async function profileExtras(database: Database, userId: string): Promise<ProfileExtras> {
  const [row, skills] = await Promise.all([
    database.db.selectFrom('profiles').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    database.db
      .selectFrom('user_skills')
      .select('skill')
      .where('user_id', '=', userId)
      .orderBy('position')
      .orderBy('skill_key')
      .execute(),
  ]);
  return {
    about: row?.about ?? null,
    skills: skills.map((s) => s.skill),
    photo:
      row?.photo_sha256 && row.photo_mime
        ? { sha256: row.photo_sha256, mime: row.photo_mime, updatedAt: row.photo_updated_at }
        : null,
  };
}

export interface ProfileDetails extends Profile {
  /** The manager with the user name, for a link to their profile. */
  about: string | null;
  skills: string[];
  photoSha: string | null;
  reports: DirectoryPerson[];
}

/** An active employee's profile page: the org profile with about me, skills, photo and direct reports. */
export async function profileDetails(database: Database, username: string): Promise<ProfileDetails | null> {
  const base = await profile(database, username, 'username');
  if (!base) return null;
  const [extras, reports] = await Promise.all([profileExtras(database, base.id), directReports(database, base.id)]);
  return { ...base, about: extras.about, skills: extras.skills, photoSha: extras.photo?.sha256 ?? null, reports };
}

/** The photo of a user, for the photo route. */
export async function photoOf(database: Database, userId: string): Promise<{ sha256: string; mime: string } | null> {
  const row = await database.db
    .selectFrom('profiles')
    .select(['photo_sha256', 'photo_mime'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.photo_sha256 && row.photo_mime ? { sha256: row.photo_sha256, mime: row.photo_mime } : null;
}

/** The skills most people have, for suggestions in the directory ("who knows about …"). */
export async function popularSkills(database: Database, limit = 20): Promise<Array<{ skill: string; count: number }>> {
  const rows = await database.db
    .selectFrom('user_skills')
    .innerJoin('users', 'users.id', 'user_skills.user_id')
    .select((eb) => [
      eb.fn.min('user_skills.skill').as('skill'),
      eb.fn.countAll<number>().as('n'),
      'user_skills.skill_key',
    ])
    .where('users.is_active', '=', 1)
    .groupBy('user_skills.skill_key')
    .orderBy('n', 'desc')
    .orderBy('user_skills.skill_key')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ skill: String(r.skill), count: Number(r.n) }));
}

export interface ProfileInput {
  about: string;
  /** Skills as typed: separated by commas or new lines. */
  skills: string;
  removePhoto: boolean;
  /** A new photo, if one was chosen. */
  photo: UploadFile | null;
}

export type ProfileField = 'about' | 'skills' | 'photo';
export type ProfileErrors = Partial<Record<ProfileField, MessageKey>>;

/**
 * Saves about me, skills and the photo of `subject` (the route has asked the policy whether the
 * actor may). The photo is checked from its content: JPEG, PNG or WebP, at most `maxPhotoBytes`.
 * Everything is validated before anything is stored; the change and its audit entry commit together.
 */
export async function updateProfile(
  database: Database,
  blobs: BlobStore,
  subject: { id: string; displayName: string },
  input: ProfileInput,
  actor: AuditActor,
  opts: { ip?: string | null; maxPhotoBytes?: number } = {},
): Promise<{ ok: true; changed: string[] } | { ok: false; errors: ProfileErrors }> {
  const errors: ProfileErrors = {};
  const about = input.about.replace(/\r\n/g, '\n').trim();
  if (about.length > MAX_ABOUT) errors.about = 'people.error.aboutLong';
  const parsed = parseSkills(input.skills);
  if (parsed.error) errors.skills = parsed.error;
  let photo: { bytes: Buffer; mime: string } | null = null;
  if (input.photo) {
    const max = opts.maxPhotoBytes ?? DEFAULT_MAX_PHOTO_BYTES;
    if (input.photo.bytes.length > max) errors.photo = 'people.error.photoTooLarge';
    else {
      const detected = await detectType(input.photo.bytes, input.photo.name, input.photo.type);
      if (!detected.ok)
        errors.photo = detected.reason === 'empty' ? 'people.error.photoEmpty' : 'people.error.photoType';
      else if (!(PHOTO_TYPES as readonly string[]).includes(detected.mime)) errors.photo = 'people.error.photoType';
      else photo = { bytes: input.photo.bytes, mime: detected.mime };
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };

  const before = await profileExtras(database, subject.id);
  const sha = photo ? await blobs.put(database, photo.bytes) : null;
  const changed: string[] = [];
  if ((before.about ?? '') !== about) changed.push('about');
  if (before.skills.join('\n') !== parsed.skills.join('\n')) changed.push('skills');
  if (photo && before.photo?.sha256 !== sha) changed.push('photo');
  else if (!photo && input.removePhoto && before.photo) changed.push('photo');
  if (!changed.length) return { ok: true, changed };

  await writeTransaction(database, async (tx) => {
    const now = nowIso();
    const photoColumns = photo
      ? { photo_sha256: sha, photo_mime: photo.mime, photo_updated_at: now }
      : input.removePhoto
        ? { photo_sha256: null, photo_mime: null, photo_updated_at: now }
        : {};
    await tx.db
      .insertInto('profiles')
      .values({
        user_id: subject.id,
        about: about || null,
        photo_sha256: null,
        photo_mime: null,
        photo_updated_at: null,
        updated_at: now,
        ...photoColumns,
      })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ about: about || null, updated_at: now, ...photoColumns }))
      .execute();
    if (changed.includes('skills')) {
      await tx.db.deleteFrom('user_skills').where('user_id', '=', subject.id).execute();
      if (parsed.skills.length) {
        await tx.db
          .insertInto('user_skills')
          .values(
            parsed.skills.map((skill, position) => ({
              user_id: subject.id,
              skill,
              skill_key: skillKey(skill),
              position,
            })),
          )
          .execute();
      }
    }
    await appendAudit(tx, {
      actor,
      action: 'profile.update',
      entityType: 'user',
      entityId: subject.id,
      summary: `Changed ${changed.join(', ')} on the profile of ${subject.displayName}`,
      details: {
        name: subject.displayName,
        fields: changed,
        photo: changed.includes('photo') ? (photo ? 'new' : 'removed') : null,
      },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true, changed };
}

/** Replaces a user's skills without validation or audit: for the demo seed and imports. */
export async function setSkills(tx: Database, userId: string, skills: string[]): Promise<void> {
  await tx.db.deleteFrom('user_skills').where('user_id', '=', userId).execute();
  const seen = new Set<string>();
  const rows = [];
  for (const skill of skills) {
    const key = skillKey(skill);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    rows.push({ user_id: userId, skill: skill.trim(), skill_key: key, position: rows.length });
  }
  if (rows.length) await tx.db.insertInto('user_skills').values(rows).execute();
}

// ---------------------------------------------------------------------------------------------
// Personal files

export type FolderRow = Selectable<PersonalFolderTable>;
export type FileRow = Selectable<PersonalFileTable>;

export interface PersonalFileLimits {
  maxFileBytes: number;
  maxFiles: number;
}

/** The same rules as case documents: the documents allow-list, at most 50 MB a file. */
export const PERSONAL_FILE_LIMITS: PersonalFileLimits = { maxFileBytes: 50 * 1024 * 1024, maxFiles: 20 };

export const MAX_FOLDER_NAME = 100;
export const MAX_FILE_NAME = 200;

export type FilesProblem =
  | {
      file: string;
      key: 'files.error.empty' | 'files.error.notAllowed' | 'files.error.mismatch' | 'files.error.tooLarge';
    }
  | { file: null; key: 'files.error.noFiles' | 'files.error.tooMany' | 'files.error.folderMissing' }
  | { file: null; key: 'files.error.quota'; quota: QuotaExceeded };

const PROBLEM_KEYS: Record<UploadProblem['key'], FilesProblem['key']> = {
  'documents.error.noFiles': 'files.error.noFiles',
  'documents.error.tooMany': 'files.error.tooMany',
  'documents.error.empty': 'files.error.empty',
  'documents.error.notAllowed': 'files.error.notAllowed',
  'documents.error.mismatch': 'files.error.mismatch',
  'documents.error.tooLarge': 'files.error.tooLarge',
  'documents.error.badEmail': 'files.error.notAllowed',
};

function folderNameKey(name: string): string {
  return name.toLocaleLowerCase('da');
}

/** A folder name as stored, or the message why not. */
export function cleanFolderName(raw: string): { ok: true; name: string } | { ok: false; error: MessageKey } {
  const name = raw
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!name) return { ok: false, error: 'files.error.folderName' };
  if (name.length > MAX_FOLDER_NAME) return { ok: false, error: 'files.error.folderNameLong' };
  if (/[\\/]/.test(name) || name === '.' || name === '..') return { ok: false, error: 'files.error.folderNameChars' };
  return { ok: true, name };
}

export async function getFolder(database: Database, userId: string, folderId: number): Promise<FolderRow | undefined> {
  if (!toId(folderId)) return undefined;
  return database.db
    .selectFrom('personal_folders')
    .selectAll()
    .where('id', '=', folderId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function getFile(database: Database, userId: string, fileId: number): Promise<FileRow | undefined> {
  if (!toId(fileId)) return undefined;
  return database.db
    .selectFrom('personal_files')
    .selectAll()
    .where('id', '=', fileId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Every folder of the user, in tree order with depth (for the "move to" choice). */
export async function folderTree(database: Database, userId: string): Promise<Array<FolderRow & { depth: number }>> {
  const all = await database.db
    .selectFrom('personal_folders')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('name_key')
    .execute();
  const children = new Map<number | null, FolderRow[]>();
  for (const f of all) children.set(f.parent_id, [...(children.get(f.parent_id) ?? []), f]);
  const out: Array<FolderRow & { depth: number }> = [];
  const walk = (parent: number | null, depth: number) => {
    for (const f of children.get(parent) ?? []) {
      out.push({ ...f, depth });
      if (depth < 50) walk(f.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The chain of folders from the top level down to `folderId` (the user's own only). */
export async function folderPath(database: Database, userId: string, folderId: number): Promise<FolderRow[]> {
  const rows = await sql<FolderRow & { depth: number }>`
    with recursive chain(id, user_id, parent_id, name, name_key, created_at, updated_at, depth) as (
      select id, user_id, parent_id, name, name_key, created_at, updated_at, 0 from personal_folders
      where id = ${folderId} and user_id = ${userId}
      union all
      select f.id, f.user_id, f.parent_id, f.name, f.name_key, f.created_at, f.updated_at, chain.depth + 1
      from personal_folders f join chain on f.id = chain.parent_id
      where f.user_id = ${userId} and chain.depth < 50
    )
    select id, user_id, parent_id, name, name_key, created_at, updated_at, depth from chain order by depth desc`.execute(
    database.db,
  );
  return rows.rows.map(({ depth: _depth, ...f }) => f);
}

export interface FolderListing {
  /** null: the top level. */
  folder: FolderRow | null;
  path: FolderRow[];
  folders: Array<FolderRow & { items: number }>;
  files: FileRow[];
}

/** What one folder (or the top level) holds: its sub-folders (with how much each holds) and files. */
export async function listFolder(
  database: Database,
  userId: string,
  folderId: number | null,
): Promise<FolderListing | null> {
  let folder: FolderRow | null = null;
  if (folderId !== null) {
    folder = (await getFolder(database, userId, folderId)) ?? null;
    if (!folder) return null;
  }
  const [path, folders, files] = await Promise.all([
    folder ? folderPath(database, userId, folder.id) : Promise.resolve([]),
    database.db
      .selectFrom('personal_folders as f')
      .selectAll('f')
      .select((eb) => [
        eb
          .selectFrom('personal_files')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('personal_files.folder_id', '=', 'f.id')
          .as('file_count'),
        eb
          .selectFrom('personal_folders as s')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('s.parent_id', '=', 'f.id')
          .as('folder_count'),
      ])
      .where('f.user_id', '=', userId)
      .where((eb) => (folderId === null ? eb('f.parent_id', 'is', null) : eb('f.parent_id', '=', folderId)))
      .orderBy('f.name_key')
      .execute(),
    database.db
      .selectFrom('personal_files')
      .selectAll()
      .where('user_id', '=', userId)
      .where((eb) => (folderId === null ? eb('folder_id', 'is', null) : eb('folder_id', '=', folderId)))
      .orderBy('name')
      .orderBy('id')
      .execute(),
  ]);
  return {
    folder,
    path,
    folders: folders.map(({ file_count, folder_count, ...f }) => ({
      ...f,
      items: Number(file_count ?? 0) + Number(folder_count ?? 0),
    })),
    files: files.map((f) => ({ ...f, size: Number(f.size) })),
  };
}

/** The user's newest files, for "my page". */
export async function recentPersonalFiles(database: Database, userId: string, limit = 5): Promise<FileRow[]> {
  const rows = await database.db
    .selectFrom('personal_files')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((f) => ({ ...f, size: Number(f.size) }));
}

export async function personalFileStats(
  database: Database,
  userId: string,
): Promise<{ files: number; bytes: number; folders: number }> {
  const [files, folders] = await Promise.all([
    database.db
      .selectFrom('personal_files')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('size').as('bytes')])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
    database.db
      .selectFrom('personal_folders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ]);
  return { files: Number(files.n), bytes: Number(files.bytes ?? 0), folders: Number(folders.n) };
}

type Actor = AuditActor;
type Opts = { ip?: string | null };

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/i.test(e?.message ?? '')
  );
}

async function nameTaken(
  database: Database,
  userId: string,
  parentId: number | null,
  nameKey: string,
  exceptId?: number,
): Promise<boolean> {
  let q = database.db
    .selectFrom('personal_folders')
    .select('id')
    .where('user_id', '=', userId)
    .where('name_key', '=', nameKey);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Creates a folder in `parentId` (null: the top level). The parent must be the user's own. */
export async function createFolder(
  database: Database,
  userId: string,
  parentId: number | null,
  rawName: string,
  actor: Actor,
  opts: Opts = {},
): Promise<{ ok: true; id: number } | { ok: false; error: MessageKey }> {
  const clean = cleanFolderName(rawName);
  if (!clean.ok) return clean;
  if (parentId !== null && !(await getFolder(database, userId, parentId)))
    return { ok: false, error: 'files.error.folderMissing' };
  const key = folderNameKey(clean.name);
  if (await nameTaken(database, userId, parentId, key)) return { ok: false, error: 'files.error.folderExists' };
  try {
    const id = await writeTransaction(database, async (tx) => {
      const now = nowIso();
      const row = await tx.db
        .insertInto('personal_folders')
        .values({
          user_id: userId,
          parent_id: parentId,
          name: clean.name,
          name_key: key,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(tx, {
        actor,
        action: 'files.folderCreate',
        entityType: 'user',
        entityId: userId,
        summary: `Created the personal folder "${clean.name}"`,
        details: { folder: row.id, name: clean.name, parent: parentId },
        ip: opts.ip ?? null,
      });
      return row.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: 'files.error.folderExists' };
    throw error;
  }
}

export async function renameFolder(
  database: Database,
  userId: string,
  folder: FolderRow,
  rawName: string,
  actor: Actor,
  opts: Opts = {},
): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  const clean = cleanFolderName(rawName);
  if (!clean.ok) return clean;
  if (clean.name === folder.name) return { ok: true };
  const key = folderNameKey(clean.name);
  if (await nameTaken(database, userId, folder.parent_id, key, folder.id))
    return { ok: false, error: 'files.error.folderExists' };
  try {
    await writeTransaction(database, async (tx) => {
      await tx.db
        .updateTable('personal_folders')
        .set({ name: clean.name, name_key: key, updated_at: nowIso() })
        .where('id', '=', folder.id)
        .where('user_id', '=', userId)
        .execute();
      await appendAudit(tx, {
        actor,
        action: 'files.folderRename',
        entityType: 'user',
        entityId: userId,
        summary: `Renamed the personal folder "${folder.name}" to "${clean.name}"`,
        details: { folder: folder.id, from: folder.name, name: clean.name },
        ip: opts.ip ?? null,
      });
    });
    return { ok: true };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: 'files.error.folderExists' };
    throw error;
  }
}

/** Deletes a folder, only when it holds nothing (no files, no folders). */
export async function deleteFolder(
  database: Database,
  userId: string,
  folder: FolderRow,
  actor: Actor,
  opts: Opts = {},
): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  return writeTransaction(database, async (tx) => {
    const [file, sub] = await Promise.all([
      tx.db.selectFrom('personal_files').select('id').where('folder_id', '=', folder.id).limit(1).executeTakeFirst(),
      tx.db.selectFrom('personal_folders').select('id').where('parent_id', '=', folder.id).limit(1).executeTakeFirst(),
    ]);
    if (file || sub) return { ok: false as const, error: 'files.error.folderNotEmpty' as const };
    await tx.db.deleteFrom('personal_folders').where('id', '=', folder.id).where('user_id', '=', userId).execute();
    await appendAudit(tx, {
      actor,
      action: 'files.folderDelete',
      entityType: 'user',
      entityId: userId,
      summary: `Deleted the personal folder "${folder.name}"`,
      details: { folder: folder.id, name: folder.name },
      ip: opts.ip ?? null,
    });
    return { ok: true as const };
  });
}

/**
 * Stores uploaded files in the user's folder. Each file is checked from its content against the
 * documents' allow-list and size limit; one bad file refuses the whole upload with a message per
 * file, and nothing is stored. The user's quota (src/files/quotas.ts) is checked before any byte
 * is written and again, under a per-user lock, in the transaction that adds the rows.
 */
export async function uploadPersonalFiles(
  database: Database,
  blobs: BlobStore,
  userId: string,
  folderId: number | null,
  files: UploadFile[],
  actor: Actor,
  opts: Opts & { limits?: PersonalFileLimits } = {},
): Promise<{ ok: true; ids: number[] } | { ok: false; problems: FilesProblem[] }> {
  if (folderId !== null && !(await getFolder(database, userId, folderId)))
    return { ok: false, problems: [{ file: null, key: 'files.error.folderMissing' }] };
  const checked = await checkFiles(files, opts.limits ?? PERSONAL_FILE_LIMITS);
  if (!checked.ok)
    return {
      ok: false,
      problems: checked.problems.map((p) => ({ file: p.file, key: PROBLEM_KEYS[p.key] }) as FilesProblem),
    };
  const adding = checked.files.reduce((n, p) => n + p.file.bytes.length, 0);
  const { personalBytes: quota } = await fileQuotas(database);
  const overQuota = (used: number): FilesProblem[] | null =>
    used + adding > quota ? [{ file: null, key: 'files.error.quota', quota: { used, quota, adding } }] : null;
  const early = overQuota(await personalUsage(database, userId));
  if (early) return { ok: false, problems: early };
  const stored: Array<{ name: string; sha: string; mime: string; size: number }> = [];
  for (const p of checked.files) {
    stored.push({
      name: safeFilename(p.file.name, `fil.${p.ext}`),
      sha: await blobs.put(database, p.file.bytes),
      mime: p.mime,
      size: p.file.bytes.length,
    });
  }
  const outcome = await writeTransaction(database, async (tx) => {
    // Two uploads at once must not both fit under the quota by each counting without the other.
    await lockKey(tx, `personal_files:${userId}`);
    const late = overQuota(await personalUsage(tx, userId));
    if (late) return { ok: false as const, problems: late };
    const now = nowIso();
    const out: number[] = [];
    for (const f of stored) {
      const row = await tx.db
        .insertInto('personal_files')
        .values({
          user_id: userId,
          folder_id: folderId,
          name: f.name,
          blob_sha256: f.sha,
          mime: f.mime,
          size: f.size,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      out.push(row.id);
    }
    await appendAudit(tx, {
      actor,
      action: 'files.upload',
      entityType: 'user',
      entityId: userId,
      summary: `Uploaded ${stored.length} personal file(s): ${stored.map((f) => `"${f.name}"`).join(', ')}`,
      details: { count: stored.length, name: stored.map((f) => f.name).join(', '), files: out, folder: folderId },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, ids: out };
  });
  // A refused upload's bytes, if stored just now and used by nothing, go with the next blob clean-up.
  return outcome;
}

/**
 * A new name keeps the file's extension: "Notat" for "notat.docx" becomes "Notat.docx", so the
 * download still opens in the right program.
 */
export function cleanFileName(
  raw: string,
  current: string,
): { ok: true; name: string } | { ok: false; error: MessageKey } {
  const trimmed = raw.normalize('NFC').trim();
  if (!trimmed) return { ok: false, error: 'files.error.fileName' };
  if (trimmed.length > MAX_FILE_NAME) return { ok: false, error: 'files.error.fileNameLong' };
  const ext = filenameExtension(current);
  let name = safeFilename(trimmed, '');
  if (!name) return { ok: false, error: 'files.error.fileName' };
  if (ext && filenameExtension(name) !== ext) name = safeFilename(`${name}.${ext}`);
  return { ok: true, name };
}

/** Renames and/or moves a file. `folderId` null is the top level; the target must be the user's own. */
export async function updatePersonalFile(
  database: Database,
  userId: string,
  file: FileRow,
  change: { name: string; folderId: number | null },
  actor: Actor,
  opts: Opts = {},
): Promise<
  { ok: true; changed: Array<'name' | 'folder'> } | { ok: false; field: 'name' | 'folder'; error: MessageKey }
> {
  const clean = cleanFileName(change.name, file.name);
  if (!clean.ok) return { ok: false, field: 'name', error: clean.error };
  let target: FolderRow | null = null;
  if (change.folderId !== null) {
    target = (await getFolder(database, userId, change.folderId)) ?? null;
    if (!target) return { ok: false, field: 'folder', error: 'files.error.folderMissing' };
  }
  const changed: Array<'name' | 'folder'> = [];
  if (clean.name !== file.name) changed.push('name');
  if (change.folderId !== file.folder_id) changed.push('folder');
  if (!changed.length) return { ok: true, changed };
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('personal_files')
      .set({ name: clean.name, folder_id: change.folderId, updated_at: nowIso() })
      .where('id', '=', file.id)
      .where('user_id', '=', userId)
      .execute();
    if (changed.includes('name')) {
      await appendAudit(tx, {
        actor,
        action: 'files.rename',
        entityType: 'user',
        entityId: userId,
        summary: `Renamed the personal file "${file.name}" to "${clean.name}"`,
        details: { file: file.id, from: file.name, name: clean.name },
        ip: opts.ip ?? null,
      });
    }
    if (changed.includes('folder')) {
      await appendAudit(tx, {
        actor,
        action: 'files.move',
        entityType: 'user',
        entityId: userId,
        summary: `Moved the personal file "${clean.name}" to ${target ? `"${target.name}"` : 'the top level'}`,
        details: {
          file: file.id,
          name: clean.name,
          from: file.folder_id,
          to: change.folderId,
          folder: target?.name ?? '',
        },
        ip: opts.ip ?? null,
      });
    }
  });
  return { ok: true, changed };
}

/**
 * Deletes a file from the user's area: the row goes at once; the stored bytes go with the next
 * blob clean-up (src/files/gc.ts) unless other files or documents hold the same content.
 */
export async function deletePersonalFile(
  database: Database,
  userId: string,
  file: FileRow,
  actor: Actor,
  opts: Opts = {},
): Promise<void> {
  await writeTransaction(database, async (tx) => {
    await tx.db.deleteFrom('personal_files').where('id', '=', file.id).where('user_id', '=', userId).execute();
    await appendAudit(tx, {
      actor,
      action: 'files.delete',
      entityType: 'user',
      entityId: userId,
      summary: `Deleted the personal file "${file.name}"`,
      details: { file: file.id, name: file.name, size: Number(file.size) },
      ip: opts.ip ?? null,
    });
  });
}
