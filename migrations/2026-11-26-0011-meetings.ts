import { type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, forbidUpdatesAndDeletes, instantType } from '../src/db/migration-helpers.ts';

/**
 * The political process: council persons (elected members, and citizens on task committees),
 * legislative terms, committees (the city council is one) with memberships, locations, meetings,
 * papers (a matter from a case that travels through one or more committees), agenda items with
 * their sections and attachments (journalised case documents), conflicts of interest, attendance,
 * minority statements, published versions (immutable snapshots of an agenda or minutes, sealed
 * with a hash), approvals of minutes, and the politicians' private reading notes.
 *
 * Rows that OParl exposes carry `updated_at` (for `modified_since`) and `deleted_at` (OParl's
 * soft deletion: a deleted object is still served, marked `deleted: true`).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);

  await addIdColumn(db.schema.createTable('council_persons'), dialect)
    // A person who signs in (a politician, or a citizen member given an account); null for
    // members without an account.
    .addColumn('user_id', 'text', (c) => c.unique().references('users.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('party', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('deleted_at', instant)
    .execute();
  await db.schema.createIndex('council_persons_updated').on('council_persons').columns(['updated_at', 'id']).execute();

  await addIdColumn(db.schema.createTable('legislative_terms'), dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('deleted_at', instant)
    .execute();

  await addIdColumn(db.schema.createTable('committees'), dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    // council (kommunalbestyrelsen), finance (økonomiudvalget), standing (stående udvalg),
    // task (opgaveudvalg, Styrelsesloven §17 stk. 4), other.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mandate', 'text')
    // yyyy-mm-dd; task committees have a term, standing committees follow the legislative term.
    .addColumn('term_start', 'text')
    .addColumn('term_end', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('deleted_at', instant)
    .execute();

  await addIdColumn(db.schema.createTable('committee_memberships'), dialect)
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('committees.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('council_persons.id'))
    // chair (formand), vice_chair (næstformand), member, substitute (stedfortræder)
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('voting', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('deleted_at', instant)
    .execute();
  await db.schema
    .createIndex('committee_memberships_committee')
    .on('committee_memberships')
    .columns(['committee_id', 'starts_on'])
    .execute();
  await db.schema
    .createIndex('committee_memberships_person')
    .on('committee_memberships')
    .columns(['person_id', 'committee_id'])
    .execute();

  await addIdColumn(db.schema.createTable('meeting_locations'), dialect)
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('street_address', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('locality', 'text')
    .addColumn('room', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('deleted_at', instant)
    .execute();

  await addIdColumn(db.schema.createTable('meetings'), dialect)
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('committees.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', instant, (c) => c.notNull())
    .addColumn('ends_at', instant)
    .addColumn('location_id', 'integer', (c) => c.references('meeting_locations.id'))
    // planned → published (agenda) → held → approved (minutes approved and published); cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('agenda_published_at', instant)
    .addColumn('minutes_published_at', instant)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('deleted_at', instant)
    .execute();
  await db.schema
    .createIndex('meetings_committee_start')
    .on('meetings')
    .columns(['committee_id', 'starts_at'])
    .execute();
  await db.schema.createIndex('meetings_start').on('meetings').columns(['starts_at', 'id']).execute();
  await db.schema.createIndex('meetings_updated').on('meetings').columns(['updated_at', 'id']).execute();

  await addIdColumn(db.schema.createTable('papers'), dialect)
    .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
    // The case number at the time (OParl: reference).
    .addColumn('reference', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('deleted_at', instant)
    .execute();
  await db.schema.createIndex('papers_case').on('papers').columns(['case_id']).execute();

  await addIdColumn(db.schema.createTable('agenda_items'), dialect)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('paper_id', 'integer', (c) => c.references('papers.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // A closed item (lukket punkt): only the committee's members and the secretariat see it.
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closed_reason', 'text')
    // The standard sections: Sagsfremstilling, Indstilling, Økonomi; Beslutning after the meeting.
    .addColumn('presentation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recommendation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('economy', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decision', 'text')
    .addColumn('decided_at', instant)
    // Where the decision was written back to the case.
    .addColumn('decision_document_id', 'integer', (c) => c.references('documents.id'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('deleted_at', instant)
    .execute();
  await db.schema.createIndex('agenda_items_meeting').on('agenda_items').columns(['meeting_id', 'number']).execute();
  await db.schema.createIndex('agenda_items_paper').on('agenda_items').columns(['paper_id']).execute();
  await db.schema.createIndex('agenda_items_updated').on('agenda_items').columns(['updated_at', 'id']).execute();

  await addIdColumn(db.schema.createTable('agenda_attachments'), dialect)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('agenda_items.id'))
    // A journalised document of the item's case; the version shown is the one current when the
    // agenda is published (recorded in the published snapshot).
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    // A closed attachment of an open item (e.g. personal data).
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('deleted_at', instant)
    .execute();
  await db.schema
    .createIndex('agenda_attachments_item')
    .on('agenda_attachments')
    .columns(['item_id', 'position'])
    .execute();

  // Conflicts of interest (inhabilitet): recorded per member and item; `kept_out` keeps the member
  // from reading a closed item's content.
  await addIdColumn(db.schema.createTable('item_disqualifications'), dialect)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('council_persons.id'))
    .addColumn('reason', 'text')
    .addColumn('kept_out', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('item_disqualifications_unique', ['item_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('meeting_attendance')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('council_persons.id'))
    // present | absent
    .addColumn('status', 'text', (c) => c.notNull())
    // A substitute attending in place of a member.
    .addColumn('substitute_for', 'integer', (c) => c.references('council_persons.id'))
    .addColumn('note', 'text')
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'person_id'])
    .execute();

  // Minority statements (Styrelsesloven §13 stk. 2).
  await addIdColumn(db.schema.createTable('item_dissents'), dialect)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('council_persons.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('item_dissents_item').on('item_dissents').columns(['item_id']).execute();

  // Published versions: immutable. `snapshot` is the JSON of src/modules/meetings/snapshot.ts;
  // `sha256` is the hash of `previous_sha256` + the snapshot, so versions form a chain per meeting
  // and kind, and a changed row is detectable.
  await addIdColumn(db.schema.createTable('published_versions'), dialect)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    // agenda | minutes
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    // addendum (tillægsdagsorden) | version (a new version replacing the earlier)
    .addColumn('change_kind', 'text')
    .addColumn('change_note', 'text')
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('previous_sha256', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('published_at', instant, (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('published_versions_unique', ['meeting_id', 'kind', 'number'])
    .execute();
  await forbidUpdatesAndDeletes(db, dialect, 'published_versions');

  // Approvals of a minutes version (Styrelsesloven §13: the members present sign, electronically).
  await addIdColumn(db.schema.createTable('minutes_approvals'), dialect)
    .addColumn('version_id', 'integer', (c) => c.notNull().references('published_versions.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('council_persons.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('approved_at', instant, (c) => c.notNull())
    .addUniqueConstraint('minutes_approvals_unique', ['version_id', 'person_id'])
    .execute();
  await forbidUpdatesAndDeletes(db, dialect, 'minutes_approvals');

  // Private reading notes: only their author ever sees them. `target` is 'item' or
  // 'document:<id>' (an attachment); item ids are stable across published versions.
  await addIdColumn(db.schema.createTable('reader_notes'), dialect)
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addUniqueConstraint('reader_notes_unique', ['user_id', 'item_id', 'target'])
    .execute();
}
