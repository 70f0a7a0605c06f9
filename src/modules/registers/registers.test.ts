import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/helpers/db.ts';
import { importCompaniesCsv, importPersonsCsv, parseCsv } from './import.ts';
import {
  localCompanyRegister,
  localPersonRegister,
  lookupCompany,
  lookupPerson,
  type RegisterViewer,
} from './registers.ts';

const caseworker: RegisterViewer = {
  id: 'u-cw',
  roles: ['caseworker'],
  orgUnitId: null,
  displayName: 'Sara Sagsbehandler',
};
const recordsManager: RegisterViewer = {
  id: 'u-rm',
  roles: ['records_manager'],
  orgUnitId: null,
  displayName: 'Jens Journal',
};

const PERSONS = [
  'cpr;name;street;postcode;city;protected_address;deceased',
  '010190-1001;Mette Sørensen;Åboulevarden 12;8000;Aarhus C;0;0',
  '0101851002;"Søren ""Søs"" Østergaard";"Skovvej 4; baghuset";8600;Silkeborg;0;1',
  '010195-2006;Mads Æbeltoft;Søndergade 22;8600;Silkeborg;1;0',
  '310290-1234;Forkert Dato;Vej 1;8600;Silkeborg;0;0', // 31 February
  '010170-2003;;Møllegade 17;8600;Silkeborg;0;0', // no name
  '12345;Kort Nummer;Vej 2;8600;Silkeborg;0;0',
  '010160-2004;Jørgen Bæk;Hovedgaden 3;8660;Skanderborg;måske;0',
].join('\r\n');

const COMPANIES = [
  'cvr,name,address,postcode,city,status',
  '11110002,Søhøjlandets Tømrer ApS,Industrivej 14,8600,Silkeborg,active',
  '"11110010","Gudenå Kørsel, I/S",Havnevej 2,8600,Silkeborg,ceased',
  '11110003,Forkert Kontrolciffer ApS,Vej 1,8600,Silkeborg,active',
  '11110029,,Vej 2,8600,Silkeborg,active',
  '',
].join('\n');

describe('parseCsv', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks, and skips a BOM', () => {
    const records = parseCsv('\uFEFFa;b\n"x;1";"sagde ""hej"""\n"to\nlinjer";æøå\n\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x;1', 'sagde "hej"'] },
      { line: 3, fields: ['to\nlinjer', 'æøå'] },
    ]);
    expect(parseCsv('a,b\n1,"2,5"').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2,5'],
    ]);
  });
});

