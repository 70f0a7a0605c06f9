import { appendAudit } from '../src/audit/service.ts';
import { markdownToText } from '../src/content/markdown.ts';
import type { Database } from '../src/db/index.ts';
import type { BlobStore } from '../src/files/blobs.ts';
import { unitsCovered } from '../src/modules/news/index.ts';
import { REACTION_KINDS } from '../src/modules/news/index.ts';
import { makePng } from './files.ts';

/**
 * The demo municipality's intranet news: about fifteen items over the last two months, from HR,
 * IT, the mayor, Teknik og Miljø and others; some for everyone, some for a directorate or a
 * unit; two pinned; three "must read" with receipts (so the report shows who has and has not
 * read, one of them in its second version); one scheduled and one already unpublished; two with
 * an image (a PNG made by seeds/files.ts); comments and reactions. Deterministic with `random`.
 *
 * Run inside the seed's transaction, after the organisation and people exist.
 */

type Rand = () => number;

export interface NewsSeedContext {
  blobs: BlobStore;
  random: Rand;
  users: Array<{ id: string; display_name: string; org_unit_id: number | null; username: string }>;
  /** Unit keys from seeds/demo-org.ts (hr, digi, byggeri, vej, borgerservice, …) to ids. */
  unitIds: Map<string, number>;
  /** The editor who writes the news (the demo account `sekretariat`). */
  editorId: string;
}

/** The town hall under a morning sky: a gradient, a lawn, a brick building with windows and a tower. */
export function townHallPng(width = 960, height = 480): Buffer {
  return makePng(width, height, (x, y) => {
    const ground = height * 0.78;
    const left = width * 0.22;
    const right = width * 0.78;
    const roof = height * 0.42;
    const towerL = width * 0.46;
    const towerR = width * 0.54;
    const towerTop = height * 0.16;
    if (y >= ground) return [74 + ((x * 7 + y * 3) % 9), 140 + ((x + y) % 11), 72];
    const inTower = x >= towerL && x < towerR && y >= towerTop;
    const inBody = x >= left && x < right && y >= roof;
    if (inTower || inBody) {
      const clock = Math.hypot(x - width / 2, y - height * 0.24) < width * 0.022;
      if (clock) return [240, 236, 220];
      const wx = (x - left) % (width * 0.06);
      const wy = (y - roof) % (height * 0.12);
      const window =
        inBody &&
        !inTower &&
        wx > width * 0.02 &&
        wx < width * 0.045 &&
        wy > height * 0.03 &&
        wy < height * 0.09 &&
        y < ground - height * 0.04;
      if (window) return [214, 232, 245];
      const mortar = y % 9 === 0 || (x + (Math.floor(y / 9) % 2) * 6) % 14 === 0;
      return mortar ? [150, 70, 55] : [178, 86, 64];
    }
    const roofRidge =
      y >= roof - height * 0.06 && y < roof && x >= left - 10 + (roof - y) && x < right + 10 - (roof - y);
    if (roofRidge) return [60, 70, 82];
    const t = y / ground;
    return [Math.round(120 + 100 * t), Math.round(170 + 60 * t), Math.round(225 + 20 * t)];
  });
}

/** A plain bar chart (the budget's main areas), no text: the alt text says what it shows. */
export function budgetChartPng(width = 960, height = 480): Buffer {
  const bars = [0.82, 0.64, 0.46, 0.3, 0.22, 0.14];
  const colours: Array<[number, number, number]> = [
    [24, 76, 120],
    [42, 118, 176],
    [74, 147, 200],
    [125, 182, 220],
    [174, 211, 235],
    [213, 233, 245],
  ];
  const base = height * 0.88;
  const top = height * 0.08;
  const slot = (width * 0.84) / bars.length;
  return makePng(width, height, (x, y) => {
    if (y >= base && y < base + 3 && x > width * 0.06) return [40, 40, 40];
    const i = Math.floor((x - width * 0.08) / slot);
    if (i >= 0 && i < bars.length) {
      const within = (x - width * 0.08) % slot;
      const barTop = base - (base - top) * bars[i]!;
      if (within > slot * 0.15 && within < slot * 0.85 && y >= barTop && y < base) return colours[i]!;
    }
    if (Math.round((base - y) / ((base - top) / 4)) * ((base - top) / 4) === Math.round(base - y) && y < base)
      return [226, 232, 240];
    return [255, 255, 255];
  });
}

// --- The items -----------------------------------------------------------------------------------

