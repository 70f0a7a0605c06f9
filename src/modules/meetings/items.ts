import type { Selectable } from 'kysely';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { lockKey, nowIso, writeTransaction } from '../../db/index.ts';
import type { AgendaItemTable } from '../../db/schema/meetings.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { Errors } from './committees.ts';
import type { MeetingRow } from './meetings.ts';
import { roster } from './roster.ts';
import { toId } from '../../db/sql.ts';

/**
 * Agenda items: a case sent to a committee (the paper links the case; the same paper travels on
 * to further committees), the standard sections, attachments chosen from the case's journalised
 * documents (each open or closed), numbering and order, closed items with a reason, and members
 * kept out of an item (conflict of interest). Items change only while the agenda is being made
 * (meeting planned or published); after the meeting the minutes take over.
 */

export type ItemRow = Selectable<AgendaItemTable>;

export interface CaseDocument {
  id: number;
  number: number | null;
  title: string;
  documentDate: string;
  version: number;
  mime: string;
  filename: string;
}

export interface EditorItem extends ItemRow {
  case_id: number | null;
  case_number: string | null;
  case_title: string | null;
  attachments: Array<{ id: number; documentId: number; title: string; closed: boolean; number: number | null }>;
  disqualified: Array<{ personId: number; name: string; reason: string | null; keptOut: boolean }>;
  /** Other meetings this item's paper is on (earlier and later steps). */
  steps: Array<{ itemId: number; meetingId: number; committeeName: string; startsAt: string; status: string }>;
}

/** Whether the agenda of a meeting may still be changed. */
export const agendaEditable = (m: Pick<MeetingRow, 'status'>) => m.status === 'planned' || m.status === 'published';

/** The journalised documents of a case (what may be attached), newest number last. */
export async function caseDocuments(database: Database, caseId: number): Promise<CaseDocument[]> {
  const rows = await database.db
    .selectFrom('documents')
    .innerJoin('document_versions', (j) =>
      j
        .onRef('document_versions.document_id', '=', 'documents.id')
        .onRef('document_versions.version', '=', 'documents.current_version'),
    )
    .select([
      'documents.id',
      'documents.number',
      'documents.title',
      'documents.document_date',
      'documents.current_version',
      'document_versions.mime',
      'document_versions.filename',
    ])
    .where('documents.case_id', '=', caseId)
    .where('documents.journalised_at', 'is not', null)
    .orderBy('documents.number')
    .orderBy('documents.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    documentDate: r.document_date,
    version: r.current_version,
    mime: r.mime,
    filename: r.filename,
  }));
}

