import { XMLParser } from 'fast-xml-parser';
import { Parser } from 'htmlparser2';

/**
 * The tables of an archival version: tableIndex.xml read into a model, each tableN.xsd compared
 * with it (bilag 4, 4. D. 5 and bilag 5, figur 5.1), and each tableN.xml read as a stream for what
 * its schema cannot say (the row count of figur 6.3, 3.g; NULL only where tableIndex allows it,
 * 4. C. 5.c; no NULL or blank primary-key field, 4. A. 1; no leading or trailing blanks, 5. A. 2).
 */

export interface TableColumn {
  name: string;
  columnID: string;
  type: string;
  nullable: boolean;
}

export interface ForeignKey {
  name: string;
  referencedTable: string;
  references: { column: string; referenced: string }[];
}

export interface TableDef {
  name: string;
  folder: string;
  columns: TableColumn[];
  primaryKey: { name: string; columns: string[] };
  foreignKeys: ForeignKey[];
  rows: number;
}

export interface Problem {
  code: string;
  section: string;
  message: string;
}

/** Helpers for the values fast-xml-parser returns (text, a list of one or many, an object). */
export const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
export const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The parser for the small index files (namespace prefixes removed, all values as text). */
export const indexParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

/** tableIndex.xml as a model; throws on XML that cannot be parsed. */
export function parseTableIndex(xml: string): TableDef[] {
  const root = obj(obj(indexParser.parse(xml) as unknown).siardDiark);
  return list(obj(root.tables).table).map((t) => {
    const table = obj(t);
    const pk = obj(table.primaryKey);
    return {
      name: text(table.name),
      folder: text(table.folder),
      columns: list(obj(table.columns).column).map((c) => {
        const col = obj(c);
        return {
          name: text(col.name),
          columnID: text(col.columnID),
          type: text(col.type),
          nullable: ['true', '1'].includes(text(col.nullable)),
        };
      }),
      primaryKey: { name: text(pk.name), columns: list(pk.column).map(text) },
      foreignKeys: list(obj(table.foreignKeys).foreignKey).map((f) => {
        const fk = obj(f);
        return {
          name: text(fk.name),
          referencedTable: text(fk.referencedTable),
          references: list(fk.reference).map((r) => ({
            column: text(obj(r).column),
            referenced: text(obj(r).referenced),
          })),
        };
      }),
      rows: Number(text(table.rows)),
    };
  });
}

/** bilag 5, figur 5.1: the XML Schema types a column of an SQL:1999 type may have in tableN.xsd. */
export function xmlTypesFor(sqlType: string): string[] {
  const t = sqlType.trim().toUpperCase().replace(/\s+/g, ' ');
  if (/^(CHARACTER|CHAR|VARCHAR|NATIONAL CHARACTER|NATIONAL CHAR|NCHAR)\b/.test(t)) return ['string', 'hexBinary'];
  if (/^(INTEGER|INT|SMALLINT)$/.test(t)) return ['integer'];
  if (/^(NUMERIC|DECIMAL|DEC)\b/.test(t)) return ['decimal'];
  if (/^FLOAT\b/.test(t)) return ['float'];
  if (/^(REAL|DOUBLE PRECISION)$/.test(t)) return ['double'];
  if (t === 'BOOLEAN') return ['boolean'];
  if (t === 'DATE') return ['date'];
  if (/^TIMESTAMP\b/.test(t)) return ['dateTime'];
  if (/^TIME\b/.test(t)) return ['time'];
  if (/^INTERVAL\b/.test(t)) return ['duration'];
  return [];
}

const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

interface XsdColumn {
  name: string;
  /** The built-in XML Schema type it ends at ("string", "integer", …), or the unresolved QName. */
  type: string;
  nillable: boolean;
}

