/**
 * The public post list (postliste): journalised incoming and outgoing documents that staff have
 * marked for it, published week by week on a public page, and the form on it with which anyone
 * can ask for access to a document.
 *
 * What is shown, and why (docs/access-requests.md): per document the date it was journalised, the
 * case number, the case's KLE subject (the plan's title, e.g. "Byggetilladelse"), the post-list
 * title staff wrote for it, and its direction. Never the document's own title, sender or
 * recipient, nor the case's title: those often hold names, addresses or CPR numbers. The
 * post-list title is checked for CPR numbers when it is set. Documents on confidential cases are
 * never listed, whatever their mark says.
 *
 * A week (ISO 8601, Monday to Sunday, Copenhagen dates) is published on the Monday after it: the
 * page never shows the running week, and a document journalised today appears next Monday.
 */
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import { addDays } from '../../calendar/workdays.ts';
import { nowIso, writeTransaction, type Database } from '../../db/index.ts';
import type { RequesterKind } from '../../db/schema/access-requests.ts';
import { copenhagenDate, startOfCopenhagenDay, type MessageKey } from '../../i18n/index.ts';
import type { CaseRow } from '../cases/index.ts';
import { receiveFormRequest } from '../access-requests/index.ts';

// ---------------------------------------------------------------------------------------------
// ISO weeks

export interface IsoWeek {
  year: number;
  week: number;
  /** yyyy-mm-dd of its Monday and Sunday. */
  monday: string;
  sunday: string;
  /** "2026-W47". */
  key: string;
}

const dayOfWeek = (date: string) => (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday 0

/** The ISO week a Copenhagen date falls in. */
export function isoWeekOf(date: string): IsoWeek {
  const monday = addDays(date, -dayOfWeek(date));
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const jan4 = `${year}-01-04`;
  const firstMonday = addDays(jan4, -dayOfWeek(jan4));
  const week =
    Math.round((Date.parse(`${monday}T12:00:00Z`) - Date.parse(`${firstMonday}T12:00:00Z`)) / (7 * 86400_000)) + 1;
  return { year, week, monday, sunday: addDays(monday, 6), key: `${year}-W${String(week).padStart(2, '0')}` };
}

/** "2026-W07" → the week; null when it is not a real ISO week. */
export function parseIsoWeek(key: string): IsoWeek | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  const jan4 = `${year}-01-04`;
  const monday = addDays(addDays(jan4, -dayOfWeek(jan4)), (week - 1) * 7);
  const found = isoWeekOf(monday);
  return week >= 1 && found.year === year && found.week === week ? found : null;
}

/** Whether the week has been published at `now`: its Sunday has passed in Copenhagen. */
export function isPublished(week: IsoWeek, now: Date): boolean {
  return copenhagenDate(now) > week.sunday;
}

// ---------------------------------------------------------------------------------------------
// The public list

export interface PostlistEntry {
  documentId: number;
  /** The Copenhagen date it was journalised. */
  date: string;
  caseNumber: string;
  /** The KLE subject's title (the case's classification), instead of the case's own title. */
  subject: string;
  title: string;
  direction: 'incoming' | 'outgoing';
}

