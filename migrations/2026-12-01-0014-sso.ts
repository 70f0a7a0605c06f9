import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, instantType } from '../src/db/migration-helpers.ts';

/**
 * Single sign-on with OpenID Connect (issue 12, src/modules/sso).
 *
 * - `sso_provider`: the one identity provider (one row, id 1): issuer, client, scopes, the claims
 *   we read, whether first-time users are created. The client secret is stored here and never
 *   shown back.
 * - `sso_group_rules`: "members of group X get role R" / "… are placed in unit U", in order.
 * - `sso_logins`: a pending sign-in (state, nonce, PKCE verifier, where to go next), bound to one
 *   browser by the hash of a random cookie value; used once, expires after ten minutes.
 * - `sso_sessions`: the ID token of a session begun by single sign-on (keyed by the session's
 *   hashed id, removed with it), for the provider's sign-out (`id_token_hint`).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);

  await db.schema
    .createTable('sso_provider')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret', 'text')
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('button_name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('match_claim', 'text', (c) => c.notNull())
    .addColumn('create_users', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('username_claim', 'text', (c) => c.notNull())
    .addColumn('group_claim', 'text', (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  let rules = db.schema.createTable('sso_group_rules');
  rules = addIdColumn(rules, dialect);
  await rules
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('group_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('role', 'unit')`))
    .addColumn('role', 'text')
    .addColumn('unit_id', 'integer', (c) => c.references('org_units.id').onDelete('cascade'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_group_rules_position').on('sso_group_rules').columns(['position', 'id']).execute();

  await db.schema
    .createTable('sso_logins')
    .addColumn('state', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('browser_hash', 'text', (c) => c.notNull())
    .addColumn('next', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('used_at', instant)
    .execute();
  await db.schema.createIndex('sso_logins_created').on('sso_logins').column('created_at').execute();

  await db.schema
    .createTable('sso_sessions')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
    .addColumn('id_token', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sso_sessions').execute();
  await db.schema.dropTable('sso_logins').execute();
  await db.schema.dropTable('sso_group_rules').execute();
  await db.schema.dropTable('sso_provider').execute();
}
