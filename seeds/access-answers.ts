/**
 * Demo data for the access-request answer and the post list: one request answered by post, with
 * a redacted document (a party's name withheld under Offentlighedsloven § 30, nr. 1), its answer
 * package journalised on its AKT case; and about a dozen journalised documents on the public post
 * list, spread over the past weeks, under titles without personal data (the KLE subject and the
 * kind of letter). Relative to the app's clock, like the rest of the demo.
 */
import { addWorkingDays } from '../src/calendar/workdays.ts';
import type { Database } from '../src/db/index.ts';
import type { BlobStore } from '../src/files/blobs.ts';
import { copenhagenDate, startOfCopenhagenDay, translator } from '../src/i18n/index.ts';
import type { Role } from '../src/policy/index.ts';
import { loadAnswer, sendAnswer } from '../src/modules/access-requests/index.ts';
import { createCase, emptyCaseInput } from '../src/modules/cases/index.ts';
import { isoWeekOf } from '../src/modules/postlist/index.ts';
import { localPersonRegister } from '../src/modules/registers/index.ts';

export interface AccessAnswerSeedContext {
  database: Database;
  blobs: BlobStore;
  /** The demo caseworker, who answers. */
  caseworker: { id: string; name: string; unitId: number };
}

/** A legal basis by law and section, inserted when the legal-bases seed has not made it. */
async function basis(database: Database, section: string, title: string): Promise<number> {
  const now = new Date().toISOString();
  await database.db
    .insertInto('legal_bases')
    .values({ law: 'offl', section, title, active: 1, position: 0, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['law', 'section']).doNothing())
    .execute();
  const row = await database.db
    .selectFrom('legal_bases')
    .select('id')
    .where('law', '=', 'offl')
    .where('section', '=', section)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Marks up to two documents from each of the past eight ISO weeks for the post list. */
export async function seedPostlist(database: Database, now = new Date()): Promise<number> {
  const thisMonday = isoWeekOf(copenhagenDate(now)).monday;
  const candidates = await database.db
    .selectFrom('documents as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .innerJoin('kle_subjects as k', 'k.number', 'c.kle_number')
    .select(['d.id', 'd.direction', 'd.journalised_at', 'k.title as subject'])
    .where('d.journalised_at', 'is not', null)
    .where('d.journalised_at', '<', startOfCopenhagenDay(thisMonday).toISOString())
    .where(
      'd.journalised_at',
      '>=',
      new Date(startOfCopenhagenDay(thisMonday).getTime() - 8 * 7 * 86400_000).toISOString(),
    )
    .where('d.direction', 'in', ['incoming', 'outgoing'])
    .where('d.parent_id', 'is', null)
    .where('c.confidential', '=', 0)
    .where('c.type', '!=', 'access_request')
    .orderBy('d.journalised_at', 'desc')
    .orderBy('d.id')
    .execute();
  const perWeek = new Map<string, number>();
  let marked = 0;
  for (const d of candidates) {
    const week = isoWeekOf(copenhagenDate(new Date(d.journalised_at!))).key;
    if ((perWeek.get(week) ?? 0) >= 2) continue;
    perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
    const title = `${d.direction === 'incoming' ? 'Henvendelse' : 'Svar'} vedrørende ${d.subject.toLowerCase()}`;
    await database.db
      .updateTable('documents')
      .set({ on_postlist: 1, postlist_title: title })
      .where('id', '=', d.id)
      .execute();
    if (++marked >= 14) break;
  }
  return marked;
}

/** One access request, decided document by document with a redaction, and answered by post. */
export async function seedAnsweredRequest(ctx: AccessAnswerSeedContext, now = new Date()): Promise<number | null> {
  const { database, blobs, caseworker } = ctx;
  // A building case with a party whose name stands in its letters.
  const source = await database.db
    .selectFrom('cases as c')
    .innerJoin('case_parties as p', 'p.case_id', 'c.id')
    .select(['c.id', 'c.number', 'p.name'])
    .where('c.type', '=', 'geo')
    .where('c.confidential', '=', 0)
    .where('c.archived_at', 'is', null)
    .where('p.kind', '=', 'person')
    .orderBy('c.id')
    .limit(40)
    .execute();
  let chosen: { caseId: number; name: string; docs: Array<{ id: number; text: string; version: number }> } | null =
    null;
  for (const s of source) {
    const docs = await database.db
      .selectFrom('documents as d')
      .innerJoin('document_versions as v', (j) =>
        j.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'),
      )
      .select(['d.id', 'v.text_content', 'v.version'])
      .where('d.case_id', '=', s.id)
      .where('d.journalised_at', 'is not', null)
      .where('d.parent_id', 'is', null)
      .orderBy('d.number')
      .execute();
    const withName = docs.slice(0, 3).filter((d) => d.text_content?.includes(s.name));
    if (withName.length >= 1 && docs.length >= 2) {
      chosen = {
        caseId: s.id,
        name: s.name,
        docs: docs.slice(0, 3).map((d) => ({ id: Number(d.id), text: d.text_content ?? '', version: d.version })),
      };
      break;
    }
  }
  if (!chosen) return null;

  const actor = {
    id: caseworker.id,
    name: caseworker.name,
    roles: ['caseworker' as Role],
    orgUnitId: caseworker.unitId,
  };
  const received = new Date(now.getTime() - 9 * 86400_000);
  const aktCase = await createCase(
    database,
    emptyCaseInput({
      type: 'access_request',
      title: 'Aktindsigt – byggesag (Lokalavisen)',
      description: 'Anmodning om aktindsigt fra en journalist på Lokalavisen.',
      kleNumber: '00.07.03',
      facetCode: 'G01',
      unitId: String(caseworker.unitId),
    }),
    actor,
    { at: received },
  );
  if (!aktCase.ok) throw new Error(`seed AKT case refused: ${JSON.stringify(aktCase.errors)}`);
  const receivedOn = copenhagenDate(received);
  const at = received.toISOString();
  const { id: requestId } = await database.db
    .insertInto('access_requests')
    .values({
      case_id: aktCase.id,
      status: 'open',
      requester_kind: 'journalist',
      law: 'offl',
      requester_name: 'Mette Skov, Lokalavisen',
      requester_email: 'mette.skov@lokalavisen.example',
      requester_phone: null,
      requester_address: 'Torvet 2, 4000 Roskilde',
      requester_cpr: null,
      requester_cvr: null,
      channel: 'email',
      received_at: at,
      received_on: receivedOn,
      asks_for: 'Aktindsigt i byggesagens dokumenter.',
      deadline: addWorkingDays(receivedOn, 7),
      caseworker_id: caseworker.id,
      created_at: at,
      created_by: caseworker.id,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('access_request_cases')
    .values({ request_id: requestId, case_id: chosen.caseId })
    .execute();
  const privat = await basis(database, '§ 30, nr. 1', 'Private forhold');
  const decidedAt = new Date(now.getTime() - 2 * 86400_000).toISOString();
  for (const d of chosen.docs) {
    // Every document that names the party is released in part, the name withheld.
    const partial = d.text.includes(chosen.name);
    const { id: itemId } = await database.db
      .insertInto('access_request_documents')
      .values({
        request_id: requestId,
        document_id: d.id,
        version: d.version,
        decision: partial ? 'partial' : 'full',
        reason: partial ? 'Navnet på en privatperson er undtaget af hensyn til private forhold.' : null,
        extraction: null,
        meroffentlighed: 0,
        meroffentlighed_note: null,
        decided_at: decidedAt,
        decided_by: caseworker.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (partial) {
      await database.db
        .insertInto('access_request_document_bases')
        .values({ item_id: itemId, legal_basis_id: privat })
        .execute();
      // Every occurrence of the party's name.
      for (
        let from = d.text.indexOf(chosen.name);
        from >= 0;
        from = d.text.indexOf(chosen.name, from + chosen.name.length)
      )
        await database.db
          .insertInto('access_request_redactions')
          .values({
            item_id: itemId,
            start_offset: from,
            end_offset: from + chosen.name.length,
            legal_basis_id: privat,
            created_at: decidedAt,
            created_by: caseworker.id,
          })
          .execute();
    }
  }
  const request = await database.db
    .selectFrom('access_requests')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  const kase = await database.db.selectFrom('cases').selectAll().where('id', '=', aktCase.id).executeTakeFirstOrThrow();
  const t = translator('da');
  const sent = await sendAnswer(database, blobs, await loadAnswer(database, request, kase), 'post', {
    t,
    locale: 'da',
    today: copenhagenDate(now),
    template: t('accessAnswers.letter.template'),
    actor: {
      id: caseworker.id,
      name: caseworker.name,
      displayName: caseworker.name,
      roles: ['caseworker' as Role, 'employee' as Role],
      orgUnitId: caseworker.unitId,
    },
    // Sent by post: the register is never asked.
    post: { register: localPersonRegister(database) },
  });
  if (!sent.ok) throw new Error(`seed answer refused: ${sent.error}`);
  return Number(requestId);
}
