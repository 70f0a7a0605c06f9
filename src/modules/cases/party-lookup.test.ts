import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { seedRegisters } from '../../../seeds/registers.ts';
import { createTestCase } from './cases.fixtures.ts';

/** The party form's "Slå op": name and address from the demo's CPR and CVR registers, audited with the case. */
describe.each(DIALECTS)('party look-up in the registers (%s)', (dialect) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let caseId: number;
  const form = { kind: 'person', role: 'party', name: '', cpr: '', cvr: '', address: '', email: '', phone: '' };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertTestKle(t.db.database);
    await seedRegisters(t.db.database);
    for (const u of ['sagsbehandler', 'journal']) cookie[u] = await t.signIn(u);
    caseId = await createTestCase(t, cookie.sagsbehandler!, { title: 'Opslag', accessUsernames: 'journal' });
  });
  afterAll(async () => t.cleanup());

  const lookups = () =>
    t.db.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'entity_id', 'details'])
      .where('action', 'in', ['register.cpr.lookup', 'register.cvr.lookup'])
      .orderBy('id')
      .execute();

  it('fills name and address from the CPR register, adds nothing, and logs the look-up with the case', async () => {
    const res = await t.post(
      `/cases/${caseId}/parties`,
      { ...form, cpr: '010190-1001', lookup: '1' },
      { cookie: cookie.sagsbehandler },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('value="Mette Sørensen"');
    expect(html).toContain('value="Åboulevarden 12, 2. th., 8000 Aarhus C"');
    expect(html).toContain('Navn og adresse er hentet fra registeret');
    expect(
      await t.db.database.db.selectFrom('case_parties').select('id').where('case_id', '=', caseId).execute(),
    ).toHaveLength(0);
    const [entry] = await lookups();
    expect(entry).toMatchObject({ action: 'register.cpr.lookup', entity_type: 'case' });
    expect(Number(entry!.entity_id)).toBe(caseId);
    expect(entry!.details).not.toContain('0101901001');
  });

  it('hides a protected address from a caseworker and shows it, with a warning, to a records manager', async () => {
    const hidden = await (
      await t.post(
        `/cases/${caseId}/parties`,
        { ...form, cpr: '010195-2006', lookup: '1' },
        { cookie: cookie.sagsbehandler },
      )
    ).text();
    expect(hidden).toContain('value="Mads Æbeltoft"');
    expect(hidden).not.toContain('Søndergade 22');
    expect(hidden).toContain('Adressen vises ikke');
    const shown = await (
      await t.post(`/cases/${caseId}/parties`, { ...form, cpr: '010195-2006', lookup: '1' }, { cookie: cookie.journal })
    ).text();
    expect(shown).toContain('Søndergade 22');
    expect(shown).toContain('Adressen må ikke videregives');
  });

  it('looks a company up by CVR, and answers 422 with the input kept for an unknown or missing number', async () => {
    const company = await (
      await t.post(
        `/cases/${caseId}/parties`,
        { ...form, kind: 'company', cvr: '11110002', lookup: '1' },
        { cookie: cookie.sagsbehandler },
      )
    ).text();
    expect(company).toContain('value="Søhøjlandets Tømrer ApS"');
    expect(company).toContain('value="Industrivej 14, 8600 Silkeborg"');
    const unknown = await t.post(
      `/cases/${caseId}/parties`,
      { ...form, cpr: '010101-0000', name: 'Skrevet selv', lookup: '1' },
      { cookie: cookie.sagsbehandler },
    );
    expect(unknown.status).toBe(422);
    const html = await unknown.text();
    expect(html).toContain('value="Skrevet selv"');
    const missing = await t.post(
      `/cases/${caseId}/parties`,
      { ...form, lookup: '1' },
      { cookie: cookie.sagsbehandler },
    );
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Skriv CPR-nummeret, der skal slås op');
    // The ordinary submit still adds the party.
    const add = await t.post(
      `/cases/${caseId}/parties`,
      { ...form, name: 'Mette Sørensen', cpr: '010190-1001' },
      { cookie: cookie.sagsbehandler },
    );
    expect(add.status).toBe(303);
  });
});
