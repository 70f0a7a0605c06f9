import { appendAudit, type AuditActor } from '../../audit/service.ts';
import { closingDays } from '../../calendar/closing-days.ts';
import { addWorkingDays } from '../../calendar/workdays.ts';
import type { Database } from '../../db/index.ts';
import { writeTransaction } from '../../db/index.ts';
import type {
  AnswerChannel,
  Law,
  RequestChannel,
  RequesterKind,
  AccessDecision,
} from '../../db/schema/access-requests.ts';
import { validateCpr, validateCvr } from '../../identity/index.ts';
import { copenhagenDate, type MessageKey } from '../../i18n/index.ts';
import { visibleCases, type Actor } from '../../policy/index.ts';
import { createCase, emptyCaseInput } from '../cases/index.ts';
import { letterOfDocument, type LetterListItem } from '../letters/index.ts';
import { fromLocalInput } from '../../i18n/local-input.ts';
import { CHANNELS, REQUESTER_KINDS, type ListFilter } from './constants.ts';
import { effectiveDeadline } from './deadlines.ts';
import { requesterParty } from './requester.ts';

export type { ListFilter };

/**
 * Access requests (aktindsigt): registration, the lists and the request page's model, and the
 * mark the answer package leaves when it is sent.
 *
 * Registration is ONE transaction: createCase already joins an outer transaction (writeTransaction
 * runs the callback in the transaction it is given), so the AKT case, the request row, its cases,
 * the case relations, a row per journalised document and the audit entries are written together
 * or not at all — no compensation step is needed.
 */

export const DEADLINE_WORKING_DAYS = 7;

/** A party's request follows Forvaltningsloven, anyone else's Offentlighedsloven. */
export const lawFor = (kind: RequesterKind): Law => (kind === 'party' ? 'fvl' : 'offl');

/**
 * How the AKT case is classified: KLE 00.07.03 "Partens aktindsigt" for a party's request,
 * 00.07.00 "Forvaltningsprincipper i almindelighed" for one under Offentlighedsloven; facet G01.
 */
export const AKT_CLASSIFICATION: Record<Law, { kle: string; facet: string }> = {
  fvl: { kle: '00.07.03', facet: 'G01' },
  offl: { kle: '00.07.00', facet: 'G01' },
};

export interface RequestInput {
  kind: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  cpr: string;
  cvr: string;
  channel: string;
  /** As the form sends it (datetime-local, Copenhagen time) or an ISO instant. */
  receivedAt: string;
  asksFor: string;
  /** Case numbers, separated by commas, spaces or lines. */
  caseNumbers: string;
  confidential: boolean;
}

export type RequestField = keyof RequestInput;
export type RequestErrors = Partial<Record<RequestField, MessageKey>>;

export const emptyRequestInput = (over: Partial<RequestInput> = {}): RequestInput => ({
  kind: 'citizen',
  name: '',
  email: '',
  phone: '',
  address: '',
  cpr: '',
  cvr: '',
  channel: 'email',
  receivedAt: '',
  asksFor: '',
  caseNumbers: '',
  confidential: false,
  ...over,
});

const clean = (s: string | undefined) => (s ?? '').trim();
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface ValidRequest {
  kind: RequesterKind;
  law: Law;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  cpr: string | null;
  cvr: string | null;
  channel: RequestChannel;
  receivedAt: string;
  asksFor: string;
  cases: Array<{ id: number; number: string; unit_id: number; confidential: number }>;
  confidential: boolean;
}