/** The column element declarations (c1, c2, …) of a tableN.xsd, with their built-in types. */
export function readTableXsd(xsd: string): { targetNamespace: string; columns: XsdColumn[] } {
  const ns = new Map<string, string>();
  const named = new Map<string, string>();
  const columns: { name: string; type: string; nillable: boolean }[] = [];
  const stack: { local: string; column?: (typeof columns)[number]; simpleType?: string }[] = [];
  let targetNamespace = '';
  const p = new Parser(
    {
      onopentag(name, attribs) {
        const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
        for (const [k, v] of Object.entries(attribs)) {
          if (k === 'xmlns') ns.set('', v);
          else if (k.startsWith('xmlns:')) ns.set(k.slice(6), v);
        }
        const frame: (typeof stack)[number] = { local };
        if (local === 'schema' && stack.length === 0) targetNamespace = attribs.targetNamespace ?? '';
        if (local === 'element' && /^c[1-9][0-9]*$/.test(attribs.name ?? '')) {
          frame.column = { name: attribs.name!, type: attribs.type ?? '', nillable: attribs.nillable === 'true' };
          columns.push(frame.column);
        }
        if (local === 'simpleType' && attribs.name) frame.simpleType = attribs.name;
        if (local === 'restriction' && attribs.base) {
          for (let i = stack.length - 1; i >= 0; i--) {
            const f = stack[i]!;
            if (f.column && !f.column.type) {
              f.column.type = attribs.base;
              break;
            }
            if (f.simpleType) {
              named.set(f.simpleType, attribs.base);
              break;
            }
          }
        }
        stack.push(frame);
      },
      onclosetag() {
        stack.pop();
      },
    },
    { xmlMode: true },
  );
  p.end(xsd);
  const builtin = (qname: string): string => {
    for (let hops = 0; hops < 10; hops++) {
      const i = qname.indexOf(':');
      const prefix = i < 0 ? '' : qname.slice(0, i);
      const local = i < 0 ? qname : qname.slice(i + 1);
      if (ns.get(prefix) === XSD_NS) return local;
      const base = named.get(local);
      if (!base) return qname;
      qname = base;
    }
    return qname;
  };
  return { targetNamespace, columns: columns.map((c) => ({ ...c, type: builtin(c.type) })) };
}

/** Compares a tableN.xsd with the table's entry in tableIndex.xml. */
export function checkTableXsd(xsd: string, table: TableDef): Problem[] {
  const problems: Problem[] = [];
  let read;
  try {
    read = readTableXsd(xsd);
  } catch (e) {
    return [
      {
        code: 'table-xsd-invalid',
        section: 'bilag 4, punkt 4. D. 5',
        message: `Skemaet kan ikke læses: ${(e as Error).message}`,
      },
    ];
  }
  const expectedNs = `http://www.sa.dk/xmlns/siard/1.0/schema0/${table.folder}.xsd`;
  if (read.targetNamespace !== expectedNs) {
    problems.push({
      code: 'table-namespace',
      section: 'bilag 4, punkt 4. D. 5',
      message: `Skemaets targetNamespace er "${read.targetNamespace}"; Rigsarkivets testværktøjer forventer "${expectedNs}". Bekendtgørelsen kræver det ikke, så det er en advarsel.`,
    });
  }
  const ids = table.columns.map((c) => c.columnID);
  const names = read.columns.map((c) => c.name);
  if (ids.join(',') !== names.join(',')) {
    problems.push({
      code: 'table-xsd-columns',
      section: 'bilag 4, punkt 4. D. 5',
      message: `Skemaets kolonner (${names.join(', ') || 'ingen'}) svarer ikke til tabellens kolonner i tableIndex.xml (${ids.join(', ')}).`,
    });
  }
  for (const col of table.columns) {
    const x = read.columns.find((c) => c.name === col.columnID);
    if (!x) continue;
    const allowed = xmlTypesFor(col.type);
    if (allowed.length && !allowed.includes(x.type)) {
      problems.push({
        code: 'table-xsd-type',
        section: 'bilag 5, punkt 5. B. 1.a, figur 5.1',
        message: `Kolonnen ${col.columnID} (${col.name}) har SQL-typen ${col.type} i tableIndex.xml, men XML-typen "${x.type}" i skemaet; figur 5.1 kræver ${allowed.join(' eller ')}.`,
      });
    }
    if (col.nullable && !x.nillable) {
      problems.push({
        code: 'table-xsd-columns',
        section: 'bilag 4, punkt 4. D. 5',
        message: `Kolonnen ${col.columnID} (${col.name}) må være NULL ifølge tableIndex.xml, men skemaet tillader ikke xsi:nil (nillable="true").`,
      });
    }
  }
  return problems;
}

