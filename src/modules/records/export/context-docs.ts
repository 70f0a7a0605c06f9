import { renderDocumentPdf, type Block } from '../../../pdf/index.ts';
import type { ContextDocument } from './indices.ts';
import { SOURCE_LABEL, TABLES } from './tables.ts';
import type { TiffMode } from './tiff.ts';

/**
 * The context documentation (bek. 128/2020, bilag 6, 6.B): documents that describe the system's
 * administrative function, its structure and how this archival version was made, rendered as PDF
 * with renderDocumentPdf and converted to TIFF like every other document (6.B.4).
 *
 * 1. The system: its purpose, content, administrative functions, how it presents cases, the
 *    classification (KLE) and how it is run (figur 6.2: 1.a, 1.c, 1.d, 1.e, 1.l, 2.a).
 * 2. The archival version: what it holds and leaves out and why, every table and column, and how
 *    documents were converted (3.b, archivalTransformationInformation).
 *
 * The receiving archive's own provisions (3.a, afleveringsbestemmelse) are the archive's to give:
 * they are added when the archive asks for them, not written here. The text is Danish: it is part
 * of the archival version, for the archive's users.
 */

export interface ContextFacts {
  creator: string;
  avid: string;
  periodStart: string;
  periodEnd: string;
  producedOn: string;
  cases: number;
  documents: number;
  /** Cases closed in the period under a 'dispose' rule, left out. */
  disposeCases: number;
  sources: Record<string, number>;
  tiffMode: TiffMode;
  converter: string;
  removedCharacters: number;
  databaseProduct: string;
}

const TIFF_MODE_TEXT: Record<TiffMode, string> = {
  auto: 'Sider med farve er gemt i 24-bit farve (RGB), øvrige dokumenter i 8-bit gråtoner, begge komprimeret med LZW. Ingen farver eller gråtoner er gået tabt.',
  bitonal:
    'Dokumenterne er gemt sort/hvidt (1 bit) og komprimeret med CCITT gruppe 4, efter aftale med det modtagende arkiv.',
  gray: 'Dokumenterne er gemt i 8-bit gråtoner, komprimeret med LZW.',
  color: 'Dokumenterne er gemt i 24-bit farve (RGB), komprimeret med LZW.',
};

export function systemDescription(f: ContextFacts): { doc: Omit<ContextDocument, 'id'>; blocks: Block[] } {
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: 'Samspil – beskrivelse af it-systemet' },
    {
      type: 'paragraph',
      text: `${f.creator}. Arkiveringsversion ${f.avid}, perioden ${f.periodStart} – ${f.periodEnd}.`,
    },
    { type: 'heading', level: 2, text: 'Formål' },
    {
      type: 'paragraph',
      text: 'Samspil er kommunens samlede platform for det daglige arbejde. Denne arkiveringsversion omfatter dens ESDH-del: elektronisk sags- og dokumenthåndtering med formel journalisering, aktindsigt og arkivering. Sagsbehandlerne opretter sager, journaliserer dokumenter på dem, registrerer parter, skriver journalnotater og afslutter sagerne, når de er færdigbehandlede.',
    },
    { type: 'heading', level: 2, text: 'Indhold, population og begreber' },
    {
      type: 'list',
      items: [
        'Sag: en afgrænset opgave med et sagsnummer, en titel, et emne i KL’s Emnesystematik (KLE) og en handlingsfacet, en ansvarlig enhed og eventuelt en sagsbehandler. Sagstyper: emnesag, geosag (med et sted), borgersag (om en borger, med CPR-nummer), virksomhedssag (med CVR-nummer) og aktindsigtssag.',
        'Dokument: en fil eller e-mail, journaliseret på en sag med et løbenummer i sagens journal. En journaliseret version ændres aldrig; rettelser er nye versioner. Vedhæftede filer til en e-mail er egne dokumenter med e-mailen som overordnet dokument.',
        'Part: en borger, virksomhed eller anden, der er part, repræsentant eller kopimodtager på en sag.',
        'Journalnotat: et notat på sagen, fx om en telefonsamtale eller begrundelsen for at genåbne sagen.',
        'Relation: to sager, der hører sammen; undersager peger på deres overordnede sag.',
        'Bevaring og kassation: hver sag arver en regel (bevares, kasseres efter et antal år, eller vurderes) fra sit KLE-emne og sin handlingsfacet; en journalansvarlig kan ændre den med en begrundelse.',
      ],
    },
    { type: 'heading', level: 2, text: 'Administrative funktioner' },
    {
      type: 'paragraph',
      text: 'En sag er åben, mens den behandles, og afsluttes, når den er færdig. En afsluttet sag kan genåbnes med en begrundelse i en frist (karenstid), hvorefter den arkiveres af systemets natlige kørsel og ikke længere kan ændres. Afsluttede sager hører til den arkivperiode, de blev afsluttet i. Når perioden er slut og alle dens sager er arkiveret, dannes arkiveringsversionen af perioden.',
    },
    { type: 'heading', level: 2, text: 'Præsentationsstruktur' },
    {
      type: 'paragraph',
      text: 'Brugerne finder sager i lister og ved søgning (på sagsnummer, titel, part og dokumenternes tekst). En sag vises med sin registrering, sine parter, frister, journalnotater, relationer og dokumenter i journalens rækkefølge.',
    },
    { type: 'heading', level: 2, text: 'Registreringssystematik' },
    {
      type: 'paragraph',
      text: 'Sagerne klassificeres efter KL’s Emnesystematik (KLE): et emnenummer (hovedgruppe, gruppe, emne, fx 02.34.02) og en handlingsfacet (fx G01). De emner og facetter, sagerne i denne version bruger, står i tabellerne kle_emne og handlingsfacet med den bevaringsregel, der gjaldt ved afleveringen.',
    },
    { type: 'heading', level: 2, text: 'Driftsversionens opbygning' },
    {
      type: 'paragraph',
      text: `Samspil er en webapplikation (Node.js, Hono) med en relationel database (${f.databaseProduct}). Filer gemmes i et indholdsadresseret fillager (SHA-256), refereret fra databasen. Alle læsninger af personoplysninger og alle ændringer skrives i en hash-kædet revisionslog.`,
    },
  ];
  return {
    doc: {
      title: 'Samspil – beskrivelse af it-systemet',
      description:
        'It-systemets formål, indhold, administrative funktioner, præsentation, registreringssystematik (KLE) og opbygning.',
      date: f.producedOn,
      authorInstitution: f.creator,
      categories: {
        systemInformation: [
          'systemPurpose',
          'systemContent',
          'systemAdministrativeFunctions',
          'systemPresentationStructure',
          'systemTaxonomy',
        ],
        operationalInformation: ['operationalSystemInformation'],
      },
    },
    blocks,
  };
}

