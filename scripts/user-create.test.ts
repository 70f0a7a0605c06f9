import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test/helpers/db.ts';
import { verifyPassword } from '../src/auth/password.ts';
import { userCreate } from './user-create.ts';

describe.each(DIALECTS)('npm run user:create (%s)', (dialect) => {
  let t: TestDatabase;
  let out: string[];
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    out = [];
  });
  afterEach(async () => t.cleanup());

  const run = (argv: string[], password = 'et-rigtig-godt-password') =>
    userCreate(t.database, argv, { password: async () => password, scryptCost: 1024, out: (l) => out.push(l) });

  it('creates the first administrator of an empty installation', async () => {
    expect(await run(['--username', 'anna.holm', '--name', 'Anna Holm'])).toBe(0);
    const user = await t.database.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'anna.holm')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(user.password_hash!, 'et-rigtig-godt-password')).toBe(true);
    const roles = await t.database.db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', user.id)
      .orderBy('role')
      .execute();
    expect(roles.map((r) => r.role)).toEqual(['admin', 'employee']);
    const logged = await t.database.db.selectFrom('audit_log').select(['action', 'actor_id']).execute();
    expect(logged).toEqual([{ action: 'user.create', actor_id: null }]);
  });

  it('explains bad input and creates nothing', async () => {
    expect(await run(['--username', 'Anna Holm', '--name', 'Anna Holm'], 'short')).toBe(1);
    expect(out.join('\n')).toMatch(/username: The username may only contain/);
    expect(out.join('\n')).toMatch(/password: The password must be at least 12 characters/);
    expect(await run(['--username', 'anna', '--name', 'A', '--role', 'boss'])).toBe(2);
    expect(out.join('\n')).toContain('Unknown role(s): boss');
    expect(await run(['--name', 'No Username'])).toBe(2);
    expect(await t.database.db.selectFrom('users').select('id').execute()).toHaveLength(0);
  });
});
