import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';

/**
 * Disposal (kassation, src/modules/records/disposal.ts) deletes journalised documents, their
 * versions and case notes, which the database has refused since migrations/2026-11-26-0002-esdh.ts. The guards
 * stay, with one opening: a document (or a version of one) may be deleted when its case is on a
 * disposal list that a records manager approved and that is being executed (`disposal_runs.status
 * = 'executing'`), not taken off it (`excluded = 0`) and not yet disposed of. Any other delete is
 * refused as before, so a bug elsewhere still cannot remove a record, and neither can disposal
 * before approval. The immutability of a finalised version (updates) is unchanged.
 */
const ON_EXECUTING_LIST = (caseIdExpr: string) => `exists (
  select 1 from disposal_run_cases drc join disposal_runs dr on dr.id = drc.run_id
  where drc.case_id = ${caseIdExpr} and drc.excluded = 0 and drc.disposed_at is null and dr.status = 'executing')`;

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql
      .raw(
        `create or replace function document_versions_guard() returns trigger language plpgsql as $$
         begin
           if tg_op = 'DELETE' then
             if ${ON_EXECUTING_LIST('(select d.case_id from documents d where d.id = old.document_id)')} then
               return old;
             end if;
             raise exception 'document versions are never deleted';
           end if;
           if old.locked = 1 and (new.locked <> 1 or new.blob_sha256 <> old.blob_sha256 or new.filename <> old.filename
               or new.mime <> old.mime or new.size <> old.size or new.version <> old.version or new.document_id <> old.document_id
               or new.text_content is distinct from old.text_content or new.text_status <> old.text_status) then
             raise exception 'a finalised document version is immutable';
           end if;
           return new;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create or replace function documents_no_delete() returns trigger language plpgsql as $$
         begin
           if old.journalised_at is not null and not ${ON_EXECUTING_LIST('old.case_id')} then
             raise exception 'a journalised document cannot be deleted';
           end if;
           return old;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create or replace function case_notes_append_only() returns trigger language plpgsql as $$
         begin
           if tg_op = 'DELETE' and ${ON_EXECUTING_LIST('old.case_id')} then return old; end if;
           raise exception 'case_notes is append-only';
         end $$`,
      )
      .execute(db);
  } else {
    await sql.raw(`drop trigger document_versions_no_delete`).execute(db);
    await sql
      .raw(
        `create trigger document_versions_no_delete before delete on document_versions
         when not ${ON_EXECUTING_LIST('(select d.case_id from documents d where d.id = old.document_id)')}
         begin select raise(abort, 'document versions are never deleted'); end`,
      )
      .execute(db);
    await sql.raw(`drop trigger documents_no_delete`).execute(db);
    await sql
      .raw(
        `create trigger documents_no_delete before delete on documents
         when old.journalised_at is not null and not ${ON_EXECUTING_LIST('old.case_id')}
         begin select raise(abort, 'a journalised document cannot be deleted'); end`,
      )
      .execute(db);
    await sql.raw(`drop trigger case_notes_no_delete`).execute(db);
    await sql
      .raw(
        `create trigger case_notes_no_delete before delete on case_notes
         when not ${ON_EXECUTING_LIST('old.case_id')}
         begin select raise(abort, 'case_notes is append-only'); end`,
      )
      .execute(db);
  }
}
