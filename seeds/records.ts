import { appendAudit } from '../src/audit/service.ts';
import type { Database } from '../src/db/index.ts';
import { writeTransaction } from '../src/db/index.ts';
import type { BlobStore } from '../src/files/blobs.ts';
import { copenhagenDate } from '../src/i18n/index.ts';
import { createCase, emptyCaseInput, reindexCase } from '../src/modules/cases/index.ts';
import {
  deletionDueOn,
  periodOf,
  recordsSettings,
  retentionRuleFor,
  setLocalRule,
} from '../src/modules/records/index.ts';
import type { Role } from '../src/policy/index.ts';
import { addDocument } from './cases.ts';
import { makePdf } from './files.ts';

/**
 * The records lifecycle in the demo (docs/records.md), relative to the day the demo is loaded:
 *
 * - Rules on every demo KLE subject: KL's codes from the plan (seeds/kle.ts), and the municipality's
 *   own rule on 02.00.01 Hegnssyn, which KL's description gives none (set by the records manager,
 *   with a reason, as on Administration → Opbevaring og kassation). The demo's action facets carry no
 *   KL code (KL's facet file could not be consulted), so the subject's rule decides alone.
 * - Closed cases get their deletion date (closing date + the subject's deletion period).
 * - Cases closed long enough to be archived by tonight's run (closed just over the grace period
 *   ago), beside the demo's older closed cases, which are due too.
 * - An archival period ready to export: the last period that has ended (2021–2025 with the
 *   default five-year periods) holds archived, preserved cases with journalised, final documents.
 * - Expired cases waiting for a disposal run: archived cases under a K rule (dispose after five
 *   years) closed six years ago.
 */

type Worker = { id: string; name: string; unitId: number };

const DAY = 86_400_000;

interface Planned {
  kle: string;
  facet: string;
  title: string;
  party: string;
  letters: string[][];
}

const PERIOD_CASES: Planned[] = [
  {
    kle: '02.34.02',
    facet: 'G01',
    title: 'Byggetilladelse til carport, Skovbrynet 14',
    party: 'Jonas Kragh',
    letters: [
      [
        'Ansøgning om byggetilladelse',
        'Jeg søger om tilladelse til at opføre en carport på 32 m².',
        'Tegninger er vedlagt.',
      ],
      [
        'Byggetilladelse',
        'Skovlund Kommune giver tilladelse til at opføre carporten som ansøgt.',
        'Klagevejledning følger.',
      ],
    ],
  },
  {
    kle: '01.02.05',
    facet: 'G01',
    title: 'Lokalplan 1.14 for boligområdet ved Møllebakken',
    party: 'Grundejerforeningen Møllebakken',
    letters: [
      ['Høringssvar til forslag til lokalplan 1.14', 'Foreningen ønsker stien langs åen bevaret.'],
      [
        'Vedtagelse af lokalplan 1.14',
        'Byrådet har vedtaget lokalplanen endeligt.',
        'Planen er offentliggjort på Plandata.dk.',
      ],
    ],
  },
  {
    kle: '00.22.04',
    facet: 'G01',
    title: 'Kommissorium for Ældrerådets valgudvalg',
    party: 'Ældrerådet',
    letters: [
      [
        'Kommissorium',
        'Udvalget tilrettelægger valget til Ældrerådet.',
        'Udvalget refererer til Social- og Sundhedsudvalget.',
      ],
    ],
  },
  {
    kle: '00.30.14',
    facet: 'G01',
    title: 'Budgetopfølgning, 2. kvartal',
    party: 'Økonomiudvalget',
    letters: [
      [
        'Budgetopfølgning pr. 30. juni',
        'Forventet regnskab svarer til det korrigerede budget.',
        'Der er mindreforbrug på anlæg.',
      ],
    ],
  },
  {
    kle: '28.06.12',
    facet: 'G01',
    title: 'Støtte til barn i dagtilbud, Bakkegården',
    party: 'Sofie Lund',
    letters: [
      ['Indstilling om støtte', 'Dagtilbuddet indstiller til ekstra støtte 10 timer om ugen.'],
      ['Afgørelse om støtte', 'Kommunen bevilger støtten for et år ad gangen.', 'Afgørelsen kan påklages.'],
    ],
  },
];

