import type { Database } from '../src/db/index.ts';
import { nowIso } from '../src/db/index.ts';
import type { CommitteeKind, MembershipRole } from '../src/db/schema/meetings.ts';
import { copenhagenDate } from '../src/i18n/index.ts';
import { addDays, isWorkingDay } from '../src/calendar/workdays.ts';
import { copenhagenInstant } from '../src/modules/meetings/index.ts';
import { publishVersion } from '../src/modules/publication/index.ts';

/**
 * The political process of the demo municipality: the legislative term 2026–2029, Kommunal-
 * bestyrelsen (25 members, real Danish party letters), Økonomiudvalget, four standing
 * committees, one task committee (Styrelsesloven §17 stk. 4) with two citizen members, meeting
 * places, and a year of meetings around today: past meetings held, with decisions, attendance,
 * a minority statement now and then, published and approved minutes; upcoming meetings in the
 * next weeks with published agendas (one with an addendum), later ones still planned; the most
 * recent meeting of Teknik og Miljø held but not yet minuted. Items are built from the demo
 * cases (their papers link the real cases; attachments are the cases' journalised documents);
 * personal cases are closed items; one matter travels from Teknik og Miljø through
 * Økonomiudvalget to Kommunalbestyrelsen. Deterministic for a given day.
 */

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

const COUNCIL: Array<[string, string]> = [
  // [name, party] — the mayor and `politiker` are added from their accounts.
  ['Lone Damgaard', 'A'],
  ['Per Abildgaard', 'A'],
  ['Trine Hvidberg', 'A'],
  ['Mads Kolding', 'A'],
  ['Birgitte Rosendahl', 'A'],
  ['Kim Søgaard', 'A'],
  ['Helle Mortensen', 'V'],
  ['Niels Hjorth', 'V'],
  ['Camilla Brandt', 'V'],
  ['Anders Vestergaard', 'V'],
  ['Jette Bach', 'C'],
  ['Ole Stensgaard', 'C'],
  ['Marianne Lund', 'C'],
  ['Søren Kvist', 'F'],
  ['Ida Frost', 'F'],
  ['Rikke Holm', 'F'],
  ['Jakob Thygesen', 'Ø'],
  ['Sara Nygaard', 'Ø'],
  ['Torben Krogh', 'O'],
  ['Christian Ravn', 'I'],
  ['Maja Skovgaard', 'B'],
  ['Bent Lauridsen', 'Æ'],
  ['Louise Winther', 'M'],
];

const CITIZENS = ['Birthe Mølgaard', 'Rasmus Kjær'];

interface CommitteeSpec {
  key: string;
  name: string;
  short: string;
  kind: CommitteeKind;
  mandate: string | null;
  term?: [string, string];
  /** Nth weekday of the month: [week (1–4, or -1 for the last), weekday (1 = Monday)]. */
  day: [number, number];
  time: string;
  months: 'monthly' | 'bimonthly';
  /** The units whose cases come before this committee. */
  units: string[];
  location: number;
}

