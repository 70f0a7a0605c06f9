import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { seedDemo } from '../../../seeds/index.ts';
import { UNIT_MERGE_STEPS } from '../../app.tsx';
import { unitLeaderIds } from '../cases/access.ts';
import { createCase, emptyCaseInput } from '../cases/index.ts';
import { nowIso } from '../../db/index.ts';
import {
  adminTree,
  createUnit,
  deleteUnit,
  deletionBlockers,
  mergePreview,
  mergeUnits,
  movePreview,
  moveUnit,
  updateUnit,
  type UnitInput,
} from './admin.ts';
import { addLeader, moveLeader, removeLeader, unitLeaders, unitLeadership } from './leaders.ts';
import type { UnitMergeStep } from './merge-steps.ts';
import { addPerson } from './org.fixtures.ts';
import { orgChart } from './service.ts';

const actor = { id: 'test-admin', name: 'Test Admin' };
const input = (over: Partial<UnitInput>): UnitInput => ({
  name: '',
  shortName: '',
  kind: 'unit',
  email: '',
  phone: '',
  parentId: '',
  ...over,
});

describe.each(DIALECTS)('org admin: units, moves, merges, leaders (%s)', (dialect) => {
  let t: TestDatabase;
  const db = () => t.database.db;
  const unit = (name: string) =>
    db().selectFrom('org_units').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
  const auditOf = (action: string) =>
    db().selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').executeTakeFirst();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedDemo(t.database, { scryptCost: 1024 });
    // The demo names its leaders; these tests start from a database where nobody is named yet
    // (as one migrated from before named leaders), so that the fallback rule is what they see first.
    await t.database.db.deleteFrom('org_unit_leaders').execute();
  });
  afterAll(async () => t.cleanup());

  it('builds the whole tree with head counts (direct / total) and leaders', async () => {
    const tree = await adminTree(t.database);
    const all = await db().selectFrom('org_units').select('id').execute();
    expect(tree.ordered).toHaveLength(all.length);
    expect(tree.roots).toHaveLength(1);
    expect(tree.roots[0]!.kind).toBe('municipality');
    const active = await db()
      .selectFrom('users')
      .select('id')
      .where('is_active', '=', 1)
      .where('org_unit_id', 'is not', null)
      .execute();
    expect(tree.roots[0]!.totalCount).toBe(active.length);
    const byggeri = tree.byId.get((await unit('Byggeri')).id)!;
    const inByggeri = await db()
      .selectFrom('users')
      .select('id')
      .where('org_unit_id', '=', byggeri.id)
      .where('is_active', '=', 1)
      .execute();
    expect(byggeri.directCount).toBe(inByggeri.length);
    expect(byggeri.leaders.map((l) => l.id)).toEqual(await unitLeaders(t.database, byggeri.id));
  });

  it('validates a new unit: empty name, same name under the same parent, kind rules, e-mail', async () => {
    const teknik = await unit('Byggeri');
    const parentId = String(teknik.parent_id);
    const empty = await createUnit(t.database, input({ name: '  ', parentId }), actor);
    expect(empty).toEqual({ ok: false, errors: { name: 'orgAdmin.error.nameEmpty' } });
    const dup = await createUnit(t.database, input({ name: 'byggeri', parentId }), actor);
    expect(dup).toEqual({ ok: false, errors: { name: 'orgAdmin.error.nameTaken' } });
    const secondRoot = await createUnit(t.database, input({ name: 'Nabokommune', kind: 'municipality' }), actor);
    expect(secondRoot).toEqual({ ok: false, errors: { kind: 'orgAdmin.error.oneMunicipality' } });
    const noParent = await createUnit(t.database, input({ name: 'Løs enhed' }), actor);
    expect(noParent).toEqual({ ok: false, errors: { kind: 'orgAdmin.error.rootMunicipality' } });
    const deepMunicipality = await createUnit(t.database, input({ name: 'X', kind: 'municipality', parentId }), actor);
    expect(deepMunicipality).toEqual({ ok: false, errors: { kind: 'orgAdmin.error.municipalityRoot' } });
    const badMail = await createUnit(t.database, input({ name: 'Y', email: 'ikke en adresse', parentId }), actor);
    expect(badMail).toEqual({ ok: false, errors: { email: 'orgAdmin.error.email' } });
    const made = await createUnit(
      t.database,
      input({ name: 'Byggeri Syd', shortName: 'BYS', email: 'bys@kommune.dk', parentId }),
      actor,
    );
    expect(made.ok).toBe(true);
    const row = await unit('Byggeri Syd');
    expect(row).toMatchObject({ parent_id: teknik.parent_id, short_name: 'BYS', kind: 'unit' });
    expect((await auditOf('org.unit.create'))?.entity_id).toBe(String(row.id));
    // Renaming to a sibling's name is refused; renaming to itself in other case is fine.
    const clash = await updateUnit(t.database, row.id, input({ name: 'BYGGERI' }), actor);
    expect(clash).toEqual({ ok: false, errors: { name: 'orgAdmin.error.nameTaken' } });
    expect((await updateUnit(t.database, row.id, input({ name: 'Byggeri syd' }), actor)).ok).toBe(true);
    const audit = await auditOf('org.unit.update');
    expect(JSON.parse(audit!.details!)).toMatchObject({
      before: { name: 'Byggeri Syd' },
      after: { name: 'Byggeri syd' },
    });
  });

  it('refuses a move under itself, its own sub-units or of the root, and moves otherwise', async () => {
    const parent = await unit('Byggeri syd');
    const childMade = await createUnit(
      t.database,
      input({ name: 'Byggeri syd, team 1', parentId: String(parent.id) }),
      actor,
    );
    expect(childMade.ok).toBe(true);
    const child = await unit('Byggeri syd, team 1');
    expect(await moveUnit(t.database, parent.id, parent.id, actor)).toEqual({
      ok: false,
      error: 'orgAdmin.move.error.self',
    });
    expect(await moveUnit(t.database, parent.id, child.id, actor)).toEqual({
      ok: false,
      error: 'orgAdmin.move.error.descendant',
    });
    const root = await db()
      .selectFrom('org_units')
      .selectAll()
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(await moveUnit(t.database, root.id, parent.id, actor)).toEqual({
      ok: false,
      error: 'orgAdmin.move.error.root',
    });
    const target = await unit('Digitalisering og IT');
    const tree = await adminTree(t.database);
    const preview = await movePreview(t.database, tree, parent.id, target.id, UNIT_MERGE_STEPS);
    expect(preview).toMatchObject({ subUnits: 1, people: 0 });
    expect(await moveUnit(t.database, parent.id, target.id, actor)).toEqual({ ok: true });
    expect((await unit('Byggeri syd')).parent_id).toBe(target.id);
    expect((await unit('Byggeri syd, team 1')).parent_id).toBe(parent.id);
    const audit = await auditOf('org.unit.move');
    expect(JSON.parse(audit!.details!)).toMatchObject({
      before: { parent_id: (await unit('Byggeri')).parent_id },
      after: { parent_id: target.id },
    });
  });

  async function fillUnit(name: string) {
    const a = await unit(name);
    const people = [await addPerson(t.database, 'Alma Flyt', name), await addPerson(t.database, 'Bent Flyt', name)];
    const worker = await db()
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow();
    const made = await createCase(
      t.database,
      emptyCaseInput({ title: `Sag i ${name}`, kleNumber: '02.34.02', unitId: String(worker.org_unit_id) }),
      { id: worker.id, name: worker.display_name, roles: ['caseworker', 'employee'], orgUnitId: worker.org_unit_id },
    );
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    const someCase = { id: made.id };
    await db().updateTable('cases').set({ unit_id: a.id }).where('id', '=', someCase.id).execute();
    await db().insertInto('case_access').values({ case_id: someCase.id, user_id: null, unit_id: a.id }).execute();
    const now = nowIso();
    const news = await db()
      .insertInto('news')
      .values({
        title: `Nyt fra ${name}`,
        summary: '',
        body_md: 'Tekst',
        body_text: 'Tekst',
        image_sha256: null,
        image_mime: null,
        image_alt: null,
        publish_at: now,
        unpublish_at: null,
        pinned: 0,
        must_read: 0,
        version: 1,
        author_id: null,
        created_at: now,
        updated_at: now,
        updated_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db().insertInto('news_audience').values({ news_id: news.id, unit_id: a.id }).execute();
    await addLeader(t.database, a.id, people[0]!, actor);
    // A single sign-on rule that places a group's members in the unit.
    const rule = await db()
      .insertInto('sso_group_rules')
      .values({ position: 1, group_name: 'fusion-a', kind: 'unit', role: null, unit_id: a.id, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { a, people, caseId: someCase.id, newsId: news.id, ruleId: rule.id };
  }

  it('merges everything from A into B in one transaction, or nothing when a step fails', async () => {
    const made = await createUnit(
      t.database,
      input({ name: 'Fusion A', parentId: String((await unit('Byggeri')).parent_id) }),
      actor,
    );
    expect(made.ok).toBe(true);
    const { a, people, caseId, newsId, ruleId } = await fillUnit('Fusion A');
    await createUnit(t.database, input({ name: 'Fusion A, team', parentId: String(a.id) }), actor);
    const b = await unit('Digitalisering og IT');

    // A step that throws after the others have moved their rows: nothing may stay moved.
    const failing: UnitMergeStep = {
      id: 'boom',
      covers: [],
      label: 'orgAdmin.held.cases',
      count: () => Promise.resolve(0),
      move: () => Promise.reject(new Error('boom')),
    };
    await expect(mergeUnits(t.database, a.id, b.id, [...UNIT_MERGE_STEPS, failing], true, actor)).rejects.toThrow(
      'boom',
    );
    expect((await unit('Fusion A')).id).toBe(a.id);
    const stillThere = await db().selectFrom('users').select('org_unit_id').where('id', 'in', people).execute();
    expect(stillThere.every((p) => p.org_unit_id === a.id)).toBe(true);
    expect(
      (await db().selectFrom('cases').select('unit_id').where('id', '=', caseId).executeTakeFirstOrThrow()).unit_id,
    ).toBe(a.id);
    expect((await unit('Fusion A, team')).parent_id).toBe(a.id);

    const tree = await adminTree(t.database);
    const preview = await mergePreview(t.database, tree, a.id, b.id, UNIT_MERGE_STEPS);
    const held = Object.fromEntries(preview!.held.map((h) => [h.id, h.count]));
    expect(held).toEqual({ people: 2, subUnits: 1, cases: 1, caseAccess: 1, newsAudience: 1, ssoGroupRules: 1 });
    expect(preview!.fromLeaders.map((l) => l.id)).toEqual([people[0]]);

    const bLeadersBefore = await unitLeaders(t.database, b.id);
    expect(bLeadersBefore.length).toBeGreaterThan(0);
    expect((await unitLeadership(t.database, b.id)).fromNamed).toBe(false);
    const result = await mergeUnits(t.database, a.id, b.id, UNIT_MERGE_STEPS, true, actor);
    expect(result).toEqual({
      ok: true,
      counts: { people: 2, subUnits: 1, cases: 1, caseAccess: 1, newsAudience: 1, ssoGroupRules: 1, leaders: 1 },
    });
    expect(await db().selectFrom('org_units').select('id').where('id', '=', a.id).executeTakeFirst()).toBeUndefined();
    const moved = await db().selectFrom('users').select('org_unit_id').where('id', 'in', people).execute();
    expect(moved.every((p) => p.org_unit_id === b.id)).toBe(true);
    expect(
      (await db().selectFrom('cases').select('unit_id').where('id', '=', caseId).executeTakeFirstOrThrow()).unit_id,
    ).toBe(b.id);
    const grants = await db().selectFrom('case_access').select('unit_id').where('case_id', '=', caseId).execute();
    expect(grants.map((g) => g.unit_id)).toContain(b.id);
    expect(grants.map((g) => g.unit_id)).not.toContain(a.id);
    const audience = await db().selectFrom('news_audience').select('unit_id').where('news_id', '=', newsId).execute();
    expect(audience.map((r) => r.unit_id)).toEqual([b.id]);
    const rule = await db().selectFrom('sso_group_rules').select('unit_id').where('id', '=', ruleId).executeTakeFirst();
    expect(rule?.unit_id).toBe(b.id);
    expect((await unit('Fusion A, team')).parent_id).toBe(b.id);
    // B's leaders by today's rule are named first, so naming A's leader does not push them out.
    expect(await unitLeaders(t.database, b.id)).toEqual([...bLeadersBefore, people[0]]);
    const audit = await auditOf('org.unit.merge');
    expect(JSON.parse(audit!.details!)).toMatchObject({
      merged: { id: a.id, name: 'Fusion A', external_id: null },
      counts: { people: 2, cases: 1 },
    });
  });

  it('deletes only an empty unit, and says what is in one that is not', async () => {
    const parentId = String((await unit('Byggeri')).parent_id);
    await createUnit(t.database, input({ name: 'Tom enhed', parentId }), actor);
    await createUnit(t.database, input({ name: 'Fuld enhed', parentId }), actor);
    const full = await fillUnit('Fuld enhed');
    const blockers = await deletionBlockers(t.database, full.a.id, UNIT_MERGE_STEPS);
    expect(blockers.map((b) => b.id).sort()).toEqual([
      'caseAccess',
      'cases',
      'newsAudience',
      'people',
      'ssoGroupRules',
    ]);
    const refused = await deleteUnit(t.database, full.a.id, UNIT_MERGE_STEPS, actor);
    expect(refused.ok).toBe(false);
    expect((await unit('Fuld enhed')).id).toBe(full.a.id);
    const root = await db()
      .selectFrom('org_units')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(await deleteUnit(t.database, root.id, UNIT_MERGE_STEPS, actor)).toEqual({ ok: false, root: true });
    const empty = await unit('Tom enhed');
    expect(await deleteUnit(t.database, empty.id, UNIT_MERGE_STEPS, actor)).toEqual({ ok: true });
    expect(
      await db().selectFrom('org_units').select('id').where('id', '=', empty.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(JSON.parse((await auditOf('org.unit.delete'))!.details!)).toMatchObject({ name: 'Tom enhed' });
  });

  it('makes the named leaders the leaders of cases and the chart, and falls back to who reports to whom', async () => {
    const byggeri = await unit('Byggeri');
    const fallback = await unitLeaderIds(t.database, byggeri.id);
    expect(fallback.length).toBeGreaterThan(0);
    // The rule without named leaders: people placed in the unit whom others there report to.
    const reportsTo = await db()
      .selectFrom('users as s')
      .innerJoin('users as l', 'l.id', 's.manager_id')
      .select('l.id')
      .distinct()
      .where('s.org_unit_id', '=', byggeri.id)
      .where('l.org_unit_id', '=', byggeri.id)
      .where('s.is_active', '=', 1)
      .where('l.is_active', '=', 1)
      .execute();
    expect([...fallback].sort()).toEqual(reportsTo.map((r) => r.id).sort());
    expect((await unitLeadership(t.database, byggeri.id)).fromNamed).toBe(false);

    const first = await addPerson(t.database, 'Nora Navngiven', 'Byggeri', 'Afdelingsleder');
    const second = await addPerson(t.database, 'Otto Navngiven', 'Byggeri', 'Souschef');
    expect(await addLeader(t.database, byggeri.id, first, actor)).toEqual({ ok: true });
    expect(await addLeader(t.database, byggeri.id, first, actor)).toEqual({
      ok: false,
      error: 'orgAdmin.leaders.error.already',
    });
    expect(await addLeader(t.database, byggeri.id, second, actor)).toEqual({ ok: true });
    expect(await unitLeaderIds(t.database, byggeri.id)).toEqual([first, second]);
    let chart = await orgChart(t.database, { unitId: byggeri.id, depth: 0 });
    expect(chart!.focus.leader?.id).toBe(first);

    expect(await moveLeader(t.database, byggeri.id, second, 'up', actor)).toEqual({ ok: true });
    expect(await unitLeaderIds(t.database, byggeri.id)).toEqual([second, first]);
    chart = await orgChart(t.database, { unitId: byggeri.id, depth: 0 });
    expect(chart!.focus.leader?.id).toBe(second);
    expect(JSON.parse((await auditOf('org.leader.reorder'))!.details!)).toMatchObject({
      before: [first, second],
      after: [second, first],
    });

    // A named leader who is deactivated leads nothing; with nobody active named, the rule is back.
    await db().updateTable('users').set({ is_active: 0 }).where('id', '=', second).execute();
    expect(await unitLeaderIds(t.database, byggeri.id)).toEqual([first]);
    expect(await removeLeader(t.database, byggeri.id, first, actor)).toEqual({ ok: true });
    expect([...(await unitLeaderIds(t.database, byggeri.id))].sort()).toEqual([...fallback].sort());
    expect(await removeLeader(t.database, byggeri.id, first, actor)).toEqual({
      ok: false,
      error: 'orgAdmin.leaders.error.notNamed',
    });
  });
});
