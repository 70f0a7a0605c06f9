import { sql } from 'kysely';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { toId } from '../../db/sql.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { CaseStatus, CaseType } from '../../db/schema.ts';
import { copenhagenDate, type MessageKey } from '../../i18n/index.ts';
import { can, type Actor } from '../../policy/index.ts';
import { visibleCases } from '../../policy/index.ts';
import { caseResource, type CaseRow } from './access.ts';
import { parseGeoJson, parsePoint, type Geometry } from './geo.ts';
import { validateCpr, validateCvr } from '../../identity/index.ts';
import { nextCaseNumber, numberPattern } from './numbering.ts';
import { reindexCase } from './search-index.ts';
import { archiveCase } from './archiving.ts';
import { deletionDueOn, retentionRuleFor } from '../kle/index.ts';
import { closeProblems, type CaseCloseCheck, type CloseProblem } from './close-check.ts';

/**
 * Cases: creation (with the case number, classification, retention and the first party for
 * citizen and company cases), changes, the status lifecycle, sub-cases and related cases, and
 * the lists caseworkers use all day. Every change is audited in the same transaction.
 */

export const CASE_TYPES: readonly CaseType[] = ['subject', 'geo', 'citizen', 'company', 'access_request'];
export const RETENTIONS = ['preserve', 'dispose', 'review'] as const;

export interface CaseInput {
  type: string;
  title: string;
  description: string;
  kleNumber: string;
  facetCode: string;
  unitId: string;
  caseworkerUsername: string;
  confidential: boolean;
  /** User names of the access group, separated by commas or spaces. */
  accessUsernames: string;
  accessUnitIds: string[];
  parentNumber: string;
  /**
   * '' means: the rule in force for the subject and facet (ruleInForce). Only a records manager
   * (records.manage) may set a rule of the case's own, and only with a reason.
   */
  retention: string;
  retentionYears: string;
  retentionReason: string;
  address: string;
  /** "lat, lng" for a point. */
  point: string;
  /** GeoJSON for a polygon (or point). */
  geometry: string;
  /** The first party of a citizen or company case. */
  partyName: string;
  partyCpr: string;
  partyCvr: string;
}

export type CaseField = keyof CaseInput;
export type CaseErrors = Partial<Record<CaseField, MessageKey>>;

export const emptyCaseInput = (over: Partial<CaseInput> = {}): CaseInput => ({
  type: 'subject',
  title: '',
  description: '',
  kleNumber: '',
  facetCode: 'G01',
  unitId: '',
  caseworkerUsername: '',
  confidential: false,
  accessUsernames: '',
  accessUnitIds: [],
  parentNumber: '',
  retention: '',
  retentionYears: '',
  retentionReason: '',
  address: '',
  point: '',
  geometry: '',
  partyName: '',
  partyCpr: '',
  partyCvr: '',
  ...over,
});

const clean = (s: string | undefined) => (s ?? '').trim();

interface Validated {
  type: CaseType;
  title: string;
  description: string | null;
  kleNumber: string;
  facetCode: string;
  unitId: number;
  caseworkerId: string | null;
  confidential: boolean;
  accessUserIds: string[];
  accessUnitIds: number[];
  parentId: number | null;
  retention: 'preserve' | 'dispose' | 'review';
  retentionYears: number | null;
  retentionOverridden: boolean;
  /** Why the case has a rule of its own (the column); null when it inherits. */
  retentionReason: string | null;
  /** The reason given for changing the case's own rule now (set, changed or cleared), for the audit. */
  retentionChange: string | null;
  /** The subject's deletion period (GDPR), for deletion_due_on. */
  deletionPeriod: string | null;
  address: string | null;
  geometry: Geometry | null;
  centre: { lat: number; lng: number } | null;
  party: { kind: 'person' | 'company'; name: string; cpr: string | null; cvr: string | null } | null;
}

