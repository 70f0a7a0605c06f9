/**
 * Production of the political process by the secretariat, mounted at /meetings: committees,
 * council persons, memberships, terms and places, meetings, agenda items, publishing agendas,
 * notifying members, and the front page's "Mine næste møder".
 */
export { meetingRoutes } from './routes.tsx';
export { committeeRoutes } from './committee-routes.tsx';
export { meetingsHomeSection } from './home-section.tsx';
export { copenhagenInstant, DEFAULT_NOTICE_DAYS, noticeWorkingDays } from './meetings.ts';
export { roster, type RosterPerson } from './roster.ts';
export { notifyApprovers } from './notify.ts';
export type { MeetingInput, MeetingWithCommittee, SnapshotDiff } from './meetings.ts';
export type { CaseDocument, EditorItem, ItemInput } from './items.ts';
export type {
  CommitteeInput,
  CommitteeRow,
  CommitteeSummary,
  LocationInput,
  LocationRow,
  MemberRow,
  MembershipInput,
  PersonInput,
  PersonRow,
  TermInput,
} from './committees.ts';
