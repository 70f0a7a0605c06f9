import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, instantType } from '../src/db/migration-helpers.ts';

/**
 * The Digital Post outbox (src/modules/digital-post): every MeMo message is stored here, XML and
 * UUID, in the transaction that decided to send it; a job claims due rows with a lease and hands
 * them to a transport, retrying with back-off. The stored XML is what every attempt sends, so a
 * retry is the very same message.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);
  await addIdColumn(db.schema.createTable('digital_post_outbox'), dialect)
    .addColumn('message_uuid', 'text', (c) => c.notNull().unique())
    .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('recipient_type', 'text', (c) => c.notNull().check(sql`recipient_type in ('CPR', 'CVR')`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('memo_xml', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'sending', 'sent', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', instant, (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', instant)
    .addColumn('last_error', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('sent_at', instant)
    .addColumn('transport', 'text')
    .execute();
  await db.schema
    .createIndex('digital_post_outbox_due')
    .on('digital_post_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema.createIndex('digital_post_outbox_case_id').on('digital_post_outbox').column('case_id').execute();
}