async function validateRequest(
  database: Database,
  input: RequestInput,
  actor: Actor,
  now: Date,
): Promise<{ ok: true; value: ValidRequest } | { ok: false; errors: RequestErrors }> {
  const errors: RequestErrors = {};
  const kind = clean(input.kind) as RequesterKind;
  if (!REQUESTER_KINDS.includes(kind)) errors.kind = 'akt.error.kind';
  const name = clean(input.name);
  if (!name) errors.name = 'akt.error.name';
  else if (name.length > 200) errors.name = 'akt.error.tooLong';
  const email = clean(input.email) || null;
  if (email && (!EMAIL.test(email) || email.length > 200)) errors.email = 'akt.error.email';
  const phone = clean(input.phone).slice(0, 40) || null;
  const address = clean(input.address).slice(0, 300) || null;
  if (!email && !address && !phone) errors.email = 'akt.error.contact';
  let cpr: string | null = null;
  if (clean(input.cpr)) {
    const r = validateCpr(clean(input.cpr), now);
    if (!r.ok) errors.cpr = 'akt.error.cpr';
    else cpr = r.cpr;
  }
  let cvr: string | null = null;
  if (clean(input.cvr)) {
    const r = validateCvr(clean(input.cvr));
    if (!r.ok) errors.cvr = 'akt.error.cvr';
    else cvr = r.cvr;
  }
  const channel = clean(input.channel) as RequestChannel;
  if (!CHANNELS.includes(channel)) errors.channel = 'akt.error.channel';
  const receivedAt = clean(input.receivedAt) ? fromLocalInput(clean(input.receivedAt)) : now.toISOString();
  if (!receivedAt) errors.receivedAt = 'akt.error.receivedAt';
  else if (Date.parse(receivedAt) > now.getTime() + 5 * 60_000) errors.receivedAt = 'akt.error.receivedFuture';
  const asksFor = clean(input.asksFor);
  if (!asksFor) errors.asksFor = 'akt.error.asksFor';
  else if (asksFor.length > 5000) errors.asksFor = 'akt.error.tooLong';

  const numbers = [
    ...new Set(
      clean(input.caseNumbers)
        .split(/[\s,;]+/)
        .filter(Boolean),
    ),
  ].slice(0, 50);
  let cases: ValidRequest['cases'] = [];
  if (!numbers.length) errors.caseNumbers = 'akt.error.cases';
  else {
    // Only cases the registering user may see: a case they cannot see is "not found", as anywhere.
    cases = await database.db
      .selectFrom('cases')
      .select(['cases.id', 'cases.number', 'cases.unit_id', 'cases.confidential'])
      .where('cases.number', 'in', numbers)
      .where(visibleCases(actor))
      .execute();
    if (cases.length !== numbers.length) errors.caseNumbers = 'akt.error.caseNotFound';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind,
      law: lawFor(kind),
      name,
      email,
      phone,
      address,
      cpr,
      cvr,
      channel,
      receivedAt: receivedAt!,
      asksFor,
      cases,
      // A request about a confidential case is confidential itself (it names the case and its documents).
      confidential: input.confidential || cases.some((c) => c.confidential === 1),
    },
  };
}