export function versionDescription(f: ContextFacts): { doc: Omit<ContextDocument, 'id'>; blocks: Block[] } {
  const tableBlocks: Block[] = TABLES.flatMap((t, i): Block[] => [
    { type: 'heading', level: 3, text: `table${i + 1}: ${t.name}` },
    { type: 'paragraph', text: t.description },
    {
      type: 'table',
      columns: [
        { header: 'Kolonne', share: 2 },
        { header: 'Indhold', share: 5 },
      ],
      rows: t.columns.map((c, n) => [`c${n + 1} ${c.name}`, c.description]),
    },
  ]);
  const sourceRows = Object.entries(f.sources)
    .filter(([, n]) => n > 0)
    .map(([source, n]) => [SOURCE_LABEL[source] ?? source, String(n)]);
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: `Arkiveringsversion ${f.avid}: indhold og konvertering` },
    {
      type: 'paragraph',
      text: `Dannet ${f.producedOn} af ${f.creator} efter bekendtgørelse nr. 128 af 12. februar 2020 om arkiveringsversioner.`,
    },
    { type: 'heading', level: 2, text: 'Hvad versionen indeholder' },
    {
      type: 'paragraph',
      text: `Sagerne, der blev afsluttet i perioden ${f.periodStart} – ${f.periodEnd} og er arkiveret i systemet, når deres bevaring er »bevares« eller »vurderes«: ${f.cases} sager med ${f.documents} journaliserede dokumenter i deres gældende version, og sagernes parter, journalnotater, klassifikation og relationer. Sager med bevaring »vurderes« er ikke endeligt vurderet og afleveres for en sikkerheds skyld.`,
    },
    {
      type: 'paragraph',
      text: `Udeladt: ${f.disposeCases} sager afsluttet i perioden med reglen »kasseres«. De kasseres efter reglerne, når deres frist er udløbet, og indgår derfor ikke. Dokumenter, der ikke er journaliseret, indgår ikke.`,
    },
    { type: 'heading', level: 2, text: 'Tabellerne' },
    {
      type: 'paragraph',
      text: 'Tidspunkter er angivet i UTC. Koder er erstattet af deres betydning (fx »Indgående«), undtagen lagringsform (1 = digitalt, jf. figur 6.5). Tekstfelter er renset for foran- og efterstillede blanktegn.',
    },
    ...tableBlocks,
    { type: 'heading', level: 2, text: 'Konvertering af dokumenterne' },
    {
      type: 'paragraph',
      text: `Hvert dokument er konverteret fra PDF til én TIFF-fil (TIFF 6.0 baseline, flersidet, 1.tif) i 300 dpi med ${f.converter}. ${TIFF_MODE_TEXT[f.tiffMode]} Dokumenter, der ikke selv er PDF, er konverteret fra den PDF-kopi, systemet dannede, da dokumentet blev gjort endeligt (LibreOffice for kontorfiler, for e-mails en gengivelse af brevhoved og tekst). Kunne et dokument ikke konverteres, er dets tekst sat op på ny, og kolonnen konverteringsnote i tabellen dokument siger det.`,
    },
    ...(sourceRows.length
      ? [
          {
            type: 'table' as const,
            columns: [
              { header: 'Dannet af', share: 4 },
              { header: 'Dokumenter', share: 1 },
            ],
            rows: sourceRows,
          },
        ]
      : []),
    {
      type: 'paragraph',
      text:
        f.removedCharacters > 0
          ? `Fra tabellernes tekst er ${f.removedCharacters} tegn fjernet, som bekendtgørelsens bilag 5, 5.D ikke tillader (styretegn, tegn fra Private Use Area og ikke-tegn).`
          : 'Tabellernes tekst indeholdt ingen tegn, som bilag 5, 5.D ikke tillader.',
    },
  ];
  return {
    doc: {
      title: `Arkiveringsversion ${f.avid}: indhold og konvertering`,
      description:
        'Hvilke sager og dokumenter versionen indeholder og udelader, tabellernes indhold, og hvordan dokumenterne er konverteret.',
      date: f.producedOn,
      authorInstitution: f.creator,
      categories: {
        systemInformation: ['systemContent'],
        submissionInformation: ['archivalTransformationInformation'],
      },
    },
    blocks,
  };
}

export function renderContextPdf(title: string, blocks: Block[], creator: string): Promise<Uint8Array> {
  return renderDocumentPdf({ title, locale: 'da', author: creator, blocks, createdAt: new Date(0) });
}
