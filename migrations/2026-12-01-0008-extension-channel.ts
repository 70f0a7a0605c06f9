import type { Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';

/**
 * How a fristbrev went out (src/modules/access-requests/deadlines.ts): `digital_post` (through the
 * letters module: Digital Post, or remote print for someone exempt; the `letters` row of the
 * document holds the delivery status), `email` (the PDF attached), or `post` (journalised, to be
 * printed and posted by hand). Null for a fristbrev written before it was sent at all.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('access_requests').addColumn('extension_channel', 'text').execute();
}
