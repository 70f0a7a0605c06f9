import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { durationYears, KleParseError, mapBevaring, parseFacetPlan, parseSubjectPlan } from './parse.ts';

const fixture = (name: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/kle', name), 'utf8');

function parseError(fn: () => unknown): KleParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof KleParseError) return err;
    throw err;
  }
  throw new Error('expected a KleParseError');
}

describe('KLE subject plan parser', () => {
  const plan = parseSubjectPlan(fixture('emneplan-v1.xml'));
  const byNumber = new Map(plan.subjects.map((s) => [s.number, s]));

  it('reads the publication date and every level, parents before children', () => {
    expect(plan.published).toBe('2025-02-01');
    expect(plan.subjects.map((s) => s.number)).toEqual([
      '00',
      '00.01',
      '00.01.00',
      '00.01.10',
      '00.03',
      '00.03.00',
      '00.03.02',
      '00.03.04',
      '00.10',
      '00.10.00',
      '02',
      '02.30',
      '02.30.02',
      '02.34',
      '02.34.00',
      '02.34.02',
      '02.34.04',
    ]);
    expect(byNumber.get('00')).toMatchObject({
      level: 1,
      parentNumber: null,
      title: 'Kommunens styrelse',
      uuid: '4eba8818-da19-4e37-b3e1-b9b6be2f2f13',
    });
    expect(byNumber.get('00.01')).toMatchObject({ level: 2, parentNumber: '00' });
    expect(byNumber.get('00.01.00')).toMatchObject({
      level: 3,
      parentNumber: '00.01',
      title: 'Kommunens styrelse i almindelighed',
      createdDate: '2004-02-01',
      changedDate: '2011-05-01', // the latest of two RettetDato
      expiredDate: null,
      bevaring: 'B',
      deletionPeriod: 'P1825D',
      retention: 'preserve',
      retentionYears: null,
    });
  });

  it('keeps numbers as text and ignores elements it does not know', () => {
    expect(byNumber.get('00')!.number).toBe('00');
    expect(byNumber.get('00.03.04')).toMatchObject({
      title: 'Regionaludvikling EU',
      retention: 'dispose',
      retentionYears: null,
    });
  });

  it('maps retention codes, with years from K5/K10 or the deletion period', () => {
    expect(byNumber.get('00.03.02')).toMatchObject({ retention: 'dispose', retentionYears: 5 }); // K + P1825D
    expect(byNumber.get('02.34.04')).toMatchObject({ retention: 'dispose', retentionYears: 10 }); // K10
    expect(byNumber.get('02.34')).toMatchObject({ retention: null, bevaring: null }); // groups carry none
  });

  it('reads retirement: UdgaaetDato, and FlyttetDato with the numbers that replace it', () => {
    expect(byNumber.get('02.30')).toMatchObject({ expiredDate: '2010-11-01', replacedBy: [] });
    expect(byNumber.get('02.30.02')).toMatchObject({ expiredDate: '2010-11-01', title: 'BR Byggetilladelse [udgået]' });
    expect(byNumber.get('00.10')).toMatchObject({ expiredDate: '2014-11-01', replacedBy: ['15.40'], uuid: null });
    expect(byNumber.get('00.10.00')).toMatchObject({ expiredDate: '2014-11-01', replacedBy: ['15.40.00'] });
  });

  it('turns guidance markup into plain text with bullets, entities decoded', () => {
    expect(byNumber.get('00')!.guidance).toBe(
      "Hovedgruppe 00 'Kommunens styrelse' dækker sager der vedrører styrelsen af kommunen som kommune jf. kommunestyrelsesloven.\n" +
        'Hovedgruppe 00 omfatter bl.a. sager efter:\n' +
        '• LBK om kommunernes styrelse (Kommunestyrelsesloven)\n' +
        '• LBK om offentlighed i forvaltningen (Offentlighedsloven)',
    );
    expect(byNumber.get('02.34.02')!.guidance).toBe(
      '• Emnet dækker sager om byggetilladelse efter byggeloven.\n• Klager over byggesagsbehandlingen tilføjes facet K02 & afgøres af klagenævnet.',
    );
    expect(byNumber.get('00.03.00')!.guidance).toBeNull();
  });

  it('accepts UdgivelsesDato as an attribute and a byte order mark', () => {
    const xml =
      '\uFEFF<?xml version="1.0"?><KLE-Emneplan UdgivelsesDato="2024-11-01"><Hovedgruppe><HovedgruppeNr>05</HovedgruppeNr><HovedgruppeTitel>Veje og trafik</HovedgruppeTitel></Hovedgruppe></KLE-Emneplan>';
    const p = parseSubjectPlan(xml);
    expect(p.published).toBe('2024-11-01');
    expect(p.subjects).toEqual([expect.objectContaining({ number: '05', title: 'Veje og trafik', level: 1 })]);
  });

  it('rejects files that are not a well-formed KLE subject plan, with a clear reason', () => {
    const truncated = parseError(() => parseSubjectPlan(fixture('emneplan-truncated.xml')));
    expect(truncated.code).toBe('malformed');
    expect(truncated.message).toMatch(/not well-formed \(line \d+, column \d+\)/);
    expect(truncated.message).toContain('still open: KLE-Emneplan');

    const wrongRoot = parseError(() => parseSubjectPlan(fixture('handlingsfacetter.xml')));
    expect(wrongRoot).toMatchObject({ code: 'wrong_root', detail: { root: 'KLE-Handlingsfacetter' } });
    expect(wrongRoot.message).toBe('Expected root element KLE-Emneplan, found KLE-Handlingsfacetter.');

    expect(parseError(() => parseSubjectPlan('')).code).toBe('empty');
    expect(parseError(() => parseSubjectPlan('%PDF-1.7 not xml')).code).toBe('not_xml');
    expect(parseError(() => parseSubjectPlan('<a><b></a>')).code).toBe('malformed');
    const doctype =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><KLE-Emneplan><UdgivelsesDato>&a;</UdgivelsesDato></KLE-Emneplan>';
    expect(parseError(() => parseSubjectPlan(doctype)).code).toBe('doctype');
    const noTitle = '<KLE-Emneplan><Hovedgruppe><HovedgruppeNr>00</HovedgruppeNr></Hovedgruppe></KLE-Emneplan>';
    expect(parseError(() => parseSubjectPlan(noTitle))).toMatchObject({
      code: 'invalid',
      message: 'HovedgruppeNr 00: HovedgruppeTitel is missing.',
    });
    const badNumber =
      '<KLE-Emneplan><Hovedgruppe><HovedgruppeNr>0</HovedgruppeNr><HovedgruppeTitel>X</HovedgruppeTitel></Hovedgruppe></KLE-Emneplan>';
    expect(parseError(() => parseSubjectPlan(badNumber)).code).toBe('invalid');
    const misplaced =
      '<KLE-Emneplan><Hovedgruppe><HovedgruppeNr>00</HovedgruppeNr><HovedgruppeTitel>X</HovedgruppeTitel>' +
      '<Gruppe><GruppeNr>01.02</GruppeNr><GruppeTitel>Y</GruppeTitel></Gruppe></Hovedgruppe></KLE-Emneplan>';
    expect(parseError(() => parseSubjectPlan(misplaced)).message).toBe('GruppeNr 01.02 does not belong under 00.');
    expect(
      parseError(() => parseSubjectPlan('<KLE-Emneplan><UdgivelsesDato>2025-01-01</UdgivelsesDato></KLE-Emneplan>'))
        .code,
    ).toBe('invalid');
  });
});

