import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { lockKey, nowIso, writeTransaction } from '../../db/index.ts';
import type { DB } from '../../db/schema.ts';
import type { BlobStore } from '../../files/blobs.ts';
import { copenhagenDate, type MessageKey } from '../../i18n/index.ts';
import { addNote } from '../cases/index.ts';
import { addVersion, finalise, journalise, uploadDocuments } from '../documents/index.ts';
import { roster, type RosterPerson } from '../meetings/index.ts';
import {
  approvalState,
  latestVersion,
  publishedVersions,
  publishVersion,
  renderAgendaPdf,
  verifySeals,
  type ApprovalState,
  type PublishedVersion,
  type SnapshotItem,
} from '../publication/index.ts';

/**
 * Minutes (referat / beslutningsprotokol) of a meeting, for the secretariat, and their approval by
 * the members present (Styrelsesloven §13):
 *
 * 1. After the agenda is published the secretariat records attendance (present, absent, a
 *    substitute in place of a member), conflicts of interest per member and item, the decision per
 *    item and minority statements (§13 stk. 2), and sets the meeting to held.
 * 2. "Send til godkendelse" freezes a minutes version (`publishVersion(…, 'minutes')`). Each member
 *    present approves it with one click (an append-only, time-stamped `minutes_approvals` row).
 *    When every member present has approved (or the secretariat closes the round) the meeting is
 *    approved and the minutes published (`meetings.minutes_published_at`).
 * 3. Approved minutes are append-only: a correction is a new sealed version published as an
 *    addendum with a change note; its seal chains to the previous one.
 * 4. On publication each decision on an item with a case is written back to the case: a
 *    journalised, finalised PDF (an extract of the minutes) and a case note, once per item and
 *    minutes version (`decision_writebacks`, unique on both), so a retry never writes twice.
 */

export const MAX_DECISION = 20_000;
export const MAX_DISSENT = 5_000;
export const MAX_REASON = 500;
export const MAX_CHANGE_NOTE = 1_000;

interface DecisionWritebackTable {
  id: import('kysely').Generated<number>;
  item_id: number;
  version_id: number;
  case_id: number;
  document_id: number | null;
  document_version: number | null;
  note_id: number | null;
  decision_sha256: string;
  created_at: string;
}
type MinutesDB = DB & { decision_writebacks: DecisionWritebackTable };
/** Our own table (migrations/2026-11-26-0013-meetings-reader.ts), typed here. */
const mdb = (database: Database) => database.db as unknown as Kysely<MinutesDB>;

export type MinutesError = { ok: false; error: MessageKey; field?: string; params?: Record<string, string | number> };
type Ok<T = object> = { ok: true } & T;

export interface MeetingRow {
  id: number;
  committee_id: number;
  committee_name: string;
  title: string;
  starts_at: string;
  status: 'planned' | 'published' | 'held' | 'approved' | 'cancelled';
  minutes_published_at: string | null;
  agenda_published_at: string | null;
}

export async function loadMeeting(database: Database, meetingId: number): Promise<MeetingRow | undefined> {
  return database.db
    .selectFrom('meetings')
    .innerJoin('committees', 'committees.id', 'meetings.committee_id')
    .select([
      'meetings.id',
      'meetings.committee_id',
      'committees.name as committee_name',
      'meetings.title',
      'meetings.starts_at',
      'meetings.status',
      'meetings.minutes_published_at',
      'meetings.agenda_published_at',
    ])
    .where('meetings.id', '=', meetingId)
    .where('meetings.deleted_at', 'is', null)
    .executeTakeFirst();
}

// --- The editor's state ------------------------------------------------------------------------

export interface EditorItem {
  id: number;
  number: number;
  title: string;
  closed: boolean;
  caseNumber: string | null;
  decision: string | null;
  decidedAt: string | null;
  decisionDocumentId: number | null;
  disqualified: Array<{ personId: number; name: string; reason: string | null; keptOut: boolean }>;
  dissents: Array<{ id: number; personId: number; name: string; text: string }>;
}

export interface MinutesState {
  meeting: MeetingRow;
  members: RosterPerson[];
  substitutes: RosterPerson[];
  attendance: Map<number, { status: 'present' | 'absent'; substituteFor: number | null }>;
  items: EditorItem[];
  versions: PublishedVersion[];
  approval: ApprovalState | null;
  seals: { ok: true } | { ok: false; number: number };
  writebacks: Array<{
    itemId: number;
    versionId: number;
    documentId: number | null;
    caseId: number;
    createdAt: string;
  }>;
  /** Items of the latest published version with a case and a decision but no write-back yet. */
  pendingWritebacks: number;
}

