import fs from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from './report.ts';

/**
 * The folders and names of an archival version (bek. 128, bilag 4, 4. B.–4. G., and the name
 * patterns of fileIndex.xsd): one walk of every medium's folder, then the rules of each folder.
 */

/** AVID.<archive>.<number>.<medium> (4. B. 1 and 4. B. 4.a; fileIndex.xsd's folder pattern). */
export const AVID_FOLDER = /^(AVID\.[A-ZÆØÅ]{2,4}\.[1-9][0-9]*)\.([1-9][0-9]*)$/;

export interface Medium {
  /** The folder's name, e.g. AVID.SA.18005.1. */
  name: string;
  number: number;
  dir: string;
  /** Every file, by its path inside the medium's folder (forward slashes). */
  files: Set<string>;
  /** Every folder, the same way ('' is the medium's folder itself). */
  dirs: Map<string, { files: string[]; dirs: string[] }>;
  /** Entries that are neither files nor folders (links, devices). */
  others: string[];
}

export async function walkMedium(dir: string, name: string, number: number): Promise<Medium> {
  const m: Medium = { name, number, dir, files: new Set(), dirs: new Map([['', { files: [], dirs: [] }]]), others: [] };
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const rel = (e: { parentPath: string; name: string }) =>
    path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
  for (const e of entries) if (e.isDirectory()) m.dirs.set(rel(e), { files: [], dirs: [] });
  for (const e of entries) {
    const r = rel(e);
    const parent = r.includes('/') ? r.slice(0, r.lastIndexOf('/')) : '';
    const p = m.dirs.get(parent);
    if (e.isDirectory()) p?.dirs.push(e.name);
    else if (e.isFile()) {
      m.files.add(r);
      p?.files.push(e.name);
    } else m.others.push(r);
  }
  for (const d of m.dirs.values()) {
    d.files.sort(natural);
    d.dirs.sort(natural);
  }
  return m;
}

const natural = new Intl.Collator('en', { numeric: true }).compare;

/** The media of a version: the given folder and its siblings AVID.X.N.2, .3, … (4. B. 5.a). */
export async function findMedia(
  dir: string,
): Promise<{ avid: string; media: { name: string; number: number; dir: string }[] }> {
  const name = path.basename(path.resolve(dir));
  const m = AVID_FOLDER.exec(name);
  if (!m) return { avid: name, media: [{ name, number: 1, dir }] };
  const id = m[1]!;
  const parent = path.dirname(path.resolve(dir));
  const media = [{ name, number: Number(m[2]), dir: path.resolve(dir) }];
  for (const e of await fs.readdir(parent, { withFileTypes: true })) {
    const s = AVID_FOLDER.exec(e.name);
    if (e.isDirectory() && e.name !== name && s && s[1] === id) {
      media.push({ name: e.name, number: Number(s[2]), dir: path.join(parent, e.name) });
    }
  }
  media.sort((a, b) => a.number - b.number);
  return { avid: id, media };
}

export const INDEX_FILES = [
  'fileIndex.xml',
  'archiveIndex.xml',
  'contextDocumentationIndex.xml',
  'tableIndex.xml',
  'docIndex.xml',
  'researchIndex.xml',
];
export const STANDARD_SCHEMA_FILES = [
  'fileIndex.xsd',
  'archiveIndex.xsd',
  'contextDocumentationIndex.xsd',
  'tableIndex.xsd',
  'docIndex.xsd',
  'researchIndex.xsd',
  'XMLSchema.xsd',
];
/** The OGC GML 3.1.1 schema files that may sit in Schemas/localShared (fileIndex.xsd's list; 5. G. 2). */
const GML_SCHEMA_FILES = new Set(
  'basicTypes coordinateOperations coordinateReferenceSystems coordinateSystems coverage dataQuality datums defaultStyle dictionary direction dynamicFeature feature geometryAggregates geometryBasic0d1d geometryBasic2d geometryComplexes geometryPrimitives gml gmlBase grids measures observation referenceSystems smil20 smil20-language temporal temporalReferenceSystems temporalTopology topology units valueObjects xlinks xml-mod'
    .split(' ')
    .map((n) => `${n}.xsd`),
);