const enum S {
  Text,
  Lt,
  StartName,
  Attrs,
  EndTag,
  Bang,
  Comment,
  Cdata,
  Pi,
  Doctype,
}

const isBlank = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
const NIL = /(?:^|\s)(?:[^\s=:]+:)?nil\s*=\s*["']\s*(?:true|1)\s*["']/;
const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decodeField = (bytes: number[]): string =>
  Buffer.from(bytes)
    .toString('utf8')
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(parseInt(e[1] === 'x' ? e.slice(2) : e.slice(1), e[1] === 'x' ? 16 : 10))
        : ENTITY[e]!,
    );

/** A tuple of columns whose values a scan collects (for primary-key uniqueness and foreign keys). */
export interface KeyValues {
  columns: string[];
  /** The distinct value tuples of the rows where none of the columns is NULL. */
  values: Set<string>;
  /** False when the table had more distinct tuples than the scanner keeps (MAX_KEYS). */
  complete: boolean;
}

/** The most distinct key tuples kept per tuple and table (about 100 bytes each in memory). */
export const MAX_KEYS = 5_000_000;
/** The separator of the values in a key tuple. */
export const KEY_SEP = '\u0000';

/**
 * Reads a tableN.xml as it streams past, on the bytes (no decoding, no tree): counts the rows (the
 * root's children) and checks the fields against the table's definition. Without a definition (a
 * table folder tableIndex does not list) it only counts. Well-formedness is xmllint's to judge;
 * this scanner only needs the element structure, so it skips comments, processing instructions
 * and the doctype, and treats a character reference in a field as a non-blank character (it never
 * reports more than the field really breaks).
 */
export class TableScanner {
  rows = 0;
  private state = S.Text;
  private depth = 0;
  private name = '';
  private attrs = '';
  private quote = 0;
  private lastAttrByte = 0;
  /** Progress through the terminator of a comment ("-->"), CDATA ("]]>") or PI ("?>"), or "<!" prefix. */
  private seen = '';
  private column: TableColumn | undefined;
  private pk = false;
  private nil = false;
  private empty = true;
  private firstBlank = false;
  private lastBlank = false;
  private allBlank = true;
  private readonly byId = new Map<string, TableColumn>();
  private readonly pkNames: Set<string>;
  private readonly hits = new Map<
    string,
    { code: string; section: string; n: number; firstRow: number; what: string }
  >();
  private unknown = 0;
  private unknownName = '';
  /** The key tuples to collect, by their columns joined with KEY_SEP; the primary key first. */
  readonly keys = new Map<string, KeyValues>();
  private readonly keyColumns = new Set<string>();
  private readonly rowValues = new Map<string, string | null>();
  private capture: number[] | null = null;
  private duplicates = 0;
  private firstDuplicate = { row: 0, value: '' };

  /** `keys`: column-name tuples whose values to collect besides the primary key (foreign keys, referenced columns). */
  constructor(
    private readonly table: TableDef | undefined,
    keys: string[][] = [],
  ) {
    for (const c of table?.columns ?? []) this.byId.set(c.columnID, c);
    this.pkNames = new Set(table?.primaryKey.columns ?? []);
    const pk = table?.primaryKey.columns ?? [];
    for (const columns of pk.length ? [pk, ...keys] : keys) {
      const id = columns.join(KEY_SEP);
      if (this.keys.has(id)) continue;
      this.keys.set(id, { columns, values: new Set(), complete: true });
      for (const c of columns) this.keyColumns.add(c);
    }
  }

