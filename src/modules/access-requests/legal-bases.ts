import { appendAudit, type AuditActor } from '../../audit/service.ts';
import type { Database } from '../../db/index.ts';
import { writeTransaction } from '../../db/index.ts';
import type { Law } from '../../db/schema/access-requests.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { LAWS } from './constants.ts';

/**
 * The legal bases decisions rest on (hjemler), kept by admins. Seeded by
 * migrations/2026-12-01-0006-legal-bases-seed.ts. A basis in use is never deleted: it is
 * deactivated, so old decisions keep their basis and new ones cannot choose it.
 */

export interface LegalBasis {
  id: number;
  law: Law;
  section: string;
  title: string;
  active: boolean;
  position: number;
}

export async function listLegalBases(database: Database, opts: { activeOnly?: boolean } = {}): Promise<LegalBasis[]> {
  let q = database.db.selectFrom('legal_bases').select(['id', 'law', 'section', 'title', 'active', 'position']);
  if (opts.activeOnly) q = q.where('active', '=', 1);
  const rows = await q.orderBy('law', 'desc').orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ ...r, active: r.active === 1, position: Number(r.position) }));
}

export interface BasisInput {
  law: string;
  section: string;
  title: string;
  position: string;
}
export type BasisErrors = Partial<Record<keyof BasisInput, MessageKey>>;

const SECTION = /^§\s?\d+(\s?[a-z])?(,\s?stk\.\s?\d+)?(,\s?nr\.\s?\d+)?$/;

function checkTitle(title: string, errors: BasisErrors) {
  if (!title) errors.title = 'akt.error.basisTitle';
  else if (title.length > 200) errors.title = 'akt.error.tooLong';
}

function checkPosition(position: string, errors: BasisErrors): number {
  const p = position.trim() === '' ? 0 : Number(position);
  if (!Number.isInteger(p) || p < 0 || p > 100_000) errors.position = 'akt.error.basisPosition';
  return p;
}

export async function addLegalBasis(
  database: Database,
  input: BasisInput,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; id: number } | { ok: false; errors: BasisErrors }> {
  const errors: BasisErrors = {};
  const law = input.law.trim() as Law;
  if (!LAWS.includes(law)) errors.law = 'akt.error.basisLaw';
  const section = input.section.trim().replace(/\s+/g, ' ');
  if (!SECTION.test(section)) errors.section = 'akt.error.basisSection';
  const title = input.title.trim();
  checkTitle(title, errors);
  const position = checkPosition(input.position, errors);
  if (!errors.law && !errors.section) {
    const taken = await database.db
      .selectFrom('legal_bases')
      .select('id')
      .where('law', '=', law)
      .where('section', '=', section)
      .executeTakeFirst();
    if (taken) errors.section = 'akt.error.basisTaken';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return writeTransaction(database, async (tx) => {
    const now = new Date().toISOString();
    const { id } = await tx.db
      .insertInto('legal_bases')
      .values({ law, section, title, active: 1, position, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'legalBasis.create',
      entityType: 'legal_basis',
      entityId: id,
      summary: `Added legal basis ${law} ${section}: ${title}`,
      details: { law, section, title },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, id };
  });
}

export async function updateLegalBasis(
  database: Database,
  id: number,
  input: { title: string; position: string; active: boolean },
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true } | { ok: false; errors: BasisErrors } | { ok: false; missing: true }> {
  const row = await database.db.selectFrom('legal_bases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return { ok: false, missing: true };
  const errors: BasisErrors = {};
  const title = input.title.trim();
  checkTitle(title, errors);
  const position = checkPosition(input.position, errors);
  if (Object.keys(errors).length) return { ok: false, errors };
  const active = input.active ? 1 : 0;
  await writeTransaction(database, async (tx) => {
    await tx.db
      .updateTable('legal_bases')
      .set({ title, position, active, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'legalBasis.update',
      entityType: 'legal_basis',
      entityId: id,
      summary: `Changed legal basis ${row.law} ${row.section}`,
      details: {
        section: row.section,
        from: { title: row.title, position: row.position, active: row.active },
        to: { title, position, active },
      },
      ip: opts.ip ?? null,
    });
  });
  return { ok: true };
}
