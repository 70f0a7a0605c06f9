import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Parsers for KL's official KLE files: the subject plan (`KLE-Emneplan`) and the action facets
 * (`KLE-Handlingsfacetter`). fast-xml-parser does the XML; this module only maps elements.
 *
 * What the element names are based on (checked, not guessed):
 * - KL's schema `KLE-REST-Emneplan-fuld.xsd` ("KLE-XML schema version 2.0", as bundled in
 *   os2opgavefordeler, kle-201608): `KLE-Emneplan` → `UdgivelsesDato` (xs:date, an element) then
 *   `Hovedgruppe` → `HovedgruppeNr` ([0-9][0-9]), `HovedgruppeTitel`, `HovedgruppeVejledning`,
 *   `HovedgruppeAdministrativInfo`, `HovedgruppeFilter`*, `HovedgruppeStikord`*, `UUID`, `Gruppe`+;
 *   `Gruppe` → `GruppeNr` (00.00), `GruppeTitel`, `GruppeVejledning`?, `GruppeRetskildeReference`*,
 *   `GruppeAdministrativInfo`, …, `UUID`, `Emne`+; `Emne` → `EmneNr` (00.00.00), `EmneTitel`,
 *   `EmneVejledning`?, `EmneRetskildeReference`*, `EmneAdministrativInfo`,
 *   `BevaringJaevnfoerArkivloven`, `SletningJaevnfoerPersondataloven`?, `EmneFilter`*,
 *   `EmneStikord`*, `EmneOgHandlingsfacetStikord`*, `UUID`.
 * - Administrative info (same schema): `OprettetDato`, `RettetDato` (0..n: the title changed, the
 *   number kept), `Historisk` with either `UdgaaetDato` or `Flyttet` (`FlyttetDato`,
 *   `AfloestAf` → `HovedgruppeNr|GruppeNr|EmneNr|HandlingsfacetNr`).
 * - Retention: `BevaringJaevnfoerArkivloven` is `K|K5|K10|B|tom` (K = dispose, K5/K10 = dispose
 *   5/10 years after the case closes, B = preserve, "tom" = none, used on numbers retired before
 *   2007). `SletningJaevnfoerPersondataloven` is an xs:duration (P1800D in 2015, P1825D in 2025),
 *   KL's recommended deletion period after the case closes. Older integrations (Fujitsu's 360°
 *   KLPlanUpdate) also handle "G" and "U"; anything we do not know is mapped to 'review'.
 * - Guidance (`…Vejledning/VejledningTekst`) is XHTML: `p` with text, `i`, `b`, `ul`/`ol` → `li`.
 * - Real files: KLE-Emneplan_Version2-0_2015-08-01.xml (os2opgavefordeler) and the 2025-05-01
 *   plan bundled with OS2compliance (`src/main/resources/data/kle-emneplan.xml`, with `UUID` on
 *   every level and `Stikord`); the facets file shape from Fujitsu's generated classes and the
 *   importers in OS2mo (`integrations/kle/kle_import.py`) and OpenESDH: `KLE-Handlingsfacetter`
 *   → `UdgivelsesDato`, `HandlingsfacetKategori` → `HandlingsfacetKategoriNr`,
 *   `HandlingsfacetKategoriTitel`, `HandlingsfacetKategoriVejledning`,
 *   `HandlingsfacetKategoriAdministrativInfo`, `UUID`, `Handlingsfacet` → `HandlingsfacetNr`
 *   (A00…Ø99), `HandlingsfacetTitel`, `BevaringJaevnfoerArkivloven`, `HandlingsfacetVejledning`,
 *   `HandlingsfacetAdministrativInfo`, `UUID`.
 *
 * Elements we do not use (Stikord, Filter, RetskildeReference, anything new) are ignored. A file
 * that is not well-formed XML, has a DOCTYPE (KL's files never do; refusing it rules out entity
 * expansion attacks), has the wrong root element, or lacks a number or title gives a KleParseError
 * whose `code` the admin page turns into a message.
 */

export type KleParseErrorCode = 'empty' | 'not_xml' | 'malformed' | 'doctype' | 'wrong_root' | 'invalid';

export class KleParseError extends Error {
  constructor(
    readonly code: KleParseErrorCode,
    message: string,
    /** For 'wrong_root': the root element the file has. For 'malformed': line number. */
    readonly detail: { root?: string; line?: number; column?: number } = {},
  ) {
    super(message);
    this.name = 'KleParseError';
  }
}

export const SUBJECT_ROOT = 'KLE-Emneplan';
export const FACET_ROOT = 'KLE-Handlingsfacetter';

