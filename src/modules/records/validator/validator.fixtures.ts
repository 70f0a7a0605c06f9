import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import { collect } from '../../../pdf/index.ts';
import { STANDARD_DIR, STANDARD_SCHEMAS } from '../settings.ts';

/**
 * A small, valid archival version for the validator's tests: the five indices, two tables with
 * their schemas, two documents as real TIFFs (a two-page CCITT G4 one and a grey LZW one, made by
 * Ghostscript from a PDF made with pdfkit), one context document, the standard schemas, and a
 * fileIndex with the right MD5 sums. Tests then break one thing each.
 *
 * xmllint and Ghostscript are needed; without them the tests are skipped, unless REQUIRE_XMLLINT=1
 * (CI), which makes their absence an error.
 */
export const haveXmllint = spawnSync('xmllint', ['--version']).status === 0;
export const haveGhostscript = spawnSync('gs', ['--version']).status === 0;
if ((!haveXmllint || !haveGhostscript) && process.env.REQUIRE_XMLLINT === '1') {
  throw new Error('the archival version tests need xmllint and Ghostscript; install libxml2-utils and ghostscript');
}
export const canValidate = haveXmllint && haveGhostscript;

const run = promisify(execFile);

export const AVID = 'AVID.SA.18005';
export const FOLDER = `${AVID}.1`;

let tiffs: Promise<{ g4: Buffer; gray: Buffer }> | null = null;

/** The fixture's TIFFs, made once per test file: a 2-page bitonal G4 TIFF and a 1-page 8-bit grey LZW TIFF. */
export function fixtureTiffs(): Promise<{ g4: Buffer; gray: Buffer }> {
  tiffs ??= (async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'avid-tiff-'));
    try {
      const doc = new PDFDocument({
        size: [144, 72],
        margin: 10,
        info: { CreationDate: new Date(Date.UTC(2020, 0, 1)) },
      });
      const pdf = collect(doc);
      doc.fontSize(10).text('Ansøgning om byggetilladelse');
      doc.addPage({ size: [144, 72], margin: 10 }).text('Side 2');
      doc.end();
      await fs.writeFile(path.join(dir, 'a.pdf'), await pdf);
      const gs = (device: string, out: string, ...extra: string[]) =>
        run('gs', [
          '-q',
          '-dNOPAUSE',
          '-dBATCH',
          '-dSAFER',
          `-sDEVICE=${device}`,
          '-r300',
          ...extra,
          `-sOutputFile=${path.join(dir, out)}`,
          path.join(dir, 'a.pdf'),
        ]);
      await gs('tiffg4', 'g4.tif');
      await gs('tiffgray', 'gray.tif', '-sCompression=lzw', '-dFirstPage=1', '-dLastPage=1');
      return { g4: await fs.readFile(path.join(dir, 'g4.tif')), gray: await fs.readFile(path.join(dir, 'gray.tif')) };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  })();
  return tiffs;
}

const NS = 'http://www.sa.dk/xmlns/diark/1.0';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

export const ARCHIVE_INDEX = `${DECL}<archiveIndex xmlns="${NS}" xmlns:xsi="${XSI}">
  <archiveInformationPackageID>${AVID}</archiveInformationPackageID>
  <archivePeriodStart>2016-01-01</archivePeriodStart>
  <archivePeriodEnd>2020-12-31</archivePeriodEnd>
  <documentPeriodStart>2016-01-01</documentPeriodStart>
  <documentPeriodEnd>2020-12-31</documentPeriodEnd>
  <archiveInformationPacketType>false</archiveInformationPacketType>
  <archiveCreatorList>
    <creatorName>Eksempel Kommune</creatorName>
    <creationPeriodStart>2016-01-01</creationPeriodStart>
    <creationPeriodEnd>2020-12-31</creationPeriodEnd>
  </archiveCreatorList>
  <archiveType>true</archiveType>
  <archiveTypeClosedFiles>true</archiveTypeClosedFiles>
  <systemName>Samspil sags- og dokumenthåndtering</systemName>
  <systemPurpose>Journalisering og behandling af kommunens sager.</systemPurpose>
  <systemContent>Sager og dokumenter fra Teknik og Miljø.</systemContent>
  <regionNum>false</regionNum>
  <komNum>false</komNum>
  <cprNum>true</cprNum>
  <cvrNum>false</cvrNum>
  <matrikNum>false</matrikNum>
  <bbrNum>false</bbrNum>
  <whoSygKod>false</whoSygKod>
  <form>
    <formVersion>2.0</formVersion>
    <classList>
      <formClass>12.04.08</formClass>
      <formClassText>Byggesagsbehandling</formClassText>
    </classList>
  </form>
  <containsDigitalDocuments>true</containsDigitalDocuments>
  <containsGeodata>false</containsGeodata>
  <containsResearchData>false</containsResearchData>
  <researchSIP>false</researchSIP>
  <documentsDisposal>false</documentsDisposal>
  <searchRelatedOtherRecords>false</searchRelatedOtherRecords>
  <systemFileConcept>true</systemFileConcept>
  <multipleDataCollection>false</multipleDataCollection>
  <personalDataRestrictedInfo>true</personalDataRestrictedInfo>
  <otherAccessTypeRestrictions>false</otherAccessTypeRestrictions>
  <archiveApproval>SA</archiveApproval>
</archiveIndex>
`;

