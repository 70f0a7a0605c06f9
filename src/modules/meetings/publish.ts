import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { lockKey, nowIso, writeTransaction } from '../../db/index.ts';
import type { ChangeKind, PublishedKind } from '../../db/schema/meetings.ts';
import { latestVersion, sealOf } from './access.ts';
import type { PublishedSnapshot, PublishedVersion, SnapshotAttachment, SnapshotEarlierStep, SnapshotItem, SnapshotPerson } from './snapshot.ts';

/**
 * Freezing a meeting's agenda or minutes: `buildSnapshot` reads the live tables into a
 * `PublishedSnapshot`; `publishVersion` stores it as the next append-only, sealed version.
 * Readers, public pages, PDFs, search and OParl read only what was published here.
 */

function locationText(loc: { description: string; room: string | null; street_address: string | null; postal_code: string | null; locality: string | null } | undefined): string | null {
  if (!loc) return null;
  const place = [loc.street_address, [loc.postal_code, loc.locality].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [loc.description, loc.room, place].filter(Boolean).join(', ');
}

/** The live state of a meeting as a snapshot. Throws when the meeting does not exist. */
export async function buildSnapshot(database: Database, meetingId: number, kind: PublishedKind): Promise<PublishedSnapshot> {
  const db = database.db;
  const meeting = await db
    .selectFrom('meetings')
    .innerJoin('committees', 'committees.id', 'meetings.committee_id')
    .select(['meetings.id', 'meetings.committee_id', 'meetings.title', 'meetings.starts_at', 'meetings.ends_at', 'meetings.location_id', 'committees.name as committee_name'])
    .where('meetings.id', '=', meetingId)
    .executeTakeFirstOrThrow();
  const location = meeting.location_id
    ? await db.selectFrom('meeting_locations').selectAll().where('id', '=', meeting.location_id).executeTakeFirst()
    : undefined;

  const items = await db
    .selectFrom('agenda_items')
    .leftJoin('papers', 'papers.id', 'agenda_items.paper_id')
    .leftJoin('cases', 'cases.id', 'papers.case_id')
    .select([
      'agenda_items.id',
      'agenda_items.number',
      'agenda_items.title',
      'agenda_items.closed',
      'agenda_items.closed_reason',
      'agenda_items.paper_id',
      'agenda_items.presentation',
      'agenda_items.recommendation',
      'agenda_items.economy',
      'agenda_items.decision',
      'papers.case_id',
      'cases.number as case_number',
    ])
    .where('agenda_items.meeting_id', '=', meetingId)
    .where('agenda_items.deleted_at', 'is', null)
    .orderBy('agenda_items.number')
    .orderBy('agenda_items.id')
    .execute();
  const itemIds = items.map((i) => i.id);
  const paperIds = [...new Set(items.map((i) => i.paper_id).filter((p): p is number => p !== null))];

  const attachments = itemIds.length
    ? await db
        .selectFrom('agenda_attachments')
        .innerJoin('documents', 'documents.id', 'agenda_attachments.document_id')
        .innerJoin('document_versions', (j) =>
          j.onRef('document_versions.document_id', '=', 'documents.id').onRef('document_versions.version', '=', 'documents.current_version'),
        )
        .select([
          'agenda_attachments.id',
          'agenda_attachments.item_id',
          'agenda_attachments.title',
          'agenda_attachments.closed',
          'documents.id as document_id',
          'documents.current_version',
          'document_versions.blob_sha256',
          'document_versions.rendition_sha256',
          'document_versions.filename',
          'document_versions.mime',
          'document_versions.size',
        ])
        .where('agenda_attachments.item_id', 'in', itemIds)
        .where('agenda_attachments.deleted_at', 'is', null)
        .orderBy('agenda_attachments.item_id')
        .orderBy('agenda_attachments.position')
        .execute()
    : [];

  const disqualified = itemIds.length
    ? await db
        .selectFrom('item_disqualifications')
        .innerJoin('council_persons', 'council_persons.id', 'item_disqualifications.person_id')
        .select(['item_disqualifications.item_id', 'item_disqualifications.person_id', 'item_disqualifications.kept_out', 'item_disqualifications.reason', 'council_persons.name', 'council_persons.party'])
        .where('item_disqualifications.item_id', 'in', itemIds)
        .orderBy('council_persons.name')
        .execute()
    : [];

  // The same papers' earlier steps (other meetings before this one); decisions only once those
  // meetings' minutes are published.
  const earlier = paperIds.length
    ? await db
        .selectFrom('agenda_items')
        .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
        .innerJoin('committees', 'committees.id', 'meetings.committee_id')
        .select([
          'agenda_items.id',
          'agenda_items.paper_id',
          'agenda_items.closed',
          'agenda_items.decision',
          'meetings.id as meeting_id',
          'meetings.starts_at',
          'meetings.minutes_published_at',
          'committees.name as committee_name',
        ])
        .where('agenda_items.paper_id', 'in', paperIds)
        .where('agenda_items.deleted_at', 'is', null)
        .where('meetings.deleted_at', 'is', null)
        .where('meetings.id', '!=', meetingId)
        .where('meetings.starts_at', '<', meeting.starts_at)
        .orderBy('meetings.starts_at')
        .execute()
    : [];

  const dissents =
    kind === 'minutes' && itemIds.length
      ? await db
          .selectFrom('item_dissents')
          .innerJoin('council_persons', 'council_persons.id', 'item_dissents.person_id')
          .select(['item_dissents.item_id', 'item_dissents.person_id', 'item_dissents.text', 'council_persons.name', 'council_persons.party'])
          .where('item_dissents.item_id', 'in', itemIds)
          .orderBy('item_dissents.id')
          .execute()
      : [];

  const person = (r: { person_id: number; name: string; party: string | null }): SnapshotPerson => ({ personId: r.person_id, name: r.name, party: r.party });

  const snapshotItems: SnapshotItem[] = items.map((item) => {
    const atts: SnapshotAttachment[] = attachments
      .filter((a) => a.item_id === item.id)
      .map((a) => {
        const rendition = a.rendition_sha256 && a.mime !== 'application/pdf';
        return {
          id: a.id,
          documentId: a.document_id,
          version: a.current_version,
          title: a.title,
          closed: a.closed === 1,
          blobSha256: rendition ? a.rendition_sha256! : a.blob_sha256,
          filename: rendition ? a.filename.replace(/\.[^.]+$/, '') + '.pdf' : a.filename,
          mime: rendition ? 'application/pdf' : a.mime,
          size: a.size,
        };
      });
    const steps: SnapshotEarlierStep[] = item.paper_id
      ? earlier
          .filter((e) => e.paper_id === item.paper_id)
          .map((e) => ({
            itemId: e.id,
            meetingId: e.meeting_id,
            committeeName: e.committee_name,
            startsAt: e.starts_at,
            decision: e.minutes_published_at ? e.decision : null,
            closed: e.closed === 1,
          }))
      : [];
    const base: SnapshotItem = {
      id: item.id,
      number: item.number,
      title: item.title,
      closed: item.closed === 1,
      closedReason: item.closed_reason,
      paperId: item.paper_id,
      caseId: item.case_id,
      caseNumber: item.case_number,
      presentation: item.presentation,
      recommendation: item.recommendation,
      economy: item.economy,
      attachments: atts,
      earlier: steps,
      disqualified: disqualified
        .filter((d) => d.item_id === item.id)
        .map((d) => ({ ...person(d), keptOut: d.kept_out === 1, reason: d.reason })),
    };
    if (kind === 'minutes') {
      base.decision = item.decision;
      base.dissents = dissents.filter((d) => d.item_id === item.id).map((d) => ({ ...person(d), text: d.text }));
    }
    return base;
  });

  const snapshot: PublishedSnapshot = {
    kind,
    meeting: {
      id: meeting.id,
      committeeId: meeting.committee_id,
      committeeName: meeting.committee_name,
      title: meeting.title,
      startsAt: meeting.starts_at,
      endsAt: meeting.ends_at,
      locationId: meeting.location_id,
      location: locationText(location),
    },
    items: snapshotItems,
  };

  if (kind === 'minutes') {
    const rows = await db
      .selectFrom('meeting_attendance')
      .innerJoin('council_persons as p', 'p.id', 'meeting_attendance.person_id')
      .leftJoin('council_persons as f', 'f.id', 'meeting_attendance.substitute_for')
      .select(['meeting_attendance.person_id', 'meeting_attendance.status', 'meeting_attendance.substitute_for', 'p.name', 'p.party', 'f.name as for_name', 'f.party as for_party'])
      .where('meeting_attendance.meeting_id', '=', meetingId)
      .orderBy('p.name')
      .execute();
    snapshot.attendance = {
      present: rows.filter((r) => r.status === 'present' && r.substitute_for === null).map(person),
      absent: rows.filter((r) => r.status === 'absent').map(person),
      substitutes: rows
        .filter((r) => r.status === 'present' && r.substitute_for !== null)
        .map((r) => ({ ...person(r), for: { personId: r.substitute_for!, name: r.for_name ?? '', party: r.for_party } })),
    };
  }
  return snapshot;
}

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
export async function publishVersion(database: Database, meetingId: number, kind: PublishedKind, opts: PublishOptions): Promise<PublishedVersion> {
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