export async function listItems(database: Database, meetingId: number): Promise<EditorItem[]> {
  const db = database.db;
  const items = await db
    .selectFrom('agenda_items')
    .leftJoin('papers', 'papers.id', 'agenda_items.paper_id')
    .leftJoin('cases', 'cases.id', 'papers.case_id')
    .selectAll('agenda_items')
    .select(['papers.case_id', 'cases.number as case_number', 'cases.title as case_title'])
    .where('agenda_items.meeting_id', '=', meetingId)
    .where('agenda_items.deleted_at', 'is', null)
    .orderBy('agenda_items.number')
    .orderBy('agenda_items.id')
    .execute();
  if (!items.length) return [];
  const ids = items.map((i) => i.id);
  const paperIds = [...new Set(items.map((i) => i.paper_id).filter((p): p is number => p !== null))];
  const [attachments, disq, steps] = await Promise.all([
    db
      .selectFrom('agenda_attachments')
      .innerJoin('documents', 'documents.id', 'agenda_attachments.document_id')
      .select([
        'agenda_attachments.id',
        'agenda_attachments.item_id',
        'agenda_attachments.document_id',
        'agenda_attachments.title',
        'agenda_attachments.closed',
        'documents.number',
      ])
      .where('agenda_attachments.item_id', 'in', ids)
      .where('agenda_attachments.deleted_at', 'is', null)
      .orderBy('agenda_attachments.position')
      .execute(),
    db
      .selectFrom('item_disqualifications')
      .innerJoin('council_persons', 'council_persons.id', 'item_disqualifications.person_id')
      .select([
        'item_disqualifications.item_id',
        'item_disqualifications.person_id',
        'item_disqualifications.reason',
        'item_disqualifications.kept_out',
        'council_persons.name',
      ])
      .where('item_disqualifications.item_id', 'in', ids)
      .orderBy('council_persons.name')
      .execute(),
    paperIds.length
      ? db
          .selectFrom('agenda_items')
          .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
          .innerJoin('committees', 'committees.id', 'meetings.committee_id')
          .select([
            'agenda_items.id',
            'agenda_items.paper_id',
            'meetings.id as meeting_id',
            'meetings.starts_at',
            'meetings.status',
            'committees.name',
          ])
          .where('agenda_items.paper_id', 'in', paperIds)
          .where('agenda_items.deleted_at', 'is', null)
          .where('meetings.deleted_at', 'is', null)
          .where('meetings.id', '!=', meetingId)
          .orderBy('meetings.starts_at')
          .execute()
      : Promise.resolve([]),
  ]);
  return items.map((i) => ({
    ...i,
    attachments: attachments
      .filter((a) => a.item_id === i.id)
      .map((a) => ({ id: a.id, documentId: a.document_id, title: a.title, closed: a.closed === 1, number: a.number })),
    disqualified: disq
      .filter((d) => d.item_id === i.id)
      .map((d) => ({ personId: d.person_id, name: d.name, reason: d.reason, keptOut: d.kept_out === 1 })),
    steps: steps
      .filter((s) => s.paper_id === i.paper_id)
      .map((s) => ({
        itemId: s.id,
        meetingId: s.meeting_id,
        committeeName: s.name,
        startsAt: s.starts_at,
        status: s.status,
      })),
  }));
}