/** The documents on the post list, journalised from `from` up to (not including) `to` (instants). */
function listed(database: Database) {
  return database.db
    .selectFrom('documents as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .leftJoin('kle_subjects as k', 'k.number', 'c.kle_number')
    .select([
      'd.id',
      'd.journalised_at',
      'd.postlist_title',
      'd.direction',
      'c.number as case_number',
      'c.kle_number',
      'k.title as subject',
    ])
    .where('d.on_postlist', '=', 1)
    .where('d.postlist_title', 'is not', null)
    .where('d.journalised_at', 'is not', null)
    .where('d.direction', 'in', ['incoming', 'outgoing'])
    .where('c.confidential', '=', 0);
}

/** The published weeks that have documents, newest first (at most `limit`). */
export async function publishedWeeks(
  database: Database,
  now: Date,
  limit = 52,
): Promise<Array<IsoWeek & { count: number }>> {
  const current = isoWeekOf(copenhagenDate(now));
  const before = startOfCopenhagenDay(current.monday).toISOString();
  const rows = await listed(database)
    .where('d.journalised_at', '<', before)
    .orderBy('d.journalised_at', 'desc')
    .execute();
  const weeks = new Map<string, IsoWeek & { count: number }>();
  for (const r of rows) {
    const w = isoWeekOf(copenhagenDate(new Date(r.journalised_at!)));
    const known = weeks.get(w.key);
    if (known) known.count++;
    else if (weeks.size < limit) weeks.set(w.key, { ...w, count: 1 });
  }
  return [...weeks.values()];
}

/** One published week's entries, oldest first; null for a week not published yet. */
export async function weekEntries(database: Database, week: IsoWeek, now: Date): Promise<PostlistEntry[] | null> {
  if (!isPublished(week, now)) return null;
  const rows = await listed(database)
    .where('d.journalised_at', '>=', startOfCopenhagenDay(week.monday).toISOString())
    .where('d.journalised_at', '<', startOfCopenhagenDay(addDays(week.sunday, 1)).toISOString())
    .orderBy('d.journalised_at')
    .orderBy('d.id')
    .execute();
  return rows.map(toEntry);
}

type ListedRow = Awaited<ReturnType<ReturnType<typeof listed>['execute']>>[number];

function toEntry(r: ListedRow): PostlistEntry {
  return {
    documentId: Number(r.id),
    date: copenhagenDate(new Date(r.journalised_at!)),
    caseNumber: r.case_number,
    subject: r.subject ?? r.kle_number,
    title: r.postlist_title!,
    direction: r.direction as 'incoming' | 'outgoing',
  };
}

/** One document as the public may see it: only when it is on a published week of the list. */
export async function publicEntry(database: Database, documentId: number, now: Date): Promise<PostlistEntry | null> {
  const r = await listed(database).where('d.id', '=', documentId).executeTakeFirst();
  if (!r) return null;
  const entry = toEntry(r);
  return isPublished(isoWeekOf(entry.date), now) ? entry : null;
}

// ---------------------------------------------------------------------------------------------
// Marking documents

/** Ten digits that read as a CPR number (ddmmyy-xxxx, with or without the dash or a space). */
const CPR_LIKE = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[-\s]?\d{4}(?!\d)/;

export function looksLikeCpr(text: string): boolean {
  return CPR_LIKE.test(text);
}

export type MarkError = Extract<
  MessageKey,
  | 'postlist.error.title'
  | 'postlist.error.titleLong'
  | 'postlist.error.cpr'
  | 'postlist.error.notJournalised'
  | 'postlist.error.direction'
>;

export interface MarkableDocument {
  id: number;
  title: string;
  direction: string;
  journalised_at: string | null;
  on_postlist: number;
  postlist_title: string | null;
}

/** Puts a journalised incoming or outgoing document on the post list under a title, or takes it off. */
export async function setPostlist(
  database: Database,
  kase: CaseRow,
  doc: MarkableDocument,
  input: { on: boolean; title: string },
  actor: AuditActor,
  ip?: string | null,
): Promise<{ ok: true } | { ok: false; field: 'postlistTitle'; error: MarkError }> {
  const title = input.title.trim().replace(/\s+/g, ' ');
  if (input.on) {
    if (!doc.journalised_at) return { ok: false, field: 'postlistTitle', error: 'postlist.error.notJournalised' };
    if (doc.direction !== 'incoming' && doc.direction !== 'outgoing')
      return { ok: false, field: 'postlistTitle', error: 'postlist.error.direction' };
    if (!title) return { ok: false, field: 'postlistTitle', error: 'postlist.error.title' };
    if (title.length > 200) return { ok: false, field: 'postlistTitle', error: 'postlist.error.titleLong' };
    if (looksLikeCpr(title)) return { ok: false, field: 'postlistTitle', error: 'postlist.error.cpr' };
  }
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('documents')
      .set({
        on_postlist: input.on ? 1 : 0,
        postlist_title: input.on ? title : doc.postlist_title,
        updated_at: nowIso(),
      })
      .where('id', '=', doc.id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: input.on ? 'document.postlist.add' : 'document.postlist.remove',
      entityType: 'case',
      entityId: kase.id,
      summary: input.on
        ? `Put document ${doc.id} of ${kase.number} on the post list as "${title}"`
        : `Took document ${doc.id} of ${kase.number} off the post list`,
      details: { document: doc.id, title: input.on ? title : null },
      ip: ip ?? null,
    });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// The public request form

export const PUBLIC_KINDS = ['citizen', 'company', 'journalist', 'other'] as const satisfies readonly RequesterKind[];

export interface PublicRequestInput {
  name: string;
  email: string;
  kind: string;
  asksFor: string;
}

export type PublicRequestErrors = Partial<Record<keyof PublicRequestInput, MessageKey>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validatePublicRequest(input: PublicRequestInput): PublicRequestErrors {
  const errors: PublicRequestErrors = {};
  if (!input.name.trim()) errors.name = 'postlist.request.error.name';
  else if (input.name.trim().length > 200) errors.name = 'postlist.request.error.long';
  if (!EMAIL.test(input.email.trim()) || input.email.trim().length > 254) errors.email = 'postlist.request.error.email';
  if (!(PUBLIC_KINDS as readonly string[]).includes(input.kind)) errors.kind = 'postlist.request.error.kind';
  if (!input.asksFor.trim()) errors.asksFor = 'postlist.request.error.asksFor';
  else if (input.asksFor.length > 5000) errors.asksFor = 'postlist.request.error.long';
  return errors;
}

/**
 * Stores a request from the public form through the access-requests module: status `new`, no case
 * yet (staff register it), channel `form`, the deadline 7 working days from the Copenhagen date of
 * receipt.
 */
export function createPublicRequest(
  database: Database,
  input: PublicRequestInput,
  now: Date,
  ip?: string | null,
): Promise<{ id: number; receivedOn: string; deadline: string }> {
  return receiveFormRequest(
    database,
    {
      kind: input.kind as RequesterKind,
      name: input.name.trim(),
      email: input.email.trim(),
      asksFor: input.asksFor.trim(),
      at: now,
    },
    { ip },
  );
}

// ---------------------------------------------------------------------------------------------
// Abuse: at most a few requests an hour from one address

export const FORM_LIMIT = { perHour: 5 };

/**
 * Counts a submission from this address in `login_attempts` (the sign-in throttle's table, under
 * keys of our own: `postlist-form:<ip>`); false when the address has sent its share this hour.
 */
export async function allowSubmission(database: Database, ip: string, now: Date): Promise<boolean> {
  const key = `postlist-form:${ip}`;
  return writeTransaction(database, async (tx) => {
    const row = await tx.db.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst();
    const open = row && now.getTime() - new Date(row.window_start).getTime() < 60 * 60_000;
    const count = open ? row.failures + 1 : 1;
    if (open && row.failures >= FORM_LIMIT.perHour) return false;
    const windowStart = open ? row.window_start : now.toISOString();
    // Locked until the window ends, so the sign-in clean-up keeps the row that long.
    const lockedUntil =
      count >= FORM_LIMIT.perHour ? new Date(Date.parse(windowStart) + 60 * 60_000).toISOString() : null;
    await tx.db
      .insertInto('login_attempts')
      .values({ key, failures: count, window_start: windowStart, locked_until: lockedUntil })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ failures: count, window_start: windowStart, locked_until: lockedUntil }),
      )
      .execute();
    return true;
  });
}