const EXPIRED_CASES: Planned[] = [
  {
    kle: '27.60.08',
    facet: 'G01',
    title: 'Ansøgning om el-kørestol',
    party: 'Poul Mikkelsen',
    letters: [
      ['Ansøgning om el-kørestol', 'Jeg søger om en el-kørestol.'],
      ['Bevilling af el-kørestol', 'Kommunen bevilger en el-kørestol.'],
    ],
  },
  {
    kle: '17.04.04',
    facet: 'G01',
    title: 'Lejrskole for 6. klasse, Skovlund Skole',
    party: 'Skovlund Skole',
    letters: [['Ansøgning om tilskud til lejrskole', 'Klassen søger tilskud til tre dage på Bornholm.']],
  },
  {
    kle: '83.15.04',
    facet: 'G01',
    title: 'Aftale med konsulent om ledelsesudvikling',
    party: 'Udviklingshuset ApS',
    letters: [['Kontrakt om konsulentbistand', 'Aftalen omfatter fire workshops for ledere.']],
  },
  {
    kle: '00.05.07',
    facet: 'G01',
    title: 'Indstilling til kulturprisen',
    party: 'Foreningen Skovlund Spillemænd',
    letters: [['Indstilling til kulturprisen', 'Vi indstiller foreningen for dens arbejde med folkemusik.']],
  },
];

const RECENT_CASES: Planned[] = [
  {
    kle: '81.38.08',
    facet: 'G01',
    title: 'Valg af tillidsrepræsentant, Materielgården',
    party: 'Materielgården',
    letters: [['Meddelelse om valg af tillidsrepræsentant', 'Valget er gennemført og anerkendt.']],
  },
  {
    kle: '29.12.08',
    facet: 'G01',
    title: 'Sundhedspleje, hjemmebesøg efter fødsel',
    party: 'Anne Holm',
    letters: [['Journalnotat om hjemmebesøg', 'Besøget er gennemført; næste besøg om fire uger.']],
  },
  {
    kle: '02.00.01',
    facet: 'G01',
    title: 'Hegnssyn, Bøgevej 3 og 5',
    party: 'Hegnsynet',
    letters: [['Kendelse i hegnssyn', 'Hegnet skal ligge i skellet og må højst være 1,8 m højt.']],
  },
];

async function plannedCase(
  database: Database,
  blobs: BlobStore,
  worker: Worker,
  p: Planned,
  created: Date,
  closed: Date,
  archived: Date | null,
): Promise<void> {
  const actor = { id: worker.id, name: worker.name, roles: ['caseworker' as Role], orgUnitId: worker.unitId };
  const made = await createCase(
    database,
    emptyCaseInput({
      type: 'subject',
      title: p.title,
      kleNumber: p.kle,
      facetCode: p.facet,
      unitId: String(worker.unitId),
      partyName: p.party,
    }),
    actor,
    { at: created },
  );
  if (!made.ok) throw new Error(`records seed case "${p.title}" refused: ${JSON.stringify(made.errors)}`);
  const c = { id: made.id, number: made.number };
  const span = closed.getTime() - created.getTime();
  const rule = await retentionRuleFor(database, p.kle, p.facet);
  await writeTransaction(database, async (tx) => {
    for (const [i, lines] of p.letters.entries()) {
      const at = new Date(created.getTime() + ((i + 1) * span) / (p.letters.length + 1));
      await addDocument(tx, blobs, c, {
        title: lines[0]!,
        kind: 'file',
        direction: i === 0 && p.letters.length > 1 ? 'incoming' : 'outgoing',
        date: at,
        sender: i === 0 && p.letters.length > 1 ? p.party : 'Skovlund Kommune',
        recipient: i === 0 && p.letters.length > 1 ? 'Skovlund Kommune' : p.party,
        filename: `${lines[0]!}.pdf`,
        mime: 'application/pdf',
        content: await makePdf(lines),
        text: lines.join('\n'),
        journalise: true,
        finalise: true,
        by: worker.id,
      });
    }
    await tx.db
      .updateTable('cases')
      .set({
        status: archived ? 'archived' : 'closed',
        closed_at: closed.toISOString(),
        archived_at: archived?.toISOString() ?? null,
        deletion_due_on: deletionDueOn(copenhagenDate(closed), rule.deletionPeriod),
        updated_at: (archived ?? closed).toISOString(),
      })
      .where('id', '=', c.id)
      .execute();
    await reindexCase(tx, c.id);
  });
}