async function validate(
  database: Database,
  input: CaseInput,
  actor: Actor,
  mode: 'create' | 'update',
  existing?: CaseRow,
): Promise<{ ok: true; value: Validated } | { ok: false; errors: CaseErrors }> {
  const errors: CaseErrors = {};
  const type = (mode === 'update' ? existing!.type : clean(input.type)) as CaseType;
  if (!CASE_TYPES.includes(type)) errors.type = 'cases.error.type';

  const title = clean(input.title);
  if (!title) errors.title = 'cases.error.title';
  else if (title.length > 300) errors.title = 'cases.error.titleLong';
  const description = clean(input.description) || null;
  if (description && description.length > 20_000) errors.description = 'cases.error.descriptionLong';

  const kleNumber = clean(input.kleNumber);
  const kle = kleNumber
    ? await database.db.selectFrom('kle_subjects').selectAll().where('number', '=', kleNumber).executeTakeFirst()
    : undefined;
  const kleChanged = mode === 'create' || kleNumber !== existing!.kle_number;
  if (!kle || kle.level !== 3) errors.kleNumber = 'cases.error.kle';
  else if (kle.expired_date && kle.expired_date <= copenhagenDate(new Date()) && kleChanged)
    errors.kleNumber = 'cases.error.kleExpired';

  const facetCode = clean(input.facetCode).toUpperCase();
  const facet = facetCode
    ? await database.db
        .selectFrom('kle_facets')
        .select(['code', 'expired_date'])
        .where('code', '=', facetCode)
        .executeTakeFirst()
    : undefined;
  if (!facet) errors.facetCode = 'cases.error.facet';

  const unitId = toId(input.unitId);
  const unit = unitId
    ? await database.db.selectFrom('org_units').select('id').where('id', '=', unitId).executeTakeFirst()
    : undefined;
  if (!unit) errors.unitId = 'cases.error.unit';

  let caseworkerId: string | null = null;
  const cwName = clean(input.caseworkerUsername).toLowerCase();
  if (cwName) {
    const cw = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', cwName)
      .where('is_active', '=', 1)
      .executeTakeFirst();
    if (!cw) errors.caseworkerUsername = 'cases.error.caseworker';
    else caseworkerId = cw.id;
  } else if (mode === 'create') {
    caseworkerId = actor.id;
  }

  const accessUserIds: string[] = [];
  const accessUnitIds: number[] = [];
  if (input.confidential) {
    const names = clean(input.accessUsernames)
      .toLowerCase()
      .split(/[\s,;]+/)
      .filter(Boolean);
    if (names.length) {
      const found = await database.db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('username', 'in', names)
        .execute();
      if (found.length !== new Set(names).size) errors.accessUsernames = 'cases.error.accessUsers';
      accessUserIds.push(...found.map((u) => u.id));
    }
    const unitIds = [...new Set(input.accessUnitIds.map((u) => toId(u)).filter((n): n is number => n !== null))];
    if (unitIds.length) {
      const found = await database.db.selectFrom('org_units').select('id').where('id', 'in', unitIds).execute();
      if (found.length !== unitIds.length) errors.accessUnitIds = 'cases.error.accessUnits';
      accessUnitIds.push(...found.map((u) => u.id));
    }
    // The person setting a case confidential keeps access to it (records managers see every case).
    const keepsAccess =
      accessUserIds.includes(actor.id) ||
      caseworkerId === actor.id ||
      (actor.orgUnitId !== null && accessUnitIds.includes(actor.orgUnitId));
    if (!keepsAccess && !actor.roles.includes('records_manager')) accessUserIds.push(actor.id);
    // Never a confidential case that only records managers can see.
    if (
      !caseworkerId &&
      !accessUserIds.length &&
      !accessUnitIds.length &&
      !errors.accessUsernames &&
      !errors.accessUnitIds
    ) {
      errors.accessUsernames = 'cases.error.accessEmpty';
    }
  }

  let parentId: number | null = mode === 'update' ? existing!.parent_id : null;
  const parentNumber = clean(input.parentNumber);
  if (mode === 'create' && parentNumber) {
    const parent = await database.db
      .selectFrom('cases')
      .selectAll()
      .where('number', '=', parentNumber)
      .where(visibleCases(actor))
      .executeTakeFirst();
    if (!parent) errors.parentNumber = 'cases.error.parent';
    // An archived case is read-only: it gets no new sub-cases.
    else if (parent.status === 'archived') errors.parentNumber = 'cases.error.parentArchived';
    else parentId = parent.id;
  }

  // The rule in force for the subject and facet (kle/retention.ts); a records manager may give the
  // case a rule of its own, with a reason. Anyone else keeps what the case has.
  const inherited = await retentionRuleFor(database, kleNumber, facetCode);
  let retention: Validated['retention'] = inherited.retention;
  let retentionYears: number | null = inherited.years;
  let retentionOverridden = false;
  let retentionReason: string | null = null;
  let retentionChange: string | null = null;
  const wasOverridden = mode === 'update' && !!existing!.retention_overridden;
  const r = clean(input.retention);
  const reason = clean(input.retentionReason).slice(0, 2000);
  if (!can(actor, 'records.manage')) {
    if (r) errors.retention = 'cases.error.retentionNotAllowed';
    else if (wasOverridden) {
      retention = existing!.retention;
      retentionYears = existing!.retention_years;
      retentionOverridden = true;
      retentionReason = existing!.retention_reason;
    }
  } else if (r) {
    if (!(RETENTIONS as readonly string[]).includes(r)) errors.retention = 'cases.error.retention';
    else retention = r as Validated['retention'];
    retentionYears = null;
    const years = clean(input.retentionYears);
    if (years) {
      const n = Number(years);
      if (!/^\d+$/.test(years) || n > 200) errors.retentionYears = 'cases.error.retentionYears';
      else if (retention === 'dispose') retentionYears = n;
    }
    retentionOverridden = true;
    const same =
      wasOverridden && existing!.retention === retention && (existing!.retention_years ?? null) === retentionYears;
    if (!same && !reason) errors.retentionReason = 'cases.error.retentionReason';
    retentionReason = same ? reason || existing!.retention_reason : reason;
    retentionChange = same ? null : reason;
  } else if (wasOverridden) {
    // Back to the rule in force: that is a change of the case's rule too, and needs a reason.
    if (!reason) errors.retentionReason = 'cases.error.retentionReason';
    retentionChange = reason;
  }

  let address: string | null = clean(input.address) || null;
  let geometry: Geometry | null = null;
  let centre: { lat: number; lng: number } | null = null;
  if (type === 'geo') {
    const g = clean(input.geometry);
    const p = clean(input.point);
    if (g) {
      const parsed = parseGeoJson(g);
      if (!parsed.ok) errors.geometry = 'cases.error.geometry';
      else ({ geometry, centre } = parsed);
    } else if (p) {
      const parsed = parsePoint(p);
      if (!parsed.ok) errors.point = 'cases.error.point';
      else ({ geometry, centre } = parsed);
    } else {
      errors.point = 'cases.error.geoMissing';
    }
    if (!address) errors.address = 'cases.error.address';
  } else if (address && address.length > 300) {
    address = address.slice(0, 300);
  }

  let party: Validated['party'] = null;
  if (mode === 'create' && (type === 'citizen' || type === 'company')) {
    const name = clean(input.partyName);
    if (!name) errors.partyName = 'cases.error.partyName';
    if (type === 'citizen') {
      const cpr = validateCpr(clean(input.partyCpr));
      if (!cpr.ok) errors.partyCpr = cpr.reason === 'future' ? 'cases.error.cprFuture' : 'cases.error.cpr';
      else party = { kind: 'person', name, cpr: cpr.cpr, cvr: null };
    } else {
      const cvr = validateCvr(clean(input.partyCvr));
      if (!cvr.ok) errors.partyCvr = 'cases.error.cvr';
      else party = { kind: 'company', name, cpr: null, cvr: cvr.cvr };
    }
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      type,
      title,
      description,
      kleNumber,
      facetCode,
      unitId: unit!.id,
      caseworkerId: mode === 'update' && !cwName ? null : caseworkerId,
      confidential: input.confidential,
      accessUserIds,
      accessUnitIds,
      parentId,
      retention,
      retentionYears,
      retentionOverridden,
      retentionReason,
      retentionChange,
      deletionPeriod: inherited.deletionPeriod,
      address,
      geometry,
      centre,
      party,
    },
  };
}