export async function getItem(database: Database, meetingId: number, itemId: number): Promise<ItemRow | undefined> {
  if (!toId(itemId)) return undefined;
  return database.db
    .selectFrom('agenda_items')
    .selectAll()
    .where('id', '=', itemId)
    .where('meeting_id', '=', meetingId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

// --- Create and edit ----------------------------------------------------------------------

export interface ItemInput {
  title: string;
  closed: boolean;
  closedReason: string;
  presentation: string;
  recommendation: string;
  economy: string;
  /** Document ids of the case to attach, in order. */
  attachments: string[];
  /** Of those, the ones that are closed. */
  closedAttachments: string[];
}

export const emptyItemInput = (over: Partial<ItemInput> = {}): ItemInput => ({
  title: '',
  closed: false,
  closedReason: '',
  presentation: '',
  recommendation: '',
  economy: '',
  attachments: [],
  closedAttachments: [],
  ...over,
});

export async function inputFromItem(database: Database, item: ItemRow): Promise<ItemInput> {
  const atts = await database.db
    .selectFrom('agenda_attachments')
    .select(['document_id', 'closed'])
    .where('item_id', '=', item.id)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .execute();
  return {
    title: item.title,
    closed: item.closed === 1,
    closedReason: item.closed_reason ?? '',
    presentation: item.presentation,
    recommendation: item.recommendation,
    economy: item.economy,
    attachments: atts.map((a) => String(a.document_id)),
    closedAttachments: atts.filter((a) => a.closed === 1).map((a) => String(a.document_id)),
  };
}

const text = (s: string, max = 50_000) =>
  s
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim()
    .slice(0, max);

export type ItemErrors = Errors<
  'title' | 'closedReason' | 'presentation' | 'recommendation' | 'economy' | 'attachments' | 'case'
>;

function validateItem(input: ItemInput, docs: CaseDocument[] | null): ItemErrors {
  const e: ItemErrors = {};
  const title = input.title.replace(/\s+/g, ' ').trim();
  if (!title) e.title = 'meetings.error.itemTitle';
  else if (title.length > 300) e.title = 'meetings.error.tooLong';
  if (input.closed && !input.closedReason.trim()) e.closedReason = 'meetings.error.closedReason';
  for (const f of ['presentation', 'recommendation', 'economy'] as const)
    if (input[f].length > 50_000) e[f] = 'meetings.error.tooLong';
  if (input.attachments.length) {
    const allowed = new Set((docs ?? []).map((d) => String(d.id)));
    if (input.attachments.some((id) => !allowed.has(id))) e.attachments = 'meetings.error.attachment';
  }
  return e;
}

async function writeAttachments(
  tx: Database,
  actor: AuditActor,
  itemId: number,
  input: ItemInput,
  docs: CaseDocument[],
): Promise<void> {
  const at = nowIso();
  const existing = await tx.db
    .selectFrom('agenda_attachments')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('deleted_at', 'is', null)
    .execute();
  const wanted = [...new Set(input.attachments)];
  const closed = new Set(input.closedAttachments);
  for (const row of existing) {
    if (!wanted.includes(String(row.document_id)))
      await tx.db
        .updateTable('agenda_attachments')
        .set({ deleted_at: at, updated_at: at })
        .where('id', '=', row.id)
        .execute();
  }
  for (const [position, id] of wanted.entries()) {
    const doc = docs.find((d) => String(d.id) === id)!;
    const row = existing.find((r) => String(r.document_id) === id);
    const isClosed = closed.has(id) ? 1 : 0;
    if (row) {
      if (row.closed !== isClosed || row.position !== position)
        await tx.db
          .updateTable('agenda_attachments')
          .set({ closed: isClosed, position, updated_at: at })
          .where('id', '=', row.id)
          .execute();
    } else {
      await tx.db
        .insertInto('agenda_attachments')
        .values({
          item_id: itemId,
          document_id: doc.id,
          title: doc.title,
          closed: isClosed,
          position,
          created_at: at,
          created_by: actor.id,
          updated_at: at,
          deleted_at: null,
        })
        .execute();
    }
  }
}

async function itemCase(database: Database, itemPaperId: number | null): Promise<number | null> {
  if (!itemPaperId) return null;
  const paper = await database.db
    .selectFrom('papers')
    .select('case_id')
    .where('id', '=', itemPaperId)
    .executeTakeFirst();
  return paper?.case_id ?? null;
}

/**
 * Creates an item at the end of the agenda. With `caseRow`, a new paper links the case (or the
 * given `paperId` is reused when the matter travels on from another committee).
 */
export async function createItem(
  database: Database,
  actor: AuditActor,
  meeting: MeetingRow,
  input: ItemInput,
  source: { caseRow?: { id: number; number: string; title: string } | null; paperId?: number | null } = {},
): Promise<{ ok: true; id: number } | { ok: false; errors: ItemErrors }> {
  if (!agendaEditable(meeting)) return { ok: false, errors: { title: 'meetings.error.notEditable' } };
  let caseId = source.caseRow?.id ?? null;
  if (!caseId && source.paperId) caseId = await itemCase(database, source.paperId);
  const docs = caseId ? await caseDocuments(database, caseId) : null;
  const errors = validateItem(input, docs);
  if (Object.keys(errors).length) return { ok: false, errors };
  const id = await writeTransaction(database, async (tx) => {
    await lockKey(tx, `agenda_items:${meeting.id}`);
    const at = nowIso();
    let paperId = source.paperId ?? null;
    if (!paperId && source.caseRow) {
      const paper = await tx.db
        .insertInto('papers')
        .values({
          case_id: source.caseRow.id,
          reference: source.caseRow.number,
          title: input.title.replace(/\s+/g, ' ').trim(),
          created_at: at,
          created_by: actor.id,
          updated_at: at,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      paperId = paper.id;
    }
    const max = await tx.db
      .selectFrom('agenda_items')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('meeting_id', '=', meeting.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    const number = Number(max?.n ?? 0) + 1;
    const row = await tx.db
      .insertInto('agenda_items')
      .values({
        meeting_id: meeting.id,
        paper_id: paperId,
        number,
        title: input.title.replace(/\s+/g, ' ').trim(),
        closed: input.closed ? 1 : 0,
        closed_reason: input.closed ? input.closedReason.trim().slice(0, 500) : null,
        presentation: text(input.presentation),
        recommendation: text(input.recommendation),
        economy: text(input.economy),
        decision: null,
        decided_at: null,
        decision_document_id: null,
        created_at: at,
        created_by: actor.id,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (docs) await writeAttachments(tx, actor, row.id, input, docs);
    await appendAudit(tx, {
      actor,
      action: 'agenda_item.create',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `Item ${number} "${input.title.trim()}"${source.caseRow ? ` from ${source.caseRow.number}` : ''}`,
      details: { item: row.id, paper: paperId, case: caseId, closed: input.closed },
    });
    if (caseId) {
      // The case's own timeline shows that it went to a committee.
      await appendAudit(tx, {
        actor,
        action: 'case.committee',
        entityType: 'case',
        entityId: caseId,
        summary: `Put on the agenda of meeting ${meeting.id} as item ${number}`,
        details: { meeting: meeting.id, item: row.id },
      });
    }
    return row.id;
  });
  return { ok: true, id };
}

export async function updateItem(
  database: Database,
  actor: AuditActor,
  meeting: MeetingRow,
  item: ItemRow,
  input: ItemInput,
): Promise<{ ok: true } | { ok: false; errors: ItemErrors }> {
  if (!agendaEditable(meeting)) return { ok: false, errors: { title: 'meetings.error.notEditable' } };
  const caseId = await itemCase(database, item.paper_id);
  const docs = caseId ? await caseDocuments(database, caseId) : null;
  const errors = validateItem(input, docs);
  if (Object.keys(errors).length) return { ok: false, errors };
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('agenda_items')
      .set({
        title: input.title.replace(/\s+/g, ' ').trim(),
        closed: input.closed ? 1 : 0,
        closed_reason: input.closed ? input.closedReason.trim().slice(0, 500) : null,
        presentation: text(input.presentation),
        recommendation: text(input.recommendation),
        economy: text(input.economy),
        updated_at: nowIso(),
      })
      .where('id', '=', item.id)
      .execute();
    if (docs) await writeAttachments(tx, actor, item.id, input, docs);
    await appendAudit(tx, {
      actor,
      action: 'agenda_item.update',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `Changed item ${item.number} "${input.title.trim()}"`,
      details: { item: item.id, closed: input.closed },
    });
  });
  return { ok: true };
}

/** Renumbers the meeting's items 1..n in the given order (ids not listed keep their relative order after). */
async function renumber(tx: Database, meetingId: number, order: number[]): Promise<void> {
  const rows = await tx.db
    .selectFrom('agenda_items')
    .select(['id', 'number'])
    .where('meeting_id', '=', meetingId)
    .where('deleted_at', 'is', null)
    .orderBy('number')
    .orderBy('id')
    .execute();
  const listed = order.filter((id) => rows.some((r) => r.id === id));
  const rest = rows.map((r) => r.id).filter((id) => !listed.includes(id));
  const at = nowIso();
  for (const [i, id] of [...listed, ...rest].entries()) {
    const row = rows.find((r) => r.id === id)!;
    if (row.number !== i + 1)
      await tx.db
        .updateTable('agenda_items')
        .set({ number: i + 1, updated_at: at })
        .where('id', '=', id)
        .execute();
  }
}

export async function removeItem(
  database: Database,
  actor: AuditActor,
  meeting: MeetingRow,
  item: ItemRow,
): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  if (!agendaEditable(meeting)) return { ok: false, error: 'meetings.error.notEditable' };
  await writeTransaction(database, async (tx) => {
    await lockKey(tx, `agenda_items:${meeting.id}`);
    const at = nowIso();
    await tx.db.updateTable('agenda_items').set({ deleted_at: at, updated_at: at }).where('id', '=', item.id).execute();
    await renumber(tx, meeting.id, []);
    await appendAudit(tx, {
      actor,
      action: 'agenda_item.remove',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `Removed item ${item.number} "${item.title}"`,
      details: { item: item.id },
    });
  });
  return { ok: true };
}

/** Moves an item one place up or down (the keyboard and no-JS way of ordering). */
export async function moveItem(
  database: Database,
  actor: AuditActor,
  meeting: MeetingRow,
  item: ItemRow,
  direction: 'up' | 'down',
): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  if (!agendaEditable(meeting)) return { ok: false, error: 'meetings.error.notEditable' };
  await writeTransaction(database, async (tx) => {
    await lockKey(tx, `agenda_items:${meeting.id}`);
    const ids = (
      await tx.db
        .selectFrom('agenda_items')
        .select('id')
        .where('meeting_id', '=', meeting.id)
        .where('deleted_at', 'is', null)
        .orderBy('number')
        .orderBy('id')
        .execute()
    ).map((r) => r.id);
    const i = ids.indexOf(item.id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    await renumber(tx, meeting.id, ids);
    await appendAudit(tx, {
      actor,
      action: 'agenda_item.move',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `Moved item "${item.title}" to ${j + 1}`,
      details: { item: item.id, to: j + 1 },
    });
  });
  return { ok: true };
}

/** Puts the items in the given order (drag and drop sends every id). */
export async function reorderItems(
  database: Database,
  actor: AuditActor,
  meeting: MeetingRow,
  order: number[],
): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  if (!agendaEditable(meeting)) return { ok: false, error: 'meetings.error.notEditable' };
  await writeTransaction(database, async (tx) => {
    await lockKey(tx, `agenda_items:${meeting.id}`);
    await renumber(tx, meeting.id, order);
    await appendAudit(tx, {
      actor,
      action: 'agenda_item.reorder',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: 'Reordered the agenda',
      details: { order },
    });
  });
  return { ok: true };
}

// --- Conflicts of interest ----------------------------------------------------------------

export async function addDisqualification(
  database: Database,
  actor: AuditActor,
  meeting: MeetingRow,
  item: ItemRow,
  input: { personId: string; reason: string; keptOut: boolean },
): Promise<{ ok: true } | { ok: false; errors: Errors<'personId' | 'reason'> }> {
  // Only someone on the committee on the meeting's date (members and substitutes): the same
  // roster the minutes use for conflicts of interest.
  const personId = toId(input.personId);
  const { members, substitutes } = await roster(database, meeting);
  const person = personId ? [...members, ...substitutes].find((p) => p.personId === personId) : undefined;
  if (!person || !personId) return { ok: false, errors: { personId: 'meetings.error.person' } };
  if (input.reason.length > 500) return { ok: false, errors: { reason: 'meetings.error.tooLong' } };
  await writeTransaction(database, async (tx) => {
    await tx.db
      .insertInto('item_disqualifications')
      .values({
        item_id: item.id,
        person_id: personId,
        reason: input.reason.trim() || null,
        kept_out: input.keptOut ? 1 : 0,
        created_at: nowIso(),
        created_by: actor.id,
      })
      .onConflict((oc) =>
        oc
          .columns(['item_id', 'person_id'])
          .doUpdateSet({ reason: input.reason.trim() || null, kept_out: input.keptOut ? 1 : 0 }),
      )
      .execute();
    await tx.db.updateTable('agenda_items').set({ updated_at: nowIso() }).where('id', '=', item.id).execute();
    await appendAudit(tx, {
      actor,
      action: 'agenda_item.disqualify',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `${person.name} disqualified from item ${item.number}${input.keptOut ? ' and kept out' : ''}`,
      details: { item: item.id, person: personId, keptOut: input.keptOut },
    });
  });
  return { ok: true };
}

export async function removeDisqualification(
  database: Database,
  actor: AuditActor,
  meeting: MeetingRow,
  item: ItemRow,
  personId: number,
): Promise<void> {
  await writeTransaction(database, async (tx) => {
    await tx.db
      .deleteFrom('item_disqualifications')
      .where('item_id', '=', item.id)
      .where('person_id', '=', personId)
      .execute();
    await tx.db.updateTable('agenda_items').set({ updated_at: nowIso() }).where('id', '=', item.id).execute();
    await appendAudit(tx, {
      actor,
      action: 'agenda_item.requalify',
      entityType: 'meeting',
      entityId: meeting.id,
      summary: `Disqualification of person ${personId} from item ${item.number} removed`,
      details: { item: item.id, person: personId },
    });
  });
}

// --- Sending on ---------------------------------------------------------------------------

/**
 * Sends an item on to a later meeting of another (or the same) committee: a new item there with
 * the same paper, title, sections, closed state and attachments. The next step's snapshot shows
 * this step's decision under "earlier" once its minutes are out.
 */
export async function forwardItem(
  database: Database,
  actor: AuditActor,
  meeting: MeetingRow,
  item: ItemRow,
  targetMeetingId: number,
): Promise<{ ok: true; id: number; meetingId: number } | { ok: false; error: MessageKey }> {
  const target = toId(targetMeetingId)
    ? await database.db
        .selectFrom('meetings')
        .selectAll()
        .where('id', '=', targetMeetingId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
    : undefined;
  if (!target || target.id === meeting.id) return { ok: false, error: 'meetings.error.forwardTarget' };
  if (!agendaEditable(target)) return { ok: false, error: 'meetings.error.notEditable' };
  if (target.starts_at <= meeting.starts_at) return { ok: false, error: 'meetings.error.forwardEarlier' };
  let paperId = item.paper_id;
  if (!paperId) {
    // An item without a paper gets one now, so both steps are one matter.
    const at = nowIso();
    const paper = await database.db
      .insertInto('papers')
      .values({
        case_id: null,
        reference: null,
        title: item.title,
        created_at: at,
        created_by: actor.id,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .updateTable('agenda_items')
      .set({ paper_id: paper.id, updated_at: at })
      .where('id', '=', item.id)
      .execute();
    paperId = paper.id;
  } else {
    const already = await database.db
      .selectFrom('agenda_items')
      .select('id')
      .where('paper_id', '=', paperId)
      .where('meeting_id', '=', target.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (already) return { ok: false, error: 'meetings.error.forwardTwice' };
  }
  const input = await inputFromItem(database, item);
  const result = await createItem(database, actor, target, input, { paperId });
  if (!result.ok) return { ok: false, error: Object.values(result.errors)[0] ?? 'meetings.error.forwardTarget' };
  return { ok: true, id: result.id, meetingId: target.id };
}

/** Meetings an item may be sent on to: later meetings whose agenda is still open, nearest first. */
export async function forwardTargets(
  database: Database,
  meeting: MeetingRow,
): Promise<Array<{ id: number; title: string; startsAt: string; committeeName: string }>> {
  const rows = await database.db
    .selectFrom('meetings')
    .innerJoin('committees', 'committees.id', 'meetings.committee_id')
    .select(['meetings.id', 'meetings.title', 'meetings.starts_at', 'committees.name'])
    .where('meetings.deleted_at', 'is', null)
    .where('meetings.id', '!=', meeting.id)
    .where('meetings.starts_at', '>', meeting.starts_at)
    .where('meetings.status', 'in', ['planned', 'published'])
    .orderBy('meetings.starts_at')
    .limit(40)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, startsAt: r.starts_at, committeeName: r.name }));
}

/** Meetings a case may be put on: upcoming meetings whose agenda is still open. */
export async function openMeetings(
  database: Database,
  now = new Date(),
): Promise<Array<{ id: number; title: string; startsAt: string; committeeName: string }>> {
  const rows = await database.db
    .selectFrom('meetings')
    .innerJoin('committees', 'committees.id', 'meetings.committee_id')
    .select(['meetings.id', 'meetings.title', 'meetings.starts_at', 'committees.name'])
    .where('meetings.deleted_at', 'is', null)
    .where('meetings.starts_at', '>', now.toISOString())
    .where('meetings.status', 'in', ['planned', 'published'])
    .orderBy('meetings.starts_at')
    .limit(40)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, startsAt: r.starts_at, committeeName: r.name }));
}
