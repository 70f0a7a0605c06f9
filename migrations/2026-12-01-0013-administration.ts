import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { instantType } from '../src/db/migration-helpers.ts';

/**
 * Administration without a database console, and single sign-on (issue 12): the columns and
 * tables that the users, organisation, import and sign-in work share.
 *
 * - `users.last_sign_in_at`: the newest sign-in (password or single sign-on), kept on the row so
 *   that the user list can show and sort by it at 10,000 users; back-filled from the audit log.
 * - `users.external_id`: the person's key in the system the directory import reads (an OS2mo
 *   person UUID, an HR system's employee number); unique where set, so an import finds the same
 *   person again when their username or name changes.
 * - `users.break_glass`: this account may sign in with its local password when local passwords
 *   are switched off for everyone else (single sign-on only).
 * - `org_units.external_id`: the unit's key in the imported system (OS2mo's unit UUID, an HR
 *   system's department code).
 * - `org_unit_leaders`: the people named as a unit's leaders (in order). A unit where nobody is
 *   named keeps the rule before it: its leaders are the people placed in it whom others there
 *   report to. Back-filled from that rule, so nothing changes for the units that have leaders now.
 * - `user_identities`: a person's accounts at an identity provider (issuer + subject, the stable
 *   claim single sign-on matches on, never the e-mail alone).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);

  await db.schema.alterTable('users').addColumn('last_sign_in_at', instant).execute();
  await db.schema.alterTable('users').addColumn('external_id', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('break_glass', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('users_external_id').on('users').column('external_id').unique().execute();
  await db.schema.createIndex('users_last_sign_in').on('users').columns(['last_sign_in_at', 'id']).execute();
  await db.schema.createIndex('users_display_name').on('users').columns(['display_name', 'id']).execute();

  await db.schema.alterTable('org_units').addColumn('external_id', 'text').execute();
  await db.schema.createIndex('org_units_external_id').on('org_units').column('external_id').unique().execute();

  await db.schema
    .createTable('org_unit_leaders')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('org_unit_leaders_pk', ['unit_id', 'user_id'])
    .execute();
  await db.schema.createIndex('org_unit_leaders_user').on('org_unit_leaders').column('user_id').execute();

  await db.schema
    .createTable('user_identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('last_used_at', instant)
    .addPrimaryKeyConstraint('user_identities_pk', ['issuer', 'subject'])
    .execute();
  await db.schema.createIndex('user_identities_user').on('user_identities').column('user_id').execute();

  // The newest sign-in of each person, from the audit log (the only record of it until now).
  await sql`
    update users set last_sign_in_at = (
      select max(a.at) from audit_log a where a.actor_id = users.id and a.action = 'session.create'
    )`.execute(db);

  // Today's leaders (people placed in a unit whom another active person there reports to) become
  // the unit's named leaders.
  const now = new Date().toISOString();
  await sql`
    insert into org_unit_leaders (unit_id, user_id, sort_order, created_at)
    select distinct leader.org_unit_id, leader.id, 0, cast(${now} as ${instant})
    from users staff
    join users leader on leader.id = staff.manager_id
    where staff.is_active = 1 and leader.is_active = 1
      and leader.org_unit_id is not null and staff.org_unit_id = leader.org_unit_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_identities').execute();
  await db.schema.dropTable('org_unit_leaders').execute();
  await db.schema.dropIndex('org_units_external_id').execute();
  await db.schema.alterTable('org_units').dropColumn('external_id').execute();
  await db.schema.dropIndex('users_display_name').execute();
  await db.schema.dropIndex('users_last_sign_in').execute();
  await db.schema.dropIndex('users_external_id').execute();
  await db.schema.alterTable('users').dropColumn('break_glass').execute();
  await db.schema.alterTable('users').dropColumn('external_id').execute();
  await db.schema.alterTable('users').dropColumn('last_sign_in_at').execute();
}
