import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nowIso } from '../../db/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/helpers/db.ts';
import { csvFile, fixture, previewFiles } from './directory-import.fixtures.ts';
import { applyImport, getImport } from './service.ts';

const ADMIN = { id: 'u-admin', name: 'Annette Admin' };

/** Everything an import may touch, to prove that a refused one touched nothing. */
async function tables(t: TestDatabase) {
  const db = t.database.db;
  return JSON.stringify(
    await Promise.all([
      db.selectFrom('org_units').selectAll().orderBy('id').execute(),
      db.selectFrom('users').selectAll().orderBy('id').execute(),
      db.selectFrom('user_roles').selectAll().orderBy('user_id').orderBy('role').execute(),
      db.selectFrom('org_unit_leaders').selectAll().orderBy('unit_id').orderBy('user_id').execute(),
      db.selectFrom('sessions').select(['id', 'user_id']).orderBy('id').execute(),
      db.selectFrom('audit_log').select('id').orderBy('id').execute(),
    ]),
  );
}

describe.each(DIALECTS)('directory import: plan and apply (%s)', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    const now = nowIso();
    const db = t.database.db;
    // A database made by hand: the municipality without an external id, two people without one,
    // an earlier import's person, a break-glass account and the administrator.
    const root = await db
      .insertInto('org_units')
      .values({ parent_id: null, kind: 'municipality', name: 'Eksempel Kommune', sort_order: 0, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = (id: string, username: string, extra: Record<string, unknown> = {}) => ({
      id,
      username,
      display_name: username,
      email: null,
      phone: null,
      title: null,
      org_unit_id: root.id,
      manager_id: null,
      password_hash: null,
      locale: null,
      is_active: 1,
      created_at: now,
      updated_at: now,
      external_id: null,
      break_glass: 0,
      ...extra,
    });
    await db
      .insertInto('users')
      .values([
        user('u-admin', 'admin', { external_id: 'A-1' }),
        user('u-mette', 'mette.dahl', { display_name: 'Mette D.' }),
        user('u-gone', 'gammel', { external_id: 'OLD-1' }),
        user('u-glass', 'nødadgang', { external_id: 'BG-1', break_glass: 1 }),
      ])
      .execute();
    await db
      .insertInto('user_roles')
      .values([
        { user_id: 'u-admin', role: 'admin' },
        { user_id: 'u-mette', role: 'employee' },
      ])
      .execute();
    await db
      .insertInto('sessions')
      .values({
        id: 'sess-gone',
        user_id: 'u-gone',
        expires_at: '2999-01-01T00:00:00.000Z',
        created_at: now,
        ip: null,
        user_agent: null,
      })
      .execute();
  });
  afterEach(async () => t.cleanup());

  const samspil = [fixture('samspil-enheder.csv'), fixture('samspil-personer.csv')];

  it('plans new, linked and deactivated, applies it all, and a second run changes nothing', async () => {
    const { id, plan } = await previewFiles(t.database, samspil, { deactivateMissing: true, actor: ADMIN });
    expect(plan.errors).toEqual([]);
    expect(plan.units.created.map((u) => [u.name, u.parentName])).toEqual([
      ['Børn og Unge', 'Eksempel Kommune'],
      ['Dagtilbud', 'Børn og Unge'],
      ['Skoler', 'Børn og Unge'],
    ]);
    // The hand-made municipality is found by its name at the top and gets the external id.
    expect(plan.units.updated).toHaveLength(1);
    expect(plan.units.updated[0]!.changes.map((c) => c.field)).toEqual(['externalId', 'shortName', 'email', 'phone']);
    expect(plan.people.created.map((p) => [p.username, p.unitName, p.managerName, p.roles])).toEqual([
      ['ole.berg', 'Dagtilbud', 'Mette Dahl', ['employee']],
      ['sara.lund', 'Dagtilbud', 'Ole Berg', ['employee', 'editor']],
    ]);
    const mette = plan.people.updated.find((p) => p.id === 'u-mette')!;
    expect(mette.moved).toBe(true);
    expect(mette.changes).toEqual(
      expect.arrayContaining([
        { field: 'externalId', before: null, after: '1001' },
        { field: 'name', before: 'Mette D.', after: 'Mette Dahl' },
        { field: 'unit', before: 'Eksempel Kommune', after: 'Børn og Unge' },
      ]),
    );
    // Never the break-glass account, never the administrator importing.
    expect(plan.people.deactivated.map((p) => p.username)).toEqual(['gammel']);
    expect(plan.leaders.added.map((l) => [l.unitName, l.personName])).toEqual([
      ['Børn og Unge', 'Mette Dahl'],
      ['Dagtilbud', 'Ole Berg'],
    ]);

    const result = await applyImport(t.database, id, ADMIN);
    expect(result.ok).toBe(true);
    const db = t.database.db;
    const units = await db.selectFrom('org_units').select(['id', 'name', 'parent_id', 'external_id', 'kind']).execute();
    const byName = new Map(units.map((u) => [u.name, u]));
    expect(byName.get('Dagtilbud')!.parent_id).toBe(byName.get('Børn og Unge')!.id);
    expect(byName.get('Børn og Unge')).toMatchObject({ kind: 'directorate', external_id: 'F1' });
    expect(byName.get('Eksempel Kommune')!.external_id).toBe('K1');
    const sara = await db.selectFrom('users').selectAll().where('username', '=', 'sara.lund').executeTakeFirstOrThrow();
    const ole = await db.selectFrom('users').selectAll().where('username', '=', 'ole.berg').executeTakeFirstOrThrow();
    expect(sara).toMatchObject({
      display_name: 'Lund, Sara',
      manager_id: ole.id,
      password_hash: null,
      external_id: '1003',
    });
    expect(ole.title).toBe('Leder af\ndagtilbud');
    const roles = await db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', sara.id)
      .orderBy('role')
      .execute();
    expect(roles.map((r) => r.role).sort()).toEqual(['editor', 'employee']);
    expect(
      await db
        .selectFrom('users')
        .select(['username', 'is_active'])
        .where('id', 'in', ['u-gone', 'u-glass', 'u-admin'])
        .orderBy('username')
        .execute(),
    ).toEqual([
      { username: 'admin', is_active: 1 },
      { username: 'gammel', is_active: 0 },
      { username: 'nødadgang', is_active: 1 },
    ]);
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', 'u-gone').execute()).toEqual([]);
    const leaders = await db.selectFrom('org_unit_leaders').select(['unit_id', 'user_id']).orderBy('unit_id').execute();
    expect(leaders).toEqual([
      { unit_id: byName.get('Børn og Unge')!.id, user_id: 'u-mette' },
      { unit_id: byName.get('Dagtilbud')!.id, user_id: ole.id },
    ]);
    // The audit log answers "who moved Mette?".
    const entries = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'summary', 'details'])
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', 'u-mette')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'directory.import.user', actor_id: 'u-admin' });
    expect(entries[0]!.summary).toContain('unit: Eksempel Kommune → Børn og Unge');
    const summary = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'directory.import')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(summary.details!)).toMatchObject({
      import: id,
      unitsCreated: 3,
      peopleCreated: 2,
      peopleDeactivated: 1,
    });
    expect((await getImport(t.database, id))!.status).toBe('applied');

    // Idempotent: the same files again change nothing.
    const again = await previewFiles(t.database, samspil, { deactivateMissing: true, actor: ADMIN });
    expect(again.plan.counts).toMatchObject({
      unitsCreated: 0,
      unitsChanged: 0,
      unitsUnchanged: 4,
      peopleCreated: 0,
      peopleChanged: 0,
      peopleMoved: 0,
      peopleDeactivated: 0,
      peopleUnchanged: 3,
      leadersAdded: 0,
      leadersRemoved: 0,
    });
    const before = await tables(t);
    expect((await applyImport(t.database, again.id, ADMIN)).ok).toBe(true);
    const after = JSON.parse(await tables(t)) as unknown[];
    // Only the import's own audit entry was added.
    expect(JSON.stringify(after.slice(0, 5))).toBe(JSON.stringify((JSON.parse(before) as unknown[]).slice(0, 5)));
  });

  it('shows what changed (before → after) and who moved, then applies it', async () => {
    await applyImport(t.database, (await previewFiles(t.database, samspil, { actor: ADMIN })).id, ADMIN);
    const people = csvFile(
      'personer.csv',
      [
        'person_id;brugernavn;navn;email;stilling;enhed_id;nærmeste_leder;leder',
        '1001;mette.dahl;Mette Dahl;mette.dahl@eksempel.dk;Direktør;F1;;ja',
        '1002;ole.berg;Ole Berg;ole.berg@eksempel.dk;Leder af dagtilbud;E1;1001;ja',
        '1003;sara.lund;Sara Lund;sara.lund@eksempel.dk;Lærer;E2;1001;ja',
      ].join('\n'),
    );
    const units = csvFile(
      'enheder.csv',
      'enhed_id;navn;overordnet_id\nK1;Eksempel Kommune;\nF1;Børn og Unge;K1\nE1;Dagtilbud og SFO;F1\nE2;Skoler;K1\n',
    );
    const { id, plan } = await previewFiles(t.database, [units, people], { actor: ADMIN });
    expect(plan.errors).toEqual([]);
    expect(plan.units.updated.map((u) => [u.name, u.renamed, u.moved])).toEqual([
      ['Skoler', false, true],
      ['Dagtilbud og SFO', true, false],
    ]);
    const sara = plan.people.updated.find((p) => p.username === 'sara.lund')!;
    expect(sara.moved).toBe(true);
    expect(sara.changes).toEqual([
      { field: 'name', before: 'Lund, Sara', after: 'Sara Lund' },
      { field: 'title', before: 'Pædagog', after: 'Lærer' },
      { field: 'unit', before: 'Dagtilbud', after: 'Skoler' },
      { field: 'manager', before: 'Ole Berg', after: 'Mette Dahl' },
    ]);
    expect(plan.leaders.added.map((l) => [l.unitName, l.personName])).toEqual([['Skoler', 'Sara Lund']]);
    expect((await applyImport(t.database, id, ADMIN)).ok).toBe(true);
    const row = await t.database.db
      .selectFrom('users')
      .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
      .select(['org_units.name', 'org_units.parent_id', 'users.title'])
      .where('users.username', '=', 'sara.lund')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Skoler', title: 'Lærer' });
  });

  it('lists bad rows by file and line and imports nothing', async () => {
    const units = csvFile(
      'enheder.csv',
      [
        'enhed_id;navn;overordnet_id;type',
        'K1;Eksempel Kommune;;kommune',
        'E1;;K1;enhed',
        'E2;Skoler;X9;enhed',
        'E3;Dagtilbud;K1;afdelingen',
        'K1;Igen;;',
        'C1;Ring A;C2;',
        'C2;Ring B;C1;',
      ].join('\n'),
    );
    const people = csvFile(
      'personer.csv',
      [
        'person_id,brugernavn,navn,email,enhed_id,nærmeste_leder',
        '1,Anne Hansen,Anne Hansen,anne@eksempel.dk,K1,',
        '2,bo,Bo,ikke-en-adresse,K1,',
        '3,carl,Carl,,K1,nobody',
        '4,dora,Dora,,Z1,',
        ',eva,Eva,,K1,',
      ].join('\n'),
    );
    const before = await tables(t);
    const { id, plan } = await previewFiles(t.database, [units, people], { actor: ADMIN });
    expect(plan.errors.map((e) => [e.file, e.line, e.code])).toEqual([
      ['enheder.csv', 3, 'missingName'],
      ['enheder.csv', 4, 'unknownParent'],
      ['enheder.csv', 5, 'invalidKind'],
      ['enheder.csv', 6, 'duplicateId'],
      ['enheder.csv', 7, 'cycle'],
      ['enheder.csv', 8, 'cycle'],
      ['personer.csv', 2, 'invalidUsername'],
      ['personer.csv', 3, 'invalidEmail'],
      ['personer.csv', 4, 'managerNotFound'],
      ['personer.csv', 5, 'unknownUnit'],
      ['personer.csv', 6, 'missingId'],
    ]);
    expect(await applyImport(t.database, id, ADMIN)).toMatchObject({ ok: false, reason: 'errors' });
    expect((await getImport(t.database, id))!.status).toBe('planned');
    expect(await tables(t)).toBe(before);
  });

  it('finds a cycle through a unit that is not in the file', async () => {
    await applyImport(
      t.database,
      (await previewFiles(t.database, [fixture('samspil-enheder.csv')], { actor: ADMIN })).id,
      ADMIN,
    );
    // F1 under E1, but E1 (not in this file) stays under F1 in the database.
    const { plan } = await previewFiles(t.database, [
      csvFile('u.csv', 'enhed_id;navn;overordnet_id\nF1;Børn og Unge;E1\n'),
    ]);
    expect(plan.errors.map((e) => [e.line, e.code])).toEqual([[2, 'cycle']]);
  });

  it('refuses to apply when the database changed since the preview', async () => {
    const { id } = await previewFiles(t.database, samspil, { actor: ADMIN });
    await t.database.db.updateTable('users').set({ title: 'Ændret i hånden' }).where('id', '=', 'u-mette').execute();
    const before = await tables(t);
    expect(await applyImport(t.database, id, ADMIN)).toEqual({ ok: false, reason: 'stale' });
    expect(await tables(t)).toBe(before);
    expect((await getImport(t.database, id))!).toMatchObject({ status: 'failed', report: { refused: 'stale' } });
    expect(await applyImport(t.database, id, ADMIN)).toEqual({ ok: false, reason: 'notPlanned' });
  });

  it("imports OS2mo's reports: the tree from the associations, people from the engagements, leaders by name", async () => {
    const files = [
      fixture('os2mo-stilling-og-kontaktinformation.csv'),
      fixture('os2mo-alle-tilknytninger.csv'),
      fixture('os2mo-alle-ledere.csv'),
    ];
    const { id, plan } = await previewFiles(t.database, files, { format: 'os2mo', actor: ADMIN });
    expect(plan.errors).toEqual([]);
    expect(plan.files.map((f) => f.format)).toEqual(['os2mo-units', 'os2mo-engagements', 'os2mo-managers']);
    // The organisation's UUID is the top units' parent: the municipality stays at the top, linked by name.
    expect(plan.units.updated.map((u) => [u.name, u.moved])).toEqual([['Eksempel Kommune', false]]);
    expect(plan.units.created.map((u) => u.name)).toEqual(['Børn og Unge', 'Dagtilbud', 'Skoler']);
    expect(plan.people.created.map((p) => [p.name, p.unitName, p.title])).toEqual([
      ['Ole Berg', 'Dagtilbud', 'Leder'],
      ['Sara Lund', 'Dagtilbud', 'Pædagog'],
    ]);
    expect(plan.leaders.added.map((l) => [l.unitName, l.personName])).toEqual([
      ['Børn og Unge', 'Mette Dahl'],
      ['Dagtilbud', 'Ole Berg'],
    ]);
    expect((await applyImport(t.database, id, ADMIN)).ok).toBe(true);
    const stored = await t.database.db
      .selectFrom('directory_imports')
      .select(['files', 'plan'])
      .executeTakeFirstOrThrow();
    expect(`${stored.files}${stored.plan}`).not.toMatch(/0101701234|0202802345|0303903456/);
    const again = await previewFiles(t.database, files, { format: 'os2mo', actor: ADMIN });
    expect(again.plan.counts).toMatchObject({
      unitsCreated: 0,
      unitsChanged: 0,
      peopleCreated: 0,
      peopleChanged: 0,
      leadersAdded: 0,
    });
  });

  it("imports Entra ID's download: units by department, an account with accountEnabled False is closed", async () => {
    await applyImport(
      t.database,
      (await previewFiles(t.database, [fixture('samspil-enheder.csv')], { actor: ADMIN })).id,
      ADMIN,
    );
    const { id, plan } = await previewFiles(t.database, [fixture('entra-users.csv')], { actor: ADMIN });
    expect(plan.errors).toEqual([]);
    expect(plan.people.updated.map((p) => p.username)).toEqual(['mette.dahl']);
    expect(plan.people.created.map((p) => [p.username, p.unitName])).toEqual([['ole.berg', 'Dagtilbud']]);
    expect(plan.people.created[0]!.active).toBe(false);
    expect((await applyImport(t.database, id, ADMIN)).ok).toBe(true);
    const ole = await t.database.db
      .selectFrom('users')
      .select('is_active')
      .where('username', '=', 'ole.berg')
      .executeTakeFirstOrThrow();
    expect(ole.is_active).toBe(0);
    const again = await previewFiles(t.database, [fixture('entra-users.csv')], { actor: ADMIN });
    expect(again.plan.counts.peopleUnchanged).toBe(2);
  });
});