export async function minutesState(database: Database, meeting: MeetingRow): Promise<MinutesState> {
  const db = database.db;
  const [{ members, substitutes }, attendanceRows, items, versions, seals] = await Promise.all([
    roster(database, meeting),
    db
      .selectFrom('meeting_attendance')
      .select(['person_id', 'status', 'substitute_for'])
      .where('meeting_id', '=', meeting.id)
      .execute(),
    db
      .selectFrom('agenda_items')
      .leftJoin('papers', 'papers.id', 'agenda_items.paper_id')
      .leftJoin('cases', 'cases.id', 'papers.case_id')
      .select([
        'agenda_items.id',
        'agenda_items.number',
        'agenda_items.title',
        'agenda_items.closed',
        'agenda_items.decision',
        'agenda_items.decided_at',
        'agenda_items.decision_document_id',
        'cases.number as case_number',
      ])
      .where('agenda_items.meeting_id', '=', meeting.id)
      .where('agenda_items.deleted_at', 'is', null)
      .orderBy('agenda_items.number')
      .orderBy('agenda_items.id')
      .execute(),
    publishedVersions(database, meeting.id, 'minutes'),
    verifySeals(database, meeting.id, 'minutes'),
  ]);
  const itemIds = items.map((i) => i.id);
  const [disq, dissents, writebacks] = itemIds.length
    ? await Promise.all([
        db
          .selectFrom('item_disqualifications as d')
          .innerJoin('council_persons as p', 'p.id', 'd.person_id')
          .select(['d.item_id', 'd.person_id', 'd.reason', 'd.kept_out', 'p.name'])
          .where('d.item_id', 'in', itemIds)
          .orderBy('p.name')
          .execute(),
        db
          .selectFrom('item_dissents as d')
          .innerJoin('council_persons as p', 'p.id', 'd.person_id')
          .select(['d.id', 'd.item_id', 'd.person_id', 'd.text', 'p.name'])
          .where('d.item_id', 'in', itemIds)
          .orderBy('d.id')
          .execute(),
        mdb(database)
          .selectFrom('decision_writebacks')
          .select(['item_id', 'version_id', 'document_id', 'case_id', 'created_at'])
          .where('item_id', 'in', itemIds)
          .orderBy('id')
          .execute(),
      ])
    : [[], [], []];
  const latest = versions.at(-1) ?? null;
  const approval = latest ? await approvalState(database, latest) : null;
  const done = new Set(writebacks.filter((w) => latest && w.version_id === latest.id).map((w) => w.item_id));
  const pendingWritebacks =
    latest && meeting.status === 'approved'
      ? latest.snapshot.items.filter((i) => i.caseId && i.decision?.trim() && !done.has(i.id)).length
      : 0;
  return {
    meeting,
    members,
    substitutes,
    attendance: new Map(
      attendanceRows.map((a) => [a.person_id, { status: a.status, substituteFor: a.substitute_for }]),
    ),
    items: items.map((i) => ({
      id: i.id,
      number: i.number,
      title: i.title,
      closed: i.closed === 1,
      caseNumber: i.case_number,
      decision: i.decision,
      decidedAt: i.decided_at,
      decisionDocumentId: i.decision_document_id,
      disqualified: disq
        .filter((d) => d.item_id === i.id)
        .map((d) => ({ personId: d.person_id, name: d.name, reason: d.reason, keptOut: d.kept_out === 1 })),
      dissents: dissents
        .filter((d) => d.item_id === i.id)
        .map((d) => ({ id: d.id, personId: d.person_id, name: d.name, text: d.text })),
    })),
    versions,
    approval,
    seals,
    writebacks: writebacks.map((w) => ({
      itemId: w.item_id,
      versionId: w.version_id,
      documentId: w.document_id,
      caseId: w.case_id,
      createdAt: w.created_at,
    })),
    pendingWritebacks,
  };
}

// --- Recording ---------------------------------------------------------------------------------

/**
 * The live record can be edited from publication on, also after approval: what readers see comes
 * only from sealed versions, so a change after approval is seen once it is sent as a correction.
 */
const EDITABLE: ReadonlyArray<MeetingRow['status']> = ['published', 'held', 'approved'];

function editable(meeting: MeetingRow): MinutesError | null {
  if (!EDITABLE.includes(meeting.status)) return { ok: false, error: 'minutes.error.notPublished' };
  return null;
}

export interface AttendanceEntry {
  personId: number;
  status: 'present' | 'absent' | '';
  substituteFor: number | null;
}

/**
 * Replaces the meeting's attendance. Every member must be marked present or absent; a substitute
 * may stand in for a member marked absent, one substitute per member.
 */
