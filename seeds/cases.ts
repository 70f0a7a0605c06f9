import { appendAudit } from '../src/audit/service.ts';
import type { Database } from '../src/db/index.ts';
import { writeTransaction } from '../src/db/index.ts';
import type { BlobStore } from '../src/files/blobs.ts';
import { reindexCase, reindexDocument } from '../src/modules/cases/index.ts';
import { createCase, emptyCaseInput } from '../src/modules/cases/index.ts';
import { nextValue } from '../src/modules/cases/index.ts';
import type { Role } from '../src/policy/index.ts';
import { FIRST_NAMES, LAST_NAMES } from './demo-org.ts';
import { makeDocx, makeEml, makePdf } from './files.ts';

/**
 * The demo municipality's cases: about 300 of every type across the units, some confidential,
 * with parties, notes, deadlines and documents (real PDF letters, Word notes and e-mails with
 * attachments, made here). Dates spread over the last two years; older cases are closed, a few
 * archived. Deterministic: the same seed gives the same municipality.
 */

type Rand = () => number;

const STREETS = [
  'Østergade',
  'Vestergade',
  'Søndergade',
  'Nørregade',
  'Birkevej',
  'Skovvej',
  'Møllevej',
  'Engvej',
  'Bøgevej',
  'Stationsvej',
  'Kirkestræde',
  'Havnevej',
  'Ålekistevej',
  'Lærkevej',
  'Fasanvej',
  'Kløvervænget',
];
const TOWN = '4000 Skovlund';
const CENTRE = { lat: 55.6415, lng: 12.0803 };