interface Item {
  title: string;
  summary: string;
  body: string;
  daysAgo: number;
  hour?: number;
  /** Unit keys (demo-org) or `dir:<unit key>` for the directorate above that unit; none = everyone. */
  audience?: string[];
  pinned?: boolean;
  mustRead?: boolean;
  /** Must-read items edited substantially once (version 2). */
  version?: number;
  image?: { png: () => Buffer; alt: string };
  /** Unpublished this many days ago. */
  unpublishedDaysAgo?: number;
  /** Comments in order: from someone on the staff, or the editor answering. */
  comments?: Array<[who: 'staff' | 'editor', text: string]>;
}

const ITEMS: Item[] = [
  {
    title: 'Velkommen til Samspil – kommunens nye fælles arbejdsplads',
    summary:
      'Intranet, sager og dokumenter, møder og samarbejdsrum samles nu ét sted. Her er det vigtigste, du skal vide.',
    body: `Fra i dag afløser **Samspil** det gamle intranet og det gamle ESDH-system. Du logger ind med dit sædvanlige brugernavn.

## Det får du
- Nyheder til dig og din afdeling på forsiden
- Sager og dokumenter med journalisering og aktindsigt
- Dagsordener og referater fra udvalgene
- Samarbejdsrum på tværs af afdelinger

## Hjælp og support
Har du spørgsmål, så kontakt IT-servicedesken på lokal 1000 eller skriv til [it@skovlund.dk](mailto:it@skovlund.dk). Vi holder åbent hus i kantinen hver torsdag kl. 13–14 resten af året.

Med venlig hilsen\\
Digitalisering og IT`,
    daysAgo: 58,
    hour: 8,
    pinned: true,
    image: { png: () => townHallPng(), alt: 'Tegning af Skovlund Rådhus med klokketårn under en lys morgenhimmel.' },
    comments: [
      ['staff', 'Endelig! Det bliver dejligt at have det hele ét sted.'],
      ['staff', 'Virker det også på telefonen?'],
      ['editor', 'Ja – Samspil virker i alle browsere, også på telefon og tablet.'],
    ],
  },
  {
    title: 'Julelukning: Rådhuset holder lukket 24. december – 1. januar',
    summary:
      'Borgerservice har åbent for akutte henvendelser 27.–30. december kl. 10–12. Husk at planlægge vagter og afløsning.',
    body: `Rådhuset og de fleste administrative arbejdspladser holder lukket fra **24. december til og med 1. januar**.

Borgerservice har telefonisk åbent for akutte henvendelser 27.–30. december kl. 10–12. Hjemmeplejen, døgninstitutionerne og vagtordningerne kører som normalt.

Ledere bedes sikre, at vagt- og afløsningsplaner er på plads senest 15. december.

Glædelig jul og godt nytår.

*Borgmester og direktion*`,
    daysAgo: 2,
    hour: 9,
    pinned: true,
  },
  {
    title: 'Ny politik for informationssikkerhed – læs og bekræft',
    summary:
      'Byrådet har vedtaget en ny politik for informationssikkerhed. Alle medarbejdere skal læse den og bekræfte det senest 15. december.',
    body: `Byrådet har vedtaget en opdateret politik for informationssikkerhed. Den gælder for alle medarbejdere.

## Det vigtigste
1. Del aldrig dit kodeord – heller ikke med IT-servicedesken.
2. Personoplysninger sendes kun med sikker mail eller Digital Post.
3. Lås skærmen, når du forlader din plads (Windows-tast + L).
4. Mistænkelige mails videresendes til [sikkerhed@skovlund.dk](mailto:sikkerhed@skovlund.dk) og slettes derefter.

## Hvorfor skal jeg bekræfte?
Vi skal kunne dokumentere over for revisionen, at alle kender reglerne. Tryk på knappen nederst, når du har læst politikken.

I version 2 er afsnittet om brug af private telefoner præciseret.

Med venlig hilsen\\
Informationssikkerhedsfunktionen, Digitalisering og IT`,
    daysAgo: 20,
    hour: 10,
    mustRead: true,
    version: 2,
    comments: [
      ['staff', 'Gælder punkt 2 også for interne mails mellem afdelinger?'],
      ['editor', 'Ja, når mailen indeholder fortrolige personoplysninger.'],
    ],
  },
  {
    title: 'Ændrede regler for kørselsgodtgørelse fra 1. januar',
    summary: 'Kørsel i egen bil registreres fremover i den digitale kørebog. Gælder alle i Social, Sundhed og Omsorg.',
    body: `Fra 1. januar registreres al kørsel i egen bil i den **digitale kørebog**. Papirblanketten udgår.

- Registrér turen senest fem hverdage efter kørslen
- Angiv start- og slutadresse – ikke kun postnummer
- Godtgørelsen følger Skatterådets takst

Kontakt din leder eller Løn i HR og Personale, hvis du har spørgsmål.`,
    daysAgo: 12,
    hour: 13,
    audience: ['dir:hjemmepleje'],
    mustRead: true,
  },
  {
    title: 'Ny sikkerhedsinstruks for arbejde på og ved vej',
    summary:
      'Instruksen om afmærkning og sikkerhedsudstyr er opdateret efter en nærved-hændelse på Skovvej. Alle i Vej og Park skal bekræfte.',
    body: `Efter nærved-hændelsen på Skovvej i oktober har arbejdsmiljøgruppen opdateret instruksen for arbejde på og ved vej.

## Nyt i instruksen
- Refleksvest i klasse 3 ved alle opgaver på kørebanen
- Afmærkningsplan godkendes, før arbejdet går i gang – også ved korte opgaver
- Arbejde i mørke kræver to personer

Instruksen ligger i bilen og på værkstedet.`,
    daysAgo: 6,
    hour: 7,
    audience: ['vej'],
    mustRead: true,
  },
  {
    title: 'Borgmesteren: Tak for jeres indsats under stormen',
    summary: 'Stormen i sidste uge krævede en ekstraordinær indsats fra mange af jer. En stor tak fra byrådet.',
    body: `Kære alle medarbejdere

Stormen i sidste uge satte kommunen på prøve. Vej og Park ryddede veje hele natten, hjemmeplejen nåede frem til alle borgere, og Borgerservice tog imod hundredvis af opkald.

Jeg er imponeret over, hvordan I hjalp hinanden på tværs af afdelinger. **Tak.**

Venlig hilsen\\
Borgmesteren`,
    daysAgo: 33,
    hour: 15,
    comments: [['staff', 'Tak for de pæne ord – det var en lang nat.']],
  },
  {
    title: 'Budget 2027 er vedtaget',
    summary:
      'Byrådet har vedtaget budgettet for 2027. Der er afsat flere penge til ældreområdet og til klimatilpasning.',
    body: `Byrådet vedtog budget 2027 ved andenbehandlingen i oktober.

| Område | Ændring |
|---|---|
| Ældre og sundhed | + 18 mio. kr. |
| Klimatilpasning | + 9 mio. kr. |
| Administration | − 4 mio. kr. |

Økonomi og Analyse holder orienteringsmøder for lederne i alle forvaltninger i løbet af de næste to uger.`,
    daysAgo: 40,
    hour: 11,
    image: {
      png: () => budgetChartPng(),
      alt: 'Søjlediagram over budget 2027 fordelt på seks hovedområder, hvor ældre og sundhed er det største.',
    },
  },
  {
    title: 'Vejarbejde på Østergade: Ny adgang til Rådhuset',
    summary: 'Fra mandag er hovedindgangen lukket i tre uger. Brug indgangen fra parkeringspladsen ved Kirkestræde.',
    body: `Forsyningen udskifter kloakledninger på Østergade. Hovedindgangen til Rådhuset er derfor lukket i tre uger.

Brug indgangen fra parkeringspladsen ved Kirkestræde. Der er skiltet fra busstoppestedet.

*Teknik og Miljø*`,
    daysAgo: 15,
    hour: 8,
  },
  {
    title: 'Lønsedler kommer i Digital Post fra december',
    summary: 'Fra december-lønnen sendes lønsedlen kun digitalt. Du skal ikke gøre noget.',
    body: `Fra lønnen for december sendes lønsedler kun til **Digital Post**. Er du fritaget for Digital Post, får du fortsat lønsedlen med posten.

Spørgsmål til din løn stilles til Løn i HR og Personale.`,
    daysAgo: 9,
    hour: 12,
  },
  {
    title: 'Influenzavaccination for medarbejdere',
    summary: 'Alle medarbejdere kan blive vaccineret gratis i Sundhedshuset i uge 49 og 50.',
    body: `Sundhed og Forebyggelse tilbyder gratis influenzavaccination til alle medarbejdere.

- **Hvor:** Sundhedshuset, Stationsvej 4
- **Hvornår:** tirsdag og torsdag kl. 8–15 i uge 49 og 50
- Tidsbestilling er ikke nødvendig`,
    daysAgo: 4,
    hour: 9,
  },
  {
    title: "Windows-opdatering på alle pc'er i uge 48",
    summary: "Lad pc'en være tændt og logget af torsdag aften, så opdateringen kan køre om natten.",
    body: `Digitalisering og IT opdaterer Windows på alle kommunens pc'er natten mellem torsdag og fredag i uge 48.

Lad din pc være **tændt og logget af**, når du går hjem torsdag. Opdateringen tager op til en time.`,
    daysAgo: 1,
    hour: 14,
  },
  {
    title: 'Ny skoleudviklingsplan er vedtaget',
    summary: 'Børne- og Skoleudvalget har vedtaget planen for de næste fire år med fokus på trivsel og inklusion.',
    body: `Planen bygger på input fra skolebestyrelser, elevråd og medarbejdere. Skole og Uddannelse holder dialogmøder med alle skoler i januar.

Læs hele planen i udvalgets dagsorden fra november.`,
    daysAgo: 26,
    hour: 10,
    audience: ['dir:skole'],
  },
  {
    title: 'Borgerservice får nye åbningstider',
    summary: 'Fra 1. januar åbner Borgerservice kl. 9 alle hverdage og har åbent til kl. 17 om torsdagen.',
    body: `De nye åbningstider er:

- Mandag–onsdag og fredag kl. 9–14
- Torsdag kl. 9–17

Tidsbestilling til pas og kørekort sker fortsat på skovlund.dk.`,
    daysAgo: 18,
    hour: 13,
    audience: ['dir:borgerservice'],
  },
  {
    title: 'Julefrokost i Teknik og Miljø',
    summary: 'Forvaltningens julefrokost holdes fredag 12. december i Skovlund Hallen. Tilmelding senest 1. december.',
    body: `Så er det tid til julefrokost! Vi mødes fredag 12. december kl. 12.30 i Skovlund Hallen.

Tilmelding til din afdelingssekretær senest 1. december. Husk pakkeleg – gaven må koste højst 50 kr.`,
    daysAgo: 11,
    hour: 10,
    audience: ['dir:byggeri'],
  },
  {
    title: 'MED-udvalget søger nye medarbejderrepræsentanter',
    summary: 'Har du lyst til at påvirke arbejdsmiljø og trivsel? Der er valg til Hoved-MED i januar.',
    body: `Hoved-MED har fire ledige pladser til medarbejderrepræsentanter. Du kan stille op, hvis du har været ansat i mindst seks måneder.

Kontakt HR og Personale for at høre mere.`,
    daysAgo: 45,
    hour: 9,
  },
  {
    title: 'Kantinen holdt lukket fredag',
    summary: 'På grund af et vandskade var kantinen lukket fredag. Der var sandwich i mødelokale 1.',
    body: 'Kantinen holdt lukket fredag på grund af en vandskade. Vi beklager.',
    daysAgo: 8,
    hour: 7,
    unpublishedDaysAgo: 5,
  },
  {
    title: 'Personalemøde for hele administrationen i januar',
    summary: 'Kommunaldirektøren inviterer til personalemøde torsdag 8. januar kl. 14 i byrådssalen.',
    body: `Kommunaldirektøren gennemgår budget 2027 og de største projekter i det nye år. Mødet streames for dem, der ikke kan være i byrådssalen.`,
    daysAgo: -10,
    hour: 8,
  },
];