const CONTEXT_INDEX = `${DECL}<contextDocumentationIndex xmlns="${NS}">
  <document>
    <documentID>1</documentID>
    <documentTitle>Systembeskrivelse</documentTitle>
    <documentDate>2020-11-30</documentDate>
    <documentAuthor>
      <authorInstitution>Eksempel Kommune</authorInstitution>
    </documentAuthor>
    <documentCategory>
      <systemInformation>
        <systemPurpose>true</systemPurpose>
        <systemContent>true</systemContent>
      </systemInformation>
    </documentCategory>
  </document>
</contextDocumentationIndex>
`;

const column = (
  name: string,
  id: string,
  type: string,
  nullable: boolean,
  description: string,
  functional?: string,
) => `
        <column>
          <name>${name}</name>
          <columnID>${id}</columnID>
          <type>${type}</type>
          <nullable>${nullable}</nullable>
          <description>${description}</description>${functional ? `\n          <functionalDescription>${functional}</functionalDescription>` : ''}
        </column>`;

export const TABLE_INDEX = `${DECL}<siardDiark xmlns="${NS}">
  <version>1.0</version>
  <dbName>samspil</dbName>
  <tables>
    <table>
      <name>sag</name>
      <folder>table1</folder>
      <description>Sagerne</description>
      <columns>${column('id', 'c1', 'INTEGER', false, 'Sagens nøgle', 'Sagsidentifikation')}${column('titel', 'c2', 'VARCHAR(200)', false, 'Sagens titel', 'Sagstitel')}${column('lukket', 'c3', 'DATE', true, 'Dato for lukning')}
      </columns>
      <primaryKey>
        <name>PK_sag</name>
        <column>id</column>
      </primaryKey>
      <rows>2</rows>
    </table>
    <table>
      <name>dokument</name>
      <folder>table2</folder>
      <description>Dokumenterne</description>
      <columns>${column('id', 'c1', 'INTEGER', false, 'Dokumentets ID i arkiveringsversionen', 'Dokumentidentifikation')}${column('sag_id', 'c2', 'INTEGER', false, 'Sagen')}${column('titel', 'c3', 'NATIONAL CHARACTER VARYING(500)', false, 'Dokumentets titel', 'Dokumenttitel')}
      </columns>
      <primaryKey>
        <name>PK_dokument</name>
        <column>id</column>
      </primaryKey>
      <foreignKeys>
        <foreignKey>
          <name>FK_dokument_sag</name>
          <referencedTable>sag</referencedTable>
          <reference>
            <column>sag_id</column>
            <referenced>id</referenced>
          </reference>
        </foreignKey>
      </foreignKeys>
      <rows>2</rows>
    </table>
  </tables>
</siardDiark>
`;

export function tableXsd(folder: string, columns: [id: string, type: string, nillable?: boolean][]): string {
  const ns = `http://www.sa.dk/xmlns/siard/1.0/schema0/${folder}.xsd`;
  const cols = columns
    .map(([id, type, nil]) => `\n      <xs:element name="${id}" type="xs:${type}"${nil ? ' nillable="true"' : ''}/>`)
    .join('');
  return `${DECL}<xs:schema xmlns="${ns}" xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${ns}" elementFormDefault="qualified" attributeFormDefault="unqualified">
  <xs:element name="table">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="row" type="rowType" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:complexType name="rowType">
    <xs:sequence>${cols}
    </xs:sequence>
  </xs:complexType>
</xs:schema>
`;
}

