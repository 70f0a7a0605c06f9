import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, instantType } from '../src/db/migration-helpers.ts';

/**
 * The records lifecycle (src/modules/records): retention rules, the nightly archive job, archival
 * versions for the National Archives (bek. 128/2020) and disposal.
 *
 * Retention rules:
 * - `kle_facets.retention` / `retention_years`: KL's BevaringJaevnfoerArkivloven on the action
 *   facets (the importer read it but kept it nowhere). `kle_subjects.deletion_period`: KL's
 *   SletningJaevnfoerPersondataloven (an xs:duration such as P1825D) as written.
 * - `local_*` on both: the municipality's own rule, set by a records manager on the admin pages with
 *   a reason. KL's columns stay as the last import left them (a re-import never undoes a local
 *   rule); the rule in force is the local one when set, else KL's.
 * - `cases.retention_reason`: why a records manager overrode the rule a case inherited
 *   (`retention_overridden` = 1). `cases.deletion_due_on`: when the case's personal data should be
 *   deleted (closing date + the deletion period), null while open or when no period applies.
 *
 * Runs (`records_runs`): one row per archive run or export run, with its progress (`done` of
 * `total`) for the progress bar, and a heartbeat so that a run whose process died is seen as
 * interrupted and picked up by the next one. `archive_run_cases` is what an archive run did.
 *
 * Archival versions (`archival_exports`, `archival_export_documents`): one row per archival version
 * of a period, one row per case it holds, and one row per document it holds with its docID and collection, written before the
 * files so that a resumed export gives every document the same number and converts only what is
 * not yet done. Delivery to the archive is recorded on the export (who, when, the archive's receipt).
 *
 * Disposal (`disposal_runs`, `disposal_run_cases`): a list proposed from the expired cases, approved
 * by a records manager (who may take cases out with a reason), then executed. After execution a
 * row keeps the case number, classification, rule and dates, never a title, a name or a CPR number:
 * that is the disposal record.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);
  const retentionCheck = (col: string) => sql.raw(`${col} is null or ${col} in ('preserve', 'dispose', 'review')`);

  await db.schema
    .alterTable('kle_facets')
    .addColumn('retention', 'text', (c) => c.check(retentionCheck('retention')))
    .execute();
  await db.schema.alterTable('kle_facets').addColumn('retention_years', 'integer').execute();
  await db.schema.alterTable('kle_subjects').addColumn('deletion_period', 'text').execute();
  for (const table of ['kle_subjects', 'kle_facets']) {
    await db.schema
      .alterTable(table)
      .addColumn('local_retention', 'text', (c) => c.check(retentionCheck('local_retention')))
      .execute();
    await db.schema.alterTable(table).addColumn('local_retention_years', 'integer').execute();
    await db.schema.alterTable(table).addColumn('local_reason', 'text').execute();
    await db.schema
      .alterTable(table)
      .addColumn('local_changed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .execute();
    await db.schema.alterTable(table).addColumn('local_changed_at', instant).execute();
  }
  await db.schema.alterTable('cases').addColumn('retention_reason', 'text').execute();
  await db.schema.alterTable('cases').addColumn('deletion_due_on', 'text').execute();
  await db.schema.createIndex('cases_status_closed').on('cases').columns(['status', 'closed_at']).execute();

  await addIdColumn(db.schema.createTable('records_runs'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('archive', 'export')`))
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('scheduled', 'manual', 'startup', 'cli')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'failed', 'interrupted')`))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    // For an export run: the export it works on.
    .addColumn('export_id', 'integer')
    .addColumn('started_at', instant, (c) => c.notNull())
    .addColumn('heartbeat_at', instant, (c) => c.notNull())
    .addColumn('finished_at', instant)
    .addColumn('started_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    // JSON: counts, or the error.
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('records_runs_kind').on('records_runs').columns(['kind', 'id']).execute();

  await db.schema
    .createTable('archive_run_cases')
    .addColumn('run_id', 'integer', (c) => c.notNull().references('records_runs.id'))
    // No foreign key: a disposed case leaves its number here.
    .addColumn('case_id', 'integer', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('archived_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('archive_run_cases_pk', ['run_id', 'case_id'])
    .execute();
  // A case is archived once: the second run to reach it finds it done.
  await db.schema.createIndex('archive_run_cases_case').on('archive_run_cases').column('case_id').unique().execute();

  await addIdColumn(db.schema.createTable('archival_exports'), dialect)
    // AVID.<ARCHIVE>.<NO>.<PART>, e.g. AVID.SA.18005.1 (bilag 2).
    .addColumn('avid', 'text', (c) => c.notNull().unique())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'running', 'written', 'valid', 'invalid', 'failed', 'delivered')`),
    )
    // Where the folder is written (absolute); the folder is named by the avid.
    .addColumn('out_dir', 'text', (c) => c.notNull())
    .addColumn('case_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('document_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('documents_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('started_at', instant)
    .addColumn('finished_at', instant)
    // JSON: the validator's findings (each with the section of the order it breaks).
    .addColumn('validation', 'text')
    .addColumn('validated_at', instant)
    .addColumn('delivered_at', instant)
    .addColumn('delivered_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    // The archive's receipt or journal number for the delivery.
    .addColumn('delivery_reference', 'text')
    .addColumn('error', 'text')
    .execute();

  // The cases an archival version holds (also those without documents): a preserved case may be
  // disposed of only once an export holding it is delivered.
  await db.schema
    .createTable('archival_export_cases')
    .addColumn('export_id', 'integer', (c) => c.notNull().references('archival_exports.id'))
    // No foreign key, as below.
    .addColumn('case_id', 'integer', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('archival_export_cases_pk', ['export_id', 'case_id'])
    .execute();
  await db.schema.createIndex('archival_export_cases_case').on('archival_export_cases').column('case_id').execute();

  await db.schema
    .createTable('archival_export_documents')
    .addColumn('export_id', 'integer', (c) => c.notNull().references('archival_exports.id'))
    // The docID in the archival version (1, 2, 3 …), in the order documents were numbered.
    .addColumn('doc_id', 'integer', (c) => c.notNull())
    // No foreign keys: the export's record outlives a disposal of the case after delivery.
    .addColumn('case_id', 'integer', (c) => c.notNull())
    .addColumn('document_id', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('collection', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'done', 'failed')`),
    )
    .addColumn('pages', 'integer')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('archival_export_documents_pk', ['export_id', 'doc_id'])
    .execute();
  await db.schema
    .createIndex('archival_export_documents_document')
    .on('archival_export_documents')
    .columns(['export_id', 'document_id'])
    .unique()
    .execute();

  await addIdColumn(db.schema.createTable('disposal_runs'), dialect)
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('proposed', 'approved', 'executing', 'executed', 'cancelled')`),
    )
    // The day the list was drawn up for: cases whose retention had passed by then.
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('approved_at', instant)
    .addColumn('approved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('executed_at', instant)
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('disposal_run_cases')
    .addColumn('run_id', 'integer', (c) => c.notNull().references('disposal_runs.id'))
    // No foreign key: the case is gone after execution; the number stays as the record.
    .addColumn('case_id', 'integer', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('kle_number', 'text', (c) => c.notNull())
    .addColumn('facet_code', 'text', (c) => c.notNull())
    // The rule it went under: 'dispose' with years, or 'preserve' after a recorded delivery.
    .addColumn('retention', 'text', (c) => c.notNull())
    .addColumn('retention_years', 'integer')
    // For a preserved case: the delivered archival version it is in.
    .addColumn('export_id', 'integer')
    .addColumn('closed_at', instant)
    .addColumn('document_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('file_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('excluded', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`excluded in (0, 1)`),
    )
    .addColumn('excluded_reason', 'text')
    .addColumn('excluded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('disposed_at', instant)
    .addPrimaryKeyConstraint('disposal_run_cases_pk', ['run_id', 'case_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'disposal_run_cases',
    'disposal_runs',
    'archival_export_documents',
    'archival_export_cases',
    'archival_exports',
    'archive_run_cases',
    'records_runs',
  ])
    await db.schema.dropTable(t).execute();
}