export type KleRetention = 'preserve' | 'dispose' | 'review';

export interface KleAdministrativeInfo {
  createdDate: string | null;
  /** The latest RettetDato. */
  changedDate: string | null;
  /** UdgaaetDato, or FlyttetDato when the number moved (it is no longer valid either way). */
  expiredDate: string | null;
  /** AfloestAf numbers when the number moved. */
  replacedBy: string[];
}

export interface ParsedSubject extends KleAdministrativeInfo {
  number: string;
  level: 1 | 2 | 3;
  parentNumber: string | null;
  title: string;
  uuid: string | null;
  guidance: string | null;
  /** BevaringJaevnfoerArkivloven as written (subjects only). */
  bevaring: string | null;
  /** SletningJaevnfoerPersondataloven as written, e.g. P1825D. */
  deletionPeriod: string | null;
  retention: KleRetention | null;
  retentionYears: number | null;
}

export interface ParsedSubjectPlan {
  published: string | null;
  /** Main groups, groups and subjects in document order (each parent before its children). */
  subjects: ParsedSubject[];
}

export interface ParsedFacetCategory extends KleAdministrativeInfo {
  code: string;
  title: string;
  uuid: string | null;
}

export interface ParsedFacet extends KleAdministrativeInfo {
  code: string;
  categoryCode: string;
  categoryTitle: string;
  title: string;
  uuid: string | null;
  guidance: string | null;
  bevaring: string | null;
}

export interface ParsedFacetPlan {
  published: string | null;
  categories: ParsedFacetCategory[];
  facets: ParsedFacet[];
}

// --- Retention ----------------------------------------------------------------------------

/** Whole years in an xs:duration such as P1800D, P1825D or P5Y (rounded); null if unreadable. */
export function durationYears(duration: string | null | undefined): number | null {
  if (!duration) return null;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(duration.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  const years = Number(m[1] ?? 0) + Number(m[2] ?? 0) / 12 + Number(m[3] ?? 0) / 365;
  return Math.round(years);
}

/**
 * KL's BevaringJaevnfoerArkivloven code as our retention: B → preserve; K, K5, K10 → dispose
 * (K5/K10 give the years, plain K takes them from the recommended deletion period, if any);
 * "tom" or nothing → null (the plan says nothing); a code we do not know (B/K, G, U, …) → review.
 */
export function mapBevaring(
  code: string | null | undefined,
  deletionPeriod?: string | null,
): { retention: KleRetention | null; years: number | null } {
  const c = (code ?? '').trim().toUpperCase();
  if (!c || c === 'TOM') return { retention: null, years: null };
  if (c === 'B') return { retention: 'preserve', years: null };
  const k = /^K(\d+)?$/.exec(c);
  if (k) return { retention: 'dispose', years: k[1] ? Number(k[1]) : durationYears(deletionPeriod) };
  return { retention: 'review', years: null };
}

// --- XML plumbing -------------------------------------------------------------------------

type XmlNode = Record<string, unknown>;

/** Elements that may repeat; fast-xml-parser then always gives an array. */
const LISTS = new Set([
  'Hovedgruppe',
  'Gruppe',
  'Emne',
  'HandlingsfacetKategori',
  'Handlingsfacet',
  'RettetDato',
  'AfloestAf',
  'UdgivelsesDato',
  'UUID',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Numbers such as "00" and "00.01" must stay text.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Guidance keeps its markup as a raw string; guidanceText() reads it with a second parser.
  stopNodes: [
    '*.HovedgruppeVejledning',
    '*.GruppeVejledning',
    '*.EmneVejledning',
    '*.HandlingsfacetVejledning',
    '*.HandlingsfacetKategoriVejledning',
  ],
  isArray: (name) => LISTS.has(name),
});

const markupParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
});

function rootOf(doc: XmlNode): string | null {
  return Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#')) ?? null;
}

/** Checks well-formedness and the root element, and returns the root element's content. */
function load(xml: string, expectedRoot: string): XmlNode {
  const text = xml.replace(/^\uFEFF/, '');
  if (!text.trim()) throw new KleParseError('empty', 'The file is empty.');
  if (!text.trimStart().startsWith('<')) throw new KleParseError('not_xml', 'The file is not XML.');
  if (/<!DOCTYPE/i.test(text))
    throw new KleParseError('doctype', 'The file has a DOCTYPE, which KLE files never have.');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    // An unclosed document is reported as Invalid '["a","b"]' found: name the open elements instead.
    const open = /^Invalid '\[/.test(msg) ? [...msg.matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [];
    const why = open.length ? `the file ends while these elements are still open: ${open.join(', ')}` : msg;
    throw new KleParseError('malformed', `The XML is not well-formed (line ${line}, column ${col}): ${why}`, {
      line,
      column: col,
    });
  }
  const doc = parser.parse(text) as XmlNode;
  const root = rootOf(doc);
  if (root !== expectedRoot) {
    throw new KleParseError('wrong_root', `Expected root element ${expectedRoot}, found ${root ?? 'none'}.`, {
      root: root ?? undefined,
    });
  }
  const content = doc[root];
  return content && typeof content === 'object' ? (content as XmlNode) : {};
}

