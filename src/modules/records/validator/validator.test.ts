import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateArchivalVersion, ValidatorUnavailableError, type Finding, type ValidationReport } from './index.ts';
import { readTiff, TAG } from './tiff.ts';
import {
  AVID,
  buildArchivalVersion,
  canValidate,
  edit,
  FOLDER,
  fixtureTiffs,
  writeFileIndex,
} from './validator.fixtures.ts';

/**
 * The validator against a small valid archival version (validator.fixtures.ts) and copies of it
 * with one thing broken each. xmllint and Ghostscript are needed (skipped without them unless
 * REQUIRE_XMLLINT=1).
 */

let parent: string;
beforeEach(async () => {
  parent = await fs.mkdtemp(path.join(os.tmpdir(), 'avid-'));
});
afterEach(async () => {
  await fs.rm(parent, { recursive: true, force: true });
});

/** A Danish sentence for a records manager (the findings never fall back to English words only). */
function expectDanish(message: string): void {
  message = message.replace(/\(xmllint: .*\)/s, ''); // libxml2's own words stay English
  expect(message).toMatch(/\b(ikke|skal|mangler|findes|står|har|er|må|og)\b/);
  expect(message).not.toMatch(/\b(the|must|missing|should)\b/i);
}

/** The report's findings of one code, and a check that there is at least one. */
function only(report: ValidationReport, code: string): Finding[] {
  const found = report.findings.filter((f) => f.code === code);
  expect(found, JSON.stringify(report.findings, null, 1)).not.toHaveLength(0);
  for (const f of found) expectDanish(f.message);
  return found;
}

/** Sets a SHORT tag's inline value on one page of a classic little- or big-endian TIFF (the bytes, not a copy). */
async function patchTag(file: string, page: number, tag: number, value: number): Promise<void> {
  const buf = await fs.readFile(file);
  const le = buf.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  let ifd = u32(4);
  for (let p = 0; p < page; p++) ifd = u32(ifd + 2 + u16(ifd) * 12);
  for (let i = 0; i < u16(ifd); i++) {
    const e = ifd + 2 + i * 12;
    if (u16(e) !== tag) continue;
    expect(u16(e + 2)).toBe(3); // SHORT
    if (le) buf.writeUInt16LE(value, e + 8);
    else buf.writeUInt16BE(value, e + 8);
    await fs.writeFile(file, buf);
    return;
  }
  throw new Error(`tag ${tag} not on page ${page}`);
}