/** 4. G. 8 (documents) and 6. B. 4 with 5. E.–5. F. (context documentation: no GML). */
const DOCUMENT_TYPES = ['tif', 'mp3', 'mpg', 'jp2', 'gml', 'wav'];
const CONTEXT_TYPES = ['tif', 'mp3', 'mpg', 'jp2', 'wav'];
const ID = /^[1-9][0-9]{0,11}$/;

export interface DocumentFolder {
  medium: Medium;
  /** Path inside the medium, e.g. Documents/docCollection1/7. */
  rel: string;
  collection: string;
  id: string;
  /** The document's files (1.tif, 2.tif … or 1.gml with 1.xsd). */
  files: string[];
  /** Its format (the files' extension in lower case), when they share one. */
  format?: string;
}

export interface Structure {
  tables: Map<string, { medium: Medium; files: string[] }>;
  documents: Map<string, DocumentFolder>;
  context: Map<string, DocumentFolder>;
}

type Add = (f: Finding) => void;

/** Checks the folders of all media and returns what the index checks need. */
export function checkStructure(media: Medium[], add: Add): Structure {
  const result: Structure = { tables: new Map(), documents: new Map(), context: new Map() };
  const first = media[0]!;
  const where = (m: Medium, rel: string) => (m === first ? rel : rel ? `${m.name}/${rel}` : m.name);
  const unexpected = (m: Medium, rel: string, section: string, why: string) =>
    add({ code: 'unexpected-entry', section, path: where(m, rel), message: `${why} må ikke ligge her.` });

  media.forEach((m, i) => {
    if (m.number !== i + 1) {
      add({
        code: 'name-invalid',
        section: 'bilag 4, punkt 4. B. 1',
        path: m.name,
        message: `Medierne skal nummereres fortløbende fra 1; medie nr. ${i + 1} i rækken hedder ${m.name}.`,
      });
    }
  });

  const tableNumbers: number[] = [];
  const docCollections: number[] = [];
  const ctxCollections: number[] = [];

  for (const m of media) {
    const root = m.dirs.get('')!;
    const allowed =
      m === first ? ['Indices', 'Tables', 'ContextDocumentation', 'Schemas', 'Documents'] : ['Tables', 'Documents'];
    for (const f of root.files) unexpected(m, f, 'bilag 4, punkt 4. B. 2', `Filen ${f}`);
    for (const o of m.others) unexpected(m, o, 'bilag 4, punkt 4. B. 2', `${o} (hverken fil eller mappe)`);
    for (const d of root.dirs) {
      if (!allowed.includes(d)) {
        const onFirst = ['Indices', 'ContextDocumentation', 'Schemas'].includes(d);
        unexpected(
          m,
          d,
          onFirst ? 'bilag 4, punkt 4. B. 5.b' : 'bilag 4, punkt 4. B. 3',
          onFirst
            ? `Mappen ${d} skal ligge på første medie og`
            : `Mappen ${d} (mapperne skal navngives som i figur 4.1)`,
        );
      }
    }

    if (m === first) {
      for (const d of ['Indices', 'ContextDocumentation', 'Schemas']) {
        if (!root.dirs.includes(d)) {
          add({
            code: 'folder-missing',
            section: 'bilag 4, punkt 4. B. 2, figur 4.1',
            path: d,
            message: `Den obligatoriske mappe ${d} mangler.`,
          });
        }
      }
      const indices = m.dirs.get('Indices');
      if (indices) {
        for (const f of indices.files)
          if (!INDEX_FILES.includes(f)) unexpected(m, `Indices/${f}`, 'bilag 4, punkt 4. C. 1.a', `Filen ${f}`);
        for (const d of indices.dirs) unexpected(m, `Indices/${d}`, 'bilag 4, punkt 4. C. 1.a', `Mappen ${d}`);
      }
      const schemas = m.dirs.get('Schemas');
      if (schemas) {
        for (const d of ['standard', 'localShared']) {
          if (!schemas.dirs.includes(d)) {
            add({
              code: 'folder-missing',
              section: 'bilag 4, punkt 4. F. 1',
              path: `Schemas/${d}`,
              message: `Mappen Schemas skal have undermapperne standard og localShared; ${d} mangler.`,
            });
          }
        }
        for (const f of schemas.files) unexpected(m, `Schemas/${f}`, 'bilag 4, punkt 4. F. 1', `Filen ${f}`);
        for (const d of schemas.dirs)
          if (d !== 'standard' && d !== 'localShared')
            unexpected(m, `Schemas/${d}`, 'bilag 4, punkt 4. F. 1', `Mappen ${d}`);
        const standard = m.dirs.get('Schemas/standard');
        for (const f of standard?.files ?? []) {
          if (!STANDARD_SCHEMA_FILES.includes(f))
            unexpected(
              m,
              `Schemas/standard/${f}`,
              'bilag 4, punkt 4. F. 2',
              `Filen ${f} (kun indeksfilernes skemaer og W3C's XMLSchema.xsd)`,
            );
        }
        for (const d of standard?.dirs ?? [])
          unexpected(m, `Schemas/standard/${d}`, 'bilag 4, punkt 4. F. 2', `Mappen ${d}`);
        const local = m.dirs.get('Schemas/localShared');
        for (const f of local?.files ?? []) {
          if (!GML_SCHEMA_FILES.has(f) && !/^localSchema[1-9][0-9]{0,11}\.xsd$/i.test(f)) {
            unexpected(m, `Schemas/localShared/${f}`, 'bilag 4, punkt 4. F. 4', `Filen ${f} (kun GML-skemaer)`);
          }
        }
        for (const d of local?.dirs ?? [])
          unexpected(m, `Schemas/localShared/${d}`, 'bilag 4, punkt 4. F. 4', `Mappen ${d}`);
      }
    }

    const tables = m.dirs.get('Tables');
    if (tables) {
      for (const f of tables.files) unexpected(m, `Tables/${f}`, 'bilag 4, punkt 4. D. 1', `Filen ${f}`);
      for (const d of tables.dirs) {
        const t = /^table([1-9][0-9]*)$/.exec(d);
        if (!t) {
          add({
            code: 'name-invalid',
            section: /^table0/.test(d) ? 'bilag 4, punkt 4. D. 2.b' : 'bilag 4, punkt 4. D. 2.a',
            path: where(m, `Tables/${d}`),
            message: `Tabelmappen ${d} skal hedde »table« efterfulgt af et fortløbende nummer uden foranstillede nuller.`,
          });
          continue;
        }
        if (result.tables.has(d)) {
          add({
            code: 'name-invalid',
            section: 'bilag 4, punkt 4. B. 6',
            path: where(m, `Tables/${d}`),
            message: `Tabelmappen ${d} findes på flere medier.`,
          });
          continue;
        }
        tableNumbers.push(Number(t[1]));
        const content = m.dirs.get(`Tables/${d}`)!;
        result.tables.set(d, { medium: m, files: content.files });
        if (!content.files.includes(`${d}.xml`)) {
          add({
            code: 'file-missing',
            section: 'bilag 4, punkt 4. D. 3',
            path: where(m, `Tables/${d}/${d}.xml`),
            message: `Tabelmappen ${d} mangler filen ${d}.xml.`,
          });
        }
        for (const f of content.files) {
          if (f !== `${d}.xml` && f !== `${d}.xsd`)
            unexpected(m, `Tables/${d}/${f}`, 'bilag 4, punkt 4. D. 3', `Filen ${f} (kun ${d}.xml og ${d}.xsd)`);
        }
        for (const s of content.dirs) unexpected(m, `Tables/${d}/${s}`, 'bilag 4, punkt 4. D. 3', `Mappen ${s}`);
      }
    }

    collections(m, 'Documents', docCollections, result.documents, DOCUMENT_TYPES, 'G');
    if (m === first) collections(m, 'ContextDocumentation', ctxCollections, result.context, CONTEXT_TYPES, 'E');
  }

  if (!media.some((m) => m.dirs.has('Tables'))) {
    add({
      code: 'folder-missing',
      section: 'bilag 4, punkt 4. B. 2, figur 4.1',
      path: 'Tables',
      message: 'Den obligatoriske mappe Tables mangler.',
    });
  }
  gaps(tableNumbers, 'table', 'Tables', 'bilag 4, punkt 4. D. 2.b');
  gaps(docCollections, 'docCollection', 'Documents', 'bilag 4, punkt 4. G. 2');
  gaps(ctxCollections, 'docCollection', 'ContextDocumentation', 'bilag 4, punkt 4. E. 3');
  if (first.dirs.has('ContextDocumentation') && ctxCollections.length === 0) {
    add({
      code: 'folder-missing',
      section: 'bilag 4, punkt 4. E. 1',
      path: 'ContextDocumentation',
      message: 'Mappen ContextDocumentation skal indeholde en eller flere dokumentsamlingsmapper (docCollection1 …).',
    });
  }
  if (docCollections.length > 10_000) {
    add({
      code: 'too-many-collections',
      section: 'bilag 4, punkt 4. G. 1',
      path: 'Documents',
      message: `Mappen Documents har ${docCollections.length} dokumentsamlingsmapper; højst 10.000 er tilladt.`,
    });
  }
  return result;

  function gaps(numbers: number[], prefix: string, folder: string, section: string): void {
    const have = new Set(numbers);
    const max = numbers.reduce((a, b) => Math.max(a, b), 0);
    const missing: number[] = [];
    for (let i = 1; i <= max && missing.length < 20; i++) if (!have.has(i)) missing.push(i);
    if (missing.length) {
      add({
        code: 'numbering-gap',
        section,
        path: folder,
        message: `Nummereringen af ${prefix}-mapperne i ${folder} skal være fortløbende fra 1; ${missing.map((n) => prefix + n).join(', ')} mangler.`,
      });
    }
  }

  function collections(
    m: Medium,
    top: 'Documents' | 'ContextDocumentation',
    numbers: number[],
    out: Map<string, DocumentFolder>,
    types: string[],
    part: 'E' | 'G',
  ): void {
    const dir = m.dirs.get(top);
    if (!dir) return;
    const s = (n: string) => `bilag 4, punkt 4. ${part}. ${n}`;
    for (const f of dir.files) unexpected(m, `${top}/${f}`, s('1'), `Filen ${f}`);
    for (const c of dir.dirs) {
      const cm = /^docCollection([1-9][0-9]*)$/.exec(c);
      if (!cm) {
        add({
          code: 'name-invalid',
          section: s(part === 'G' ? '2' : '3'),
          path: where(m, `${top}/${c}`),
          message: `Dokumentsamlingsmappen ${c} skal hedde »docCollection« efterfulgt af et fortløbende nummer fra 1.`,
        });
        continue;
      }
      numbers.push(Number(cm[1]));
      const coll = m.dirs.get(`${top}/${c}`)!;
      for (const f of coll.files)
        unexpected(m, `${top}/${c}/${f}`, s(part === 'G' ? '3' : '2'), `Filen ${f} (kun dokumentmapper)`);
      if (coll.dirs.length > 10_000) {
        add({
          code: 'collection-too-large',
          section: s(part === 'G' ? '3' : '2'),
          path: where(m, `${top}/${c}`),
          message: `Dokumentsamlingsmappen ${c} har ${coll.dirs.length} dokumentmapper; højst 10.000 er tilladt.`,
        });
      }
      for (const d of coll.dirs) {
        const rel = `${top}/${c}/${d}`;
        if (!ID.test(d)) {
          add({
            code: 'name-invalid',
            section: s('5'),
            path: where(m, rel),
            message: `Dokumentmappen ${d} skal navngives med dokumentets ID: op til 12 cifre uden foranstillede nuller.`,
          });
          continue;
        }
        const prior = out.get(d);
        if (prior) {
          add({
            code: 'document-id-duplicate',
            section: s('4'),
            path: where(m, rel),
            message: `Dokument-ID ${d} findes både i ${prior.collection} og ${c}; ID'et skal være unikt inden for ${top}.`,
          });
          continue;
        }
        const content = m.dirs.get(rel)!;
        const doc: DocumentFolder = { medium: m, rel, collection: c, id: d, files: content.files };
        out.set(d, doc);
        for (const sub of content.dirs) unexpected(m, `${rel}/${sub}`, s('5'), `Mappen ${sub}`);
        checkDocumentFiles(doc, types, part);
      }
    }
  }

  function checkDocumentFiles(doc: DocumentFolder, types: string[], part: 'E' | 'G'): void {
    const m = doc.medium;
    const s = (n: string) => `bilag 4, punkt 4. ${part}. ${n}`;
    if (doc.files.length === 0) {
      add({
        code: 'document-empty',
        section: s('5'),
        path: where(m, doc.rel),
        message: `Dokumentmappen ${doc.id} indeholder ingen filer.`,
      });
      return;
    }
    const byType = new Map<string, number[]>();
    for (const f of doc.files) {
      const fm = /^([1-9][0-9]{0,11})\.([A-Za-z0-9]+)$/.exec(f);
      if (!fm) {
        add({
          code: 'name-invalid',
          section: s('6'),
          path: where(m, `${doc.rel}/${f}`),
          message: `Filen ${f} skal navngives med et fortløbende nummer fra 1 uden foranstillede nuller og formatets ekstension.`,
        });
        continue;
      }
      const ext = fm[2]!;
      const lower = ext.toLowerCase();
      const gmlSchema = lower === 'xsd' && part === 'G';
      if (!types.includes(lower) && !gmlSchema) {
        add({
          code: 'file-type',
          section: part === 'G' ? 'bilag 4, punkt 4. G. 8' : 'bilag 6, punkt 6. B. 4',
          path: where(m, `${doc.rel}/${f}`),
          message: `Filtypen .${ext} er ikke tilladt; ${part === 'G' ? 'dokumenter' : 'kontekstdokumenter'} skal være ${types.join(', ')}.`,
        });
        continue;
      }
      if (ext !== lower) {
        add({
          code: 'extension-case',
          severity: 'warning',
          section: 'bilag 4, punkt 4. G. 8',
          path: where(m, `${doc.rel}/${f}`),
          message: `Ekstensionen .${ext} skal ifølge bekendtgørelsen skrives .${lower}; skemaerne accepterer store bogstaver, så det er en advarsel.`,
        });
      }
      byType.set(lower, [...(byType.get(lower) ?? []), Number(fm[1])]);
    }
    const schemas = byType.get('xsd');
    byType.delete('xsd');
    if (byType.size > 1) {
      add({
        code: 'document-mixed-formats',
        section: s('5'),
        path: where(m, doc.rel),
        message: `Dokumentet ${doc.id} består af filer i flere formater (${[...byType.keys()].join(', ')}); et dokument har ét format.`,
      });
    }
    if (schemas && !byType.has('gml')) {
      add({
        code: 'file-type',
        section: 'bilag 4, punkt 4. G. 7',
        path: where(m, doc.rel),
        message: `Dokumentet ${doc.id} har .xsd-filer uden GML-filer; skemaer må kun ligge sammen med GML-filen.`,
      });
    }
    if (byType.size === 1) doc.format = [...byType.keys()][0];
    for (const [type, nums] of [...byType, ...(schemas ? ([['xsd', schemas]] as const) : [])]) {
      const sorted = [...nums].sort((a, b) => a - b);
      if (sorted.some((n, i) => n !== i + 1)) {
        add({
          code: 'numbering-gap',
          section: type === 'xsd' ? 'bilag 4, punkt 4. G. 7' : s('6'),
          path: where(m, doc.rel),
          message: `Dokumentets ${type}-filer skal nummereres fortløbende fra 1 (${sorted.map((n) => `${n}.${type}`).join(', ')}).`,
        });
      }
    }
  }
}
