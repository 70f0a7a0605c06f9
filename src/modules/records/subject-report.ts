import { audit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import type { CaseStatus, CaseType } from '../../db/schema.ts';
import { maskCpr, validateCpr, validateCvr } from '../../identity/index.ts';
import type { MessageKey } from '../../i18n/index.ts';

/**
 * The data subject's report (GDPR art. 15, the right of access): for a CPR or CVR number, every
 * case the person or company is registered on, and every document on those cases.
 *
 * What counts as "on a case":
 * - a party of the case (case_parties.cpr / cvr, any role: party, representative, copy), which
 *   covers citizen and company cases, whose first party is the person or company;
 * - the requester of an access request (access_requests.requester_cpr / cvr): its AKT case.
 *
 * Every document on those cases is listed. Documents on other cases whose sender or recipient is
 * written exactly as one of the names the person or company is registered under are listed apart,
 * as possible matches for a person to check: sender and recipient are free text, so a name is a
 * clue, never proof (two people can share a name; one person can be written two ways).
 *
 * Confidential cases are included (the data subject has a right to them; exceptions under
 * databeskyttelsesloven § 22 are for the records manager to weigh), and the report says which.
 * Each search and each PDF is audit-logged with the reason, the masked number and the cases found.
 */

export type Subject = { kind: 'cpr'; number: string } | { kind: 'cvr'; number: string };

export type ParsedSubject = { ok: true; subject: Subject } | { ok: false; error: MessageKey };

/** A CPR number (10 digits, DDMMYY-XXXX) or a CVR number (8 digits), validated. */
export function parseSubject(input: string, today = new Date()): ParsedSubject {
  const digits = input.replace(/[\s-]/g, '').replace(/^DK/i, '');
  if (/^\d{10}$/.test(digits)) {
    const cpr = validateCpr(digits, today);
    if (!cpr.ok)
      return {
        ok: false,
        error: cpr.reason === 'future' ? 'records.report.error.cprFuture' : 'records.report.error.cpr',
      };
    return { ok: true, subject: { kind: 'cpr', number: cpr.cpr } };
  }
  if (/^\d{8}$/.test(digits)) {
    const cvr = validateCvr(digits);
    if (!cvr.ok) return { ok: false, error: 'records.report.error.cvr' };
    return { ok: true, subject: { kind: 'cvr', number: cvr.cvr } };
  }
  return { ok: false, error: 'records.report.error.number' };
}

/** The number as the audit log may hold it: a CPR number masked (DDMMYY-XXXX), a CVR number whole. */
export function loggedNumber(subject: Subject): string {
  return subject.kind === 'cpr' ? maskCpr(subject.number) : subject.number;
}

export interface ReportCase {
  id: number;
  number: string;
  title: string;
  type: CaseType;
  status: CaseStatus;
  confidential: boolean;
  kleNumber: string;
  createdAt: string;
  closedAt: string | null;
  /** How the subject is on the case: as a party (with role and name) or as a requester. */
  roles: Array<{ as: 'party' | 'representative' | 'copy' | 'requester'; name: string }>;
}

export interface ReportDocument {
  id: number;
  caseId: number;
  caseNumber: string;
  confidential: boolean;
  number: number | null;
  title: string;
  documentDate: string;
  direction: 'incoming' | 'outgoing' | 'internal';
  sender: string | null;
  recipient: string | null;
}

export interface SubjectReport {
  subject: Subject;
  /** The names the subject is registered under on the cases found. */
  names: string[];
  cases: ReportCase[];
  documents: ReportDocument[];
  /** Documents on other cases whose sender or recipient is one of `names`, to be checked by a person. */
  nameMatches: ReportDocument[];
  /** How many of the cases are confidential. */
  confidential: number;
  /** True when there were more name matches than NAME_MATCH_LIMIT. */
  nameMatchesCut: boolean;
}

export const NAME_MATCH_LIMIT = 200;
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function documentQuery(database: Database) {
  return database.db
    .selectFrom('documents')
    .innerJoin('cases', 'cases.id', 'documents.case_id')
    .select([
      'documents.id',
      'documents.case_id',
      'cases.number as case_number',
      'cases.confidential',
      'documents.number',
      'documents.title',
      'documents.document_date',
      'documents.direction',
      'documents.sender',
      'documents.recipient',
    ]);
}

type DocRow = {
  id: number;
  case_id: number;
  case_number: string;
  confidential: number;
  number: number | null;
  title: string;
  document_date: string;
  direction: 'incoming' | 'outgoing' | 'internal';
  sender: string | null;
  recipient: string | null;
};

function toDocument(r: DocRow): ReportDocument {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    confidential: !!r.confidential,
    number: r.number,
    title: r.title,
    documentDate: r.document_date,
    direction: r.direction,
    sender: r.sender,
    recipient: r.recipient,
  };
}

