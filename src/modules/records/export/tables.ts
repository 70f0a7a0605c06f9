import type { Database, Dialect } from '../../../db/index.ts';
import { clean, DIARK, el, escapeXml, XML_DECLARATION, XSI } from './xml.ts';

/**
 * The archival version's tables (bek. 128/2020, bilag 4, 4.D; bilag 5, 5.A–5.B; bilag 6, 6.C): the
 * cases of the period with their documents, parties, notes, classification and relations, as a
 * relational structure in first normal form, declared in tableIndex.xml with primary and foreign
 * keys, each table in `Tables/tableN/tableN.xml` with its own schema `tableN.xsd` (4.D.5).
 *
 * - Types (figur 5.1): INTEGER → xs:integer, VARCHAR(n) → xs:string, BOOLEAN → xs:boolean,
 *   DATE → xs:date, TIMESTAMP WITH TIME ZONE → xs:dateTime (instants in UTC, "Z"; 5.B.4).
 *   `typeOriginal` is the column's type in the operational database.
 * - Text is trimmed of leading and trailing blanks (5.A.2) and cleaned of characters bilag 5, 5.D
 *   does not allow (xml.ts). VARCHAR's length is the longest value's length in characters (at least 1).
 * - NULL is `xsi:nil="true"` (4.D.6) on a column declared `nullable` in tableIndex (4.C.5.c) and
 *   `nillable` in the table's schema.
 * - Codes are replaced by what they mean (4.A.2: "kodeværdien … udskiftes med det egentlige
 *   indhold"): "Emnesag", "Indgående", "Bevares" rather than subject, incoming, preserve. The one
 *   code kept is Lagringsform (figur 6.5: 1 = digital), explained in the column's description.
 * - Columns that bilag 6, 6.C.4–6.C.6 asks to be marked carry their functionalDescription
 *   (Sagsidentifikation, Sagstitel, Dokumentidentifikation, Dokumenttitel, Dokumentdato,
 *   Afsender_modtager, Lagringsform, Kassation).
 *
 * Descriptions are in Danish: they are the archival version's documentation for the archive's
 * users, not text of the app's pages.
 */

export type ColumnType = 'integer' | 'string' | 'boolean' | 'date' | 'timestamp';

export type FunctionalDescription =
  | 'Myndighedsidentifikation'
  | 'Dokumentidentifikation'
  | 'Lagringsform'
  | 'Afleveret'
  | 'Sagsidentifikation'
  | 'Sagstitel'
  | 'Dokumenttitel'
  | 'Dokumentdato'
  | 'Afsender_modtager'
  | 'Digital_signatur'
  | 'FORM'
  | 'Kassation';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  /** The type in the operational database; instants differ by dialect. */
  original: string | ((d: Dialect) => string);
  nullable: boolean;
  description: string;
  functional?: FunctionalDescription[];
}

export interface ForeignKeyDef {
  name: string;
  table: string;
  references: Array<[column: string, referenced: string]>;
}

export interface TableDef {
  name: string;
  description: string;
  columns: ColumnDef[];
  primaryKey: { name: string; columns: string[] };
  foreignKeys: ForeignKeyDef[];
}

export type Value = string | number | boolean | null;

export interface TableData {
  def: TableDef;
  rows: Value[][];
}

const instant = (d: Dialect) => (d === 'postgres' ? 'timestamptz' : 'text');

const int = (name: string, description: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: 'integer',
  original: 'integer',
  nullable: false,
  description,
  ...extra,
});
const text = (name: string, description: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: 'string',
  original: 'text',
  nullable: false,
  description,
  ...extra,
});
const when = (name: string, description: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: 'timestamp',
  original: instant,
  nullable: false,
  description,
  ...extra,
});

