import type { CsvRow, CsvTable } from './csv.ts';

/**
 * The file formats the directory import reads, recognised by their header row (docs/import.md):
 *
 * - Samspil's own: a units file and a people file (Danish or English headings).
 * - OS2mo's reports as documented at https://os2mo.readthedocs.io/ (docs/src/features/reports.md):
 *   "Stilling og kontaktinformation" (people and their engagements), "Alle tilknytninger" (the
 *   units with their parents) and "Alle ledere og deres lederansvar" (the units' leaders).
 * - Entra ID's "Download users" CSV.
 *
 * Each is turned into the same records. A field left `undefined` is one the format does not
 * carry: the import leaves it alone. An empty string is a value: the field is cleared.
 */

export const FAMILIES = ['auto', 'samspil', 'os2mo', 'entra'] as const;
export type FormatChoice = (typeof FAMILIES)[number];

export type FormatId =
  'samspil-units' | 'samspil-people' | 'os2mo-engagements' | 'os2mo-units' | 'os2mo-managers' | 'entra-users';

export type FileKind = 'units' | 'people' | 'leaders';

export const FORMAT_KIND: Record<FormatId, FileKind> = {
  'samspil-units': 'units',
  'samspil-people': 'people',
  'os2mo-engagements': 'people',
  'os2mo-units': 'units',
  'os2mo-managers': 'leaders',
  'entra-users': 'people',
};

export type ImportErrorCode =
  | 'missingId'
  | 'missingName'
  | 'missingUsername'
  | 'duplicateId'
  | 'duplicateUsername'
  | 'conflictingUnit'
  | 'invalidUsername'
  | 'usernameTaken'
  | 'invalidEmail'
  | 'invalidKind'
  | 'invalidLeader'
  | 'invalidActive'
  | 'unknownRole'
  | 'unknownParent'
  | 'unknownUnit'
  | 'ambiguousUnit'
  | 'cycle'
  | 'managerNotFound'
  | 'managerSelf'
  | 'leaderNotFound'
  | 'leaderAmbiguous'
  | 'tooLong';

export interface RowError {
  file: string;
  line: number;
  code: ImportErrorCode;
  /** The value in question, shown with the message. */
  value?: string;
}

export interface UnitRecord {
  file: string;
  line: number;
  externalId: string;
  name: string;
  shortName?: string;
  /** '' at the top of the tree. */
  parentExternalId: string;
  /** As written ('' when the column is there but empty). */
  kind?: string;
  email?: string;
  phone?: string;
  /** OS2mo: a parent not in the file may be the organisation itself (see plan.ts). */
  os2mo?: boolean;
}

export interface PersonRecord {
  file: string;
  line: number;
  externalId: string;
  username?: string;
  name: string;
  email?: string;
  phone?: string;
  title?: string;
  /** The unit by external id, or by name when the format only has names (Entra's department). */
  unitExternalId?: string;
  unitName?: string;
  /** A person's external id or username ('' for none). */
  manager?: string;
  /** As written ('ja', 'nej' …). */
  leader?: string;
  roles?: string[];
  /** As written ('True', 'False' …); Entra's accountEnabled. */
  active?: string;
}

export interface LeaderRecord {
  file: string;
  line: number;
  unitName: string;
  personName: string;
}

export interface ReadFile {
  name: string;
  format: FormatId;
  table: CsvTable;
}

export interface Records {
  units: UnitRecord[];
  people: PersonRecord[];
  leaders: LeaderRecord[];
  /** Errors found while reading single rows (the rest is found by the planner). */
  errors: RowError[];
  /** Whether any people file says who is a leader (Samspil's leader column, OS2mo's managers file). */
  hasLeaderInfo: boolean;
}

