import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import type { BlobStore } from '../../files/blobs.ts';
import { detectType } from '../../files/types.ts';

/**
 * News images: PNG, JPEG or WEBP, at most 5 MB, the type decided from the content (never from
 * the browser's word or the file name alone), stored content-addressed in the BlobStore.
 *
 * An image that passed its checks on a form that failed for another reason is kept as a
 * "pending image" under a random token bound to the uploader, so the corrected form can be sent
 * without choosing the file again (nothing the user entered is lost on a validation error).
 */

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const IMAGE_MIMES = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** For the file input's `accept`. */
export const IMAGE_ACCEPT = '.png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp';

export interface ImageUpload {
  name: string;
  type: string;
  bytes: Buffer;
}

export type ImageCheck =
  | { ok: true; mime: (typeof IMAGE_MIMES)[number]; bytes: Buffer }
  | { ok: false; error: 'news.error.imageEmpty' | 'news.error.imageSize' | 'news.error.imageType' };

export async function checkImage(file: ImageUpload): Promise<ImageCheck> {
  if (file.bytes.length === 0) return { ok: false, error: 'news.error.imageEmpty' };
  if (file.bytes.length > MAX_IMAGE_BYTES) return { ok: false, error: 'news.error.imageSize' };
  const detected = await detectType(file.bytes, file.name, file.type);
  if (!detected.ok || !(IMAGE_MIMES as readonly string[]).includes(detected.mime))
    return { ok: false, error: 'news.error.imageType' };
  return { ok: true, mime: detected.mime as (typeof IMAGE_MIMES)[number], bytes: file.bytes };
}

const PENDING_TTL_MS = 24 * 3600 * 1000;

/** Keeps a checked image for the uploader; returns the token the form carries. */
export async function keepPendingImage(
  database: Database,
  blobs: BlobStore,
  userId: string,
  image: { mime: string; bytes: Buffer },
): Promise<string> {
  const sha256 = await blobs.put(database, image.bytes);
  const token = randomBytes(18).toString('base64url');
  await database.db
    .deleteFrom('news_pending_images')
    .where('created_at', '<', new Date(Date.now() - PENDING_TTL_MS).toISOString())
    .execute();
  await database.db
    .insertInto('news_pending_images')
    .values({ token, user_id: userId, sha256, mime: image.mime, created_at: nowIso() })
    .execute();
  return token;
}

/** The pending image behind a token, if it is the user's own and still fresh. */
export async function findPendingImage(
  database: Database,
  userId: string,
  token: string,
): Promise<{ sha256: string; mime: string } | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const row = await database.db
    .selectFrom('news_pending_images')
    .select(['sha256', 'mime', 'created_at'])
    .where('token', '=', token)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row || Date.parse(row.created_at) < Date.now() - PENDING_TTL_MS) return null;
  return { sha256: row.sha256, mime: row.mime };
}

export async function dropPendingImage(database: Database, token: string): Promise<void> {
  await database.db.deleteFrom('news_pending_images').where('token', '=', token).execute();
}
