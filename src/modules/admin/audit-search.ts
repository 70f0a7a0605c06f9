import type { AuditQuery } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { containsText } from '../../db/sql.ts';
import type { AuditRow } from '../../db/schema.ts';
import { actionPhrase, AUDIT_ACTION_CODES, auditArea, objectLabel } from '../../i18n/audit-actions.ts';
import type { MessageKey, T } from '../../i18n/index.ts';
import { nextDay, startOfCopenhagenDay } from '../../i18n/index.ts';
import { describeEntry } from '../../../views/components/audit.ts';
import type { ViewContext } from '../../../views/context.ts';

/**
 * The audit page's search, from the words a person types to the log's query: a person by name or
 * username (found among the users, then matched by id on the indexed `actor_id`, or as the
 * object of entries about users), an action or a whole area, an object by kind and id (a case by
 * its number too), and a period in Copenhagen days. The same filter drives the page, its paging
 * and the CSV export.
 */

export type PersonRole = 'actor' | 'subject';

/** The filter as the form and the address carry it (strings, as typed). */
export interface AuditFilter {
  person: string;
  personRole: PersonRole;
  /** A person chosen from the matches: exact, wins over `person`. */
  personId: string;
  /** An action code, `area:<area>`, or the first part of codes (`session`). */
  action: string;
  entityType: string;
  /** An id, or for cases also the case number. */
  entityId: string;
  from: string;
  to: string;
}

export interface PersonMatch {
  id: string;
  username: string;
  name: string;
}

export const AUDIT_FILTER_FIELDS = [
  'person',
  'personRole',
  'personId',
  'action',
  'entityType',
  'entityId',
  'from',
  'to',
] as const satisfies ReadonlyArray<keyof AuditFilter>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter from a query string or a form; `actor` and `entity=type:id` are older addresses. */
export function parseAuditFilter(q: Record<string, unknown>): AuditFilter {
  const text = (k: string, max = 100) => (typeof q[k] === 'string' ? (q[k] as string) : '').trim().slice(0, max);
  const [legacyType, legacyId] = text('entity').split(':', 2) as [string, string | undefined];
  return {
    person: text('person') || text('actor'),
    personRole: text('personRole') === 'subject' ? 'subject' : 'actor',
    personId: text('personId'),
    action: text('action'),
    entityType: text('entityType') || legacyType,
    entityId: text('entityId') || (text('entityType') ? '' : (legacyId ?? '')),
    from: text('from', 20),
    to: text('to', 20),
  };
}

export function filterErrors(filter: AuditFilter): Partial<Record<'from' | 'to', MessageKey>> {
  const errors: Partial<Record<'from' | 'to', MessageKey>> = {};
  if (filter.from && !DATE.test(filter.from)) errors.from = 'audit.dateInvalid';
  if (filter.to && !DATE.test(filter.to)) errors.to = 'audit.dateInvalid';
  return errors;
}

/** Users whose name or username holds the text (at most `limit`, by name). */
export async function findPeople(database: Database, text: string, limit = 10): Promise<PersonMatch[]> {
  if (!text) return [];
  const rows = await database.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where((eb) => eb.or([containsText('username', text), containsText('display_name', text)]))
    .orderBy('display_name')
    .orderBy('username')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, username: r.username, name: r.display_name }));
}

async function personById(database: Database, id: string): Promise<PersonMatch | null> {
  const r = await database.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { id: r.id, username: r.username, name: r.display_name } : null;
}

/** The codes an action filter stands for: one code, an area's codes, or the codes under a first part. */
export function actionCodes(action: string): string[] {
  if (!action) return [];
  if (action.startsWith('area:')) {
    const area = action.slice(5);
    return AUDIT_ACTION_CODES.filter((c) => auditArea(c) === area);
  }
  if (AUDIT_ACTION_CODES.includes(action)) return [action];
  const under = AUDIT_ACTION_CODES.filter((c) => c.split('.', 1)[0] === action);
  return under.length ? under : [action];
}

export interface ResolvedFilter {
  query: AuditQuery;
  /** People whose name or username matched the typed text (to choose from). */
  people: PersonMatch[];
  /** The person the search is about, when one was chosen or exactly one matched. */
  person: PersonMatch | null;
  /** Something the search could not find (a case number): a message for the page. */
  notice: { key: MessageKey; params: Record<string, string> } | null;
}