describe.each(DIALECTS)('the CPR and CVR registers (%s)', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const auditRows = () =>
    t.database.db.selectFrom('audit_log').selectAll().where('action', 'like', 'register.%').orderBy('id').execute();

  it('imports the good lines of a persons CSV and reports the bad ones by line, then upserts', async () => {
    const result = await importPersonsCsv(t.database, PERSONS);
    expect(result).toEqual({
      inserted: 3,
      updated: 0,
      errors: [
        { line: 5, key: 'registers.import.error.cpr' },
        { line: 6, key: 'registers.import.error.name' },
        { line: 7, key: 'registers.import.error.cpr' },
        { line: 8, key: 'registers.import.error.flag' },
      ],
    });
    const rows = await t.database.db.selectFrom('register_persons').selectAll().orderBy('cpr').execute();
    expect(rows.map((r) => [r.cpr, r.name, r.street, r.protected_address, r.deceased])).toEqual([
      ['0101851002', 'Søren "Søs" Østergaard', 'Skovvej 4; baghuset', 0, 1],
      ['0101901001', 'Mette Sørensen', 'Åboulevarden 12', 0, 0],
      ['0101952006', 'Mads Æbeltoft', 'Søndergade 22', 1, 0],
    ]);

    const again = await importPersonsCsv(t.database, 'cpr,name,city\n0101901001,Mette Sørensen Berg,Silkeborg\n');
    expect(again).toEqual({ inserted: 0, updated: 1, errors: [] });
    const mette = await localPersonRegister(t.database).lookup('0101901001');
    expect(mette).toMatchObject({ name: 'Mette Sørensen Berg', city: 'Silkeborg', street: null });
  });

  it('refuses a file without the number or name column', async () => {
    expect(await importPersonsCsv(t.database, 'navn;adresse\nA;B\n')).toEqual({
      inserted: 0,
      updated: 0,
      errors: [{ line: 1, key: 'registers.import.error.columns', params: { columns: 'cpr, name' } }],
    });
  });

  it('imports companies (comma-separated, quoted) with per-line errors', async () => {
    const result = await importCompaniesCsv(t.database, COMPANIES);
    expect(result).toEqual({
      inserted: 2,
      updated: 0,
      errors: [
        { line: 4, key: 'registers.import.error.cvr' },
        { line: 5, key: 'registers.import.error.name' },
      ],
    });
    expect(await localCompanyRegister(t.database).lookup('11110010')).toEqual({
      cvr: '11110010',
      name: 'Gudenå Kørsel, I/S',
      address: 'Havnevej 2',
      postcode: '8600',
      city: 'Silkeborg',
      status: 'ceased',
    });
  });

  it('looks a person up: found, not found and an invalid number; audited with the purpose, masked', async () => {
    await importPersonsCsv(t.database, PERSONS);
    const register = localPersonRegister(t.database);
    const opts = { purpose: { caseId: 42 }, ip: '10.0.0.7' };

    expect(await lookupPerson(t.database, register, caseworker, '010190-1001', opts)).toEqual({
      status: 'found',
      cpr: '0101901001',
      name: 'Mette Sørensen',
      address: { street: 'Åboulevarden 12', postcode: '8000', city: 'Aarhus C' },
      addressProtected: false,
      deceased: false,
    });
    expect(await lookupPerson(t.database, register, caseworker, '0101001010', opts)).toEqual({ status: 'not_found' });
    expect(await lookupPerson(t.database, register, caseworker, '310290-1234', opts)).toEqual({ status: 'invalid' });
    expect(await lookupPerson(t.database, register, caseworker, 'abc', opts)).toEqual({ status: 'invalid' });

    const audit = await auditRows();
    expect(audit.map((a) => [a.action, a.actor_id, a.entity_type, a.entity_id, a.ip])).toEqual([
      ['register.cpr.lookup', 'u-cw', 'case', '42', '10.0.0.7'],
      ['register.cpr.lookup', 'u-cw', 'case', '42', '10.0.0.7'],
    ]);
    expect(JSON.parse(audit[0]!.details!)).toEqual({ cpr: '010190-XXXX', purpose: { caseId: 42 }, found: true });
    expect(JSON.parse(audit[1]!.details!)).toEqual({ cpr: '010100-XXXX', purpose: { caseId: 42 }, found: false });

    // The full number is nowhere in the audit log, with or without the dash.
    const all = JSON.stringify(await t.database.db.selectFrom('audit_log').selectAll().execute());
    for (const full of ['0101901001', '010190-1001', '0101001010', '010100-1010']) expect(all).not.toContain(full);
  });

  it('hides a protected address from a caseworker and shows it to a records manager', async () => {
    await importPersonsCsv(t.database, PERSONS);
    const register = localPersonRegister(t.database);
    const opts = { purpose: { caseId: 7 } };

    expect(await lookupPerson(t.database, register, caseworker, '010195-2006', opts)).toEqual({
      status: 'found',
      cpr: '0101952006',
      name: 'Mads Æbeltoft',
      address: null,
      addressProtected: true,
      deceased: false,
    });
    expect(await lookupPerson(t.database, register, recordsManager, '010195-2006', opts)).toEqual({
      status: 'found',
      cpr: '0101952006',
      name: 'Mads Æbeltoft',
      address: { street: 'Søndergade 22', postcode: '8600', city: 'Silkeborg' },
      addressProtected: true,
      deceased: false,
    });
    const details = (await auditRows()).map((a) => JSON.parse(a.details!) as Record<string, unknown>);
    expect(details.map((d) => d.addressShown)).toEqual([false, true]);
    expect(JSON.stringify(details)).not.toContain('0101952006');
  });

  it('looks a company up, audited with the purpose', async () => {
    await importCompaniesCsv(t.database, COMPANIES);
    const register = localCompanyRegister(t.database);
    const opts = { purpose: { caseId: 3 } };
    const found = await lookupCompany(t.database, register, caseworker, 'DK 1111 0002', opts);
    expect(found).toMatchObject({ status: 'found', company: { cvr: '11110002', name: 'Søhøjlandets Tømrer ApS' } });
    expect(await lookupCompany(t.database, register, caseworker, '11110037', opts)).toEqual({ status: 'not_found' });
    expect(await lookupCompany(t.database, register, caseworker, '11110003', opts)).toEqual({ status: 'invalid' });
    const audit = await auditRows();
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([
      ['register.cvr.lookup', '3'],
      ['register.cvr.lookup', '3'],
    ]);
    expect(JSON.parse(audit[0]!.details!)).toEqual({ cvr: '11110002', purpose: { caseId: 3 }, found: true });
  });
});