describe.skipIf(!canValidate)('validateArchivalVersion', () => {
  it('finds nothing in a valid archival version, and says what it checked', async () => {
    const dir = await buildArchivalVersion(parent);
    const report = await validateArchivalVersion(dir);
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.avid).toBe(FOLDER);
    // 18 files: 4 indices + fileIndex, 6 standard schemas, 2 × (table xml + xsd), 3 TIFFs.
    expect(report.counts).toMatchObject({
      files: 18,
      md5: 17,
      tables: 2,
      rows: 4,
      documents: 2,
      contextDocuments: 1,
      tiffFiles: 3,
      tiffPages: 5,
      xmlFiles: 7,
    });
  });

  it('reports a wrong MD5 sum in fileIndex.xml', async () => {
    const dir = await buildArchivalVersion(parent);
    await edit(
      dir,
      'Indices/fileIndex.xml',
      /(<fiN>1\.tif<\/fiN>\s*<md5>)[0-9a-f]{32}/,
      '$100000000000000000000000000000000',
    );
    const report = await validateArchivalVersion(dir);
    expect(report.ok).toBe(false);
    const [f] = only(report, 'md5-mismatch');
    expect(f).toMatchObject({
      section: 'bilag 4, punkt 4. C. 2.b, figur 4.2',
      path: 'ContextDocumentation/docCollection1/1/1.tif',
    });
    expect(report.findings).toHaveLength(1);
  });

  it('reports a file that fileIndex.xml lists but the version does not have', async () => {
    const dir = await buildArchivalVersion(parent);
    await edit(
      dir,
      'Indices/fileIndex.xml',
      '</fileIndex>',
      `  <f>\n    <foN>${FOLDER}\\Documents\\docCollection1\\2</foN>\n    <fiN>2.tif</fiN>\n    <md5>0123456789abcdef0123456789abcdef</md5>\n  </f>\n</fileIndex>`,
    );
    const report = await validateArchivalVersion(dir);
    const [f] = only(report, 'file-missing');
    expect(f).toMatchObject({ section: 'bilag 4, punkt 4. C. 2.a', path: 'Documents/docCollection1/2/2.tif' });
    expect(report.findings).toHaveLength(1);
  });

  it('reports a file that is in the version but not in fileIndex.xml', async () => {
    const dir = await buildArchivalVersion(parent);
    await fs.writeFile(path.join(dir, 'Documents/docCollection1/2/2.tif'), (await fixtureTiffs()).gray);
    const report = await validateArchivalVersion(dir);
    const [f] = only(report, 'file-unreferenced');
    expect(f).toMatchObject({ section: 'bilag 4, punkt 4. C. 2.a', path: 'Documents/docCollection1/2/2.tif' });
    expect(report.findings).toHaveLength(1);
  });

  it('reports an index that breaks its schema, with xmllint’s line', async () => {
    const dir = await buildArchivalVersion(parent);
    await edit(dir, 'Indices/archiveIndex.xml', '<cprNum>true</cprNum>', '<cprNum>ja</cprNum>');
    await writeFileIndex(dir);
    const report = await validateArchivalVersion(dir);
    const [f] = only(report, 'xsd-invalid');
    expect(f).toMatchObject({ section: 'bilag 4, punkt 4. C. 1.d', path: 'Indices/archiveIndex.xml' });
    expect(f!.message).toMatch(/overholder ikke skemaet archiveIndex\.xsd.*linje 21.*cprNum/);
    expect(report.findings).toHaveLength(1);
  });

  it('reports a row count in tableIndex.xml that the table does not have', async () => {
    const dir = await buildArchivalVersion(parent);
    await edit(dir, 'Indices/tableIndex.xml', '<rows>2</rows>', '<rows>3</rows>');
    await writeFileIndex(dir);
    const report = await validateArchivalVersion(dir);
    const [f] = only(report, 'table-rows');
    expect(f).toMatchObject({ section: 'bilag 6, punkt 6. C. 1, figur 6.3, 3.g', path: 'Tables/table1/table1.xml' });
    expect(f!.message).toContain('angiver 3 rækker, men table1.xml har 2');
    expect(report.findings).toHaveLength(1);
  });

  it('reports a folder name without the medium number', async () => {
    const dir = await buildArchivalVersion(parent, AVID);
    const report = await validateArchivalVersion(dir);
    const [f] = only(report, 'avid-name');
    expect(f!.section).toBe('bilag 4, punkt 4. B. 1');
    // fileIndex.xsd's folder pattern says the same about every foN; nothing else is wrong.
    expect(report.findings.map((x) => `${x.code} ${x.path ?? ''}`)).toEqual([
      'avid-name ',
      'xsd-invalid Indices/fileIndex.xml',
    ]);
  });

  it('reports a gap in the docCollection numbering', async () => {
    const dir = await buildArchivalVersion(parent);
    await fs.rename(path.join(dir, 'Documents/docCollection1'), path.join(dir, 'Documents/docCollection2'));
    await edit(dir, 'Indices/docIndex.xml', /docCollection1/g, 'docCollection2');
    await writeFileIndex(dir);
    const report = await validateArchivalVersion(dir);
    const [f] = only(report, 'numbering-gap');
    expect(f).toMatchObject({ section: 'bilag 4, punkt 4. G. 2', path: 'Documents' });
    expect(f!.message).toContain('docCollection1 mangler');
    expect(report.findings).toHaveLength(1);
  });

  it('reports a TIFF page with a compression the order does not allow (page 2 of 2 JPEG, a grey page uncompressed)', async () => {
    const dir = await buildArchivalVersion(parent);
    const g4 = path.join(dir, 'Documents/docCollection1/1/1.tif');
    const gray = path.join(dir, 'Documents/docCollection1/2/1.tif');
    await patchTag(g4, 1, TAG.Compression, 7);
    await patchTag(gray, 0, TAG.Compression, 1);
    expect((await readTiff(g4)).pages.map((p) => p.fields.get(TAG.Compression)?.values[0])).toEqual([4, 7]);
    await writeFileIndex(dir);
    const report = await validateArchivalVersion(dir);
    const found = only(report, 'tiff-compression');
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ section: 'bilag 5, punkt 5. E. 2.a', path: 'Documents/docCollection1/1/1.tif' });
    expect(found[0]!.message).toMatch(/^Side 2: sort\/hvid-siden er komprimeret med 7 \(JPEG\)/);
    expect(found[1]).toMatchObject({ section: 'bilag 5, punkt 5. E. 2.b', path: 'Documents/docCollection1/2/1.tif' });
    expect(found[1]!.message).toContain('1 (ingen komprimering)');
    expect(report.findings).toHaveLength(2);
  });

  it('cannot run without xmllint, and says so in Danish instead of judging the version', async () => {
    const dir = await buildArchivalVersion(parent);
    const err = await validateArchivalVersion(dir, { xmllint: path.join(parent, 'no-such-xmllint') }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidatorUnavailableError);
    expect((err as ValidatorUnavailableError).code).toBe('xmllint-missing');
    expectDanish((err as Error).message);
    expect((err as Error).message).toContain('libxml2-utils');
  });
});

