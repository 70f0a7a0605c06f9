import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KLE_SEED_PUBLISHED, kleSeedSubjects, seedKle } from '../../../seeds/kle.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/helpers/db.ts';
import { writeTransaction } from '../../db/index.ts';
import { getSubject, importSubjects, kleOverview, listFacets, listImports, retentionFor } from './service.ts';

/** Every KLE main group, as KL lists them today. */
const MAIN_GROUPS = [
  '00',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '13',
  '14',
  '15',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
  '24',
  '25',
  '27',
  '28',
  '29',
  '30',
  '32',
  '54',
  '81',
  '82',
  '83',
  '84',
  '85',
  '86',
  '87',
  '88',
];

describe('the KLE seed data', () => {
  const subjects = kleSeedSubjects();

  it('has unique, well-formed numbers, each under an existing parent', () => {
    const numbers = subjects.map((s) => s.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const known = new Set(numbers);
    for (const s of subjects) {
      expect(s.number, s.number).toMatch(
        s.level === 1 ? /^\d{2}$/ : s.level === 2 ? /^\d{2}\.\d{2}$/ : /^\d{2}\.\d{2}\.\d{2}$/,
      );
      if (s.level > 1) expect(known.has(s.parentNumber!), `parent of ${s.number}`).toBe(true);
      expect(s.title.trim(), s.number).toBe(s.title);
      expect(s.title, s.number).not.toBe('');
    }
  });

  it('covers the areas a municipality files under most', () => {
    const numbers = new Set(subjects.filter((s) => s.level === 3 && !s.expiredDate).map((s) => s.number));
    for (const n of [
      '00.01.00',
      '00.22.02',
      '00.22.04',
      '00.30.10',
      '00.32.10',
      '01.02.05',
      '02.34.02',
      '03.00.00',
      '17.04.04',
      '27.60.04',
      '28.09.40',
      '29.12.08',
      '81.38.00',
      '83.15.05',
    ]) {
      expect(numbers.has(n), n).toBe(true);
    }
    expect(numbers.size).toBeGreaterThanOrEqual(150);
    expect(numbers.size).toBeLessThanOrEqual(300);
  });
});

describe.each(DIALECTS)('seedKle (%s)', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(async () => tdb.cleanup());

  it('loads every main group, groups, subjects and facets into an empty database', async () => {
    const database = tdb.database;
    const loaded = await writeTransaction(database, (tx) => seedKle(tx));
    const rows = await database.db.selectFrom('kle_subjects').selectAll().execute();
    expect(loaded).toEqual({ subjects: rows.length, facets: 7 });

    const byLevel = (level: number) => rows.filter((r) => r.level === level);
    expect(
      byLevel(1)
        .map((r) => r.number)
        .sort(),
    ).toEqual(MAIN_GROUPS);
    expect(byLevel(1).find((r) => r.number === '00')!.title).toBe('Kommunens styrelse');
    expect(byLevel(1).find((r) => r.number === '85')!.title).toBe('Kommunens administrative systemer');
    expect(byLevel(2)).toHaveLength(41);
    expect(byLevel(3)).toHaveLength(209);

    const numbers = new Set(rows.map((r) => r.number));
    for (const r of rows) {
      if (r.level === 1) expect(r.parent_number).toBeNull();
      else expect(numbers.has(r.parent_number!), `parent of ${r.number}`).toBe(true);
    }

    expect(await getSubject(database, '00.22.02')).toMatchObject({
      title: 'Kommunalbestyrelsen - kommuners styrelse',
      retention: 'preserve',
    });
    expect(retentionFor(await getSubject(database, '28.09.40'))).toEqual({ retention: 'dispose', years: 5 });
    expect(retentionFor(await getSubject(database, '02.00.01'))).toEqual({ retention: null, years: null });
    expect((await getSubject(database, '00.08'))!.expired_date).toBe('2011-11-01');

    const overview = await kleOverview(database, '2026-01-01');
    expect(overview).toMatchObject({ mainGroups: 36, subjects: 204, expiredSubjects: 5, facets: 7 });
    expect(overview.subjectPlan).toMatchObject({ published: KLE_SEED_PUBLISHED, importedBy: null });
    expect((await listFacets(database)).map((f) => f.code)).toEqual(['G01', 'G20', 'K01', 'K09', 'P19', 'Ø47', 'Ø54']);
    // The seed writes no audit entry: the demo seed logs itself.
    expect(await database.db.selectFrom('audit_log').select('id').where('action', '=', 'kle.import').execute()).toEqual(
      [],
    );
  });

  it('lines up with a later import of KL plan files: titles update, nothing is deleted', async () => {
    const database = tdb.database;
    const before = await database.db.selectFrom('kle_subjects').select('number').execute();
    const xml = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../../test/fixtures/kle/emneplan-v2.xml'),
      'utf8',
    );
    const { report } = await importSubjects(database, xml, null);
    expect(report.retitled.map((r) => r.number)).toEqual(['02.34', '02.34.00']);
    expect(report.added.map((a) => a.number)).toEqual(['00.03.12', '00.10', '00.10.00']);
    expect(report.unchanged).toContain('02.30.02');
    const after = await database.db.selectFrom('kle_subjects').select('number').execute();
    expect(after.length).toBe(before.length + 3);
    expect((await listImports(database, 1))[0]).toMatchObject({ published: '2025-05-01' });
  });
});