export async function saveAttendance(
  database: Database,
  meeting: MeetingRow,
  entries: AttendanceEntry[],
  actor: AuditActor,
  ip?: string | null,
): Promise<Ok | MinutesError> {
  const blocked = editable(meeting);
  if (blocked) return blocked;
  const { members, substitutes } = await roster(database, meeting);
  const byId = new Map(entries.map((e) => [e.personId, e]));
  for (const m of members) {
    const e = byId.get(m.personId);
    if (!e || (e.status !== 'present' && e.status !== 'absent'))
      return {
        ok: false,
        error: 'minutes.error.attendanceMissing',
        field: `att-${m.personId}`,
        params: { name: m.name },
      };
  }
  const absent = new Set(members.filter((m) => byId.get(m.personId)!.status === 'absent').map((m) => m.personId));
  const taken = new Set<number>();
  for (const s of substitutes) {
    const e = byId.get(s.personId);
    if (!e || e.substituteFor === null) continue;
    if (!absent.has(e.substituteFor))
      return { ok: false, error: 'minutes.error.substituteFor', field: `sub-${s.personId}`, params: { name: s.name } };
    if (taken.has(e.substituteFor))
      return {
        ok: false,
        error: 'minutes.error.substituteTwice',
        field: `sub-${s.personId}`,
        params: { name: s.name },
      };
    taken.add(e.substituteFor);
  }
  const now = nowIso();
  await writeTransaction(database, async (tx) => {
    await tx.db.deleteFrom('meeting_attendance').where('meeting_id', '=', meeting.id).execute();
    const rows = [
      ...members.map((m) => ({
        meeting_id: meeting.id,
        person_id: m.personId,
        status: byId.get(m.personId)!.status as 'present' | 'absent',
        substitute_for: null,
        note: null,
        updated_at: now,
        updated_by: actor.id,
      })),
      ...substitutes
        .filter((s) => byId.get(s.personId)?.substituteFor != null)
        .map((s) => ({
          meeting_id: meeting.id,
          person_id: s.personId,
          status: 'present' as const,
          substitute_for: byId.get(s.personId)!.substituteFor,
          note: null,
          updated_at: now,
          updated_by: actor.id,
        })),
    ];
    if (rows.length) await tx.db.insertInto('meeting_attendance').values(rows).execute();
    await tx.db.updateTable('meetings').set({ updated_at: now }).where('id', '=', meeting.id).execute();
    await appendAudit(tx, {
      actor,
      action: 'meeting.attendance.save',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `${meeting.committee_name}, ${meeting.title}: attendance (${rows.filter((r) => r.status === 'present').length} present)`,
      details: {
        present: rows.filter((r) => r.status === 'present').length,
        absent: absent.size,
        substitutes: taken.size,
      },
      ip: ip ?? null,
    });
  });
  return { ok: true };
}

