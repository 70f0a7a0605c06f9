import type { Child } from 'hono/jsx';
import type { ViewContext } from '../../../views/context.ts';
import { MyNextMeetings } from '../../../views/meetings/HomeSection.tsx';
import type { Database } from '../../db/index.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { can, type Actor } from '../../policy/index.ts';
import { personOfUser } from '../publication/index.ts';
import { committeesOfPerson, listMeetings, type MeetingWithCommittee } from './meetings.ts';

/** The user's next meetings, for the front page: members see their committees' published meetings. */
export async function myNextMeetings(database: Database, userId: string, limit = 5): Promise<MeetingWithCommittee[]> {
  const person = await personOfUser(database, userId);
  if (!person) return [];
  const committeeIds = await committeesOfPerson(database, person.id, copenhagenDate(new Date()));
  return listMeetings(database, { includePlanned: false, committeeIds, when: 'upcoming', limit });
}

/**
 * The front page's "Mine næste møder" (a HomeSection, see src/modules/home/routes.tsx): for a
 * council person, their committees' coming meetings with a published agenda; nothing for others
 * (employees follow meetings on /meetings).
 */
export async function meetingsHomeSection(
  database: Database,
  user: Actor,
): Promise<((v: ViewContext) => Child) | null> {
  if (!can(user, 'meetings.view')) return null;
  const person = await personOfUser(database, user.id);
  if (!person) return null;
  const meetings = await myNextMeetings(database, user.id, 5);
  const reader = can(user, 'meetings.read');
  return (v) => <MyNextMeetings v={v} meetings={meetings} reader={reader} />;
}
