import type SQLite from 'better-sqlite3';
import type { Database } from '../src/db/index.ts';
import type { RoomLevel, RoomVisibility } from '../src/db/schema/rooms.ts';
import type { BlobStore } from '../src/files/blobs.ts';
import { follow } from '../src/modules/rooms/index.ts';
import { renderPost } from '../src/modules/rooms/index.ts';
import { saveTags } from '../src/modules/rooms/index.ts';
import { REACTION_KINDS } from '../src/modules/rooms/index.ts';
import { DIRECTORATES } from './demo-org.ts';
import { makeDocx, makePdf } from './files.ts';

/**
 * The demo municipality's collaboration rooms: a dozen rooms across the directorates, among them
 * the learning agents' room, where the people who learn Samspil first ask and answer questions
 * (some answered with an accepted answer, some not yet), with threads, replies, mentions,
 * reactions, tags, a pinned thread and real files. The demo accounts are members of several.
 *
 * Written straight into the tables (not through the services), so that loading the demo sends
 * no notifications and queues no e-mail; Markdown is rendered by the same renderPost as in the
 * app. Deterministic for a given `random`.
 *
 * seedScaleRooms (below) bulk-loads thousands of rooms and hundreds of thousands of posts
 * through better-sqlite3 for `npm run seed:scale`.
 */

export interface RoomSeedUser {
  id: string;
  display_name: string;
  username: string;
  org_unit_id: number | null;
}

export interface RoomSeedContext {
  blobs: BlobStore;
  random: () => number;
  users: RoomSeedUser[];
}

/** A person: a demo account's user name, or `<directorate key>#<n>`: the n-th other employee there. */
type Who = string;

interface ReplySeed {
  by: Who;
  body: string;
  accepted?: boolean;
  /** How many reactions the reply gets. */
  reactions?: number;
}

interface ThreadSeed {
  by: Who;
  title: string;
  body: string;
  tags?: string;
  question?: boolean;
  pinned?: boolean;
  reactions?: number;
  replies?: ReplySeed[];
}

interface FileSeed {
  by: Who;
  name: string;
  kind: 'pdf' | 'docx';
  lines: string[];
  /** A second version, uploaded later. */
  revised?: string[];
}

interface RoomSeed {
  name: string;
  purpose: string;
  visibility: RoomVisibility;
  owners: Who[];
  members: Who[];
  archived?: boolean;
  /** How many days ago the room was created. */
  age: number;
  threads: ThreadSeed[];
  files?: FileSeed[];
  levels?: Record<Who, RoomLevel>;
}

