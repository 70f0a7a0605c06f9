import { auditActionsDa } from './audit-actions.da.ts';
import { hasMessage, type T } from './index.ts';

/**
 * The audit log's vocabulary for pages and exports: the known action codes (those with a phrase
 * in audit-actions.da.ts), the area each belongs to (by the code's first part), and the kinds of
 * object. A code nobody has worded yet is shown as itself.
 */

export const AUDIT_AREAS = [
  'session',
  'users',
  'cases',
  'documents',
  'registers',
  'accessRequests',
  'letters',
  'records',
  'meetings',
  'rooms',
  'news',
  'pages',
  'personal',
  'admin',
  'other',
] as const;
export type AuditArea = (typeof AUDIT_AREAS)[number];

/** The area of each code's first part (`case.create` → `case` → cases). */
export const AUDIT_AREA_OF: Readonly<Record<string, AuditArea>> = {
  session: 'session',
  user: 'users',
  case: 'cases',
  party: 'cases',
  note: 'cases',
  deadline: 'cases',
  search: 'cases',
  document: 'documents',
  register: 'registers',
  accessRequest: 'accessRequests',
  legalBasis: 'accessRequests',
  letter: 'letters',
  'letter-template': 'letters',
  'digital-post': 'letters',
  records: 'records',
  disposal: 'records',
  meeting: 'meetings',
  agenda_item: 'meetings',
  committee: 'meetings',
  council_person: 'meetings',
  legislative_term: 'meetings',
  meeting_location: 'meetings',
  room: 'rooms',
  thread: 'rooms',
  post: 'rooms',
  file: 'rooms',
  news: 'news',
  page: 'pages',
  profile: 'personal',
  shortcut: 'personal',
  files: 'personal',
  audit: 'admin',
  job: 'admin',
  settings: 'admin',
  mailTemplate: 'admin',
  org: 'users',
  sso: 'session',
  directory: 'users',
  kle: 'admin',
  seed: 'admin',
};

const PHRASE = 'audit.phrase.';
const ENTITY = 'audit.entity.';

/** Every action code that has a phrase, in catalog order. */
export const AUDIT_ACTION_CODES: readonly string[] = Object.keys(auditActionsDa)
  .filter((k) => k.startsWith(PHRASE))
  .map((k) => k.slice(PHRASE.length));

/** Every kind of object that has a word. */
export const AUDIT_ENTITY_TYPES: readonly string[] = Object.keys(auditActionsDa)
  .filter((k) => k.startsWith(ENTITY))
  .map((k) => k.slice(ENTITY.length));

export function auditArea(code: string): AuditArea {
  return AUDIT_AREA_OF[code.split('.', 1)[0]!] ?? 'other';
}

/** The known codes by area, areas in their order, empty areas left out. */
export function auditActionGroups(): Array<{ area: AuditArea; codes: string[] }> {
  return AUDIT_AREAS.map((area) => ({ area, codes: AUDIT_ACTION_CODES.filter((c) => auditArea(c) === area) })).filter(
    (g) => g.codes.length > 0,
  );
}

/** What the action was, in words; the code itself for one nobody has worded. */
export function actionPhrase(t: T, code: string): string {
  const key = `${PHRASE}${code}`;
  return hasMessage(key) ? t(key) : code;
}

/** The kind of object, in words; the type itself for an unknown one. */
export function entityTypeWord(t: T, type: string): string {
  const key = `${ENTITY}${type}`;
  return hasMessage(key) ? t(key) : type;
}

/**
 * The object of an entry in words: "Sag AKT-2026-000012", "Person Anna Berg (anna)", "Møde 7";
 * `names` holds what the page looked up (`type:id` → name or number), else the id is shown.
 */
export function objectLabel(
  t: T,
  r: { entity_type: string | null; entity_id: string | null },
  names: ReadonlyMap<string, string>,
): string {
  if (!r.entity_type) return '';
  const name = names.get(`${r.entity_type}:${r.entity_id ?? ''}`) ?? r.entity_id ?? '';
  return `${entityTypeWord(t, r.entity_type)} ${name}`.trim();
}
