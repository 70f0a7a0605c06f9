import type { Database } from '../../db/index.ts';
import { copenhagenDate } from '../../i18n/index.ts';

export interface RosterPerson {
  personId: number;
  name: string;
  party: string | null;
  role: 'chair' | 'vice_chair' | 'member' | 'substitute';
  userId: string | null;
}

/**
 * Who can attend: the committee's members on the meeting's date (chair, vice-chair, member) and
 * its substitutes (stedfortrædere) on that date.
 */
export async function roster(
  database: Database,
  meeting: { committee_id: number; starts_at: string },
): Promise<{ members: RosterPerson[]; substitutes: RosterPerson[] }> {
  const date = copenhagenDate(new Date(meeting.starts_at));
  const rows = await database.db
    .selectFrom('committee_memberships as m')
    .innerJoin('council_persons as p', 'p.id', 'm.person_id')
    .select(['m.person_id', 'm.role', 'p.name', 'p.party', 'p.user_id'])
    .where('m.committee_id', '=', meeting.committee_id)
    .where('m.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where('m.starts_on', '<=', date)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', date)]))
    .execute();
  const order = { chair: 0, vice_chair: 1, member: 2, substitute: 3 } as const;
  const seen = new Set<number>();
  const people = rows
    .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name, 'da'))
    .filter((r) => (seen.has(r.person_id) ? false : (seen.add(r.person_id), true)))
    .map((r): RosterPerson => ({
      personId: r.person_id,
      name: r.name,
      party: r.party,
      role: r.role,
      userId: r.user_id,
    }));
  return {
    members: people.filter((p) => p.role !== 'substitute'),
    substitutes: people.filter((p) => p.role === 'substitute'),
  };
}