  /** At the end of a row: its key tuples collected, its primary key checked for a repeat. */
  private endRow(): void {
    let first = true;
    for (const k of this.keys.values()) {
      const isPk = first && this.pkNames.size > 0;
      first = false;
      const parts: string[] = [];
      let hasNull = false;
      for (const c of k.columns) {
        const v = this.rowValues.get(c);
        if (v === null || v === undefined) hasNull = true;
        else parts.push(v);
      }
      if (hasNull) continue;
      const value = parts.join(KEY_SEP);
      if (isPk && k.values.has(value)) {
        if (this.duplicates++ === 0) this.firstDuplicate = { row: this.rows, value: parts.join(', ') };
        continue;
      }
      if (!k.complete) continue;
      if (k.values.size >= MAX_KEYS) {
        k.complete = false;
        k.values.clear();
      } else k.values.add(value);
    }
    this.rowValues.clear();
  }

  private hit(code: string, section: string, what: string): void {
    const key = `${code}:${this.column!.columnID}`;
    const h = this.hits.get(key);
    if (h) h.n++;
    else {
      this.hits.set(key, {
        code,
        section,
        n: 1,
        firstRow: this.rows,
        what: `Kolonnen ${this.column!.columnID} (${this.column!.name}) ${what}`,
      });
    }
  }

  private open(selfClosing: boolean): void {
    this.depth++;
    if (this.depth === 2) this.rows++;
    if (this.depth === 3 && this.table) {
      const n = this.name;
      const local = n.includes(':') ? n.slice(n.indexOf(':') + 1) : n;
      this.column = this.byId.get(local);
      if (!this.column) {
        if (this.unknown++ === 0) this.unknownName = local;
      } else {
        this.pk = this.pkNames.has(this.column.name);
        this.nil = NIL.test(this.attrs);
        this.capture = this.keyColumns.has(this.column.name) ? [] : null;
        this.empty = true;
        this.allBlank = true;
        this.firstBlank = this.lastBlank = false;
        if (this.nil && !this.column.nullable) {
          this.hit(
            'null-not-allowed',
            'bilag 4, punkt 4. C. 5.c',
            'er NULL (xsi:nil), men kolonnen er ikke nullable i tableIndex.xml',
          );
        }
        if (this.nil && this.pk)
          this.hit('primary-key-null', 'bilag 4, punkt 4. A. 1', 'indgår i primærnøglen og er NULL');
      }
    }
    if (selfClosing) this.close();
  }

  private close(): void {
    if (this.depth === 3 && this.column) {
      if (!this.nil) {
        if (this.pk && this.allBlank) {
          this.hit('primary-key-null', 'bilag 4, punkt 4. A. 1', 'indgår i primærnøglen og består kun af blanktegn');
        } else if (!this.empty && (this.firstBlank || this.lastBlank)) {
          this.hit('field-whitespace', 'bilag 5, punkt 5. A. 2', 'har foran- eller efterstillede blanktegn');
        }
      }
      if (this.capture) this.rowValues.set(this.column.name, this.nil ? null : decodeField(this.capture).trim());
      this.capture = null;
      this.column = undefined;
    }
    if (this.depth === 2 && this.keys.size) this.endRow();
    this.depth--;
  }

  /** A byte of field content (or, with b = -1, a character that is not blank). */
  private content(b: number): void {
    const blank = b >= 0 && isBlank(b);
    if (this.capture && b >= 0) this.capture.push(b);
    if (this.empty) {
      this.empty = false;
      this.firstBlank = blank;
    }
    this.lastBlank = blank;
    if (!blank) this.allBlank = false;
  }

