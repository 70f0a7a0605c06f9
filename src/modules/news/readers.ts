import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import { copenhagenDate, type MessageKey } from '../../i18n/index.ts';
import type { Actor } from '../../policy/index.ts';
import { notify } from '../notifications/index.ts';
import { unitTree } from '../org/index.ts';
import { targetedUsers } from './audience.ts';
import { isPublished, type NewsRow } from './model.ts';

/**
 * "Must read": receipts, the editor's report and reminders.
 *
 * A receipt records the version the reader confirmed (one row per user per version). A
 * substantial edit bumps the item's version, so the report and the reader's page count only
 * receipts for the current version and the reader is asked again.
 *
 * The report counts the item's targeted users (active users in the audience's units and the
 * units below them; everyone when the item has no audience), grouped by unit.
 *
 * Reminders: one in-app notification to each targeted user who has not confirmed the current
 * version. Rule: at most one reminder per reader, per version, per calendar day (Copenhagen) —
 * the notification's dedupe key is `news:<id>:v<version>:<user>:<yyyy-mm-dd>`, so pressing the
 * button twice on one day (or on two instances at once) notifies nobody twice, a reminder the
 * next day is sent again, and a new version may be reminded about the same day.
 */

type Actor_ = Actor & AuditActor;

export interface ReceiptState {
  /** When the viewer confirmed the current version; null when they have not. */
  readAt: string | null;
  /** They confirmed an earlier version (the item has changed substantially since). */
  readEarlier: boolean;
}

export async function receiptFor(database: Database, row: NewsRow, userId: string): Promise<ReceiptState> {
  const rows = await database.db
    .selectFrom('news_receipts')
    .select(['version', 'read_at'])
    .where('news_id', '=', row.id)
    .where('user_id', '=', userId)
    .execute();
  const current = rows.find((r) => r.version === row.version);
  return { readAt: current?.read_at ?? null, readEarlier: !current && rows.some((r) => r.version < row.version) };
}

/** The reader confirms they have read the item's current version (idempotent). */
export async function confirmRead(
  database: Database,
  row: NewsRow,
  actor: Actor_,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; already: boolean } | { ok: false; error: MessageKey }> {
  if (!row.must_read) return { ok: false, error: 'news.error.notMustRead' };
  if (!isPublished(row)) return { ok: false, error: 'news.error.notPublished' };
  return writeTransaction(database, async (tx) => {
    const inserted = await tx.db
      .insertInto('news_receipts')
      .values({ news_id: row.id, user_id: actor.id, version: row.version, read_at: nowIso() })
      .onConflict((oc) => oc.columns(['news_id', 'user_id', 'version']).doNothing())
      .returning('news_id')
      .executeTakeFirst();
    if (!inserted) return { ok: true as const, already: true };
    await appendAudit(tx, {
      actor,
      action: 'news.read',
      entityType: 'news',
      entityId: row.id,
      summary: `Confirmed reading news item "${row.title}" (version ${row.version})`,
      details: { title: row.title, version: row.version },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, already: false };
  });
}

export interface UnitReport {
  unitId: number | null;
  /** The unit's name with the units above it (directorate › unit). */
  name: string;
  read: Array<{ id: string; name: string; readAt: string }>;
  pending: Array<{ id: string; name: string; readEarlier: boolean }>;
}

export interface ReadersReport {
  version: number;
  total: number;
  read: number;
  pending: number;
  /** Units with targeted users, in the unit tree's order; users without a unit last. */
  units: UnitReport[];
}

/** Who in the item's audience has confirmed its current version, and who has not, per unit. */
export async function readersReport(database: Database, row: NewsRow): Promise<ReadersReport> {
  const [users, receipts, tree] = await Promise.all([
    targetedUsers(database, row.id),
    database.db
      .selectFrom('news_receipts')
      .select(['user_id', 'version', 'read_at'])
      .where('news_id', '=', row.id)
      .execute(),
    unitTree(database),
  ]);
  const current = new Map<string, string>();
  const earlier = new Set<string>();
  for (const r of receipts) {
    if (r.version === row.version) current.set(r.user_id, r.read_at);
    else if (r.version < row.version) earlier.add(r.user_id);
  }
  const byId = new Map(tree.map((u) => [u.id, u]));
  const label = (id: number): string => {
    const names: string[] = [];
    for (
      let u = byId.get(id);
      u && u.kind !== 'municipality';
      u = u.parent_id == null ? undefined : byId.get(u.parent_id)
    )
      names.unshift(u.name);
    return names.join(' › ') || byId.get(id)?.name || '';
  };
  const groups = new Map<number | null, UnitReport>();
  for (const u of users) {
    let g = groups.get(u.unitId);
    if (!g) {
      g = { unitId: u.unitId, name: u.unitId == null ? '' : label(u.unitId), read: [], pending: [] };
      groups.set(u.unitId, g);
    }
    const at = current.get(u.id);
    if (at) g.read.push({ id: u.id, name: u.displayName, readAt: at });
    else g.pending.push({ id: u.id, name: u.displayName, readEarlier: earlier.has(u.id) });
  }
  const order = new Map(tree.map((u, i) => [u.id, i]));
  const units = [...groups.values()].sort(
    (a, b) => (a.unitId == null ? 1e9 : order.get(a.unitId)!) - (b.unitId == null ? 1e9 : order.get(b.unitId)!),
  );
  const read = units.reduce((n, u) => n + u.read.length, 0);
  return { version: row.version, total: users.length, read, pending: users.length - read, units };
}

/**
 * Reminds every targeted user who has not confirmed the current version (see the rule above).
 * Returns how many notifications were new.
 */
export async function remindPending(
  database: Database,
  row: NewsRow,
  actor: Actor_,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<{ ok: true; sent: number; pending: number } | { ok: false; error: MessageKey }> {
  const now = opts.now ?? new Date();
  if (!row.must_read) return { ok: false, error: 'news.error.notMustRead' };
  if (!isPublished(row, now)) return { ok: false, error: 'news.error.notPublished' };
  const report = await readersReport(database, row);
  const pending = report.units.flatMap((u) => u.pending);
  const day = copenhagenDate(now);
  return writeTransaction(database, async (tx) => {
    let sent = 0;
    for (const p of pending) {
      const fresh = await notify(tx, {
        userId: p.id,
        kind: 'news.mustRead',
        params: { title: row.title },
        link: `/news/${row.id}`,
        dedupeKey: `news:${row.id}:v${row.version}:${p.id}:${day}`,
      });
      if (fresh) sent++;
    }
    await appendAudit(tx, {
      actor,
      action: 'news.remind',
      entityType: 'news',
      entityId: row.id,
      summary: `Reminded ${sent} of ${pending.length} readers of news item "${row.title}" (version ${row.version})`,
      details: { title: row.title, version: row.version, count: sent, pending: pending.length },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, sent, pending: pending.length };
  });
}