async function itemOf(database: Database, meeting: MeetingRow, itemId: number) {
  return database.db
    .selectFrom('agenda_items')
    .select(['id', 'number', 'title', 'decision'])
    .where('id', '=', itemId)
    .where('meeting_id', '=', meeting.id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Records (or clears, with an empty text) the decision on an item. */
export async function saveDecision(
  database: Database,
  meeting: MeetingRow,
  itemId: number,
  text: string,
  actor: AuditActor,
  ip?: string | null,
): Promise<Ok | MinutesError> {
  const r = await saveDecisions(database, meeting, [{ itemId, text }], actor, ip);
  return r.ok ? r : r.errors[0]!;
}

/**
 * Records the decisions on several items at once (the editor's one form for every decision, so
 * saving one item never drops what was typed in another). All or nothing: one rejected text
 * saves none of them, and every rejection comes back with its field. Unchanged texts are skipped.
 */
export async function saveDecisions(
  database: Database,
  meeting: MeetingRow,
  entries: Array<{ itemId: number; text: string }>,
  actor: AuditActor,
  ip?: string | null,
): Promise<Ok | { ok: false; errors: MinutesError[] }> {
  const blocked = editable(meeting);
  if (blocked) return { ok: false, errors: [blocked] };
  const errors: MinutesError[] = [];
  const changes: Array<{ itemId: number; number: number; decision: string }> = [];
  for (const e of entries) {
    const item = await itemOf(database, meeting, e.itemId);
    if (!item) {
      errors.push({ ok: false, error: 'minutes.error.noItem' });
      continue;
    }
    const decision = e.text.replace(/\r\n/g, '\n').trim();
    if (decision.length > MAX_DECISION)
      errors.push({
        ok: false,
        error: 'minutes.error.decisionLong',
        field: `decision-${e.itemId}`,
        params: { max: MAX_DECISION },
      });
    else if ((item.decision ?? '') !== decision) changes.push({ itemId: e.itemId, number: item.number, decision });
  }
  if (errors.length) return { ok: false, errors };
  if (!changes.length) return { ok: true };
  await writeTransaction(database, async (tx) => {
    const now = nowIso();
    for (const ch of changes) {
      await tx.db
        .updateTable('agenda_items')
        .set({ decision: ch.decision || null, decided_at: ch.decision ? now : null, updated_at: now })
        .where('id', '=', ch.itemId)
        .execute();
      await appendAudit(tx, {
        actor,
        action: 'meeting.decision.save',
        entityType: 'meeting',
        entityId: meeting.id,
        summary: `${meeting.committee_name}, ${meeting.title}: decision on item ${ch.number}`,
        details: { item: ch.itemId, length: ch.decision.length },
        ip: ip ?? null,
      });
    }
  });
  return { ok: true };
}

async function presentPersons(database: Database, meetingId: number): Promise<Map<number, string>> {
  const rows = await database.db
    .selectFrom('meeting_attendance as a')
    .innerJoin('council_persons as p', 'p.id', 'a.person_id')
    .select(['a.person_id', 'p.name'])
    .where('a.meeting_id', '=', meetingId)
    .where('a.status', '=', 'present')
    .execute();
  return new Map(rows.map((r) => [r.person_id, r.name]));
}

/** A minority statement a member present asks to have recorded (Styrelsesloven §13 stk. 2). */
export async function addDissent(
  database: Database,
  meeting: MeetingRow,
  itemId: number,
  personId: number,
  text: string,
  actor: AuditActor,
  ip?: string | null,
): Promise<Ok | MinutesError> {
  const blocked = editable(meeting);
  if (blocked) return blocked;
  const item = await itemOf(database, meeting, itemId);
  if (!item) return { ok: false, error: 'minutes.error.noItem' };
  const present = await presentPersons(database, meeting.id);
  if (!present.has(personId))
    return { ok: false, error: 'minutes.error.dissentPerson', field: `dissent-person-${itemId}` };
  const body = text.replace(/\r\n/g, '\n').trim();
  if (!body) return { ok: false, error: 'minutes.error.dissentEmpty', field: `dissent-text-${itemId}` };
  if (body.length > MAX_DISSENT)
    return {
      ok: false,
      error: 'minutes.error.dissentLong',
      field: `dissent-text-${itemId}`,
      params: { max: MAX_DISSENT },
    };
  await writeTransaction(database, async (tx) => {
    const now = nowIso();
    await tx.db
      .insertInto('item_dissents')
      .values({ item_id: itemId, person_id: personId, text: body, created_at: now, created_by: actor.id })
      .execute();
    await tx.db.updateTable('agenda_items').set({ updated_at: now }).where('id', '=', itemId).execute();
    await appendAudit(tx, {
      actor,
      action: 'meeting.dissent.add',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `${meeting.committee_name}, ${meeting.title}: minority statement on item ${item.number} by ${present.get(personId)}`,
      details: { item: itemId, person: personId },
      ip: ip ?? null,
    });
  });
  return { ok: true };
}

export async function removeDissent(
  database: Database,
  meeting: MeetingRow,
  itemId: number,
  dissentId: number,
  actor: AuditActor,
  ip?: string | null,
): Promise<Ok | MinutesError> {
  const blocked = editable(meeting);
  if (blocked) return blocked;
  const item = await itemOf(database, meeting, itemId);
  if (!item) return { ok: false, error: 'minutes.error.noItem' };
  return writeTransaction(database, async (tx) => {
    const gone = await tx.db
      .deleteFrom('item_dissents')
      .where('id', '=', dissentId)
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    if (!Number(gone.numDeletedRows)) return { ok: false as const, error: 'minutes.error.noItem' as const };
    await appendAudit(tx, {
      actor,
      action: 'meeting.dissent.remove',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `${meeting.committee_name}, ${meeting.title}: removed a minority statement on item ${item.number}`,
      details: { item: itemId, dissent: dissentId },
      ip: ip ?? null,
    });
    return { ok: true as const };
  });
}

/** Records that a member is disqualified (inhabil) on an item; `keptOut` keeps them from a closed item's content. */
export async function addDisqualification(
  database: Database,
  meeting: MeetingRow,
  itemId: number,
  personId: number,
  reason: string,
  keptOut: boolean,
  actor: AuditActor,
  ip?: string | null,
): Promise<Ok | MinutesError> {
  const blocked = editable(meeting);
  if (blocked) return blocked;
  const item = await itemOf(database, meeting, itemId);
  if (!item) return { ok: false, error: 'minutes.error.noItem' };
  const { members, substitutes } = await roster(database, meeting);
  const person = [...members, ...substitutes].find((p) => p.personId === personId);
  if (!person) return { ok: false, error: 'minutes.error.disqPerson', field: `disq-person-${itemId}` };
  const why = reason.trim();
  if (why.length > MAX_REASON)
    return {
      ok: false,
      error: 'minutes.error.reasonLong',
      field: `disq-reason-${itemId}`,
      params: { max: MAX_REASON },
    };
  return writeTransaction(database, async (tx) => {
    const exists = await tx.db
      .selectFrom('item_disqualifications')
      .select('id')
      .where('item_id', '=', itemId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (exists)
      return {
        ok: false as const,
        error: 'minutes.error.disqTwice' as const,
        field: `disq-person-${itemId}`,
        params: { name: person.name },
      };
    const now = nowIso();
    await tx.db
      .insertInto('item_disqualifications')
      .values({
        item_id: itemId,
        person_id: personId,
        reason: why || null,
        kept_out: keptOut ? 1 : 0,
        created_at: now,
        created_by: actor.id,
      })
      .execute();
    await tx.db.updateTable('agenda_items').set({ updated_at: now }).where('id', '=', itemId).execute();
    await appendAudit(tx, {
      actor,
      action: 'meeting.disqualification.add',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `${meeting.committee_name}, ${meeting.title}: ${person.name} disqualified on item ${item.number}`,
      details: { item: itemId, person: personId, keptOut },
      ip: ip ?? null,
    });
    return { ok: true as const };
  });
}

export async function removeDisqualification(
  database: Database,
  meeting: MeetingRow,
  itemId: number,
  personId: number,
  actor: AuditActor,
  ip?: string | null,
): Promise<Ok | MinutesError> {
  const blocked = editable(meeting);
  if (blocked) return blocked;
  const item = await itemOf(database, meeting, itemId);
  if (!item) return { ok: false, error: 'minutes.error.noItem' };
  await writeTransaction(database, async (tx) => {
    await tx.db
      .deleteFrom('item_disqualifications')
      .where('item_id', '=', itemId)
      .where('person_id', '=', personId)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'meeting.disqualification.remove',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `${meeting.committee_name}, ${meeting.title}: disqualification removed on item ${item.number}`,
      details: { item: itemId, person: personId },
      ip: ip ?? null,
    });
  });
  return { ok: true };
}

/** The meeting has taken place: published → held. */
export async function markHeld(
  database: Database,
  meeting: MeetingRow,
  actor: AuditActor,
  ip?: string | null,
): Promise<Ok | MinutesError> {
  if (meeting.status !== 'published')
    return { ok: false, error: meeting.status === 'held' ? 'minutes.error.alreadyHeld' : 'minutes.error.notPublished' };
  await writeTransaction(database, async (tx) => {
    const now = nowIso();
    const res = await tx.db
      .updateTable('meetings')
      .set({ status: 'held', updated_at: now })
      .where('id', '=', meeting.id)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows)) return;
    await appendAudit(tx, {
      actor,
      action: 'meeting.held',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `${meeting.committee_name}, ${meeting.title}: held`,
      ip: ip ?? null,
    });
  });
  return { ok: true };
}

