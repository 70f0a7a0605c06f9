import { createHash } from 'node:crypto';
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { Database } from '../db/index.ts';
import { nowIso } from '../db/index.ts';
import { isRole, type Role } from '../policy/index.ts';

/**
 * lucia's Adapter over Kysely: one adapter for SQLite and PostgreSQL (DESIGN.md).
 *
 * The session id lucia hands out is the secret in the cookie; we store only its SHA-256, as
 * lucia's own successor guide recommends, so a copy of the database does not yield live
 * sessions. Lookups hash the id they are given; `getUserSessions` can only return hashed ids,
 * which is enough to count and list sessions but not to revoke one by id (revoke all instead).
 *
 * Besides lucia's sliding expiry, a session has an absolute lifetime from its `created_at`
 * (SESSION_ABSOLUTE_HOURS): past it the session is gone however active it was. lucia knows only
 * one expiry, so the adapter enforces this one: such a session is deleted and reported as absent.
 */

export function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

export interface SessionAttributes {
  ip: string | null;
  user_agent: string | null;
  created_at: string;
}

export interface UserAttributes {
  username: string;
  display_name: string;
  org_unit_id: number | null;
  locale: string | null;
  roles: Role[];
  last_seen_at: string | null;
}

export class KyselyAdapter implements Adapter {
  private readonly absoluteMs: number;

  constructor(
    private readonly database: Database,
    opts: { absoluteHours: number },
  ) {
    this.absoluteMs = opts.absoluteHours * 3600_000;
  }

  /** Sessions created at or before this instant have outlived their absolute lifetime. */
  private absoluteCutoff(now = Date.now()): string {
    return new Date(now - this.absoluteMs).toISOString();
  }

  private get db() {
    return this.database.db;
  }

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.user_id',
        'sessions.expires_at',
        'sessions.created_at',
        'sessions.ip',
        'sessions.user_agent',
        'users.username',
        'users.display_name',
        'users.org_unit_id',
        'users.locale',
        'users.is_active',
        'users.last_seen_at',
      ])
      .where('sessions.id', '=', hashSessionId(sessionId))
      .executeTakeFirst();
    if (!row) return [null, null];
    if (Date.parse(row.created_at) <= Date.parse(this.absoluteCutoff())) {
      await this.deleteSession(sessionId);
      return [null, null];
    }
    const session: DatabaseSession = {
      id: sessionId,
      userId: row.user_id,
      expiresAt: new Date(row.expires_at),
      attributes: { ip: row.ip, user_agent: row.user_agent, created_at: row.created_at },
    };
    // A closed account has no user: lucia then deletes the session.
    if (!row.is_active) return [session, null];
    const roles = await this.db.selectFrom('user_roles').select('role').where('user_id', '=', row.user_id).execute();
    const user: DatabaseUser = {
      id: row.user_id,
      attributes: {
        username: row.username,
        display_name: row.display_name,
        org_unit_id: row.org_unit_id,
        locale: row.locale,
        roles: roles.map((r) => r.role).filter(isRole),
        last_seen_at: row.last_seen_at,
      },
    };
    return [session, user];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      expiresAt: new Date(r.expires_at),
      attributes: { ip: r.ip, user_agent: r.user_agent, created_at: r.created_at },
    }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    const attrs = session.attributes as Partial<SessionAttributes>;
    await this.db
      .insertInto('sessions')
      .values({
        id: hashSessionId(session.id),
        user_id: session.userId,
        expires_at: session.expiresAt.toISOString(),
        created_at: attrs.created_at ?? nowIso(),
        ip: attrs.ip ?? null,
        user_agent: attrs.user_agent ?? null,
      })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ expires_at: expiresAt.toISOString() })
      .where('id', '=', hashSessionId(sessionId))
      .execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', hashSessionId(sessionId)).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.deleteExpired();
  }

  /** Like deleteExpiredSessions (idle or past the absolute lifetime), but says how many went (for the clean-up job's record). */
  async deleteExpired(): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', nowIso()), eb('created_at', '<=', this.absoluteCutoff())]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
