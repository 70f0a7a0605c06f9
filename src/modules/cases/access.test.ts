import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { unitLeaderIds } from './access.ts';

/**
 * Who decides who sees a case: only its caseworker, the leaders of its responsible unit and
 * records managers change its confidentiality, access group and caseworker. Records managers see
 * every case (reads outside the access group are logged), find confidential ones in the list and
 * can reopen access to a case nobody else can see any more. A sub-case never shows a parent the
 * reader may not see.
 */

const NOT_ALLOWED =
  'Kun sagsbehandleren, lederen af den ansvarlige enhed og journalansvarlige kan ændre fortrolighed, adgangsgruppe og sagsbehandler';

describe.each(DIALECTS)('case access group and caseworker (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let byggeri: number;
  let leaderUsername: string;
  const idOf = async (username: string) =>
    (await t.db.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
      .id;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    for (const u of ['sagsbehandler', 'journal', 'sekretariat']) cookie[u] = await t.signIn(u);
    const db = t.db.database.db;
    const caseworker = await db
      .selectFrom('users')
      .select(['org_unit_id', 'manager_id', 'password_hash'])
      .where('username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow();
    byggeri = caseworker.org_unit_id!;
    // The caseworker's manager leads Byggeri; give them a case role and the demo password.
    const leaders = await unitLeaderIds(t.db.database, byggeri);
    expect(leaders).toEqual([caseworker.manager_id]);
    const leader = await db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('id', '=', caseworker.manager_id!)
      .executeTakeFirstOrThrow();
    leaderUsername = leader.username;
    await db
      .updateTable('users')
      .set({ password_hash: caseworker.password_hash })
      .where('id', '=', leader.id)
      .execute();
    await db.insertInto('user_roles').values({ user_id: leader.id, role: 'caseworker' }).execute();
    cookie.leader = await t.signIn(leaderUsername);
  });
  afterAll(async () => t.cleanup());

  const form = (over: Record<string, string | string[]> = {}) => ({
    type: 'subject',
    title: 'Tilsyn med byggeplads',
    description: 'Tilsyn.',
    kleNumber: '02.00.00',
    facetCode: 'G01',
    unitId: String(byggeri),
    caseworkerUsername: 'sagsbehandler',
    ...over,
  });

  async function create(over: Record<string, string | string[]> = {}) {
    const res = await t.post('/cases', form(over), { cookie: cookie.sagsbehandler });
    expect(res.status).toBe(303);
    const id = Number(res.headers.get('location')!.split('/').pop());
    return {
      id,
      row: await t.db.database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    };
  }

  const accessOf = async (caseId: number) =>
    (
      await t.db.database.db
        .selectFrom('case_access')
        .select(['user_id', 'unit_id'])
        .where('case_id', '=', caseId)
        .execute()
    )
      .map((a) => a.user_id ?? `unit:${a.unit_id}`)
      .sort();

  it('refuses a colleague outside the case who tries to lock everyone else out, and keeps the case as it was', async () => {
    const { id, row } = await create({ title: 'Almindelig byggesag' });
    const attack = await t.post(
      `/cases/${id}`,
      form({ title: 'Almindelig byggesag', confidential: 'on', caseworkerUsername: '', accessUsernames: '' }),
      { cookie: cookie.sekretariat },
    );
    expect(attack.status).toBe(422);
    const html = await attack.text();
    expect(html).toContain(NOT_ALLOWED);
    expect(html).toContain('value="Almindelig byggesag"'); // the input is kept
    const after = await t.db.database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(after).toEqual(row);
    expect(await accessOf(id)).toEqual([]);
    for (const u of ['sagsbehandler', 'journal'])
      expect((await t.get(`/cases/${id}`, { cookie: cookie[u] })).status, u).toBe(200);
    // Each of the three fields alone is refused too.
    for (const over of [
      { confidential: 'on' },
      { caseworkerUsername: 'sekretariat' },
      { caseworkerUsername: '' },
    ] as Array<Record<string, string>>) {
      const res = await t.post(`/cases/${id}`, form({ title: 'Almindelig byggesag', ...over }), {
        cookie: cookie.sekretariat,
      });
      expect(res.status, JSON.stringify(over)).toBe(422);
    }
    // The ordinary registration is still theirs to change, and the form says what is not.
    const edit = await (await t.get(`/cases/${id}/edit`, { cookie: cookie.sekretariat })).text();
    expect(edit).toContain('Du kan ikke ændre fortrolighed, adgangsgruppe eller sagsbehandler');
    expect(
      (await t.post(`/cases/${id}`, form({ title: 'Almindelig byggesag, ny titel' }), { cookie: cookie.sekretariat }))
        .status,
    ).toBe(303);
    const renamed = await t.db.database.db
      .selectFrom('cases')
      .select(['title', 'confidential', 'caseworker_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(renamed).toEqual({
      title: 'Almindelig byggesag, ny titel',
      confidential: 0,
      caseworker_id: await idOf('sagsbehandler'),
    });
  });

  it('lets the caseworker, the unit leader and a records manager change who sees the case, logged', async () => {
    const { id } = await create({ title: 'Personalesag' });
    // The caseworker makes it confidential with the secretariat in the access group.
    expect(
      (
        await t.post(
          `/cases/${id}`,
          form({ title: 'Personalesag', confidential: 'on', accessUsernames: 'sekretariat' }),
          { cookie: cookie.sagsbehandler },
        )
      ).status,
    ).toBe(303);
    expect(await accessOf(id)).toEqual([await idOf('sekretariat')]);
    // A member of the access group who is none of the three may read it but not change access.
    expect((await t.get(`/cases/${id}`, { cookie: cookie.sekretariat })).status).toBe(200);
    const widen = await t.post(
      `/cases/${id}`,
      form({ title: 'Personalesag', confidential: 'on', accessUsernames: 'sekretariat, journal' }),
      { cookie: cookie.sekretariat },
    );
    expect(widen.status).toBe(422);
    expect(await widen.text()).toContain(NOT_ALLOWED);
    // The unit's leader sees a confidential case only from its access group (no wider reading)...
    expect((await t.get(`/cases/${id}`, { cookie: cookie.leader })).status).toBe(404);
    const group = `sekretariat, ${leaderUsername}`;
    expect(
      (
        await t.post(`/cases/${id}`, form({ title: 'Personalesag', confidential: 'on', accessUsernames: group }), {
          cookie: cookie.sagsbehandler,
        })
      ).status,
    ).toBe(303);
    // ...and then may hand the case to themselves.
    expect(
      (
        await t.post(
          `/cases/${id}`,
          form({
            title: 'Personalesag',
            confidential: 'on',
            accessUsernames: group,
            caseworkerUsername: leaderUsername,
          }),
          { cookie: cookie.leader },
        )
      ).status,
    ).toBe(303);
    const row = await t.db.database.db
      .selectFrom('cases')
      .select(['caseworker_id', 'confidential'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ caseworker_id: await idOf(leaderUsername), confidential: 1 });
    // The former caseworker is out now; a records manager adds them to the access group.
    expect((await t.get(`/cases/${id}`, { cookie: cookie.sagsbehandler })).status).toBe(404);
    expect(
      (
        await t.post(
          `/cases/${id}`,
          form({
            title: 'Personalesag',
            confidential: 'on',
            accessUsernames: `${group}, sagsbehandler`,
            caseworkerUsername: leaderUsername,
          }),
          { cookie: cookie.journal },
        )
      ).status,
    ).toBe(303);
    expect((await t.get(`/cases/${id}`, { cookie: cookie.sagsbehandler })).status).toBe(200);
    const entries = await t.db.database.db
      .selectFrom('audit_log')
      .select(['actor_name', 'details'])
      .where('action', '=', 'case.update')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.actor_name, JSON.parse(e.details!).fields])).toEqual([
      ['Kasper Lindholm', ['confidential', 'access']],
      ['Kasper Lindholm', ['access']],
      [expect.any(String), ['caseworker_id']],
      ['Birgit Sønderby', ['access']],
    ]);
  });

  it('lets a records manager find a case nobody can see any more and reopen access to it, logged', async () => {
    const { id, row } = await create({ title: 'Glemt fortrolig sag', confidential: 'on', accessUsernames: '' });
    // As it could end up before: no caseworker and nobody left in the access group.
    await t.db.database.db.updateTable('cases').set({ caseworker_id: null }).where('id', '=', id).execute();
    await t.db.database.db.deleteFrom('case_access').where('case_id', '=', id).execute();
    for (const u of ['sagsbehandler', 'sekretariat'])
      expect((await t.get(`/cases/${id}`, { cookie: cookie[u] })).status, u).toBe(404);

    const list = await (await t.get('/cases?view=all&confidential=1', { cookie: cookie.journal })).text();
    expect(list).toContain('Glemt fortrolig sag');
    expect(list).not.toContain('Tilsyn med byggeplads'); // only confidential cases
    expect(
      await (await t.get('/cases?view=all&confidential=1', { cookie: cookie.sagsbehandler })).text(),
    ).not.toContain('Glemt fortrolig sag');
    const search = await (
      await t.get(`/cases/search?q=${encodeURIComponent('Glemt fortrolig')}`, { cookie: cookie.journal })
    ).text();
    expect(search).toContain(row.number);

    expect((await t.get(`/cases/${id}`, { cookie: cookie.journal })).status).toBe(200);
    const read = await t.db.database.db
      .selectFrom('audit_log')
      .select(['actor_name', 'details'])
      .where('action', '=', 'case.view')
      .where('entity_id', '=', String(id))
      .execute();
    expect(
      read.map((r) => ({ actor: r.actor_name, asRecordsManager: JSON.parse(r.details ?? '{}').asRecordsManager })),
    ).toEqual([{ actor: 'Birgit Sønderby', asRecordsManager: true }]);

    // A confidential case needs someone besides records managers.
    const empty = await t.post(
      `/cases/${id}`,
      form({ title: 'Glemt fortrolig sag', confidential: 'on', caseworkerUsername: '', accessUsernames: '' }),
      { cookie: cookie.journal },
    );
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain(
      'En fortrolig sag skal have en sagsbehandler eller mindst én bruger eller enhed i adgangsgruppen',
    );

    const reopen = await t.post(
      `/cases/${id}`,
      form({
        title: 'Glemt fortrolig sag',
        confidential: 'on',
        caseworkerUsername: 'sagsbehandler',
        accessUsernames: '',
      }),
      { cookie: cookie.journal },
    );
    expect(reopen.status).toBe(303);
    expect((await t.get(`/cases/${id}`, { cookie: cookie.sagsbehandler })).status).toBe(200);
    const entry = await t.db.database.db
      .selectFrom('audit_log')
      .select(['actor_name', 'details'])
      .where('action', '=', 'case.update')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(entry.actor_name).toBe('Birgit Sønderby');
    expect(JSON.parse(entry.details!).changed.caseworker_id).toEqual({ from: null, to: await idOf('sagsbehandler') });
  });

  it("does not show a sub-case's confidential parent to someone who may not see the parent", async () => {
    const parent = await create({
      title: 'Fortrolig hovedsag om afskedigelse',
      confidential: 'on',
      accessUsernames: '',
    });
    const child = await create({ title: 'Undersag om byggeri', parentNumber: parent.row.number });
    const outsider = await t.get(`/cases/${child.id}`, { cookie: cookie.sekretariat });
    expect(outsider.status).toBe(200);
    const html = await outsider.text();
    expect(html).toContain('Undersag om byggeri');
    expect(html).not.toContain(parent.row.number);
    expect(html).not.toContain(`href="/cases/${parent.id}"`);
    expect(html).not.toContain('Fortrolig hovedsag');
    for (const u of ['sagsbehandler', 'journal']) {
      const page = await (await t.get(`/cases/${child.id}`, { cookie: cookie[u] })).text();
      expect(page, u).toContain(`<a href="/cases/${parent.id}">${parent.row.number}</a>`);
    }
  });
});
