import type { Database } from '../src/db/index.ts';
import { copenhagenDate } from '../src/i18n/index.ts';
import {
  addDays,
  createPage,
  emptyPageInput,
  getPage,
  updatePage,
  type PageActor,
} from '../src/modules/pages/index.ts';

/**
 * The demo municipality's knowledge pages: about twenty-five guides, policies and how-tos in a
 * tree (Personalehåndbog, IT, Sagsbehandling, Kommunikation, Arbejdsmiljø), each with an owner
 * from the unit that knows the subject, links between them, several revisions on some (so the
 * history and the differences show something), and a few review dates already passed (so the
 * review job has reminders to send to demo accounts). Written through the pages service, so the
 * revisions, links, search text and audit entries are exactly as the app makes them.
 *
 * Run inside the seed's transaction, after the organisation and people exist. Deterministic with
 * `random`, except that dates are relative to today.
 */

type Rand = () => number;

export interface PagesSeedContext {
  random: Rand;
  users: Array<{ id: string; display_name: string; username: string; org_unit_id?: number | null }>;
  /** The editor who sets up the tree (the demo account `sekretariat`). */
  editorId: string;
}

interface SeedPage {
  key: string;
  parent?: string;
  title: string;
  /** Who owns it: a demo account's user name, or a unit's short name (someone there). */
  owner: { username: string } | { unit: string };
  /** The first version. `[tekst](page:key)` links to another seed page. */
  body: string;
  /** Later versions, each a few replacements on the one before. */
  changes?: Array<{ note: string; replace: Array<[string, string]>; by?: 'owner' | 'editor' }>;
  /** Days from today; negative: the review is overdue. */
  review?: number;
  sort?: number;
}