export function tableXml(folder: string, rows: string[]): string {
  const ns = `http://www.sa.dk/xmlns/siard/1.0/schema0/${folder}.xsd`;
  return `${DECL}<table xmlns="${ns}" xmlns:xsi="${XSI}" xsi:schemaLocation="${ns} ${folder}.xsd">\n${rows.map((r) => `  <row>${r}</row>\n`).join('')}</table>\n`;
}

export const TABLE1_ROWS = [
  '<c1>1</c1><c2>Byggetilladelse, Østergade 12</c2><c3>2019-05-01</c3>',
  '<c1>2</c1><c2>Klage over støj &amp; lugt</c2><c3 xsi:nil="true"/>',
];
const TABLE2_ROWS = ['<c1>1</c1><c2>1</c2><c3>Ansøgning</c3>', '<c1>2</c1><c2>2</c2><c3>Foto af facade</c3>'];

const DOC_INDEX = `${DECL}<docIndex xmlns="${NS}">
  <doc>
    <dID>1</dID>
    <mID>1</mID>
    <dCf>docCollection1</dCf>
    <oFn>ansøgning.pdf</oFn>
    <aFt>tif</aFt>
  </doc>
  <doc>
    <dID>2</dID>
    <pID>1</pID>
    <mID>1</mID>
    <dCf>docCollection1</dCf>
    <oFn>facade.jpg</oFn>
    <aFt>tif</aFt>
  </doc>
</docIndex>
`;

/** Writes the valid fixture version into `parent` and returns its folder. */
export async function buildArchivalVersion(parent: string, name = FOLDER): Promise<string> {
  const dir = path.join(parent, name);
  const { g4, gray } = await fixtureTiffs();
  const put = async (rel: string, content: string | Buffer) => {
    const file = path.join(dir, ...rel.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  };
  await put('Indices/archiveIndex.xml', ARCHIVE_INDEX);
  await put('Indices/contextDocumentationIndex.xml', CONTEXT_INDEX);
  await put('Indices/tableIndex.xml', TABLE_INDEX);
  await put('Indices/docIndex.xml', DOC_INDEX);
  for (const s of STANDARD_SCHEMAS) await put(`Schemas/standard/${s}`, await fs.readFile(path.join(STANDARD_DIR, s)));
  await fs.mkdir(path.join(dir, 'Schemas', 'localShared'), { recursive: true });
  await put(
    'Tables/table1/table1.xsd',
    tableXsd('table1', [
      ['c1', 'integer'],
      ['c2', 'string'],
      ['c3', 'date', true],
    ]),
  );
  await put('Tables/table1/table1.xml', tableXml('table1', TABLE1_ROWS));
  await put(
    'Tables/table2/table2.xsd',
    tableXsd('table2', [
      ['c1', 'integer'],
      ['c2', 'integer'],
      ['c3', 'string'],
    ]),
  );
  await put('Tables/table2/table2.xml', tableXml('table2', TABLE2_ROWS));
  await put('ContextDocumentation/docCollection1/1/1.tif', g4);
  await put('Documents/docCollection1/1/1.tif', g4);
  await put('Documents/docCollection1/2/1.tif', gray);
  await writeFileIndex(dir);
  return dir;
}

/** (Re)writes Indices/fileIndex.xml from what is on disk, with the files' MD5 sums (4. C. 2). */
export async function writeFileIndex(dir: string): Promise<void> {
  const name = path.basename(dir);
  const entries = (await fs.readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep))
    .filter((parts) => parts.join('/') !== 'Indices/fileIndex.xml')
    .sort((a, b) => a.join('/').localeCompare(b.join('/')));
  const records: string[] = [];
  for (const parts of entries) {
    const md5 = createHash('md5')
      .update(await fs.readFile(path.join(dir, ...parts)))
      .digest('hex');
    const folder = [name, ...parts.slice(0, -1)].join('\\');
    records.push(`  <f>\n    <foN>${folder}</foN>\n    <fiN>${parts.at(-1)}</fiN>\n    <md5>${md5}</md5>\n  </f>\n`);
  }
  await fs.writeFile(
    path.join(dir, 'Indices', 'fileIndex.xml'),
    `${DECL}<fileIndex xmlns="${NS}">\n${records.join('')}</fileIndex>\n`,
  );
}

/** Replaces text in a file of the version (throws when the text is not there, so a test cannot silently test nothing). */
export async function edit(dir: string, rel: string, from: string | RegExp, to: string): Promise<void> {
  const file = path.join(dir, ...rel.split('/'));
  const before = await fs.readFile(file, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`edit: ${String(from)} not found in ${rel}`);
  await fs.writeFile(file, after);
}
