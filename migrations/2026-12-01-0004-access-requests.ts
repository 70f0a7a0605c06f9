import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, instantType } from '../src/db/migration-helpers.ts';

/**
 * Access to records (aktindsigt, src/modules/access-requests) and the public post list.
 *
 * - `legal_bases`: the sections a decision may rest on (Offentlighedsloven, Forvaltningsloven),
 *   kept by admins, seeded with those in common use.
 * - `access_requests`: one request; once registered it has an AKT case of its own (`case_id`). A
 *   request sent with the public form waits with status `new` and no case until it is registered.
 *   The deadline (yyyy-mm-dd) is 7 working days from `received_on`; `extended_deadline` is the new
 *   date told in a fristbrev.
 * - `access_request_cases`: the cases the request asks about.
 * - `access_request_documents`: one decision per document (full, partial, refused), its reason,
 *   extraction of facts (§ 28) and meroffentlighed (§ 14); its legal bases in
 *   `access_request_document_bases`, its withheld passages in `access_request_redactions`
 *   (character offsets into the text of the document version decided on).
 * - `documents.on_postlist`, `documents.postlist_title`: a journalised incoming or outgoing
 *   document marked for the public post list, under a title without personal data.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);
  const flag = (name: string) => (c: ColumnDefinitionBuilder) =>
    c
      .notNull()
      .defaultTo(0)
      .check(sql.raw(`${name} in (0, 1)`));

  await addIdColumn(db.schema.createTable('legal_bases'), dialect)
    .addColumn('law', 'text', (c) => c.notNull().check(sql`law in ('offl', 'fvl')`))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', flag('active'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addUniqueConstraint('legal_bases_law_section', ['law', 'section'])
    .execute();

  await addIdColumn(db.schema.createTable('access_requests'), dialect)
    .addColumn('case_id', 'integer', (c) => c.references('cases.id').unique())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('new')
        .check(sql`status in ('new', 'open', 'answered', 'withdrawn')`),
    )
    .addColumn('requester_kind', 'text', (c) =>
      c.notNull().check(sql`requester_kind in ('citizen', 'company', 'journalist', 'party', 'other')`),
    )
    .addColumn('law', 'text', (c) => c.notNull().check(sql`law in ('offl', 'fvl')`))
    .addColumn('requester_name', 'text', (c) => c.notNull())
    .addColumn('requester_email', 'text')
    .addColumn('requester_phone', 'text')
    .addColumn('requester_address', 'text')
    .addColumn('requester_cpr', 'text')
    .addColumn('requester_cvr', 'text')
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('form', 'email', 'letter', 'digital_post', 'phone', 'in_person')`),
    )
    .addColumn('received_at', instant, (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('asks_for', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('extended_deadline', 'text')
    .addColumn('extension_reason', 'text')
    .addColumn('extended_at', instant)
    .addColumn('extension_document_id', 'integer', (c) => c.references('documents.id'))
    .addColumn('caseworker_id', 'text', (c) => c.references('users.id'))
    .addColumn('answered_at', instant)
    .addColumn('answered_by', 'text', (c) => c.references('users.id'))
    .addColumn('answer_channel', 'text', (c) =>
      c.check(sql`answer_channel is null or answer_channel in ('digital_post', 'email', 'post')`),
    )
    .addColumn('answer_document_id', 'integer', (c) => c.references('documents.id'))
    .addColumn('warned_at', instant)
    .addColumn('overdue_notified_at', instant)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('access_requests_open_deadline')
    .on('access_requests')
    .columns(['status', 'deadline'])
    .execute();

  await db.schema
    .createTable('access_request_cases')
    .addColumn('request_id', 'integer', (c) => c.notNull().references('access_requests.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addPrimaryKeyConstraint('access_request_cases_pk', ['request_id', 'case_id'])
    .execute();
  await db.schema.createIndex('access_request_cases_case').on('access_request_cases').column('case_id').execute();

  await addIdColumn(db.schema.createTable('access_request_documents'), dialect)
    .addColumn('request_id', 'integer', (c) => c.notNull().references('access_requests.id'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    // The version the decision (and its redactions) was made on.
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.check(sql`decision is null or decision in ('full', 'partial', 'refused')`))
    .addColumn('reason', 'text')
    // Offentlighedsloven § 28: facts extracted from a withheld document.
    .addColumn('extraction', 'text')
    // Offentlighedsloven § 14: access given beyond what the law requires.
    .addColumn('meroffentlighed', 'integer', flag('meroffentlighed'))
    .addColumn('meroffentlighed_note', 'text')
    .addColumn('decided_at', instant)
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('access_request_documents_one', ['request_id', 'document_id'])
    .execute();

  await db.schema
    .createTable('access_request_document_bases')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('access_request_documents.id'))
    .addColumn('legal_basis_id', 'integer', (c) => c.notNull().references('legal_bases.id'))
    .addPrimaryKeyConstraint('access_request_document_bases_pk', ['item_id', 'legal_basis_id'])
    .execute();

  await addIdColumn(db.schema.createTable('access_request_redactions'), dialect)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('access_request_documents.id'))
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addColumn('legal_basis_id', 'integer', (c) => c.notNull().references('legal_bases.id'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addCheckConstraint('access_request_redactions_range', sql`start_offset >= 0 and end_offset > start_offset`)
    .execute();
  await db.schema
    .createIndex('access_request_redactions_item')
    .on('access_request_redactions')
    .column('item_id')
    .execute();

  await db.schema.alterTable('documents').addColumn('on_postlist', 'integer', flag('on_postlist')).execute();
  await db.schema.alterTable('documents').addColumn('postlist_title', 'text').execute();
}
