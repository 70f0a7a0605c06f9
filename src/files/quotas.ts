import { appendAudit, type AuditActor } from '../audit/service.ts';
import type { Database } from '../db/index.ts';
import { writeTransaction } from '../db/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import { getSetting, putSetting } from '../db/settings.ts';

/**
 * Storage quotas, kept as settings (shared by every app instance) and changed by administrators
 * on *Administration → Indstillinger*: how much each employee may keep in their personal files,
 * and how much each collaboration room may hold (every version of every file counts). Sizes are
 * the files' own sizes, as the user sees them, whether or not the same bytes are stored elsewhere.
 */

export const PERSONAL_QUOTA_SETTING = 'files.personalQuotaBytes';
export const ROOM_QUOTA_SETTING = 'files.roomQuotaBytes';
export const MB = 1024 * 1024;
export const DEFAULT_PERSONAL_QUOTA = 1024 * MB;
export const DEFAULT_ROOM_QUOTA = 5 * 1024 * MB;
/** The largest quota the form takes: 10 TB, in megabytes. */
export const MAX_QUOTA_MB = 10_000_000;

export interface FileQuotas {
  personalBytes: number;
  roomBytes: number;
}

function parseBytes(raw: string | null, fallback: number): number {
  const n = raw === null ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export async function fileQuotas(database: Database): Promise<FileQuotas> {
  const [personal, room] = await Promise.all([
    getSetting(database, PERSONAL_QUOTA_SETTING),
    getSetting(database, ROOM_QUOTA_SETTING),
  ]);
  return {
    personalBytes: parseBytes(personal, DEFAULT_PERSONAL_QUOTA),
    roomBytes: parseBytes(room, DEFAULT_ROOM_QUOTA),
  };
}

/** Why an upload was refused: what is used, the quota, and what the upload would add. */
export interface QuotaExceeded {
  used: number;
  quota: number;
  adding: number;
}

export interface QuotaInput {
  personalMb: string;
  roomMb: string;
}

export type QuotaErrors = Partial<Record<keyof QuotaInput, MessageKey>>;

/** The form's values: whole megabytes. */
export function quotaInput(q: FileQuotas): QuotaInput {
  return { personalMb: String(Math.floor(q.personalBytes / MB)), roomMb: String(Math.floor(q.roomBytes / MB)) };
}

function parseMb(raw: string): number | null {
  const value = raw.trim().replace(/[.\s]/g, '');
  if (!/^\d{1,8}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= MAX_QUOTA_MB ? n : null;
}

export async function setFileQuotas(
  database: Database,
  actor: AuditActor,
  input: QuotaInput,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true } | { ok: false; errors: QuotaErrors }> {
  const personal = parseMb(input.personalMb);
  const room = parseMb(input.roomMb);
  const errors: QuotaErrors = {};
  if (personal === null) errors.personalMb = 'settings.error.quota';
  if (room === null) errors.roomMb = 'settings.error.quota';
  if (personal === null || room === null) return { ok: false, errors };
  await writeTransaction(database, async (tx) => {
    const before = quotaInput(await fileQuotas(tx));
    await putSetting(tx, PERSONAL_QUOTA_SETTING, String(personal * MB));
    await putSetting(tx, ROOM_QUOTA_SETTING, String(room * MB));
    await appendAudit(tx, {
      actor,
      action: 'settings.update',
      summary: `File quotas set to ${personal} MB per person and ${room} MB per room`,
      details: {
        key: 'files.quotas',
        personalMb: personal,
        roomMb: room,
        before: { personalMb: Number(before.personalMb), roomMb: Number(before.roomMb) },
        after: { personalMb: personal, roomMb: room },
      },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true };
}

/** Bytes in a person's own files. */
export async function personalUsage(database: Database, userId: string): Promise<number> {
  const row = await database.db
    .selectFrom('personal_files')
    .select((eb) => eb.fn.sum<number>('size').as('bytes'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.bytes ?? 0);
}

/** Bytes in a room's files, every version counted. */
export async function roomUsage(database: Database, roomId: number): Promise<number> {
  const row = await database.db
    .selectFrom('room_file_versions')
    .innerJoin('room_files', 'room_files.id', 'room_file_versions.file_id')
    .select((eb) => eb.fn.sum<number>('room_file_versions.size').as('bytes'))
    .where('room_files.room_id', '=', roomId)
    .executeTakeFirstOrThrow();
  return Number(row.bytes ?? 0);
}