/** Gathers the report (no logging: the routes log each search and each PDF with its reason). */
export async function subjectReport(database: Database, subject: Subject): Promise<SubjectReport> {
  // Numbers are stored as validated (DDMMYY-XXXX, 8 digits); the bare digits are matched too.
  const forms = subject.kind === 'cpr' ? [subject.number, subject.number.replace('-', '')] : [subject.number];
  const parties = await database.db
    .selectFrom('case_parties')
    .select(['case_id', 'role', 'name'])
    .where(subject.kind === 'cpr' ? 'cpr' : 'cvr', 'in', forms)
    .execute();
  const requests = await database.db
    .selectFrom('access_requests')
    .select(['case_id', 'requester_name'])
    .where(subject.kind === 'cpr' ? 'requester_cpr' : 'requester_cvr', 'in', forms)
    .where('case_id', 'is not', null)
    .execute();
  const roles = new Map<number, ReportCase['roles']>();
  const addRole = (caseId: number, role: ReportCase['roles'][number]) => {
    const list = roles.get(caseId) ?? [];
    if (!list.some((r) => r.as === role.as && r.name === role.name)) list.push(role);
    roles.set(caseId, list);
  };
  for (const p of parties) addRole(p.case_id, { as: p.role, name: p.name });
  for (const r of requests) addRole(r.case_id!, { as: 'requester', name: r.requester_name });
  const names = [...new Set([...parties.map((p) => p.name), ...requests.map((r) => r.requester_name)])].sort((a, b) =>
    a.localeCompare(b, 'da'),
  );

  const ids = [...roles.keys()];
  const cases: ReportCase[] = [];
  const documents: ReportDocument[] = [];
  for (const part of chunks(ids)) {
    const rows = await database.db
      .selectFrom('cases')
      .select(['id', 'number', 'title', 'type', 'status', 'confidential', 'kle_number', 'created_at', 'closed_at'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows)
      cases.push({
        id: r.id,
        number: r.number,
        title: r.title,
        type: r.type,
        status: r.status,
        confidential: !!r.confidential,
        kleNumber: r.kle_number,
        createdAt: r.created_at,
        closedAt: r.closed_at,
        roles: roles.get(r.id) ?? [],
      });
    const docs = await documentQuery(database).where('documents.case_id', 'in', part).execute();
    documents.push(...docs.map(toDocument));
  }
  cases.sort((a, b) => a.number.localeCompare(b.number));
  documents.sort(
    (a, b) => a.caseNumber.localeCompare(b.caseNumber) || (a.number ?? 1e9) - (b.number ?? 1e9) || a.id - b.id,
  );

  let nameMatches: ReportDocument[] = [];
  if (names.length) {
    // The subject's own documents may match by name too: fetch enough to drop them and still fill the list.
    const rows = await documentQuery(database)
      .where((eb) => eb.or([eb('documents.sender', 'in', names), eb('documents.recipient', 'in', names)]))
      .orderBy('cases.number')
      .orderBy('documents.id')
      .limit(NAME_MATCH_LIMIT + 1 + documents.length)
      .execute();
    const own = new Set(ids);
    nameMatches = rows.filter((r) => !own.has(r.case_id)).map(toDocument);
  }
  const nameMatchesCut = nameMatches.length > NAME_MATCH_LIMIT;
  if (nameMatchesCut) nameMatches = nameMatches.slice(0, NAME_MATCH_LIMIT);
  return {
    subject,
    names,
    cases,
    documents,
    nameMatches,
    confidential: cases.filter((c) => c.confidential).length,
    nameMatchesCut,
  };
}

/** Writes the audit entry for a search (`records.subjectReport.search`) or a PDF (`records.subjectReport.pdf`). */
export async function logSubjectReport(
  database: Database,
  report: SubjectReport,
  what: 'search' | 'pdf',
  reason: string,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<void> {
  const number = loggedNumber(report.subject);
  const label = report.subject.kind === 'cpr' ? number : `CVR ${number}`;
  await audit(database, {
    actor,
    action: `records.subjectReport.${what}`,
    entityType: 'subject_report',
    entityId: number,
    summary: `${what === 'pdf' ? 'Downloaded the PDF of' : 'Made'} the data subject's report for ${label}: ${report.cases.length} cases, ${report.documents.length} documents`,
    details: {
      [report.subject.kind]: number,
      reason,
      count: report.cases.length,
      documents: report.documents.length,
      cases: report.cases.map((c) => c.number),
    },
    ip: opts.ip ?? null,
  });
}