const PAGES: SeedPage[] = [
  // --- Personalehåndbog ---------------------------------------------------------------------------
  {
    key: 'handbook',
    title: 'Personalehåndbog',
    owner: { unit: 'HR' },
    sort: 1,
    review: 240,
    body: `Personalehåndbogen samler de regler og aftaler, der gælder for dig som ansat i Skovlund Kommune. Den supplerer din ansættelseskontrakt og de overenskomster, du er omfattet af.

## Sådan bruger du håndbogen

- Find emnet i sidetræet til venstre, eller søg efter et ord.
- Er du i tvivl, så spørg din leder eller HR og Personale.
- Hver side har en ansvarlig, som holder den ajour.

Har du forslag til nye emner, så skriv til HR og Personale på hr@skovlund.dk.`,
  },
  {
    key: 'holiday',
    parent: 'handbook',
    title: 'Ferie og fridage',
    owner: { unit: 'HR' },
    review: 120,
    body: `Du optjener ferie løbende efter ferieloven (samtidighedsferie): 2,08 feriedage for hver måned, du er ansat – i alt 25 dage om året.

## Ferieår og afholdelse

Ferien optjenes i ferieåret fra 1. september til 31. august og kan holdes fra du har optjent den og frem til 31. december året efter (ferieafholdelsesperioden).

- **Hovedferie:** Du har ret til tre ugers sammenhængende ferie i perioden 1. maj til 30. september.
- **Varsling:** Hovedferie varsles mindst tre måneder før, øvrig ferie mindst en måned før.
- **Overførsel:** Ferie ud over fire uger kan overføres til næste år, hvis du aftaler det skriftligt med din leder senest 31. december.

## Feriefridage (6. ferieuge)

Efter overenskomsten har du fem feriefridage om året. De følger kalenderåret og skal holdes inden 30. april året efter. Ubrugte feriefridage udbetales, hvis du beder om det.

## Andre fridage

- Omsorgsdage efter den aftale, du er omfattet af.
- Barns første og anden sygedag, se [Sygdom](page:sick).
- 1. maj og grundlovsdag fra kl. 12.

Ferie registreres i Silkeborg Data af din leder.`,
    changes: [
      {
        note: 'Rettet varslingsfristen for øvrig ferie',
        replace: [['øvrig ferie mindst en måned før', 'øvrig ferie mindst en måned før, medmindre andet aftales']],
      },
      {
        note: 'Feriefridage: ny frist efter overenskomstfornyelsen',
        replace: [
          ['skal holdes inden 30. april året efter', 'skal holdes inden for kalenderåret'],
          [
            'Ubrugte feriefridage udbetales, hvis du beder om det.',
            'Ubrugte feriefridage udbetales automatisk i januar.',
          ],
        ],
      },
    ],
  },
  {
    key: 'sick',
    parent: 'handbook',
    title: 'Sygdom',
    owner: { unit: 'HR' },
    review: 60,
    body: `## Sygemelding

Meld dig syg til din leder **telefonisk inden kl. 8.00** på første sygedag – ikke på sms eller mail. Fortæl, hvornår du forventer at være tilbage. Meld dig rask, når du kommer igen.

## Barns sygdom

Du kan holde fri med løn på dit barns første og anden sygedag, hvis barnet er under 18 år og bor hjemme. Meld det som en sygemelding.

## Længere sygdom

- **Sygefraværssamtale:** Din leder indkalder dig til en samtale senest fire uger efter første sygedag (sygedagpengelovens § 7 a).
- **Mulighedserklæring:** Kan bruges, hvis du og din leder vil afklare, hvad du kan på trods af sygdom. Kommunen betaler lægen.
- **Fastholdelsesplan:** Forventer du at være syg i mere end otte uger, kan du bede om en fastholdelsesplan.

Se også [Arbejdsmiljø](page:env) om hjælp ved stress.`,
  },
  {
    key: 'hours',
    parent: 'handbook',
    title: 'Arbejdstid',
    owner: { unit: 'HR' },
    review: 300,
    body: `Den normale arbejdstid er **37 timer om ugen** for fuldtidsansatte, inklusive frokostpause.

## Flekstid

I administrationen arbejder vi med flekstid:

- Kernetid er mandag–torsdag kl. 9–14 og fredag kl. 9–12.
- Du må have op til 25 timers plus og 10 timers minus ved udgangen af en måned.
- Registrér din tid dagligt i tidsregistreringen.

## Overarbejde og merarbejde

Overarbejde skal være pålagt af din leder på forhånd. Det afspadseres som udgangspunkt med tillæg efter overenskomsten. Deltidsansatte får merarbejde afspadseret time for time.

Arbejder du hjemme, gælder de samme regler – se [Hjemmearbejde](page:home).`,
  },
  {
    key: 'home',
    parent: 'handbook',
    title: 'Hjemmearbejde',
    owner: { username: 'sekretariat' },
    review: -12,
    body: `Skovlund Kommune giver mulighed for hjemmearbejde, når opgaverne egner sig til det, og det er aftalt med din leder.

## Rammer

- Du kan arbejde hjemme to dage om ugen.
- Hjemmearbejde aftales på forhånd og skrives i teamets kalender.
- Du skal kunne træffes på telefon og Teams i kernetiden.

## Sikkerhed

Arbejd kun på kommunens computer, og brug altid to-faktor-login – se [Adgangskoder og to-faktor](page:passwords). Udskriv ikke personoplysninger derhjemme; brug [fjernprint](page:print) og hent udskriften på arbejdspladsen.

## Arbejdsmiljø

Også hjemmearbejdspladsen skal være forsvarlig. Du kan låne skærm, tastatur og kontorstol – spørg din leder.`,
    changes: [
      {
        note: 'Præciseret: op til to dage',
        replace: [
          [
            'Du kan arbejde hjemme to dage om ugen.',
            'Du kan arbejde hjemme op til to dage om ugen, hvis din leder godkender det.',
          ],
        ],
      },
    ],
  },
  {
    key: 'leave',
    parent: 'handbook',
    title: 'Barsel og orlov',
    owner: { unit: 'HR' },
    review: 200,
    body: `## Barsel

Begge forældre har ret til orlov efter barselsloven. Efter overenskomsten har du løn under en del af orloven.

- **Graviditetsorlov:** Fire uger før forventet fødsel.
- **Øremærket orlov:** Hver forælder har 11 ugers øremærket orlov, som ikke kan overdrages.
- **Varsling:** Giv din leder besked senest tre måneder før forventet fødsel.

## Anden orlov

Du kan søge orlov uden løn, fx til uddannelse. Ansøg skriftligt hos din leder mindst to måneder før.`,
  },

  // --- IT ------------------------------------------------------------------------------------------
  {
    key: 'it',
    title: 'IT',
    owner: { unit: 'DIT' },
    sort: 2,
    review: 180,
    body: `Digitalisering og IT hjælper dig med computer, telefon, programmer og adgange.

## Kontakt IT-support

- Telefon 72 10 10 10, hverdage kl. 8–15.30
- Selvbetjening på it.skovlund.dk
- Akut (nedbrud, mistanke om hacking): ring altid

Se også [Ny medarbejder: IT-opstart](page:onboarding).`,
  },
  {
    key: 'passwords',
    parent: 'it',
    title: 'Adgangskoder og to-faktor',
    owner: { unit: 'DIT' },
    review: 90,
    body: `## Gode adgangskoder

- Brug mindst 12 tegn – gerne en sætning af fire-fem ord, fx *"Cyklen står ved Fjordvej 9"*.
- Brug aldrig den samme kode til arbejde og privat.
- Del aldrig din kode – heller ikke med IT-support. Vi spørger aldrig om den.

## To-faktor-login

Når du logger på hjemmefra eller på en ny enhed, skal du godkende med appen **Microsoft Authenticator** på din telefon.

Får du en godkendelsesanmodning, du ikke selv har startet, så **afvis** den og ring til IT-support med det samme. Læs mere i [Phishing](page:phishing).`,
    changes: [
      {
        note: 'Længere minimumslængde efter ny sikkerhedspolitik',
        replace: [['Brug mindst 12 tegn', 'Brug mindst 14 tegn']],
      },
    ],
  },
  {
    key: 'print',
    parent: 'it',
    title: 'Printere og fjernprint',
    owner: { username: 'admin' },
    review: -3,
    body: `Alle printere i kommunen bruger **fjernprint** (follow-me print): du sender udskriften til én fælles kø og henter den ved den printer, der passer dig.

## Sådan gør du

1. Vælg printeren **Skovlund-Print** i programmet.
2. Gå til en vilkårlig printer, og hold dit adgangskort mod kortlæseren.
3. Vælg udskriften på skærmen, og tryk *Udskriv*.

Udskrifter, der ikke er hentet efter 24 timer, slettes.

## Fortrolige papirer

Fjernprint sikrer, at ingen andre ser dine udskrifter. Læg papirer med personoplysninger i den aflåste makuleringsboks – aldrig i papirkurven. Se [Tavshedspligt](page:secrecy).`,
    changes: [
      {
        note: 'Udskrifter gemmes nu i 48 timer',
        replace: [['ikke er hentet efter 24 timer', 'ikke er hentet efter 48 timer']],
        by: 'owner',
      },
    ],
  },
  {
    key: 'onboarding',
    parent: 'it',
    title: 'Ny medarbejder: IT-opstart',
    owner: { unit: 'DIT' },
    review: 150,
    body: `Velkommen! Sådan kommer du i gang med IT på første arbejdsdag.

1. Hent din computer og dit adgangskort hos din leder.
2. Log på med det brugernavn og den midlertidige kode, du har fået, og vælg en ny kode – se [Adgangskoder og to-faktor](page:passwords).
3. Installér Microsoft Authenticator på din telefon, og følg vejledningen på skærmen.
4. Tjek, at du kan logge på Samspil, Outlook og Teams.
5. Tag det obligatoriske e-læringskursus i informationssikkerhed inden for de første 14 dage.

Mangler du adgang til et fagsystem, så bed din leder bestille den i IT-selvbetjeningen.`,
  },
  {
    key: 'phishing',
    parent: 'it',
    title: 'Phishing – sådan genkender du det',
    owner: { unit: 'DIT' },
    review: 100,
    body: `Phishing er falske mails, sms'er eller opkald, der vil have dig til at klikke, logge på eller betale.

## Typiske tegn

- Der er travlt: *"Din konto lukkes i dag"*.
- Afsenderens adresse passer ikke med navnet.
- Du bliver bedt om din kode eller om at godkende et login.

## Har du klikket?

Ring straks til IT-support på 72 10 10 10. Det er aldrig for sent, og du får ikke skæld ud – jo før vi ved det, jo mindre skade.`,
  },

  // --- Sagsbehandling ------------------------------------------------------------------------------
  {
    key: 'casework',
    title: 'Sagsbehandling',
    owner: { username: 'journal' },
    sort: 3,
    review: 200,
    body: `Her finder du kommunens fælles vejledninger om god forvaltningsskik, journalisering og de regler, der gælder for alle sager – uanset fagområde.

Reglerne står i forvaltningsloven, offentlighedsloven og databeskyttelsesforordningen. Vejledningerne her siger, hvordan vi gør i praksis i Samspil.`,
  },
  {
    key: 'journal',
    parent: 'casework',
    title: 'Journalisering i Samspil',
    owner: { username: 'journal' },
    review: 75,
    body: `Dokumenter, der kommer ind eller sendes ud i en sag, skal journaliseres, hvis de har betydning for sagen (offentlighedslovens § 15).

## Sådan journaliserer du

1. Åbn sagen, og upload dokumentet – eller træk mailen ind på sagen.
2. Giv dokumentet en titel, der siger, hvad det er, fx *"Ansøgning om byggetilladelse"*.
3. Vælg retning: indgående, udgående eller internt.
4. Tryk *Journalisér*. Dokumentet får et nummer i sagens journal.

Et journaliseret dokument kan ikke slettes. Er der fejl, så upload en ny version.

## Notatpligt

Oplysninger om sagens faktiske grundlag, som du får mundtligt, skal noteres (offentlighedslovens § 13). Skriv et journalnotat på sagen.

Se også [Aktindsigt – sådan gør du](page:access).`,
    changes: [
      {
        note: 'Tilføjet om frist for journalisering',
        replace: [
          [
            'Tryk *Journalisér*. Dokumentet får et nummer i sagens journal.',
            'Tryk *Journalisér* – senest tre arbejdsdage efter modtagelsen. Dokumentet får et nummer i sagens journal.',
          ],
        ],
      },
      {
        note: 'Sprogligt',
        replace: [
          [
            'Giv dokumentet en titel, der siger, hvad det er',
            'Giv dokumentet en titel, der fortæller, hvad det handler om',
          ],
        ],
        by: 'editor',
      },
    ],
  },
  {
    key: 'access',
    parent: 'casework',
    title: 'Aktindsigt – sådan gør du',
    owner: { username: 'journal' },
    review: 45,
    body: `Alle kan bede om aktindsigt i kommunens dokumenter efter offentlighedsloven. Parter i en sag har desuden ret til partsaktindsigt efter forvaltningsloven.

## Frist

Anmodningen skal besvares **inden 7 arbejdsdage**. Kan det ikke nås, skal den, der har bedt om aktindsigt, have besked om hvorfor og om, hvornår svaret kommer.

## Sådan behandler du anmodningen

1. Opret en aktindsigtssag i Samspil, og knyt den til den sag, der søges indsigt i.
2. Gennemgå dokumenterne: hvad er omfattet, og hvad skal undtages (fx interne dokumenter og oplysninger omfattet af [tavshedspligt](page:secrecy)).
3. Tal med en jurist i Byråds- og Direktionssekretariatet, hvis du er i tvivl.
4. Send afgørelsen med klagevejledning.

Husk [partshøring](page:hearing), hvis oplysninger om andre kan blive udleveret.`,
  },
  {
    key: 'hearing',
    parent: 'casework',
    title: 'Partshøring',
    owner: { unit: 'BDS' },
    review: 160,
    body: `Før der træffes en afgørelse, skal parten have lejlighed til at udtale sig om oplysninger, som er til ugunst for parten og af væsentlig betydning for sagen (forvaltningslovens § 19).

## I praksis

- Send oplysningerne til parten med en frist – normalt 14 dage.
- Skriv, hvilken afgørelse du overvejer, og hvorfor.
- Notér svaret på sagen, og forholdt dig til det i afgørelsen.

Partshøring kan undlades i de tilfælde, loven nævner, fx når afgørelsen alene er til gunst for parten.`,
    changes: [
      {
        note: 'Rettet stavefejl',
        replace: [['og forholdt dig til det i afgørelsen', 'og forhold dig til det i afgørelsen']],
        by: 'editor',
      },
    ],
  },
  {
    key: 'secrecy',
    parent: 'casework',
    title: 'Tavshedspligt',
    owner: { unit: 'BDS' },
    review: 220,
    body: `Som ansat i kommunen har du tavshedspligt om fortrolige oplysninger, du får gennem dit arbejde (forvaltningslovens § 27 og straffelovens §§ 152–152 f). Tavshedspligten gælder også, når du ikke længere er ansat.

## Fortrolige oplysninger er fx

- helbredsforhold og sociale problemer,
- strafbare forhold,
- økonomiske forhold hos borgere og virksomheder.

## Gode vaner

- Tal ikke om sager i kantinen eller i toget.
- Lås skærmen, når du går fra den (Windows-tasten + L).
- Send personoplysninger med sikker mail eller Digital Post.`,
  },
  {
    key: 'gdpr',
    parent: 'casework',
    title: 'Persondata og brud på sikkerheden',
    owner: { unit: 'DIT' },
    review: 130,
    body: `Kommunen behandler mange personoplysninger, og vi skal kunne vise, at vi gør det lovligt (databeskyttelsesforordningen).

## Brud på persondatasikkerheden

Et brud er fx en mail med CPR-numre sendt til en forkert modtager, en mistet computer eller et hackerangreb.

1. Meld bruddet **med det samme** til din leder og til databeskyttelsesrådgiveren på dpo@skovlund.dk.
2. Databeskyttelsesrådgiveren vurderer, om bruddet skal anmeldes til Datatilsynet – det skal ske inden 72 timer.

Se også [Tavshedspligt](page:secrecy) og [Phishing](page:phishing).`,
  },

  // --- Kommunikation -------------------------------------------------------------------------------
  {
    key: 'comms',
    title: 'Kommunikation',
    owner: { username: 'sekretariat' },
    sort: 4,
    review: 260,
    body: `Vi skriver, så borgere og virksomheder forstår os første gang. Her er kommunens fælles retningslinjer for skriftlig kommunikation.

- [Klarsprog](page:plain) – principperne
- [Skrivevejledning](page:style) – de konkrete regler`,
  },
  {
    key: 'plain',
    parent: 'comms',
    title: 'Klarsprog',
    owner: { username: 'sekretariat' },
    review: 30,
    body: `Klarsprog betyder, at modtageren kan finde, forstå og bruge det, vi skriver.

## Fem principper

1. **Det vigtigste først.** Start med afgørelsen eller svaret.
2. **Skriv til én person.** Brug *du* og *vi* – ikke *De* og *kommunen*.
3. **Korte sætninger.** Højst 20 ord i gennemsnit.
4. **Aktivt sprog.** *Vi har behandlet din ansøgning* – ikke *Ansøgningen er blevet behandlet*.
5. **Forklar fagord.** Eller undgå dem.

Læs dit brev højt, før du sender det.`,
    changes: [
      {
        note: 'Eksempel tilføjet',
        replace: [
          [
            'Start med afgørelsen eller svaret.',
            'Start med afgørelsen eller svaret, fx *"Du får tilladelse til at bygge en carport."*',
          ],
        ],
      },
    ],
  },
  {
    key: 'style',
    parent: 'comms',
    title: 'Skrivevejledning',
    owner: { username: 'sekretariat' },
    review: 280,
    body: `## Datoer og tal

- Skriv datoer som *1. marts 2027* i breve og *01.03.2027* i skemaer.
- Skriv tal fra et til ni med bogstaver, 10 og derover med cifre.
- Beløb: *1.250 kr.*

## Titler og overskrifter

Overskrifter er korte og siger, hvad afsnittet handler om. Brug ikke kun store bogstaver.

## Kommateringsregler

Kommunen bruger startkomma er valgfrit – vi sætter det ikke.

Se også [Klarsprog](page:plain).`,
    changes: [
      {
        note: 'Rettet uklar sætning om komma',
        replace: [
          [
            'Kommunen bruger startkomma er valgfrit – vi sætter det ikke.',
            'Startkomma er valgfrit. I kommunen sætter vi det ikke.',
          ],
        ],
        by: 'editor',
      },
    ],
  },

  // --- Arbejdsmiljø --------------------------------------------------------------------------------
  {
    key: 'env',
    title: 'Arbejdsmiljø',
    owner: { unit: 'HR' },
    sort: 5,
    review: 210,
    body: `Et godt arbejdsmiljø er et fælles ansvar. Her kan du læse om, hvem der gør hvad, og hvor du kan få hjælp.

- [Arbejdsmiljøorganisationen (AMO)](page:amo)
- [APV – arbejdspladsvurdering](page:apv)
- [Stress – forebyggelse og hjælp](page:stress)`,
  },
  {
    key: 'amo',
    parent: 'env',
    title: 'Arbejdsmiljøorganisationen (AMO)',
    owner: { username: 'medarbejder' },
    review: -20,
    body: `Hver arbejdsplads har en arbejdsmiljøgruppe med en leder og en valgt arbejdsmiljørepræsentant (AMR).

## Arbejdsmiljørepræsentantens opgaver

- Være kollegernes talerør om arbejdsmiljø.
- Deltage i APV og i opfølgningen på den.
- Gå med, når Arbejdstilsynet kommer på besøg.

Arbejdsmiljørepræsentanten i Borgerservice er Sofie Kragh. Find din egen AMR i personalekartoteket.`,
  },
  {
    key: 'apv',
    parent: 'env',
    title: 'APV – arbejdspladsvurdering',
    owner: { unit: 'HR' },
    review: 330,
    body: `Alle arbejdspladser skal lave en arbejdspladsvurdering (APV) mindst hvert tredje år, og når der sker større ændringer.

## Sådan foregår det

1. Spørgeskema til alle medarbejdere (efteråret).
2. Arbejdsmiljøgruppen gennemgår svarene.
3. Der laves en handlingsplan med ansvarlige og frister.
4. Handlingsplanen følges op på personalemøderne.

Læs om arbejdsmiljøgruppens rolle i [Arbejdsmiljøorganisationen (AMO)](page:amo).`,
  },
  {
    key: 'stress',
    parent: 'env',
    title: 'Stress – forebyggelse og hjælp',
    owner: { unit: 'HR' },
    review: 170,
    body: `Stress er ikke et personligt nederlag. Sig det til din leder eller din arbejdsmiljørepræsentant, hvis du mærker tegn på stress.

## Hjælp

- Kommunens psykologordning: op til seks anonyme samtaler. Ring 72 10 20 30.
- Samtale med din leder om opgaver og prioritering.
- Se [Sygdom](page:sick), hvis du må sygemelde dig.`,
  },

  // --- Borgerservice ------------------------------------------------------------------------------
  {
    key: 'citizens',
    parent: 'comms',
    title: 'Telefon og åbningstider i Borgerservice',
    owner: { unit: 'BOS' },
    review: 60,
    body: `Borgerservice har åbent mandag–onsdag kl. 10–15, torsdag kl. 10–17.30 og fredag kl. 10–13.

Telefonen er åben mandag–fredag kl. 9–15 på 72 10 00 00. Henvis borgere til selvbetjening på skovlund.dk, når det er muligt, og skriv til dem med [klarsprog](page:plain).`,
  },
];

