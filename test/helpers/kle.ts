import type { Database } from '../../src/db/index.ts';
import { nowIso } from '../../src/db/index.ts';

/** A handful of KLE numbers and facets for tests that do not need the whole demo plan. */
export async function insertTestKle(database: Database): Promise<void> {
  const now = nowIso();
  const subjects = [
    { number: '02', level: 1, parent_number: null, title: 'Byggeri', retention: null, retention_years: null },
    { number: '02.00', level: 2, parent_number: '02', title: 'Byggeri', retention: null, retention_years: null },
    {
      number: '02.00.00',
      level: 3,
      parent_number: '02.00',
      title: 'Byggeri i almindelighed',
      retention: 'dispose',
      retention_years: 5,
    },
    {
      number: '02.34',
      level: 2,
      parent_number: '02',
      title: 'Byggesagsbehandling',
      retention: null,
      retention_years: null,
    },
    {
      number: '02.34.02',
      level: 3,
      parent_number: '02.34',
      title: 'Byggetilladelse',
      retention: 'preserve',
      retention_years: null,
    },
    { number: '27', level: 1, parent_number: null, title: 'Sundhed', retention: null, retention_years: null },
    { number: '27.00', level: 2, parent_number: '27', title: 'Sundhed', retention: null, retention_years: null },
    {
      number: '27.00.00',
      level: 3,
      parent_number: '27.00',
      title: 'Sundhed i almindelighed',
      retention: 'review',
      retention_years: null,
    },
    {
      number: '00',
      level: 1,
      parent_number: null,
      title: 'Kommunens styrelse',
      retention: null,
      retention_years: null,
    },
    {
      number: '00.01',
      level: 2,
      parent_number: '00',
      title: 'Kommunens styrelse',
      retention: null,
      retention_years: null,
    },
    {
      number: '00.01.00',
      level: 3,
      parent_number: '00.01',
      title: 'Kommunens styrelse i almindelighed',
      retention: 'preserve',
      retention_years: null,
    },
    {
      number: '00.01.99',
      level: 3,
      parent_number: '00.01',
      title: 'Udgået emne',
      retention: null,
      retention_years: null,
      expired_date: '2020-01-01',
    },
  ];
  await database.db
    .insertInto('kle_subjects')
    .values(
      subjects.map((s) => ({
        uuid: null,
        guidance: null,
        created_date: null,
        changed_date: null,
        expired_date: null,
        updated_at: now,
        ...s,
      })),
    )
    .onConflict((oc) => oc.column('number').doNothing())
    .execute();
  await database.db
    .insertInto('kle_facets')
    .values([
      {
        code: 'G01',
        category_code: 'G',
        category_title: 'Dokumenter',
        title: 'Generelle sager',
        uuid: null,
        guidance: null,
        expired_date: null,
        updated_at: now,
      },
      {
        code: 'P20',
        category_code: 'P',
        category_title: 'Tilladelser',
        title: 'Byggetilladelse',
        uuid: null,
        guidance: null,
        expired_date: null,
        updated_at: now,
      },
      {
        code: 'K07',
        category_code: 'K',
        category_title: 'Klager',
        title: 'Klager',
        uuid: null,
        guidance: null,
        expired_date: null,
        updated_at: now,
      },
    ])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