async function writeAccess(tx: Database, caseId: number, v: Validated): Promise<void> {
  await tx.db.deleteFrom('case_access').where('case_id', '=', caseId).execute();
  if (!v.confidential) return;
  const rows = [
    ...v.accessUserIds.map((user_id) => ({ case_id: caseId, user_id, unit_id: null })),
    ...v.accessUnitIds.map((unit_id) => ({ case_id: caseId, user_id: null, unit_id })),
  ];
  if (rows.length) await tx.db.insertInto('case_access').values(rows).execute();
}

export async function createCase(
  database: Database,
  input: CaseInput,
  actor: Actor & AuditActor,
  opts: { ip?: string | null; at?: Date } = {},
): Promise<{ ok: true; id: number; number: string } | { ok: false; errors: CaseErrors }> {
  const checked = await validate(database, input, actor, 'create');
  if (!checked.ok) return checked;
  const v = checked.value;
  const pattern = await numberPattern(database);
  return writeTransaction(database, async (tx) => {
    const now = (opts.at ?? new Date()).toISOString();
    const number = await nextCaseNumber(
      tx,
      { type: v.type, kleNumber: v.kleNumber, facetCode: v.facetCode, at: opts.at },
      pattern,
    );
    const { id } = await tx.db
      .insertInto('cases')
      .values({
        number,
        type: v.type,
        title: v.title,
        description: v.description,
        status: 'open',
        kle_number: v.kleNumber,
        facet_code: v.facetCode,
        parent_id: v.parentId,
        unit_id: v.unitId,
        caseworker_id: v.caseworkerId,
        confidential: v.confidential ? 1 : 0,
        retention: v.retention,
        retention_years: v.retentionYears,
        retention_overridden: v.retentionOverridden ? 1 : 0,
        retention_reason: v.retentionReason,
        deletion_due_on: null,
        address: v.address,
        geometry: v.geometry ? JSON.stringify(v.geometry) : null,
        geo_lat: v.centre?.lat ?? null,
        geo_lng: v.centre?.lng ?? null,
        created_at: now,
        created_by: actor.id,
        updated_at: now,
        closed_at: null,
        archived_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAccess(tx, id, v);
    if (v.party) {
      await tx.db
        .insertInto('case_parties')
        .values({
          case_id: id,
          kind: v.party.kind,
          role: 'party',
          name: v.party.name,
          cpr: v.party.cpr,
          cvr: v.party.cvr,
          address: null,
          email: null,
          phone: null,
          created_at: now,
          created_by: actor.id,
        })
        .execute();
    }
    await appendAudit(tx, {
      actor,
      action: 'case.create',
      entityType: 'case',
      entityId: id,
      summary: `Created case ${number}`,
      details: {
        number,
        type: v.type,
        title: v.title,
        kle: v.kleNumber,
        facet: v.facetCode,
        confidential: v.confidential,
        retention: v.retention,
        retentionYears: v.retentionYears,
        ...(v.retentionOverridden ? { retentionOverridden: true, retentionReason: v.retentionReason } : {}),
      },
      ip: opts.ip ?? null,
    });
    await reindexCase(tx, id);
    return { ok: true as const, id, number };
  });
}

/** Changes a case's registration. Returns the fields that changed (for the audit and the timeline). */
export async function updateCase(
  database: Database,
  row: CaseRow,
  input: CaseInput,
  actor: Actor & AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; changed: string[] } | { ok: false; errors: CaseErrors }> {
  const checked = await validate(database, input, actor, 'update', row);
  if (!checked.ok) return checked;
  const v = checked.value;
  const before = await caseResource(database, row);
  const after = {
    title: v.title,
    description: v.description,
    kle_number: v.kleNumber,
    facet_code: v.facetCode,
    unit_id: v.unitId,
    caseworker_id: v.caseworkerId,
    confidential: v.confidential ? 1 : 0,
    retention: v.retention,
    retention_years: v.retentionYears,
    retention_overridden: v.retentionOverridden ? 1 : 0,
    retention_reason: v.retentionReason,
    // A closed case whose subject changes gets the new subject's deletion period.
    deletion_due_on: row.closed_at
      ? deletionDueOn(copenhagenDate(new Date(row.closed_at)), v.deletionPeriod)
      : row.deletion_due_on,
    address: v.address,
    geometry: v.geometry ? JSON.stringify(v.geometry) : row.type === 'geo' ? row.geometry : null,
    geo_lat: v.centre?.lat ?? (row.type === 'geo' ? row.geo_lat : null),
    geo_lng: v.centre?.lng ?? (row.type === 'geo' ? row.geo_lng : null),
  };
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, value] of Object.entries(after)) {
    const old = (row as unknown as Record<string, unknown>)[k];
    if (old !== value) changed[k] = { from: old, to: value };
  }
  const sameAccess =
    [...before.accessUserIds].sort().join() === [...v.accessUserIds].sort().join() &&
    [...before.accessUnitIds].sort().join() === [...v.accessUnitIds].sort().join();
  if (!sameAccess)
    changed.access = {
      from: { users: before.accessUserIds, units: before.accessUnitIds },
      to: { users: v.accessUserIds, units: v.accessUnitIds },
    };
  // Who sees the case is decided by its caseworker, its unit's leaders and records managers only.
  if (!can(actor, 'case.manageAccess', before)) {
    const errors: CaseErrors = {};
    if (changed.caseworker_id) errors.caseworkerUsername = 'cases.error.accessNotAllowed';
    if (changed.confidential) errors.confidential = 'cases.error.accessNotAllowed';
    if (changed.access) errors.accessUsernames = 'cases.error.accessNotAllowed';
    if (Object.keys(errors).length) return { ok: false, errors };
  }
  if (!Object.keys(changed).length) return { ok: true, changed: [] };
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('cases')
      .set({ ...after, updated_at: nowIso() })
      .where('id', '=', row.id)
      .execute();
    if (!sameAccess || changed.confidential) await writeAccess(tx, row.id, v);
    await appendAudit(tx, {
      actor,
      action: 'case.update',
      entityType: 'case',
      entityId: row.id,
      summary: `Changed case ${row.number}: ${Object.keys(changed).join(', ')}`,
      details: { fields: Object.keys(changed), changed },
      ip: opts.ip ?? null,
    });
    if (v.retentionChange !== null) {
      // A records manager set, changed or cleared the case's own rule: its own entry, with the reason.
      await appendAudit(tx, {
        actor,
        action: 'case.retention',
        entityType: 'case',
        entityId: row.id,
        summary: `Retention of ${row.number}: ${v.retentionOverridden ? 'own rule' : 'back to the rule in force'}: ${v.retentionChange}`,
        details: {
          reason: v.retentionChange,
          before: {
            retention: row.retention,
            years: row.retention_years,
            overridden: !!row.retention_overridden,
            reason: row.retention_reason,
          },
          after: {
            retention: v.retention,
            years: v.retentionYears,
            overridden: v.retentionOverridden,
            reason: v.retentionReason,
          },
        },
        ip: opts.ip ?? null,
      });
    }
    await reindexCase(tx, row.id);
  });
  return { ok: true, changed: Object.keys(changed) };
}

