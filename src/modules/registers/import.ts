import type { Database } from '../../db/index.ts';
import { nowIso, writeTransaction } from '../../db/index.ts';
import { validateCpr, validateCvr } from '../../identity/index.ts';
import type { Insertable } from 'kysely';
import type { RegisterCompanyTable, RegisterPersonTable } from '../../db/schema/registers.ts';
import type { MessageKey } from '../../i18n/index.ts';

/**
 * CSV import into the local registers: a header row, `;` or `,` between fields (whichever the
 * header uses), fields in double quotes where they hold the separator, quotes or line breaks,
 * UTF-8 (a byte-order mark is skipped). Rows are upserted by their number; a bad line is
 * reported with its line number and a catalog key and the good lines are imported all the same.
 *
 * Persons: `cpr;name;street;postcode;city;protected_address;deceased` (the flags 1/0, ja/nej).
 * Companies: `cvr;name;address;postcode;city;status` (status defaults to `active`).
 */

export interface ImportError {
  /** The line in the file, counting the header as line 1. */
  line: number;
  key: MessageKey;
  params?: Record<string, string>;
}

export interface ImportResult {
  inserted: number;
  updated: number;
  errors: ImportError[];
}

interface CsvRecord {
  line: number;
  fields: string[];
}

/** Splits CSV text into records, each with the line it starts on. */
export function parseCsv(text: string, separator?: ';' | ','): CsvRecord[] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const sep = separator ?? detectSeparator(input);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    if (touched || fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
    fields = [];
    touched = false;
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      touched = true;
    } else if (ch === sep) {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0 || touched) endRecord();
  return records;
}

/** The separator the header row uses (outside quotes): `;` when it has more of them, else `,`. */
function detectSeparator(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ';' : ',';
}

function flag(value: string | undefined): 0 | 1 | null {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === '0' || v === 'nej' || v === 'no' || v === 'false') return 0;
  if (v === '1' || v === 'ja' || v === 'yes' || v === 'true') return 1;
  return null;
}

const orNull = (value: string | undefined) => {
  const v = (value ?? '').trim();
  return v === '' ? null : v;
};

/** The records after the header, as objects by (lower-cased) column name; or the missing columns. */
function rowsOf(text: string, required: readonly string[]) {
  const [header, ...rest] = parseCsv(text);
  const names = (header?.fields ?? []).map((h) => h.trim().toLowerCase());
  const missing = required.filter((r) => !names.includes(r));
  const rows = rest.map((r) => ({
    line: r.line,
    get: (column: string) => {
      const i = names.indexOf(column);
      return i < 0 ? undefined : r.fields[i];
    },
  }));
  return { missing, rows };
}

type Row = ReturnType<typeof rowsOf>['rows'][number];
type Read<V> = (row: Row, now: string) => { values: V } | { error: ImportError['key'] };

/**
 * The import loop both registers share: the required columns, then each line read (or reported
 * with its line number) and upserted, in one transaction.
 */
async function importCsv<V>(
  database: Database,
  csvText: string,
  required: readonly string[],
  read: Read<V>,
  upsert: (tx: Database, values: V) => Promise<'inserted' | 'updated'>,
): Promise<ImportResult> {
  const result: ImportResult = { inserted: 0, updated: 0, errors: [] };
  const { missing, rows } = rowsOf(csvText, required);
  if (missing.length) {
    result.errors.push({ line: 1, key: 'registers.import.error.columns', params: { columns: missing.join(', ') } });
    return result;
  }
  const now = nowIso();
  await writeTransaction(database, async (tx) => {
    for (const row of rows) {
      const r = read(row, now);
      if ('error' in r) result.errors.push({ line: row.line, key: r.error });
      else result[await upsert(tx, r.values)]++;
    }
  });
  return result;
}

const nameOf = (row: Row) => (row.get('name') ?? '').trim();

export function importPersonsCsv(database: Database, csvText: string): Promise<ImportResult> {
  return importCsv<Insertable<RegisterPersonTable>>(
    database,
    csvText,
    ['cpr', 'name'],
    (row, now) => {
      const number = validateCpr(row.get('cpr') ?? '');
      if (!number.ok) return { error: 'registers.import.error.cpr' };
      const name = nameOf(row);
      if (!name) return { error: 'registers.import.error.name' };
      const protectedAddress = flag(row.get('protected_address'));
      const deceased = flag(row.get('deceased'));
      // Optional column: exempt from Digital Post (letters go by remote print).
      const exempt = flag(row.get('digital_post_exempt'));
      if (protectedAddress === null || deceased === null || exempt === null)
        return { error: 'registers.import.error.flag' };
      return {
        values: {
          cpr: number.cpr.replace('-', ''),
          name,
          street: orNull(row.get('street')),
          postcode: orNull(row.get('postcode')),
          city: orNull(row.get('city')),
          protected_address: protectedAddress,
          deceased,
          digital_post_exempt: exempt,
          updated_at: now,
        },
      };
    },
    async (tx, values) => {
      const existing = await tx.db
        .selectFrom('register_persons')
        .select('cpr')
        .where('cpr', '=', values.cpr)
        .executeTakeFirst();
      if (existing) await tx.db.updateTable('register_persons').set(values).where('cpr', '=', values.cpr).execute();
      else await tx.db.insertInto('register_persons').values(values).execute();
      return existing ? 'updated' : 'inserted';
    },
  );
}

export function importCompaniesCsv(database: Database, csvText: string): Promise<ImportResult> {
  return importCsv<Insertable<RegisterCompanyTable>>(
    database,
    csvText,
    ['cvr', 'name'],
    (row, now) => {
      const number = validateCvr(row.get('cvr') ?? '');
      if (!number.ok) return { error: 'registers.import.error.cvr' };
      const name = nameOf(row);
      if (!name) return { error: 'registers.import.error.name' };
      return {
        values: {
          cvr: number.cvr,
          name,
          address: orNull(row.get('address')),
          postcode: orNull(row.get('postcode')),
          city: orNull(row.get('city')),
          status: orNull(row.get('status')) ?? 'active',
          updated_at: now,
        },
      };
    },
    async (tx, values) => {
      const existing = await tx.db
        .selectFrom('register_companies')
        .select('cvr')
        .where('cvr', '=', values.cvr)
        .executeTakeFirst();
      if (existing) await tx.db.updateTable('register_companies').set(values).where('cvr', '=', values.cvr).execute();
      else await tx.db.insertInto('register_companies').values(values).execute();
      return existing ? 'updated' : 'inserted';
    },
  );
}
