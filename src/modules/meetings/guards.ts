import type { Context } from 'hono';
import type { Database } from '../../db/index.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { can } from '../../policy/index.ts';
import { getMeeting, isVisibleMeeting, type MeetingWithCommittee } from './meetings.ts';

/** Who may use the production routes, and loading the meeting a route is about. */
export function meetingGuards(database: Database) {
  function viewerUser(c: Context<AppEnv>): CurrentUser {
    const user = c.get('user');
    if (!user || !can(user, 'meetings.view')) throw forbidden();
    return user;
  }
  function manager(c: Context<AppEnv>): CurrentUser {
    const user = viewerUser(c);
    if (!can(user, 'meetings.manage')) throw forbidden();
    return user;
  }

  /** Loads a meeting the user may see: the secretariat any, others only once its agenda is out. */
  async function loadMeeting(
    c: Context<AppEnv>,
    need: 'read' | 'manage' = 'read',
  ): Promise<{ user: CurrentUser; meeting: MeetingWithCommittee; manage: boolean }> {
    const user = viewerUser(c);
    const meeting = await getMeeting(database, Number(c.req.param('id')));
    const manage = can(user, 'meetings.manage');
    if (!meeting || (!manage && !isVisibleMeeting(meeting))) throw notFound();
    if (need === 'manage' && !manage) throw forbidden();
    return { user, meeting, manage };
  }

  return { viewerUser, manager, loadMeeting };
}

export type MeetingGuards = ReturnType<typeof meetingGuards>;