const COMMITTEES: CommitteeSpec[] = [
  {
    key: 'kb',
    name: 'Kommunalbestyrelsen',
    short: 'KB',
    kind: 'council',
    mandate:
      'Kommunalbestyrelsen træffer beslutning i alle sager, der ikke er henlagt til et udvalg, og vedtager budgettet.',
    day: [-1, 4],
    time: '19:00',
    months: 'monthly',
    units: ['sekretariat', 'plan', 'okonomi', 'kultur', 'skole'],
    location: 0,
  },
  {
    key: 'ou',
    name: 'Økonomiudvalget',
    short: 'ØU',
    kind: 'finance',
    mandate:
      'Økonomiudvalget varetager den umiddelbare forvaltning af kommunens økonomi og forbereder budgettet (Styrelsesloven §18).',
    day: [3, 2],
    time: '15:00',
    months: 'monthly',
    units: ['okonomi', 'digi'],
    location: 1,
  },
  {
    key: 'tm',
    name: 'Udvalget for Teknik og Miljø',
    short: 'TMU',
    kind: 'standing',
    mandate: 'Byggeri, planlægning, natur, miljø, veje og kollektiv trafik.',
    day: [1, 2],
    time: '16:00',
    months: 'monthly',
    units: ['byggeri', 'plan', 'vej'],
    location: 1,
  },
  {
    key: 'bu',
    name: 'Børne- og Ungeudvalget',
    short: 'BUU',
    kind: 'standing',
    mandate: 'Dagtilbud, skoler, familierådgivning og PPR.',
    day: [1, 3],
    time: '16:00',
    months: 'monthly',
    units: ['skole', 'dagtilbud'],
    location: 2,
  },
  {
    key: 'ss',
    name: 'Social- og Sundhedsudvalget',
    short: 'SSU',
    kind: 'standing',
    mandate: 'Ældre, handicap, socialpsykiatri og sundhed.',
    day: [2, 2],
    time: '16:00',
    months: 'monthly',
    units: ['myndighed'],
    location: 2,
  },
  {
    key: 'kf',
    name: 'Kultur- og Fritidsudvalget',
    short: 'KFU',
    kind: 'standing',
    mandate: 'Kultur, idræt, foreningsliv, biblioteker og borgerhuse.',
    day: [2, 3],
    time: '16:30',
    months: 'monthly',
    units: ['kultur'],
    location: 1,
  },
  {
    key: 'klima',
    name: 'Opgaveudvalget for klimatilpasning',
    short: 'OKT',
    kind: 'task',
    mandate:
      'Opgaveudvalg efter Styrelseslovens §17, stk. 4. Udvalget udarbejder i dialog med borgere, grundejerforeninger og foreninger et forslag til kommunens plan for klimatilpasning langs Skovlund Å og kysten. Udvalget afgiver sin anbefaling til Økonomiudvalget og Kommunalbestyrelsen senest juni 2027. Udvalget har ingen selvstændig beslutningskompetence.',
    term: ['2026-03-01', '2027-06-30'],
    day: [1, 1],
    time: '17:00',
    months: 'bimonthly',
    units: ['plan'],
    location: 2,
  },
];

const LOCATIONS = [
  {
    description: 'Rådhuset',
    room: 'Byrådssalen',
    street_address: 'Torvet 1',
    postal_code: '4000',
    locality: 'Skovlund',
  },
  {
    description: 'Rådhuset',
    room: 'Udvalgsværelse 1',
    street_address: 'Torvet 1',
    postal_code: '4000',
    locality: 'Skovlund',
  },
  {
    description: 'Rådhuset',
    room: 'Udvalgsværelse 2',
    street_address: 'Torvet 1',
    postal_code: '4000',
    locality: 'Skovlund',
  },
];

/** The date of the nth weekday of a month (week -1: the last). */
function nthWeekday(year: number, month: number, week: number, weekday: number): string {
  if (week > 0) {
    const first = new Date(Date.UTC(year, month, 1, 12));
    const shift = (weekday - (first.getUTCDay() || 7) + 7) % 7;
    return new Date(Date.UTC(year, month, 1 + shift + (week - 1) * 7, 12)).toISOString().slice(0, 10);
  }
  const last = new Date(Date.UTC(year, month + 1, 0, 12));
  const shift = ((last.getUTCDay() || 7) - weekday + 7) % 7;
  return new Date(Date.UTC(year, month + 1, -shift, 12)).toISOString().slice(0, 10);
}

const PRESENTATIONS = [
  'Forvaltningen har modtaget sagen og foretaget en samlet vurdering af forholdene, herunder de bemærkninger, der er kommet ind under høringen.',
  'Sagen forelægges udvalget, fordi den har principiel betydning for kommunens praksis på området og ikke kan afgøres administrativt.',
  'Der har været afholdt møde med parterne, og forvaltningen har indhentet supplerende oplysninger, som fremgår af bilagene.',
  'Lovgivningen giver kommunen et skøn. Forvaltningen har lagt vægt på hensynet til naboerne, til sammenhængen med kommuneplanen og til tidligere afgørelser i lignende sager.',
];
const DECISIONS = [
  'Indstillingen blev godkendt.',
  'Indstillingen blev godkendt med den ændring, at sagen genoptages efter et år.',
  'Udvalget anbefaler indstillingen over for Kommunalbestyrelsen.',
  'Sagen blev udsat til næste møde.',
  'Taget til efterretning.',
];

