import { randomUUID } from 'node:crypto';
import { nowIso, type Database } from '../../db/index.ts';

/** An active employee without an account password, placed in the unit named (tests of the directory and profiles). */
export async function addPerson(
  database: Database,
  name: string,
  unitName: string,
  title = 'Konsulent',
): Promise<string> {
  const now = nowIso();
  const id = randomUUID();
  const unit = await database.db
    .selectFrom('org_units')
    .select('id')
    .where('name', '=', unitName)
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('users')
    .values({
      id,
      username: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${id.slice(0, 4)}`,
      display_name: name,
      email: null,
      phone: null,
      title,
      org_unit_id: unit.id,
      manager_id: null,
      password_hash: null,
      locale: null,
      is_active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