export type StatusChange = 'close' | 'reopen' | 'archive';

/**
 * open → closed → archived; a closed case can be reopened with a reason (kept in the log and as a
 * note). Closing is refused while the case is not ready (close-check.ts: the case's own deadlines
 * and the `checks` other modules hand in), with the list of problems. A closed case gets its
 * deletion date (the Copenhagen closing date plus the subject's deletion period); reopening clears it.
 */
export async function changeStatus(
  database: Database,
  row: CaseRow,
  change: StatusChange,
  actor: Actor & AuditActor,
  opts: { reason?: string; ip?: string | null; checks?: readonly CaseCloseCheck[]; at?: Date } = {},
): Promise<{ ok: true; status: CaseStatus } | { ok: false; error: MessageKey; problems?: CloseProblem[] }> {
  const reason = clean(opts.reason);
  const at = opts.at ?? new Date();
  let status: CaseStatus;
  let deletionDue: string | null = row.deletion_due_on;
  if (change === 'close') {
    if (row.status !== 'open') return { ok: false, error: 'cases.error.notOpen' };
    const problems = await closeProblems(database, row, opts.checks);
    if (problems.length) return { ok: false, error: 'records.close.notReady', problems };
    const { deletionPeriod } = await retentionRuleFor(database, row.kle_number, row.facet_code);
    deletionDue = deletionDueOn(copenhagenDate(at), deletionPeriod);
    status = 'closed';
  } else if (change === 'reopen') {
    if (row.status !== 'closed') return { ok: false, error: 'cases.error.notClosed' };
    if (!reason) return { ok: false, error: 'cases.error.reopenReason' };
    status = 'open';
    deletionDue = null;
  } else {
    if (row.status !== 'closed') return { ok: false, error: 'cases.error.archiveOpen' };
    // The one way to archive (archiving.ts), shared with the nightly archive job.
    const archived = await writeTransaction(database, (tx) => archiveCase(tx, row.id, actor, { ip: opts.ip }));
    return archived ? { ok: true, status: 'archived' } : { ok: false, error: 'cases.error.archiveOpen' };
  }
  const now = at.toISOString();
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('cases')
      .set({
        status,
        updated_at: now,
        closed_at: change === 'close' ? now : null,
        deletion_due_on: deletionDue,
      })
      .where('id', '=', row.id)
      .execute();
    if (change === 'reopen') {
      await tx.db
        .insertInto('case_notes')
        .values({ case_id: row.id, author_id: actor.id, author_name: actor.name, body: reason, created_at: now })
        .execute();
    }
    await appendAudit(tx, {
      actor,
      action: `case.${change}`,
      entityType: 'case',
      entityId: row.id,
      summary: `${change} case ${row.number}${reason ? `: ${reason}` : ''}`,
      details: {
        from: row.status,
        to: status,
        ...(reason ? { reason } : {}),
        ...(deletionDue !== row.deletion_due_on ? { deletionDueOn: deletionDue } : {}),
      },
      ip: opts.ip ?? null,
    });
    await reindexCase(tx, row.id);
  });
  return { ok: true, status };
}

