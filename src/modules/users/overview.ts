import type { Database } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import { isRole, ROLES, type Role } from '../../policy/index.ts';

/**
 * A user's page in the administration: who they are and everything that gives them access.
 *
 * Rooms, committees and case access groups belong to modules further down the module map
 * (rooms, meetings, cases use users, never the other way), so this read-only overview reads
 * their tables in SQL — `room_members`/`rooms`, `council_persons`/`committee_memberships`/
 * `committees`, `case_access`/`cases` — and nothing else of theirs, like records'
 * CASE_REFERENCES. It changes nothing in them; each list is capped (`LIMIT`) with its full count.
 */

const CAP = 100;

export interface UserOverview {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  unit: { id: number; name: string } | null;
  manager: { id: string; name: string } | null;
  roles: Role[];
  isActive: boolean;
  breakGlass: boolean;
  hasPassword: boolean;
  externalId: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  leads: Array<{ id: number; name: string }>;
  rooms: { total: number; items: Array<{ id: number; name: string; role: string; archived: boolean }> };
  committees: Array<{ id: number; name: string; role: string; startsOn: string; endsOn: string | null }>;
  caseAccess: { total: number; items: Array<{ id: number; number: string }> };
  identities: Array<{ issuer: string; subject: string; createdAt: string; lastUsedAt: string | null }>;
  sessions: {
    total: number;
    newest: Array<{ createdAt: string; expiresAt: string; ip: string | null; userAgent: string | null }>;
  };
}

export async function userOverview(database: Database, id: string): Promise<UserOverview | null> {
  const db = database.db;
  const row = await db
    .selectFrom('users')
    .leftJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .leftJoin('users as manager', 'manager.id', 'users.manager_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.email',
      'users.phone',
      'users.title',
      'users.is_active',
      'users.break_glass',
      'users.password_hash',
      'users.external_id',
      'users.last_sign_in_at',
      'users.created_at',
      'org_units.id as unit_id',
      'org_units.name as unit_name',
      'manager.id as manager_id',
      'manager.display_name as manager_name',
    ])
    .where('users.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const today = nowIso().slice(0, 10);
  const [roles, leads, rooms, roomCount, committees, cases, caseCount, identities, sessions, sessionCount] =
    await Promise.all([
      db.selectFrom('user_roles').select('role').where('user_id', '=', id).execute(),
      db
        .selectFrom('org_unit_leaders')
        .innerJoin('org_units', 'org_units.id', 'org_unit_leaders.unit_id')
        .select(['org_units.id', 'org_units.name'])
        .where('org_unit_leaders.user_id', '=', id)
        .orderBy('org_units.name')
        .execute(),
      // rooms' tables, read only (see above).
      db
        .selectFrom('room_members')
        .innerJoin('rooms', 'rooms.id', 'room_members.room_id')
        .select(['rooms.id', 'rooms.name', 'room_members.role', 'rooms.archived_at'])
        .where('room_members.user_id', '=', id)
        .orderBy('rooms.name')
        .orderBy('rooms.id')
        .limit(CAP)
        .execute(),
      db
        .selectFrom('room_members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', id)
        .executeTakeFirstOrThrow(),
      // meetings' tables, read only: the committees of the council person linked to this account, current memberships.
      db
        .selectFrom('council_persons')
        .innerJoin('committee_memberships', 'committee_memberships.person_id', 'council_persons.id')
        .innerJoin('committees', 'committees.id', 'committee_memberships.committee_id')
        .select([
          'committees.id',
          'committees.name',
          'committee_memberships.role',
          'committee_memberships.starts_on',
          'committee_memberships.ends_on',
        ])
        .where('council_persons.user_id', '=', id)
        .where('council_persons.deleted_at', 'is', null)
        .where('committee_memberships.deleted_at', 'is', null)
        .where('committees.deleted_at', 'is', null)
        .where((eb) =>
          eb.or([eb('committee_memberships.ends_on', 'is', null), eb('committee_memberships.ends_on', '>=', today)]),
        )
        .orderBy('committees.position')
        .orderBy('committees.name')
        .execute(),
      // cases' table, read only: the cases whose access group names this person (not those of their unit).
      db
        .selectFrom('case_access')
        .innerJoin('cases', 'cases.id', 'case_access.case_id')
        .select(['cases.id', 'cases.number'])
        .where('case_access.user_id', '=', id)
        .orderBy('cases.number')
        .limit(CAP)
        .execute(),
      db
        .selectFrom('case_access')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', id)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('user_identities')
        .select(['issuer', 'subject', 'created_at', 'last_used_at'])
        .where('user_id', '=', id)
        .orderBy('issuer')
        .execute(),
      db
        .selectFrom('sessions')
        .select(['created_at', 'expires_at', 'ip', 'user_agent'])
        .where('user_id', '=', id)
        .where('expires_at', '>', nowIso())
        .orderBy('created_at', 'desc')
        .limit(5)
        .execute(),
      db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', id)
        .where('expires_at', '>', nowIso())
        .executeTakeFirstOrThrow(),
    ]);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    title: row.title,
    unit: row.unit_id != null && row.unit_name != null ? { id: row.unit_id, name: row.unit_name } : null,
    manager: row.manager_id && row.manager_name ? { id: row.manager_id, name: row.manager_name } : null,
    roles: roles
      .map((r) => r.role)
      .filter(isRole)
      .sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
    isActive: !!row.is_active,
    breakGlass: !!row.break_glass,
    hasPassword: !!row.password_hash,
    externalId: row.external_id,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
    leads: leads.map((l) => ({ id: l.id, name: l.name })),
    rooms: {
      total: Number(roomCount.n),
      items: rooms.map((r) => ({ id: r.id, name: r.name, role: r.role, archived: !!r.archived_at })),
    },
    committees: committees.map((m) => ({
      id: m.id,
      name: m.name,
      role: m.role,
      startsOn: m.starts_on,
      endsOn: m.ends_on,
    })),
    caseAccess: { total: Number(caseCount.n), items: cases.map((c) => ({ id: c.id, number: c.number })) },
    identities: identities.map((i) => ({
      issuer: i.issuer,
      subject: i.subject,
      createdAt: i.created_at,
      lastUsedAt: i.last_used_at,
    })),
    sessions: {
      total: Number(sessionCount.n),
      newest: sessions.map((s) => ({
        createdAt: s.created_at,
        expiresAt: s.expires_at,
        ip: s.ip,
        userAgent: s.user_agent,
      })),
    },
  };
}
