import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { MessageKey } from '../../i18n/index.ts';

/**
 * Shortcuts: each employee's own links on the front page (a page in Samspil or an https address).
 * At most 12, in the order added; the user removes what they no longer need.
 */

export const MAX_SHORTCUTS = 12;

export function listShortcuts(database: Database, userId: string) {
  return database.db
    .selectFrom('user_shortcuts')
    .select(['id', 'label', 'url'])
    .where('user_id', '=', userId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** A local path, or an https address; never javascript:, data: or protocol-relative URLs. */
export function safeShortcutUrl(url: string): string | null {
  const u = url.trim();
  if (/^\/(?![/\\])[^\s]*$/.test(u)) return u;
  try {
    const parsed = new URL(u);
    return parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

export async function addShortcut(
  database: Database,
  actor: AuditActor,
  input: { label: string; url: string },
): Promise<{ ok: true } | { ok: false; errors: Partial<Record<'label' | 'url', MessageKey>> }> {
  const errors: Partial<Record<'label' | 'url', MessageKey>> = {};
  const label = input.label.trim();
  if (!label || label.length > 60) errors.label = 'home.shortcuts.error.label';
  const url = safeShortcutUrl(input.url);
  if (!url || url.length > 500) errors.url = 'home.shortcuts.error.url';
  const existing = await listShortcuts(database, actor.id);
  if (existing.length >= MAX_SHORTCUTS) errors.label = 'home.shortcuts.error.tooMany';
  if (Object.keys(errors).length) return { ok: false, errors };
  await writeTransaction(database, async (tx) => {
    await tx.db
      .insertInto('user_shortcuts')
      .values({ user_id: actor.id, label, url: url!, position: existing.length, created_at: nowIso() })
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'shortcut.create',
      entityType: 'user',
      entityId: actor.id,
      summary: `Added shortcut ${label}`,
      details: { label, url },
    });
  });
  return { ok: true };
}

export async function removeShortcut(database: Database, actor: AuditActor, id: number): Promise<boolean> {
  const result = await database.db
    .deleteFrom('user_shortcuts')
    .where('id', '=', id)
    .where('user_id', '=', actor.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
