import type { Selectable } from 'kysely';
import type { Database } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import { municipalityName } from '../../db/settings.ts';
import type { NotificationTable } from '../../db/schema.ts';
import { isLocale, pickLocale, translator, type Locale } from '../../i18n/index.ts';
import { describe, KINDS } from './kinds.ts';
import type { JobDefinition } from '../../jobs/scheduler.ts';
import { queueMail } from '../../mail/outbox.ts';
import { templatedMail } from '../../mail/mail-templates.ts';

/**
 * Notifications, in the app and by e-mail.
 *
 * - Producers call `notify()`: a dedupe key makes a job that runs twice (or on two instances)
 *   notify once; a fold key makes several events of one kind on one thing (replies in one
 *   thread) one unread notification with a count.
 * - Each kind is switchable per user, in the app and by e-mail (`notification_prefs`; the
 *   defaults are in KINDS). E-mail for a kind is either immediate or left for the digest.
 * - The digest (a daily job) goes only to people who have not been in since the notifications
 *   came, lists only what they have not read and were not already mailed, and marks it mailed.
 *
 * Messages are catalog keys (`notifications.kind.<kind>`) with stored parameters, so each reader
 * sees them in their own language.
 */

export type NotificationRow = Selectable<NotificationTable>;

export { describe, KINDS };

export interface NewNotification {
  userId: string;
  kind: string;
  params: Record<string, string | number>;
  link?: string | null;
  /** Same key, same notification: inserted once. */
  dedupeKey?: string | null;
  /** Unread notifications with the same fold key are one, with a count. */
  foldKey?: string | null;
}

export interface Prefs {
  inApp: boolean;
  email: boolean;
}

export async function prefsFor(database: Database, userId: string, kind: string): Promise<Prefs> {
  const row = await database.db
    .selectFrom('notification_prefs')
    .select(['in_app', 'email'])
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (row) return { inApp: !!row.in_app, email: !!row.email };
  return { inApp: true, email: (KINDS[kind]?.email ?? 'off') !== 'off' };
}

export async function allPrefs(database: Database, userId: string): Promise<Array<{ kind: string } & Prefs>> {
  const rows = await database.db.selectFrom('notification_prefs').selectAll().where('user_id', '=', userId).execute();
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return Object.entries(KINDS).map(([kind, d]) => {
    const r = byKind.get(kind);
    return { kind, inApp: r ? !!r.in_app : true, email: r ? !!r.email : d.email !== 'off' };
  });
}

export async function savePrefs(
  database: Database,
  userId: string,
  prefs: Array<{ kind: string } & Prefs>,
): Promise<void> {
  for (const p of prefs) {
    if (!(p.kind in KINDS)) continue;
    await database.db
      .insertInto('notification_prefs')
      .values({ user_id: userId, kind: p.kind, in_app: p.inApp ? 1 : 0, email: p.email ? 1 : 0 })
      .onConflict((oc) =>
        oc.columns(['user_id', 'kind']).doUpdateSet({ in_app: p.inApp ? 1 : 0, email: p.email ? 1 : 0 }),
      )
      .execute();
  }
}

export interface MailContext {
  /** The address users reach Samspil at, for links in mails. */
  baseUrl: string;
}

const mailContext: MailContext = { baseUrl: 'http://localhost:3000' };

/** Set once at start-up (createServices). */
export function setMailContext(ctx: MailContext): void {
  mailContext.baseUrl = ctx.baseUrl;
}

/** The municipality's name (its setting, or the root of the organisation), for the top of every mail. */
const organisation = (database: Database): Promise<string> => municipalityName(database);