export async function seedRecords(
  database: Database,
  blobs: BlobStore,
  people: { recordsManager: { id: string; name: string }; worker: Worker },
  now = new Date(),
): Promise<{ periodCases: number; expiredCases: number; dueTonight: number }> {
  const manager = { id: people.recordsManager.id, name: people.recordsManager.name };
  const local = await setLocalRule(
    database,
    { kind: 'subject', number: '02.00.01' },
    {
      retention: 'dispose',
      years: '5',
      reason:
        'KL angiver ingen bevaringskode for hegnssyn; kommunen kasserer efter fem år som for andre sager om naboforhold, aftalt med stadsarkivet.',
    },
    manager,
  );
  if (!local.ok) throw new Error(`records seed: local rule refused: ${JSON.stringify(local)}`);

  // The deletion date of the demo's closed cases (closing date + the subject's deletion period).
  const closedCases = await database.db
    .selectFrom('cases')
    .select(['id', 'kle_number', 'facet_code', 'closed_at'])
    .where('closed_at', 'is not', null)
    .execute();
  await writeTransaction(database, async (tx) => {
    for (const c of closedCases) {
      const rule = await retentionRuleFor(tx, c.kle_number, c.facet_code);
      await tx.db
        .updateTable('cases')
        .set({ deletion_due_on: deletionDueOn(copenhagenDate(new Date(c.closed_at!)), rule.deletionPeriod) })
        .where('id', '=', c.id)
        .execute();
    }
  });

  const settings = await recordsSettings(database);
  const current = periodOf(copenhagenDate(now), settings);
  const lastEndedYear = Number(current.start.slice(0, 4)) - 1;
  // Spread over the last ended period's years, in its second half of each year.
  for (const [i, p] of PERIOD_CASES.entries()) {
    const year = lastEndedYear - (i % settings.periodYears);
    const closed = new Date(Date.UTC(year, 5 + (i % 5), 10 + i, 9, 30));
    const created = new Date(closed.getTime() - (60 + i * 17) * DAY);
    await plannedCase(
      database,
      blobs,
      people.worker,
      p,
      created,
      closed,
      new Date(closed.getTime() + (settings.archiveGraceDays + 1) * DAY),
    );
  }
  for (const [i, p] of EXPIRED_CASES.entries()) {
    const closed = new Date(now.getTime() - (6 * 365 + 30 * i) * DAY);
    const created = new Date(closed.getTime() - (45 + i * 11) * DAY);
    await plannedCase(
      database,
      blobs,
      people.worker,
      p,
      created,
      closed,
      new Date(closed.getTime() + (settings.archiveGraceDays + 1) * DAY),
    );
  }
  for (const [i, p] of RECENT_CASES.entries()) {
    // Closed a little longer than the grace period: tonight's run takes them.
    const closed = new Date(now.getTime() - (settings.archiveGraceDays + 1 + i) * DAY);
    const created = new Date(closed.getTime() - (30 + i * 7) * DAY);
    await plannedCase(database, blobs, people.worker, p, created, closed, null);
  }
  await writeTransaction(database, (tx) =>
    appendAudit(tx, {
      actor: null,
      action: 'seed.records',
      summary: 'Loaded the demo records: a period to export, expired cases, cases due for archiving',
      details: { period: PERIOD_CASES.length, expired: EXPIRED_CASES.length, due: RECENT_CASES.length },
    }),
  );
  return { periodCases: PERIOD_CASES.length, expiredCases: EXPIRED_CASES.length, dueTonight: RECENT_CASES.length };
}
