import type { Database } from '../src/db/index.ts';
import type { BlobStore } from '../src/files/blobs.ts';
import type { Role } from '../src/policy/index.ts';
import {
  decide,
  emptyRequestInput,
  extendDeadline,
  listLegalBases,
  loadItem,
  receiveFormRequest,
  registerRequest,
} from '../src/modules/access-requests/index.ts';
import { localPersonRegister } from '../src/modules/registers/index.ts';

/**
 * The demo's access requests, relative to today so the demo always shows every state: one
 * overdue, one extended with a fristbrev, one open with some decisions, one new from the public
 * form. (The answered one, with a redacted document, is seeded by the answer package's seed.)
 */
export async function seedAccessRequests(
  database: Database,
  blobs: BlobStore,
  caseworker: { id: string; name: string; orgUnitId: number | null },
): Promise<number> {
  const actor = { ...caseworker, displayName: caseworker.name, roles: ['caseworker' as Role, 'employee' as Role] };
  const cases = await database.db
    .selectFrom('cases')
    .select(['cases.id', 'cases.number'])
    .where('cases.caseworker_id', '=', caseworker.id)
    .where('cases.status', '=', 'open')
    .where('cases.confidential', '=', 0)
    .where('cases.type', '!=', 'access_request')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('documents')
          .select('documents.id')
          .whereRef('documents.case_id', '=', 'cases.id')
          .where('documents.journalised_at', 'is not', null),
      ),
    )
    .orderBy('cases.id')
    .limit(4)
    .execute();
  if (cases.length < 3) return 0;
  const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString();
  const register = async (over: Parameters<typeof emptyRequestInput>[0]) => {
    const r = await registerRequest(database, emptyRequestInput(over), actor);
    if (!r.ok) throw new Error(`seed access request refused: ${JSON.stringify(r.errors)}`);
    return r;
  };

  // Overdue: received three weeks ago, never answered.
  await register({
    kind: 'journalist',
    name: 'Mads Kronborg, Dagbladet Nord',
    email: 'mads.kronborg@dagbladet-nord.example',
    channel: 'email',
    receivedAt: daysAgo(21),
    asksFor: 'Alle dokumenter om byggetilladelsen, herunder korrespondance med ansøger.',
    caseNumbers: cases[0]!.number,
  });

  // Extended: a fristbrev moved the deadline two weeks on.
  const extended = await register({
    kind: 'citizen',
    name: 'Else Mørk',
    address: 'Skovvej 14\n9990 Skagen',
    channel: 'letter',
    receivedAt: daysAgo(6),
    asksFor: 'Sagens dokumenter om nabohøringen.',
    caseNumbers: cases[1]!.number,
  });
  const row = await database.db
    .selectFrom('access_requests')
    .selectAll()
    .where('id', '=', extended.id)
    .executeTakeFirstOrThrow();
  const akt = await database.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', extended.caseId)
    .executeTakeFirstOrThrow();
  const newDate = new Date(Date.parse(`${row.deadline}T12:00:00Z`) + 14 * 86400_000).toISOString().slice(0, 10);
  const x = await extendDeadline(
    database,
    blobs,
    row,
    akt,
    {
      reason:
        'Anmodningen omfatter dokumenter med oplysninger om andre personer, som skal gennemgås, før vi kan træffe afgørelse.',
      newDate,
    },
    actor,
    // The requester gave an address only: the fristbrev is journalised to be posted, no register is asked.
    { register: localPersonRegister(database) },
  );
  if (!x.ok) throw new Error(`seed fristbrev refused: ${JSON.stringify(x.errors)}`);

  // Open, partly decided.
  const open = await register({
    kind: 'party',
    name: 'Henrik Bach',
    email: 'henrik.bach@example.dk',
    channel: 'digital_post',
    receivedAt: daysAgo(1),
    asksFor: 'Partsaktindsigt i min sag.',
    caseNumbers: cases
      .slice(2)
      .map((c) => c.number)
      .join(', '),
  });
  const openRow = await database.db
    .selectFrom('access_requests')
    .selectAll()
    .where('id', '=', open.id)
    .executeTakeFirstOrThrow();
  const items = await database.db
    .selectFrom('access_request_documents')
    .select('id')
    .where('request_id', '=', open.id)
    .orderBy('id')
    .limit(2)
    .execute();
  const internal = (await listLegalBases(database, { activeOnly: true })).find(
    (b) => b.law === 'fvl' && b.section === '§ 12',
  );
  for (const [i, it] of items.entries()) {
    const item = await loadItem(database, actor, open.id, String(it.id));
    if (!item) continue;
    const partial = i === 1 && internal;
    await decide(
      database,
      openRow,
      item,
      {
        decision: partial ? 'partial' : 'full',
        basisIds: partial ? [String(internal.id)] : [],
        reason: partial ? 'Dokumentet indeholder interne overvejelser, som ikke udleveres.' : '',
        extraction: partial ? 'Sagsbehandleren har besigtiget ejendommen.' : '',
        meroffentlighed: false,
        meroffentlighedNote: '',
      },
      actor,
    );
  }

  // New, from the public form: waits to be registered.
  await receiveFormRequest(database, {
    kind: 'citizen',
    name: 'Yasmin Ahmadi',
    email: 'yasmin.ahmadi@example.dk',
    asksFor: 'Dokumenterne på postlisten om skolevejen ved Nordskolen.',
    at: new Date(Date.now() - 3 * 3600_000),
  });
  return 4;
}
