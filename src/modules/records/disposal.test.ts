import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { searchCases } from '../cases/index.ts';
import { makeCase, pdfOf, recordsFixture, type FixtureCase, type RecordsActor } from './archive.fixtures.ts';
import {
  approveDisposal,
  CASE_REFERENCES,
  disposalCases,
  excludeFromDisposal,
  executeDisposal,
  proposeDisposal,
  yearsBefore,
} from './disposal.ts';

/**
 * Disposal: which cases a list holds (retention passed, archived; preserved ones only after a
 * delivered archival version; never review), that nothing is deleted before approval, that cases
 * taken off the list (by a person or by the check) survive, that a disposed case is gone from the
 * database, from disk and from search, that the record keeps no personal data, and that an
 * interrupted execution is finished by executing again.
 */
describe.each(DIALECTS)('disposal (%s)', (dialect) => {
  let t: TestApp;
  let caseworker: RecordsActor;
  let manager: RecordsActor;
  const db = () => t.db.database.db;
  const AS_OF = '2031-06-01';
  const PARTY = { name: 'Hanne Vigsø', cpr: '020285-1234' };

  let gone: FixtureCase;
  let kept: FixtureCase;
  let young: FixtureCase;
  let preserved: FixtureCase;
  let undelivered: FixtureCase;
  let review: FixtureCase;
  let political: FixtureCase;
  let notArchived: FixtureCase;
  let uniqueSha: string;
  let sharedSha: string;
  let auditBefore: number;

  const exists = async (id: number) =>
    (await db().selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  const shasOf = async (caseId: number) =>
    (
      await db()
        .selectFrom('document_versions')
        .innerJoin('documents', 'documents.id', 'document_versions.document_id')
        .select('document_versions.blob_sha256')
        .where('documents.case_id', '=', caseId)
        .orderBy('documents.id')
        .execute()
    ).map((r) => r.blob_sha256);
  const addExport = async (status: 'delivered' | 'valid', caseRow: FixtureCase, avid: string) => {
    const e = await db()
      .insertInto('archival_exports')
      .values({
        avid,
        period_start: '2016-01-01',
        period_end: '2020-12-31',
        status,
        out_dir: '/tmp/avid',
        created_at: '2031-01-01T00:00:00.000Z',
        created_by: manager.id,
        started_at: null,
        finished_at: null,
        validation: null,
        validated_at: null,
        delivered_at: status === 'delivered' ? '2031-02-01T00:00:00.000Z' : null,
        delivered_by: null,
        delivery_reference: null,
        error: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('archival_export_cases')
      .values({ export_id: e.id, case_id: caseRow.id, case_number: caseRow.number })
      .execute();
    return e.id;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ caseworker, manager } = await recordsFixture(t));
    const shared = await pdfOf('Fælles vejledning om kassation');
    gone = await makeCase(t, caseworker, {
      title: 'Kassationssag Vestergade 7',
      party: PARTY,
      note: 'Telefonnotat om Vestergade',
      pdfs: [await pdfOf('Ansøgning om plankeværk Vestergade'), shared],
      closedAt: '2025-01-10T10:00:00Z',
      archived: true,
    });
    const [first, second] = await shasOf(gone.id);
    uniqueSha = first!;
    sharedSha = second!;
    kept = await makeCase(t, caseworker, {
      title: 'Beholdt sag Nørregade 2',
      pdfs: [shared],
      closedAt: '2025-02-01T10:00:00Z',
      archived: true,
    });
    young = await makeCase(t, caseworker, { title: 'Ung sag', closedAt: '2027-01-01T10:00:00Z', archived: true });
    preserved = await makeCase(t, caseworker, {
      title: 'Bevaret og afleveret sag',
      kle: '02.34.02',
      facet: 'P20',
      closedAt: '2020-03-01T10:00:00Z',
      archived: true,
    });
    undelivered = await makeCase(t, caseworker, {
      title: 'Bevaret, ikke afleveret',
      kle: '02.34.02',
      facet: 'P20',
      closedAt: '2020-03-01T10:00:00Z',
      archived: true,
    });
    review = await makeCase(t, caseworker, {
      title: 'Vurderingssag',
      kle: '27.00.00',
      closedAt: '2010-01-01T10:00:00Z',
      archived: true,
    });
    political = await makeCase(t, caseworker, {
      title: 'Sag i udvalget',
      closedAt: '2024-05-05T10:00:00Z',
      archived: true,
    });
    notArchived = await makeCase(t, caseworker, { title: 'Kun afsluttet', closedAt: '2020-01-01T10:00:00Z' });
    await addExport('delivered', preserved, 'AVID.SA.18001.1');
    await addExport('valid', undelivered, 'AVID.SA.18002.1');
    const at = '2024-04-01T00:00:00.000Z';
    await db()
      .insertInto('papers')
      .values({
        case_id: political.id,
        reference: political.number,
        title: 'Sagsfremstilling',
        created_at: at,
        created_by: null,
        updated_at: at,
        deleted_at: null,
      })
      .execute();
    auditBefore = Number(
      (
        await db()
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirstOrThrow()
      ).m,
    );
  });
  afterAll(async () => t.cleanup());

  it('counts the years from the day the case was closed', () => {
    expect(yearsBefore('2031-06-01', 5)).toBe('2026-06-01');
    expect(yearsBefore('2028-02-29', 1)).toBe('2027-02-28');
  });

  it('lists exactly the cases whose retention has passed, keeps back those others refer to, and disposes of nothing before approval', async () => {
    const made = await proposeDisposal(t.db.database, manager, { asOf: AS_OF });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const list = await disposalCases(t.db.database, made.id);
    const byId = new Map(list.map((c) => [c.case_id, c]));
    expect([...byId.keys()].sort((a, b) => a - b)).toEqual(
      [gone.id, kept.id, preserved.id, political.id].sort((a, b) => a - b),
    );
    for (const c of [young, undelivered, review, notArchived]) expect(byId.has(c.id), c.title).toBe(false);
    expect(byId.get(political.id)).toMatchObject({ excluded: true, excluded_reason: 'auto:meetings' });
    expect(byId.get(preserved.id)).toMatchObject({ retention: 'preserve', excluded: false });
    expect(byId.get(preserved.id)!.export_id).not.toBeNull();
    expect(byId.get(gone.id)).toMatchObject({
      retention: 'dispose',
      retention_years: 5,
      document_count: 2,
      file_count: 2,
    });
    // A second list while this one is open: refused.
    expect(await proposeDisposal(t.db.database, manager, { asOf: AS_OF })).toEqual({
      ok: false,
      error: 'records.disposal.error.openList',
    });

    // Not before approval.
    expect(await executeDisposal(t.db.database, t.services.blobs, made.id, manager)).toEqual({
      ok: false,
      error: 'records.disposal.error.notApproved',
    });
    expect(await exists(gone.id)).toBe(true);
    // The database itself refuses to delete a journalised document outside an executing list.
    await expect(db().deleteFrom('documents').where('case_id', '=', gone.id).execute()).rejects.toThrow(
      /journalised document cannot be deleted/,
    );

    expect(await excludeFromDisposal(t.db.database, made.id, kept.id, '  ', manager)).toEqual({
      ok: false,
      error: 'records.disposal.error.reason',
    });
    expect(
      await excludeFromDisposal(t.db.database, made.id, kept.id, 'Verserende retssag ved byretten', manager),
    ).toEqual({ ok: true });
    expect(await approveDisposal(t.db.database, made.id, manager)).toEqual({ ok: true });
    expect(await excludeFromDisposal(t.db.database, made.id, gone.id, 'For sent', manager)).toEqual({
      ok: false,
      error: 'records.disposal.error.notProposed',
    });

    const r = await executeDisposal(t.db.database, t.services.blobs, made.id, manager);
    expect(r).toMatchObject({ ok: true, disposed: 2, excluded: 0 });

    // Gone: the case and everything on it.
    expect(await exists(gone.id)).toBe(false);
    expect(await exists(preserved.id)).toBe(false);
    for (const table of ['case_parties', 'case_notes', 'documents', 'search_entries', 'case_access'] as const) {
      const n = await db().selectFrom(table).select('case_id').where('case_id', '=', gone.id).execute();
      expect(n, table).toEqual([]);
    }
    // The file only the disposed case used is gone from DATA_DIR; the one another case shares stays.
    expect(t.services.blobs.exists(uniqueSha)).toBe(false);
    expect(
      await db().selectFrom('blobs').select('sha256').where('sha256', '=', uniqueSha).executeTakeFirst(),
    ).toBeUndefined();
    expect(t.services.blobs.exists(sharedSha)).toBe(true);
    // Kept: taken off by a person, kept back by the check, and those never listed.
    for (const c of [kept, political, young, undelivered, review, notArchived])
      expect(await exists(c.id), c.title).toBe(true);
    expect(await shasOf(kept.id)).toEqual([sharedSha]);

    // Search finds nothing of it: the case search, by title, text, number and CPR, and the global search.
    for (const q of ['Vestergade', 'plankeværk', gone.number, PARTY.cpr]) {
      const hits = await searchCases(t.db.database, manager, q);
      expect(
        hits.hits.filter((h) => h.caseId === gone.id || h.caseNumber === gone.number),
        q,
      ).toEqual([]);
    }
    const journal = await t.signIn('journal');
    const page = await (await t.get(`/search?q=${encodeURIComponent('Vestergade')}`, { cookie: journal })).text();
    expect(page).not.toContain(gone.number);
    expect(page).not.toContain('Kassationssag');
    expect((await t.get(`/cases/${gone.id}`, { cookie: journal })).status).toBe(404);

    // The record: numbers, classification, rule, dates, counts; no title, name or CPR anywhere
    // in what disposal wrote (its tables and the audit entries since the fixture was made).
    const record = await disposalCases(t.db.database, made.id);
    const goneRow = record.find((c) => c.case_id === gone.id)!;
    expect(goneRow).toMatchObject({ case_number: gone.number, kle_number: '02.00.00', facet_code: 'G01', title: null });
    expect(goneRow.disposed_at).not.toBeNull();
    const runs = await db().selectFrom('disposal_runs').selectAll().execute();
    expect(runs[0]).toMatchObject({ status: 'executed', approved_by: manager.id });
    const written = JSON.stringify([
      runs,
      await db().selectFrom('disposal_run_cases').selectAll().execute(),
      await db().selectFrom('audit_log').selectAll().where('id', '>', auditBefore).execute(),
    ]);
    for (const secret of [gone.title, 'Vestergade', PARTY.name, PARTY.cpr, PARTY.cpr.replace('-', ''), 'plankeværk'])
      expect(written, secret).not.toContain(secret);
    expect(written).toContain(gone.number);
    const disposeEntries = await db()
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'case.dispose')
      .execute();
    expect(disposeEntries.map((e) => e.entity_id).sort()).toEqual([String(gone.id), String(preserved.id)].sort());

    expect(await executeDisposal(t.db.database, t.services.blobs, made.id, manager)).toEqual({
      ok: false,
      error: 'records.disposal.error.executed',
    });
  });

  it('lists a preserved case once its archival version is delivered, and finishes an interrupted execution', async () => {
    await db()
      .updateTable('archival_exports')
      .set({ status: 'delivered' })
      .where('avid', '=', 'AVID.SA.18002.1')
      .execute();
    const more = [
      await makeCase(t, caseworker, {
        title: 'Afbrudt 1',
        pdfs: [await pdfOf('Første afbrudte')],
        closedAt: '2024-01-01T10:00:00Z',
        archived: true,
      }),
      await makeCase(t, caseworker, {
        title: 'Afbrudt 2',
        pdfs: [await pdfOf('Anden afbrudte')],
        closedAt: '2024-01-02T10:00:00Z',
        archived: true,
      }),
      await makeCase(t, caseworker, {
        title: 'Afbrudt 3',
        pdfs: [await pdfOf('Tredje afbrudte')],
        closedAt: '2024-01-03T10:00:00Z',
        archived: true,
      }),
    ];
    const shas = (await Promise.all(more.map((c) => shasOf(c.id)))).flat();
    const made = await proposeDisposal(t.db.database, manager, { asOf: AS_OF });
    if (!made.ok) throw new Error(made.error);
    const listed = (await disposalCases(t.db.database, made.id)).filter((c) => !c.excluded).map((c) => c.case_id);
    // A case taken off an earlier list comes up again (each list is a new review): taken off again.
    expect(listed.sort((a, b) => a - b)).toEqual(
      [kept.id, undelivered.id, ...more.map((c) => c.id)].sort((a, b) => a - b),
    );
    expect(await excludeFromDisposal(t.db.database, made.id, kept.id, 'Retssagen verserer stadig', manager)).toEqual({
      ok: true,
    });
    expect(await approveDisposal(t.db.database, made.id, manager)).toEqual({ ok: true });

    await expect(executeDisposal(t.db.database, t.services.blobs, made.id, manager, { failAfter: 1 })).rejects.toThrow(
      /injected failure/,
    );
    const run = await db()
      .selectFrom('disposal_runs')
      .select('status')
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe('executing');
    // One case went; the one whose transaction failed is whole again (documents included).
    const left = [];
    for (const c of [...more, undelivered]) if (await exists(c.id)) left.push(c.id);
    expect(left).toHaveLength(3);
    for (const id of left) if (id !== undelivered.id) expect(await shasOf(id)).toHaveLength(1);

    const r = await executeDisposal(t.db.database, t.services.blobs, made.id, manager);
    expect(r).toMatchObject({ ok: true, disposed: 3 });
    for (const c of [...more, undelivered]) expect(await exists(c.id), c.title).toBe(false);
    for (const sha of shas) expect(t.services.blobs.exists(sha)).toBe(false);
    for (const c of [...more, undelivered]) {
      const n = await db()
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'case.dispose')
        .where('entity_id', '=', String(c.id))
        .execute();
      expect(n, c.title).toHaveLength(1);
    }
    const rows = await disposalCases(t.db.database, made.id);
    expect(rows.filter((c) => c.disposed_at === null).map((c) => c.case_id)).toEqual(
      [kept.id, political.id].sort((a, b) => a - b),
    );
    expect(await exists(kept.id)).toBe(true);
    expect(await exists(political.id)).toBe(true);
  });

  it('knows every column that refers to a case or a document', async () => {
    const fks =
      dialect === 'postgres'
        ? (
            await sql<{ tbl: string; col: string; ref: string }>`
              select cl.relname as tbl, att.attname as col, ref.relname as ref
              from pg_constraint c
              join pg_class cl on cl.oid = c.conrelid
              join pg_class ref on ref.oid = c.confrelid
              join pg_attribute att on att.attrelid = c.conrelid and att.attnum = any(c.conkey)
              join pg_namespace ns on ns.oid = cl.relnamespace
              where c.contype = 'f' and ns.nspname = current_schema()`.execute(db())
          ).rows
        : (
            await sql<{ tbl: string; col: string; ref: string }>`
              select m.name as tbl, p."from" as col, p."table" as ref
              from sqlite_master m join pragma_foreign_key_list(m.name) p
              where m.type = 'table'`.execute(db())
          ).rows;
    const referring = fks
      .filter((f) => ['cases', 'documents', 'case_notes', 'case_parties'].includes(f.ref))
      .map((f) => `${f.tbl}.${f.col}`)
      .sort();
    const handled = new Set(CASE_REFERENCES.map((r) => `${r.table}.${r.column}`));
    expect(referring.filter((r) => !handled.has(r))).toEqual([]);
    expect(referring.length).toBeGreaterThanOrEqual(20);
  });
});