async function recipient(database: Database, userId: string) {
  return database.db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'locale', 'is_active'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** Returns true when something new was recorded (a new notification or a fold). */
export async function notify(database: Database, n: NewNotification): Promise<boolean> {
  const prefs = await prefsFor(database, n.userId, n.kind);
  if (!prefs.inApp && !prefs.email) return false;
  if (n.foldKey) {
    const existing = await database.db
      .selectFrom('notifications')
      .select(['id', 'count'])
      .where('user_id', '=', n.userId)
      .where('fold_key', '=', n.foldKey)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    if (existing) {
      await database.db
        .updateTable('notifications')
        .set({
          count: existing.count + 1,
          params: JSON.stringify(n.params),
          created_at: nowIso(),
          link: n.link ?? null,
        })
        .where('id', '=', existing.id)
        .execute();
      return true;
    }
  }
  const inserted = await database.db
    .insertInto('notifications')
    .values({
      user_id: n.userId,
      kind: n.kind,
      params: JSON.stringify(n.params),
      link: n.link ?? null,
      dedupe_key: n.dedupeKey ?? null,
      fold_key: n.foldKey ?? null,
      created_at: nowIso(),
      // Switched off in the app: recorded (for the e-mail and the digest) but never shown as unread.
      read_at: prefs.inApp ? null : nowIso(),
      emailed_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  if (prefs.email && KINDS[n.kind]?.email === 'immediate') {
    const user = await recipient(database, n.userId);
    if (user?.email && user.is_active) {
      const locale = pickLocale(user.locale);
      const t = translator(locale);
      const text = describe(n.kind, n.params, locale);
      const url = n.link ? new URL(n.link, mailContext.baseUrl).toString() : mailContext.baseUrl;
      const mail = await templatedMail(
        database,
        'notification',
        locale,
        { 'modtager.navn': user.display_name, 'notifikation.tekst': text, link: url },
        {
          organisation: await organisation(database),
          actionUrl: url,
          footer: t('notifications.mail.footer', {
            url: new URL('/notifications/settings', mailContext.baseUrl).toString(),
          }),
        },
      );
      await queueMail(database, {
        to: user.email,
        toUserId: user.id,
        kind: n.kind,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        dedupeKey: `notification:${inserted.id}`,
      });
      await database.db
        .updateTable('notifications')
        .set({ emailed_at: nowIso() })
        .where('id', '=', inserted.id)
        .execute();
    }
  }
  return true;
}

export async function unreadCount(database: Database, userId: string): Promise<number> {
  const row = await database.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNotifications(database: Database, userId: string, limit = 50): Promise<NotificationRow[]> {
  return database.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function markRead(database: Database, userId: string, id?: number): Promise<void> {
  let q = database.db
    .updateTable('notifications')
    .set({ read_at: nowIso() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== undefined) q = q.where('id', '=', id);
  await q.execute();
}

/** Records that the user is in (at most once every five minutes, to spare the database). */
export async function touchLastSeen(database: Database, userId: string, lastSeenAt: string | null): Promise<void> {
  if (lastSeenAt && Date.now() - new Date(lastSeenAt).getTime() < 5 * 60_000) return;
  await database.db.updateTable('users').set({ last_seen_at: nowIso() }).where('id', '=', userId).execute();
}

/**
 * The digest: for each user who wants it, the unread notifications they have neither seen (they
 * have not been in since they came) nor been mailed, in one mail; those are then marked mailed.
 */
export async function sendDigests(database: Database, now = new Date()): Promise<number> {
  const candidates = await database.db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.locale', 'users.last_seen_at'])
    .where('notifications.read_at', 'is', null)
    .where('notifications.emailed_at', 'is', null)
    .where('users.is_active', '=', 1)
    .where('users.email', 'is not', null)
    .groupBy(['users.id', 'users.email', 'users.display_name', 'users.locale', 'users.last_seen_at'])
    .execute();
  let sent = 0;
  for (const u of candidates) {
    if (!(await prefsFor(database, u.id, 'digest')).email) continue;
    let q = database.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', u.id)
      .where('read_at', 'is', null)
      .where('emailed_at', 'is', null)
      .orderBy('created_at');
    // Only what came after the user was last in: what they saw in the app is not mailed again.
    if (u.last_seen_at) q = q.where('created_at', '>', u.last_seen_at);
    const items = [];
    for (const n of await q.limit(50).execute())
      if (n.kind in KINDS && (await prefsFor(database, u.id, n.kind)).email) items.push(n);
    if (!items.length) continue;
    const locale: Locale = isLocale(u.locale) ? u.locale : 'da';
    const t = translator(locale);
    const link = new URL('/notifications', mailContext.baseUrl).toString();
    const mail = await templatedMail(
      database,
      'digest',
      locale,
      {
        'modtager.navn': u.display_name,
        antal: String(items.length),
        notifikationer: items
          .map((n) => `• ${describe(n.kind, JSON.parse(n.params) as Record<string, string | number>, locale, n.count)}`)
          .join('\n'),
        link,
      },
      {
        organisation: await organisation(database),
        actionUrl: link,
        footer: t('notifications.mail.footer', {
          url: new URL('/notifications/settings', mailContext.baseUrl).toString(),
        }),
      },
    );
    const stamp = now.toISOString();
    const queued = await queueMail(database, {
      to: u.email!,
      toUserId: u.id,
      kind: 'digest',
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      dedupeKey: `digest:${u.id}:${items.map((i) => i.id).join(',')}`,
    });
    await database.db
      .updateTable('notifications')
      .set({ emailed_at: stamp })
      .where(
        'id',
        'in',
        items.map((i) => i.id),
      )
      .execute();
    await database.db.updateTable('users').set({ last_digest_at: stamp }).where('id', '=', u.id).execute();
    if (queued) sent++;
  }
  return sent;
}

export function digestJob(database: Database): JobDefinition {
  return {
    name: 'notification-digest',
    schedule: '0 16 * * 1-5',
    title: 'jobs.notification-digest',
    result: 'jobs.notification-digest.result',
    run: async () => ({ counts: { digests: await sendDigests(database) } }),
  };
}