export const CASE_TABLE: TableDef = {
  name: 'sag',
  description:
    'Sagerne i arkiveringsversionen: de sager, der blev afsluttet i perioden og er bevaringsværdige (bevares) eller endnu ikke vurderet (vurderes), med deres registrering.',
  columns: [
    int('sagID', 'Sagens entydige nummer i systemet (intern nøgle).', { functional: ['Sagsidentifikation'] }),
    text('sagsnummer', 'Sagsnummeret, som sagen er kendt under (fx EMN-2023-000123).', {
      functional: ['Sagsidentifikation'],
    }),
    text('titel', 'Sagens titel.', { functional: ['Sagstitel'] }),
    text('beskrivelse', 'Sagens beskrivelse.', { nullable: true }),
    text(
      'sagstype',
      'Sagens type: Emnesag, Geosag (med sted), Borgersag (om en borger), Virksomhedssag eller Aktindsigtssag.',
    ),
    text('emnenummer', 'Sagens emne i KL’s Emnesystematik (KLE), jf. tabellen kle_emne.'),
    text('handlingsfacet', 'Sagens handlingsfacet i KLE, jf. tabellen handlingsfacet.'),
    text(
      'overordnet_sagsnummer',
      'Sagsnummeret på den sag, denne sag er en undersag af (sagen kan være i en anden arkiveringsversion).',
      {
        nullable: true,
      },
    ),
    text('ansvarlig_enhed', 'Den organisatoriske enhed, der havde ansvaret for sagen.'),
    text('sagsbehandler', 'Sagsbehandlerens navn.', { nullable: true }),
    {
      name: 'fortrolig',
      type: 'boolean',
      original: 'integer',
      nullable: false,
      description: 'Om sagen var fortrolig (kun synlig for en adgangsgruppe) i systemet.',
    },
    text(
      'bevaring',
      'Bevaring og kassation: Bevares (bevaringsværdig) eller Vurderes (endnu ikke afgjort; afleveret for en sikkerheds skyld).',
      {
        functional: ['Kassation'],
      },
    ),
    int('frist_aar', 'Den frist i år efter afslutning, sagens regel regnede med, når en var sat.', {
      nullable: true,
      functional: ['Kassation'],
    }),
    text(
      'bevaring_begrundelse',
      'Begrundelsen, når en journalansvarlig har ændret den bevaring, sagen arvede fra KLE.',
      {
        nullable: true,
      },
    ),
    text('adresse', 'Sagens adresse (geosager og andre sager med et sted).', { nullable: true }),
    text('geometri', 'Sagens sted som GeoJSON-geometri (Point eller Polygon, WGS84 længde/bredde).', {
      nullable: true,
    }),
    when('oprettet', 'Hvornår sagen blev oprettet (UTC).'),
    when('afsluttet', 'Hvornår sagen blev afsluttet (UTC); sagen hører til den periode, den blev afsluttet i.'),
    when('arkiveret', 'Hvornår sagen blev arkiveret i systemet (UTC).'),
  ],
  primaryKey: { name: 'PK_sag', columns: ['sagID'] },
  foreignKeys: [
    { name: 'FK_sag_kle_emne', table: 'kle_emne', references: [['emnenummer', 'emnenummer']] },
    { name: 'FK_sag_handlingsfacet', table: 'handlingsfacet', references: [['handlingsfacet', 'facetkode']] },
  ],
};

export const DOCUMENT_TABLE: TableDef = {
  name: 'dokument',
  description:
    'De journaliserede dokumenter på sagerne, i den gældende version. Hvert dokument findes som TIFF i mappen Documents under sit dokumentID.',
  columns: [
    int(
      'dokumentID',
      'Dokumentets ID i arkiveringsversionen: navnet på dets mappe under Documents, jf. docIndex.xml.',
      {
        functional: ['Dokumentidentifikation'],
      },
    ),
    int('sagID', 'Sagen, dokumentet er journaliseret på.'),
    int('journalnummer', 'Dokumentets løbenummer i sagens journal (offentlighedslovens § 15).', { nullable: true }),
    text('titel', 'Dokumentets titel.', { functional: ['Dokumenttitel'] }),
    text('art', 'Dokumentets art: Fil eller E-mail.'),
    text('retning', 'Indgående, Udgående eller Internt.'),
    {
      name: 'dokumentdato',
      type: 'date',
      original: 'text',
      nullable: false,
      description: 'Dokumentets dato (afsendt eller modtaget).',
      functional: ['Dokumentdato'],
    },
    text('afsender', 'Afsender.', { nullable: true, functional: ['Afsender_modtager'] }),
    text('modtager', 'Modtager.', { nullable: true, functional: ['Afsender_modtager'] }),
    int(
      'overordnet_dokumentID',
      'For en vedhæftet fil: dokumentID på den e-mail, den var vedhæftet (jf. pID i docIndex.xml).',
      {
        nullable: true,
      },
    ),
    int('version', 'Den version af dokumentet, der er afleveret (den gældende, journaliserede).'),
    text('oprindeligt_filnavn', 'Filens navn i systemet.'),
    text('oprindelig_filtype', 'Filens type i systemet (MIME-type).'),
    int(
      'lagringsform',
      'Lagringsform, jf. bekendtgørelsens figur 6.5: 1 = helt eller delvis digitalt (alle dokumenter her).',
      {
        functional: ['Lagringsform'],
      },
    ),
    int('sider', 'Antal sider i TIFF-filen.'),
    text(
      'konverteringskilde',
      'Hvad TIFF-filen er dannet af: PDF-original, PDF-kopi fra endeliggørelsen, PDF-kopi dannet ved arkiveringen, dokumentets tekst, eller en side om, at dokumentet ikke kunne konverteres.',
    ),
    text('konverteringsnote', 'Bemærkning til konverteringen, fx at kun teksten kunne gengives.', { nullable: true }),
    when('journaliseret', 'Hvornår dokumentet blev journaliseret (UTC).'),
    when('endeligt', 'Hvornår den afleverede version blev gjort endelig og låst (UTC).', { nullable: true }),
  ],
  primaryKey: { name: 'PK_dokument', columns: ['dokumentID'] },
  foreignKeys: [
    { name: 'FK_dokument_sag', table: 'sag', references: [['sagID', 'sagID']] },
    { name: 'FK_dokument_overordnet', table: 'dokument', references: [['overordnet_dokumentID', 'dokumentID']] },
  ],
};

