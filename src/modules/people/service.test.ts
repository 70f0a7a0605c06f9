import { addPerson as addPersonTo } from '../org/org.fixtures.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { seedDemo } from '../../../seeds/index.ts';
import { writeTransaction } from '../../db/index.ts';
import { colleagues, countDirectory, directReports, searchDirectory } from '../org/service.ts';
import { profileDetails, setSkills } from './service.ts';

describe.each(DIALECTS)('people service: skills in the directory and profile details (%s)', (dialect) => {
  let t: TestDatabase;
  const db = () => t.database.db;
  const user = (username: string) =>
    db().selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedDemo(t.database, { scryptCost: 1024 });
  });
  afterAll(async () => t.cleanup());

  const addPerson = (name: string, unitName: string, title?: string) => addPersonTo(t.database, name, unitName, title);

  it('finds who knows about a skill from the start of any word of it, not in the middle', async () => {
    const gis = await addPerson('Gitte Geodata', 'Plan og Udvikling');
    const logistics = await addPerson('Lone Logistik', 'Vej og Park');
    const building = await addPerson('Bent Byg', 'Byggeri');
    await writeTransaction(t.database, async (tx) => {
      await setSkills(tx, gis, ['GIS-analyse', 'Excel']);
      await setSkills(tx, logistics, ['logistik']);
      await setSkills(tx, building, ['Byggesagsbehandling', 'BR18']);
    });
    const ids = async (skill: string) => (await searchDirectory(t.database, { skill })).items.map((p) => p.id);
    expect(await ids('gis')).toEqual([gis]);
    expect(await ids('analyse')).toEqual([gis]);
    expect(await ids('byggesag')).toEqual([building]);
    expect(await ids('BR18')).toEqual([building]);
    expect(await ids('br1')).toEqual([building]);
    expect(await ids('stik')).toEqual([]);
    expect(await countDirectory(t.database, { skill: 'excel', text: 'gitte' })).toBe(1);
  });

  it('gives profile details with the manager, the unit path and direct reports', async () => {
    const kasper = await user('sagsbehandler');
    const manager = await db()
      .selectFrom('users')
      .selectAll()
      .where('id', '=', kasper.manager_id!)
      .executeTakeFirstOrThrow();
    const p = (await profileDetails(t.database, 'sagsbehandler'))!;
    expect(p.displayName).toBe('Kasper Lindholm');
    expect(p.manager?.username).toBe(manager.username);
    expect(p.unitPath.map((u) => u.name)).toEqual(['Skovlund Kommune', 'Teknik og Miljø', 'Byggeri']);
    expect(p.skills).toEqual([]);
    const boss = (await profileDetails(t.database, manager.username))!;
    expect(boss.reports.map((r) => r.id)).toContain(kasper.id);
    expect((await directReports(t.database, manager.id)).every((r) => r.id !== manager.id)).toBe(true);
    expect(await profileDetails(t.database, 'findes.ikke')).toBeNull();

    const mates = await colleagues(t.database, kasper.id);
    const expected = await db()
      .selectFrom('users')
      .select('id')
      .where('org_unit_id', '=', kasper.org_unit_id)
      .where('id', '<>', kasper.id)
      .execute();
    expect(mates.map((m) => m.id).sort()).toEqual(expected.map((e) => e.id).sort());
  });
});
