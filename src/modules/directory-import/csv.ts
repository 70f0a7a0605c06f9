import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';

/**
 * Reading an uploaded CSV file into a table: the encoding (UTF-8 with or without BOM, UTF-16 with
 * a BOM, else Windows-1252, as Excel saves "CSV" on a Danish Windows), the separator (`;`, `,` or
 * tab, from the header row) and the records (csv-parse: quoted fields, quotes doubled, newlines
 * inside quotes). Every record keeps the line of the file it starts on, for the error list.
 *
 * CPR numbers never get further than this function: a column whose heading names a CPR number
 * is dropped here, so it is neither stored with the import nor shown.
 */

export interface CsvRow {
  /** The line of the file the record starts on (the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
  delimiter: ';' | ',' | '\t';
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** How many CPR columns were dropped. */
  droppedCpr: number;
}

export class CsvReadError extends Error {
  constructor(
    readonly code: 'empty' | 'malformed',
    readonly line?: number,
  ) {
    super(code);
  }
}

/** A heading that names a CPR number (OS2mo: "CPR", "CPR-Nummer"; others: "CPR-nr.", "cpr_number"). */
export function isCprHeading(heading: string): boolean {
  return /^cpr(\b|[-_ .]|nummer|nr)/i.test(heading.trim());
}

/** The text of the file's bytes. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvTable['encoding'] } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'win1252'), encoding: 'windows-1252' };
  }
}

/** The separator of the header row: the most frequent of `;`, `,` and tab outside quotes. */
function detectDelimiter(text: string): CsvTable['delimiter'] {
  let inQuotes = false;
  const counts = { ';': 0, ',': 0, '\t': 0 };
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === '\n') break;
    else if (!inQuotes && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[','] > counts[';'] ? ',' : ';';
}

export function readCsv(bytes: Uint8Array): CsvTable {
  const decoded = decodeCsv(bytes);
  // One line ending throughout (also inside quoted fields), so line numbers count as editors do.
  const text = decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.trim()) throw new CsvReadError('empty');
  const delimiter = detectDelimiter(text);
  let records: Array<{ record: string[]; raw: string; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter,
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new CsvReadError('malformed', typeof line === 'number' ? line : undefined);
  }
  const withLines = records.map(({ record, raw, info }) => {
    const inner = raw.replace(/^\n+/, '').replace(/\n$/, '');
    const newlines = inner.split('\n').length - 1;
    return { line: info.lines - newlines, cells: record.map((c) => c.trim()) };
  });
  const first = withLines.shift();
  if (!first) throw new CsvReadError('empty');
  const keep = first.cells.map((h) => !isCprHeading(h));
  const pick = (cells: string[]) => cells.filter((_, i) => keep[i] ?? true);
  return {
    header: pick(first.cells),
    rows: withLines.filter((r) => r.cells.some((c) => c !== '')).map((r) => ({ line: r.line, cells: pick(r.cells) })),
    delimiter,
    encoding: decoded.encoding,
    droppedCpr: keep.filter((k) => !k).length,
  };
}