export const PARTY_TABLE: TableDef = {
  name: 'part',
  description: 'Parterne på sagerne: borgere, virksomheder og andre, med deres rolle på sagen.',
  columns: [
    int('partID', 'Partens entydige nummer i systemet.'),
    int('sagID', 'Sagen, parten er part på.'),
    text('art', 'Person, Virksomhed eller Anden.'),
    text('rolle', 'Part, Repræsentant eller Kopimodtager.'),
    text('navn', 'Partens navn.', { functional: ['Afsender_modtager'] }),
    text('cpr_nummer', 'Personens CPR-nummer (DDMMÅÅ-XXXX).', { nullable: true }),
    text('cvr_nummer', 'Virksomhedens CVR-nummer.', { nullable: true }),
    text('adresse', 'Adresse.', { nullable: true }),
    text('email', 'E-mailadresse.', { nullable: true }),
    text('telefon', 'Telefonnummer.', { nullable: true }),
    when('oprettet', 'Hvornår parten blev tilføjet sagen (UTC).'),
  ],
  primaryKey: { name: 'PK_part', columns: ['partID'] },
  foreignKeys: [{ name: 'FK_part_sag', table: 'sag', references: [['sagID', 'sagID']] }],
};

export const NOTE_TABLE: TableDef = {
  name: 'journalnotat',
  description: 'Journalnotater på sagerne, herunder systemets egne notater (fx begrundelse for genåbning).',
  columns: [
    int('notatID', 'Notatets entydige nummer i systemet.'),
    int('sagID', 'Sagen, notatet står på.'),
    text('forfatter', 'Hvem der skrev notatet.'),
    text('tekst', 'Notatets tekst (ren tekst).'),
    when('oprettet', 'Hvornår notatet blev skrevet (UTC).'),
  ],
  primaryKey: { name: 'PK_journalnotat', columns: ['notatID'] },
  foreignKeys: [{ name: 'FK_journalnotat_sag', table: 'sag', references: [['sagID', 'sagID']] }],
};

export const SUBJECT_TABLE: TableDef = {
  name: 'kle_emne',
  description:
    'De emner i KL’s Emnesystematik (KLE), sagerne er klassificeret under, med deres overordnede grupper og hovedgrupper, og den bevaringsregel, der gjaldt ved afleveringen.',
  columns: [
    text('emnenummer', 'KLE-nummeret: hovedgruppe (00), gruppe (00.01) eller emne (00.01.00).'),
    int('niveau', '1 = hovedgruppe, 2 = gruppe, 3 = emne.'),
    text('overordnet_emnenummer', 'Den gruppe eller hovedgruppe, nummeret hører under.', { nullable: true }),
    text('titel', 'Titlen i KLE.'),
    text(
      'bevaring',
      'Bevaringsreglen i kraft: Bevares, Kasseres eller Vurderes (kommunens egen regel, når den er sat, ellers KL’s).',
      {
        nullable: true,
        functional: ['Kassation'],
      },
    ),
    int('kassationsfrist_aar', 'Antal år efter afslutning, før kassation, når reglen er Kasseres.', {
      nullable: true,
      functional: ['Kassation'],
    }),
  ],
  primaryKey: { name: 'PK_kle_emne', columns: ['emnenummer'] },
  foreignKeys: [
    { name: 'FK_kle_emne_overordnet', table: 'kle_emne', references: [['overordnet_emnenummer', 'emnenummer']] },
  ],
};