describe.skipIf(!canValidate)('validateArchivalVersion: the other rules', () => {
  /** Builds the valid version, breaks it, rewrites fileIndex.xml (unless told not to) and validates. */
  async function broken(breakIt: (dir: string) => Promise<void>, rewriteFileIndex = true): Promise<ValidationReport> {
    const dir = await buildArchivalVersion(parent);
    await breakIt(dir);
    if (rewriteFileIndex) await writeFileIndex(dir);
    return validateArchivalVersion(dir);
  }
  const summary = (r: ValidationReport) => r.findings.map((f) => `${f.code} | ${f.section} | ${f.path ?? ''}`);

  it('takes a version spread over two media (4. B. 5): documents on AVID.SA.18005.2, docIndex mID 2', async () => {
    const dir = await buildArchivalVersion(parent);
    const second = path.join(parent, `${AVID}.2`);
    await fs.mkdir(second);
    await fs.rename(path.join(dir, 'Documents'), path.join(second, 'Documents'));
    await edit(dir, 'Indices/docIndex.xml', /<mID>1<\/mID>/g, '<mID>2</mID>');
    await writeFileIndex(dir);
    await edit(dir, 'Indices/fileIndex.xml', '</fileIndex>', `${await fileIndexEntries(second)}</fileIndex>`);
    const report = await validateArchivalVersion(dir);
    expect(report.findings).toEqual([]);
    expect(report.counts).toMatchObject({ files: 18, md5: 17, documents: 2 });
  });

  it('finds NULL where tableIndex says the column is not nullable (4. C. 5.c) and blanks around a field (5. A. 2)', async () => {
    const report = await broken(async (dir) => {
      await edit(
        dir,
        'Indices/tableIndex.xml',
        /(<columnID>c3<\/columnID>\s*<type>DATE<\/type>\s*<nullable>)true/,
        '$1false',
      );
      await edit(
        dir,
        'Tables/table1/table1.xml',
        '<c2>Klage over støj &amp; lugt</c2>',
        '<c2>Klage over støj &amp; lugt </c2>',
      );
    });
    expect(summary(report)).toEqual([
      'field-whitespace | bilag 5, punkt 5. A. 2 | Tables/table1/table1.xml',
      'null-not-allowed | bilag 4, punkt 4. C. 5.c | Tables/table1/table1.xml',
    ]);
    expect(report.findings[1]!.message).toBe(
      'Kolonnen c3 (lukket) er NULL (xsi:nil), men kolonnen er ikke nullable i tableIndex.xml: 1 række, første gang i række 2.',
    );
  });

  it('finds a table schema whose types are not those of figur 5.1, and a table XML that breaks its schema (4. D. 4)', async () => {
    const report = await broken(async (dir) => {
      await edit(
        dir,
        'Tables/table2/table2.xsd',
        '<xs:element name="c2" type="xs:integer"/>',
        '<xs:element name="c2" type="xs:string"/>',
      );
      await edit(dir, 'Tables/table1/table1.xml', '<c3>2019-05-01</c3>', '<c3>1. maj 2019</c3>');
    });
    expect(summary(report)).toEqual([
      'xsd-invalid | bilag 4, punkt 4. D. 4 | Tables/table1/table1.xml',
      'table-xsd-type | bilag 5, punkt 5. B. 1.a, figur 5.1 | Tables/table2/table2.xsd',
    ]);
    expect(report.findings[1]!.message).toContain('SQL-typen INTEGER i tableIndex.xml, men XML-typen "string"');
  });

  it('finds a primary key that repeats a value (4. A. 1), and warns about a foreign key the data do not keep', async () => {
    const report = await broken(async (dir) => {
      await edit(dir, 'Tables/table1/table1.xml', '<c1>2</c1>', '<c1>1</c1>');
    });
    expect(summary(report)).toEqual([
      'primary-key-duplicate | bilag 4, punkt 4. A. 1 | Tables/table1/table1.xml',
      'foreign-key-value | bilag 6, punkt 6. C. 1, figur 6.3, 6.c | Tables/table2/table2.xml',
    ]);
    expect(report.findings[0]!.message).toBe(
      'Primærnøglen PK_sag (id) er ikke entydig: 1 række gentager en tidligere rækkes værdi, første gang i række 2 (1).',
    );
    expect(report.findings[1]!.message).toMatch(
      /^Tabellen dokument \(table2\): fremmednøglen FK_dokument_sag peger med 1 værdi \(fx 2\) på rækker, som ikke findes i sag\./,
    );
    expect(report.findings[1]!.severity).toBe('warning');
    expect(report.ok).toBe(false);
  });

  it('finds tables and keys that do not add up: an unlisted table folder, a foreign key to no table, a missing key column', async () => {
    const report = await broken(async (dir) => {
      await fs.mkdir(path.join(dir, 'Tables/table3'));
      await fs.writeFile(path.join(dir, 'Tables/table3/table3.xml'), '<?xml version="1.0" encoding="UTF-8"?><table/>');
      await edit(
        dir,
        'Indices/tableIndex.xml',
        '<referencedTable>sag</referencedTable>',
        '<referencedTable>sager</referencedTable>',
      );
      await edit(
        dir,
        'Indices/tableIndex.xml',
        '<name>PK_sag</name>\n        <column>id</column>',
        '<name>PK_sag</name>\n        <column>nr</column>',
      );
    });
    expect(summary(report)).toEqual([
      'key-column | bilag 6, punkt 6. C. 1, figur 6.3, 5.b | Indices/tableIndex.xml',
      'foreign-key | bilag 6, punkt 6. C. 1, figur 6.3, 6.b | Indices/tableIndex.xml',
      'table-unlisted | bilag 4, punkt 4. C. 5.a | Tables/table3',
      'table-xsd-missing | bilag 4, punkt 4. D. 5 | Tables/table3/table3.xsd',
    ]);
    expect(report.findings[3]!.severity).toBe('warning');
  });

  it('finds documents that docIndex.xml and the folders disagree about', async () => {
    const report = await broken(async (dir) => {
      await fs.mkdir(path.join(dir, 'Documents/docCollection1/3'));
      await fs.writeFile(path.join(dir, 'Documents/docCollection1/3/1.tif'), (await fixtureTiffs()).gray);
      await edit(
        dir,
        'Indices/docIndex.xml',
        '<oFn>facade.jpg</oFn>\n    <aFt>tif</aFt>',
        '<oFn>facade.jpg</oFn>\n    <aFt>jp2</aFt>',
      );
      await edit(dir, 'Indices/docIndex.xml', '<pID>1</pID>', '<pID>9</pID>');
    });
    expect(summary(report)).toEqual([
      'document-type | bilag 4, punkt 4. C. 6.b, figur 4.4 | Documents/docCollection1/2',
      'document-unlisted | bilag 4, punkt 4. C. 6.a | Documents/docCollection1/3',
      'document-parent | bilag 4, punkt 4. C. 6.b, figur 4.4 | Indices/docIndex.xml',
    ]);
  });

  it('finds an archiveIndex whose ID is not the folder’s, and context documentation the index does not list', async () => {
    const report = await broken(async (dir) => {
      await edit(
        dir,
        'Indices/archiveIndex.xml',
        `<archiveInformationPackageID>${AVID}<`,
        '<archiveInformationPackageID>AVID.SA.18006<',
      );
      await fs.mkdir(path.join(dir, 'ContextDocumentation/docCollection1/2'));
      await fs.writeFile(path.join(dir, 'ContextDocumentation/docCollection1/2/1.tif'), (await fixtureTiffs()).g4);
    });
    expect(summary(report)).toEqual([
      'context-document-unlisted | bilag 4, punkt 4. C. 4.a | ContextDocumentation/docCollection1/2',
      'avid-mismatch | bilag 4, punkt 4. B. 1 | Indices/archiveIndex.xml',
    ]);
  });

  it('finds what may not be there: a file in the root, a changed standard schema, a missing localShared, a document in PDF', async () => {
    const report = await broken(async (dir) => {
      await fs.writeFile(path.join(dir, 'LÆSMIG.txt'), 'hej');
      await fs.appendFile(path.join(dir, 'Schemas/standard/docIndex.xsd'), '<!-- rettet -->\n');
      await fs.rmdir(path.join(dir, 'Schemas/localShared'));
      await fs.rename(
        path.join(dir, 'Documents/docCollection1/2/1.tif'),
        path.join(dir, 'Documents/docCollection1/2/1.pdf'),
      );
    }, false);
    expect(summary(report)).toEqual([
      'file-type | bilag 4, punkt 4. G. 8 | Documents/docCollection1/2/1.pdf',
      'file-unreferenced | bilag 4, punkt 4. C. 2.a | Documents/docCollection1/2/1.pdf',
      'file-missing | bilag 4, punkt 4. C. 2.a | Documents/docCollection1/2/1.tif',
      'unexpected-entry | bilag 4, punkt 4. B. 2 | LÆSMIG.txt',
      'file-unreferenced | bilag 4, punkt 4. C. 2.a | LÆSMIG.txt',
      'folder-missing | bilag 4, punkt 4. F. 1 | Schemas/localShared',
      'md5-mismatch | bilag 4, punkt 4. C. 2.b, figur 4.2 | Schemas/standard/docIndex.xsd',
      'schema-changed | bilag 4, punkt 4. F. 3 | Schemas/standard/docIndex.xsd',
    ]);
  });
});

/** fileIndex.xml entries (<f>…</f>) for every file of another medium's folder. */
async function fileIndexEntries(medium: string): Promise<string> {
  const tmp = path.join(medium, 'Indices');
  await fs.mkdir(tmp);
  await writeFileIndex(medium);
  const xml = await fs.readFile(path.join(tmp, 'fileIndex.xml'), 'utf8');
  await fs.rm(tmp, { recursive: true });
  return [...xml.matchAll(/ {2}<f>[\s\S]*?<\/f>\n/g)].map((m) => m[0]).join('');
}
