import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { lockKey, nowIso, writeTransaction } from '../../db/index.ts';
import type { ChangeKind, PublishedKind } from '../../db/schema/meetings.ts';
import { createHash } from 'node:crypto';
import { buildSnapshot } from './build-snapshot.ts';
import type { PublishedSnapshot, PublishedVersion } from './snapshot.ts';

/**
 * Freezing a meeting's agenda or minutes: `buildSnapshot` (build-snapshot.ts) reads the live
 * tables into a `PublishedSnapshot`; `publishVersion` stores it as the next append-only, sealed
 * version. Readers, public pages, PDFs, search and OParl read only what was published here
 * (`publishedVersions`, `latestVersion`), and `verifySeals` checks the chain of seals.
 */

export interface PublishOptions {
  actor: AuditActor;
  /** For every version after the first: an addendum (tillægsdagsorden) or a new version. */
  changeKind?: ChangeKind | null;
  /** What changed, in the secretariat's words (required after the first version by the routes). */
  changeNote?: string | null;
  ip?: string | null;
}

/**
 * Freezes the meeting's current agenda or minutes as the next sealed version (number 1, 2, …),
 * in one transaction with its audit entry. Versions of one meeting and kind are serialised, so
 * two secretaries publishing at once get numbers 1 and 2, never two 1s. Does not change the
 * meeting's status: the caller does, in the same transaction when it passes `database` from
 * its own `writeTransaction`.
 */
export async function publishVersion(
  database: Database,
  meetingId: number,
  kind: PublishedKind,
  opts: PublishOptions,
): Promise<PublishedVersion> {
  return writeTransaction(database, async (tx) => {
    await lockKey(tx, `published_versions:${meetingId}:${kind}`);
    const snapshot = await buildSnapshot(tx, meetingId, kind);
    const previous = await latestVersion(tx, meetingId, kind);
    const json = JSON.stringify(snapshot);
    const number = (previous?.number ?? 0) + 1;
    const at = nowIso();
    const sha256 = sealOf(previous?.sha256 ?? null, json);
    const row = await tx.db
      .insertInto('published_versions')
      .values({
        meeting_id: meetingId,
        kind,
        number,
        change_kind: previous ? (opts.changeKind ?? 'version') : null,
        change_note: previous ? (opts.changeNote ?? null) : null,
        snapshot: json,
        previous_sha256: previous?.sha256 ?? null,
        sha256,
        published_at: at,
        published_by: opts.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: opts.actor,
      action: kind === 'agenda' ? 'meeting.agenda.publish' : 'meeting.minutes.publish',
      entityType: 'meeting',
      entityId: meetingId,
      summary: `${snapshot.meeting.committeeName}, ${snapshot.meeting.title}: ${kind} v${number}`,
      details: { version: number, sha256, changeKind: previous ? (opts.changeKind ?? 'version') : null },
      ip: opts.ip ?? null,
    });
    return {
      id: row.id,
      meetingId,
      kind,
      number,
      changeKind: previous ? (opts.changeKind ?? 'version') : null,
      changeNote: previous ? (opts.changeNote ?? null) : null,
      snapshot,
      previousSha256: previous?.sha256 ?? null,
      sha256,
      publishedAt: at,
      publishedBy: opts.actor.id,
    };
  });
}

/** The seal of a published version: SHA-256 over the previous seal and the snapshot JSON. */
export function sealOf(previousSha256: string | null, snapshotJson: string): string {
  return createHash('sha256')
    .update(previousSha256 ?? '')
    .update('\n')
    .update(snapshotJson)
    .digest('hex');
}

function toVersion(row: {
  id: number;
  meeting_id: number;
  kind: PublishedKind;
  number: number;
  change_kind: 'addendum' | 'version' | null;
  change_note: string | null;
  snapshot: string;
  previous_sha256: string | null;
  sha256: string;
  published_at: string;
  published_by: string | null;
}): PublishedVersion {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    kind: row.kind,
    number: row.number,
    changeKind: row.change_kind,
    changeNote: row.change_note,
    snapshot: JSON.parse(row.snapshot) as PublishedSnapshot,
    previousSha256: row.previous_sha256,
    sha256: row.sha256,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}

/** Every published version of a meeting's agenda or minutes, oldest first. */
export async function publishedVersions(
  database: Database,
  meetingId: number,
  kind: PublishedKind,
): Promise<PublishedVersion[]> {
  const rows = await database.db
    .selectFrom('published_versions')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('kind', '=', kind)
    .orderBy('number')
    .execute();
  return rows.map(toVersion);
}

/** The latest published version of a meeting's agenda or minutes. */
export async function latestVersion(
  database: Database,
  meetingId: number,
  kind: PublishedKind,
): Promise<PublishedVersion | undefined> {
  const row = await database.db
    .selectFrom('published_versions')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('kind', '=', kind)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

/** Whether every version of a meeting's agenda or minutes still matches its seal and chain. */
export async function verifySeals(
  database: Database,
  meetingId: number,
  kind: PublishedKind,
): Promise<{ ok: true } | { ok: false; number: number }> {
  const rows = await database.db
    .selectFrom('published_versions')
    .select(['number', 'snapshot', 'previous_sha256', 'sha256'])
    .where('meeting_id', '=', meetingId)
    .where('kind', '=', kind)
    .orderBy('number')
    .execute();
  let previous: string | null = null;
  for (const row of rows) {
    if (row.previous_sha256 !== previous || sealOf(previous, row.snapshot) !== row.sha256)
      return { ok: false, number: row.number };
    previous = row.sha256;
  }
  return { ok: true };
}