export const FACET_TABLE: TableDef = {
  name: 'handlingsfacet',
  description:
    'De handlingsfacetter i KLE, sagerne er klassificeret med, og den bevaringsregel, der gjaldt ved afleveringen.',
  columns: [
    text('facetkode', 'Facettens kode, fx G01.'),
    text('kategorikode', 'Facettens kategori, fx G.'),
    text('kategori', 'Kategoriens titel.'),
    text('titel', 'Facettens titel.'),
    text('bevaring', 'Bevaringsreglen i kraft: Bevares, Kasseres eller Vurderes.', {
      nullable: true,
      functional: ['Kassation'],
    }),
    int('kassationsfrist_aar', 'Antal år efter afslutning, før kassation, når reglen er Kasseres.', {
      nullable: true,
      functional: ['Kassation'],
    }),
  ],
  primaryKey: { name: 'PK_handlingsfacet', columns: ['facetkode'] },
  foreignKeys: [],
};

export const RELATION_TABLE: TableDef = {
  name: 'sagsrelation',
  description:
    'Relationer mellem sager (sager, der hører sammen). En relation til en sag, der ikke er i denne arkiveringsversion, har sagsnummeret men intet relateret_sagID.',
  columns: [
    int('sagID', 'Sagen, relationen står på.'),
    text('relateret_sagsnummer', 'Sagsnummeret på den relaterede sag.'),
    int('relateret_sagID', 'Den relaterede sags sagID, når den er i denne arkiveringsversion.', { nullable: true }),
    when('oprettet', 'Hvornår relationen blev oprettet (UTC).'),
  ],
  primaryKey: { name: 'PK_sagsrelation', columns: ['sagID', 'relateret_sagsnummer'] },
  foreignKeys: [
    { name: 'FK_sagsrelation_sag', table: 'sag', references: [['sagID', 'sagID']] },
    { name: 'FK_sagsrelation_relateret', table: 'sag', references: [['relateret_sagID', 'sagID']] },
  ],
};

/** In folder order: table1 … table7. */
export const TABLES: readonly TableDef[] = [
  CASE_TABLE,
  DOCUMENT_TABLE,
  PARTY_TABLE,
  NOTE_TABLE,
  SUBJECT_TABLE,
  FACET_TABLE,
  RELATION_TABLE,
];

// ---------------------------------------------------------------------------------------------
// Values

/** A value as the table holds it: trimmed and cleaned text, and how many characters were removed. */
export function normalise(value: Value, type: ColumnType): { value: Value; removed: number } {
  if (value === null || value === undefined) return { value: null, removed: 0 };
  switch (type) {
    case 'string': {
      const c = clean(String(value));
      return { value: c.text.trim(), removed: c.removed };
    }
    case 'integer':
      return { value: Number(value), removed: 0 };
    case 'boolean':
      return { value: value === true || value === 1 || value === '1' || value === 'true', removed: 0 };
    case 'date':
      return { value: String(value).slice(0, 10), removed: 0 };
    case 'timestamp':
      return { value: xsDateTime(String(value)), removed: 0 };
  }
}

/** An ISO instant as xs:dateTime in UTC, to the second: 2023-05-01T10:00:00Z. */
export function xsDateTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}

function length(value: Value): number {
  return typeof value === 'string' ? [...value].length : 0;
}

/** The SQL:1999 type tableIndex declares for a column. */
export function sqlType(column: ColumnDef, rows: Value[][], index: number): string {
  switch (column.type) {
    case 'integer':
      return 'INTEGER';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP WITH TIME ZONE';
    case 'string':
      return `VARCHAR(${Math.max(1, ...rows.map((r) => length(r[index] ?? null)))})`;
  }
}

const XS_TYPE: Record<ColumnType, string> = {
  integer: 'xs:integer',
  string: 'xs:string',
  boolean: 'xs:boolean',
  date: 'xs:date',
  timestamp: 'xs:dateTime',
};