function asList(value: unknown): XmlNode[] {
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  return items.filter((v): v is XmlNode => typeof v === 'object' && v !== null);
}

/** The text of a simple element (first one if repeated); null when absent or empty. */
function text(node: XmlNode, name: string): string | null {
  let v = node[name];
  if (Array.isArray(v)) v = v[0];
  if (v && typeof v === 'object') v = (v as XmlNode)['#text'];
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v).replace(/\s+/g, ' ').trim();
  return s || null;
}

/** ISO date (YYYY-MM-DD) from an xs:date, which may carry a time zone; null if unreadable. */
function date(value: string | null): string | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return m ? m[1]! : null;
}

function texts(node: XmlNode, name: string): string[] {
  const v = node[name];
  const items: unknown[] = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return items
    .map((i) => (i && typeof i === 'object' ? (i as XmlNode)['#text'] : i))
    .filter((i): i is string | number => typeof i === 'string' || typeof i === 'number')
    .map((i) => String(i).trim())
    .filter(Boolean);
}

function adminInfo(node: XmlNode, prefix: string): KleAdministrativeInfo {
  const info = (asList(node[`${prefix}AdministrativInfo`])[0] ?? {}) as XmlNode;
  const changed = texts(info, 'RettetDato')
    .map((d) => date(d))
    .filter((d): d is string => !!d)
    .sort();
  const historic = (asList(info.Historisk)[0] ?? {}) as XmlNode;
  const moved = (asList(historic.Flyttet)[0] ?? {}) as XmlNode;
  const replacedBy = asList(moved.AfloestAf).flatMap((a) =>
    ['HovedgruppeNr', 'GruppeNr', 'EmneNr', 'HandlingsfacetNr'].map((k) => text(a, k)).filter((n): n is string => !!n),
  );
  return {
    createdDate: date(text(info, 'OprettetDato')),
    changedDate: changed.length ? changed[changed.length - 1]! : null,
    expiredDate: date(text(historic, 'UdgaaetDato')) ?? date(text(moved, 'FlyttetDato')),
    replacedBy,
  };
}

type OrderedNode = Record<string, unknown> & { '#text'?: string };

/** Plain text from KL's XHTML guidance: paragraphs on their own lines, list items as "• …". */
export function guidanceText(raw: unknown): string | null {
  if (typeof raw !== 'string' || !raw.trim()) return null;
  let nodes: OrderedNode[];
  try {
    nodes = markupParser.parse(`<g>${raw}</g>`) as OrderedNode[];
  } catch {
    return null;
  }
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const s = current.replace(/\s+/g, ' ').trim();
    if (s) lines.push(s);
    current = '';
  };
  const walk = (list: OrderedNode[]) => {
    for (const node of list) {
      if (typeof node['#text'] === 'string') {
        current += node['#text'];
        continue;
      }
      const tag = Object.keys(node).find((k) => k !== ':@');
      if (!tag) continue;
      const children = (node[tag] as OrderedNode[]) ?? [];
      if (tag === 'li') {
        flush();
        current = '• ';
        walk(children);
        flush();
      } else if (tag === 'p' || tag === 'ul' || tag === 'ol' || tag === 'br' || tag === 'VejledningTekst') {
        flush();
        walk(children);
        flush();
      } else {
        walk(children);
      }
    }
  };
  walk(nodes);
  flush();
  return lines.length ? lines.join('\n') : null;
}

function guidance(node: XmlNode, prefix: string): string | null {
  return guidanceText(node[`${prefix}Vejledning`]);
}

function published(root: XmlNode): string | null {
  return date(
    text(root, 'UdgivelsesDato') ?? (typeof root['@_UdgivelsesDato'] === 'string' ? root['@_UdgivelsesDato'] : null),
  );
}

function required(node: XmlNode, name: string, where: string, pattern?: RegExp): string {
  const value = text(node, name);
  if (!value) throw new KleParseError('invalid', `${where}: ${name} is missing.`);
  if (pattern && !pattern.test(value))
    throw new KleParseError('invalid', `${where}: ${name} "${value}" is not a valid number.`);
  return value;
}

