import { createHash, randomUUID } from 'node:crypto';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import type { DirectoryImportStatus } from '../../db/schema/directory-import.ts';
import { copenhagenDate } from '../../i18n/index.ts';
import { CsvReadError, readCsv } from './csv.ts';
import { detectFormat, FORMAT_KIND, toRecords, type FormatChoice, type ReadFile } from './formats.ts';
import { buildPlan, type Change, type Plan } from './plan.ts';

/**
 * The directory import: read the files, plan, store the plan as the preview, and apply exactly
 * that plan (planning again inside the transaction and refusing when the result differs).
 */

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export type FileErrorCode = 'empty' | 'malformed' | 'unknownFormat';
export interface FileError {
  file: string;
  code: FileErrorCode;
  line?: number;
}

export interface ImportOptions {
  format: FormatChoice;
  deactivateMissing: boolean;
}

export interface ImportRow {
  id: number;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  source: 'web' | 'cli';
  filename: string;
  format: string;
  status: DirectoryImportStatus;
  appliedAt: string | null;
  options: ImportOptions;
  plan: Plan;
  report: ImportReport | null;
}

export interface ImportReport {
  /** Why an apply was refused or failed ('stale': the database changed since the preview). */
  refused?: 'stale' | 'errors';
  message?: string;
  unitsCreated?: Array<{ id: number; name: string }>;
  peopleCreated?: Array<{ id: string; username: string }>;
}

/** Reads the uploaded files; any file that cannot be read or recognised is an error for the form. */
export function readFiles(
  files: UploadedFile[],
  choice: FormatChoice,
): { ok: true; files: ReadFile[]; sha256: string } | { ok: false; errors: FileError[] } {
  const errors: FileError[] = [];
  const read: ReadFile[] = [];
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(f.bytes);
    try {
      const table = readCsv(f.bytes);
      const format = detectFormat(table.header, choice);
      if (!format) errors.push({ file: f.name, code: 'unknownFormat' });
      else read.push({ name: f.name, format, table });
    } catch (err) {
      if (!(err instanceof CsvReadError)) throw err;
      errors.push({ file: f.name, code: err.code, ...(err.line ? { line: err.line } : {}) });
    }
  }
  // Units files first, then people, then leaders: the order the plan reads them in.
  const rank = { units: 0, people: 1, leaders: 2 };
  read.sort((a, b) => rank[FORMAT_KIND[a.format]] - rank[FORMAT_KIND[b.format]]);
  return errors.length ? { ok: false, errors } : { ok: true, files: read, sha256: hash.digest('hex') };
}

function planFor(database: Database, files: ReadFile[], options: ImportOptions, actorId: string | null) {
  return buildPlan(
    database,
    files.map((f) => ({ name: f.name, format: f.format, rows: f.table.rows.length })),
    toRecords(files, copenhagenDate(new Date())),
    { deactivateMissing: options.deactivateMissing, actorId },
  );
}

/** Plans the files and stores the import as `planned` (the preview); returns its id and plan. */
export async function createImport(
  database: Database,
  input: { files: ReadFile[]; sha256: string; options: ImportOptions; actor: AuditActor | null; source: 'web' | 'cli' },
): Promise<{ id: number; plan: Plan }> {
  const plan = await planFor(database, input.files, input.options, input.actor?.id ?? null);
  const row = await database.db
    .insertInto('directory_imports')
    .values({
      created_by: input.actor?.id ?? null,
      created_at: nowIso(),
      source: input.source,
      filename: input.files.map((f) => f.name).join(', '),
      format: input.files.map((f) => f.format).join(', '),
      content_hash: input.sha256,
      files: JSON.stringify(input.files),
      options: JSON.stringify(input.options),
      plan: JSON.stringify(plan),
      status: 'planned',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), plan };
}

function toRow(r: {
  id: number;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
  source: 'web' | 'cli';
  filename: string;
  format: string;
  status: DirectoryImportStatus;
  applied_at: string | null;
  options: string;
  plan: string;
  report: string | null;
}): ImportRow {
  return {
    id: Number(r.id),
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    source: r.source,
    filename: r.filename,
    format: r.format,
    status: r.status,
    appliedAt: r.applied_at,
    options: JSON.parse(r.options) as ImportOptions,
    plan: JSON.parse(r.plan) as Plan,
    report: r.report ? (JSON.parse(r.report) as ImportReport) : null,
  };
}

const columns = [
  'directory_imports.id',
  'directory_imports.created_by',
  'users.display_name as created_by_name',
  'directory_imports.created_at',
  'directory_imports.source',
  'directory_imports.filename',
  'directory_imports.format',
  'directory_imports.status',
  'directory_imports.applied_at',
  'directory_imports.options',
  'directory_imports.plan',
  'directory_imports.report',
] as const;

