import type { Database } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';

/**
 * A politician's private reading notes (reader_notes): one per user, item and target ('item' or
 * 'document:<id>' for an attachment). Every query is scoped by the author's id, so nobody else
 * (the secretariat and administrators included) can read one: there is no function here that
 * takes another user's id. Notes hang on agenda item ids, which stay the same across published
 * versions, so a note survives a new version of the agenda and is there again in the minutes.
 */

export const MAX_NOTE_LENGTH = 10_000;

export type NoteTarget = 'item' | `document:${number}`;

export function isNoteTarget(value: string): value is NoteTarget {
  return value === 'item' || /^document:[1-9][0-9]{0,11}$/.test(value);
}

export interface ReaderNote {
  itemId: number;
  target: NoteTarget;
  body: string;
  updatedAt: string;
}

/** The user's notes on these items, keyed `${itemId}|${target}`. */
export async function notesFor(
  database: Database,
  userId: string,
  itemIds: number[],
): Promise<Map<string, ReaderNote>> {
  if (!itemIds.length) return new Map();
  const rows = await database.db
    .selectFrom('reader_notes')
    .select(['item_id', 'target', 'body', 'updated_at'])
    .where('user_id', '=', userId)
    .where('item_id', 'in', itemIds)
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.item_id}|${r.target}`,
      { itemId: r.item_id, target: r.target as NoteTarget, body: r.body, updatedAt: r.updated_at },
    ]),
  );
}

export const noteKey = (itemId: number, target: NoteTarget) => `${itemId}|${target}`;

/**
 * Saves the user's note (an empty text deletes it). The caller has checked that the user may
 * read the item and, for an attachment, that it belongs to the item.
 */
export async function saveNote(
  database: Database,
  userId: string,
  itemId: number,
  target: NoteTarget,
  text: string,
): Promise<{ ok: true; note: ReaderNote | null } | { ok: false; error: 'reader.notes.tooLong' }> {
  const body = text.replace(/\r\n/g, '\n').trim();
  if (body.length > MAX_NOTE_LENGTH) return { ok: false, error: 'reader.notes.tooLong' };
  if (!body) {
    await database.db
      .deleteFrom('reader_notes')
      .where('user_id', '=', userId)
      .where('item_id', '=', itemId)
      .where('target', '=', target)
      .execute();
    return { ok: true, note: null };
  }
  const now = nowIso();
  await database.db
    .insertInto('reader_notes')
    .values({ user_id: userId, item_id: itemId, target, body, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'item_id', 'target']).doUpdateSet({ body, updated_at: now }))
    .execute();
  return { ok: true, note: { itemId, target, body, updatedAt: now } };
}