// --- Sending, approving, publishing -----------------------------------------------------------

/**
 * Freezes the minutes as the next sealed version. Before approval this (re)starts the approval
 * round; after approval it is a correction, published at once as an addendum with a change note
 * (and its changed decisions written back by the caller through `writeBackDecisions`).
 */
export async function sendMinutes(
  database: Database,
  meeting: MeetingRow,
  changeNote: string,
  actor: AuditActor,
  ip?: string | null,
): Promise<Ok<{ version: PublishedVersion; correction: boolean }> | MinutesError> {
  if (meeting.status !== 'held' && meeting.status !== 'approved')
    return {
      ok: false,
      error: meeting.status === 'published' ? 'minutes.error.notHeld' : 'minutes.error.notPublished',
    };
  const note = changeNote.replace(/\r\n/g, '\n').trim();
  if (note.length > MAX_CHANGE_NOTE)
    return { ok: false, error: 'minutes.error.changeNoteLong', field: 'changeNote', params: { max: MAX_CHANGE_NOTE } };
  const previous = await latestVersion(database, meeting.id, 'minutes');
  if (previous && !note) return { ok: false, error: 'minutes.error.changeNote', field: 'changeNote' };
  const present = await presentPersons(database, meeting.id);
  if (present.size === 0) return { ok: false, error: 'minutes.error.noAttendance', field: 'attendance' };
  const undecided = await database.db
    .selectFrom('agenda_items')
    .select('number')
    .where('meeting_id', '=', meeting.id)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('decision', 'is', null), eb('decision', '=', '')]))
    .orderBy('number')
    .execute();
  if (undecided.length)
    return {
      ok: false,
      error: 'minutes.error.undecided',
      field: 'send',
      params: { items: undecided.map((u) => u.number).join(', ') },
    };
  const correction = meeting.status === 'approved';
  const version = await writeTransaction(database, async (tx) => {
    await lockKey(tx, `minutes:${meeting.id}`);
    const fresh = await tx.db
      .selectFrom('meetings')
      .select('status')
      .where('id', '=', meeting.id)
      .executeTakeFirstOrThrow();
    if (fresh.status !== meeting.status) throw new Error('meeting status changed');
    const v = await publishVersion(tx, meeting.id, 'minutes', {
      actor,
      changeKind: previous ? (correction ? 'addendum' : 'version') : null,
      changeNote: note || null,
      ip,
    });
    await tx.db.updateTable('meetings').set({ updated_at: nowIso() }).where('id', '=', meeting.id).execute();
    return v;
  });
  return { ok: true, version, correction };
}

