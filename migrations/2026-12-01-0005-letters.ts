import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/db/index.ts';
import { addIdColumn, instantType } from '../src/db/migration-helpers.ts';

/**
 * Letters from a case (src/modules/letters): the templates an administrator keeps, and each sent
 * letter linked to its outbox message and its journalised document. Also the two facts remote
 * print (fjernprint) needs:
 *
 * - `register_persons.digital_post_exempt`: the person is exempt from Digital Post (fritaget),
 *   so letters to them go by post.
 * - `digital_post_outbox.channel`: 'digital' or 'print', chosen when the message is queued. A
 *   message sent on the 'print' channel is "sent by post". We add a column rather than a new
 *   status: the channel is a fact of its own that the transport needs before it sends (SF1601's
 *   KombiValgKode), the status machine (queued → sending → sent/failed) stays the same for both
 *   channels, and SQLite would need a table rebuild to change the status check.
 *
 * The templates are seeded with three common Danish letters; administrators change them on
 * /admin/letter-templates.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const instant = instantType(dialect);
  await db.schema
    .alterTable('register_persons')
    .addColumn('digital_post_exempt', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`digital_post_exempt in (0, 1)`),
    )
    .execute();
  await db.schema
    .alterTable('digital_post_outbox')
    .addColumn('channel', 'text', (c) =>
      c
        .notNull()
        .defaultTo('digital')
        .check(sql`channel in ('digital', 'print')`),
    )
    .execute();

  await addIdColumn(db.schema.createTable('letter_templates'), dialect)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    // The letter's heading (and the subject in the mailbox), with merge fields.
    .addColumn('title', 'text', (c) => c.notNull())
    // Plain text; paragraphs are separated by a blank line; merge fields as {{part.navn}}.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`active in (0, 1)`),
    )
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  await addIdColumn(db.schema.createTable('letters'), dialect)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('party_id', 'integer', (c) => c.notNull().references('case_parties.id'))
    .addColumn('template_id', 'integer', (c) => c.references('letter_templates.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('digital', 'print')`))
    .addColumn('outbox_id', 'integer', (c) => c.notNull().unique().references('digital_post_outbox.id'))
    .addColumn('document_id', 'integer', (c) => c.notNull().unique().references('documents.id'))
    // The letter form's one-time key: a second "Send" of the same form (a double click, a
    // resubmitted page) finds the letter already sent instead of sending it again.
    .addColumn('form_token', 'text', (c) => c.unique())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('letters_case').on('letters').columns(['case_id', 'id']).execute();
  await db.schema.createIndex('letters_created_by').on('letters').column('created_by').execute();

  const now = new Date().toISOString();
  const templates = [
    {
      name: 'Kvittering for modtagelse',
      title: 'Kvittering for din henvendelse – sag {{sag.nummer}}',
      body: [
        'Kære {{part.navn}}',
        'Vi har den {{dato.idag}} modtaget din henvendelse om {{sag.titel}}. Sagen har fået sagsnummer {{sag.nummer}}. Oplys venligst sagsnummeret, hvis du kontakter os om sagen.',
        'Vi forventer at kunne give dig svar senest {{dato.frist}}. Hvis vi ikke kan nå det, skriver vi til dig og fortæller hvorfor, og hvornår du kan forvente svar.',
        'Med venlig hilsen',
        '{{sagsbehandler.navn}}\n{{sagsbehandler.enhed}}',
      ].join('\n\n'),
    },
    {
      name: 'Partshøring',
      title: 'Partshøring – sag {{sag.nummer}}',
      body: [
        'Kære {{part.navn}}',
        'Inden vi træffer afgørelse i sagen om {{sag.titel}}, giver vi dig mulighed for at komme med dine bemærkninger til de oplysninger, vi har i sagen (forvaltningslovens § 19).',
        'Vi lægger vægt på følgende oplysninger: [beskriv de faktiske oplysninger, der er væsentlige for afgørelsen].',
        'Vi skal have dine bemærkninger senest {{dato.frist}}. Hører vi ikke fra dig inden da, træffer vi afgørelse på det foreliggende grundlag.',
        'Med venlig hilsen',
        '{{sagsbehandler.navn}}\n{{sagsbehandler.enhed}}',
      ].join('\n\n'),
    },
    {
      name: 'Afgørelse',
      title: 'Afgørelse – sag {{sag.nummer}}',
      body: [
        'Kære {{part.navn}}',
        'Vi har nu truffet afgørelse i sagen om {{sag.titel}}.',
        'Afgørelse: [skriv afgørelsen].',
        'Begrundelse: [skriv begrundelsen med henvisning til de regler, afgørelsen bygger på].',
        'Klagevejledning: Du kan klage over afgørelsen senest {{dato.frist}}. Klagen sendes til os, og vi sender den videre til klageinstansen, hvis vi fastholder afgørelsen.',
        'Med venlig hilsen',
        '{{sagsbehandler.navn}}\n{{sagsbehandler.enhed}}',
      ].join('\n\n'),
    },
  ];
  await db
    .insertInto('letter_templates')
    .values(templates.map((t) => ({ ...t, active: 1, created_at: now, updated_at: now, updated_by: null })))
    .execute();
}
