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

export async function deleteSetting(database: Database, key: string): Promise<void> {
  await database.db.deleteFrom('settings').where('key', '=', key).execute();
}

/** The municipality's name as the administrator wrote it (Administration → Indstillinger → Kommunen). */
export const MUNICIPALITY_NAME = 'municipality.name';

/**
 * The municipality's name, for the header, page titles and the top of every e-mail: the setting,
 * or, when none is written, the name of the top of the organisation (the org tree's root unit).
 */
export async function municipalityName(database: Database): Promise<string> {
  const own = (await getSetting(database, MUNICIPALITY_NAME))?.trim();
  if (own) return own;
  return rootUnitName(database);
}

/** The top of the organisation's name (the default of the municipality's name). */
export async function rootUnitName(database: Database): Promise<string> {
  const root = await database.db
    .selectFrom('org_units')
    .select('name')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  return root?.name ?? 'Samspil';
}

/** Set by the demo seed; the sign-in page then shows the demo hint. */
export const DEMO_SEEDED = 'demo.seeded_at';
