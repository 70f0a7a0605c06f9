import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/helpers/db.ts';
import { deletionDueOn, retentionRuleFor, ruleInForce, type FacetRuleRow, type SubjectRuleRow } from './retention.ts';
import { importFacets, importSubjects } from './service.ts';

const fixture = (name: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/kle', name), 'utf8');

type Rule = { retention: string | null; years?: number | null; local?: string | null; localYears?: number | null };
const row = (r: Rule): SubjectRuleRow & FacetRuleRow => ({
  retention: r.retention,
  retention_years: r.years ?? null,
  local_retention: r.local ?? null,
  local_retention_years: r.localYears ?? null,
});
const B = row({ retention: 'preserve' });
const K5 = row({ retention: 'dispose', years: 5 });
const K10 = row({ retention: 'dispose', years: 10 });
const K = row({ retention: 'dispose' });
const REVIEW = row({ retention: 'review' });
const SILENT = row({ retention: null });

describe('the rule in force for a subject and a facet (cirkulæreskrivelse pkt. 1)', () => {
  const rule = (s: ReturnType<typeof row> | null, f: ReturnType<typeof row> | null) => {
    const r = ruleInForce(s, f);
    return { retention: r.retention, years: r.years, basis: r.basis, decidedBy: r.decidedBy };
  };

  it('preserves when either is B, whatever the other says', () => {
    expect(rule(B, B)).toEqual({ retention: 'preserve', years: null, basis: 'preserve', decidedBy: 'both' });
    expect(rule(B, K5)).toEqual({ retention: 'preserve', years: null, basis: 'preserve', decidedBy: 'subject' });
    expect(rule(K5, B)).toEqual({ retention: 'preserve', years: null, basis: 'preserve', decidedBy: 'facet' });
    expect(rule(REVIEW, B).retention).toBe('preserve');
    expect(rule(SILENT, B)).toMatchObject({ retention: 'preserve', decidedBy: 'facet' });
    expect(rule(B, SILENT)).toMatchObject({ retention: 'preserve', decidedBy: 'subject' });
  });

  it('disposes when both are K, after the longer period', () => {
    expect(rule(K5, K10)).toEqual({ retention: 'dispose', years: 10, basis: 'dispose', decidedBy: 'facet' });
    expect(rule(K10, K5)).toEqual({ retention: 'dispose', years: 10, basis: 'dispose', decidedBy: 'subject' });
    expect(rule(K5, K5)).toMatchObject({ years: 5, decidedBy: 'both' });
    // A side without a period gives none: the other's counts; neither gives one, a person decides the period.
    expect(rule(K, K5)).toMatchObject({ retention: 'dispose', years: 5 });
    expect(rule(K, K)).toMatchObject({ retention: 'dispose', years: null });
  });

  it("takes the subject's rule alone when the facet is silent", () => {
    expect(rule(K5, SILENT)).toEqual({ retention: 'dispose', years: 5, basis: 'subjectOnly', decidedBy: 'subject' });
    expect(rule(REVIEW, null)).toMatchObject({ retention: 'review', basis: 'subjectOnly' });
  });

  it('leaves it to a person when a code is unclear or the subject is silent', () => {
    expect(rule(K5, REVIEW)).toEqual({ retention: 'review', years: null, basis: 'unclear', decidedBy: 'facet' });
    expect(rule(REVIEW, K5)).toMatchObject({ retention: 'review', basis: 'unclear', decidedBy: 'subject' });
    expect(rule(SILENT, K5)).toMatchObject({ retention: 'review', basis: 'unclear', decidedBy: 'none' });
    expect(rule(SILENT, SILENT)).toEqual({ retention: 'review', years: null, basis: 'silent', decidedBy: 'none' });
    expect(rule(null, null)).toMatchObject({ retention: 'review', basis: 'silent' });
  });

  it("puts each side's local rule over KL's, and says where each came from", () => {
    const localK10 = row({ retention: 'preserve', local: 'dispose', localYears: 10 });
    const r = ruleInForce(localK10, K5);
    expect(r).toMatchObject({ retention: 'dispose', years: 10, basis: 'dispose' });
    expect(r.subject).toEqual({ retention: 'dispose', years: 10, origin: 'local' });
    expect(r.facet).toEqual({ retention: 'dispose', years: 5, origin: 'kl' });
    // A local B on the facet preserves a case KL would dispose of.
    expect(ruleInForce(K5, row({ retention: 'dispose', years: 3, local: 'preserve' })).retention).toBe('preserve');
  });

  it("gives the subject's deletion period", () => {
    expect(ruleInForce({ ...K5, deletion_period: 'P1825D' }, SILENT).deletionPeriod).toBe('P1825D');
    expect(ruleInForce(K5, SILENT).deletionPeriod).toBeNull();
  });
});

describe('the deletion date', () => {
  it('adds an xs:duration to the closing date on the calendar', () => {
    expect(deletionDueOn('2027-01-01', 'P1825D')).toBe('2031-12-31');
    expect(deletionDueOn('2024-02-29', 'P1Y')).toBe('2025-03-01');
    expect(deletionDueOn('2026-01-31', 'P1M')).toBe('2026-03-03');
    expect(deletionDueOn('2026-06-15', 'P5Y')).toBe('2031-06-15');
  });
  it('gives none without a readable period', () => {
    expect(deletionDueOn('2026-06-15', null)).toBeNull();
    expect(deletionDueOn('2026-06-15', 'P')).toBeNull();
    expect(deletionDueOn('2026-06-15', 'fem år')).toBeNull();
  });
});

describe.each(DIALECTS)('retention from the KLE import (%s)', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(async () => tdb.cleanup());

  it("stores the facets' retention and the subjects' deletion period, and a re-import keeps the local rules", async () => {
    const database = tdb.database;
    await importSubjects(database, fixture('emneplan-v1.xml'), null, { audit: false });
    await importFacets(database, fixture('handlingsfacetter.xml'), null, { audit: false });
    const g01 = await database.db
      .selectFrom('kle_facets')
      .selectAll()
      .where('code', '=', 'G01')
      .executeTakeFirstOrThrow();
    expect(g01).toMatchObject({ retention: 'dispose', retention_years: null });
    const g20 = await database.db
      .selectFrom('kle_facets')
      .selectAll()
      .where('code', '=', 'G20')
      .executeTakeFirstOrThrow();
    expect(g20.retention).toBeNull();
    const subject = await database.db
      .selectFrom('kle_subjects')
      .selectAll()
      .where('number', '=', '02.34.02')
      .executeTakeFirstOrThrow();
    expect(subject).toMatchObject({ retention: 'preserve', deletion_period: 'P1825D' });

    // A local rule on both, then KL's files again: KL's columns refresh, the local rule stays.
    await database.db
      .updateTable('kle_subjects')
      .set({ local_retention: 'dispose', local_retention_years: 20, local_reason: 'Kommunens praksis' })
      .where('number', '=', '02.34.02')
      .execute();
    await database.db
      .updateTable('kle_facets')
      .set({ local_retention: 'dispose', local_retention_years: 30, local_reason: 'Lang frist' })
      .where('code', '=', 'G01')
      .execute();
    await importSubjects(database, fixture('emneplan-v2.xml'), null, { audit: false });
    await importFacets(database, fixture('handlingsfacetter.xml'), null, { audit: false });
    const after = await database.db
      .selectFrom('kle_subjects')
      .selectAll()
      .where('number', '=', '02.34.02')
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      retention: 'preserve',
      local_retention: 'dispose',
      local_retention_years: 20,
      local_reason: 'Kommunens praksis',
    });
    const rule = await retentionRuleFor(database, '02.34.02', 'G01');
    expect(rule).toMatchObject({ retention: 'dispose', years: 30, basis: 'dispose', deletionPeriod: 'P1825D' });
    expect(rule.subject.origin).toBe('local');
    expect(rule.facet.origin).toBe('local');
  });
});