// --- Subject plan -------------------------------------------------------------------------

const NUMBER = { 1: /^\d{2}$/, 2: /^\d{2}\.\d{2}$/, 3: /^\d{2}\.\d{2}\.\d{2}$/ } as const;
const LEVEL_PREFIX = { 1: 'Hovedgruppe', 2: 'Gruppe', 3: 'Emne' } as const;

export function parseSubjectPlan(xml: string): ParsedSubjectPlan {
  const root = load(xml, SUBJECT_ROOT);
  const subjects: ParsedSubject[] = [];
  const seen = new Set<string>();

  const add = (node: XmlNode, level: 1 | 2 | 3, parent: string | null, where: string): string => {
    const prefix = LEVEL_PREFIX[level];
    const number = required(node, `${prefix}Nr`, where, NUMBER[level]);
    if (parent && !number.startsWith(`${parent}.`)) {
      throw new KleParseError('invalid', `${prefix}Nr ${number} does not belong under ${parent}.`);
    }
    if (seen.has(number)) throw new KleParseError('invalid', `${prefix}Nr ${number} appears twice.`);
    seen.add(number);
    const title = required(node, `${prefix}Titel`, `${prefix}Nr ${number}`);
    const bevaring = level === 3 ? text(node, 'BevaringJaevnfoerArkivloven') : null;
    const deletionPeriod = level === 3 ? text(node, 'SletningJaevnfoerPersondataloven') : null;
    const { retention, years } = mapBevaring(bevaring, deletionPeriod);
    subjects.push({
      number,
      level,
      parentNumber: parent,
      title,
      uuid: text(node, 'UUID'),
      guidance: guidance(node, prefix),
      bevaring,
      deletionPeriod,
      retention,
      retentionYears: years,
      ...adminInfo(node, prefix),
    });
    return number;
  };

  const mains = asList(root.Hovedgruppe);
  mains.forEach((main, i) => {
    const mainNr = add(main, 1, null, `Hovedgruppe #${i + 1}`);
    asList(main.Gruppe).forEach((group, j) => {
      const groupNr = add(group, 2, mainNr, `Gruppe #${j + 1} in ${mainNr}`);
      asList(group.Emne).forEach((subject, k) => add(subject, 3, groupNr, `Emne #${k + 1} in ${groupNr}`));
    });
  });
  if (subjects.length === 0) throw new KleParseError('invalid', 'The plan has no Hovedgruppe.');
  return { published: published(root), subjects };
}

// --- Action facets ------------------------------------------------------------------------

const FACET_CODE = /^[A-ZÆØÅ]\d{2}$/;
const CATEGORY_CODE = /^[A-ZÆØÅ]$/;

export function parseFacetPlan(xml: string): ParsedFacetPlan {
  const root = load(xml, FACET_ROOT);
  const categories: ParsedFacetCategory[] = [];
  const facets: ParsedFacet[] = [];
  const seen = new Set<string>();
  asList(root.HandlingsfacetKategori).forEach((cat, i) => {
    const code = required(cat, 'HandlingsfacetKategoriNr', `HandlingsfacetKategori #${i + 1}`, CATEGORY_CODE);
    const title = required(cat, 'HandlingsfacetKategoriTitel', `HandlingsfacetKategoriNr ${code}`);
    categories.push({ code, title, uuid: text(cat, 'UUID'), ...adminInfo(cat, 'HandlingsfacetKategori') });
    asList(cat.Handlingsfacet).forEach((f, j) => {
      const fcode = required(f, 'HandlingsfacetNr', `Handlingsfacet #${j + 1} in ${code}`, FACET_CODE);
      if (!fcode.startsWith(code))
        throw new KleParseError('invalid', `HandlingsfacetNr ${fcode} does not belong to category ${code}.`);
      if (seen.has(fcode)) throw new KleParseError('invalid', `HandlingsfacetNr ${fcode} appears twice.`);
      seen.add(fcode);
      facets.push({
        code: fcode,
        categoryCode: code,
        categoryTitle: title,
        title: required(f, 'HandlingsfacetTitel', `HandlingsfacetNr ${fcode}`),
        uuid: text(f, 'UUID'),
        guidance: guidance(f, 'Handlingsfacet'),
        bevaring: text(f, 'BevaringJaevnfoerArkivloven'),
        ...adminInfo(f, 'Handlingsfacet'),
      });
    });
  });
  if (facets.length === 0) throw new KleParseError('invalid', 'The file has no Handlingsfacet.');
  return { published: published(root), categories, facets };
}