export interface MeetingSeedContext {
  random: Rand;
  users: Array<{ id: string; username: string; display_name: string; title: string | null }>;
  /** The secretariat user who publishes. */
  secretariat: { id: string; name: string };
  now?: Date;
}

export async function seedMeetings(
  tx: Database,
  ctx: MeetingSeedContext,
): Promise<{ committees: number; meetings: number; items: number }> {
  const r = ctx.random;
  const db = tx.db;
  const at = nowIso();
  const now = ctx.now ?? new Date();
  const today = copenhagenDate(now);
  const actor = ctx.secretariat;

  await db
    .insertInto('legislative_terms')
    .values({
      name: 'Valgperioden 2026–2029',
      starts_on: '2026-01-01',
      ends_on: '2029-12-31',
      created_at: at,
      updated_at: at,
      deleted_at: null,
    })
    .execute();
  const locationIds: number[] = [];
  for (const l of LOCATIONS)
    locationIds.push(
      (
        await db
          .insertInto('meeting_locations')
          .values({ ...l, created_at: at, updated_at: at, deleted_at: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );

  // --- People -------------------------------------------------------------------------------
  const mayorUser = ctx.users.find((u) => u.title === 'Borgmester');
  const politiker = ctx.users.find((u) => u.username === 'politiker');
  const people: Array<{ id: number; name: string; party: string | null }> = [];
  const addPerson = async (name: string, party: string | null, userId: string | null) => {
    const parts = name.split(' ');
    const email = party
      ? `${name
          .toLowerCase()
          .replace(/æ/g, 'ae')
          .replace(/ø/g, 'oe')
          .replace(/å/g, 'aa')
          .replace(/[^a-z]+/g, '.')}@byraad.skovlund.dk`
      : null;
    const { id } = await db
      .insertInto('council_persons')
      .values({
        user_id: userId,
        name,
        given_name: parts.slice(0, -1).join(' '),
        family_name: parts.at(-1)!,
        party,
        email,
        phone: null,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const p = { id, name, party };
    people.push(p);
    return p;
  };
  const mayor = await addPerson(mayorUser?.display_name ?? 'Hans Ravnsborg', 'A', mayorUser?.id ?? null);
  const jorgen = await addPerson(politiker?.display_name ?? 'Jørgen Ellehammer', 'V', politiker?.id ?? null);
  for (const [name, party] of COUNCIL) await addPerson(name, party, null);
  const council = [...people];
  const citizens = [];
  for (const name of CITIZENS) citizens.push(await addPerson(name, null, null));
  const byName = (n: string) => people.find((p) => p.name === n)!;

  // --- Committees and memberships ----------------------------------------------------------
  const committeeIds = new Map<string, number>();
  const members = new Map<string, Array<{ id: number; name: string; party: string | null; role: MembershipRole }>>();
  const membership = async (
    committee: string,
    personId: number,
    role: MembershipRole,
    starts: string,
    ends: string | null = null,
  ) =>
    db
      .insertInto('committee_memberships')
      .values({
        committee_id: committeeIds.get(committee)!,
        person_id: personId,
        role,
        starts_on: starts,
        ends_on: ends,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      })
      .execute();
  const roster: Record<string, Array<[string, MembershipRole]>> = {
    ou: [
      [mayor.name, 'chair'],
      ['Helle Mortensen', 'vice_chair'],
      ['Per Abildgaard', 'member'],
      ['Jette Bach', 'member'],
      ['Søren Kvist', 'member'],
      ['Niels Hjorth', 'member'],
      ['Jakob Thygesen', 'member'],
      ['Lone Damgaard', 'substitute'],
    ],
    tm: [
      ['Mads Kolding', 'chair'],
      [jorgen.name, 'vice_chair'],
      ['Ole Stensgaard', 'member'],
      ['Ida Frost', 'member'],
      ['Torben Krogh', 'member'],
      ['Kim Søgaard', 'member'],
      ['Maja Skovgaard', 'member'],
      ['Camilla Brandt', 'substitute'],
    ],
    bu: [
      ['Trine Hvidberg', 'chair'],
      ['Camilla Brandt', 'vice_chair'],
      ['Rikke Holm', 'member'],
      ['Marianne Lund', 'member'],
      ['Sara Nygaard', 'member'],
      ['Per Abildgaard', 'member'],
      ['Louise Winther', 'member'],
      ['Kim Søgaard', 'substitute'],
    ],
    ss: [
      ['Birgitte Rosendahl', 'chair'],
      ['Anders Vestergaard', 'vice_chair'],
      ['Søren Kvist', 'member'],
      ['Bent Lauridsen', 'member'],
      ['Lone Damgaard', 'member'],
      ['Christian Ravn', 'member'],
      ['Helle Mortensen', 'member'],
      ['Rikke Holm', 'substitute'],
    ],
    kf: [
      ['Lone Damgaard', 'chair'],
      ['Jette Bach', 'vice_chair'],
      ['Niels Hjorth', 'member'],
      ['Sara Nygaard', 'member'],
      ['Kim Søgaard', 'member'],
      ['Louise Winther', 'member'],
      ['Christian Ravn', 'member'],
      ['Ida Frost', 'substitute'],
    ],
    klima: [
      ['Ida Frost', 'chair'],
      ['Ole Stensgaard', 'vice_chair'],
      ['Mads Kolding', 'member'],
      [CITIZENS[0]!, 'member'],
      [CITIZENS[1]!, 'member'],
    ],
  };
  for (const [position, spec] of COMMITTEES.entries()) {
    const { id } = await db
      .insertInto('committees')
      .values({
        name: spec.name,
        short_name: spec.short,
        kind: spec.kind,
        mandate: spec.mandate,
        term_start: spec.term?.[0] ?? null,
        term_end: spec.term?.[1] ?? null,
        position,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    committeeIds.set(spec.key, id);
    const list: Array<{ id: number; name: string; party: string | null; role: MembershipRole }> = [];
    if (spec.key === 'kb') {
      for (const p of council)
        list.push({ ...p, role: p === mayor ? 'chair' : p.name === 'Helle Mortensen' ? 'vice_chair' : 'member' });
    } else {
      for (const [name, role] of roster[spec.key]!) list.push({ ...byName(name), role });
    }
    for (const m of list) await membership(spec.key, m.id, m.role, spec.term?.[0] ?? '2026-01-01');
    members.set(spec.key, list);
  }
  // A member who left Børne- og Ungeudvalget in the spring (shows under former members).
  await membership('bu', byName('Bent Lauridsen').id, 'member', '2026-01-01', '2026-04-30');

  // --- Cases for the agendas ---------------------------------------------------------------
  const cases = await db
    .selectFrom('cases')
    .innerJoin('org_units', 'org_units.id', 'cases.unit_id')
    .select(['cases.id', 'cases.number', 'cases.title', 'cases.type', 'cases.confidential', 'org_units.short_name'])
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
    .execute();
  const units = await db.selectFrom('org_units').select(['id', 'short_name']).execute();
  const unitShort: Record<string, string> = {
    sekretariat: 'BDS',
    okonomi: 'ØKA',
    digi: 'DIT',
    byggeri: 'BYG',
    plan: 'PLU',
    vej: 'VEP',
    skole: 'SKU',
    dagtilbud: 'DAG',
    myndighed: 'MYÆ',
    kultur: 'KUF',
  };
  void units;
  const used = new Set<number>();
  const takeCase = (spec: CommitteeSpec) => {
    const shorts = spec.units.map((u) => unitShort[u]);
    const pool = cases.filter(
      (c) => shorts.includes(c.short_name ?? undefined) && !used.has(c.id) && !(c.confidential && c.type !== 'citizen'),
    );
    if (!pool.length) return null;
    const c = pick(r, pool);
    used.add(c.id);
    return c;
  };
  const docsOf = async (caseId: number) =>
    db
      .selectFrom('documents')
      .select(['id', 'title'])
      .where('case_id', '=', caseId)
      .where('journalised_at', 'is not', null)
      .orderBy('number')
      .limit(3)
      .execute();

  // --- Meetings ----------------------------------------------------------------------------
  const [year, month] = today.split('-').map(Number) as [number, number];
  let meetingCount = 0;
  let itemCount = 0;
  const soon = addDays(today, 42);
  const meetingsByCommittee = new Map<string, Array<{ id: number; startsAt: string; date: string }>>();
  let addendumDone = false;

  const insertItem = async (
    meetingId: number,
    number: number,
    c: { id: number; number: string; title: string; type: string } | null,
    o: {
      title?: string;
      closed?: boolean;
      paperId?: number | null;
      decision?: string | null;
      decidedAt?: string | null;
      presentation?: string;
      recommendation?: string;
    } = {},
  ) => {
    let paperId = o.paperId ?? null;
    const title = o.title ?? c?.title ?? 'Meddelelser';
    if (!paperId && c)
      paperId = (
        await db
          .insertInto('papers')
          .values({
            case_id: c.id,
            reference: c.number,
            title,
            created_at: at,
            created_by: actor.id,
            updated_at: at,
            deleted_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const closed = o.closed ?? c?.type === 'citizen';
    const { id } = await db
      .insertInto('agenda_items')
      .values({
        meeting_id: meetingId,
        paper_id: paperId,
        number,
        title,
        closed: closed ? 1 : 0,
        closed_reason: closed
          ? c?.type === 'citizen'
            ? 'Personfølsomme oplysninger (Offentlighedslovens §30, nr. 1)'
            : 'Forhandlingssag om køb og salg (Offentlighedslovens §33, nr. 4)'
          : null,
        presentation:
          o.presentation ??
          (c
            ? `${pick(r, PRESENTATIONS)}\n\n${pick(r, PRESENTATIONS)}`
            : 'Formanden orienterer om aktuelle sager.\n\nForvaltningen orienterer om status på budgetopfølgningen.'),
        recommendation:
          o.recommendation ??
          (c
            ? 'Forvaltningen indstiller,\n\nat sagen godkendes som beskrevet i sagsfremstillingen.'
            : 'Forvaltningen indstiller, at orienteringen tages til efterretning.'),
        economy: c
          ? pick(r, [
              'Sagen har ingen økonomiske konsekvenser.',
              'Udgiften på 1,2 mio. kr. afholdes inden for udvalgets ramme.',
              'Der søges en tillægsbevilling på 450.000 kr. i 2027.',
            ])
          : '',
        decision: o.decision ?? null,
        decided_at: o.decidedAt ?? null,
        decision_document_id: null,
        created_at: at,
        created_by: actor.id,
        updated_at: at,
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (c) {
      for (const [position, d] of (await docsOf(c.id)).entries()) {
        await db
          .insertInto('agenda_attachments')
          .values({
            item_id: id,
            document_id: d.id,
            title: d.title,
            closed: !closed && position === 2 ? 1 : 0,
            position,
            created_at: at,
            created_by: actor.id,
            updated_at: at,
            deleted_at: null,
          })
          .execute();
      }
    }
    itemCount++;
    return { id, paperId };
  };

  const approve = async (meetingId: number, present: number[], date: string) => {
    const version = await publishVersion(tx, meetingId, 'minutes', { actor });
    const approvedAt = new Date(`${addDays(date, 1)}T09:00:00Z`);
    for (const [i, personId] of present.entries()) {
      const userId =
        people.find((p) => p.id === personId) === mayor
          ? (mayorUser?.id ?? null)
          : personId === jorgen.id
            ? (politiker?.id ?? null)
            : null;
      await db
        .insertInto('minutes_approvals')
        .values({
          version_id: version.id,
          person_id: personId,
          user_id: userId,
          approved_at: new Date(approvedAt.getTime() + i * 600_000).toISOString(),
        })
        .execute();
    }
  };

  const datesFor = (spec: CommitteeSpec): string[] => {
    const dates: string[] = [];
    for (let offset = -9; offset <= 4; offset++) {
      const d = new Date(Date.UTC(year, month - 1 + offset, 1, 12));
      const [y, mo] = [d.getUTCFullYear(), d.getUTCMonth()];
      if (mo === 6) continue; // no meetings in July
      if (spec.months === 'bimonthly' && mo % 2 === 1) continue;
      let date = nthWeekday(y, mo, spec.day[0], spec.day[1]);
      while (!isWorkingDay(date)) date = addDays(date, 1);
      if (spec.term && (date < spec.term[0] || date > spec.term[1])) continue;
      if (date < '2026-01-05') continue;
      dates.push(date);
    }
    return dates;
  };
  // One matter through three committees: TMU (past) → ØU (past) → KB (next meeting).
  const travel = (() => {
    const tm = datesFor(COMMITTEES.find((c) => c.key === 'tm')!)
      .filter((d) => d < today)
      .at(-3);
    const ou = tm ? datesFor(COMMITTEES.find((c) => c.key === 'ou')!).find((d) => d > tm && d < today) : undefined;
    const kb = datesFor(COMMITTEES.find((c) => c.key === 'kb')!).find((d) => d >= today);
    const c = cases.find((x) => x.short_name === 'PLU' && !x.confidential) ?? null;
    if (!tm || !ou || !kb || !c) return null;
    used.add(c.id);
    return {
      c,
      title: `Endelig vedtagelse: ${c.title}`,
      dates: { tm, ou, kb } as Record<string, string>,
      paperId: null as number | null,
    };
  })();
  const TRAVEL_DECISION: Record<string, string> = {
    tm: 'Udvalget anbefaler over for Økonomiudvalget og Kommunalbestyrelsen, at planen vedtages endeligt.',
    ou: 'Anbefales over for Kommunalbestyrelsen.',
  };

  // The council last, so its agenda shows the earlier committees' decisions.
  const order = [...COMMITTEES].sort(
    (a, b) =>
      (a.key === 'kb' ? 1 : 0) - (b.key === 'kb' ? 1 : 0) || (a.key === 'ou' ? 1 : 0) - (b.key === 'ou' ? 1 : 0),
  );
  for (const spec of order) {
    const committeeId = committeeIds.get(spec.key)!;
    const list = members.get(spec.key)!;
    const regular = list.filter((m) => m.role !== 'substitute');
    const substitute = list.find((m) => m.role === 'substitute');
    const dates = datesFor(spec);
    const own: Array<{ id: number; startsAt: string; date: string }> = [];
    const past = dates.filter((d) => d < today);
    for (const date of dates) {
      const startsAt = copenhagenInstant(date, spec.time)!;
      const [hh, mm] = spec.time.split(':').map(Number) as [number, number];
      const endsAt = copenhagenInstant(
        date,
        `${String(Math.min(hh + 2, 23)).padStart(2, '0')}:${String(mm).padStart(2, '0')}`,
      );
      const isPast = date < today;
      const lastPast = isPast && date === past.at(-1);
      const leaveHeld = spec.key === 'tm' && lastPast;
      const publish = isPast || date <= soon;
      const { id: meetingId } = await db
        .insertInto('meetings')
        .values({
          committee_id: committeeId,
          title:
            date.endsWith('-12-01') || (date.slice(5, 7) === '09' && spec.kind === 'finance')
              ? 'Budgetmøde'
              : 'Ordinært møde',
          starts_at: startsAt,
          ends_at: endsAt,
          location_id: locationIds[spec.location]!,
          status: 'planned',
          agenda_published_at: null,
          minutes_published_at: null,
          created_at: at,
          created_by: actor.id,
          updated_at: at,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      meetingCount++;
      own.push({ id: meetingId, startsAt, date });
      const itemTotal = spec.kind === 'task' ? 2 : 3 + Math.floor(r() * 3);
      let n = 0;
      const items: number[] = [];
      for (let k = 0; k < itemTotal; k++) {
        const c = takeCase(spec);
        if (!c) break;
        const decided =
          isPast && !leaveHeld ? (c?.type === 'citizen' ? 'Indstillingen blev godkendt.' : pick(r, DECISIONS)) : null;
        items.push((await insertItem(meetingId, ++n, c, { decision: decided, decidedAt: decided ? endsAt : null })).id);
      }
      if (travel && travel.dates[spec.key] === date) {
        const t = await insertItem(meetingId, ++n, travel.c, {
          title: travel.title,
          closed: false,
          paperId: travel.paperId,
          decision: isPast ? (TRAVEL_DECISION[spec.key] ?? null) : null,
          decidedAt: isPast ? endsAt : null,
        });
        travel.paperId = t.paperId;
        items.push(t.id);
      }
      items.push(
        (
          await insertItem(meetingId, ++n, null, {
            title: 'Meddelelser',
            closed: false,
            decision: isPast && !leaveHeld ? 'Orienteringen blev taget til efterretning.' : null,
            decidedAt: isPast && !leaveHeld ? endsAt : null,
          })
        ).id,
      );

      // A conflict of interest now and then: a member kept out of a closed item, or recorded
      // as disqualified on an open one.
      if (r() < 0.25 && items.length > 1) {
        const member = pick(r, regular);
        await db
          .insertInto('item_disqualifications')
          .values({
            item_id: items[0]!,
            person_id: member.id,
            reason: 'Nær slægt med ansøgeren (Forvaltningslovens §3, stk. 1, nr. 2)',
            kept_out: 1,
            created_at: at,
            created_by: actor.id,
          })
          .execute();
      }

      if (!publish) continue;
      const publishedAt = new Date(new Date(`${addDays(date, -8)}T10:00:00Z`).getTime()).toISOString();
      await publishVersion(tx, meetingId, 'agenda', { actor });
      await db
        .updateTable('meetings')
        .set({ status: 'published', agenda_published_at: publishedAt < at ? publishedAt : at })
        .where('id', '=', meetingId)
        .execute();
      if (!isPast && spec.key === 'kb' && !addendumDone) {
        // The council's next agenda got an addendum (tillægsdagsorden) after it was published.
        addendumDone = true;
        await insertItem(meetingId, n + 1, null, {
          title: 'Valg af nyt medlem til Kultur- og Fritidsudvalget',
          closed: false,
          presentation:
            'Louise Winther (M) har søgt om fritagelse for sit hverv i Kultur- og Fritidsudvalget fra 1. januar 2027. Kommunalbestyrelsen skal godkende fritagelsen og vælge et nyt medlem efter indstilling fra den gruppe, der har udpeget medlemmet (Styrelseslovens §28).',
          recommendation:
            'Borgmesteren indstiller,\n\nat fritagelsen godkendes, og\n\nat gruppens indstillede kandidat vælges som nyt medlem.',
        });
        await publishVersion(tx, meetingId, 'agenda', {
          actor,
          changeKind: 'addendum',
          changeNote: 'Tillægsdagsorden: punktet om valg af nyt medlem til Kultur- og Fritidsudvalget er tilføjet.',
        });
      }
      if (!isPast) continue;

      // Held: attendance (one absent now and then, the substitute in their place), a minority
      // statement now and then.
      const absent =
        r() < 0.5
          ? pick(
              r,
              regular.filter((m) => m.role === 'member'),
            )
          : null;
      for (const m of regular) {
        await db
          .insertInto('meeting_attendance')
          .values({
            meeting_id: meetingId,
            person_id: m.id,
            status: m === absent ? 'absent' : 'present',
            substitute_for: null,
            note: m === absent ? 'Afbud' : null,
            updated_at: at,
            updated_by: actor.id,
          })
          .execute();
      }
      if (absent && substitute) {
        await db
          .insertInto('meeting_attendance')
          .values({
            meeting_id: meetingId,
            person_id: substitute.id,
            status: 'present',
            substitute_for: absent.id,
            note: null,
            updated_at: at,
            updated_by: actor.id,
          })
          .execute();
      }
      if (r() < 0.3 && !leaveHeld) {
        const minority = regular.filter((m) => m.party === 'Ø' || m.party === 'F' || m.party === 'O')[0];
        if (minority)
          await db
            .insertInto('item_dissents')
            .values({
              item_id: items[0]!,
              person_id: minority.id,
              text: `${minority.name} (${minority.party}) ønskede sin stemme mod indstillingen ført til protokol med den begrundelse, at sagen bør sendes i fornyet høring.`,
              created_at: at,
              created_by: actor.id,
            })
            .execute();
      }
      if (leaveHeld) {
        await db.updateTable('meetings').set({ status: 'held' }).where('id', '=', meetingId).execute();
        continue;
      }
      const present = regular
        .filter((m) => m !== absent)
        .map((m) => m.id)
        .concat(absent && substitute ? [substitute.id] : []);
      await db
        .updateTable('meetings')
        .set({ status: 'held', minutes_published_at: at })
        .where('id', '=', meetingId)
        .execute();
      await approve(meetingId, present, date);
      await db.updateTable('meetings').set({ status: 'approved' }).where('id', '=', meetingId).execute();
    }
    meetingsByCommittee.set(spec.key, own);
  }

  return { committees: COMMITTEES.length, meetings: meetingCount, items: itemCount };
}
