import type { Database } from '../db/index.ts';
import { serializedWrite } from '../db/index.ts';

/**
 * Slows and then refuses repeated wrong passwords (DESIGN: sessions, leases and search live in
 * the database, so this holds across instances). Three counters, each within a window:
 *
 * - per account name *and* client address: at the limit that pair is refused until the lock runs
 *   out. Someone guessing a colleague's password from their own machine locks only themselves
 *   out of that account, not the colleague at another address;
 * - per account name alone (every address): never a lock, only a slowdown, so guessing one
 *   password from many addresses is slowed while the owner can still sign in;
 * - per client address (every name): refused at a higher limit, against one source trying many
 *   names.
 *
 * After a few failures each answer is delayed (slowdownMs). Unknown user names are counted
 * exactly like real ones, so neither the message nor the lockout reveals whether an account
 * exists.
 */

export interface ThrottlePolicy {
  windowMinutes: number;
  lockMinutes: number;
  /** Failures of one account name from one address before that pair is locked. */
  maxFailuresPerAccountAtAddress: number;
  /** Failures from one address (any names) before the address is locked. */
  maxFailuresPerIp: number;
  /** Base of the delay once slowing starts; 0 switches slowing off (tests). */
  slowdownBaseMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  windowMinutes: 15,
  lockMinutes: 15,
  maxFailuresPerAccountAtAddress: 10,
  maxFailuresPerIp: 50,
  slowdownBaseMs: 250,
};

/** Delay before answering after `failures` failures: none for the first 3, then doubling to 5 s. */
export function slowdownMs(failures: number, baseMs: number): number {
  if (failures < 3 || baseMs <= 0) return 0;
  return Math.min(baseMs * 2 ** (failures - 3), 5000);
}

const normalName = (username: string) => username.trim().toLowerCase();
export const accountKey = (username: string) => `user:${normalName(username)}`;
export const ipKey = (ip: string) => `ip:${ip}`;
/** The name and the address together (the address last: names may hold any character). */
export const accountAtIpKey = (username: string, ip: string) => `user-ip:${ip} ${normalName(username)}`;

export interface ThrottleKeys {
  account: string;
  ip: string;
  accountAtIp: string;
}

export function throttleKeys(username: string, ip: string): ThrottleKeys {
  return { account: accountKey(username), ip: ipKey(ip), accountAtIp: accountAtIpKey(username, ip) };
}

/** The keys that can lock a sign-in: the name at this address, and the address. Never the name alone. */
export const lockingKeys = (keys: ThrottleKeys) => [keys.accountAtIp, keys.ip];

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

  /**
   * Counts a failure on each counter; locks the name at this address and the address at their
   * limits (the name alone is never locked). Returns the failure count that decides the slowdown:
   * the higher of the name's (across addresses) and the name's at this address.
   */
  async recordFailure(keys: ThrottleKeys, now = new Date()): Promise<number> {
    const counts = await this.count(
      [
        [keys.accountAtIp, this.policy.maxFailuresPerAccountAtAddress],
        [keys.account, null],
        [keys.ip, this.policy.maxFailuresPerIp],
      ],
      now,
    );
    return Math.max(counts[0]!, counts[1]!);
  }

  /**
   * Counts a failure on each key within the policy's window, and locks a key for the policy's lock
   * time when it reaches its limit (null: counted, never locked). Returns the counts in order.
   * Sign-in uses it through recordFailure; other guessable secrets (password-reset links) call it
   * with keys and limits of their own.
   */
  async count(limits: ReadonlyArray<readonly [string, number | null]>, now = new Date()): Promise<number[]> {
    return serializedWrite(this.database, 'login_attempts', async (tx) => {
      const counts: number[] = [];
      for (const [key, max] of limits) {
        const row = await tx.db.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst();
        const windowOpen =
          row && now.getTime() - new Date(row.window_start).getTime() < this.policy.windowMinutes * 60_000;
        const failures = windowOpen ? row.failures + 1 : 1;
        const windowStart = windowOpen ? row.window_start : now.toISOString();
        const lockedUntil =
          max !== null && failures >= max
            ? new Date(now.getTime() + this.policy.lockMinutes * 60_000).toISOString()
            : null;
        await tx.db
          .insertInto('login_attempts')
          .values({ key, failures, window_start: windowStart, locked_until: lockedUntil })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({ failures, window_start: windowStart, locked_until: lockedUntil }),
          )
          .execute();
        counts.push(failures);
      }
      return counts;
    });
  }

  /**
   * A successful sign-in clears the name's count at this address. Not the address's (others share
   * it), and not the name's across addresses: someone else may still be guessing from elsewhere.
   */
  async recordSuccess(keys: ThrottleKeys): Promise<void> {
    await this.database.db.deleteFrom('login_attempts').where('key', '=', keys.accountAtIp).execute();
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
