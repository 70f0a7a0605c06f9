import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/helpers/db.ts';
import { audit, GENESIS_HASH, searchAudit, verifyAuditChain } from './service.ts';

const actor = { id: 'u1', name: 'Kasper Lindholm' };

describe.each(DIALECTS)('audit log (%s)', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(async () => t.cleanup());

  async function writeSome(n: number) {
    for (let i = 0; i < n; i++) {
      await audit(t.database, {
        actor,
        action: 'case.view',
        entityType: 'case',
        entityId: i,
        summary: `viewed ${i}`,
        details: { i },
        ip: '10.0.0.1',
      });
    }
  }

  it('chains every entry to the one before it', async () => {
    await writeSome(3);
    const rows = await t.database.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    expect(await verifyAuditChain(t.database)).toEqual({ ok: true, checked: 3 });
  });

  it('keeps the chain whole under concurrent writers', async () => {
    // PostgreSQL: a second pool, as a second app instance would have. SQLite runs one handle per
    // process (better-sqlite3 blocks the thread while it waits for a lock, so two handles in one
    // process would wait on each other); concurrency there is requests sharing that handle.
    const other = dialect === 'postgres' ? t.open() : t.database;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit(i % 2 ? other : t.database, { actor, action: 'case.view', entityId: i }),
      ),
    );
    const check = await verifyAuditChain(t.database);
    expect(check).toEqual({ ok: true, checked: 20 });
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    await writeSome(1);
    await expect(t.database.db.updateTable('audit_log').set({ summary: 'changed' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });

  async function withoutGuards(fn: () => Promise<unknown>) {
    // Simulates someone with direct database access who switches the guard off.
    if (dialect === 'postgres') {
      await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(t.database.db);
      await fn();
      await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(t.database.db);
    } else {
      await sql`drop trigger audit_log_no_update`.execute(t.database.db);
      await sql`drop trigger audit_log_no_delete`.execute(t.database.db);
      await fn();
    }
  }

  it('detects a row whose content was changed', async () => {
    await writeSome(5);
    await withoutGuards(() =>
      t.database.db.updateTable('audit_log').set({ actor_name: 'Someone Else' }).where('id', '=', 3).execute(),
    );
    expect(await verifyAuditChain(t.database)).toEqual({ ok: false, checked: 2, brokenAt: 3, reason: 'hash' });
  });

  it('detects a deleted row', async () => {
    await writeSome(5);
    await withoutGuards(() => t.database.db.deleteFrom('audit_log').where('id', '=', 2).execute());
    expect(await verifyAuditChain(t.database)).toEqual({ ok: false, checked: 1, brokenAt: 3, reason: 'link' });
  });

  it('detects a row re-hashed by someone who forgot the link', async () => {
    await writeSome(4);
    await withoutGuards(async () => {
      const { hashEntry } = await import('./service.ts');
      const row = await t.database.db.selectFrom('audit_log').selectAll().where('id', '=', 2).executeTakeFirstOrThrow();
      const forged = { ...row, summary: 'forged' };
      await t.database.db
        .updateTable('audit_log')
        .set({ summary: 'forged', hash: hashEntry(forged) })
        .where('id', '=', 2)
        .execute();
    });
    const check = await verifyAuditChain(t.database, 2);
    expect(check).toEqual({ ok: false, checked: 2, brokenAt: 3, reason: 'link' });
  });

  it('searches newest first with keyset paging and filters', async () => {
    await writeSome(7);
    await audit(t.database, {
      actor: { id: 'u2', name: 'Birgit Sønderby' },
      action: 'user.update',
      entityType: 'user',
      entityId: 'u9',
    });
    const first = await searchAudit(t.database, { limit: 3 });
    expect(first.rows.map((r) => r.id)).toEqual([8, 7, 6]);
    const second = await searchAudit(t.database, { limit: 3, before: first.nextBefore! });
    expect(second.rows.map((r) => r.id)).toEqual([5, 4, 3]);
    expect((await searchAudit(t.database, { actor: 'kasper' })).rows).toHaveLength(7);
    expect((await searchAudit(t.database, { action: 'user.' })).rows.map((r) => r.entity_id)).toEqual(['u9']);
    expect((await searchAudit(t.database, { entity: 'case:4' })).rows).toHaveLength(1);
    expect((await searchAudit(t.database, { actor: '100%_' })).rows).toHaveLength(0);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await searchAudit(t.database, { from: future })).rows).toHaveLength(0);
    expect((await searchAudit(t.database, { to: future })).rows).toHaveLength(8);
  });
});
