import type { Database } from './db/index.ts';
import { nowIso } from './db/index.ts';

/** Small key/value settings kept in the database (shared by every app instance). */
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
