import { addPerson as addPersonTo } from './org.fixtures.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { seedDemo } from '../../../seeds/index.ts';
import {
  countDirectory,
  orgChart,
  personPlacement,
  searchDirectory,
  subUnitIds,
  type DirectoryCursor,
  type OrgNode,
} from './service.ts';

describe.each(DIALECTS)('org service: directory, profiles and chart (%s)', (dialect) => {
  let t: TestDatabase;
  const db = () => t.database.db;
  const user = (username: string) =>
    db().selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const unit = (name: string) =>
    db().selectFrom('org_units').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedDemo(t.database, { scryptCost: 1024 });
  });
  afterAll(async () => t.cleanup());

  const addPerson = (name: string, unitName: string, title?: string) => addPersonTo(t.database, name, unitName, title);

  it('pages through everyone by (name, id) without repeats, and counts match', async () => {
    const total = await countDirectory(t.database, {});
    const active = await db().selectFrom('users').select('id').where('is_active', '=', 1).execute();
    expect(total).toBe(active.length);
    const seen: string[] = [];
    const names: string[] = [];
    let after: DirectoryCursor | null = null;
    for (let i = 0; i < 100; i++) {
      const page: Awaited<ReturnType<typeof searchDirectory>> = await searchDirectory(t.database, { after, limit: 7 });
      seen.push(...page.items.map((p) => p.id));
      names.push(...page.items.map((p) => p.displayName));
      if (!page.next) break;
      after = page.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    // Keyset order is the database's order of names; each page continues where the last ended.
    const ordered = await db()
      .selectFrom('users')
      .select('id')
      .where('is_active', '=', 1)
      .orderBy('display_name')
      .orderBy('id')
      .execute();
    expect(seen).toEqual(ordered.map((r) => r.id));
  });

  it('matches every word, ignoring case, also for Æ, Ø and Å on SQLite', async () => {
    const id = await addPerson('Åse Østergaard', 'Byggeri', 'Ældrekonsulent');
    for (const q of ['østergaard', 'ÅSE', 'åse øster', 'ældrekonsulent', 'byggeri åse']) {
      const found = await searchDirectory(t.database, { text: q });
      expect(
        found.items.map((p) => p.id),
        q,
      ).toContain(id);
    }
    expect((await searchDirectory(t.database, { text: 'åse nielsen' })).items.map((p) => p.id)).not.toContain(id);
    // LIKE wildcards in the input are literal.
    expect((await searchDirectory(t.database, { text: '%' })).items).toEqual([]);
    expect(await countDirectory(t.database, { text: '_' })).toBe(0);
  });

  it('filters by unit with every unit under it', async () => {
    const tm = await unit('Teknik og Miljø');
    const ids = await subUnitIds(t.database, tm.id);
    const children = await db().selectFrom('org_units').select('id').where('parent_id', '=', tm.id).execute();
    expect(ids.sort()).toEqual([tm.id, ...children.map((c) => c.id)].sort());
    const inTm = await db()
      .selectFrom('users')
      .select('id')
      .where('org_unit_id', 'in', ids)
      .where('is_active', '=', 1)
      .execute();
    expect(await countDirectory(t.database, { unitId: tm.id })).toBe(inTm.length);
    const kasper = await user('sagsbehandler');
    expect((await searchDirectory(t.database, { unitId: tm.id, limit: 200 })).items.map((p) => p.id)).toContain(
      kasper.id,
    );
    const byggeri = await unit('Byggeri');
    expect((await searchDirectory(t.database, { unitId: byggeri.id, text: 'kasper' })).items.map((p) => p.id)).toEqual([
      kasper.id,
    ]);
    const root = await db()
      .selectFrom('org_units')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(await countDirectory(t.database, { unitId: root.id })).toBe(await countDirectory(t.database, {}));
  });

  it('builds the org chart with head counts, leaders, zoom and the focused unit’s people', async () => {
    const chart = (await orgChart(t.database))!;
    expect(chart.focus.kind).toBe('municipality');
    const all = await db().selectFrom('users').select('id').where('is_active', '=', 1).execute();
    expect(chart.focus.totalCount).toBe(all.length);
    const units = await db().selectFrom('org_units').select('id').execute();
    const walk = (n: OrgNode): number[] => [n.id, ...n.children.flatMap(walk)];
    expect(walk(chart.focus).sort()).toEqual(units.map((u) => u.id).sort());
    const sumChildren = (n: OrgNode): void => {
      expect(n.totalCount).toBe(n.directCount + n.children.reduce((s, c) => s + c.totalCount, 0));
      n.children.forEach(sumChildren);
    };
    sumChildren(chart.focus);
    // The leader of a unit is the member who manages the others.
    const byggeri = await unit('Byggeri');
    const tmNode = chart.focus.children.find((c) => c.name === 'Teknik og Miljø')!;
    const byggeriNode = tmNode.children.find((c) => c.id === byggeri.id)!;
    const kasper = await user('sagsbehandler');
    expect(byggeriNode.leader?.id).toBe(kasper.manager_id);
    expect(chart.people.every((p) => p.unitId === chart.focus.id)).toBe(true);

    const zoomed = (await orgChart(t.database, { unitId: byggeri.id }))!;
    expect(zoomed.focus.id).toBe(byggeri.id);
    expect(zoomed.path.map((u) => u.name)).toEqual(['Skovlund Kommune', 'Teknik og Miljø', 'Byggeri']);
    expect(zoomed.people.map((p) => p.id)).toContain(kasper.id);
    const shallow = (await orgChart(t.database, { depth: 1 }))!;
    expect(shallow.focus.children.every((c) => c.children.length === 0)).toBe(true);
    expect(shallow.focus.children.some((c) => c.hasMore)).toBe(true);
    expect(await orgChart(t.database, { unitId: 987654 })).toBeNull();

    const placed = (await personPlacement(t.database, 'sagsbehandler'))!;
    expect(placed.unitId).toBe(byggeri.id);
    expect(placed.unitPath).toEqual(zoomed.path.map((u) => u.id));
  });
});