  feed(chunk: Uint8Array): void {
    const field = () => this.depth === 3 && this.column !== undefined;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      switch (this.state) {
        case S.Text:
          if (b === 0x3c) this.state = S.Lt;
          else if (this.column !== undefined && this.depth === 3) this.content(b);
          break;
        case S.Lt:
          if (b === 0x2f) this.state = S.EndTag;
          else if (b === 0x21) [this.state, this.seen] = [S.Bang, ''];
          else if (b === 0x3f) [this.state, this.seen] = [S.Pi, ''];
          else [this.state, this.name] = [S.StartName, String.fromCharCode(b)];
          break;
        case S.StartName:
          if (b === 0x3e) {
            this.attrs = '';
            this.state = S.Text;
            this.open(false);
          } else if (isBlank(b) || b === 0x2f) {
            [this.state, this.attrs, this.quote, this.lastAttrByte] = [S.Attrs, '', 0, b];
          } else this.name += String.fromCharCode(b);
          break;
        case S.Attrs:
          if (this.quote) {
            if (b === this.quote) this.quote = 0;
          } else if (b === 0x22 || b === 0x27) this.quote = b;
          else if (b === 0x3e) {
            this.state = S.Text;
            this.open(this.lastAttrByte === 0x2f);
            break;
          }
          if (this.depth === 2 && this.attrs.length < 2000) this.attrs += String.fromCharCode(b);
          if (!isBlank(b)) this.lastAttrByte = b;
          break;
        case S.EndTag:
          if (b === 0x3e) {
            this.state = S.Text;
            this.close();
          }
          break;
        case S.Bang:
          this.seen += String.fromCharCode(b);
          if (this.seen === '--') [this.state, this.seen] = [S.Comment, ''];
          else if (this.seen === '[CDATA[') [this.state, this.seen] = [S.Cdata, ''];
          else if (!'--'.startsWith(this.seen) && !'[CDATA['.startsWith(this.seen)) this.state = S.Doctype;
          break;
        case S.Comment:
          this.seen = (this.seen + String.fromCharCode(b)).slice(-3);
          if (this.seen === '-->') this.state = S.Text;
          break;
        case S.Cdata:
          this.seen = (this.seen + String.fromCharCode(b)).slice(-3);
          if (this.seen === ']]>') this.state = S.Text;
          else if (field() && b !== 0x5d && b !== 0x3e) this.content(b);
          break;
        case S.Pi:
          this.seen = (this.seen + String.fromCharCode(b)).slice(-2);
          if (this.seen === '?>') this.state = S.Text;
          break;
        case S.Doctype:
          if (b === 0x3e) this.state = S.Text;
          break;
      }
    }
  }

  end(): Problem[] {
    const problems: Problem[] = [...this.hits.values()].map((h) => ({
      code: h.code,
      section: h.section,
      message: `${h.what}: ${h.n} ${h.n === 1 ? 'række' : 'rækker'}, første gang i række ${h.firstRow}.`,
    }));
    if (this.duplicates) {
      problems.push({
        code: 'primary-key-duplicate',
        section: 'bilag 4, punkt 4. A. 1',
        message: `Primærnøglen ${this.table!.primaryKey.name} (${this.table!.primaryKey.columns.join(', ')}) er ikke entydig: ${this.duplicates} ${this.duplicates === 1 ? 'række gentager' : 'rækker gentager'} en tidligere rækkes værdi, første gang i række ${this.firstDuplicate.row} (${this.firstDuplicate.value}).`,
      });
    }
    if (this.unknown) {
      problems.push({
        code: 'table-column-unknown',
        section: 'bilag 4, punkt 4. D. 4',
        message: `Tabellen har ${this.unknown} felter i elementer, som ikke er kolonner i tableIndex.xml (første: "${this.unknownName}").`,
      });
    }
    return problems;
  }
}