/** Links two cases both ways (related cases). */
export async function relateCases(
  database: Database,
  a: CaseRow,
  bNumber: string,
  actor: Actor & AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; relatedId: number } | { ok: false; error: MessageKey }> {
  const b = await database.db
    .selectFrom('cases')
    .selectAll()
    .where('number', '=', clean(bNumber))
    .where(visibleCases(actor))
    .executeTakeFirst();
  if (!b) return { ok: false, error: 'cases.error.related' };
  if (b.id === a.id) return { ok: false, error: 'cases.error.relatedSelf' };
  // Relations are kept on both cases, and an archived case is read-only.
  if (b.status === 'archived') return { ok: false, error: 'cases.error.relatedArchived' };
  const now = nowIso();
  await writeTransaction(database, async (tx) => {
    for (const [x, y] of [
      [a.id, b.id],
      [b.id, a.id],
    ] as const) {
      await tx.db
        .insertInto('case_relations')
        .values({ case_id: x, related_id: y, created_at: now, created_by: actor.id })
        .onConflict((oc) => oc.columns(['case_id', 'related_id']).doNothing())
        .execute();
    }
    await appendAudit(tx, {
      actor,
      action: 'case.relate',
      entityType: 'case',
      entityId: a.id,
      summary: `Related ${a.number} and ${b.number}`,
      details: { related: b.number },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true, relatedId: b.id };
}

/** Remembers that the user opened the case (for "recently viewed"). */
export async function recordView(database: Database, userId: string, caseId: number): Promise<void> {
  const viewed_at = nowIso();
  await database.db
    .insertInto('case_views')
    .values({ user_id: userId, case_id: caseId, viewed_at })
    .onConflict((oc) => oc.columns(['user_id', 'case_id']).doUpdateSet({ viewed_at }))
    .execute();
}

export interface CaseSummary {
  id: number;
  number: string;
  type: CaseType;
  title: string;
  status: CaseStatus;
  confidential: boolean;
  unitName: string | null;
  caseworkerName: string | null;
  updatedAt: string;
  kleNumber: string;
}

export type CaseView = 'mine' | 'unit' | 'all';
export type CaseSort = 'updated' | 'number' | 'title';

export interface CaseListQuery {
  view: CaseView;
  status?: CaseStatus | '';
  type?: CaseType | '';
  kle?: string;
  /** Only confidential cases (of those the user may see). */
  confidentialOnly?: boolean;
  unitId?: number | null;
  sort: CaseSort;
  /** Keyset cursor: the last row's sort value and id. */
  after?: { value: string; id: number } | null;
  limit?: number;
}

/**
 * The case lists, filtered by what the user may see, paged by keyset on (sort value, id) so that
 * page 1,000 costs what page 1 costs (no OFFSET scans).
 */
export async function listCases(
  database: Database,
  user: Actor,
  q: CaseListQuery,
): Promise<{ items: CaseSummary[]; next: { value: string; id: number } | null }> {
  const limit = q.limit ?? 50;
  const sortColumn = q.sort === 'number' ? 'cases.number' : q.sort === 'title' ? 'cases.title' : 'cases.updated_at';
  const desc = q.sort === 'updated';
  let query = database.db
    .selectFrom('cases')
    .leftJoin('org_units', 'org_units.id', 'cases.unit_id')
    .leftJoin('users', 'users.id', 'cases.caseworker_id')
    .select([
      'cases.id',
      'cases.number',
      'cases.type',
      'cases.title',
      'cases.status',
      'cases.confidential',
      'cases.updated_at',
      'cases.kle_number',
      'org_units.name as unit_name',
      'users.display_name as caseworker_name',
    ])
    .where(visibleCases(user));
  if (q.view === 'mine') query = query.where('cases.caseworker_id', '=', user.id);
  if (q.view === 'unit') query = query.where('cases.unit_id', '=', q.unitId ?? user.orgUnitId ?? -1);
  if (q.status) query = query.where('cases.status', '=', q.status);
  if (q.type) query = query.where('cases.type', '=', q.type);
  if (q.confidentialOnly) query = query.where('cases.confidential', '=', 1);
  if (q.kle) query = query.where('cases.kle_number', 'like', `${q.kle.replace(/[%_\\]/g, '')}%`);
  if (q.after) {
    const { value, id } = q.after;
    query = query.where((eb) =>
      desc
        ? eb.or([eb(sortColumn, '<', value), eb.and([eb(sortColumn, '=', value), eb('cases.id', '<', id)])])
        : eb.or([eb(sortColumn, '>', value), eb.and([eb(sortColumn, '=', value), eb('cases.id', '>', id)])]),
    );
  }
  const rows = await query
    .orderBy(sortColumn, desc ? 'desc' : 'asc')
    .orderBy('cases.id', desc ? 'desc' : 'asc')
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  if (more) rows.pop();
  const items = rows.map((r) => ({
    id: r.id,
    number: r.number,
    type: r.type,
    title: r.title,
    status: r.status,
    confidential: !!r.confidential,
    unitName: r.unit_name,
    caseworkerName: r.caseworker_name,
    updatedAt: r.updated_at,
    kleNumber: r.kle_number,
  }));
  const last = items[items.length - 1];
  const next =
    more && last
      ? { value: q.sort === 'number' ? last.number : q.sort === 'title' ? last.title : last.updatedAt, id: last.id }
      : null;
  return { items, next };
}

export interface DeadlineItem {
  id: number;
  title: string;
  dueOn: string;
  caseId: number;
  caseNumber: string;
  caseTitle: string;
  overdue: boolean;
}

/** Open deadlines on the user's cases (or visible cases of the user's unit), soonest first. */
export async function upcomingDeadlines(
  database: Database,
  user: Actor,
  opts: { scope: 'mine' | 'unit'; today: string; withinDays?: number; limit?: number },
): Promise<DeadlineItem[]> {
  const horizon = new Date(`${opts.today}T12:00:00Z`);
  horizon.setUTCDate(horizon.getUTCDate() + (opts.withinDays ?? 14));
  let q = database.db
    .selectFrom('case_deadlines')
    .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
    .select([
      'case_deadlines.id',
      'case_deadlines.title',
      'case_deadlines.due_on',
      'cases.id as case_id',
      'cases.number',
      'cases.title as case_title',
    ])
    .where('case_deadlines.done_at', 'is', null)
    .where('case_deadlines.due_on', '<=', horizon.toISOString().slice(0, 10))
    .where('cases.status', '=', 'open')
    .where(visibleCases(user));
  q =
    opts.scope === 'mine'
      ? q.where('cases.caseworker_id', '=', user.id)
      : q.where('cases.unit_id', '=', user.orgUnitId ?? -1);
  const rows = await q
    .orderBy('case_deadlines.due_on')
    .orderBy('case_deadlines.id')
    .limit(opts.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    dueOn: r.due_on,
    caseId: r.case_id,
    caseNumber: r.number,
    caseTitle: r.case_title,
    overdue: r.due_on < opts.today,
  }));
}

/** The cases the user opened most recently (still visible to them). */
export async function recentlyViewed(
  database: Database,
  user: Actor,
  limit = 25,
): Promise<Array<CaseSummary & { viewedAt: string }>> {
  const rows = await database.db
    .selectFrom('case_views')
    .innerJoin('cases', 'cases.id', 'case_views.case_id')
    .leftJoin('org_units', 'org_units.id', 'cases.unit_id')
    .leftJoin('users', 'users.id', 'cases.caseworker_id')
    .select([
      'cases.id',
      'cases.number',
      'cases.type',
      'cases.title',
      'cases.status',
      'cases.confidential',
      'cases.updated_at',
      'cases.kle_number',
      'org_units.name as unit_name',
      'users.display_name as caseworker_name',
      'case_views.viewed_at',
    ])
    .where('case_views.user_id', '=', user.id)
    .where(visibleCases(user))
    .orderBy('case_views.viewed_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    type: r.type,
    title: r.title,
    status: r.status,
    confidential: !!r.confidential,
    unitName: r.unit_name,
    caseworkerName: r.caseworker_name,
    updatedAt: r.updated_at,
    kleNumber: r.kle_number,
    viewedAt: r.viewed_at,
  }));
}

