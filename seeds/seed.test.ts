import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test/helpers/db.ts';
import { verifyPassword } from '../src/auth/password.ts';
import { isEmpty, seedDemo } from './index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-org.ts';

describe.each(DIALECTS)('the demo municipality (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    expect(await isEmpty(t.database)).toBe(true);
    await seedDemo(t.database, { scryptCost: 1024 });
  });
  afterAll(async () => t.cleanup());

  it('has one municipality, five directorates and about twenty units in a tree', async () => {
    const units = await t.database.db.selectFrom('org_units').selectAll().execute();
    expect(units.filter((u) => u.kind === 'municipality')).toHaveLength(1);
    expect(units.filter((u) => u.kind === 'directorate')).toHaveLength(5);
    const plain = units.filter((u) => u.kind === 'unit');
    expect(plain.length).toBeGreaterThanOrEqual(20);
    const ids = new Set(units.map((u) => u.id));
    for (const u of units.filter((x) => x.kind !== 'municipality')) expect(ids.has(u.parent_id!)).toBe(true);
  });

  it('has about sixty employees with Danish names, titles, e-mail, phone and a manager', async () => {
    const people = await t.database.db.selectFrom('users').selectAll().execute();
    expect(people.length).toBeGreaterThanOrEqual(55);
    expect(people.length).toBeLessThanOrEqual(70);
    expect(new Set(people.map((p) => p.display_name)).size).toBe(people.length);
    for (const p of people) {
      expect(p.title).toBeTruthy();
      expect(p.email).toMatch(/^[a-z0-9.]+@skovlund\.dk$/);
      expect(p.phone).toMatch(/^\d{2} \d{2} \d{2} \d{2}$/);
    }
    const withoutManager = people.filter((p) => !p.manager_id).map((p) => p.title);
    expect(withoutManager.sort()).toEqual(['Borgmester', 'Byrådsmedlem', 'Kommunaldirektør']);
    expect(people.some((p) => /[æøå]/i.test(p.display_name))).toBe(true);
  });

  it('has the six demo accounts, one per role, with the demo password', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const user = await t.database.db.selectFrom('users').selectAll().where('username', '=', account.username).executeTakeFirstOrThrow();
      expect(await verifyPassword(user.password_hash!, DEMO_PASSWORD)).toBe(true);
      const roles = await t.database.db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute();
      expect(roles.map((r) => r.role).sort()).toEqual([...account.roles].sort());
    }
    const withPassword = await t.database.db.selectFrom('users').select('username').where('password_hash', 'is not', null).execute();
    expect(withPassword).toHaveLength(DEMO_ACCOUNTS.length);
  });
});
