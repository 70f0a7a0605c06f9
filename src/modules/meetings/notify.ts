import type { Database } from '../../db/index.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { notify } from '../notifications/index.ts';
import type { PublishedVersion } from '../publication/index.ts';

/**
 * Tells a committee's members that an agenda (or a new version of it) is out: an in-app
 * notification and, by the `meeting.published` kind's default, an immediate e-mail (the MJML
 * notification mail of src/mail), each switchable by the member. Members are council persons
 * with a Samspil account and a membership on the meeting's date (substitutes included: they
 * may be called in). One notification per member and version (a dedupe key), so a retry never
 * sends twice.
 */
export async function notifyMembers(database: Database, version: PublishedVersion): Promise<number> {
  const meeting = version.snapshot.meeting;
  const date = copenhagenDate(new Date(meeting.startsAt));
  const rows = await memberUsers(database, meeting.committeeId, date);
  let sent = 0;
  for (const r of rows) {
    const created = await notify(database, {
      userId: r.id,
      kind: 'meeting.published',
      params: {
        committee: meeting.committeeName,
        date,
        version: version.number,
        kind: version.kind === 'minutes' ? 'minutes' : (version.changeKind ?? 'first'),
        // A later version says what changed, in the secretariat's words.
        note: version.changeNote
          ? `: ${version.changeNote.length > 300 ? `${version.changeNote.slice(0, 297)}…` : version.changeNote}`
          : '',
      },
      link: `/meetings/${meeting.id}`,
      dedupeKey: `meeting:${meeting.id}:${version.kind}:${version.number}:${r.id}`,
    });
    if (created) sent++;
  }
  return sent;
}

/** The active user accounts of a committee's members (substitutes included) on a date. */
async function memberUsers(database: Database, committeeId: number, date: string): Promise<Array<{ id: string }>> {
  return database.db
    .selectFrom('committee_memberships')
    .innerJoin('council_persons', 'council_persons.id', 'committee_memberships.person_id')
    .innerJoin('users', 'users.id', 'council_persons.user_id')
    .select('users.id')
    .distinct()
    .where('committee_memberships.committee_id', '=', committeeId)
    .where('committee_memberships.deleted_at', 'is', null)
    .where('committee_memberships.starts_on', '<=', date)
    .where((eb) =>
      eb.or([eb('committee_memberships.ends_on', 'is', null), eb('committee_memberships.ends_on', '>=', date)]),
    )
    .where('council_persons.deleted_at', 'is', null)
    .where('users.is_active', '=', 1)
    .execute();
}

/**
 * Asks the members present at a meeting (and substitutes who attended) to approve a minutes
 * version (Styrelsesloven §13): an in-app notification and, by the `meeting.minutes` kind's
 * default, an immediate e-mail, linking to the approval page in the reader. Once per member and
 * version.
 */
export async function notifyApprovers(database: Database, version: PublishedVersion): Promise<number> {
  const meeting = version.snapshot.meeting;
  const attendance = version.snapshot.attendance;
  const personIds = [...(attendance?.present ?? []), ...(attendance?.substitutes ?? [])].map((p) => p.personId);
  if (!personIds.length) return 0;
  const rows = await database.db
    .selectFrom('council_persons')
    .innerJoin('users', 'users.id', 'council_persons.user_id')
    .select('users.id')
    .where('council_persons.id', 'in', personIds)
    .where('users.is_active', '=', 1)
    .execute();
  const date = copenhagenDate(new Date(meeting.startsAt));
  let sent = 0;
  for (const r of rows) {
    const created = await notify(database, {
      userId: r.id,
      kind: 'meeting.minutes',
      params: { committee: meeting.committeeName, date, version: version.number },
      link: `/reader/meetings/${meeting.id}/approval`,
      dedupeKey: `meeting:${meeting.id}:approve:${version.number}:${r.id}`,
    });
    if (created) sent++;
  }
  return sent;
}

/**
 * Tells a committee's members that a meeting whose agenda they received is cancelled (in the
 * app, and by e-mail by the `meeting.cancelled` kind's default). Once per member and meeting.
 */
export async function notifyCancelled(database: Database, meetingId: number): Promise<number> {
  const meeting = await database.db
    .selectFrom('meetings')
    .innerJoin('committees', 'committees.id', 'meetings.committee_id')
    .select([
      'meetings.id',
      'meetings.committee_id',
      'meetings.starts_at',
      'meetings.agenda_published_at',
      'committees.name',
    ])
    .where('meetings.id', '=', meetingId)
    .executeTakeFirst();
  if (!meeting?.agenda_published_at) return 0;
  const date = copenhagenDate(new Date(meeting.starts_at));
  let sent = 0;
  for (const r of await memberUsers(database, meeting.committee_id, date)) {
    const created = await notify(database, {
      userId: r.id,
      kind: 'meeting.cancelled',
      params: { committee: meeting.name, date },
      link: `/meetings/${meeting.id}`,
      dedupeKey: `meeting:${meeting.id}:cancelled:${r.id}`,
    });
    if (created) sent++;
  }
  return sent;
}