const ROOMS: RoomSeed[] = [
  {
    name: 'Læringsagenter – Samspil',
    purpose:
      'Rummet for kommunens læringsagenter: kollegerne i hver afdeling, der lærer Samspil først og hjælper de andre. Stil dine spørgsmål her, så svarene bliver stående til alle. Marker det svar, der løste dit problem.',
    visibility: 'open',
    owners: ['admin', 'sekretariat'],
    members: [
      'sagsbehandler',
      'journal',
      'medarbejder',
      'oea#2',
      'bu#0',
      'bu#3',
      'sso#0',
      'sso#4',
      'tm#1',
      'tm#4',
      'bka#1',
      'bka#5',
    ],
    levels: { admin: 'everything', sekretariat: 'everything', journal: 'everything' },
    age: 60,
    threads: [
      {
        by: 'admin',
        title: 'Velkommen til læringsagenternes rum – læs dette først',
        body:
          'Velkommen! Her samler vi spørgsmål og svar om Samspil.\n\n' +
          '- **Søg først** – måske har en kollega spurgt før dig.\n' +
          '- Sæt flueben i *Det er et spørgsmål*, når du spørger, og marker det svar, der hjalp.\n' +
          '- Nævn en kollega med @brugernavn, fx @journal om journalisering.\n\n' +
          'Vejledningen "Kom godt i gang" ligger under **Filer**.',
        tags: 'vejledning',
        pinned: true,
        reactions: 6,
        replies: [
          { by: 'tm#1', body: 'Tak! Jeg har sat et link til rummet på vores afdelingsside.', reactions: 2 },
          { by: 'sso#0', body: 'Dejligt med et fælles sted. Vi holder et lille oplæg på næste personalemøde.' },
        ],
      },
      {
        by: 'sagsbehandler',
        title: 'Hvordan journaliserer jeg en mail med bilag?',
        body: 'Jeg har fået en ansøgning pr. mail med tre tegninger vedhæftet. Skal jeg gemme bilagene hver for sig, eller kan mailen lægges på sagen samlet? @journal',
        tags: 'journalisering dokumenter mail',
        question: true,
        replies: [
          { by: 'tm#4', body: 'Jeg plejer at gemme tegningerne som PDF først og uploade dem én ad gangen.' },
          {
            by: 'journal',
            body:
              'Du kan uploade selve mailen (.eml eller .msg) direkte under **Dokumenter** på sagen. Samspil lægger mailen på som ét dokument og hvert bilag som sit eget dokument, koblet til mailen.\n\n' +
              'Bagefter journaliserer du mailen – så får den et dokumentnummer i sagens journal.',
            accepted: true,
            reactions: 5,
          },
          { by: 'sagsbehandler', body: 'Det virkede. Tak, Birgit!' },
        ],
      },
      {
        by: 'bu#3',
        title: 'Hvorfor kan jeg ikke se min kollegas sag?',
        body: 'En kollega har sendt mig et sagsnummer, men når jeg åbner det, står der "Siden blev ikke fundet". Er sagen slettet?',
        tags: 'adgang sager',
        question: true,
        replies: [
          {
            by: 'journal',
            body: 'Sagen er sikkert markeret som **fortrolig**. Så kan kun sagsbehandleren og sagens adgangsgruppe se den – for alle andre ser det ud, som om den ikke findes. Bed din kollega om at føje dig (eller din afdeling) til adgangsgruppen.',
            accepted: true,
            reactions: 3,
          },
        ],
      },
      {
        by: 'medarbejder',
        title: 'Kan man få e-mails samlet én gang om dagen?',
        body: 'Jeg får mange e-mails om svar i tråde. Kan jeg nøjes med ét sammendrag?',
        tags: 'notifikationer',
        question: true,
        replies: [
          {
            by: 'admin',
            body: 'Ja. Under **Notifikationer → Indstillinger** vælger du for hver slags, om du vil have e-mail. Svar i tråde kommer som standard i det daglige sammendrag, og kun hvis du ikke har været inde siden.\n\nI hvert rum kan du desuden vælge *Alt*, *Kun når jeg nævnes* eller *Intet*.',
            accepted: true,
            reactions: 4,
          },
          { by: 'medarbejder', body: 'Perfekt, tak @admin.' },
        ],
      },
      {
        by: 'sso#4',
        title: 'Hvordan opretter jeg en geosag med et område på kortet?',
        body: 'Vi skal registrere en sag om et plejehjems udearealer. Kan jeg tegne området, eller skal jeg skrive koordinater?',
        tags: 'geosager sager',
        question: true,
        replies: [
          {
            by: 'tm#1',
            body: 'Jeg har kun prøvet med et punkt (koordinater fra kortet). Om man kan tegne et område, ved jeg ikke.',
          },
          {
            by: 'sagsbehandler',
            body: 'Man kan indsætte et område som GeoJSON. Men der mangler en god vejledning – @admin, har I en?',
          },
        ],
      },
      {
        by: 'bka#1',
        title: 'Kan vi få en skabelon til partshøring?',
        body: 'I Jobcenteret skriver vi mange partshøringer. Findes der en fælles skabelon, vi kan bruge?',
        tags: 'skabeloner',
        question: true,
        reactions: 3,
      },
      {
        by: 'oea#2',
        title: 'Hvornår skal et dokument gøres endeligt?',
        body: 'Hvad er forskellen på at journalisere og at gøre et dokument endeligt, og hvornår skal jeg gøre hvad?',
        tags: 'journalisering dokumenter',
        question: true,
        replies: [{ by: 'bu#0', body: 'Godt spørgsmål – det har vi også diskuteret i Dagtilbud.' }],
      },
      {
        by: 'tm#4',
        title: 'Kan jeg flytte et dokument til en anden sag?',
        body: 'Jeg kom til at lægge et brev på den forkerte sag. Kan det flyttes?',
        tags: 'dokumenter',
        question: true,
        replies: [
          {
            by: 'journal',
            body: 'Et journaliseret dokument kan ikke flyttes eller slettes – det er hele pointen med journalen. Læg dokumentet på den rigtige sag, og skriv et journalnotat på den forkerte sag om fejlen. Er dokumentet *ikke* journaliseret endnu, så skriv til mig, så kigger vi på det.',
            accepted: true,
            reactions: 2,
          },
        ],
      },
      {
        by: 'sekretariat',
        title: 'Tips: søg med sagsnummer eller CPR-nummer',
        body: 'Skriv et sagsnummer i søgefeltet, så springer du direkte til sagen. Søger du på et CPR-nummer, bliver opslaget logget – det er helt efter bogen, men gør det kun, når du har et sagligt formål.',
        tags: 'søgning tips',
        reactions: 7,
        replies: [{ by: 'bka#5', body: 'Smart! Det vidste jeg ikke.' }],
      },
    ],
    files: [
      {
        by: 'admin',
        name: 'Kom godt i gang med Samspil.pdf',
        kind: 'pdf',
        lines: [
          'Kom godt i gang med Samspil',
          'Log ind med dit brugernavn.',
          'Find dine sager under Sager.',
          'Stil spørgsmål i rummet Læringsagenter – Samspil.',
        ],
        revised: [
          'Kom godt i gang med Samspil (2. udgave)',
          'Log ind med dit brugernavn.',
          'Find dine sager under Sager.',
          'Nyt: notifikationer og samarbejdsrum.',
        ],
      },
      {
        by: 'journal',
        name: 'Tjekliste for journalisering.docx',
        kind: 'docx',
        lines: [
          'Tjekliste for journalisering',
          'Er dokumentet på den rigtige sag?',
          'Er titel, dato og afsender udfyldt?',
          'Journalisér – og gør endeligt, når sagen er afgjort.',
        ],
      },
    ],
  },
  {
    name: 'Klimatilpasning – tværgående',
    purpose:
      'Fælles indsats mod skybrud og oversvømmelser: Vej og Park, Natur og Miljø, Plan og Udvikling, Økonomi og Sundhed og Forebyggelse arbejder sammen om skybrudsplanen.',
    visibility: 'open',
    owners: ['tm#2'],
    members: ['sagsbehandler', 'tm#3', 'tm#5', 'oea#1', 'sso#5', 'bka#3'],
    age: 45,
    threads: [
      {
        by: 'tm#2',
        title: 'Udkast til skybrudsplan 2027 er klar til kommentering',
        body: 'Udkastet ligger under Filer. Kommentarer senest fredag, så vi kan nå at indarbejde dem før udvalgsmødet.',
        tags: 'skybrudsplan høring',
        pinned: true,
        reactions: 4,
        replies: [
          {
            by: 'oea#1',
            body: 'Anlægsoverslaget på regnvandsbassinet ved Stationsvej mangler moms. Jeg sender et rettet tal.',
          },
          { by: 'sso#5', body: 'Husk at nævne plejecentret på Engvej – kælderen blev oversvømmet i 2024.' },
          { by: 'tm#2', body: 'Tak begge to – rettet i version 2.' },
        ],
      },
      {
        by: 'sagsbehandler',
        title: 'Skal nye byggetilladelser kræve regnvandsfaskiner?',
        body: 'Vi får flere ansøgninger i lavtliggende områder. Kan vi stille krav om nedsivning i byggetilladelsen, eller skal det ske i lokalplanen?',
        tags: 'byggesager nedsivning',
        question: true,
        replies: [
          {
            by: 'tm#5',
            body: 'Det skal i lokalplanen, hvis det skal være et krav. Vi kan anbefale det i dialogen med bygherren.',
            accepted: true,
            reactions: 2,
          },
        ],
      },
    ],
    files: [
      {
        by: 'tm#2',
        name: 'Skybrudsplan 2027 – udkast.pdf',
        kind: 'pdf',
        lines: [
          'Skybrudsplan 2027 – udkast',
          'Formål og baggrund',
          'Risikoområder: Stationsvej, Engvej og Havnen',
          'Tiltag og økonomi',
        ],
        revised: [
          'Skybrudsplan 2027 – udkast 2',
          'Formål og baggrund',
          'Risikoområder: Stationsvej, Engvej, Havnen og plejecentret',
          'Tiltag og økonomi (inkl. moms)',
        ],
      },
    ],
  },
  {
    name: 'Ny skolestruktur 2027',
    purpose: 'Forberedelse af den nye skolestruktur: elevtal, bygninger, skoleveje og høring af skolebestyrelserne.',
    visibility: 'open',
    owners: ['bu#1'],
    members: ['sekretariat', 'bu#2', 'bu#4', 'tm#6', 'oea#3'],
    age: 40,
    threads: [
      {
        by: 'bu#1',
        title: 'Tidsplan for høringen',
        body: 'Høringen af skolebestyrelserne løber fra 1. februar til 15. marts. @sekretariat sørger for dagsordenspunktet til Børne- og Skoleudvalget.',
        tags: 'høring tidsplan',
        replies: [{ by: 'sekretariat', body: 'Noteret. Sagsfremstillingen skal være klar senest ti dage før mødet.' }],
      },
      {
        by: 'tm#6',
        title: 'Skoleveje ved sammenlægning af Nordskolen og Engskolen',
        body: 'Hvis skolerne lægges sammen, skal vi se på krydset ved Møllevej. Har nogen trafiktal for morgentimerne?',
        tags: 'skoleveje trafik',
        question: true,
      },
    ],
    files: [
      {
        by: 'bu#1',
        name: 'Elevtalsprognose 2027-2035.docx',
        kind: 'docx',
        lines: [
          'Elevtalsprognose 2027-2035',
          'Nordskolen: faldende elevtal',
          'Engskolen: stabilt',
          'Samlet behov: 14 spor',
        ],
      },
    ],
  },
  {
    name: 'Digital post og MeMo',
    purpose: 'Erfaringer med Digital Post i MeMo-formatet: breve, fjernprint, fritagne borgere og fejlbeskeder.',
    visibility: 'open',
    owners: ['medarbejder'],
    members: ['admin', 'sekretariat', 'journal', 'bka#0', 'oea#4'],
    age: 30,
    threads: [
      {
        by: 'medarbejder',
        title: 'Borger fritaget for Digital Post – hvad gør vi?',
        body: 'En borger er fritaget for Digital Post. Skal brevet sendes med fjernprint, eller printer vi selv?',
        tags: 'fjernprint fritagelse',
        question: true,
        replies: [
          {
            by: 'admin',
            body: 'Samspil sender automatisk til fjernprint, når borgeren er fritaget. I skal ikke printe selv.',
            accepted: true,
            reactions: 3,
          },
        ],
      },
      {
        by: 'bka#0',
        title: 'Fejlbesked "ukendt modtager" ved virksomheder',
        body: 'Når vi sender til en virksomhed uden digital postkasse, får vi fejl. Er der andre, der ser det?',
        tags: 'fejl virksomheder',
        replies: [{ by: 'oea#4', body: 'Ja, det har vi også set. Jeg har meldt det til leverandøren.' }],
      },
    ],
  },
  {
    name: 'Sundhedsklynge',
    purpose: 'Samarbejde med regionen og praktiserende læger om sammenhængende forløb for ældre medicinske patienter.',
    visibility: 'open',
    owners: ['sso#1'],
    members: ['sso#2', 'sso#3', 'sso#6', 'bka#4'],
    age: 35,
    threads: [
      {
        by: 'sso#1',
        title: 'Referat fra klyngemødet i oktober',
        body: 'Hovedpunkter:\n\n1. Fælles forløbsplaner for KOL-patienter\n2. Udskrivning fredag eftermiddag\n3. Næste møde i januar',
        tags: 'referat',
        replies: [
          {
            by: 'sso#3',
            body: 'Udskrivning om fredagen skal vi have på igen – det giver stadig problemer i hjemmeplejen.',
            reactions: 2,
          },
        ],
      },
    ],
    files: [
      {
        by: 'sso#1',
        name: 'Referat klyngemøde oktober.pdf',
        kind: 'pdf',
        lines: [
          'Referat – klyngemøde i Sundhedsklyngen',
          'Forløbsplaner for KOL',
          'Udskrivning fredag',
          'Næste møde i januar',
        ],
      },
    ],
  },
  {
    name: 'Ledergruppe Teknik og Miljø',
    purpose: 'Ledergruppens lukkede rum: budget, personale og sager, der endnu ikke er offentlige.',
    visibility: 'closed',
    owners: ['tm#0'],
    members: ['tm#2', 'tm#3', 'tm#5', 'tm#6'],
    age: 50,
    threads: [
      {
        by: 'tm#0',
        title: 'Budgetforslag 2027 – reduktioner',
        body: 'Vi skal finde 2,5 mio. kr. Forslag fra hver afdeling senest den 10. Behandles fortroligt, indtil direktionen har set det.',
        tags: 'budget',
        replies: [{ by: 'tm#3', body: 'Vej og Park kan foreslå reduceret vintertjeneste på boligveje.' }],
      },
    ],
  },
  {
    name: 'Budget 2027 – koordinering',
    purpose: 'Økonomi og Analyses koordinering af budgetprocessen med forvaltningerne.',
    visibility: 'closed',
    owners: ['oea#0'],
    members: ['sekretariat', 'oea#1', 'oea#3', 'bu#1', 'sso#1', 'tm#0'],
    age: 55,
    threads: [
      {
        by: 'oea#0',
        title: 'Tidsplan for budgetseminaret',
        body: 'Budgetseminaret holdes den 28.–29. august. @sekretariat booker lokaler.',
        tags: 'tidsplan',
        replies: [{ by: 'sekretariat', body: 'Lokalerne på Rådhuset er booket.' }],
      },
    ],
    files: [
      {
        by: 'oea#0',
        name: 'Budgetvejledning 2027.docx',
        kind: 'docx',
        lines: ['Budgetvejledning 2027', 'Frister', 'Skabeloner til reduktionsforslag', 'Kontaktpersoner'],
      },
    ],
  },
  {
    name: 'Byggesagsbehandling – faglig sparring',
    purpose: 'Sparring mellem byggesagsbehandlerne om fortolkning af bygningsreglementet og lokalplaner.',
    visibility: 'open',
    owners: ['sagsbehandler'],
    members: ['tm#4', 'tm#5', 'tm#7'],
    levels: { sagsbehandler: 'everything' },
    age: 25,
    threads: [
      {
        by: 'tm#4',
        title: 'Carport i skel – hvornår kræves naboorientering?',
        body: 'En borger vil bygge en carport 0,5 m fra skel. Skal naboen orienteres, når højden er under 2,5 m?',
        tags: 'carport skel',
        question: true,
        replies: [
          {
            by: 'sagsbehandler',
            body: 'Ikke hvis bebyggelsesregulerende bestemmelser overholdes. Men vi orienterer altid ved tvivl om højden.',
            accepted: true,
          },
        ],
      },
      {
        by: 'sagsbehandler',
        title: 'Ny praksis for ibrugtagningstilladelser',
        body: 'Fra 1. januar kræver vi færdigmelding med fotodokumentation. Skabelonen ligger i rummets filer.',
        tags: 'praksis',
        pinned: true,
      },
    ],
    files: [
      {
        by: 'sagsbehandler',
        name: 'Skabelon til færdigmelding.docx',
        kind: 'docx',
        lines: ['Færdigmelding af byggeri', 'Adresse og matrikel', 'Fotodokumentation', 'Underskrift'],
      },
    ],
  },
  {
    name: 'Ældreomsorg og velfærdsteknologi',
    purpose: 'Erfaringer med skærmbesøg, spiserobotter og sensorer i hjemmeplejen.',
    visibility: 'open',
    owners: ['sso#2'],
    members: ['sso#4', 'sso#5', 'oea#2'],
    age: 20,
    threads: [
      {
        by: 'sso#2',
        title: 'Skærmbesøg om aftenen – erfaringer?',
        body: 'Vi vil prøve skærmbesøg i aftenvagten. Hvilke borgere har I haft gode erfaringer med?',
        tags: 'skærmbesøg',
        question: true,
        replies: [
          {
            by: 'sso#4',
            body: 'Især borgere med faste medicintider. Det frigør tid til dem, der har brug for fysisk besøg.',
          },
        ],
      },
    ],
  },
  {
    name: 'Trivsel og arbejdsmiljø',
    purpose: 'Arbejdsmiljørepræsentanternes rum på tværs af forvaltningerne.',
    visibility: 'open',
    owners: ['oea#5'],
    members: ['medarbejder', 'bu#5', 'sso#6', 'tm#7', 'bka#2'],
    age: 15,
    threads: [
      {
        by: 'oea#5',
        title: 'Trivselsmålingen 2026 – resultater',
        body: 'Resultaterne er klar. Den samlede trivsel er steget en smule; sygefraværet er faldet i tre af fem forvaltninger.',
        tags: 'trivselsmåling',
        reactions: 5,
      },
    ],
  },
  {
    name: 'Informationssikkerhed og GDPR',
    purpose: 'Spørgsmål om informationssikkerhed, databeskyttelse og sikker håndtering af personoplysninger.',
    visibility: 'open',
    owners: ['admin'],
    members: ['journal', 'sagsbehandler', 'oea#3', 'bu#2', 'sso#3'],
    age: 28,
    threads: [
      {
        by: 'bu#2',
        title: 'Må vi sende CPR-numre på mail internt?',
        body: 'En kollega sendte et CPR-nummer i en almindelig mail. Er det i orden, når det er internt?',
        tags: 'gdpr cpr',
        question: true,
        replies: [
          {
            by: 'admin',
            body: 'Nej – brug sikker mail, eller læg oplysningen på sagen og send et link. Sagen sørger for adgangskontrol og logning.',
            accepted: true,
            reactions: 4,
          },
          { by: 'journal', body: 'Og husk: et link til en fortrolig sag virker kun for dem i adgangsgruppen.' },
        ],
      },
    ],
  },
  {
    name: 'Borgerservice – fælles vidensdeling',
    purpose: 'Borgerservice, Jobcenter og Biblioteker deler viden om henvendelser, pas, kørekort og selvbetjening.',
    visibility: 'open',
    owners: ['bka#0'],
    members: ['medarbejder', 'bka#1', 'bka#4', 'bka#5'],
    age: 22,
    threads: [
      {
        by: 'medarbejder',
        title: 'Lange ventetider på pas før sommerferien',
        body: 'Vi kan se flere bestillinger end sidste år. Skal vi åbne ekstra tider i maj?',
        tags: 'pas åbningstider',
        replies: [{ by: 'bka#0', body: 'Ja, vi åbner to ekstra eftermiddage om ugen i maj og juni.', reactions: 3 }],
      },
    ],
  },
  {
    name: 'Kommunalvalg 2025 – afvikling',
    purpose: 'Planlægning og afvikling af kommunalvalget 2025. Arkiveret efter valget.',
    visibility: 'open',
    owners: ['sekretariat'],
    members: ['medarbejder', 'oea#4', 'bka#2'],
    archived: true,
    age: 120,
    threads: [
      {
        by: 'sekretariat',
        title: 'Evaluering af valgafviklingen',
        body: 'Tak for indsatsen! Evalueringen viser, at brevstemmeafgivningen gik fint, men at der manglede tilforordnede på to valgsteder.',
        tags: 'evaluering',
        replies: [{ by: 'medarbejder', body: 'Vi foreslår en reserveliste til næste valg.' }],
      },
    ],
  },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Moves an instant into office hours, keeping the order of instants: each weekday is squeezed
 * into 08.00–16.30 and a weekend into Monday 07.00–08.00 (Copenhagen winter time; an hour later
 * in summer, which is still a working day).
 */
export function officeHours(ms: number): number {
  const local = ms + HOUR;
  const day = Math.floor(local / DAY) * DAY;
  const frac = (local - day) / DAY;
  const weekday = new Date(day).getUTCDay();
  let out: number;
  if (weekday === 6 || weekday === 0) {
    const monday = day + (weekday === 6 ? 2 : 1) * DAY;
    out = monday + 7 * HOUR + ((weekday === 6 ? frac : 1 + frac) / 2) * HOUR;
  } else out = day + 8 * HOUR + frac * 8.5 * HOUR;
  return Math.floor(out - HOUR);
}

/** The directorate each unit belongs to, by the directorate keys of demo-org.ts. */
async function directorateKeys(tx: Database): Promise<Map<number, string>> {
  const units = await tx.db.selectFrom('org_units').select(['id', 'parent_id', 'kind', 'name']).execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const keyOfName = new Map(DIRECTORATES.map((d) => [d.name, d.key]));
  const out = new Map<number, string>();
  for (const u of units) {
    let cur: (typeof units)[number] | undefined = u;
    while (cur && cur.kind !== 'directorate') cur = cur.parent_id != null ? byId.get(cur.parent_id) : undefined;
    const key = cur ? keyOfName.get(cur.name) : undefined;
    if (key) out.set(u.id, key);
  }
  return out;
}

export interface SeedRoomsSummary {
  rooms: number;
  threads: number;
  posts: number;
  files: number;
}

/** Loads the demo rooms. `tx` may be a transaction (writeTransaction's handle) or the database. */
export async function seedRooms(tx: Database, ctx: RoomSeedContext): Promise<SeedRoomsSummary> {
  const r = ctx.random;
  const demoNames = new Set(['admin', 'sagsbehandler', 'journal', 'sekretariat', 'politiker', 'medarbejder']);
  const keys = await directorateKeys(tx);
  const byUsername = new Map(ctx.users.map((u) => [u.username, u]));
  const staff = new Map<string, RoomSeedUser[]>();
  for (const u of [...ctx.users].sort((a, b) => a.username.localeCompare(b.username))) {
    const key = u.org_unit_id != null ? keys.get(u.org_unit_id) : undefined;
    if (key && !demoNames.has(u.username)) staff.set(key, [...(staff.get(key) ?? []), u]);
  }
  const who = (w: Who): RoomSeedUser => {
    const [key, n] = w.split('#');
    if (n === undefined) {
      const u = byUsername.get(w);
      if (!u) throw new Error(`seedRooms: no user ${w}`);
      return u;
    }
    const pool = staff.get(key!) ?? [];
    if (!pool.length) throw new Error(`seedRooms: nobody in directorate ${key}`);
    return pool[Number(n) % pool.length]!;
  };

  const now = Date.now();
  // Nothing later than the last office-hours instant before now (officeHours keeps order, so
  // the last instant it maps to before now is found by halving).
  let lo = now - 30 * DAY;
  let hi = now + 3 * DAY;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (officeHours(mid) <= now - 60_000) lo = mid;
    else hi = mid;
  }
  const latest = officeHours(lo);
  const iso = (ms: number) => new Date(Math.min(officeHours(ms), latest)).toISOString();
  const summary: SeedRoomsSummary = { rooms: 0, threads: 0, posts: 0, files: 0 };

  for (const spec of ROOMS) {
    let clock = now - spec.age * 86_400_000;
    // The room's steps (below) spread over most of its age, so that rooms created long ago are
    // still active and the newest posts are days, not weeks, old.
    const planned =
      spec.members.length * 6 +
      spec.threads.reduce((h, th) => h + 30 + (th.replies?.length ?? 0) * 8, 0) +
      (spec.files ?? []).reduce((h, f) => h + 12 + (f.revised ? 24 : 0), 0) +
      (spec.archived ? 48 : 0);
    const pace = (spec.age * 24 * 0.7) / Math.max(planned, 1);
    const step = (hours: number) => (clock += Math.floor((0.5 + r()) * hours * pace * 3_600_000));
    const created = iso(clock);
    const owners = [...new Set(spec.owners.map((w) => who(w).id))];
    const members = [...new Set(spec.members.map((w) => who(w).id))].filter((id) => !owners.includes(id));
    const { id: roomId } = await tx.db
      .insertInto('rooms')
      .values({
        name: spec.name,
        purpose: spec.purpose,
        visibility: spec.visibility,
        member_count: owners.length + members.length,
        thread_count: spec.threads.length,
        created_by: owners[0]!,
        created_at: created,
        updated_at: created,
        last_activity_at: created,
        archived_at: null,
        archived_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    summary.rooms++;
    const levelOf = (id: string): RoomLevel => {
      for (const [w, level] of Object.entries(spec.levels ?? {})) if (who(w).id === id) return level;
      return 'mentions';
    };
    await tx.db
      .insertInto('room_members')
      .values([
        ...owners.map((id) => ({
          room_id: roomId,
          user_id: id,
          role: 'owner' as const,
          level: levelOf(id),
          joined_at: created,
        })),
        ...members.map((id) => ({
          room_id: roomId,
          user_id: id,
          role: 'member' as const,
          level: levelOf(id),
          joined_at: iso(step(6)),
        })),
      ])
      .execute();
    const everyone = [...owners, ...members];

    const react = async (postId: number, count: number) => {
      const given = new Set<string>();
      for (let i = 0; i < count && i < everyone.length * 2; i++) {
        const userId = everyone[Math.floor(r() * everyone.length)]!;
        const kind = REACTION_KINDS[Math.floor(r() * (r() < 0.6 ? 1 : REACTION_KINDS.length))]!;
        if (given.has(`${userId}:${kind}`)) continue;
        given.add(`${userId}:${kind}`);
        await tx.db
          .insertInto('post_reactions')
          .values({ post_id: postId, user_id: userId, kind, created_at: iso(clock + 3_600_000) })
          .execute();
      }
    };

    for (const th of spec.threads) {
      const author = who(th.by);
      const at = iso(step(30));
      const rendered = await renderPost(tx, th.body);
      const tags = (th.tags ?? '').split(' ').filter(Boolean);
      const { id: threadId } = await tx.db
        .insertInto('threads')
        .values({
          room_id: roomId,
          title: th.title,
          author_id: author.id,
          tags: tags.join(' '),
          is_question: th.question ? 1 : 0,
          accepted_post_id: null,
          accepted_by: null,
          pinned: th.pinned ? 1 : 0,
          locked: 0,
          hidden: 0,
          reply_count: th.replies?.length ?? 0,
          last_reply_at: null,
          last_activity_at: at,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      summary.threads++;
      await saveTags(tx, threadId, roomId, tags);
      await follow(tx, roomId, author.id, threadId);
      const post = (by: RoomSeedUser, first: boolean, html: string, text: string, md: string, at: string) =>
        tx.db
          .insertInto('posts')
          .values({
            thread_id: threadId,
            room_id: roomId,
            author_id: by.id,
            is_first: first ? 1 : 0,
            title: first ? th.title : '',
            body_md: md,
            body_html: html,
            body_text: text,
            quoted_post_id: null,
            hidden: 0,
            hidden_by: null,
            hidden_at: null,
            created_at: at,
            edited_at: null,
            edited_by: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
      const first = await post(author, true, rendered.html, rendered.text, th.body, at);
      summary.posts++;
      if (th.reactions) await react(first.id, th.reactions);
      let last = at;
      let accepted: number | null = null;
      for (const reply of th.replies ?? []) {
        last = iso(step(8));
        const rr = await renderPost(tx, reply.body);
        const p = await post(who(reply.by), false, rr.html, rr.text, reply.body, last);
        summary.posts++;
        if (reply.accepted) accepted = p.id;
        if (reply.reactions) await react(p.id, reply.reactions);
      }
      await tx.db
        .updateTable('threads')
        .set({
          last_reply_at: th.replies?.length ? last : null,
          last_activity_at: last,
          accepted_post_id: accepted,
          accepted_by: accepted ? author.id : null,
        })
        .where('id', '=', threadId)
        .execute();
    }

    for (const f of spec.files ?? []) {
      const by = who(f.by);
      const make = (lines: string[]) => (f.kind === 'pdf' ? makePdf(lines, { title: lines[0] }) : makeDocx(lines));
      const mime =
        f.kind === 'pdf'
          ? 'application/pdf'
          : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      const versions = [f.lines, ...(f.revised ? [f.revised] : [])];
      const at = iso(step(12));
      const { id: fileId } = await tx.db
        .insertInto('room_files')
        .values({
          room_id: roomId,
          title: f.name.replace(/\.[^.]+$/, ''),
          current_version: versions.length,
          created_by: by.id,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [i, lines] of versions.entries()) {
        const bytes = await make(lines);
        const sha = await ctx.blobs.put(tx, bytes);
        const vAt = i === 0 ? at : iso(step(24));
        await tx.db
          .insertInto('room_file_versions')
          .values({
            file_id: fileId,
            version: i + 1,
            blob_sha256: sha,
            filename: f.name,
            mime,
            size: bytes.length,
            note: i ? 'Rettet efter kommentarer' : null,
            created_by: by.id,
            created_at: vAt,
            case_id: null,
            case_document_id: null,
            sent_at: null,
            sent_by: null,
          })
          .execute();
        if (i) await tx.db.updateTable('room_files').set({ updated_at: vAt }).where('id', '=', fileId).execute();
      }
      summary.files++;
    }
    const archivedAt = spec.archived ? iso(step(48)) : null;
    await tx.db
      .updateTable('rooms')
      .set({
        last_activity_at: iso(clock),
        updated_at: iso(clock),
        archived_at: archivedAt,
        archived_by: archivedAt ? owners[0]! : null,
      })
      .where('id', '=', roomId)
      .execute();
  }
  return summary;
}

// --- Scale ----------------------------------------------------------------------------------------

export interface ScaleRoomsOptions {
  rooms: number;
  posts: number;
  users: Array<{ id: string }>;
  random: () => number;
  /** Replies in the thread measured by the bench (at least 200). */
  benchReplies?: number;
  log?: (msg: string) => void;
}

export interface ScaleRoomsResult {
  rooms: number;
  threads: number;
  posts: number;
  /** The open room and its long thread, for the bench: /rooms/<roomId> and /rooms/<roomId>/threads/<threadId>. */
  benchRoomId: number;
  benchThreadId: number;
}

const SCALE_WORDS = (
  'kommunen borger sagen ansøgning afgørelse møde aftale frist klage høring bilag notat referat beslutning udvalg afdeling projekt ' +
  'plan budget økonomi tilskud vejledning dokument skabelon journalisering adgang søgning notifikation fil version tråd svar spørgsmål ' +
  'carport tilbygning lokalplan servitut matrikel hjælpemiddel visitation hjemmehjælp genoptræning dagtilbud vuggestue skolebus lejrskole ' +
  'regnskab tillægsbevilling udbud tilbud miljøtilsyn spildevand affald genbrug grundvand vandløb naturpleje cykelsti vejbelysning ' +
  'trafiksikkerhed parkering vintertjeneste aktindsigt tavshedspligt notatpligt begrundelse klagevejledning påmindelse dokumentation ' +
  'forening virksomhed sekretariat tegning situationsplan dagsorden protokol byggetilladelse dispensation skærmbesøg velfærdsteknologi ' +
  'sundhedspleje demens rehabilitering bostøtte jobcenter praktik løntilskud sygedagpenge ressourceforløb fleksjob skybrud klimatilpasning'
).split(' ');
const SCALE_TOPICS = [
  'Spørgsmål om',
  'Erfaringer med',
  'Status på',
  'Hjælp til',
  'Idé:',
  'Opfølgning på',
  'Vejledning i',
  'Drøftelse af',
];
const SCALE_ROOMS = [
  'Netværk for',
  'Projektgruppe',
  'Faglig sparring om',
  'Arbejdsgruppe for',
  'Forum for',
  'Tværgående team om',
];

/**
 * Bulk-loads rooms, threads and posts straight through better-sqlite3 (for `npm run seed:scale`):
 * big transactions, the posts' full-text triggers dropped during the load and the index rebuilt
 * once at the end (the triggers are re-created from their own stored SQL). Room 1 of the load is
 * an open room whose newest thread has `benchReplies` (≥ 200) replies: the bench measures its
 * front page and that thread. Post text is plain words in paragraphs, so its HTML is made
 * directly (what renderMarkdown gives for such text).
 */
export function seedScaleRooms(sqlite: SQLite.Database, opts: ScaleRoomsOptions): ScaleRoomsResult {
  const r = opts.random;
  const log = opts.log ?? (() => {});
  const users = opts.users.map((u) => u.id);
  if (!users.length) throw new Error('seedScaleRooms: no users');
  const benchReplies = Math.max(200, opts.benchReplies ?? 220);
  const totalPosts = Math.max(opts.posts, benchReplies + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const words = (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(pick(SCALE_WORDS));
    return out;
  };
  const sentence = () => {
    const w = words(6 + Math.floor(r() * 10));
    w[0] = w[0]![0]!.toUpperCase() + w[0]!.slice(1);
    return `${w.join(' ')}.`;
  };
  const body = () => {
    const paragraphs: string[] = [];
    const count = 1 + Math.floor(r() * 3);
    for (let p = 0; p < count; p++) {
      const s: string[] = [];
      for (let i = 0; i < 1 + Math.floor(r() * 3); i++) s.push(sentence());
      paragraphs.push(s.join(' '));
    }
    // Plain words and full stops only: no Markdown syntax and nothing to escape.
    return {
      md: paragraphs.join('\n\n'),
      html: paragraphs.map((p) => `<p>${p}</p>\n`).join(''),
      text: paragraphs.join('\n\n'),
    };
  };

  const triggers = sqlite
    .prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'posts'")
    .all() as Array<{ name: string; sql: string }>;
  for (const t of triggers) sqlite.exec(`drop trigger if exists ${t.name}`);

  const insertRoom =
    sqlite.prepare(`insert into rooms (name, purpose, visibility, member_count, thread_count, created_by, created_at, updated_at, last_activity_at, archived_at, archived_by)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, null, null)`);
  const insertMember = sqlite.prepare(
    'insert or ignore into room_members (room_id, user_id, role, level, joined_at) values (?, ?, ?, ?, ?)',
  );
  const insertThread =
    sqlite.prepare(`insert into threads (room_id, title, author_id, tags, is_question, accepted_post_id, accepted_by, pinned, locked, hidden, reply_count, last_reply_at, last_activity_at, created_at, updated_at)
    values (?, ?, ?, ?, ?, null, null, 0, 0, 0, 0, null, ?, ?, ?)`);
  const insertTag = sqlite.prepare('insert or ignore into thread_tags (thread_id, room_id, tag) values (?, ?, ?)');
  const insertPost =
    sqlite.prepare(`insert into posts (thread_id, room_id, author_id, is_first, title, body_md, body_html, body_text, quoted_post_id, hidden, hidden_by, hidden_at, created_at, edited_at, edited_by)
    values (?, ?, ?, ?, ?, ?, ?, ?, null, 0, null, null, ?, null, null)`);
  const finishThread = sqlite.prepare(
    'update threads set reply_count = ?, last_reply_at = ?, last_activity_at = ?, accepted_post_id = ?, accepted_by = ? where id = ?',
  );
  const finishRoom = sqlite.prepare(
    'update rooms set thread_count = ?, last_activity_at = ?, updated_at = ? where id = ?',
  );

  const now = Date.now();
  const span = 2 * 365 * 86_400_000;
  let posts = 0;
  let threads = 0;
  let benchRoomId = 0;
  let benchThreadId = 0;
  // Posts still to place outside the bench thread, shared out evenly over the rooms left.
  let postsLeft = totalPosts - benchReplies - 1;

  /** One thread with `replies` replies between `start` and `end` (ms); returns its last activity. */
  const thread = (
    roomId: number,
    start: number,
    end: number,
    replies: number,
    roomMembers: string[],
  ): { id: number; last: number } => {
    const author = pick(roomMembers);
    const title = `${pick(SCALE_TOPICS)} ${words(2 + Math.floor(r() * 3)).join(' ')}`;
    const question = r() < 0.4;
    const created = new Date(start).toISOString();
    // The tag is written to both places a thread keeps it (shown from threads.tags, filtered by thread_tags).
    const tag = r() < 0.3 ? pick(SCALE_WORDS) : null;
    const id = Number(
      insertThread.run(roomId, title, author, tag ?? '', question ? 1 : 0, created, created, created).lastInsertRowid,
    );
    if (tag) insertTag.run(id, roomId, tag);
    const b = body();
    insertPost.run(id, roomId, author, 1, title, b.md, b.html, b.text, created);
    let last = start;
    let accepted: number | null = null;
    const gap = replies ? (end - start) / replies : 0;
    for (let i = 0; i < replies; i++) {
      last = Math.floor(start + gap * (i + 1));
      const rb = body();
      const postId = Number(
        insertPost.run(id, roomId, pick(roomMembers), 0, '', rb.md, rb.html, rb.text, new Date(last).toISOString())
          .lastInsertRowid,
      );
      if (question && accepted === null && r() < 0.3) accepted = postId;
    }
    const lastIso = new Date(last).toISOString();
    finishThread.run(replies, replies ? lastIso : null, lastIso, accepted, accepted ? author : null, id);
    posts += replies + 1;
    threads++;
    return { id, last };
  };

  const load = sqlite.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const bench = n === 0;
      const created = now - span + Math.floor(r() * (span / 2));
      const memberCount = 3 + Math.floor(r() * 10);
      const roomMembers = [...new Set(Array.from({ length: memberCount }, () => pick(users)))];
      const name = bench
        ? 'Samspil – erfaringsudveksling (stor tråd)'
        : `${pick(SCALE_ROOMS)} ${words(2).join(' ')} ${n}`;
      const visibility = bench || r() < 0.7 ? 'open' : 'closed';
      const createdIso = new Date(created).toISOString();
      const roomId = Number(
        insertRoom.run(
          name,
          sentence(),
          visibility,
          roomMembers.length,
          0,
          roomMembers[0]!,
          createdIso,
          createdIso,
          createdIso,
        ).lastInsertRowid,
      );
      roomMembers.forEach((u, i) => insertMember.run(roomId, u, i === 0 ? 'owner' : 'member', 'mentions', createdIso));
      let budget = Math.max(1, Math.ceil(postsLeft / (opts.rooms - n)));
      postsLeft -= budget;
      let roomThreads = 0;
      let last = created;
      while (budget > 0) {
        const replies = Math.min(budget - 1, Math.floor(r() * r() * 30));
        const start = created + Math.floor(r() * (now - created - 86_400_000));
        const end = Math.min(now - 60_000, start + Math.floor(r() * 20 * 86_400_000));
        const t = thread(roomId, start, end, replies, roomMembers);
        last = Math.max(last, t.last);
        budget -= replies + 1;
        roomThreads++;
      }
      if (bench) {
        // The bench thread: the room's newest, with its replies over the last days.
        const t = thread(roomId, now - 10 * 86_400_000, now - 60_000, benchReplies, roomMembers);
        benchRoomId = roomId;
        benchThreadId = t.id;
        last = Math.max(last, t.last);
        roomThreads++;
      }
      const lastIso = new Date(last).toISOString();
      finishRoom.run(roomThreads, lastIso, lastIso, roomId);
    }
  });

  const batch = 200;
  for (let done = 0; done < opts.rooms; done += batch) {
    load(done, Math.min(opts.rooms, done + batch));
    log(`${Math.min(opts.rooms, done + batch).toLocaleString('da-DK')} rooms, ${posts.toLocaleString('da-DK')} posts`);
  }
  log('rebuilding the posts full-text index');
  const hasFts = sqlite.prepare("select 1 from sqlite_master where name = 'posts_fts'").get();
  if (hasFts) sqlite.exec("insert into posts_fts(posts_fts) values ('rebuild')");
  for (const t of triggers) sqlite.exec(t.sql);
  log(
    `rooms done: ${opts.rooms} rooms, ${threads} threads, ${posts} posts; bench: /rooms/${benchRoomId} and /rooms/${benchRoomId}/threads/${benchThreadId}`,
  );
  return { rooms: opts.rooms, threads, posts, benchRoomId, benchThreadId };
}
