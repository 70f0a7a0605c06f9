/**
 * A post list to test against (used only by tests): a case with documents journalised in the
 * week before "now" and in the running week, one on a confidential case, and one whose own
 * title, sender and case title hold a name and a CPR number. "Now" is Wednesday 2 December 2026
 * (ISO week 49): week 48 is published, week 49 is not.
 */
import type { TestApp } from '../../../test/helpers/app.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { addTextDocument, makeCase, unitOf } from '../access-requests/access-requests.fixtures.ts';

export const NOW = '2026-12-02T10:00:00Z';
export const CPR = '010190-1234';

export interface PostlistFixture {
  caseId: number;
  caseNumber: string;
  /** Journalised in week 48, marked by the test through the form. */
  personalDoc: number;
  /** Journalised in week 48 and already on the list. */
  listedDoc: number;
  /** Journalised in week 49 (not published yet), on the list. */
  thisWeekDoc: number;
  /** On a confidential case, marked directly. */
  secretDoc: number;
  /** An internal note: cannot be marked. */
  internalDoc: number;
}

export async function buildPostlistFixture(
  t: TestApp,
  cookie: string,
  journalCookie: string,
): Promise<PostlistFixture> {
  const database = t.db.database;
  await insertTestKle(database);
  const unit = await unitOf(database, 'sagsbehandler');
  const post = (p: string, f: Record<string, string>, o: { cookie: string }) => t.post(p, f, o);
  const caseId = await makeCase(post, cookie, unit, { title: 'Carport hos Jens Hansen, Østergade 12' });
  const secret = await makeCase(post, journalCookie, unit, {
    title: 'Fortrolig byggesag',
    confidential: '1',
    accessUsernames: 'journal sagsbehandler',
  });
  const { number } = await database.db
    .selectFrom('cases')
    .select('number')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const blobs = t.services.blobs;
  const personalDoc = (
    await addTextDocument(database, blobs, caseId, {
      title: `Ansøgning fra Jens Hansen, cpr ${CPR}`,
      text: 'Ansøgning.',
      sender: `Jens Hansen (${CPR.replace('-', '')})`,
      journalisedAt: '2026-11-24T09:30:00.000Z',
    })
  ).id;
  const listedDoc = (
    await addTextDocument(database, blobs, caseId, {
      title: 'Svar til Jens Hansen',
      text: 'Svar.',
      direction: 'outgoing',
      recipient: 'Jens Hansen',
      journalisedAt: '2026-11-29T22:30:00.000Z', // Sunday 23:30 in Copenhagen: still week 48
    })
  ).id;
  const thisWeekDoc = (
    await addTextDocument(database, blobs, caseId, {
      title: 'Partshøring af naboen',
      text: 'Høring.',
      direction: 'outgoing',
      journalisedAt: '2026-11-30T08:00:00.000Z',
    })
  ).id;
  const secretDoc = (
    await addTextDocument(database, blobs, secret, {
      title: 'Fortroligt notat',
      text: 'Fortroligt.',
      journalisedAt: '2026-11-25T08:00:00.000Z',
    })
  ).id;
  const internalDoc = (
    await addTextDocument(database, blobs, caseId, {
      title: 'Internt notat',
      text: 'Internt.',
      direction: 'internal',
      journalisedAt: '2026-11-25T08:00:00.000Z',
    })
  ).id;
  const mark = (id: number, title: string) =>
    database.db.updateTable('documents').set({ on_postlist: 1, postlist_title: title }).where('id', '=', id).execute();
  await mark(listedDoc, 'Svar på ansøgning om byggetilladelse');
  await mark(thisWeekDoc, 'Partshøring om carport');
  await mark(secretDoc, 'Notat i fortrolig sag');
  return { caseId, caseNumber: number, personalDoc, listedDoc, thisWeekDoc, secretDoc, internalDoc };
}