function pick<T>(r: Rand, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function person(r: Rand) {
  return `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}`;
}

function address(r: Rand) {
  return `${pick(r, STREETS)} ${1 + Math.floor(r() * 80)}, ${TOWN}`;
}

/** A CPR number with a real date (born 1930–2024) and the right century digit. */
function cpr(r: Rand): string {
  const year = 1930 + Math.floor(r() * 95);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const yy = String(year % 100).padStart(2, '0');
  const seventh = year < 2000 ? (year >= 1937 ? pick(r, [0, 1, 2, 3]) : 0) : 4;
  const serial = `${seventh}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  return `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${yy}-${serial}`;
}

/** A CVR number that passes the modulus-11 check. */
function cvr(r: Rand): string {
  for (;;) {
    const digits = [1 + Math.floor(r() * 9), ...Array.from({ length: 6 }, () => Math.floor(r() * 10))];
    const weights = [2, 7, 6, 5, 4, 3, 2];
    const sum = digits.reduce((a, d, i) => a + d * weights[i]!, 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return [...digits, check].join('');
  }
}

interface Template {
  unit: string;
  count: number;
  type: 'subject' | 'geo' | 'citizen' | 'company' | 'access_request';
  kle: string;
  facet: string;
  confidential?: 'unit';
  title: (r: Rand, ctx: { name: string; address: string; company: string }) => string;
  description: (ctx: { name: string; address: string; company: string }) => string;
  letter: (ctx: { name: string; address: string; company: string; title: string }) => {
    incoming: string[];
    outgoing: string[];
  };
}

const COMPANIES = [
  'Skovlund Maskinfabrik A/S',
  'Tømrerfirmaet Ravn ApS',
  'Arkitektgruppen Nord ApS',
  'Fjordens Rådgivende Ingeniører A/S',
  'Grøn Anlæg & Park ApS',
  'Skovlund Idrætsforening',
  'Bager Holm ApS',
  'Havnens Fiskehus I/S',
  'Konsulenthuset Lund ApS',
  'Vestergaard Entreprise A/S',
];

const BUILD = [
  'carport',
  'tilbygning til enfamiliehus',
  'udestue',
  'garage',
  'nyt enfamiliehus',
  'altan',
  'overdækket terrasse',
  'kvist',
];

const TEMPLATES: Template[] = [
  {
    unit: 'byggeri',
    count: 60,
    type: 'geo',
    kle: '02.34.02',
    facet: 'P19',
    title: (r, c) => `Byggetilladelse – ${pick(r, BUILD)}, ${c.address.split(',')[0]}`,
    description: (c) => `Ansøgning fra ${c.name} om byggetilladelse på ejendommen ${c.address}.`,
    letter: (c) => ({
      incoming: [
        `Ansøgning om byggetilladelse`,
        `Ansøger: ${c.name}, ${c.address}.`,
        `Jeg ansøger hermed om tilladelse til ${c.title.split('–')[1]?.split(',')[0]?.trim() ?? 'byggeri'} på min ejendom.`,
        'Tegninger og situationsplan er vedlagt. Byggeriet overholder afstandskravene til skel.',
      ],
      outgoing: [
        `Afgørelse om byggetilladelse`,
        `Kære ${c.name}`,
        `Skovlund Kommune giver hermed byggetilladelse til ${c.title.split('–')[1]?.split(',')[0]?.trim() ?? 'byggeriet'} på ${c.address}.`,
        'Byggeriet skal udføres i overensstemmelse med bygningsreglementet. Tagvand skal nedsives på egen grund.',
        'Du kan klage over afgørelsen inden fire uger.',
      ],
    }),
  },
  {
    unit: 'byggeri',
    count: 10,
    type: 'geo',
    kle: '02.34.04',
    facet: 'G01',
    title: (r, c) => `Anmeldelse af skur, ${c.address.split(',')[0]}`,
    description: (c) => `Anmeldelse af mindre bygning (skur) fra ${c.name}.`,
    letter: (c) => ({
      incoming: ['Anmeldelse om byggearbejde', `${c.name} anmelder opførelse af et skur på 18 m² på ${c.address}.`],
      outgoing: [
        'Kvittering for anmeldelse',
        `Kære ${c.name}`,
        'Vi har modtaget din anmeldelse og har ingen bemærkninger. Du må gå i gang med byggeriet.',
      ],
    }),
  },
  {
    unit: 'byggeri',
    count: 6,
    type: 'subject',
    kle: '02.00.01',
    facet: 'G01',
    title: (r, c) => `Hegnssyn – ${c.address.split(',')[0]}`,
    description: (c) => `Uenighed om fælleshegn mellem naboer på ${c.address}.`,
    letter: (c) => ({
      incoming: [
        'Anmodning om hegnssyn',
        `${c.name} anmoder om hegnssyn vedrørende hækken mod naboen.`,
        'Hækken er over to meter høj og skygger for haven.',
      ],
      outgoing: [
        'Indkaldelse til hegnssyn',
        `Kære ${c.name}`,
        'Hegnsynet holder besigtigelse på ejendommen. Begge parter indkaldes.',
      ],
    }),
  },
  {
    unit: 'plan',
    count: 12,
    type: 'geo',
    kle: '01.02.05',
    facet: 'G01',
    title: (r) =>
      `Lokalplan ${pick(r, ['1.12 Havnefronten', '2.04 Bøgeparken', '3.07 Stationsområdet', '1.15 Kirkebakken', '4.01 Erhvervsområde Nord', '2.09 Skovbrynet'])}`,
    description: () => 'Udarbejdelse af lokalplan med tilhørende kommuneplantillæg og miljøvurdering.',
    letter: (c) => ({
      incoming: [
        'Høringssvar til lokalplanforslag',
        `${c.name} bemærker, at trafikken på ${c.address.split(',')[0]} vil stige, og foreslår en ny stiforbindelse.`,
      ],
      outgoing: [
        'Forslag til lokalplan',
        `${c.title}`,
        'Lokalplanen fastlægger bebyggelsens omfang, højde og placering samt friarealer og vejadgang.',
        'Forslaget er i offentlig høring i otte uger.',
      ],
    }),
  },
  {
    unit: 'plan',
    count: 6,
    type: 'subject',
    kle: '01.02.15',
    facet: 'G01',
    title: (r) => `Tillæg ${1 + Math.floor(r() * 30)} til Kommuneplan 2025`,
    description: () => 'Kommuneplantillæg som grundlag for ny lokalplan.',
    letter: () => ({
      incoming: ['Bemærkning til kommuneplantillæg', 'Grundejerforeningen ønsker arealet udlagt til grønt område.'],
      outgoing: [
        'Kommuneplantillæg',
        'Tillægget ændrer rammeområdets anvendelse fra erhverv til blandet bolig og erhverv.',
      ],
    }),
  },
  {
    unit: 'plan',
    count: 2,
    type: 'subject',
    kle: '01.02.20',
    facet: 'G01',
    title: () => 'Planlægning for vindmøller ved Skovlund Mark',
    description: () => 'Screening af mulige placeringer for store vindmøller.',
    letter: () => ({
      incoming: ['Indsigelse mod vindmøller', 'Vi frygter støj og skyggekast fra møllerne.'],
      outgoing: ['Idéfasehøring', 'Kommunen indkalder idéer og forslag til planlægningen for vindmøller.'],
    }),
  },
  {
    unit: 'myndighed',
    count: 40,
    type: 'citizen',
    kle: '27.60.08',
    facet: 'G01',
    title: (r) =>
      `Ansøgning om ${pick(r, ['rollator', 'kørestol', 'el-kørestol', 'badebænk', 'toiletstol', 'gangbuk'])}`,
    description: (c) => `Ansøgning om hjælpemiddel fra ${c.name}.`,
    letter: (c) => ({
      incoming: [
        'Ansøgning om hjælpemiddel',
        `Jeg, ${c.name}, har svært ved at gå efter en hofteoperation og ansøger om hjælp.`,
      ],
      outgoing: [
        'Afgørelse om hjælpemiddel',
        `Kære ${c.name}`,
        'Du bevilges hjælpemidlet som udlån efter servicelovens § 112.',
        'Hjælpemidlet leveres inden for 14 dage.',
      ],
    }),
  },
  {
    unit: 'myndighed',
    count: 12,
    type: 'citizen',
    kle: '27.60.24',
    facet: 'G01',
    title: () => 'Boligindretning – fjernelse af dørtrin og greb i bad',
    description: (c) => `Ansøgning om boligindretning fra ${c.name}.`,
    letter: (c) => ({
      incoming: ['Ansøgning om boligændring', `${c.name} ansøger om fjernelse af dørtrin og opsætning af greb.`],
      outgoing: [
        'Bevilling af boligindretning',
        `Kære ${c.name}`,
        'Kommunen bevilger fjernelse af dørtrin og opsætning af greb i badeværelset.',
      ],
    }),
  },
  {
    unit: 'ppr',
    count: 12,
    type: 'citizen',
    kle: '28.06.12',
    facet: 'G01',
    confidential: 'unit',
    title: () => 'Støtte til barn i dagtilbud',
    description: () => 'Vurdering af behov for støtte efter dagtilbudsloven.',
    letter: (c) => ({
      incoming: [
        'Indstilling fra børnehaven',
        `Børnehaven beskriver barnets behov for støtte i hverdagen. Forælder: ${c.name}.`,
      ],
      outgoing: [
        'Psykologisk vurdering',
        'PPR vurderer, at barnet har gavn af støtte i dagtilbuddet 10 timer om ugen.',
      ],
    }),
  },
  {
    unit: 'dagtilbud',
    count: 20,
    type: 'citizen',
    kle: '28.09.40',
    facet: 'G01',
    title: (r) =>
      `Optagelse i dagtilbud – ${pick(r, ['Børnehuset Mælkebøtten', 'Vuggestuen Spiren', 'Skovbørnehaven Egern', 'Dagplejen Syd'])}`,
    description: (c) => `Ansøgning om plads fra ${c.name}.`,
    letter: (c) => ({
      incoming: ['Ønske om plads', `${c.name} ønsker plads til sit barn fra næste måned.`],
      outgoing: ['Tilbud om plads', `Kære ${c.name}`, 'Dit barn tilbydes plads. Svar inden 14 dage.'],
    }),
  },
  {
    unit: 'dagtilbud',
    count: 10,
    type: 'citizen',
    kle: '28.09.48',
    facet: 'Ø47',
    title: () => 'Fripladstilskud',
    description: (c) => `Ansøgning om økonomisk fripladstilskud fra ${c.name}.`,
    letter: (c) => ({
      incoming: [
        'Ansøgning om fripladstilskud',
        `${c.name} søger om økonomisk fripladstilskud. Årsopgørelse er vedlagt.`,
      ],
      outgoing: [
        'Afgørelse om fripladstilskud',
        `Kære ${c.name}`,
        'Du får et økonomisk fripladstilskud på 60 procent.',
      ],
    }),
  },
  {
    unit: 'sundhed',
    count: 12,
    type: 'citizen',
    kle: '29.12.08',
    facet: 'G01',
    confidential: 'unit',
    title: () => 'Sundhedspleje – ekstra besøg',
    description: () => 'Behov for ekstra besøg af sundhedsplejersken.',
    letter: (c) => ({
      incoming: ['Henvendelse fra forælder', `${c.name} beder om ekstra besøg på grund af amningsproblemer.`],
      outgoing: ['Plan for ekstra besøg', 'Sundhedsplejen aflægger tre ekstra besøg de næste to måneder.'],
    }),
  },
  {
    unit: 'skole',
    count: 6,
    type: 'subject',
    kle: '17.04.04',
    facet: 'G01',
    title: (r) =>
      `Lejrskole ${pick(r, ['6. klasse, Bornholm', '8. klasse, Berlin', '5. klasse, Møn', '7. klasse, Skagen'])}`,
    description: () => 'Planlægning og godkendelse af lejrskole.',
    letter: () => ({
      incoming: ['Ansøgning om lejrskole', 'Skolen søger om godkendelse af lejrskole og tilskud til transport.'],
      outgoing: [
        'Godkendelse af lejrskole',
        'Forvaltningen godkender lejrskolen. Forældrebetaling må højst dække kost.',
      ],
    }),
  },
  {
    unit: 'skole',
    count: 5,
    type: 'subject',
    kle: '17.04.18',
    facet: 'Ø54',
    title: () => 'Udbud af skolemad',
    description: () => 'Kontrakt om levering af skolemad til kommunens skoler.',
    letter: (c) => ({
      incoming: ['Tilbud på skolemad', `${c.company} byder på levering af sund skolemad til alle skoler.`],
      outgoing: ['Kontrakt om skolemad', `Kontrakten med ${c.company} løber i fire år fra 1. august.`],
    }),
  },
  {
    unit: 'okonomi',
    count: 8,
    type: 'subject',
    kle: '00.30.14',
    facet: 'G01',
    title: (r) => `Budgetopfølgning pr. ${pick(r, ['31. marts', '30. juni', '30. september'])}`,
    description: () => 'Kvartalsvis budgetopfølgning for alle udvalg.',
    letter: () => ({
      incoming: [
        'Indmeldinger fra forvaltningerne',
        'Social, Sundhed og Omsorg forventer et merforbrug på hjælpemidler.',
      ],
      outgoing: ['Budgetopfølgning', 'Samlet forventes et mindreforbrug på 4,2 mio. kr. på driften.'],
    }),
  },
  {
    unit: 'okonomi',
    count: 4,
    type: 'subject',
    kle: '00.30.10',
    facet: 'G01',
    title: (r) => `Budget ${2026 + Math.floor(r() * 2)}–${2029 + Math.floor(r() * 2)}`,
    description: () => 'Årsbudget og flerårige budgetoverslag.',
    letter: () => ({
      incoming: ['Høringssvar fra MED-udvalget', 'MED-udvalget bemærker, at besparelserne rammer hjemmeplejen.'],
      outgoing: ['Budgetforslag', 'Forslaget indeholder anlægsinvesteringer i skoler og cykelstier.'],
    }),
  },
  {
    unit: 'sekretariat',
    count: 12,
    type: 'subject',
    kle: '00.22.04',
    facet: 'G01',
    title: (r) =>
      `${pick(r, ['Teknik- og Miljøudvalget', 'Børne- og Skoleudvalget', 'Social- og Sundhedsudvalget', 'Økonomiudvalget', 'Kultur- og Fritidsudvalget'])}: mødeplan og kommissorium`,
    description: () => 'Udvalgets mødeplan, kommissorium og forretningsorden.',
    letter: () => ({
      incoming: ['Forslag til mødeplan', 'Sekretariatet foreslår ti ordinære møder om året.'],
      outgoing: ['Kommissorium', 'Udvalget varetager den umiddelbare forvaltning af sit område.'],
    }),
  },
  {
    unit: 'sekretariat',
    count: 6,
    type: 'subject',
    kle: '00.22.02',
    facet: 'G01',
    title: (r) =>
      `Byrådets møde ${1 + Math.floor(r() * 28)}. ${pick(r, ['januar', 'marts', 'maj', 'september', 'november'])}`,
    description: () => 'Dagsorden, bilag og beslutningsprotokol.',
    letter: () => ({
      incoming: ['Spørgsmål fra byrådsmedlem', 'Et medlem ønsker en sag om trafiksikkerhed optaget på dagsordenen.'],
      outgoing: ['Beslutningsprotokol', 'Byrådet godkendte indstillingen med 21 stemmer mod 4.'],
    }),
  },
  {
    unit: 'sekretariat',
    count: 10,
    type: 'access_request',
    kle: '00.07.03',
    facet: 'G01',
    title: (r, c) =>
      `Aktindsigt – ${pick(r, ['byggesag', 'lokalplan', 'budgetopfølgning', 'udbud af skolemad'])} (${c.name})`,
    description: (c) => `Anmodning om aktindsigt fra ${c.name}. Svarfrist 7 arbejdsdage.`,
    letter: (c) => ({
      incoming: ['Anmodning om aktindsigt', `${c.name} beder om aktindsigt i alle dokumenter i sagen.`],
      outgoing: [
        'Svar på anmodning om aktindsigt',
        `Kære ${c.name}`,
        'Du får aktindsigt i sagens dokumenter med undtagelse af interne arbejdsdokumenter.',
      ],
    }),
  },
  {
    unit: 'hr',
    count: 8,
    type: 'subject',
    kle: '81.38.08',
    facet: 'G01',
    confidential: 'unit',
    title: (r) =>
      `Tillidsrepræsentant – valg i ${pick(r, ['Hjemmeplejen', 'Vej og Park', 'Borgerservice', 'Dagtilbud'])}`,
    description: () => 'Valg og anmeldelse af tillidsrepræsentant.',
    letter: (c) => ({
      incoming: ['Anmeldelse af valg', `${c.name} er valgt som tillidsrepræsentant.`],
      outgoing: ['Kvittering', 'Valget er registreret, og tillidsrepræsentanten er omfattet af beskyttelsen.'],
    }),
  },
  {
    unit: 'hr',
    count: 6,
    type: 'subject',
    kle: '81.39.10',
    facet: 'G20',
    title: (r) =>
      `Kursus: ${pick(r, ['Klarsprog i afgørelser', 'Forvaltningsret for nye sagsbehandlere', 'Digital tilgængelighed', 'Informationssikkerhed'])}`,
    description: () => 'Ekstern uddannelse af medarbejdere.',
    letter: (c) => ({
      incoming: ['Tilbud på kursus', `${c.company} tilbyder et todages kursus for 20 deltagere.`],
      outgoing: ['Tilmelding', 'Kommunen tilmelder 18 medarbejdere.'],
    }),
  },
  {
    unit: 'digi',
    count: 8,
    type: 'company',
    kle: '83.15.04',
    facet: 'Ø54',
    title: (r, c) => `Konsulentaftale – ${c.company}`,
    description: (c) => `Kontrakt med ${c.company} om rådgivning.`,
    letter: (c) => ({
      incoming: ['Tilbud', `${c.company} tilbyder rådgivning om digitalisering af sagsgange.`],
      outgoing: ['Kontrakt', `Aftalen med ${c.company} omfatter 200 timer over et år.`],
    }),
  },
  {
    unit: 'vej',
    count: 6,
    type: 'company',
    kle: '83.15.03',
    facet: 'Ø54',
    title: (r, c) => `Ingeniørbistand til cykelsti – ${c.company}`,
    description: (c) => `Projektering af cykelsti ved hjælp af ${c.company}.`,
    letter: (c) => ({
      incoming: ['Projektforslag', `${c.company} foreslår en dobbeltrettet cykelsti langs Stationsvej.`],
      outgoing: ['Bestilling', 'Kommunen bestiller detailprojektering.'],
    }),
  },
  {
    unit: 'kultur',
    count: 6,
    type: 'subject',
    kle: '00.05.07',
    facet: 'G01',
    title: (r) => `${pick(r, ['Kulturprisen', 'Idrætsprisen', 'Ildsjæleprisen'])} ${2025 + Math.floor(r() * 2)}`,
    description: () => 'Indstillinger og uddeling af kommunens pris.',
    letter: (c) => ({
      incoming: ['Indstilling', `${c.name} indstiller Skovlund Idrætsforening for arbejdet med børn og unge.`],
      outgoing: ['Pressemeddelelse', 'Prisen uddeles ved en reception på rådhuset.'],
    }),
  },
  {
    unit: 'kultur',
    count: 4,
    type: 'company',
    kle: '00.06.04',
    facet: 'G01',
    title: (r, c) => `Legatansøgning – ${c.company}`,
    description: (c) => `${c.company} søger legat.`,
    letter: (c) => ({
      incoming: ['Ansøgning om legat', `${c.company} søger 25.000 kr. til nye trøjer og bolde.`],
      outgoing: ['Tilsagn', 'Legatbestyrelsen bevilger 15.000 kr.'],
    }),
  },
];

export interface CaseSeedContext {
  database: Database;
  blobs: BlobStore;
  random: Rand;
  /** Unit key → id, and the users in each unit. */
  units: Map<string, number>;
  staff: Map<string, Array<{ id: string; name: string }>>;
  demo: Record<'sagsbehandler' | 'journal' | 'sekretariat', { id: string; name: string; unit: string }>;
}

export async function addDocument(
  tx: Database,
  blobs: BlobStore,
  c: { id: number; number: string },
  d: {
    title: string;
    kind: 'file' | 'email';
    direction: 'incoming' | 'outgoing' | 'internal';
    date: Date;
    sender: string | null;
    recipient: string | null;
    filename: string;
    mime: string;
    content: Buffer;
    text: string;
    parentId?: number | null;
    journalise: boolean;
    finalise: boolean;
    by: string;
  },
): Promise<number> {
  const at = d.date.toISOString();
  const sha = await blobs.put(tx, d.content);
  const number = d.journalise ? await nextValue(tx, `doc:${c.id}`) : null;
  const { id } = await tx.db
    .insertInto('documents')
    .values({
      case_id: c.id,
      number,
      title: d.title,
      kind: d.kind,
      direction: d.direction,
      document_date: at.slice(0, 10),
      sender: d.sender,
      recipient: d.recipient,
      parent_id: d.parentId ?? null,
      current_version: 1,
      journalised_at: d.journalise ? at : null,
      journalised_by: d.journalise ? d.by : null,
      finalised_at: d.finalise ? at : null,
      finalised_by: d.finalise ? d.by : null,
      created_at: at,
      created_by: d.by,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.db
    .insertInto('document_versions')
    .values({
      document_id: id,
      version: 1,
      blob_sha256: sha,
      filename: d.filename,
      mime: d.mime,
      size: d.content.length,
      text_status: 'extracted',
      text_content: d.text,
      rendition_sha256: null,
      // Only PDFs are finalised by the seed, so no rendition is ever needed or missing.
      rendition_status: d.mime === 'application/pdf' ? 'not_needed' : 'pending',
      locked: d.finalise ? 1 : 0,
      note: null,
      created_at: at,
      created_by: d.by,
    })
    .execute();
  await reindexDocument(tx, id);
  return id;
}

export async function seedCases(ctx: CaseSeedContext): Promise<{ cases: number; documents: number }> {
  const { database, blobs, random: r } = ctx;
  const now = Date.now();
  let cases = 0;
  let documents = 0;
  for (const tpl of TEMPLATES) {
    const unitId = ctx.units.get(tpl.unit)!;
    const staff = ctx.staff.get(tpl.unit) ?? [];
    for (let i = 0; i < tpl.count; i++) {
      const ageDays = Math.floor(r() * 700);
      const created = new Date(now - ageDays * 86400_000 - Math.floor(r() * 8) * 3600_000);
      const name = person(r);
      const addr = address(r);
      const company = pick(r, COMPANIES);
      const tctx = { name, address: addr, company };
      const title = tpl.title(r, tctx);
      // The demo accounts get their share, so their lists are not empty.
      const worker =
        tpl.unit === ctx.demo.sagsbehandler.unit && i % 2 === 0
          ? ctx.demo.sagsbehandler
          : tpl.unit === ctx.demo.sekretariat.unit && i % 3 === 0
            ? ctx.demo.sekretariat
            : tpl.unit === ctx.demo.journal.unit && i % 4 === 1
              ? ctx.demo.journal
              : staff.length
                ? pick(r, staff)
                : ctx.demo.journal;
      const actor = { id: worker.id, name: worker.name, roles: ['caseworker' as Role], orgUnitId: unitId };
      const lat = CENTRE.lat + (r() - 0.5) * 0.04;
      const lng = CENTRE.lng + (r() - 0.5) * 0.07;
      const polygon =
        tpl.kle === '01.02.05'
          ? JSON.stringify({
              type: 'Polygon',
              coordinates: [
                [
                  [lng, lat],
                  [lng + 0.006, lat],
                  [lng + 0.007, lat + 0.004],
                  [lng + 0.001, lat + 0.005],
                  [lng, lat],
                ],
              ],
            })
          : '';
      const created_ = await createCase(
        database,
        emptyCaseInput({
          type: tpl.type,
          title,
          description: tpl.description(tctx),
          kleNumber: tpl.kle,
          facetCode: tpl.facet,
          unitId: String(unitId),
          caseworkerUsername: '',
          confidential: tpl.confidential === 'unit',
          accessUnitIds: tpl.confidential === 'unit' ? [String(unitId)] : [],
          address: tpl.type === 'geo' ? addr : '',
          point: tpl.type === 'geo' && !polygon ? `${lat.toFixed(6)}, ${lng.toFixed(6)}` : '',
          geometry: polygon,
          partyName: tpl.type === 'company' ? company : name,
          partyCpr: tpl.type === 'citizen' ? cpr(r) : '',
          partyCvr: tpl.type === 'company' ? cvr(r) : '',
        }),
        actor,
        { at: created },
      );
      if (!created_.ok) throw new Error(`seed case "${title}" refused: ${JSON.stringify(created_.errors)}`);
      cases++;
      const c = { id: created_.id, number: created_.number };
      const letters = tpl.letter({ ...tctx, title });
      // Events of a young case stop at the present: no document is dated in the future.
      const latest = Date.now() - 3600_000;
      const step = (days: number) => new Date(Math.min(created.getTime() + days * 86400_000, latest));
      const closed = ageDays > 200 && r() < 0.7;
      const archived = closed && ageDays > 500 && r() < 0.5;

      await writeTransaction(database, async (tx) => {
        // The person or company behind the case, when it is not a citizen or company case already.
        if (tpl.type === 'geo' || tpl.type === 'access_request' || (tpl.type === 'subject' && r() < 0.3)) {
          await tx.db
            .insertInto('case_parties')
            .values({
              case_id: c.id,
              kind: 'person',
              role: 'party',
              name,
              cpr: null,
              cvr: null,
              address: addr,
              email: `${name.toLowerCase().replace(/[^a-zæøå]+/g, '.')}@example.dk`,
              phone: null,
              created_at: created.toISOString(),
              created_by: worker.id,
            })
            .execute();
        }
        if (tpl.type === 'geo' && r() < 0.3) {
          await tx.db
            .insertInto('case_parties')
            .values({
              case_id: c.id,
              kind: 'company',
              role: 'representative',
              name: 'Arkitektgruppen Nord ApS',
              cpr: null,
              cvr: '29403473',
              address: null,
              email: 'post@arkitektgruppen-nord.dk',
              phone: null,
              created_at: created.toISOString(),
              created_by: worker.id,
            })
            .execute();
        }

        const incomingPdf = await makePdf(letters.incoming);
        const inId = await addDocument(tx, blobs, c, {
          title: letters.incoming[0]!,
          kind: 'file',
          direction: 'incoming',
          date: step(0),
          sender: tpl.type === 'company' ? company : name,
          recipient: 'Skovlund Kommune',
          filename: `${letters.incoming[0]!}.pdf`,
          mime: 'application/pdf',
          content: incomingPdf,
          text: letters.incoming.join('\n'),
          journalise: true,
          finalise: true,
          by: worker.id,
        });
        documents++;
        void inId;
        if (r() < 0.35) {
          const noteText = [
            `Notat: ${title}`,
            `Sagsbehandler ${worker.name} har gennemgået sagen.`,
            'Der er foretaget partshøring, og ingen bemærkninger er modtaget.',
          ];
          const docx = await makeDocx(noteText);
          await addDocument(tx, blobs, c, {
            title: 'Internt notat',
            kind: 'file',
            direction: 'internal',
            date: step(3),
            sender: worker.name,
            recipient: null,
            filename: 'Internt notat.docx',
            mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            content: docx,
            text: noteText.join('\n'),
            journalise: r() < 0.7,
            finalise: false,
            by: worker.id,
          });
          documents++;
        }
        if (r() < 0.25) {
          const attach = await makePdf(['Bilag', `Fotos og beskrivelse fra ${name}.`, `Adresse: ${addr}.`]);
          const body = `Hej\n\nJeg skriver angående sagen "${title}". Jeg vedhæfter beskrivelsen.\n\nVenlig hilsen\n${name}`;
          const eml = makeEml({
            from: `${name} <${name
              .toLowerCase()
              .replace(/[^a-zæøå]+/g, '.')
              .normalize('NFD')
              .replace(/[\u0300-\u036f]/g, '')}@example.dk>`,
            to: 'post@skovlund.dk',
            subject: `Vedr. ${title}`,
            date: step(5).toUTCString(),
            body,
            attachment: { name: 'Beskrivelse.pdf', type: 'application/pdf', content: attach },
          });
          const mailId = await addDocument(tx, blobs, c, {
            title: `Vedr. ${title}`,
            kind: 'email',
            direction: 'incoming',
            date: step(5),
            sender: name,
            recipient: 'post@skovlund.dk',
            filename: 'mail.eml',
            mime: 'message/rfc822',
            content: eml,
            text: `Vedr. ${title}\n\n${body}`,
            journalise: true,
            finalise: false,
            by: worker.id,
          });
          await addDocument(tx, blobs, c, {
            title: 'Beskrivelse',
            kind: 'file',
            direction: 'incoming',
            date: step(5),
            sender: name,
            recipient: 'post@skovlund.dk',
            filename: 'Beskrivelse.pdf',
            mime: 'application/pdf',
            content: attach,
            text: `Bilag\nFotos og beskrivelse fra ${name}.\nAdresse: ${addr}.`,
            parentId: mailId,
            journalise: true,
            finalise: false,
            by: worker.id,
          });
          documents += 2;
        }
        if (closed || r() < 0.3) {
          const out = await makePdf(letters.outgoing);
          await addDocument(tx, blobs, c, {
            title: letters.outgoing[0]!,
            kind: 'file',
            direction: 'outgoing',
            date: step(12),
            sender: 'Skovlund Kommune',
            recipient: tpl.type === 'company' ? company : name,
            filename: `${letters.outgoing[0]!}.pdf`,
            mime: 'application/pdf',
            content: out,
            text: letters.outgoing.join('\n'),
            journalise: true,
            finalise: closed,
            by: worker.id,
          });
          documents++;
        }

        // Notes and deadlines.
        const notes = Math.floor(r() * 3);
        for (let n = 0; n < notes; n++) {
          await tx.db
            .insertInto('case_notes')
            .values({
              case_id: c.id,
              author_id: worker.id,
              author_name: worker.name,
              created_at: step(2 + n * 4).toISOString(),
              body: pick(r, [
                'Telefonsamtale med borgeren: har fået forklaret sagsgangen.',
                'Afventer supplerende oplysninger fra ansøger.',
                'Sagen er drøftet på teammøde; vi fastholder vurderingen.',
                'Partshøring sendt med svarfrist på 14 dage.',
                'Besigtigelse foretaget; forholdene svarer til ansøgningen.',
              ]),
            })
            .execute();
        }
        if (!closed) {
          const dueInDays = Math.floor(r() * 30) - 7;
          const due = new Date(now + dueInDays * 86400_000).toISOString().slice(0, 10);
          await tx.db
            .insertInto('case_deadlines')
            .values({
              case_id: c.id,
              title: pick(r, [
                'Svar til ansøger',
                'Partshøring udløber',
                'Afgørelse skal træffes',
                'Opfølgning på aftale',
              ]),
              due_on: due,
              remind_on: new Date(now + (dueInDays - 3) * 86400_000).toISOString().slice(0, 10),
              reminded_at: null,
              done_at: null,
              done_by: null,
              created_at: created.toISOString(),
              created_by: worker.id,
            })
            .execute();
        }
        if (closed) {
          const closedAt = step(20).toISOString();
          await tx.db
            .updateTable('cases')
            .set({
              status: archived ? 'archived' : 'closed',
              closed_at: closedAt,
              archived_at: archived ? step(40).toISOString() : null,
              updated_at: archived ? step(40).toISOString() : closedAt,
            })
            .where('id', '=', c.id)
            .execute();
        } else {
          await tx.db
            .updateTable('cases')
            .set({ updated_at: step(Math.min(ageDays, 12)).toISOString() })
            .where('id', '=', c.id)
            .execute();
        }
        await reindexCase(tx, c.id);
      });
    }
  }
  await writeTransaction(database, (tx) =>
    appendAudit(tx, {
      actor: null,
      action: 'seed.cases',
      summary: `Loaded ${cases} demo cases with ${documents} documents`,
      details: { cases, documents },
    }),
  );
  return { cases, documents };
}