/** Each table's own namespace, as the National Archives' tools name it. */
export function tableNamespace(folder: string): string {
  return `http://www.sa.dk/xmlns/siard/1.0/schema0/${folder}.xsd`;
}

/** `tableN.xsd`: the structure of one table (4.D.5), in step with tableIndex.xml. */
export function tableSchema(def: TableDef, folder: string): string {
  const ns = tableNamespace(folder);
  const columns = def.columns
    .map(
      (c, i) =>
        `      <xs:element name="c${i + 1}" type="${XS_TYPE[c.type]}"${c.nullable ? ' nillable="true"' : ''}/>\n`,
    )
    .join('');
  return (
    XML_DECLARATION +
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="${ns}" targetNamespace="${ns}" elementFormDefault="qualified" attributeFormDefault="unqualified">\n` +
    `  <xs:element name="table">\n    <xs:complexType>\n      <xs:sequence>\n` +
    `        <xs:element name="row" type="rowType" minOccurs="0" maxOccurs="unbounded"/>\n` +
    `      </xs:sequence>\n    </xs:complexType>\n  </xs:element>\n` +
    `  <xs:complexType name="rowType">\n    <xs:sequence>\n${columns}    </xs:sequence>\n  </xs:complexType>\n` +
    `</xs:schema>\n`
  );
}

function cell(name: string, value: Value): string {
  if (value === null) return `<${name} xsi:nil="true"/>`;
  const text = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** `tableN.xml`, in pieces (a table may hold many rows): the opening, the rows, the closing. */
export function* tableXml(data: TableData, folder: string): Generator<string> {
  const ns = tableNamespace(folder);
  yield XML_DECLARATION + `<table xmlns="${ns}" xmlns:xsi="${XSI}" xsi:schemaLocation="${ns} ${folder}.xsd">\n`;
  let chunk = '';
  for (const row of data.rows) {
    chunk += `  <row>${row.map((v, i) => cell(`c${i + 1}`, v)).join('')}</row>\n`;
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</table>\n`;
}

/** tableIndex.xml (bilag 6, figur 6.3). */
export function tableIndexXml(tables: TableData[], opts: { dialect: Dialect; databaseProduct: string }): string {
  const body = tables
    .map((t, n) => {
      const folder = `table${n + 1}`;
      const columns = t.def.columns
        .map(
          (c, i) =>
            `        <column>${el('name', c.name)}${el('columnID', `c${i + 1}`)}${el('type', sqlType(c, t.rows, i))}` +
            `${el('typeOriginal', typeof c.original === 'string' ? c.original : c.original(opts.dialect))}` +
            `${el('nullable', c.nullable ? 'true' : 'false')}${el('description', c.description)}` +
            `${(c.functional ?? []).map((f) => el('functionalDescription', f)).join('')}</column>\n`,
        )
        .join('');
      const pk = `${el('name', t.def.primaryKey.name)}${t.def.primaryKey.columns.map((c) => el('column', c)).join('')}`;
      const fks = t.def.foreignKeys.length
        ? `      <foreignKeys>\n${t.def.foreignKeys
            .map(
              (fk) =>
                `        <foreignKey>${el('name', fk.name)}${el('referencedTable', fk.table)}` +
                `${fk.references.map(([col, ref]) => `<reference>${el('column', col)}${el('referenced', ref)}</reference>`).join('')}</foreignKey>\n`,
            )
            .join('')}      </foreignKeys>\n`
        : '';
      return (
        `    <table>\n      ${el('name', t.def.name)}\n      ${el('folder', folder)}\n      ${el('description', t.def.description)}\n` +
        `      <columns>\n${columns}      </columns>\n      <primaryKey>${pk}</primaryKey>\n${fks}      ${el('rows', t.rows.length)}\n    </table>\n`
      );
    })
    .join('');
  return (
    XML_DECLARATION +
    `<siardDiark xmlns="${DIARK}" xmlns:xsi="${XSI}" xsi:schemaLocation="${DIARK} ../Schemas/standard/tableIndex.xsd">\n` +
    `  <version>1.0</version>\n  ${el('dbName', 'Samspil')}\n  ${el('databaseProduct', opts.databaseProduct)}\n` +
    `  <tables>\n${body}  </tables>\n</siardDiark>\n`
  );
}

// ---------------------------------------------------------------------------------------------
// Reading the tables from the database

/** An export's documents (x) with the document (d) and the exported version (v). */
export function exportedVersions(database: Database, exportId: number) {
  return database.db
    .selectFrom('archival_export_documents as x')
    .innerJoin('documents as d', 'd.id', 'x.document_id')
    .innerJoin('document_versions as v', (j) =>
      j.onRef('v.document_id', '=', 'x.document_id').onRef('v.version', '=', 'x.version'),
    )
    .where('x.export_id', '=', exportId);
}

const CASE_TYPE: Record<string, string> = {
  subject: 'Emnesag',
  geo: 'Geosag',
  citizen: 'Borgersag',
  company: 'Virksomhedssag',
  access_request: 'Aktindsigtssag',
};
const RETENTION: Record<string, string> = { preserve: 'Bevares', dispose: 'Kasseres', review: 'Vurderes' };
const DIRECTION: Record<string, string> = { incoming: 'Indgående', outgoing: 'Udgående', internal: 'Internt' };
const PARTY_KIND: Record<string, string> = { person: 'Person', company: 'Virksomhed', other: 'Anden' };
const PARTY_ROLE: Record<string, string> = { party: 'Part', representative: 'Repræsentant', copy: 'Kopimodtager' };
export const SOURCE_LABEL: Record<string, string> = {
  pdf: 'PDF-original',
  rendition: 'PDF-kopi fra endeliggørelsen',
  converted: 'PDF-kopi dannet ved arkiveringen',
  text: 'Dokumentets tekst',
  placeholder: 'Kunne ikke konverteres',
};

const code = (map: Record<string, string>, value: string | null) => (value === null ? null : (map[value] ?? value));

/** The rows of every table for an export, normalised; and how many characters were removed. */
export async function loadTables(
  database: Database,
  exportId: number,
): Promise<{ tables: TableData[]; removedCharacters: number }> {
  const db = database.db;
  const inExport = db.selectFrom('archival_export_cases').select('case_id').where('export_id', '=', exportId);

  const cases = await db
    .selectFrom('cases')
    .innerJoin('org_units', 'org_units.id', 'cases.unit_id')
    .leftJoin('users', 'users.id', 'cases.caseworker_id')
    .leftJoin('cases as parent', 'parent.id', 'cases.parent_id')
    .where('cases.id', 'in', inExport)
    .select([
      'cases.id',
      'cases.number',
      'cases.title',
      'cases.description',
      'cases.type',
      'cases.kle_number',
      'cases.facet_code',
      'parent.number as parent_number',
      'org_units.name as unit_name',
      'users.display_name as caseworker',
      'cases.confidential',
      'cases.retention',
      'cases.retention_years',
      'cases.retention_reason',
      'cases.address',
      'cases.geometry',
      'cases.created_at',
      'cases.closed_at',
      'cases.archived_at',
    ])
    .orderBy('cases.id')
    .execute();
  const caseIds = new Set(cases.map((c) => Number(c.id)));

  const docs = await exportedVersions(database, exportId)
    .select([
      'x.doc_id',
      'x.case_id',
      'x.version',
      'x.pages',
      'x.source',
      'x.note',
      'd.id as document_id',
      'd.number',
      'd.title',
      'd.kind',
      'd.direction',
      'd.document_date',
      'd.sender',
      'd.recipient',
      'd.parent_id',
      'd.journalised_at',
      'd.finalised_at',
      'v.filename',
      'v.mime',
    ])
    .orderBy('x.doc_id')
    .execute();
  const docIdOf = new Map(docs.map((d) => [Number(d.document_id), Number(d.doc_id)]));

  const parties = await db
    .selectFrom('case_parties')
    .selectAll()
    .where('case_id', 'in', inExport)
    .orderBy('id')
    .execute();
  const notes = await db.selectFrom('case_notes').selectAll().where('case_id', 'in', inExport).orderBy('id').execute();
  const relations = await db
    .selectFrom('case_relations as r')
    .innerJoin('cases as other', 'other.id', 'r.related_id')
    .where('r.case_id', 'in', inExport)
    .select(['r.case_id', 'r.related_id', 'other.number as related_number', 'r.created_at'])
    .orderBy('r.case_id')
    .orderBy('other.number')
    .execute();

  // The subjects used, with the groups and main groups above them (so the parent key holds).
  const subjectNumbers = new Set(cases.map((c) => c.kle_number));
  let frontier = [...subjectNumbers];
  const subjects: Array<{
    number: string;
    level: number;
    parent_number: string | null;
    title: string;
    retention: string | null;
    retention_years: number | null;
  }> = [];
  while (frontier.length) {
    const rows = await db
      .selectFrom('kle_subjects')
      .select([
        'number',
        'level',
        'parent_number',
        'title',
        'retention',
        'retention_years',
        'local_retention',
        'local_retention_years',
      ])
      .where('number', 'in', frontier)
      .execute();
    frontier = [];
    for (const r of rows) {
      subjects.push({
        number: r.number,
        level: Number(r.level),
        parent_number: r.parent_number,
        title: r.title,
        retention: r.local_retention ?? r.retention,
        retention_years: r.local_retention ? r.local_retention_years : r.retention_years,
      });
      if (r.parent_number && !subjectNumbers.has(r.parent_number)) {
        subjectNumbers.add(r.parent_number);
        frontier.push(r.parent_number);
      }
    }
  }
  subjects.sort((a, b) => a.number.localeCompare(b.number));
  const facetCodes = [...new Set(cases.map((c) => c.facet_code))];
  const facets = facetCodes.length
    ? await db.selectFrom('kle_facets').selectAll().where('code', 'in', facetCodes).orderBy('code').execute()
    : [];

  const raw: Array<[TableDef, Value[][]]> = [
    [
      CASE_TABLE,
      cases.map((c) => [
        Number(c.id),
        c.number,
        c.title,
        c.description,
        code(CASE_TYPE, c.type),
        c.kle_number,
        c.facet_code,
        c.parent_number,
        c.unit_name,
        c.caseworker,
        Number(c.confidential) === 1,
        code(RETENTION, c.retention),
        c.retention_years,
        c.retention_reason,
        c.address,
        c.geometry,
        c.created_at,
        c.closed_at,
        c.archived_at,
      ]),
    ],
    [
      DOCUMENT_TABLE,
      docs.map((d) => [
        Number(d.doc_id),
        Number(d.case_id),
        d.number === null ? null : Number(d.number),
        d.title,
        d.kind === 'email' ? 'E-mail' : 'Fil',
        code(DIRECTION, d.direction),
        d.document_date,
        d.sender,
        d.recipient,
        d.parent_id === null ? null : (docIdOf.get(Number(d.parent_id)) ?? null),
        Number(d.version),
        d.filename,
        d.mime,
        1,
        d.pages === null ? 0 : Number(d.pages),
        code(SOURCE_LABEL, d.source) ?? '',
        d.note,
        d.journalised_at,
        d.finalised_at,
      ]),
    ],
    [
      PARTY_TABLE,
      parties.map((p) => [
        Number(p.id),
        Number(p.case_id),
        code(PARTY_KIND, p.kind),
        code(PARTY_ROLE, p.role),
        p.name,
        p.cpr,
        p.cvr,
        p.address,
        p.email,
        p.phone,
        p.created_at,
      ]),
    ],
    [NOTE_TABLE, notes.map((n) => [Number(n.id), Number(n.case_id), n.author_name, n.body, n.created_at])],
    [
      SUBJECT_TABLE,
      subjects.map((s) => [
        s.number,
        s.level,
        s.parent_number,
        s.title,
        code(RETENTION, s.retention),
        s.retention_years,
      ]),
    ],
    [
      FACET_TABLE,
      facets.map((f) => [
        f.code,
        f.category_code,
        f.category_title,
        f.title,
        code(RETENTION, f.local_retention ?? f.retention),
        f.local_retention ? f.local_retention_years : f.retention_years,
      ]),
    ],
    [
      RELATION_TABLE,
      relations.map((r) => [
        Number(r.case_id),
        r.related_number,
        caseIds.has(Number(r.related_id)) ? Number(r.related_id) : null,
        r.created_at,
      ]),
    ],
  ];

  let removedCharacters = 0;
  const tables = raw.map(([def, rows]) => ({
    def,
    rows: rows.map((row) =>
      row.map((value, i) => {
        const column = def.columns[i]!;
        const n = normalise(value, column.type);
        removedCharacters += n.removed;
        if (n.value === null && !column.nullable) throw new Error(`${def.name}.${column.name} is null`);
        return n.value;
      }),
    ),
  }));
  return { tables, removedCharacters };
}
