import type { Database } from '../db/index.ts';
import { audit } from '../audit/service.ts';
import type { AppLucia } from './lucia.ts';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';
import { lockingKeys, type LoginThrottle, slowdownMs, throttleKeys } from './throttle.ts';
import { nowIso } from '../db/index.ts';
import { getSetting } from '../db/settings.ts';

/**
 * The setting that switches local passwords off (`off`): then only break-glass accounts
 * (`users.break_glass = 1`) may sign in with a password; everyone else signs in with single
 * sign-on. Switched on /admin/sso (src/modules/sso), which refuses to switch it off without an
 * enabled provider and an active break-glass administrator.
 */
export const LOCAL_PASSWORDS_SETTING = 'auth.local_passwords';

/** Whether everyone may sign in with a local password (the default), or only break-glass accounts. */
export async function localPasswordsOn(database: Database): Promise<boolean> {
  return (await getSetting(database, LOCAL_PASSWORDS_SETTING)) !== 'off';
}

export type SignInResult =
  | { ok: true; sessionId: string; userId: string }
  | { ok: false; reason: 'invalid'; delayMs: number }
  | { ok: false; reason: 'locked'; until: Date };

export interface SignInInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
  /** The session this browser presented, if any: it ends when the new one begins. */
  previous?: { sessionId: string; actor: { id: string; name: string } } | null;
}

/**
 * Signing in and out. The rules that matter: one message for every failure (no user
 * enumeration), the same work whether or not the account exists (a dummy hash is verified for
 * unknown names), throttling per account name and address (see throttle.ts), and an audit entry for every
 * attempt.
 */
export class AuthService {
  #dummyHash: Promise<string> | null = null;

  constructor(
    private readonly database: Database,
    readonly lucia: AppLucia,
    readonly throttle: LoginThrottle,
    private readonly scryptCost: number,
  ) {}

  private dummyHash(): Promise<string> {
    this.#dummyHash ??= hashPassword('no such user: this hash only evens out timing', this.scryptCost);
    return this.#dummyHash;
  }

  async signIn(input: SignInInput): Promise<SignInResult> {
    const username = input.username.trim().toLowerCase();
    const keys = throttleKeys(username, input.ip);
    const lockedUntil = await this.throttle.lockedUntil(lockingKeys(keys));
    if (lockedUntil) {
      await audit(this.database, {
        actor: null,
        action: 'session.refused',
        summary: `Login refused while locked: ${username.slice(0, 64)}`,
        details: { username: username.slice(0, 64) },
        ip: input.ip,
      });
      return { ok: false, reason: 'locked', until: lockedUntil };
    }

    const user = await this.database.db
      .selectFrom('users')
      .select(['id', 'display_name', 'password_hash', 'break_glass'])
      .where('username', '=', username)
      .where('is_active', '=', 1)
      .executeTakeFirst();
    const stored = user?.password_hash ?? (await this.dummyHash());
    const valid = (await verifyPassword(stored, input.password)) && !!user?.password_hash;
    // With local passwords off only break-glass accounts may use one. Checked after the password,
    // so the work and the answer are the same as for a wrong password (one message for all).
    const passwordsOff = valid && user && user.break_glass !== 1 && !(await localPasswordsOn(this.database));

    if (!valid || !user || passwordsOff) {
      const failures = await this.throttle.recordFailure(keys);
      await audit(this.database, {
        actor: user ? { id: user.id, name: user.display_name } : null,
        action: 'session.failed',
        summary: passwordsOff
          ? `Password sign-in refused, local passwords are off: ${username.slice(0, 64)}`
          : `Wrong username or password: ${username.slice(0, 64)}`,
        details: {
          username: username.slice(0, 64),
          failures,
          ...(passwordsOff ? { reason: 'local_passwords_off' } : {}),
        },
        ip: input.ip,
      });
      const nowLocked = await this.throttle.lockedUntil(lockingKeys(keys));
      if (nowLocked) return { ok: false, reason: 'locked', until: nowLocked };
      return { ok: false, reason: 'invalid', delayMs: slowdownMs(failures, this.throttle.policy.slowdownBaseMs) };
    }

    await this.throttle.recordSuccess(keys);
    if (needsRehash(user.password_hash!, this.scryptCost)) {
      const rehashed = await hashPassword(input.password, this.scryptCost);
      await this.database.db
        .updateTable('users')
        .set({ password_hash: rehashed, updated_at: nowIso() })
        .where('id', '=', user.id)
        .execute();
    }
    // Rotate: the session this browser had (perhaps someone else's) does not outlive a new sign-in.
    await this.endPreviousSession(input.previous, input.ip);
    const sessionId = await this.startSession(
      { id: user.id, name: user.display_name },
      { ip: input.ip, userAgent: input.userAgent, method: 'password' },
    );
    return { ok: true, sessionId, userId: user.id };
  }

  /** Ends the session this browser had before a new sign-in (password or single sign-on). */
  async endPreviousSession(previous: SignInInput['previous'], ip: string): Promise<void> {
    if (!previous) return;
    await this.lucia.invalidateSession(previous.sessionId);
    await audit(this.database, {
      actor: previous.actor,
      action: 'session.delete',
      entityType: 'user',
      entityId: previous.actor.id,
      summary: 'Signed out by a new sign-in in the same browser',
      ip,
    });
  }

  /**
   * Starts a session for someone whose identity is established (a checked password, or a checked
   * ID token from single sign-on): the session row, `users.last_sign_in_at`, and the audit entry.
   * The one way a session begins, so that every sign-in is recorded the same way.
   */
  async startSession(
    user: { id: string; name: string },
    opts: { ip: string; userAgent: string | null; method: 'password' | 'sso' },
  ): Promise<string> {
    const now = nowIso();
    const session = await this.lucia.createSession(user.id, {
      ip: opts.ip,
      user_agent: opts.userAgent?.slice(0, 300) ?? null,
      created_at: now,
    });
    await this.database.db.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', user.id).execute();
    await audit(this.database, {
      actor: user,
      action: 'session.create',
      entityType: 'user',
      entityId: user.id,
      summary: opts.method === 'sso' ? 'Signed in with single sign-on' : 'Signed in',
      details: { method: opts.method },
      ip: opts.ip,
    });
    return session.id;
  }

  async signOut(sessionId: string, actor: { id: string; name: string }, ip: string): Promise<void> {
    await this.lucia.invalidateSession(sessionId);
    await audit(this.database, {
      actor,
      action: 'session.delete',
      entityType: 'user',
      entityId: actor.id,
      summary: 'Signed out',
      ip,
    });
  }

  async signOutEverywhere(actor: { id: string; name: string }, ip: string): Promise<void> {
    await this.lucia.invalidateUserSessions(actor.id);
    await audit(this.database, {
      actor,
      action: 'session.delete_all',
      entityType: 'user',
      entityId: actor.id,
      summary: 'Signed out on all devices',
      ip,
    });
  }

  /** The sign-in before the current one, for "previous sign-in" on the home page. */
  async previousSignIn(userId: string): Promise<{ at: string; ip: string | null } | null> {
    const rows = await this.database.db
      .selectFrom('audit_log')
      .select(['at', 'ip'])
      .where('actor_id', '=', userId)
      .where('action', '=', 'session.create')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    return rows[1] ?? null;
  }
}
