import { randomUUID } from 'node:crypto';
import type { Database } from '../src/db/index.ts';
import { nowIso } from '../src/db/index.ts';
import { getSetting, putSetting } from '../src/db/settings.ts';
import type { BlobStore } from '../src/files/blobs.ts';
import type { Role } from '../src/policy/index.ts';
import { composeLetter, SENDER_CVR_SETTING, sendLetter, type LetterSender } from '../src/modules/letters/index.ts';
import { localPersonRegister } from '../src/modules/registers/index.ts';

/** A made-up CVR number (it passes the check digit) for the demo municipality as sender. */
export const DEMO_SENDER_CVR = '29180008';

/**
 * The demo's letters: five letters from one of the caseworker's cases, written from the seeded
 * templates to three parties from the demo registers (Jørgen Bæk is exempt from Digital Post, so
 * his goes by remote print), and left in every outbox status: queued, sending, sent, sent by
 * post and failed (so the caseworker's front page shows a failed letter). Needs the demo
 * registers (seedRegisters) first.
 */
export async function seedLetters(
  database: Database,
  blobs: BlobStore,
  caseworker: { id: string; name: string; orgUnitId: number | null },
): Promise<number> {
  const theCase = await database.db
    .selectFrom('cases')
    .selectAll()
    .where('caseworker_id', '=', caseworker.id)
    .where('status', '=', 'open')
    .where('confidential', '=', 0)
    .where('type', '=', 'subject')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!theCase) return 0;
  if (!(await getSetting(database, SENDER_CVR_SETTING)))
    await putSetting(database, SENDER_CVR_SETTING, DEMO_SENDER_CVR);

  const parties = [
    {
      kind: 'person',
      name: 'Mette Sørensen',
      cpr: '0101901001',
      cvr: null,
      address: 'Åboulevarden 12, 2. th., 8000 Aarhus C',
    },
    {
      kind: 'person',
      name: 'Jørgen Bæk',
      cpr: '0101602004',
      cvr: null,
      address: 'Hovedgaden 3; baghuset, 8660 Skanderborg',
    },
    {
      kind: 'company',
      name: 'Søhøjlandets Tømrer ApS',
      cpr: null,
      cvr: '11110002',
      address: 'Industrivej 14, 8600 Silkeborg',
    },
  ] as const;
  const partyIds: number[] = [];
  for (const p of parties) {
    const { id } = await database.db
      .insertInto('case_parties')
      .values({
        case_id: theCase.id,
        kind: p.kind,
        role: 'party',
        name: p.name,
        cpr: p.cpr,
        cvr: p.cvr,
        address: p.address,
        email: null,
        phone: null,
        created_at: nowIso(),
        created_by: caseworker.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    partyIds.push(id);
  }
  const templates = new Map(
    (await database.db.selectFrom('letter_templates').select(['id', 'name']).execute()).map((t) => [t.name, t.id]),
  );
  const sender: LetterSender = {
    id: caseworker.id,
    name: caseworker.name,
    displayName: caseworker.name,
    roles: ['caseworker' as Role, 'employee' as Role],
    orgUnitId: caseworker.orgUnitId,
  };
  const register = localPersonRegister(database);
  const send = async (template: string, party: number) => {
    const input = {
      partyId: String(partyIds[party]),
      templateId: String(templates.get(template) ?? ''),
      deadline: '',
      title: '',
      body: '',
      token: randomUUID(),
    };
    const merged = await composeLetter(database, theCase, input, sender);
    if (!merged.ok) throw new Error(`demo letter refused: ${JSON.stringify(merged.errors)}`);
    const sent = await sendLetter(database, blobs, register, theCase, { ...input, ...merged }, sender);
    if (!sent.ok) throw new Error(`demo letter refused: ${JSON.stringify(sent)}`);
    return sent.outboxId;
  };
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const outbox = (id: number) => database.db.updateTable('digital_post_outbox').where('id', '=', id);

  await send('Kvittering for modtagelse', 0); // queued
  const digital = await send('Partshøring', 2);
  await outbox(digital)
    .set({ status: 'sent', attempts: 1, sent_at: at(90), transport: 'folder-drop' })
    .execute();
  const byPost = await send('Afgørelse', 1); // Jørgen Bæk: remote print
  await outbox(byPost)
    .set({ status: 'sent', attempts: 1, sent_at: at(60), transport: 'folder-drop' })
    .execute();
  const failed = await send('Partshøring', 0);
  await outbox(failed)
    .set({
      status: 'failed',
      attempts: 6,
      next_attempt_at: at(5),
      last_error: 'The gateway answered 503 Service Unavailable',
    })
    .execute();
  const sending = await send('Kvittering for modtagelse', 2);
  await outbox(sending)
    .set({
      status: 'sending',
      attempts: 1,
      lease_owner: 'demo',
      lease_expires_at: new Date(Date.now() + 5 * 60_000).toISOString(),
    })
    .execute();
  return 5;
}