/** Geo cases within `metres` of a point, nearest first (bounding box in SQL, exact distance here). */
export async function casesNear(
  database: Database,
  user: Actor,
  centre: { lat: number; lng: number },
  metres: number,
  limit = 50,
): Promise<Array<CaseSummary & { distance: number }>> {
  const { boundingBox, distanceMetres } = await import('./geo.ts');
  const box = boundingBox(centre, metres);
  const rows = await database.db
    .selectFrom('cases')
    .leftJoin('org_units', 'org_units.id', 'cases.unit_id')
    .leftJoin('users', 'users.id', 'cases.caseworker_id')
    .select([
      'cases.id',
      'cases.number',
      'cases.type',
      'cases.title',
      'cases.status',
      'cases.confidential',
      'cases.updated_at',
      'cases.kle_number',
      'cases.geo_lat',
      'cases.geo_lng',
      'org_units.name as unit_name',
      'users.display_name as caseworker_name',
    ])
    .where('cases.geo_lat', '>=', box.minLat)
    .where('cases.geo_lat', '<=', box.maxLat)
    .where('cases.geo_lng', '>=', box.minLng)
    .where('cases.geo_lng', '<=', box.maxLng)
    .where(visibleCases(user))
    .limit(5000)
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      number: r.number,
      type: r.type,
      title: r.title,
      status: r.status,
      confidential: !!r.confidential,
      unitName: r.unit_name,
      caseworkerName: r.caseworker_name,
      updatedAt: r.updated_at,
      kleNumber: r.kle_number,
      distance: Math.round(distanceMetres(centre, { lat: r.geo_lat!, lng: r.geo_lng! })),
    }))
    .filter((r) => r.distance <= metres)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit);
}

