import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DIARK, el, XML_DECLARATION, XSI } from './xml.ts';

/**
 * The index files of an archival version (bek. 128/2020, bilag 4, 4.C; bilag 6, 6.A), each in the
 * National Archives' namespace with its schema in ../Schemas/standard/.
 */

const root = (name: string, schema: string) =>
  `<${name} xmlns="${DIARK}" xmlns:xsi="${XSI}" xsi:schemaLocation="${DIARK} ../Schemas/standard/${schema}">`;

const bool = (b: boolean) => (b ? 'true' : 'false');

export interface ArchiveIndexInput {
  /** AVID.SA.18005 (without the medium). */
  packageId: string;
  previous: string[];
  periodStart: string;
  periodEnd: string;
  documentPeriod: { start: string; end: string } | null;
  creator: string;
  systemName: string;
  alternativeNames: string[];
  systemPurpose: string;
  systemContent: string;
  cprNum: boolean;
  cvrNum: boolean;
  containsDigitalDocuments: boolean;
  documentsDisposal: boolean;
  personalDataRestrictedInfo: boolean;
  otherAccessTypeRestrictions: boolean;
  archiveApproval: string;
}

/** archiveIndex.xml (bilag 6, figur 6.1), its elements in the schema's order. */
export function archiveIndexXml(a: ArchiveIndexInput): string {
  const lines = [
    el('archiveInformationPackageID', a.packageId),
    ...a.previous.map((p) => el('archiveInformationPackageIDPrevious', p)),
    el('archivePeriodStart', a.periodStart),
    el('archivePeriodEnd', a.periodEnd),
    ...(a.documentPeriod
      ? [el('documentPeriodStart', a.documentPeriod.start), el('documentPeriodEnd', a.documentPeriod.end)]
      : []),
    // Not a final delivery: the system goes on, and the next period follows.
    el('archiveInformationPacketType', bool(false)),
    `<archiveCreatorList>${el('creatorName', a.creator)}${el('creationPeriodStart', a.periodStart)}${el('creationPeriodEnd', a.periodEnd)}</archiveCreatorList>`,
    // A closed period (årgang), not a snapshot.
    el('archiveType', bool(true)),
    // Required when the version holds digital documents (bilag 6, 6. A. 1): false, as this is not a
    // snapshot of metadata with documents from closed cases only; it holds whole closed cases.
    ...(a.documentPeriod ? [el('archiveTypeClosedFiles', bool(false))] : []),
    el('systemName', a.systemName),
    ...a.alternativeNames.map((n) => el('alternativeName', n)),
    el('systemPurpose', a.systemPurpose),
    el('systemContent', a.systemContent),
    el('regionNum', bool(false)),
    el('komNum', bool(false)),
    el('cprNum', bool(a.cprNum)),
    el('cvrNum', bool(a.cvrNum)),
    el('matrikNum', bool(false)),
    el('bbrNum', bool(false)),
    el('whoSygKod', bool(false)),
    el('containsDigitalDocuments', bool(a.containsDigitalDocuments)),
    el('containsGeodata', bool(false)),
    el('containsResearchData', bool(false)),
    el('researchSIP', bool(false)),
    el('documentsDisposal', bool(a.documentsDisposal)),
    el('searchRelatedOtherRecords', bool(false)),
    el('systemFileConcept', bool(true)),
    el('multipleDataCollection', bool(false)),
    el('personalDataRestrictedInfo', bool(a.personalDataRestrictedInfo)),
    el('otherAccessTypeRestrictions', bool(a.otherAccessTypeRestrictions)),
    el('archiveApproval', a.archiveApproval),
  ];
  return `${XML_DECLARATION}${root('archiveIndex', 'archiveIndex.xsd')}\n${lines.map((l) => `  ${l}\n`).join('')}</archiveIndex>\n`;
}

/** The categories of bilag 6, figur 6.2, as contextDocumentationIndex.xsd groups them. */
export interface ContextCategories {
  systemInformation?: Array<
    | 'systemPurpose'
    | 'systemRegulations'
    | 'systemContent'
    | 'systemAdministrativeFunctions'
    | 'systemPresentationStructure'
    | 'systemDataProvision'
    | 'systemDataTransfer'
    | 'systemPreviousSubsequentFunctions'
    | 'systemAgencyQualityControl'
    | 'systemPublication'
    | 'systemInformationOther'
    | 'systemTaxonomy'
    | 'systemInstruction'
  >;
  operationalInformation?: Array<
    | 'operationalSystemInformation'
    | 'operationalSystemConvertedInformation'
    | 'operationalSystemSOA'
    | 'operationalSystemInformationOther'
  >;
  submissionInformation?: Array<
    'archivalProvisions' | 'archivalTransformationInformation' | 'archivalInformationOther'
  >;
}

