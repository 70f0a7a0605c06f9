import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { writeTransaction } from '../../db/index.ts';
import type { AccessDecision } from '../../db/schema/access-requests.ts';
import { toId } from '../../db/sql.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { visibleCases, type Actor } from '../../policy/index.ts';
import type { AccessRequestRow } from './access.ts';
import { DECISIONS } from './constants.ts';

/**
 * One decision per document of a request: full access, partial or refused; partial and refused
 * rest on one or more legal bases and a reason in words. Facts extracted from a withheld document
 * (offl. § 28) and access given beyond the law (meroffentlighed, offl. § 14) are recorded with it.
 */

export interface DecisionInput {
  decision: string;
  basisIds: string[];
  reason: string;
  extraction: string;
  meroffentlighed: boolean;
  meroffentlighedNote: string;
}
export type DecisionErrors = Partial<Record<keyof DecisionInput, MessageKey>>;

export interface LoadedItem {
  id: number;
  requestId: number;
  documentId: number;
  caseId: number;
  caseNumber: string;
  title: string;
  number: number | null;
  documentDate: string;
  direction: string;
  version: number;
  filename: string;
  mime: string;
  text: string | null;
  textStatus: string;
  decision: AccessDecision | null;
  reason: string | null;
  extraction: string | null;
  meroffentlighed: boolean;
  meroffentlighedNote: string | null;
  basisIds: number[];
  decidedAt: string | null;
  decidedByName: string | null;
}

/**
 * One document of a request, for a reader who may see the request; undefined (→ 404) when the
 * item is not the request's or its case is one the reader may not see.
 */
export async function loadItem(
  database: Database,
  actor: Actor,
  requestId: number,
  itemIdRaw: string,
): Promise<LoadedItem | undefined> {
  const itemId = toId(itemIdRaw);
  if (!itemId) return undefined;
  const r = await database.db
    .selectFrom('access_request_documents as i')
    .innerJoin('documents as d', 'd.id', 'i.document_id')
    .innerJoin('cases', 'cases.id', 'd.case_id')
    .innerJoin('document_versions as v', (j) =>
      j.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'i.version'),
    )
    .leftJoin('users as u', 'u.id', 'i.decided_by')
    .select([
      'i.id',
      'i.request_id',
      'i.document_id',
      'cases.id as case_id',
      'cases.number as case_number',
      'd.title',
      'd.number',
      'd.document_date',
      'd.direction',
      'i.version',
      'v.filename',
      'v.mime',
      'v.text_content',
      'v.text_status',
      'i.decision',
      'i.reason',
      'i.extraction',
      'i.meroffentlighed',
      'i.meroffentlighed_note',
      'i.decided_at',
      'u.display_name as decided_by_name',
    ])
    .where('i.id', '=', itemId)
    .where('i.request_id', '=', requestId)
    .where(visibleCases(actor))
    .executeTakeFirst();
  if (!r) return undefined;
  const bases = await database.db
    .selectFrom('access_request_document_bases')
    .select('legal_basis_id')
    .where('item_id', '=', r.id)
    .execute();
  return {
    id: r.id,
    requestId: r.request_id,
    documentId: r.document_id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    title: r.title,
    number: r.number,
    documentDate: r.document_date,
    direction: r.direction,
    version: r.version,
    filename: r.filename,
    mime: r.mime,
    text: r.text_content,
    textStatus: r.text_status,
    decision: r.decision,
    reason: r.reason,
    extraction: r.extraction,
    meroffentlighed: r.meroffentlighed === 1,
    meroffentlighedNote: r.meroffentlighed_note,
    basisIds: bases.map((b) => b.legal_basis_id),
    decidedAt: r.decided_at,
    decidedByName: r.decided_by_name,
  };
}

export const inputOf = (item: LoadedItem): DecisionInput => ({
  decision: item.decision ?? '',
  basisIds: item.basisIds.map(String),
  reason: item.reason ?? '',
  extraction: item.extraction ?? '',
  meroffentlighed: item.meroffentlighed,
  meroffentlighedNote: item.meroffentlighedNote ?? '',
});

export async function decide(
  database: Database,
  request: AccessRequestRow,
  item: LoadedItem,
  input: DecisionInput,
  actor: AuditActor,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<{ ok: true } | { ok: false; errors: DecisionErrors }> {
  const errors: DecisionErrors = {};
  if (request.status !== 'open') errors.decision = 'akt.error.notOpen';
  const decision = input.decision.trim() as AccessDecision;
  if (!DECISIONS.includes(decision)) errors.decision = 'akt.error.decision';
  const ids = [...new Set(input.basisIds.map((b) => toId(b)).filter((n): n is number => n !== null))];
  let basisIds: number[] = [];
  if (decision !== 'full') {
    if (!ids.length) errors.basisIds = 'akt.error.basisRequired';
    else {
      const found = await database.db
        .selectFrom('legal_bases')
        .select('id')
        .where('id', 'in', ids)
        .where('active', '=', 1)
        .execute();
      if (found.length !== ids.length) errors.basisIds = 'akt.error.basisUnknown';
      basisIds = found.map((f) => f.id);
    }
  }
  const reason = input.reason.trim();
  if (decision !== 'full' && DECISIONS.includes(decision) && !reason) errors.reason = 'akt.error.reasonRequired';
  if (reason.length > 5000) errors.reason = 'akt.error.tooLong';
  const extraction = input.extraction.trim();
  if (extraction.length > 20_000) errors.extraction = 'akt.error.tooLong';
  const note = input.meroffentlighedNote.trim();
  if (input.meroffentlighed && !note) errors.meroffentlighedNote = 'akt.error.meroffentlighedNote';
  if (note.length > 3000) errors.meroffentlighedNote = 'akt.error.tooLong';
  if (Object.keys(errors).length) return { ok: false, errors };

  const at = (opts.now ?? new Date()).toISOString();
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('access_request_documents')
      .set({
        decision,
        reason: reason || null,
        extraction: extraction || null,
        meroffentlighed: input.meroffentlighed ? 1 : 0,
        meroffentlighed_note: input.meroffentlighed ? note : null,
        decided_at: at,
        decided_by: actor.id,
      })
      .where('id', '=', item.id)
      .execute();
    await tx.db.deleteFrom('access_request_document_bases').where('item_id', '=', item.id).execute();
    if (basisIds.length)
      await tx.db
        .insertInto('access_request_document_bases')
        .values(basisIds.map((legal_basis_id) => ({ item_id: item.id, legal_basis_id })))
        .execute();
    await appendAudit(tx, {
      actor,
      action: 'accessRequest.decide',
      entityType: 'case',
      entityId: request.case_id,
      summary: `Decided ${decision} access to "${item.title}" (${item.caseNumber})`,
      details: {
        request: request.id,
        document: item.documentId,
        title: item.title,
        decision,
        bases: basisIds,
        meroffentlighed: input.meroffentlighed,
        extraction: !!extraction,
      },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true };
}