/** Headings, lower-cased, that mean the same field. */
const SAMSPIL_UNIT: Record<string, string[]> = {
  externalId: ['enhed_id', 'unit_id', 'external_id'],
  name: ['navn', 'name'],
  shortName: ['kortnavn', 'short_name'],
  parent: ['overordnet_id', 'parent_id', 'parent_external_id'],
  kind: ['type', 'kind'],
  email: ['email', 'e-mail'],
  phone: ['telefon', 'phone'],
};
const SAMSPIL_PERSON: Record<string, string[]> = {
  externalId: ['person_id', 'external_id'],
  username: ['brugernavn', 'username'],
  name: ['navn', 'name'],
  email: ['email', 'e-mail'],
  phone: ['telefon', 'phone'],
  title: ['stilling', 'title'],
  unit: ['enhed_id', 'unit_id', 'unit_external_id'],
  manager: ['nærmeste_leder', 'naermeste_leder', 'manager'],
  leader: ['leder', 'leader', 'is_leader'],
  roles: ['roller', 'roles'],
};
const OS2MO_PERSON: Record<string, string[]> = {
  from: ['ansættelse gyldig fra'],
  to: ['ansættelse gyldig til'],
  first: ['fornavn'],
  last: ['efternavn'],
  externalId: ['person uuid', 'personens uuid'],
  username: ['brugernavn'],
  unitName: ['org-enhed'],
  unit: ['org-enhed uuid', 'org-enhedens uuid'],
  email: ['e-mail'],
  phone: ['telefon'],
  title: ['stillingsbetegnelse'],
};
const OS2MO_UNIT: Record<string, string[]> = {
  externalId: ['org-enhedens uuid'],
  name: ['org-enhedens navn'],
  parent: ['overordnet uuid'],
};
const OS2MO_MANAGER: Record<string, string[]> = {
  unit: ['enhed'],
  name: ['navn'],
  responsibility: ['ansvar'],
};
const ENTRA_USER: Record<string, string[]> = {
  upn: ['userprincipalname'],
  name: ['displayname'],
  email: ['mail'],
  title: ['jobtitle'],
  department: ['department'],
  enabled: ['accountenabled'],
  externalId: ['objectid', 'id'],
  phone: ['mobilephone', 'telephonenumber'],
};

type Columns<K extends string> = Partial<Record<K, number>>;

function columns<K extends string>(header: string[], spec: Record<K, string[]>): Columns<K> {
  const lower = header.map((h) => h.trim().toLowerCase());
  const out: Columns<K> = {};
  for (const key of Object.keys(spec) as K[]) {
    const i = lower.findIndex((h) => spec[key].includes(h));
    if (i >= 0) out[key] = i;
  }
  return out;
}

const has = <K extends string>(cols: Columns<K>, ...keys: K[]) => keys.every((k) => cols[k] !== undefined);

/** The format of a file from its header row, within the family the administrator chose. */
export function detectFormat(header: string[], choice: FormatChoice = 'auto'): FormatId | null {
  const found = ((): FormatId | null => {
    const os2moPerson = columns(header, OS2MO_PERSON);
    if (has(os2moPerson, 'externalId', 'first', 'last', 'unit')) return 'os2mo-engagements';
    const os2moUnit = columns(header, OS2MO_UNIT);
    if (has(os2moUnit, 'externalId', 'name', 'parent')) return 'os2mo-units';
    const entra = columns(header, ENTRA_USER);
    if (has(entra, 'upn', 'name')) return 'entra-users';
    const person = columns(header, SAMSPIL_PERSON);
    if (has(person, 'externalId', 'name') && person.username !== undefined) return 'samspil-people';
    const unit = columns(header, SAMSPIL_UNIT);
    if (has(unit, 'externalId', 'name', 'parent')) return 'samspil-units';
    const manager = columns(header, OS2MO_MANAGER);
    if (has(manager, 'unit', 'name', 'responsibility')) return 'os2mo-managers';
    return null;
  })();
  if (!found || choice === 'auto') return found;
  return found.startsWith(`${choice}-`) ? found : null;
}

const cell = (row: CsvRow, i: number | undefined): string | undefined =>
  i === undefined ? undefined : (row.cells[i] ?? '');

/** An OS2mo date (2024-01-31, 31-01-2024, 31.01.2024) as yyyy-mm-dd, or null when empty or unreadable. */
function isoDate(value: string | undefined): string | null {
  const v = (value ?? '').trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(v);
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return null;
}

/**
 * The records of the files. `today` (yyyy-mm-dd, Copenhagen) decides which of OS2mo's
 * engagements count: those in force today (a person with none is not in the file).
 */
