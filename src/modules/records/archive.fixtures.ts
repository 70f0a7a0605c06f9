import type { TestApp } from '../../../test/helpers/app.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import type { AuditActor } from '../../audit/service.ts';
import type { Role } from '../../policy/index.ts';
import { addNote, addParty, createCase, emptyCaseInput } from '../cases/index.ts';
import { makePdf } from '../documents/documents.fixtures.ts';
import { getDocument, journalise, uploadDocuments } from '../documents/index.ts';

/**
 * Cases for the archive job's and disposal's tests: created through the cases and documents
 * services (so every row a real case has is there), then given an explicit closing date (and
 * archived, for disposal) so that no test depends on the day it runs.
 */

export type RecordsActor = AuditActor & { roles: readonly Role[]; orgUnitId: number | null };

export async function recordsFixture(t: TestApp): Promise<{ caseworker: RecordsActor; manager: RecordsActor }> {
  await insertTestKle(t.db.database);
  const user = async (username: string, roles: Role[]): Promise<RecordsActor> => {
    const u = await t.db.database.db
      .selectFrom('users')
      .select(['id', 'display_name', 'org_unit_id'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return { id: u.id, name: u.display_name, roles, orgUnitId: u.org_unit_id };
  };
  return {
    caseworker: await user('sagsbehandler', ['caseworker']),
    manager: await user('journal', ['records_manager']),
  };
}

export interface FixtureCase {
  id: number;
  number: string;
  title: string;
}

/**
 * A case under `kle` (02.00.00: dispose after 5 years; 02.34.02: preserve; 27.00.00: review),
 * with a party (name and CPR), a note and, for each entry of `pdfs`, a journalised document.
 * `closedAt` closes it at that instant; `archived` archives it too.
 */
export async function makeCase(
  t: TestApp,
  actor: RecordsActor,
  opts: {
    title: string;
    kle?: string;
    facet?: string;
    pdfs?: Buffer[];
    party?: { name: string; cpr: string };
    note?: string;
    closedAt?: string;
    archived?: boolean;
  },
): Promise<FixtureCase> {
  const db = t.db.database;
  const made = await createCase(
    db,
    emptyCaseInput({
      title: opts.title,
      kleNumber: opts.kle ?? '02.00.00',
      facetCode: opts.facet ?? 'G01',
      unitId: String(actor.orgUnitId),
    }),
    actor,
  );
  if (!made.ok) throw new Error(`case: ${JSON.stringify(made.errors)}`);
  const row = () => db.db.selectFrom('cases').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
  if (opts.party) {
    const p = await addParty(
      db,
      await row(),
      {
        kind: 'person',
        role: 'party',
        name: opts.party.name,
        cpr: opts.party.cpr,
        cvr: '',
        address: '',
        email: '',
        phone: '',
      },
      actor,
    );
    if (!p.ok) throw new Error(`party: ${JSON.stringify(p.errors)}`);
  }
  if (opts.note) {
    const n = await addNote(db, await row(), opts.note, actor);
    if (!n.ok) throw new Error(`note: ${n.error}`);
  }
  for (const [i, pdf] of (opts.pdfs ?? []).entries()) {
    const up = await uploadDocuments(
      db,
      t.services.blobs,
      await row(),
      [{ name: `bilag-${i + 1}.pdf`, type: 'application/pdf', bytes: pdf }],
      { title: `Bilag ${i + 1}`, direction: 'incoming', documentDate: '2024-03-01', sender: 'Borger', recipient: '' },
      actor,
    );
    if (!up.ok) throw new Error('upload');
    const j = await journalise(db, await row(), (await getDocument(db, made.id, up.ids[0]!))!, actor);
    if (!j.ok) throw new Error(`journalise: ${j.error}`);
  }
  if (opts.closedAt)
    await db.db
      .updateTable('cases')
      .set({
        status: opts.archived ? 'archived' : 'closed',
        closed_at: opts.closedAt,
        archived_at: opts.archived ? opts.closedAt : null,
      })
      .where('id', '=', made.id)
      .execute();
  return { id: made.id, number: made.number, title: opts.title };
}

export const pdfOf = (text: string) => makePdf([text]);
