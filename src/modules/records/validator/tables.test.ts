import { describe, expect, it } from 'vitest';
import { checkTableXsd, parseTableIndex, readTableXsd, TableScanner, xmlTypesFor } from './tables.ts';
import { TABLE_INDEX, TABLE1_ROWS, tableXml, tableXsd } from './validator.fixtures.ts';

const [sag, dokument] = parseTableIndex(TABLE_INDEX);

/** Scans XML fed in chunks of `size` bytes; returns the row count and the problems. */
function scan(xml: string, size = 1 << 20, table = sag) {
  const s = new TableScanner(table);
  const bytes = Buffer.from(xml);
  for (let i = 0; i < bytes.length; i += size) s.feed(bytes.subarray(i, i + size));
  const problems = s.end().map((p) => `${p.code} | ${p.section} | ${p.message}`);
  return { rows: s.rows, problems };
}

describe('tableIndex.xml and the tables', () => {
  it('reads tableIndex.xml into tables, columns and keys', () => {
    expect(sag).toMatchObject({
      name: 'sag',
      folder: 'table1',
      rows: 2,
      primaryKey: { name: 'PK_sag', columns: ['id'] },
    });
    expect(sag!.columns.map((c) => [c.columnID, c.name, c.type, c.nullable])).toEqual([
      ['c1', 'id', 'INTEGER', false],
      ['c2', 'titel', 'VARCHAR(200)', false],
      ['c3', 'lukket', 'DATE', true],
    ]);
    expect(dokument!.foreignKeys).toEqual([
      { name: 'FK_dokument_sag', referencedTable: 'sag', references: [{ column: 'sag_id', referenced: 'id' }] },
    ]);
  });

  it('maps SQL:1999 types to the XML types of figur 5.1', () => {
    expect(xmlTypesFor('NATIONAL CHARACTER VARYING(500)')).toEqual(['string', 'hexBinary']);
    expect(xmlTypesFor('int')).toEqual(['integer']);
    expect(xmlTypesFor('INTERVAL')).toEqual(['duration']);
    expect(xmlTypesFor('TIMESTAMP WITH TIME ZONE')).toEqual(['dateTime']);
    expect(xmlTypesFor('TIME(3)')).toEqual(['time']);
    expect(xmlTypesFor('DOUBLE PRECISION')).toEqual(['double']);
    expect(xmlTypesFor('DECIMAL(10,2)')).toEqual(['decimal']);
  });

  it('follows a column type through a named simple type to its built-in type', () => {
    const xsd = tableXsd('table1', [
      ['c1', 'integer'],
      ['c2', 'string'],
      ['c3', 'date', true],
    ])
      .replace('type="xs:string"', 'type="tekst200"')
      .replace(
        '</xs:schema>',
        '<xs:simpleType name="tekst200"><xs:restriction base="xs:string"><xs:maxLength value="200"/></xs:restriction></xs:simpleType></xs:schema>',
      );
    expect(readTableXsd(xsd).columns.map((c) => c.type)).toEqual(['integer', 'string', 'date']);
    expect(checkTableXsd(xsd, sag!)).toEqual([]);
    const wrongNs = xsd.replaceAll('schema0/table1.xsd', 'schema0/t1.xsd');
    expect(checkTableXsd(wrongNs, sag!).map((p) => p.code)).toEqual(['table-namespace']);
  });

  it('counts rows and checks fields the same whatever the chunk size', () => {
    const xml = tableXml('table1', [
      ...TABLE1_ROWS,
      '<c1> </c1><c2> Foran</c2><c3>2020-01-01</c3>',
      '<!-- <row><c1>9</c1></row> --><c1>4</c1><c2>Ok</c2><c3 xsi:nil="true" /><c9>x</c9>',
    ]);
    const whole = scan(xml);
    expect(whole.rows).toBe(4);
    expect(whole.problems).toEqual([
      'primary-key-null | bilag 4, punkt 4. A. 1 | Kolonnen c1 (id) indgår i primærnøglen og består kun af blanktegn: 1 række, første gang i række 3.',
      'field-whitespace | bilag 5, punkt 5. A. 2 | Kolonnen c2 (titel) har foran- eller efterstillede blanktegn: 1 række, første gang i række 3.',
      'table-column-unknown | bilag 4, punkt 4. D. 4 | Tabellen har 1 felter i elementer, som ikke er kolonner i tableIndex.xml (første: "c9").',
    ]);
    for (const size of [1, 2, 3, 7, 64]) expect(scan(xml, size)).toEqual(whole);
  });

  it('accepts the valid table, a prefixed namespace and a processing instruction', () => {
    expect(scan(tableXml('table1', TABLE1_ROWS))).toEqual({ rows: 2, problems: [] });
    const prefixed =
      '<?xml version="1.0"?><?pi x?><t:table xmlns:t="urn:x" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><t:row><t:c1>1</t:c1><t:c2>a</t:c2><t:c3 i:nil=\'1\'></t:c3></t:row></t:table>';
    expect(scan(prefixed)).toEqual({ rows: 1, problems: [] });
  });
});