const LINK = /\[([^\]]+)\]\(page:([a-z]+)\)/g;

/** Loads the demo knowledge pages. Returns how many pages and revisions were made. */
export async function seedPages(tx: Database, ctx: PagesSeedContext): Promise<{ pages: number; revisions: number }> {
  const r = ctx.random;
  const today = copenhagenDate(new Date());
  const units = await tx.db.selectFrom('org_units').select(['id', 'short_name']).execute();
  const unitId = new Map(units.map((u) => [u.short_name, u.id]));
  const byUsername = new Map(ctx.users.map((u) => [u.username, u]));
  const editorUser = ctx.users.find((u) => u.id === ctx.editorId);
  const asActor = (u: { id: string; display_name: string; org_unit_id?: number | null }): PageActor => ({
    id: u.id,
    name: u.display_name,
    roles: [],
    orgUnitId: u.org_unit_id ?? null,
  });
  const editor: PageActor = editorUser
    ? asActor(editorUser)
    : { id: ctx.editorId, name: 'Redaktør', roles: [], orgUnitId: null };

  const ownerOf = (p: SeedPage) => {
    if ('username' in p.owner) return byUsername.get(p.owner.username) ?? editorUser;
    const id = unitId.get(p.owner.unit);
    const staff = ctx.users.filter((u) => u.org_unit_id === id);
    return staff.length ? staff[Math.floor(r() * staff.length)]! : editorUser;
  };

  const ids = new Map<string, number>();
  // Links to pages made already become real links; the rest plain text until the second pass.
  const resolve = (body: string) =>
    body.replace(LINK, (_whole, text: string, key: string) => {
      const id = ids.get(key);
      return id !== undefined ? `[${text}](/pages/${id})` : text;
    });
  const hasUnresolved = (body: string) => [...body.matchAll(LINK)].some((m) => !ids.has(m[2]!));

  let revisions = 0;
  const owners = new Map<string, ReturnType<typeof ownerOf>>();
  const pending: SeedPage[] = [];
  const startedDaysAgo = 420;
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000 - Math.floor(r() * 8) * 3_600_000);

  for (const [i, p] of PAGES.entries()) {
    const owner = ownerOf(p);
    owners.set(p.key, owner);
    const created = await createPage(
      tx,
      emptyPageInput({
        title: p.title,
        body: resolve(p.body),
        parentId: p.parent ? String(ids.get(p.parent)) : '',
        ownerUsername: owner?.username ?? editorUser?.username ?? '',
        // A date in the future for now; overdue ones are set below (the form refuses past dates).
        reviewBy: p.review !== undefined ? addDays(today, Math.max(1, p.review)) : '',
        sortOrder: p.sort ? String(p.sort) : '',
        note: 'Første udgave',
      }),
      editor,
      { at: at(startedDaysAgo - i * 3) },
    );
    if (!created.ok) throw new Error(`seed page "${p.title}": ${JSON.stringify(created.errors)}`);
    ids.set(p.key, created.id);
    revisions++;
    if (hasUnresolved(p.body)) pending.push(p);
  }

  const form = async (id: number, body: string, title?: string, note = '') => {
    const page = (await getPage(tx, id))!;
    return emptyPageInput({
      title: title ?? page.title,
      body,
      parentId: page.parent_id === null ? '' : String(page.parent_id),
      ownerUsername: page.owner_username ?? '',
      reviewBy: page.review_by ?? '',
      sortOrder: page.sort_order ? String(page.sort_order) : '',
      note,
    });
  };

  // Second pass: the links to pages that did not exist yet when the page was written.
  for (const p of pending) {
    const id = ids.get(p.key)!;
    const result = await updatePage(
      tx,
      id,
      await form(id, resolve(p.body), undefined, 'Links til relaterede sider'),
      editor,
      { at: at(300 - revisions) },
    );
    if (result.ok && result.revision) revisions++;
  }

  // Later versions: real edits, by the owner or the editor, spread over the last year.
  for (const p of PAGES) {
    if (!p.changes) continue;
    const id = ids.get(p.key)!;
    let body = resolve(p.body);
    for (const [n, change] of p.changes.entries()) {
      for (const [from, to] of change.replace) {
        if (!body.includes(from)) throw new Error(`seed page "${p.title}": "${from}" not found`);
        body = body.replace(from, to);
      }
      const owner = owners.get(p.key);
      const by = change.by === 'editor' || !owner ? editor : asActor(owner);
      const result = await updatePage(tx, id, await form(id, body, undefined, change.note), by, {
        at: at(200 - n * 60 - Math.floor(r() * 30)),
      });
      if (!result.ok) throw new Error(`seed page "${p.title}": ${JSON.stringify(result.errors)}`);
      if (result.revision) revisions++;
    }
  }

  // Reviews that are overdue: straight into the table (the form refuses a date in the past).
  for (const p of PAGES) {
    if (p.review !== undefined && p.review <= 0) {
      await tx.db
        .updateTable('pages')
        .set({ review_by: addDays(today, p.review) })
        .where('id', '=', ids.get(p.key)!)
        .execute();
    }
  }
  return { pages: ids.size, revisions };
}