export function toRecords(files: ReadFile[], today: string): Records {
  const out: Records = { units: [], people: [], leaders: [], errors: [], hasLeaderInfo: false };
  for (const file of files) {
    const { header, rows } = file.table;
    const name = file.name;
    switch (file.format) {
      case 'samspil-units': {
        const c = columns(header, SAMSPIL_UNIT);
        for (const r of rows)
          out.units.push({
            file: name,
            line: r.line,
            externalId: cell(r, c.externalId) ?? '',
            name: cell(r, c.name) ?? '',
            shortName: cell(r, c.shortName),
            parentExternalId: cell(r, c.parent) ?? '',
            kind: cell(r, c.kind),
            email: cell(r, c.email),
            phone: cell(r, c.phone),
          });
        break;
      }
      case 'samspil-people': {
        const c = columns(header, SAMSPIL_PERSON);
        if (c.leader !== undefined) out.hasLeaderInfo = true;
        for (const r of rows) {
          const roles = cell(r, c.roles);
          out.people.push({
            file: name,
            line: r.line,
            externalId: cell(r, c.externalId) ?? '',
            username: cell(r, c.username),
            name: cell(r, c.name) ?? '',
            email: cell(r, c.email),
            phone: cell(r, c.phone),
            title: cell(r, c.title),
            unitExternalId: cell(r, c.unit),
            manager: cell(r, c.manager),
            leader: cell(r, c.leader),
            roles: roles ? roles.split(/[\s,;|]+/).filter(Boolean) : undefined,
          });
        }
        break;
      }
      case 'os2mo-engagements': {
        const c = columns(header, OS2MO_PERSON);
        const seen = new Set<string>();
        for (const r of rows) {
          const from = isoDate(cell(r, c.from));
          const to = isoDate(cell(r, c.to));
          // An engagement not in force today: the person is not employed through it.
          if ((from && from > today) || (to && to < today)) continue;
          const externalId = cell(r, c.externalId) ?? '';
          // One row per engagement: the first engagement in force places the person.
          if (externalId && seen.has(externalId)) continue;
          seen.add(externalId);
          out.people.push({
            file: name,
            line: r.line,
            externalId,
            username: cell(r, c.username),
            name: [cell(r, c.first), cell(r, c.last)].filter(Boolean).join(' '),
            email: cell(r, c.email),
            phone: cell(r, c.phone),
            title: cell(r, c.title),
            unitExternalId: cell(r, c.unit),
            unitName: cell(r, c.unitName),
          });
        }
        break;
      }
      case 'os2mo-units': {
        const c = columns(header, OS2MO_UNIT);
        // "Alle tilknytninger" has a row per association: the first row of a unit names it.
        const seen = new Map<string, UnitRecord>();
        for (const r of rows) {
          const rec: UnitRecord = {
            file: name,
            line: r.line,
            externalId: cell(r, c.externalId) ?? '',
            name: cell(r, c.name) ?? '',
            parentExternalId: cell(r, c.parent) ?? '',
            os2mo: true,
          };
          const before = rec.externalId ? seen.get(rec.externalId) : undefined;
          if (before) {
            if (before.name !== rec.name || before.parentExternalId !== rec.parentExternalId)
              out.errors.push({ file: name, line: r.line, code: 'conflictingUnit', value: rec.externalId });
            continue;
          }
          if (rec.externalId) seen.set(rec.externalId, rec);
          out.units.push(rec);
        }
        break;
      }
      case 'os2mo-managers': {
        const c = columns(header, OS2MO_MANAGER);
        out.hasLeaderInfo = true;
        for (const r of rows)
          out.leaders.push({
            file: name,
            line: r.line,
            unitName: cell(r, c.unit) ?? '',
            personName: cell(r, c.name) ?? '',
          });
        break;
      }
      case 'entra-users': {
        const c = columns(header, ENTRA_USER);
        for (const r of rows) {
          const upn = cell(r, c.upn) ?? '';
          out.people.push({
            file: name,
            line: r.line,
            // objectId when exported; otherwise the sign-in name is the key.
            externalId: cell(r, c.externalId) || upn.toLowerCase(),
            username: upn.split('@')[0]!.toLowerCase(),
            name: cell(r, c.name) ?? '',
            email: cell(r, c.email),
            phone: cell(r, c.phone),
            title: cell(r, c.title),
            unitName: cell(r, c.department),
            active: cell(r, c.enabled),
          });
        }
        break;
      }
    }
  }
  return out;
}