/**
 * One click by a member present: approves the latest minutes version (time-stamped, append-only).
 * Returns whether the round is complete, in which case the meeting is now approved and the minutes
 * published (the caller then writes the decisions back).
 */
export async function approveMinutes(
  database: Database,
  meeting: MeetingRow,
  user: { id: string; displayName: string },
  ip?: string | null,
): Promise<Ok<{ already: boolean; published: boolean }> | MinutesError> {
  if (meeting.status !== 'held')
    return { ok: false, error: meeting.status === 'approved' ? 'minutes.error.approved' : 'minutes.error.noRound' };
  const version = await latestVersion(database, meeting.id, 'minutes');
  if (!version) return { ok: false, error: 'minutes.error.noRound' };
  const person = await database.db
    .selectFrom('council_persons')
    .select(['id', 'name'])
    .where('user_id', '=', user.id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const state = await approvalState(database, version);
  if (!person || !state.expected.some((e) => e.personId === person.id))
    return { ok: false, error: 'minutes.error.notPresent' };
  if (state.approvals.some((a) => a.personId === person.id)) return { ok: true, already: true, published: false };
  const actor = { id: user.id, name: user.displayName };
  const published = await writeTransaction(database, async (tx) => {
    await lockKey(tx, `minutes:${meeting.id}`);
    const dup = await tx.db
      .selectFrom('minutes_approvals')
      .select('id')
      .where('version_id', '=', version.id)
      .where('person_id', '=', person.id)
      .executeTakeFirst();
    if (dup) return false;
    const now = nowIso();
    await tx.db
      .insertInto('minutes_approvals')
      .values({ version_id: version.id, person_id: person.id, user_id: user.id, approved_at: now })
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'meeting.minutes.approve',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `${meeting.committee_name}, ${meeting.title}: minutes v${version.number} approved by ${person.name}`,
      details: { version: version.number, sha256: version.sha256, person: person.id },
      ip: ip ?? null,
    });
    const after = await approvalState(tx, version);
    if (!after.complete) return false;
    return publishApproved(tx, meeting, version, actor, 'all', ip);
  });
  return { ok: true, already: false, published };
}

/** The secretariat ends the approval round without waiting for the last approvals. */
export async function closeRound(
  database: Database,
  meeting: MeetingRow,
  actor: AuditActor,
  ip?: string | null,
): Promise<Ok | MinutesError> {
  if (meeting.status !== 'held')
    return { ok: false, error: meeting.status === 'approved' ? 'minutes.error.approved' : 'minutes.error.noRound' };
  const version = await latestVersion(database, meeting.id, 'minutes');
  if (!version) return { ok: false, error: 'minutes.error.noRound' };
  const done = await writeTransaction(database, async (tx) => {
    await lockKey(tx, `minutes:${meeting.id}`);
    return publishApproved(tx, meeting, version, actor, 'closed', ip);
  });
  return done ? { ok: true } : { ok: false, error: 'minutes.error.approved' };
}

async function publishApproved(
  tx: Database,
  meeting: MeetingRow,
  version: PublishedVersion,
  actor: AuditActor,
  how: 'all' | 'closed',
  ip?: string | null,
): Promise<boolean> {
  const now = nowIso();
  const res = await tx.db
    .updateTable('meetings')
    .set({ status: 'approved', minutes_published_at: now, updated_at: now })
    .where('id', '=', meeting.id)
    .where('status', '=', 'held')
    .executeTakeFirst();
  if (!Number(res.numUpdatedRows)) return false;
  await appendAudit(tx, {
    actor,
    action: 'meeting.minutes.approved',
    entityType: 'meeting',
    entityId: meeting.id,
    summary: `${meeting.committee_name}, ${meeting.title}: minutes v${version.number} approved and published (${how === 'all' ? 'all present approved' : 'round closed by the secretariat'})`,
    details: { version: version.number, sha256: version.sha256, how },
    ip: ip ?? null,
  });
  return true;
}

// --- Writing decisions back to the cases ------------------------------------------------------

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** What a write-back records about a decision (its text and minority statements). */
function decisionText(item: SnapshotItem): string {
  return [item.decision ?? '', ...(item.dissents ?? []).map((d) => `${d.name}: ${d.text}`)].join('\n\n').trim();
}

