import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/helpers/db.ts';
import { verifyAuditChain, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { createUser } from '../users/service.ts';
import { KleParseError } from './parse.ts';
import {
  getImport,
  getSubject,
  importFacets,
  importSubjects,
  kleOverview,
  listFacets,
  listImports,
  listSubjects,
  retentionFor,
  type KleImportReport,
} from './service.ts';

const fixture = (name: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/kle', name), 'utf8');
const TODAY = '2025-06-01';

async function rejection(promise: Promise<unknown>): Promise<KleParseError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof KleParseError) return err;
    throw err;
  }
  throw new Error('expected the import to be refused');
}

describe.each(DIALECTS)('KLE import (%s)', (dialect) => {
  let tdb: TestDatabase;
  let database: Database;
  let actor: AuditActor;

  const count = async (table: 'kle_subjects' | 'kle_facets' | 'kle_imports' | 'audit_log') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    database = tdb.database;
    const created = await createUser(
      database,
      {
        username: 'kle.admin',
        displayName: 'Karen Lund',
        email: '',
        phone: '',
        title: '',
        orgUnitId: '',
        managerUsername: '',
        password: '',
        roles: ['admin'],
        isActive: true,
      },
      null,
      { scryptCost: 1024 },
    );
    if (!created.ok) throw new Error('could not create the test user');
    actor = { id: created.id, name: 'Karen Lund' };
  });
  afterAll(async () => tdb.cleanup());

  it('refuses a malformed file with a clear error and writes nothing', async () => {
    const before = await count('audit_log');
    const err = await rejection(importSubjects(database, fixture('emneplan-truncated.xml'), actor));
    expect(err.code).toBe('malformed');
    expect(err.message).toMatch(/^The XML is not well-formed \(line \d+, column \d+\)/);
    expect((await rejection(importSubjects(database, fixture('handlingsfacetter.xml'), actor))).code).toBe(
      'wrong_root',
    );
    expect((await rejection(importFacets(database, fixture('emneplan-v1.xml'), actor))).code).toBe('wrong_root');
    expect(await count('kle_subjects')).toBe(0);
    expect(await count('kle_facets')).toBe(0);
    expect(await count('kle_imports')).toBe(0);
    expect(await count('audit_log')).toBe(before);
  });

  it('imports a subject plan into an empty database, with report, import row and audit entry', async () => {
    const { importId, report } = await importSubjects(database, fixture('emneplan-v1.xml'), actor, { ip: '10.0.0.7' });
    expect(report.published).toBe('2025-02-01');
    expect(report.counts).toEqual({
      inFile: 17,
      added: 17,
      retitled: 0,
      expired: 0,
      reinstated: 0,
      missing: 0,
      unchanged: 0,
    });
    expect(report.added[0]).toEqual({ number: '00', title: 'Kommunens styrelse' });
    expect(await count('kle_subjects')).toBe(17);

    const subject = await getSubject(database, '00.03.02');
    expect(subject).toMatchObject({
      number: '00.03.02',
      level: 3,
      parent_number: '00.03',
      title: 'Internationale organisationers virksomhed',
      uuid: '24a530f6-ffb7-489c-82a9-466d322c8201',
      retention: 'dispose',
      retention_years: 5,
      created_date: '2003-08-01',
      expired_date: null,
    });
    expect((await getSubject(database, '02.30.02'))!.expired_date).toBe('2010-11-01');
    expect(await getSubject(database, '99.99.99')).toBeNull();

    const stored = await getImport(database, importId);
    expect(stored).toMatchObject({ id: importId, kind: 'subjects', published: '2025-02-01', importedBy: 'Karen Lund' });
    expect(stored!.report).toEqual(report);

    const entry = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'kle.import')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_id: actor.id,
      entity_type: 'kle_import',
      entity_id: String(importId),
      ip: '10.0.0.7',
    });
    expect(entry.summary).toBe(
      'Imported KLE subject plan published 2025-02-01: 17 added, 0 retitled, 0 retired, 0 missing',
    );
    expect(JSON.parse(entry.details!)).toEqual({ kind: 'subjects', published: '2025-02-01', counts: report.counts });
    expect((await verifyAuditChain(database)).ok).toBe(true);
  });

  it('re-imports a newer plan: reports exactly what changed and never deletes a number', async () => {
    const { report } = await importSubjects(database, fixture('emneplan-v2.xml'), actor);
    const expected: KleImportReport = {
      kind: 'subjects',
      published: '2025-05-01',
      counts: { inFile: 17, added: 1, retitled: 2, expired: 1, reinstated: 0, missing: 1, unchanged: 13 },
      added: [{ number: '00.03.12', title: 'Internationale netværk (testemne)' }],
      retitled: [
        {
          number: '02.34',
          from: 'Byggetilladelse og anmeldelse om byggearbejde (BR10)',
          to: 'Byggetilladelse og anmeldelse om byggearbejde (BR18)',
        },
        {
          number: '02.34.00',
          from: 'Byggetilladelse og anmeldelse om byggearbejde (BR10) i almindelighed',
          to: 'Byggetilladelse og anmeldelse om byggearbejde (BR18) i almindelighed',
        },
      ],
      // Retired: reported as retired, not as retitled, although KL added "[udgået]" to the title.
      expired: [
        {
          number: '00.03.02',
          title: 'Internationale organisationers virksomhed [udgået]',
          date: '2025-05-01',
          replacedBy: [],
        },
      ],
      reinstated: [],
      missing: [{ number: '00.01.10', title: 'Opgaver der dækker flere hovedgrupper' }],
      unchanged: [
        '00',
        '00.01',
        '00.01.00',
        '00.03',
        '00.03.00',
        '00.03.04',
        '00.10',
        '00.10.00',
        '02',
        '02.30',
        '02.30.02',
        '02.34.02',
        '02.34.04',
      ],
    };
    expect(report).toEqual(expected);

    // 17 from the first plan + 1 new: the missing number is still there, unchanged and current.
    expect(await count('kle_subjects')).toBe(18);
    expect(await getSubject(database, '00.01.10')).toMatchObject({
      title: 'Opgaver der dækker flere hovedgrupper',
      expired_date: null,
    });
    expect(await getSubject(database, '00.03.02')).toMatchObject({
      title: 'Internationale organisationers virksomhed [udgået]',
      expired_date: '2025-05-01',
    });
    expect((await getSubject(database, '02.34.00'))!.title).toBe(
      'Byggetilladelse og anmeldelse om byggearbejde (BR18) i almindelighed',
    );
    // Details other than title and status are refreshed too: K10 became K5 in the newer plan.
    expect(retentionFor(await getSubject(database, '02.34.04'))).toEqual({ retention: 'dispose', years: 5 });

    const imports = await listImports(database);
    expect(imports.map((i) => i.published)).toEqual(['2025-05-01', '2025-02-01']);
    expect(
      await database.db.selectFrom('audit_log').select('id').where('action', '=', 'kle.import').execute(),
    ).toHaveLength(2);
    expect((await verifyAuditChain(database)).ok).toBe(true);
  });

  it('reports nothing new when the same plan is imported again, and keeps reporting the missing number', async () => {
    const { report } = await importSubjects(database, fixture('emneplan-v2.xml'), actor);
    expect(report.counts).toEqual({
      inFile: 17,
      added: 0,
      retitled: 0,
      expired: 0,
      reinstated: 0,
      missing: 1,
      unchanged: 17,
    });
    expect(await count('kle_subjects')).toBe(18);
  });

  it('reports a retired number the plan lists as current again', async () => {
    const { report } = await importSubjects(database, fixture('emneplan-v1.xml'), actor);
    expect(report.reinstated).toEqual([{ number: '00.03.02', title: 'Internationale organisationers virksomhed' }]);
    expect(report.retitled.map((r) => r.number)).toEqual(['02.34', '02.34.00']);
    expect(report.missing.map((m) => m.number)).toEqual(['00.03.12']);
    expect((await getSubject(database, '00.03.02'))!.expired_date).toBeNull();
    await importSubjects(database, fixture('emneplan-v2.xml'), actor); // back to the newer plan
  });

  it('finds subjects by number prefix or title words, current ones by default', async () => {
    const numbers = (rows: Array<{ number: string }>) => rows.map((r) => r.number);
    expect(numbers(await listSubjects(database, { q: '00.03', today: TODAY }))).toEqual([
      '00.03',
      '00.03.00',
      '00.03.04',
      '00.03.12',
    ]);
    expect(numbers(await listSubjects(database, { q: '00.03', includeExpired: true, today: TODAY }))).toEqual([
      '00.03',
      '00.03.00',
      '00.03.02',
      '00.03.04',
      '00.03.12',
    ]);
    // A retirement date that lies ahead does not retire the number yet.
    expect(numbers(await listSubjects(database, { q: '00.03.02', today: '2025-04-30' }))).toEqual(['00.03.02']);
    expect(numbers(await listSubjects(database, { q: 'byggetilladelse', level: 3, today: TODAY }))).toEqual([
      '02.34.00',
      '02.34.02',
    ]);
    expect(numbers(await listSubjects(database, { q: '02 anmeldelse', today: TODAY }))).toEqual([
      '02.34',
      '02.34.00',
      '02.34.04',
    ]);
    expect(numbers(await listSubjects(database, { q: 'BYGGETILLADELSE (BR18)', today: TODAY }))).toEqual([
      '02.34',
      '02.34.00',
    ]);
    expect(numbers(await listSubjects(database, { q: '100%_', today: TODAY }))).toEqual([]);
    expect(await listSubjects(database, { level: 1, today: TODAY })).toHaveLength(2);
    expect(await listSubjects(database, { limit: 3, today: TODAY })).toHaveLength(3);
  });

  it('imports action facets, lists them in KLE order and reports retitles and missing codes', async () => {
    const first = await importFacets(database, fixture('handlingsfacetter.xml'), actor);
    expect(first.report.counts).toEqual({
      inFile: 5,
      added: 5,
      retitled: 0,
      expired: 0,
      reinstated: 0,
      missing: 0,
      unchanged: 0,
    });
    expect((await listFacets(database, { today: TODAY })).map((f) => f.code)).toEqual(['G01', 'G20', 'K01', 'K09']);
    const all = await listFacets(database, { includeExpired: true, today: TODAY });
    expect(all.map((f) => f.code)).toEqual(['G01', 'G20', 'K01', 'K09', 'Ø54']);
    expect(all[0]).toMatchObject({
      category_code: 'G',
      category_title: 'Kategori G (testdata)',
      title: 'Generelle sager',
      expired_date: null,
    });

    const newer = fixture('handlingsfacetter.xml')
      .replace('<UdgivelsesDato>2025-05-01</UdgivelsesDato>', '<UdgivelsesDato>2025-08-01</UdgivelsesDato>')
      .replace(
        '<HandlingsfacetTitel>Kurser og kursusafholdelse</HandlingsfacetTitel>',
        '<HandlingsfacetTitel>Kurser og undervisning</HandlingsfacetTitel>',
      )
      .replace(/<Handlingsfacet>\s*<HandlingsfacetNr>K01<\/HandlingsfacetNr>[\s\S]*?<\/Handlingsfacet>/, '');
    const second = await importFacets(database, newer, actor);
    expect(second.report).toMatchObject({
      kind: 'facets',
      published: '2025-08-01',
      counts: { inFile: 4, added: 0, retitled: 1, expired: 0, reinstated: 0, missing: 1, unchanged: 3 },
      retitled: [{ number: 'G20', from: 'Kurser og kursusafholdelse', to: 'Kurser og undervisning' }],
      missing: [{ number: 'K01', title: 'Revision' }],
    });
    expect(await count('kle_facets')).toBe(5);
  });

  it('gives the admin page counts and the plans in use', async () => {
    const overview = await kleOverview(database, TODAY);
    expect(overview).toMatchObject({
      mainGroups: 2,
      groups: 3,
      subjects: 8,
      expiredSubjects: 3,
      facets: 4,
      expiredFacets: 1,
    });
    expect(overview.subjectPlan).toMatchObject({ kind: 'subjects', published: '2025-05-01', importedBy: 'Karen Lund' });
    expect(overview.facetPlan).toMatchObject({ kind: 'facets', published: '2025-08-01' });
  });
});

describe('retentionFor', () => {
  it('maps a subject to the retention a case gets', () => {
    expect(retentionFor({ retention: 'preserve', retention_years: null })).toEqual({
      retention: 'preserve',
      years: null,
    });
    expect(retentionFor({ retention: 'dispose', retention_years: 5 })).toEqual({ retention: 'dispose', years: 5 });
    expect(retentionFor({ retention: 'review', retention_years: 3 })).toEqual({ retention: 'review', years: null });
    expect(retentionFor({ retention: 'B', retention_years: null })).toEqual({ retention: null, years: null });
    expect(retentionFor(null)).toEqual({ retention: null, years: null });
  });
});