/** Each group's elements in the schema's sequence order. */
const CATEGORY_ORDER: { [K in keyof ContextCategories]-?: NonNullable<ContextCategories[K]> } = {
  systemInformation: [
    'systemPurpose',
    'systemRegulations',
    'systemContent',
    'systemAdministrativeFunctions',
    'systemPresentationStructure',
    'systemDataProvision',
    'systemDataTransfer',
    'systemPreviousSubsequentFunctions',
    'systemAgencyQualityControl',
    'systemPublication',
    'systemInformationOther',
    'systemTaxonomy',
    'systemInstruction',
  ],
  operationalInformation: [
    'operationalSystemInformation',
    'operationalSystemConvertedInformation',
    'operationalSystemSOA',
    'operationalSystemInformationOther',
  ],
  submissionInformation: ['archivalProvisions', 'archivalTransformationInformation', 'archivalInformationOther'],
};

export interface ContextDocument {
  id: number;
  title: string;
  description: string;
  date: string;
  authorInstitution: string;
  categories: ContextCategories;
}

/** contextDocumentationIndex.xml (bilag 4, figur 4.3). */
export function contextDocumentationIndexXml(docs: ContextDocument[]): string {
  const body = docs
    .map((d) => {
      const groups = (Object.keys(CATEGORY_ORDER) as Array<keyof ContextCategories>)
        .filter((g) => d.categories[g]?.length)
        .map((g) => {
          const chosen = new Set<string>(d.categories[g]);
          const items = (CATEGORY_ORDER[g] as string[]).filter((c) => chosen.has(c)).map((c) => el(c, 'true'));
          return `<${g}>${items.join('')}</${g}>`;
        })
        .join('');
      return (
        `  <document>${el('documentID', d.id)}${el('documentTitle', d.title)}${el('documentDescription', d.description)}` +
        `${el('documentDate', d.date)}<documentAuthor>${el('authorInstitution', d.authorInstitution)}</documentAuthor>` +
        `<documentCategory>${groups}</documentCategory></document>\n`
      );
    })
    .join('');
  return `${XML_DECLARATION}${root('contextDocumentationIndex', 'contextDocumentationIndex.xsd')}\n${body}</contextDocumentationIndex>\n`;
}

export interface DocIndexEntry {
  docId: number;
  parentDocId: number | null;
  collection: number;
  originalFilename: string;
}

/** docIndex.xml (bilag 4, figur 4.4), in pieces: one document per entry. mID is the medium's number. */
export function* docIndexXml(entries: Iterable<DocIndexEntry>, medium: number): Generator<string> {
  yield `${XML_DECLARATION}${root('docIndex', 'docIndex.xsd')}\n`;
  let chunk = '';
  for (const d of entries) {
    chunk +=
      `  <doc>${el('dID', d.docId)}${d.parentDocId === null ? '' : el('pID', d.parentDocId)}${el('mID', medium)}` +
      `${el('dCf', `docCollection${d.collection}`)}${el('oFn', normalizedString(d.originalFilename))}${el('aFt', 'tif')}</doc>\n`;
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</docIndex>\n`;
}

/** xs:normalizedString has no tab, CR or LF; a file name should not either. */
function normalizedString(text: string): string {
  return text.replace(/[\t\r\n]/g, ' ').trim() || 'uden navn';
}

export interface FileEntry {
  /** Path inside the AVID folder with forward slashes: Tables/table1/table1.xml. */
  path: string;
  md5: string;
}

/** Every file under `dir` except Indices/fileIndex.xml, sorted, with its MD5 (streamed, never whole in memory). */
export async function listFiles(dir: string): Promise<FileEntry[]> {
  const found: string[] = [];
  const walk = async (rel: string) => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else if (child !== 'Indices/fileIndex.xml') found.push(child);
    }
  };
  await walk('');
  found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: FileEntry[] = [];
  for (const rel of found) out.push({ path: rel, md5: await md5File(path.join(dir, rel)) });
  return out;
}

export function md5File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('md5');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex').toUpperCase()));
  });
}

/** fileIndex.xml (bilag 4, figur 4.2): foN is the folder from the medium's name, with backslashes. */
export function* fileIndexXml(files: FileEntry[], mediaName: string): Generator<string> {
  yield `${XML_DECLARATION}${root('fileIndex', 'fileIndex.xsd')}\n`;
  let chunk = '';
  for (const f of files) {
    const parts = f.path.split('/');
    const name = parts.pop()!;
    chunk += `  <f>${el('foN', [mediaName, ...parts].join('\\'))}${el('fiN', name)}${el('md5', f.md5)}</f>\n`;
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</fileIndex>\n`;
}