/** The decision as a one-item extract of the minutes, in the minutes' own PDF layout. */
async function decisionPdf(version: PublishedVersion, item: SnapshotItem, approvals: ApprovalState): Promise<Buffer> {
  const s = version.snapshot;
  const att = s.attendance;
  const bytes = await renderAgendaPdf(
    {
      kind: 'minutes',
      locale: 'da',
      organisation: 'Samspil',
      committee: s.meeting.committeeName,
      meeting: {
        title: s.meeting.title,
        startsAt: s.meeting.startsAt,
        endsAt: s.meeting.endsAt ?? undefined,
        place: s.meeting.location ?? '',
      },
      version: {
        number: version.number,
        publishedAt: version.publishedAt,
        changeNote: version.changeNote ?? undefined,
      },
      items: [
        {
          number: item.number,
          title: item.title,
          caseNumber: item.caseNumber ?? undefined,
          closed: item.closed,
          sections: [
            { heading: 'Sagsfremstilling', paragraphs: paragraphs(item.presentation) },
            { heading: 'Indstilling', paragraphs: paragraphs(item.recommendation) },
            ...(item.economy.trim() ? [{ heading: 'Økonomi', paragraphs: paragraphs(item.economy) }] : []),
          ],
          decision: item.decision ?? undefined,
          dissent: (item.dissents ?? []).map((d) => ({ member: d.name, text: d.text })),
          attendance: item.disqualified.length ? { disqualified: item.disqualified.map((d) => d.name) } : undefined,
          attachments: [],
        },
      ],
      attendance: att
        ? {
            present: att.present.map((p) => p.name),
            absent: att.absent.map((p) => p.name),
            substitutes: att.substitutes.map((p) => ({ member: p.name, for: p.for.name })),
          }
        : undefined,
      approvals: approvals.approvals.map((a) => ({ member: a.name, at: a.approvedAt })),
      sealHash: version.sha256,
    },
    { audience: 'members' },
  );
  return Buffer.from(bytes);
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

export interface WritebackResult {
  written: number;
  unchanged: number;
  skipped: number;
}

/**
 * Writes each decision of the meeting's latest published minutes back to its case: a journalised,
 * finalised PDF document (a new version of the same document when a correction changed the
 * decision) and a case note. Once per item and version: each item's write-back runs in one
 * transaction with the `decision_writebacks` row whose unique key makes a repeat a no-op, so the
 * whole run is safe to retry after a crash.
 */
export async function writeBackDecisions(
  database: Database,
  blobs: BlobStore,
  meetingId: number,
  actor: AuditActor,
  ip?: string | null,
): Promise<WritebackResult> {
  const result: WritebackResult = { written: 0, unchanged: 0, skipped: 0 };
  const meeting = await database.db
    .selectFrom('meetings')
    .select(['status'])
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (meeting?.status !== 'approved') return result;
  const version = await latestVersion(database, meetingId, 'minutes');
  if (!version) return result;
  const approvals = await approvalState(database, version);
  for (const item of version.snapshot.items) {
    if (!item.caseId || !item.decision?.trim()) {
      result.skipped++;
      continue;
    }
    const done = await mdb(database)
      .selectFrom('decision_writebacks')
      .select('id')
      .where('item_id', '=', item.id)
      .where('version_id', '=', version.id)
      .executeTakeFirst();
    if (done) continue;
    const text = decisionText(item);
    const hash = sha(text);
    const previous = await mdb(database)
      .selectFrom('decision_writebacks')
      .select(['decision_sha256', 'document_id'])
      .where('item_id', '=', item.id)
      .where('document_id', 'is not', null)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const unchanged = previous?.decision_sha256 === hash;
    // Made before the transaction (rendering is the slow part); an unused blob is harmless.
    const pdf = unchanged ? null : await decisionPdf(version, item, approvals);
    const wrote = await writeTransaction(database, async (tx) => {
      await lockKey(tx, `decision-writeback:${item.id}`);
      const again = await mdb(tx)
        .selectFrom('decision_writebacks')
        .select('id')
        .where('item_id', '=', item.id)
        .where('version_id', '=', version.id)
        .executeTakeFirst();
      if (again) return null;
      const now = nowIso();
      const caseRow = await tx.db.selectFrom('cases').selectAll().where('id', '=', item.caseId!).executeTakeFirst();
      if (!caseRow) return null;
      // A write-back that writes nothing to the case: recorded all the same, so it happens once.
      const recordNothingWritten = () =>
        mdb(tx)
          .insertInto('decision_writebacks')
          .values({
            item_id: item.id,
            version_id: version.id,
            case_id: caseRow.id,
            document_id: null,
            document_version: null,
            note_id: null,
            decision_sha256: hash,
            created_at: now,
          })
          .execute();
      if (caseRow.status === 'archived') {
        // An archived case is read-only: the decision stays in the sealed minutes and is not
        // written to the case. Recorded, so the editor does not offer a retry for ever.
        await recordNothingWritten();
        await appendAudit(tx, {
          actor,
          action: 'meeting.decision.writeback',
          entityType: 'meeting',
          entityId: meetingId,
          summary: `Decision on item ${item.number} not written back: ${caseRow.number} is archived`,
          details: { item: item.id, version: version.number, case: caseRow.id, archived: true },
          ip: ip ?? null,
        });
        return 'archived' as const;
      }
      if (unchanged || !pdf) {
        await recordNothingWritten();
        return 'unchanged' as const;
      }
      const date = copenhagenDate(new Date(version.snapshot.meeting.startsAt));
      const title =
        `Beslutning: ${version.snapshot.meeting.committeeName} ${date.split('-').reverse().join('.')}, punkt ${item.number}`.slice(
          0,
          300,
        );
      const filename = `beslutning-${version.snapshot.meeting.id}-punkt-${item.number}-v${version.number}.pdf`;
      const current = await tx.db
        .selectFrom('agenda_items')
        .select('decision_document_id')
        .where('id', '=', item.id)
        .executeTakeFirstOrThrow();
      const existing = current.decision_document_id
        ? await tx.db
            .selectFrom('documents')
            .selectAll()
            .where('id', '=', current.decision_document_id)
            .executeTakeFirst()
        : undefined;
      let documentId: number;
      let documentVersion: number;
      if (existing) {
        const added = await addVersion(
          tx,
          blobs,
          caseRow,
          existing,
          { name: filename, type: 'application/pdf', bytes: pdf },
          `Rettelse i referatet, version ${version.number}`,
          actor,
          { ip },
        );
        if (!added.ok) throw new Error(`decision write-back: ${added.problems.map((p) => p.key).join(', ')}`);
        documentId = existing.id;
        documentVersion = added.version;
      } else {
        const up = await uploadDocuments(
          tx,
          blobs,
          caseRow,
          [{ name: filename, type: 'application/pdf', bytes: pdf }],
          {
            title,
            direction: 'internal',
            documentDate: date,
            sender: version.snapshot.meeting.committeeName,
            recipient: '',
          },
          actor,
          { ip },
        );
        if (!up.ok) throw new Error(`decision write-back: ${up.problems.map((p) => p.key).join(', ')}`);
        documentId = up.ids[0]!;
        documentVersion = 1;
        const doc = await tx.db
          .selectFrom('documents')
          .selectAll()
          .where('id', '=', documentId)
          .executeTakeFirstOrThrow();
        const j = await journalise(tx, caseRow, doc, actor, { ip });
        if (!j.ok) throw new Error(`decision write-back: ${j.error}`);
      }
      const doc = await tx.db
        .selectFrom('documents')
        .selectAll()
        .where('id', '=', documentId)
        .executeTakeFirstOrThrow();
      const f = await finalise(tx, blobs, caseRow, doc, actor, { ip });
      if (!f.ok) throw new Error(`decision write-back: ${f.error}`);
      const noteBody = [
        `${existing ? 'Rettet beslutning' : 'Beslutning'} i ${version.snapshot.meeting.committeeName}, møde ${date.split('-').reverse().join('.')}, punkt ${item.number}: ${item.title}`,
        item.decision!.trim(),
        ...(item.dissents ?? []).map((d) => `Mindretalsudtalelse (${d.name}): ${d.text}`),
        `Referat version ${version.number}, segl ${version.sha256.slice(0, 16)}…; dokument ${doc.number ?? documentId}.`,
      ].join('\n\n');
      const note = await addNote(tx, caseRow, noteBody, actor, { ip });
      if (!note.ok) throw new Error(`decision write-back: ${note.error}`);
      await tx.db
        .updateTable('agenda_items')
        .set({ decision_document_id: documentId })
        .where('id', '=', item.id)
        .execute();
      await mdb(tx)
        .insertInto('decision_writebacks')
        .values({
          item_id: item.id,
          version_id: version.id,
          case_id: caseRow.id,
          document_id: documentId,
          document_version: documentVersion,
          note_id: note.id,
          decision_sha256: hash,
          created_at: now,
        })
        .execute();
      await appendAudit(tx, {
        actor,
        action: 'meeting.decision.writeback',
        entityType: 'case',
        entityId: caseRow.id,
        summary: `Decision of ${version.snapshot.meeting.committeeName}, item ${item.number}, written back to ${caseRow.number}`,
        details: {
          meeting: meetingId,
          item: item.id,
          version: version.number,
          document: documentId,
          documentVersion,
          note: note.id,
        },
        ip: ip ?? null,
      });
      return 'written' as const;
    });
    if (wrote === 'written') result.written++;
    else if (wrote === 'unchanged') result.unchanged++;
    else if (wrote === 'archived') result.skipped++;
  }
  return result;
}