describe('KLE action facet parser', () => {
  it('reads categories and facets with their retirement', () => {
    const plan = parseFacetPlan(fixture('handlingsfacetter.xml'));
    expect(plan.published).toBe('2025-05-01');
    expect(plan.categories.map((c) => c.code)).toEqual(['G', 'K', 'Ø']);
    expect(plan.facets.map((f) => f.code)).toEqual(['G01', 'G20', 'K01', 'K09', 'Ø54']);
    expect(plan.facets[0]).toMatchObject({
      code: 'G01',
      categoryCode: 'G',
      categoryTitle: 'Kategori G (testdata)',
      title: 'Generelle sager',
      uuid: '5ab851ea-f083-4ceb-9136-ec4a93f3a0e5',
      changedDate: '2011-11-01',
      expiredDate: null,
      bevaring: 'K',
    });
    expect(plan.facets[0]!.guidance).toContain('• generelle henvendelser');
    expect(plan.facets[4]).toMatchObject({ code: 'Ø54', title: 'Kontrakter', expiredDate: '2025-05-01' });
  });

  it('rejects a subject plan and facets outside their category', () => {
    expect(parseError(() => parseFacetPlan(fixture('emneplan-v1.xml')))).toMatchObject({
      code: 'wrong_root',
      detail: { root: 'KLE-Emneplan' },
    });
    const wrongCategory =
      '<KLE-Handlingsfacetter><HandlingsfacetKategori><HandlingsfacetKategoriNr>G</HandlingsfacetKategoriNr>' +
      '<HandlingsfacetKategoriTitel>X</HandlingsfacetKategoriTitel><Handlingsfacet><HandlingsfacetNr>K01</HandlingsfacetNr>' +
      '<HandlingsfacetTitel>Revision</HandlingsfacetTitel></Handlingsfacet></HandlingsfacetKategori></KLE-Handlingsfacetter>';
    expect(parseError(() => parseFacetPlan(wrongCategory)).message).toBe(
      'HandlingsfacetNr K01 does not belong to category G.',
    );
  });
});

describe('retention mapping', () => {
  it('maps KL codes to preserve, dispose and review', () => {
    expect(mapBevaring('B')).toEqual({ retention: 'preserve', years: null });
    expect(mapBevaring('K')).toEqual({ retention: 'dispose', years: null });
    expect(mapBevaring('K', 'P1800D')).toEqual({ retention: 'dispose', years: 5 });
    expect(mapBevaring('K5')).toEqual({ retention: 'dispose', years: 5 });
    expect(mapBevaring('k10')).toEqual({ retention: 'dispose', years: 10 });
    expect(mapBevaring('B/K')).toEqual({ retention: 'review', years: null });
    expect(mapBevaring('G')).toEqual({ retention: 'review', years: null });
    expect(mapBevaring('tom')).toEqual({ retention: null, years: null });
    expect(mapBevaring(null)).toEqual({ retention: null, years: null });
  });

  it('reads xs:duration periods as whole years', () => {
    expect(durationYears('P1825D')).toBe(5);
    expect(durationYears('P1800D')).toBe(5);
    expect(durationYears('P10Y')).toBe(10);
    expect(durationYears('P')).toBeNull();
    expect(durationYears('fem år')).toBeNull();
  });
});