function instant(daysAgo: number, hour: number, minute = 0): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - daysAgo);
  d.setUTCHours(hour - 1, minute, 0, 0);
  return d.toISOString();
}

/** Loads the demo news. Returns how many items were made. */
export async function seedNews(
  tx: Database,
  ctx: NewsSeedContext,
): Promise<{ news: number; receipts: number; comments: number; reactions: number }> {
  const r = ctx.random;
  const units = await tx.db.selectFrom('org_units').select(['id', 'parent_id', 'kind']).execute();
  const parentOf = new Map(units.map((u) => [u.id, u.parent_id]));
  const resolve = (key: string): number => {
    const direct = key.startsWith('dir:') ? key.slice(4) : key;
    const id = ctx.unitIds.get(direct);
    if (id === undefined) throw new Error(`seedNews: no unit "${direct}"`);
    return key.startsWith('dir:') ? parentOf.get(id)! : id;
  };
  const active = ctx.users;
  const others = active.filter((u) => u.id !== ctx.editorId);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  let receipts = 0;
  let comments = 0;
  let reactions = 0;

  for (const item of ITEMS) {
    const publishAt = instant(item.daysAgo, item.hour ?? 9, Math.floor(r() * 50));
    const imageSha = item.image ? await ctx.blobs.put(tx, item.image.png()) : null;
    const { id } = await tx.db
      .insertInto('news')
      .values({
        title: item.title,
        summary: item.summary,
        body_md: item.body,
        body_text: markdownToText(item.body),
        image_sha256: imageSha,
        image_mime: imageSha ? 'image/png' : null,
        image_alt: item.image?.alt ?? null,
        publish_at: publishAt,
        unpublish_at: item.unpublishedDaysAgo !== undefined ? instant(item.unpublishedDaysAgo, 16) : null,
        pinned: item.pinned ? 1 : 0,
        must_read: item.mustRead ? 1 : 0,
        version: item.version ?? 1,
        author_id: ctx.editorId,
        created_at: publishAt,
        updated_at: item.version && item.version > 1 ? instant(Math.max(0, item.daysAgo - 3), 11) : publishAt,
        updated_by: ctx.editorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const audience = [...new Set((item.audience ?? []).map(resolve))];
    if (audience.length)
      await tx.db
        .insertInto('news_audience')
        .values(audience.map((unit_id) => ({ news_id: id, unit_id })))
        .execute();
    if (item.daysAgo < 0 || item.unpublishedDaysAgo !== undefined) continue;

    // Readers: the targeted people (everyone, or the audience's units and those below them).
    const covered = audience.length ? unitsCovered(units, audience) : null;
    const targeted = active.filter((u) => !covered || (u.org_unit_id != null && covered.has(u.org_unit_id)));

    if (item.mustRead) {
      const version = item.version ?? 1;
      const rows: Array<{ news_id: number; user_id: string; version: number; read_at: string }> = [];
      for (const [i, u] of targeted.entries()) {
        // A demo account left unread on purpose, so its front page asks for a confirmation.
        if (u.username === 'medarbejder') continue;
        // Small audiences too show both: the first person has read it, the last has not.
        const roll = i === 0 ? 0 : i === targeted.length - 1 ? 1 : r();
        // About half have read the current version; in a second version, some read only the first.
        if (roll < 0.5)
          rows.push({
            news_id: id,
            user_id: u.id,
            version,
            read_at: instant(Math.max(0, item.daysAgo - 1 - Math.floor(r() * 4)), 9 + Math.floor(r() * 7)),
          });
        else if (version > 1 && roll < 0.75)
          rows.push({
            news_id: id,
            user_id: u.id,
            version: 1,
            read_at: instant(item.daysAgo, 12 + Math.floor(r() * 4)),
          });
      }
      for (let i = 0; i < rows.length; i += 200)
        await tx.db
          .insertInto('news_receipts')
          .values(rows.slice(i, i + 200))
          .execute();
      receipts += rows.length;
    }

    for (const [i, [who, text]] of (item.comments ?? []).entries()) {
      const author = who === 'editor' ? active.find((u) => u.id === ctx.editorId)! : pick(others);
      await tx.db
        .insertInto('news_comments')
        .values({
          news_id: id,
          author_id: author.id,
          author_name: author.display_name,
          body: text,
          created_at: instant(Math.max(0, item.daysAgo - i), 10 + i),
        })
        .execute();
      comments++;
    }

    const reactors = new Set<string>();
    const count = Math.floor(r() * 9);
    for (let i = 0; i < count; i++) {
      const u = pick(targeted.length ? targeted : others);
      const kind = i % 3 === 0 ? 'like' : pick(REACTION_KINDS);
      const key = `${u.id}:${kind}`;
      if (reactors.has(key)) continue;
      reactors.add(key);
      await tx.db
        .insertInto('news_reactions')
        .values({ news_id: id, user_id: u.id, kind, created_at: instant(Math.max(0, item.daysAgo - 1), 12) })
        .execute();
      reactions++;
    }
  }

  await appendAudit(tx, {
    actor: null,
    action: 'news.seed',
    entityType: 'news',
    summary: `Loaded ${ITEMS.length} demo news items`,
    details: { count: ITEMS.length, receipts, comments, reactions },
  });
  return { news: ITEMS.length, receipts, comments, reactions };
}
