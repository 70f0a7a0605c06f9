import type { Selectable } from 'kysely';
import { appendAudit, type AuditActor } from '../../audit/service.ts';
import { nowIso, writeTransaction, type Database } from '../../db/index.ts';
import type { LetterTemplateTable } from '../../db/schema/letters.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { EXAMPLE_VALUES, mergeText, paragraphs, unknownFields } from './merge.ts';

/** Letter templates (Administration → Brevskabeloner): name, heading and body with merge fields. */

export type TemplateRow = Selectable<LetterTemplateTable>;

export interface TemplateInput {
  name: string;
  title: string;
  body: string;
}

export type TemplateErrors = Partial<Record<keyof TemplateInput, { key: MessageKey; params?: Record<string, string> }>>;

export const MAX_NAME = 120;
export const MAX_TITLE = 250;
export const MAX_BODY = 20_000;

export async function listTemplates(database: Database, opts: { activeOnly?: boolean } = {}): Promise<TemplateRow[]> {
  let q = database.db.selectFrom('letter_templates').selectAll().orderBy('name');
  if (opts.activeOnly) q = q.where('active', '=', 1);
  return q.execute();
}

export async function getTemplate(database: Database, id: number): Promise<TemplateRow | undefined> {
  return database.db.selectFrom('letter_templates').selectAll().where('id', '=', id).executeTakeFirst();
}

function validate(input: TemplateInput): TemplateErrors {
  const errors: TemplateErrors = {};
  const name = input.name.trim();
  if (!name || name.length > MAX_NAME) errors.name = { key: 'letters.template.error.name' };
  if (!input.title.trim() || input.title.length > MAX_TITLE) errors.title = { key: 'letters.template.error.title' };
  if (!input.body.trim() || input.body.length > MAX_BODY) errors.body = { key: 'letters.template.error.body' };
  for (const field of ['title', 'body'] as const) {
    const unknown = unknownFields(input[field]);
    if (!errors[field] && unknown.length)
      errors[field] = {
        key: 'letters.template.error.field',
        params: { fields: unknown.map((f) => `{{${f}}}`).join(', ') },
      };
  }
  return errors;
}

/** The template's text merged with the example values, for the editor's preview (nothing is saved). */
export function previewTemplate(
  input: TemplateInput,
): { ok: true; title: string; paragraphs: string[] } | { ok: false; errors: TemplateErrors } {
  const errors = validate(input);
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    title: mergeText(input.title.trim(), EXAMPLE_VALUES),
    paragraphs: paragraphs(mergeText(input.body.replace(/\r\n?/g, '\n'), EXAMPLE_VALUES)),
  };
}

async function nameTaken(database: Database, name: string, exceptId: number | null): Promise<boolean> {
  let q = database.db.selectFrom('letter_templates').select('id').where('name', '=', name);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

/** Creates (id null) or changes a template. */
export async function saveTemplate(
  database: Database,
  id: number | null,
  input: TemplateInput,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; id: number } | { ok: false; errors: TemplateErrors }> {
  const errors = validate(input);
  const values = {
    name: input.name.trim(),
    title: input.title.trim(),
    body: input.body.replace(/\r\n?/g, '\n').trim(),
  };
  if (!errors.name && (await nameTaken(database, values.name, id)))
    errors.name = { key: 'letters.template.error.taken' };
  if (Object.keys(errors).length) return { ok: false, errors };
  return writeTransaction(database, async (tx) => {
    const now = nowIso();
    let savedId = id;
    if (savedId === null) {
      savedId = (
        await tx.db
          .insertInto('letter_templates')
          .values({ ...values, active: 1, created_at: now, updated_at: now, updated_by: actor.id })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      await tx.db
        .updateTable('letter_templates')
        .set({ ...values, updated_at: now, updated_by: actor.id })
        .where('id', '=', savedId)
        .execute();
    }
    await appendAudit(tx, {
      actor,
      action: id === null ? 'letter-template.create' : 'letter-template.update',
      entityType: 'letter_template',
      entityId: savedId,
      summary: `${id === null ? 'Created' : 'Changed'} letter template "${values.name}"`,
      details: { name: values.name },
      ip: opts.ip ?? null,
    });
    return { ok: true as const, id: savedId };
  });
}

/** Takes a template out of use (active = false) or back into it; sent letters keep their link. */
export async function setTemplateActive(
  database: Database,
  id: number,
  active: boolean,
  actor: AuditActor,
  opts: { ip?: string | null } = {},
): Promise<boolean> {
  return writeTransaction(database, async (tx) => {
    const row = await tx.db.selectFrom('letter_templates').select('name').where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    await tx.db
      .updateTable('letter_templates')
      .set({ active: active ? 1 : 0, updated_at: nowIso(), updated_by: actor.id })
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, {
      actor,
      action: active ? 'letter-template.activate' : 'letter-template.deactivate',
      entityType: 'letter_template',
      entityId: id,
      summary: `${active ? 'Reactivated' : 'Deactivated'} letter template "${row.name}"`,
      details: { name: row.name },
      ip: opts.ip ?? null,
    });
    return true;
  });
}
