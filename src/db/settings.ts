import type { Database } from './index.ts';
import { nowIso } from './index.ts';

/**
 * Settings stored in the database (the `settings` table): small key/value pairs that change while
 * the app runs and are shared by every app instance — file quotas (changed on /admin/settings),
 * the meetings' notice rule, the case number pattern, the demo marker. Not to be confused with
 * src/config.ts: the environment (DATABASE_URL, PORT, upload limits …), read once at start.
 */

/** A setting's value, or null when it was never set. */
export async function getSetting(database: Database, key: string): Promise<string | null> {
  const row = await database.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function putSetting(database: Database, key: string, value: string): Promise<void> {
  const updated_at = nowIso();
  await database.db
    .insertInto('settings')
    .values({ key, value, updated_at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at }))
    .execute();
}

/** Set by the demo seed; the sign-in page then shows the demo hint. */
export const DEMO_SEEDED = 'demo.seeded_at';