/** From the filter as typed to the log's query. */
export async function resolveAuditFilter(database: Database, filter: AuditFilter): Promise<ResolvedFilter> {
  const query: AuditQuery = {};
  let notice: ResolvedFilter['notice'] = null;
  let people: PersonMatch[] = [];
  let person: PersonMatch | null = null;
  let personIds: string[] | null = null;
  if (filter.personId) {
    person = await personById(database, filter.personId);
    personIds = [filter.personId];
  } else if (filter.person) {
    people = await findPeople(database, filter.person);
    if (people.length === 1) person = people[0]!;
    personIds = people.map((p) => p.id);
  }
  if (personIds) {
    if (filter.personRole === 'subject') {
      query.entityType = 'user';
      query.entityIds = personIds;
    } else if (personIds.length || filter.personId) {
      query.actorIds = personIds;
    } else {
      // No such user (any more): the name as it was stored on the entries.
      query.actor = filter.person;
    }
  }
  if (filter.action) query.actions = actionCodes(filter.action);
  if (filter.entityType && !(filter.personRole === 'subject' && personIds)) {
    query.entityType = filter.entityType;
    if (filter.entityId) {
      let ids = [filter.entityId];
      if (filter.entityType === 'case') {
        const byNumber = await database.db
          .selectFrom('cases')
          .select('id')
          .where('number', '=', filter.entityId)
          .executeTakeFirst();
        if (byNumber) ids = [String(byNumber.id)];
        else if (!/^\d+$/.test(filter.entityId)) {
          ids = [];
          notice = { key: 'audit.noSuchCase', params: { number: filter.entityId } };
        }
      }
      query.entityIds = ids;
    }
  }
  if (DATE.test(filter.from)) query.from = startOfCopenhagenDay(filter.from).toISOString();
  if (DATE.test(filter.to)) query.to = startOfCopenhagenDay(nextDay(filter.to)).toISOString();
  return { query, people, person, notice };
}

/**
 * Names for the objects of a page of entries: a person's name for `user`, a case's number for
 * `case` (two look-ups by primary key for the whole page). Keyed `type:id`.
 */
export async function objectNames(database: Database, rows: readonly AuditRow[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const ids = (type: string) => [
    ...new Set(rows.filter((r) => r.entity_type === type && r.entity_id).map((r) => r.entity_id!)),
  ];
  const userIds = ids('user');
  if (userIds.length) {
    const users = await database.db
      .selectFrom('users')
      .select(['id', 'display_name', 'username'])
      .where('id', 'in', userIds)
      .execute();
    for (const u of users) names.set(`user:${u.id}`, `${u.display_name} (${u.username})`);
  }
  const caseIds = ids('case')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0 && n <= 2_147_483_647);
  if (caseIds.length) {
    const cases = await database.db.selectFrom('cases').select(['id', 'number']).where('id', 'in', caseIds).execute();
    for (const k of cases) names.set(`case:${k.id}`, k.number);
  }
  return names;
}

// --- CSV ---------------------------------------------------------------------------------

/**
 * One CSV field for Danish Excel: quoted when it holds the separator, a quote or a line break
 * (quotes doubled), and a leading `=`, `+`, `-`, `@`, tab or carriage return defused with an
 * apostrophe, so that a case title such as `=HYPERLINK(…)` is shown, never run as a formula
 * (OWASP, CSV injection).
 */
export function csvField(value: string | number | null | undefined): string {
  let s = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (fields: Array<string | number | null | undefined>): string =>
  `${fields.map(csvField).join(';')}\r\n`;

const localTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** `2026-11-26 06:46:03`, Copenhagen time (what Excel reads as a date and time). */
export const copenhagenTimestamp = (iso: string): string => localTime.format(new Date(iso));

export function csvHeader(t: T): string {
  return csvLine([
    t('audit.csv.time'),
    t('audit.actor'),
    t('audit.action'),
    t('audit.csv.code'),
    t('audit.entity'),
    t('audit.summary'),
    t('audit.ip'),
  ]);
}

export function csvRow(v: ViewContext, r: AuditRow, names: Map<string, string>): string {
  return csvLine([
    copenhagenTimestamp(r.at),
    r.actor_name ?? v.t('audit.system'),
    actionPhrase(v.t, r.action),
    r.action,
    objectLabel(v.t, r, names),
    describeEntry(v, r),
    r.ip,
  ]);
}
