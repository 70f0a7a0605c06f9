/**
 * The one place that answers "may this user do this to that?" (DESIGN.md, Access).
 * Every route asks `can()`; views ask it too, to hide what the user cannot use.
 *
 * Actions are named `<area>.<verb>`. Global actions depend on roles only; actions on a
 * resource get the resource as the third argument and may look at it (owner, access group,
 * membership). Every rule lives in this module — roles here, a resource's rules (and their SQL
 * form for lists) in `src/policy/<module>.ts` — so the whole access model can be read and tested
 * in one place. Modules reach their resources only through their scoped loaders (`requireCase`,
 * `requireRoom`, …), which load the facts a rule needs, ask the policy, and answer 404 for what
 * the user may not see.
 */
import { isCaseChange, mayAccessCase, mayManageCaseAccess } from './cases.ts';

export const ROLES = [
  'admin',
  'caseworker',
  'records_manager',
  'secretariat',
  'politician',
  'employee',
  'editor',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The signed-in user as the policy sees them. */
export interface Actor {
  id: string;
  roles: readonly Role[];
  orgUnitId: number | null;
}

export type Action =
  | 'intranet.view'
  | 'cases.view'
  | 'meetings.view'
  /** The committee secretariat: committees, meetings, agendas, publication, minutes. */
  | 'meetings.manage'
  /** Send a case to a committee (an agenda item proposal on a planned meeting). */
  | 'meetings.propose'
  /** The politicians' reader (my committees' meetings, private notes, offline copies). */
  | 'meetings.read'
  | 'rooms.view'
  | 'admin.view'
  | 'audit.view'
  | 'audit.verify'
  | 'jobs.view'
  /** Platform settings on Administration → Indstillinger (file quotas). */
  | 'settings.manage'
  | 'jobs.run'
  | 'users.view'
  | 'users.manage'
  /** Closing a user's access or removing their administrator role. */
  | 'users.lockOut'
  /** Import users and units from a CSV file (HR system, OS2mo) on Administration → Import. */
  | 'users.import'
  /** The organisation tree: create, rename, move and merge units, name their leaders. */
  | 'org.manage'
  /** Single sign-on: the identity provider, the group rules, local passwords on or off. */
  | 'sso.manage'
  | 'cases.create'
  | 'case.view'
  | 'case.edit'
  | 'case.unmaskCpr'
  | 'case.journalise'
  /**
   * Change who may see a case: its confidentiality, its access group and its caseworker
   * (resource: case). The caseworker, the leaders of the responsible unit and records managers.
   */
  | 'case.manageAccess'
  | 'case.reopen'
  | 'case.archive'
  | 'kle.import'
  /** Intranet: write and publish news, see read receipts. */
  | 'news.publish'
  | 'news.comment'
  /** Change or unpublish a news item (resource: news). */
  | 'news.edit'
  | 'pages.create'
  /** Change a knowledge page (resource: page). */
  | 'pages.edit'
  | 'people.view'
  /** Change a profile (resource: user). */
  | 'profile.edit'
  /** The personal file area (resource: user). */
  | 'files.personal'
  /** See the address of a person with navne- og adressebeskyttelse in the CPR register. */
  | 'registers.viewProtectedAddress'
  /** Administration → Brevskabeloner: the letter templates caseworkers write from. */
  | 'letters.manageTemplates'
  /** Administration → Digital Post: the sender's CVR number, the outbox, retrying what failed. */
  | 'digitalPost.manage'
  /**
   * Access requests (aktindsigt): the list, the overdue list, registering a request from the
   * public form. A request's own page and decisions go through its AKT case (case.view,
   * case.edit on that case), so a confidential AKT case stays with its access group.
   */
  | 'accessRequests.view'
  | 'accessRequests.manage'
  /** The list of legal bases a decision may rest on. */
  | 'legalBases.manage'
  /**
   * Records (Administration → Arkiv og kassation): retention rules on KLE subjects and facets, a
   * case's own rule (with a reason), the archive job's runs, archival versions and their delivery,
   * disposal lists and their approval. Records managers only: these are the municipality's archival
   * duties, and a disposal deletes for good.
   */
  | 'records.manage'
  /** See the records pages (rules, runs, exports, disposal records) without changing anything. */
  | 'records.view'
  /** The data subject's report: every case and document about a CPR or CVR number (audit-logged). */
  | 'records.subjectReport';

/** What the policy needs to know about a case to decide access to it and everything in it. */
export interface CaseResource {
  type: 'case';
  confidential: boolean;
  caseworkerId: string | null;
  /** The access group of a confidential case: users, and units whose members may see it. */
  accessUserIds: readonly string[];
  accessUnitIds: readonly number[];
  /** An archived case is read-only: every change to it is refused (reading stays possible). */
  archived: boolean;
  /** The leaders of the case's responsible unit (its named leaders, else the people placed in it whom others there report to). */
  unitLeaderIds: readonly string[];
}

export type Resource =
  | { type: 'user'; id: string }
  | CaseResource
  | { type: 'news'; authorId: string | null }
  | { type: 'page'; ownerId: string | null };

const EVERYONE: readonly Role[] = ROLES;

/** Which roles may take each global action. */
const rules: Record<Action, readonly Role[]> = {
  'intranet.view': EVERYONE,
  // Administrators run the system; they do not read cases.
  'cases.view': ['caseworker', 'records_manager', 'secretariat'],
  'cases.create': ['caseworker', 'records_manager', 'secretariat'],
  'case.view': ['caseworker', 'records_manager', 'secretariat'],
  'case.edit': ['caseworker', 'records_manager', 'secretariat'],
  'case.unmaskCpr': ['caseworker', 'records_manager'],
  'case.journalise': ['caseworker', 'records_manager', 'secretariat'],
  // Narrowed on the case below: its caseworker, its unit's leaders, records managers.
  'case.manageAccess': ['caseworker', 'records_manager', 'secretariat'],
  'case.reopen': ['caseworker', 'records_manager'],
  'case.archive': ['records_manager'],
  'kle.import': ['admin', 'records_manager'],
  'news.publish': ['editor'],
  'news.comment': EVERYONE,
  'news.edit': ['editor'],
  'pages.create': ['editor', 'admin'],
  // Owners of a page may edit it whatever their role (checked on the resource below).
  'pages.edit': EVERYONE,
  'people.view': EVERYONE,
  'profile.edit': EVERYONE,
  'files.personal': EVERYONE,
  'meetings.view': EVERYONE,
  'meetings.manage': ['secretariat'],
  'meetings.propose': ['caseworker', 'secretariat'],
  'meetings.read': ['politician', 'secretariat'],
  'rooms.view': EVERYONE,
  // Administration is for administrators; records managers see the audit log (GDPR requests,
  // supervision) but not users or jobs.
  'admin.view': ['admin', 'records_manager'],
  'audit.view': ['admin', 'records_manager'],
  'audit.verify': ['admin', 'records_manager'],
  'jobs.view': ['admin'],
  'settings.manage': ['admin'],
  'jobs.run': ['admin'],
  'users.view': ['admin'],
  'users.manage': ['admin'],
  'users.lockOut': ['admin'],
  'users.import': ['admin'],
  'org.manage': ['admin'],
  'sso.manage': ['admin'],
  'registers.viewProtectedAddress': ['records_manager', 'admin'],
  'letters.manageTemplates': ['admin'],
  'digitalPost.manage': ['admin'],
  'accessRequests.view': ['caseworker', 'records_manager'],
  'accessRequests.manage': ['caseworker', 'records_manager'],
  'legalBases.manage': ['admin', 'records_manager'],
  'records.manage': ['records_manager'],
  'records.view': ['records_manager', 'admin'],
  'records.subjectReport': ['records_manager'],
};

export function can(user: Actor | null | undefined, action: Action, resource?: Resource): boolean {
  if (!user) return false;
  const allowed = rules[action];
  if (!allowed) return false;
  if (!user.roles.some((r) => allowed.includes(r))) return false;
  if (!resource) return true;
  switch (resource.type) {
    case 'case':
      if (!mayAccessCase(user, resource)) return false;
      if (resource.archived && isCaseChange(action)) return false;
      if (action === 'case.manageAccess') return mayManageCaseAccess(user, resource);
      return true;
    case 'news':
      // Editors change news; an author who is no longer an editor keeps nothing special.
      return user.roles.includes('editor');
    case 'page':
      return resource.ownerId === user.id || user.roles.includes('editor') || user.roles.includes('admin');
    case 'user':
      // One's own profile and personal files; administrators may correct anyone's profile.
      if (action === 'profile.edit') return resource.id === user.id || user.roles.includes('admin');
      if (action === 'files.personal') return resource.id === user.id;
      // An administrator may not close their own access or drop their own admin role:
      // that is how installations end up with nobody who can administer them.
      return action !== 'users.lockOut' || resource.id !== user.id;
  }
}

export {
  inAccessGroup,
  isCaseChange,
  mayAccessCase,
  mayManageCaseAccess,
  seenAsRecordsManager,
  visibleCases,
} from './cases.ts';
export { roomRights, visibleRooms, visibleRoomsSql, type Membership, type RoomRights } from './rooms.ts';