const shortTitle = (s: string) => {
  const line = s.split('\n')[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
};

/**
 * Registers a request: creates its AKT case, the request row (or fills in a request that came in
 * with the public form, `existingId`, keeping its time of receipt), its cases, the relations AKT ↔
 * case, one row per journalised document of those cases (undecided, on the current version), and
 * the requester as a party of the AKT case when they gave a CPR or CVR number.
 */
export async function registerRequest(
  database: Database,
  input: RequestInput,
  actor: Actor & AuditActor,
  opts: { ip?: string | null; now?: Date; existingId?: number } = {},
): Promise<{ ok: true; id: number; caseId: number; number: string } | { ok: false; errors: RequestErrors }> {
  const now = opts.now ?? new Date();
  const existing = opts.existingId
    ? await database.db
        .selectFrom('access_requests')
        .selectAll()
        .where('id', '=', opts.existingId)
        .where('status', '=', 'new')
        .executeTakeFirst()
    : undefined;
  if (opts.existingId && !existing) return { ok: false, errors: { kind: 'akt.error.notNew' } };
  const checked = await validateRequest(
    database,
    existing ? { ...input, receivedAt: existing.received_at } : input,
    actor,
    now,
  );
  if (!checked.ok) return checked;
  const v = checked.value;
  const closing = await closingDays(database);
  const receivedOn = existing?.received_on ?? copenhagenDate(new Date(v.receivedAt));
  const deadline = addWorkingDays(receivedOn, DEADLINE_WORKING_DAYS, closing);
  const cls = AKT_CLASSIFICATION[v.law];

  return writeTransaction(database, async (tx) => {
    const kase = await createCase(
      tx,
      emptyCaseInput({
        type: 'access_request',
        title: `Aktindsigt: ${shortTitle(v.asksFor)}`,
        description: v.asksFor,
        kleNumber: cls.kle,
        facetCode: cls.facet,
        unitId: String(actor.orgUnitId ?? v.cases[0]!.unit_id),
        confidential: v.confidential,
      }),
      actor,
      { ip: opts.ip, at: now },
    );
    if (!kase.ok) throw new Error(`AKT case refused: ${JSON.stringify(kase.errors)}`);
    const at = now.toISOString();
    // A requester with a CPR or CVR number is a party of the AKT case: letters go to parties.
    const aktRow = await tx.db.selectFrom('cases').selectAll().where('id', '=', kase.id).executeTakeFirstOrThrow();
    await requesterParty(
      tx,
      {
        requester_name: v.name,
        requester_cpr: v.cpr,
        requester_cvr: v.cvr,
        requester_address: v.address,
        requester_email: v.email,
        requester_phone: v.phone,
      },
      aktRow,
      actor,
      { ip: opts.ip },
    );
    const values = {
      case_id: kase.id,
      status: 'open' as const,
      requester_kind: v.kind,
      law: v.law,
      requester_name: v.name,
      requester_email: v.email,
      requester_phone: v.phone,
      requester_address: v.address,
      requester_cpr: v.cpr,
      requester_cvr: v.cvr,
      channel: v.channel,
      asks_for: v.asksFor,
      deadline,
      caseworker_id: actor.id,
      updated_at: at,
    };
    let id: number;
    if (existing) {
      id = existing.id;
      await tx.db.updateTable('access_requests').set(values).where('id', '=', id).execute();
    } else {
      ({ id } = await tx.db
        .insertInto('access_requests')
        .values({
          ...values,
          received_at: v.receivedAt,
          received_on: receivedOn,
          created_at: at,
          created_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow());
    }
    await tx.db
      .insertInto('access_request_cases')
      .values(v.cases.map((c) => ({ request_id: id, case_id: c.id })))
      .execute();
    for (const c of v.cases) {
      for (const [a, b] of [
        [kase.id, c.id],
        [c.id, kase.id],
      ] as const) {
        await tx.db
          .insertInto('case_relations')
          .values({ case_id: a, related_id: b, created_at: at, created_by: actor.id })
          .onConflict((oc) => oc.columns(['case_id', 'related_id']).doNothing())
          .execute();
      }
    }
    const docs = await tx.db
      .selectFrom('documents')
      .select(['id', 'current_version'])
      .where(
        'case_id',
        'in',
        v.cases.map((c) => c.id),
      )
      .where('journalised_at', 'is not', null)
      .orderBy('id')
      .execute();
    if (docs.length)
      await tx.db
        .insertInto('access_request_documents')
        .values(docs.map((d) => ({ request_id: id, document_id: d.id, version: d.current_version })))
        .execute();
    await appendAudit(tx, {
      actor,
      action: 'accessRequest.register',
      entityType: 'case',
      entityId: kase.id,
      summary: `Registered access request ${kase.number} (${v.law}) about ${v.cases.map((c) => c.number).join(', ')}`,
      details: {
        request: id,
        number: kase.number,
        kind: v.kind,
        law: v.law,
        channel: v.channel,
        cases: v.cases.map((c) => c.number).join(', '),
        documents: docs.length,
        deadline,
        fromForm: !!existing,
      },
      ip: opts.ip ?? null,
    });
    for (const c of v.cases)
      await appendAudit(tx, {
        actor,
        action: 'accessRequest.linked',
        entityType: 'case',
        entityId: c.id,
        summary: `Access request ${kase.number} asks for documents in ${c.number}`,
        details: { request: id, number: kase.number },
        ip: opts.ip ?? null,
      });
    return { ok: true as const, id, caseId: kase.id, number: kase.number };
  });
}

/** A request sent with the public form: waits with status `new` and no case until registered. */
export async function receiveFormRequest(
  database: Database,
  r: { kind: RequesterKind; name: string; email: string | null; address?: string | null; asksFor: string; at?: Date },
  opts: { ip?: string | null } = {},
): Promise<{ id: number; receivedOn: string; deadline: string }> {
  const at = (r.at ?? new Date()).toISOString();
  const receivedOn = copenhagenDate(new Date(at));
  const deadline = addWorkingDays(receivedOn, DEADLINE_WORKING_DAYS, await closingDays(database));
  return writeTransaction(database, async (tx) => {
    const { id } = await tx.db
      .insertInto('access_requests')
      .values({
        case_id: null,
        status: 'new',
        requester_kind: r.kind,
        law: lawFor(r.kind),
        requester_name: r.name,
        requester_email: r.email,
        requester_phone: null,
        requester_address: r.address ?? null,
        requester_cpr: null,
        requester_cvr: null,
        channel: 'form',
        received_at: at,
        received_on: receivedOn,
        asks_for: r.asksFor,
        deadline,
        created_at: at,
        created_by: null,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: null,
      action: 'accessRequest.received',
      entityType: 'access_request',
      entityId: id,
      summary: `Access request received with the public form`,
      details: { request: id, kind: r.kind },
      ip: opts.ip ?? null,
    });
    return { id: Number(id), receivedOn, deadline };
  });
}

/**
 * Marks a request answered (by the answer package, journalised as `documentId`). Only an open or
 * new request is marked: false when it was answered or withdrawn meanwhile, so the caller sends
 * nothing twice. Joins the caller's transaction (the answer package's); opens one when called on
 * its own.
 */
export async function markAnswered(
  database: Database,
  requestId: number,
  a: { channel: AnswerChannel; documentId: number; by: AuditActor; at?: Date },
): Promise<boolean> {
  return writeTransaction(database, async (tx) => {
    const at = (a.at ?? new Date()).toISOString();
    const row = await tx.db
      .selectFrom('access_requests')
      .select(['case_id', 'status'])
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    const marked = await tx.db
      .updateTable('access_requests')
      .set({
        status: 'answered',
        answered_at: at,
        answered_by: a.by.id,
        answer_channel: a.channel,
        answer_document_id: a.documentId,
        updated_at: at,
      })
      .where('id', '=', requestId)
      .where('status', 'not in', ['answered', 'withdrawn'])
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) return false;
    await appendAudit(tx, {
      actor: a.by,
      action: 'accessRequest.answered',
      entityType: row.case_id ? 'case' : 'access_request',
      entityId: row.case_id ?? requestId,
      summary: `Access request answered by ${a.channel}`,
      details: { request: requestId, channel: a.channel, document: a.documentId },
    });
    return true;
  });
}

export interface RequestListItem {
  id: number;
  caseId: number | null;
  number: string | null;
  status: 'new' | 'open' | 'answered' | 'withdrawn';
  requesterName: string;
  requesterKind: RequesterKind;
  law: Law;
  asksFor: string;
  receivedAt: string;
  deadline: string;
  extendedDeadline: string | null;
  caseworkerName: string | null;
}

/** The requests the user may see (through their AKT case; new ones for those who register them). */
export async function listRequests(
  database: Database,
  actor: Actor,
  filter: ListFilter,
  opts: { today?: string; canManage: boolean; limit?: number },
): Promise<RequestListItem[]> {
  const today = opts.today ?? copenhagenDate(new Date());
  let q = database.db
    .selectFrom('access_requests')
    .leftJoin('cases', 'cases.id', 'access_requests.case_id')
    .leftJoin('users', 'users.id', 'access_requests.caseworker_id')
    .select([
      'access_requests.id',
      'access_requests.case_id',
      'cases.number',
      'access_requests.status',
      'access_requests.requester_name',
      'access_requests.requester_kind',
      'access_requests.law',
      'access_requests.asks_for',
      'access_requests.received_at',
      'access_requests.deadline',
      'access_requests.extended_deadline',
      'users.display_name as caseworker_name',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('access_requests.case_id', 'is not', null), visibleCases(actor)(eb as never)]),
        ...(opts.canManage ? [eb('access_requests.case_id', 'is', null)] : []),
      ]),
    );
  if (filter === 'open' || filter === 'mine' || filter === 'overdue')
    q = q.where('access_requests.status', '=', 'open');
  if (filter === 'mine') q = q.where('access_requests.caseworker_id', '=', actor.id);
  if (filter === 'overdue')
    q = q.where((eb) =>
      eb(eb.fn.coalesce('access_requests.extended_deadline', 'access_requests.deadline'), '<', today),
    );
  if (filter === 'new') q = q.where('access_requests.status', '=', 'new');
  if (filter === 'answered') q = q.where('access_requests.status', '=', 'answered');
  const rows = await q
    .orderBy(
      filter === 'answered' ? 'access_requests.answered_at' : 'access_requests.deadline',
      filter === 'answered' ? 'desc' : 'asc',
    )
    .orderBy('access_requests.id')
    .limit(opts.limit ?? 200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    number: r.number,
    status: r.status,
    requesterName: r.requester_name,
    requesterKind: r.requester_kind,
    law: r.law,
    asksFor: r.asks_for,
    receivedAt: r.received_at,
    deadline: r.deadline,
    extendedDeadline: r.extended_deadline,
    caseworkerName: r.caseworker_name,
  }));
}

