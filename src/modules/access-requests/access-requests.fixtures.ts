/**
 * Rows for the redaction, answer and post-list tests, inserted directly into the contract tables
 * (migrations/2026-12-01-0004-access-requests.ts). Used only by tests.
 */
import type { Database } from '../../db/index.ts';
import type { AccessDecision, Law, RequesterKind } from '../../db/schema/access-requests.ts';
import type { BlobStore } from '../../files/blobs.ts';

const AT = '2026-11-20T09:00:00.000Z';

/** A legal basis, reused when the law and section exist already (a seed may have made it). */
export async function addLegalBasis(database: Database, law: Law, section: string, title: string): Promise<number> {
  const found = await database.db
    .selectFrom('legal_bases')
    .select('id')
    .where('law', '=', law)
    .where('section', '=', section)
    .executeTakeFirst();
  if (found) return Number(found.id);
  const row = await database.db
    .insertInto('legal_bases')
    .values({ law, section, title, active: 1, position: 0, created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export interface TextDocument {
  title: string;
  text: string | null;
  direction?: 'incoming' | 'outgoing' | 'internal';
  documentDate?: string;
  sender?: string | null;
  recipient?: string | null;
  /** The stored file; a plain-text file of `text` when absent. */
  file?: { bytes: Buffer; mime: string; filename: string };
  journalised?: boolean;
  journalisedAt?: string;
}

/** A document with one version (its text as extracted) on a case. */
export async function addTextDocument(
  database: Database,
  blobs: BlobStore,
  caseId: number,
  d: TextDocument,
): Promise<{ id: number; sha: string }> {
  const file = d.file ?? { bytes: Buffer.from(d.text ?? '', 'utf8'), mime: 'text/plain', filename: 'dokument.txt' };
  const sha = await blobs.put(database, file.bytes);
  const numbered = d.journalised !== false;
  const last = await database.db
    .selectFrom('documents')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  const doc = await database.db
    .insertInto('documents')
    .values({
      case_id: caseId,
      number: numbered ? Number(last?.n ?? 0) + 1 : null,
      title: d.title,
      kind: 'file',
      direction: d.direction ?? 'incoming',
      document_date: d.documentDate ?? '2026-11-02',
      sender: d.sender ?? null,
      recipient: d.recipient ?? null,
      parent_id: null,
      current_version: 1,
      journalised_at: numbered ? (d.journalisedAt ?? AT) : null,
      journalised_by: null,
      finalised_at: null,
      finalised_by: null,
      created_at: AT,
      created_by: null,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('document_versions')
    .values({
      document_id: Number(doc.id),
      version: 1,
      blob_sha256: sha,
      filename: file.filename,
      mime: file.mime,
      size: file.bytes.length,
      text_status: d.text == null ? 'empty' : 'extracted',
      text_content: d.text,
      rendition_sha256: null,
      rendition_status: 'not_needed',
      locked: 0,
      note: null,
      created_at: AT,
      created_by: null,
    })
    .execute();
  return { id: Number(doc.id), sha };
}

export interface RequestFixture {
  caseId: number | null;
  status?: 'new' | 'open' | 'answered' | 'withdrawn';
  kind?: RequesterKind;
  name?: string;
  email?: string | null;
  cpr?: string | null;
  cvr?: string | null;
  address?: string | null;
  deadline?: string;
  askedCases?: number[];
}

export async function addRequest(database: Database, r: RequestFixture): Promise<number> {
  const row = await database.db
    .insertInto('access_requests')
    .values({
      case_id: r.caseId,
      status: r.status ?? 'open',
      requester_kind: r.kind ?? 'citizen',
      law: r.kind === 'party' ? 'fvl' : 'offl',
      requester_name: r.name ?? 'Bente Bruun',
      requester_email: r.email === undefined ? 'bente@example.org' : r.email,
      requester_phone: null,
      requester_address: r.address ?? 'Havnegade 4, 4000 Roskilde',
      requester_cpr: r.cpr ?? null,
      requester_cvr: r.cvr ?? null,
      channel: 'email',
      received_at: AT,
      received_on: '2026-11-20',
      asks_for: 'Aktindsigt i sagens dokumenter',
      deadline: r.deadline ?? '2026-12-01',
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  for (const caseId of r.askedCases ?? [])
    await database.db.insertInto('access_request_cases').values({ request_id: id, case_id: caseId }).execute();
  return id;
}

/** A decision item on a document (version 1), with its legal bases. */
export async function addItem(
  database: Database,
  requestId: number,
  documentId: number,
  decision: AccessDecision | null,
  bases: number[] = [],
  reason: string | null = null,
): Promise<number> {
  const row = await database.db
    .insertInto('access_request_documents')
    .values({
      request_id: requestId,
      document_id: documentId,
      version: 1,
      decision,
      reason,
      extraction: null,
      meroffentlighed: 0,
      meroffentlighed_note: null,
      decided_at: decision ? AT : null,
      decided_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  for (const b of bases)
    await database.db.insertInto('access_request_document_bases').values({ item_id: id, legal_basis_id: b }).execute();
  return id;
}

/** A case made through the app's own form (POST /cases) by a signed-in caseworker; returns its id. */
export async function makeCase(
  post: (path: string, form: Record<string, string>, opts: { cookie: string }) => Promise<Response>,
  cookie: string,
  unitId: number,
  extra: Record<string, string> = {},
): Promise<number> {
  const res = await post(
    '/cases',
    {
      type: 'subject',
      title: 'Byggesag Østergade 12',
      kleNumber: '02.34.02',
      facetCode: 'P20',
      unitId: String(unitId),
      ...extra,
    },
    { cookie },
  );
  const location = res.headers.get('location');
  if (res.status !== 303 || !location) throw new Error(`Could not make a case: ${res.status} ${await res.text()}`);
  return Number(location.split('/').pop());
}

/** The unit of a demo account (the unit its cases are made in). */
export async function unitOf(database: Database, username: string): Promise<number> {
  const row = await database.db
    .selectFrom('users')
    .select('org_unit_id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.org_unit_id!;
}
