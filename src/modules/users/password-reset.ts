import { createHash, randomBytes } from 'node:crypto';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../auth/password.ts';
import { DEFAULT_THROTTLE, LoginThrottle } from '../../auth/throttle.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import { queueMail } from '../../mail/outbox.ts';
import { renderMail } from '../../mail/templates.ts';
import { translator, type Locale } from '../../i18n/index.ts';

/**
 * One-time password-reset links for accounts with a local password. An administrator makes one
 * (`createPasswordReset`): 32 random bytes, base64url, of which only the SHA-256 is stored; it is
 * valid for 24 hours and once, and a newer link for the same person ends the older ones. The link
 * is e-mailed through the outbox when the person has an address, and shown once to the
 * administrator to hand over. The person opens `/password-reset/<token>`, sets a new password
 * (`consumePasswordReset`), and every session of theirs ends in the same transaction.
 *
 * Wrong tokens are counted per client address in `login_attempts` (key `reset-ip:<address>`,
 * cleaned by the session clean-up job with the sign-in counters): at `RESET_MAX_FAILURES` within
 * the window the address is refused for a while, so the token space cannot be walked.
 */

export const RESET_VALID_HOURS = 24;
export const RESET_MAX_FAILURES = 20;
const RESET_WINDOW_MINUTES = 15;

export const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A token as we make them (43 base64url characters); anything else is wrong without a look-up. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The municipality's name (the root of the organisation), for the top of the mail. */
async function organisation(database: Database): Promise<string> {
  const root = await database.db
    .selectFrom('org_units')
    .select('name')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  return root?.name ?? 'Samspil';
}

export type CreateResetResult =
  | { ok: true; token: string; url: string; emailed: boolean; expiresAt: string; name: string }
  | { ok: false; reason: 'notFound' | 'noLocalPassword' | 'inactive' };

export async function createPasswordReset(
  database: Database,
  userId: string,
  actor: AuditActor,
  opts: { baseUrl: string; ip: string | null },
): Promise<CreateResetResult> {
  const user = await database.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'email', 'locale', 'password_hash', 'is_active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return { ok: false, reason: 'notFound' };
  if (!user.is_active) return { ok: false, reason: 'inactive' };
  if (!user.password_hash) return { ok: false, reason: 'noLocalPassword' };

  const token = randomBytes(32).toString('base64url');
  const now = nowIso();
  const expiresAt = new Date(new Date(now).getTime() + RESET_VALID_HOURS * 3600_000).toISOString();
  const url = `${opts.baseUrl}/password-reset/${token}`;
  const locale: Locale = user.locale === 'en' ? 'en' : 'da';
  const t = translator(locale);
  const mail = user.email
    ? await renderMail({
        locale,
        heading: t('passwordReset.mail.heading'),
        paragraphs: [
          t('passwordReset.mail.greeting', { name: user.display_name }),
          t('passwordReset.mail.body', { hours: RESET_VALID_HOURS }),
          t('passwordReset.mail.notYou'),
        ],
        action: { label: t('passwordReset.mail.action'), url },
        footer: t('passwordReset.mail.footer'),
        organisation: await organisation(database),
      })
    : null;

  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .execute();
    await tx.db
      .insertInto('password_resets')
      .values({
        token_hash: tokenHash(token),
        user_id: user.id,
        created_by: actor.id,
        created_at: now,
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    if (mail && user.email)
      await queueMail(tx, {
        to: user.email,
        toUserId: user.id,
        kind: 'password.reset',
        subject: t('passwordReset.mail.subject'),
        html: mail.html,
        text: mail.text,
      });
    await appendAudit(tx, {
      actor,
      action: 'user.passwordReset.create',
      entityType: 'user',
      entityId: user.id,
      summary: `Made a password-reset link for ${user.username}`,
      details: { username: user.username, emailed: !!mail, expires_at: expiresAt },
      ip: opts.ip,
    });
  });
  return { ok: true, token, url, emailed: !!mail, expiresAt, name: user.display_name };
}

export interface ResetTarget {
  userId: string;
  username: string;
  displayName: string;
}

/** The person a token resets, while it is unused, unexpired and the account active; else null. */
export async function findPasswordReset(database: Database, token: string): Promise<ResetTarget | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await database.db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select(['users.id', 'users.username', 'users.display_name'])
    .where('password_resets.token_hash', '=', tokenHash(token))
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.expires_at', '>', nowIso())
    .where('users.is_active', '=', 1)
    .executeTakeFirst();
  return row ? { userId: row.id, username: row.username, displayName: row.display_name } : null;
}

export type ConsumeResult =
  { ok: true; target: ResetTarget } | { ok: false; reason: 'invalid' | 'password' | 'mismatch' };

/**
 * Sets the new password and spends the token, once: the token is marked used by a conditional
 * update inside the transaction, so two submissions of the same link cannot both succeed.
 */
export async function consumePasswordReset(
  database: Database,
  token: string,
  input: { password: string; confirm: string },
  opts: { scryptCost: number; ip: string | null },
): Promise<ConsumeResult> {
  const target = await findPasswordReset(database, token);
  if (!target) return { ok: false, reason: 'invalid' };
  if (input.password.length < MIN_PASSWORD_LENGTH) return { ok: false, reason: 'password' };
  if (input.password !== input.confirm) return { ok: false, reason: 'mismatch' };
  const hash = await hashPassword(input.password, opts.scryptCost);
  return writeTransaction(database, async (tx) => {
    const now = nowIso();
    const spent = await tx.db
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) return { ok: false, reason: 'invalid' } as const;
    await tx.db
      .updateTable('users')
      .set({ password_hash: hash, updated_at: now })
      .where('id', '=', target.userId)
      .where('is_active', '=', 1)
      .execute();
    const ended = await tx.db.deleteFrom('sessions').where('user_id', '=', target.userId).executeTakeFirst();
    await appendAudit(tx, {
      actor: { id: target.userId, name: target.displayName },
      action: 'user.passwordReset.use',
      entityType: 'user',
      entityId: target.userId,
      summary: `Set a new password with a reset link: ${target.username}`,
      details: { username: target.username, sessions_ended: Number(ended.numDeletedRows) },
      ip: opts.ip,
    });
    return { ok: true, target } as const;
  });
}

const throttleKey = (ip: string) => `reset-ip:${ip}`;

/** Wrong tokens are counted by the sign-in throttle's counter, with a window and a limit of their own. */
function resetThrottle(database: Database): LoginThrottle {
  return new LoginThrottle(database, {
    ...DEFAULT_THROTTLE,
    windowMinutes: RESET_WINDOW_MINUTES,
    lockMinutes: RESET_WINDOW_MINUTES,
  });
}

/** Whether this address has tried too many wrong tokens lately. */
export async function resetLocked(database: Database, ip: string): Promise<boolean> {
  return (await resetThrottle(database).lockedUntil([throttleKey(ip)], new Date(nowIso()))) !== null;
}

/** Counts a wrong token from this address; locks the address at the limit. */
export async function recordWrongToken(database: Database, ip: string): Promise<void> {
  await resetThrottle(database).count([[throttleKey(ip), RESET_MAX_FAILURES]], new Date(nowIso()));
}