export interface RequestDocumentItem {
  itemId: number;
  documentId: number;
  caseId: number;
  caseNumber: string;
  number: number | null;
  title: string;
  documentDate: string;
  version: number;
  decision: AccessDecision | null;
  bases: string[];
}

export interface RequestPageModel {
  cases: Array<{ id: number; number: string; title: string }>;
  /** Linked cases the reader may not see (counted, never named). */
  hiddenCases: number;
  documents: RequestDocumentItem[];
  caseworkerName: string | null;
  extensionDocument: { id: number; title: string } | null;
  /** The fristbrev as a letter (Digital Post or remote print), with its delivery status; null when it went otherwise. */
  extensionLetter: Pick<LetterListItem, 'channel' | 'delivery'> | null;
  /** The answer as a letter (Digital Post or remote print), with its delivery status. */
  answerLetter: Pick<LetterListItem, 'channel' | 'delivery'> | null;
}

/** The request page's model, for a reader: linked cases and documents only where they may see the case. */
export async function loadRequestPage(
  database: Database,
  actor: Actor,
  row: {
    id: number;
    caseworker_id: string | null;
    extension_document_id: number | null;
    answer_document_id: number | null;
  },
): Promise<RequestPageModel> {
  const all = await database.db
    .selectFrom('access_request_cases')
    .innerJoin('cases', 'cases.id', 'access_request_cases.case_id')
    .select(['cases.id'])
    .where('access_request_cases.request_id', '=', row.id)
    .execute();
  const cases = await database.db
    .selectFrom('access_request_cases')
    .innerJoin('cases', 'cases.id', 'access_request_cases.case_id')
    .select(['cases.id', 'cases.number', 'cases.title'])
    .where('access_request_cases.request_id', '=', row.id)
    .where(visibleCases(actor))
    .orderBy('cases.number')
    .execute();
  const visible = cases.map((c) => c.id);
  const docs = visible.length
    ? await database.db
        .selectFrom('access_request_documents as i')
        .innerJoin('documents as d', 'd.id', 'i.document_id')
        .innerJoin('cases as c', 'c.id', 'd.case_id')
        .select([
          'i.id as item_id',
          'd.id as document_id',
          'c.id as case_id',
          'c.number as case_number',
          'd.number',
          'd.title',
          'd.document_date',
          'i.version',
          'i.decision',
        ])
        .where('i.request_id', '=', row.id)
        .where('c.id', 'in', visible)
        .orderBy('c.number')
        .orderBy('d.number')
        .orderBy('d.id')
        .execute()
    : [];
  const bases = docs.length
    ? await database.db
        .selectFrom('access_request_document_bases as b')
        .innerJoin('legal_bases as l', 'l.id', 'b.legal_basis_id')
        .select(['b.item_id', 'l.law', 'l.section'])
        .where(
          'b.item_id',
          'in',
          docs.map((d) => d.item_id),
        )
        .orderBy('l.position')
        .execute()
    : [];
  const [worker, ext, letter, answerLetter] = await Promise.all([
    row.caseworker_id
      ? database.db.selectFrom('users').select('display_name').where('id', '=', row.caseworker_id).executeTakeFirst()
      : Promise.resolve(undefined),
    row.extension_document_id
      ? database.db
          .selectFrom('documents')
          .select(['id', 'title'])
          .where('id', '=', row.extension_document_id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    row.extension_document_id ? letterOfDocument(database, row.extension_document_id) : Promise.resolve(null),
    row.answer_document_id ? letterOfDocument(database, row.answer_document_id) : Promise.resolve(null),
  ]);
  return {
    cases,
    hiddenCases: all.length - cases.length,
    documents: docs.map((d) => ({
      itemId: d.item_id,
      documentId: d.document_id,
      caseId: d.case_id,
      caseNumber: d.case_number,
      number: d.number,
      title: d.title,
      documentDate: d.document_date,
      version: d.version,
      decision: d.decision,
      bases: bases
        .filter((b) => b.item_id === d.item_id)
        .map((b) => `${b.law === 'fvl' ? 'fvl.' : 'offl.'} ${b.section}`),
    })),
    caseworkerName: worker?.display_name ?? null,
    extensionDocument: ext ?? null,
    extensionLetter: letter ? { channel: letter.channel, delivery: letter.delivery } : null,
    answerLetter: answerLetter ? { channel: answerLetter.channel, delivery: answerLetter.delivery } : null,
  };
}

/** The requests a case is part of, as the AKT case or as a case asked about (the case page's section). */
export async function requestsForCase(database: Database, actor: Actor, caseId: number) {
  return (
    database.db
      .selectFrom('access_requests')
      .innerJoin('cases', 'cases.id', 'access_requests.case_id')
      .select([
        'access_requests.id',
        'access_requests.case_id',
        'access_requests.status',
        'access_requests.deadline',
        'access_requests.extended_deadline',
        'cases.number',
      ])
      .where((eb) =>
        eb.or([
          eb('access_requests.case_id', '=', caseId),
          eb.exists(
            eb
              .selectFrom('access_request_cases')
              .select('access_request_cases.case_id')
              .whereRef('access_request_cases.request_id', '=', 'access_requests.id')
              .where('access_request_cases.case_id', '=', caseId),
          ),
        ]),
      )
      // Only requests whose AKT case the reader may see: a confidential request stays hidden.
      .where(visibleCases(actor))
      .orderBy('access_requests.id', 'desc')
      .limit(50)
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, due: effectiveDeadline(r), isAkt: r.case_id === caseId })))
  );
}