export async function getImport(database: Database, id: number): Promise<ImportRow | null> {
  const r = await database.db
    .selectFrom('directory_imports')
    .leftJoin('users', 'users.id', 'directory_imports.created_by')
    .select(columns)
    .where('directory_imports.id', '=', id)
    .executeTakeFirst();
  return r ? toRow(r) : null;
}

export async function listImports(database: Database, limit = 20): Promise<ImportRow[]> {
  const rows = await database.db
    .selectFrom('directory_imports')
    .leftJoin('users', 'users.id', 'directory_imports.created_by')
    .select(columns)
    .orderBy('directory_imports.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRow);
}

/** Only a planned import can be discarded. */
export async function discardImport(database: Database, id: number): Promise<boolean> {
  const r = await database.db
    .updateTable('directory_imports')
    .set({ status: 'discarded' })
    .where('id', '=', id)
    .where('status', '=', 'planned')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A new preview of an earlier import's files against the database as it is now. */
export async function copyImport(
  database: Database,
  id: number,
  actor: AuditActor | null,
): Promise<{ id: number; plan: Plan } | null> {
  const row = await database.db
    .selectFrom('directory_imports')
    .select(['files', 'options', 'content_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return createImport(database, {
    files: JSON.parse(row.files) as ReadFile[],
    sha256: row.content_hash,
    options: JSON.parse(row.options) as ImportOptions,
    actor,
    source: 'web',
  });
}

/** What a person's or unit's audit entry says changed. */
function describe(changes: Change[]): string {
  return changes.map((c) => `${c.field}: ${c.before ?? '–'} → ${c.after ?? '–'}`).join('; ');
}

export type ApplyResult =
  | { ok: true; plan: Plan; report: ImportReport }
  | { ok: false; reason: 'notFound' | 'notPlanned' | 'errors' | 'stale'; final?: false };

/**
 * Applies a planned import in one transaction: plans the stored files again against the database
 * as it is inside the transaction and refuses (nothing written but the import's status) when that
 * plan has errors or differs from the preview. Units first (parents before children), then people,
 * their managers, the units' leaders, deactivations (their sessions end); an audit entry for the
 * import and one for each unit and person changed.
 */
export async function applyImport(
  database: Database,
  id: number,
  actor: AuditActor | null,
  opts: { ip?: string | null } = {},
): Promise<ApplyResult> {
  const outcome = await writeTransaction(database, async (tx): Promise<ApplyResult> => {
    const row = await tx.db.selectFrom('directory_imports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return { ok: false, reason: 'notFound' };
    if (row.status !== 'planned') return { ok: false, reason: 'notPlanned' };
    // A preview with bad rows cannot be confirmed; it stays as it is (to be discarded).
    if ((JSON.parse(row.plan) as Plan).errors.length) return { ok: false, reason: 'errors', final: false };
    const files = JSON.parse(row.files) as ReadFile[];
    const options = JSON.parse(row.options) as ImportOptions;
    const plan = await planFor(tx, files, options, row.created_by);
    if (plan.errors.length) return { ok: false, reason: 'errors' };
    if (JSON.stringify(plan) !== row.plan) return { ok: false, reason: 'stale' };

    const now = nowIso();
    const ip = opts.ip ?? null;
    const label = `Directory import #${id}`;
    const unitId = new Map<string, number>();
    const resolveUnit = (ref: string | null): number | null => {
      if (!ref) return null;
      if (ref.startsWith('U:')) return Number(ref.slice(2));
      const found = unitId.get(ref);
      if (found === undefined) throw new Error(`unit ${ref} not placed`);
      return found;
    };
    for (const [ext, dbId] of await matchedUnits(tx, plan)) unitId.set(`u:${ext}`, dbId);

    // Units: the plan lists new units parents first.
    const unitsCreated: Array<{ id: number; name: string }> = [];
    let sortOrder =
      Number(
        (
          await tx.db
            .selectFrom('org_units')
            .select((eb) => eb.fn.max('sort_order').as('m'))
            .executeTakeFirst()
        )?.m ?? 0,
      ) + 1;
    for (const u of plan.units.created) {
      const inserted = await tx.db
        .insertInto('org_units')
        .values({
          parent_id: resolveUnit(u.parent),
          kind: u.kind,
          name: u.name,
          short_name: u.shortName,
          email: u.email,
          phone: u.phone,
          sort_order: sortOrder++,
          created_at: now,
          external_id: u.externalId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const newId = Number(inserted.id);
      unitId.set(u.ref, newId);
      unitsCreated.push({ id: newId, name: u.name });
      await appendAudit(tx, {
        actor,
        action: 'directory.import.unit',
        entityType: 'org_unit',
        entityId: newId,
        summary: `${label}: created unit ${u.name}`,
        details: { import: id, created: true, externalId: u.externalId, parent: u.parentName },
        ip,
      });
    }
    for (const u of plan.units.updated) {
      const set = { ...u.set, ...(u.moved ? { parent_id: resolveUnit(u.parent ?? null) } : {}) };
      if (Object.keys(set).length) await tx.db.updateTable('org_units').set(set).where('id', '=', u.id).execute();
      await appendAudit(tx, {
        actor,
        action: 'directory.import.unit',
        entityType: 'org_unit',
        entityId: u.id,
        summary: `${label}: ${u.name}: ${describe(u.changes)}`,
        details: { import: id, changes: u.changes },
        ip,
      });
    }

    // People.
    const userId = new Map<string, string>();
    for (const u of plan.people.updated) userId.set(u.ref, u.id);
    for (const [ext, dbId] of await matchedPeople(tx, plan)) userId.set(`p:${ext}`, dbId);
    const resolveUser = (ref: string | null): string | null => {
      if (!ref) return null;
      if (ref.startsWith('P:')) return ref.slice(2);
      const found = userId.get(ref);
      if (found === undefined) throw new Error(`person ${ref} not placed`);
      return found;
    };
    const peopleCreated: Array<{ id: string; username: string }> = [];
    for (const p of plan.people.created) {
      const newId = randomUUID();
      userId.set(p.ref, newId);
      await tx.db
        .insertInto('users')
        .values({
          id: newId,
          username: p.username,
          display_name: p.name,
          email: p.email,
          phone: p.phone,
          title: p.title,
          org_unit_id: resolveUnit(p.unit),
          manager_id: null,
          password_hash: null,
          locale: null,
          is_active: p.active ? 1 : 0,
          created_at: now,
          updated_at: now,
          external_id: p.externalId,
        })
        .execute();
      await tx.db
        .insertInto('user_roles')
        .values(p.roles.map((role) => ({ user_id: newId, role })))
        .execute();
      peopleCreated.push({ id: newId, username: p.username });
    }
    for (const p of plan.people.created) {
      const manager = resolveUser(p.manager);
      if (manager)
        await tx.db.updateTable('users').set({ manager_id: manager }).where('id', '=', userId.get(p.ref)!).execute();
      await appendAudit(tx, {
        actor,
        action: 'directory.import.user',
        entityType: 'user',
        entityId: userId.get(p.ref)!,
        summary: `${label}: created ${p.username}${p.unitName ? ` in ${p.unitName}` : ''}`,
        details: { import: id, created: true, username: p.username, unit: p.unitName, roles: p.roles },
        ip,
      });
    }
    for (const p of plan.people.updated) {
      const set = {
        ...p.set,
        ...(p.unit !== undefined ? { org_unit_id: resolveUnit(p.unit) } : {}),
        ...(p.manager !== undefined ? { manager_id: resolveUser(p.manager) } : {}),
        updated_at: now,
      };
      await tx.db.updateTable('users').set(set).where('id', '=', p.id).execute();
      if (p.set.is_active === 0) await tx.db.deleteFrom('sessions').where('user_id', '=', p.id).execute();
      if (p.addRoles.length)
        await tx.db
          .insertInto('user_roles')
          .values(p.addRoles.map((role) => ({ user_id: p.id, role })))
          .execute();
      await appendAudit(tx, {
        actor,
        action: 'directory.import.user',
        entityType: 'user',
        entityId: p.id,
        summary: `${label}: ${p.username}: ${describe(p.changes)}`,
        details: { import: id, changes: p.changes },
        ip,
      });
    }

    // Leaders.
    for (const l of plan.leaders.removed)
      await tx.db
        .deleteFrom('org_unit_leaders')
        .where('unit_id', '=', resolveUnit(l.unit)!)
        .where('user_id', '=', resolveUser(l.person)!)
        .execute();
    for (const l of plan.leaders.added) {
      const unit = resolveUnit(l.unit)!;
      const last = await tx.db
        .selectFrom('org_unit_leaders')
        .select((eb) => eb.fn.max('sort_order').as('m'))
        .where('unit_id', '=', unit)
        .executeTakeFirst();
      await tx.db
        .insertInto('org_unit_leaders')
        .values({
          unit_id: unit,
          user_id: resolveUser(l.person)!,
          sort_order: last?.m == null ? 0 : Number(last.m) + 1,
          created_at: now,
        })
        .execute();
    }
    const leaderUnits = new Set([...plan.leaders.added, ...plan.leaders.removed].map((l) => l.unit));
    for (const unit of leaderUnits) {
      const of = (list: typeof plan.leaders.added) => list.filter((l) => l.unit === unit).map((l) => l.personName);
      await appendAudit(tx, {
        actor,
        action: 'directory.import.leaders',
        entityType: 'org_unit',
        entityId: resolveUnit(unit),
        summary: `${label}: leaders of ${plan.leaders.added.concat(plan.leaders.removed).find((l) => l.unit === unit)!.unitName}`,
        details: { import: id, added: of(plan.leaders.added), removed: of(plan.leaders.removed) },
        ip,
      });
    }

    // Deactivations: access ends at once.
    for (const p of plan.people.deactivated) {
      await tx.db.updateTable('users').set({ is_active: 0, updated_at: now }).where('id', '=', p.id).execute();
      await tx.db.deleteFrom('sessions').where('user_id', '=', p.id).execute();
      await appendAudit(tx, {
        actor,
        action: 'directory.import.user',
        entityType: 'user',
        entityId: p.id,
        summary: `${label}: ${p.username}: deactivated (not in the file)`,
        details: { import: id, changes: [{ field: 'active', before: 'yes', after: 'no' }] },
        ip,
      });
    }

    const report: ImportReport = { unitsCreated, peopleCreated };
    await appendAudit(tx, {
      actor,
      action: 'directory.import',
      entityType: 'directory_import',
      entityId: id,
      summary: `${label} applied (${row.filename})`,
      details: { import: id, files: row.filename, ...plan.counts },
      ip,
    });
    await tx.db
      .updateTable('directory_imports')
      .set({ status: 'applied', applied_at: now, report: JSON.stringify(report) })
      .where('id', '=', id)
      .execute();
    return { ok: true, plan, report };
  });
  if (!outcome.ok && outcome.final !== false && (outcome.reason === 'stale' || outcome.reason === 'errors')) {
    const report: ImportReport = { refused: outcome.reason };
    await database.db
      .updateTable('directory_imports')
      .set({ status: 'failed', report: JSON.stringify(report) })
      .where('id', '=', id)
      .where('status', '=', 'planned')
      .execute();
  }
  return outcome;
}

/** The database ids of units in the files that already exist (by external id, or linked now). */
async function matchedUnits(tx: Database, plan: Plan): Promise<Array<[string, number]>> {
  const out: Array<[string, number]> = plan.units.updated.map((u) => [u.ref.slice(2), u.id]);
  const refs = new Set<string>();
  const note = (ref: string | null | undefined) => {
    if (ref?.startsWith('u:')) refs.add(ref.slice(2));
  };
  for (const u of plan.units.created) note(u.parent);
  for (const u of plan.units.updated) note(u.parent);
  for (const p of plan.people.created) note(p.unit);
  for (const p of plan.people.updated) note(p.unit);
  for (const l of [...plan.leaders.added, ...plan.leaders.removed]) note(l.unit);
  const known = new Set([...out.map(([ext]) => ext), ...plan.units.created.map((u) => u.externalId)]);
  const missing = [...refs].filter((ext) => !known.has(ext));
  if (missing.length) {
    const rows = await tx.db
      .selectFrom('org_units')
      .select(['id', 'external_id'])
      .where('external_id', 'in', missing)
      .execute();
    for (const r of rows) out.push([r.external_id!, r.id]);
  }
  return out;
}

/** The database ids of people in the files that already exist and are unchanged (managers, leaders). */
async function matchedPeople(tx: Database, plan: Plan): Promise<Array<[string, string]>> {
  const refs = new Set<string>();
  const note = (ref: string | null | undefined) => {
    if (ref?.startsWith('p:')) refs.add(ref.slice(2));
  };
  for (const p of plan.people.created) note(p.manager);
  for (const p of plan.people.updated) note(p.manager);
  for (const l of [...plan.leaders.added, ...plan.leaders.removed]) note(l.person);
  const known = new Set([...plan.people.created, ...plan.people.updated].map((p) => p.ref.slice(2)));
  const missing = [...refs].filter((ext) => !known.has(ext));
  if (!missing.length) return [];
  const rows = await tx.db
    .selectFrom('users')
    .select(['id', 'external_id'])
    .where('external_id', 'in', missing)
    .execute();
  return rows.map((r) => [r.external_id!, r.id]);
}
