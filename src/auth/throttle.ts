import type { Database } from '../db/index.ts';
import { serializedWrite } from '../db/index.ts';

/**
 * Slows and then refuses repeated wrong passwords, per account name and per client address
 * (DESIGN: sessions, leases and search live in the database, so this holds across instances).
 *
 * Failures count within a window. After a few, each answer is delayed (slowdownMs); at the
 * limit the key is refused until the lock runs out. Unknown user names are counted exactly
 * like real ones, so neither the message nor the lockout reveals whether an account exists.
 */

export interface ThrottlePolicy {
  windowMinutes: number;
  lockMinutes: number;
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  /** Base of the delay once slowing starts; 0 switches slowing off (tests). */
  slowdownBaseMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  windowMinutes: 15,
  lockMinutes: 15,
  maxFailuresPerAccount: 10,
  maxFailuresPerIp: 50,
  slowdownBaseMs: 250,
};

/** Delay before answering after `failures` failures: none for the first 3, then doubling to 5 s. */
export function slowdownMs(failures: number, baseMs: number): number {
  if (failures < 3 || baseMs <= 0) return 0;
  return Math.min(baseMs * 2 ** (failures - 3), 5000);
}

export const accountKey = (username: string) => `user:${username.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

export class LoginThrottle {
  constructor(
    private readonly database: Database,
    readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  /** The latest instant until which any of the keys is locked, or null. */
  async lockedUntil(keys: string[], now = new Date()): Promise<Date | null> {
    const rows = await this.database.db
      .selectFrom('login_attempts')
      .select('locked_until')
      .where('key', 'in', keys)
      .where('locked_until', '>', now.toISOString())
      .execute();
    const times = rows.map((r) => new Date(r.locked_until!).getTime());
    return times.length ? new Date(Math.max(...times)) : null;
  }

  /** Counts a failure on each key; returns the highest failure count among them. */
  async recordFailure(keys: { account: string; ip: string }, now = new Date()): Promise<number> {
    return serializedWrite(this.database, 'login_attempts', async (tx) => {
      let highest = 0;
      const limits: Array<[string, number]> = [
        [keys.account, this.policy.maxFailuresPerAccount],
        [keys.ip, this.policy.maxFailuresPerIp],
      ];
      for (const [key, max] of limits) {
        const row = await tx.db.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst();
        const windowOpen =
          row && now.getTime() - new Date(row.window_start).getTime() < this.policy.windowMinutes * 60_000;
        const failures = windowOpen ? row.failures + 1 : 1;
        const windowStart = windowOpen ? row.window_start : now.toISOString();
        const lockedUntil =
          failures >= max ? new Date(now.getTime() + this.policy.lockMinutes * 60_000).toISOString() : null;
        await tx.db
          .insertInto('login_attempts')
          .values({ key, failures, window_start: windowStart, locked_until: lockedUntil })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({ failures, window_start: windowStart, locked_until: lockedUntil }),
          )
          .execute();
        if (key === keys.account) highest = Math.max(highest, failures);
      }
      return highest;
    });
  }

  /** A successful sign-in clears the account's count (not the address's: others share it). */
  async recordSuccess(account: string): Promise<void> {
    await this.database.db.deleteFrom('login_attempts').where('key', '=', account).execute();
  }

  /** Drops rows whose window and lock have both passed (called by the clean-up job). */
  async prune(now = new Date()): Promise<number> {
    const windowCutoff = new Date(now.getTime() - this.policy.windowMinutes * 60_000).toISOString();
    const result = await this.database.db
      .deleteFrom('login_attempts')
      .where('window_start', '<', windowCutoff)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
