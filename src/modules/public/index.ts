/**
 * What the public sees of the political process, without signing in: the pages under /public
 * (meetings, committees, agendas and approved minutes, attachments, PDFs), the iCalendar feeds
 * and the OParl 1.1 API at /oparl/v1.1. Only published versions, redacted for `PUBLIC_VIEWER`.
 */
export { publicRoutes } from './routes.tsx';
export { oparlRoutes } from './oparl-routes.ts';
export type { PublicCommittee, PublicMeeting, PublicMeetingEntry, PublicMember, VersionChange } from './public.ts';