/** Sub-cases and related cases of a case, each filtered by what the user may see. */
export async function linkedCases(database: Database, user: Actor, caseId: number) {
  const base = () =>
    database.db
      .selectFrom('cases')
      .select(['cases.id', 'cases.number', 'cases.title', 'cases.status'])
      .where(visibleCases(user));
  const [children, related] = await Promise.all([
    base().where('cases.parent_id', '=', caseId).orderBy('cases.id').execute(),
    base()
      .innerJoin('case_relations', 'case_relations.related_id', 'cases.id')
      .where('case_relations.case_id', '=', caseId)
      .orderBy('cases.id')
      .execute(),
  ]);
  return { children, related };
}

/** The case's history: every change in the audit log for it, newest first (reads excluded). */
export async function timeline(database: Database, caseId: number, limit = 200) {
  return database.db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_name', 'action', 'summary', 'details'])
    .where('entity_type', '=', 'case')
    .where('entity_id', '=', String(caseId))
    .where('action', 'not like', '%.view')
    .where('action', 'not like', '%.unmask')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * For the case page: names behind the ids. The parent case is given only when `viewer` may see it
 * (a sub-case of a confidential case must not show the parent's number to others).
 */
export async function caseContext(database: Database, row: CaseRow, viewer?: Actor) {
  const [kle, facet, unit, caseworker, parent, access] = await Promise.all([
    database.db
      .selectFrom('kle_subjects')
      .select(['number', 'title', 'retention', 'retention_years'])
      .where('number', '=', row.kle_number)
      .executeTakeFirst(),
    database.db
      .selectFrom('kle_facets')
      .select(['code', 'title'])
      .where('code', '=', row.facet_code)
      .executeTakeFirst(),
    database.db.selectFrom('org_units').select(['id', 'name']).where('id', '=', row.unit_id).executeTakeFirst(),
    row.caseworker_id
      ? database.db
          .selectFrom('users')
          .select(['id', 'username', 'display_name'])
          .where('id', '=', row.caseworker_id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    row.parent_id && viewer
      ? database.db
          .selectFrom('cases')
          .select(['id', 'number', 'title'])
          .where('id', '=', row.parent_id)
          .where(visibleCases(viewer))
          .executeTakeFirst()
      : Promise.resolve(undefined),
    row.confidential
      ? database.db
          .selectFrom('case_access')
          .leftJoin('users', 'users.id', 'case_access.user_id')
          .leftJoin('org_units', 'org_units.id', 'case_access.unit_id')
          .select([
            'case_access.user_id',
            'case_access.unit_id',
            'users.username',
            'users.display_name',
            'org_units.name as unit_name',
          ])
          .where('case_access.case_id', '=', row.id)
          .execute()
      : Promise.resolve([]),
  ]);
  return { kle, facet, unit, caseworker, parent, access };
}

/** Form values for editing an existing case. */
export async function inputFromCase(database: Database, row: CaseRow): Promise<CaseInput> {
  const ctx = await caseContext(database, row);
  let point = '';
  let geometry = '';
  if (row.geometry) {
    const g = JSON.parse(row.geometry) as Geometry;
    if (g.type === 'Point') point = `${g.coordinates[1]}, ${g.coordinates[0]}`;
    else geometry = row.geometry;
  }
  return emptyCaseInput({
    type: row.type,
    title: row.title,
    description: row.description ?? '',
    kleNumber: row.kle_number,
    facetCode: row.facet_code,
    unitId: String(row.unit_id),
    caseworkerUsername: ctx.caseworker?.username ?? '',
    confidential: !!row.confidential,
    accessUsernames: ctx.access.flatMap((a) => (a.username ? [a.username] : [])).join(', '),
    accessUnitIds: ctx.access.flatMap((a) => (a.unit_id != null ? [String(a.unit_id)] : [])),
    retention: row.retention_overridden ? row.retention : '',
    retentionYears: row.retention_overridden && row.retention_years != null ? String(row.retention_years) : '',
    address: row.address ?? '',
    point,
    geometry,
  });
}

/** Counts for the lists' tabs. */
export async function countOpen(database: Database, user: Actor): Promise<{ mine: number }> {
  const row = await database.db
    .selectFrom('cases')
    .select(sql<number>`count(*)`.as('n'))
    .where('cases.caseworker_id', '=', user.id)
    .where('cases.status', '=', 'open')
    .executeTakeFirstOrThrow();
  return { mine: Number(row.n) };
}
