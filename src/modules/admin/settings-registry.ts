import type { AuditActor } from '../../audit/service.ts';
import { appendAudit } from '../../audit/service.ts';
import { closingDays, closingDaysText } from '../../calendar/closing-days.ts';
import { DEFAULT_CLOSING_DAYS } from '../../calendar/workdays.ts';
import type { Database } from '../../db/index.ts';
import { writeTransaction } from '../../db/index.ts';
import { deleteSetting, getSetting, MUNICIPALITY_NAME, putSetting, rootUnitName } from '../../db/settings.ts';
import { DEFAULT_PERSONAL_QUOTA, DEFAULT_ROOM_QUOTA, fileQuotas, MB } from '../../files/quotas.ts';
import { COLOUR_SETTING, DEFAULT_COLOUR, forgetBranding, PALETTE, paletteColour } from '../../http/branding.ts';
import { formatNumber, translator, type Locale, type MessageKey } from '../../i18n/index.ts';
import type { Action } from '../../policy/index.ts';

/**
 * The municipality's settings, each declared once: its key, its section on the settings page,
 * its type and default, how typed input is checked, the catalog keys of its label, its meaning and
 * where it takes effect, and who may change it.
 *
 * Three kinds:
 * - **here** (`save: 'registry'`): stored and audited by `saveSettings()` (the municipality's name
 *   and colour);
 * - **here, with their own rules** (`save: 'own'`): the file quotas and the closing days, shown and
 *   explained from here but saved by their shared tools' services (src/files, src/calendar), which
 *   audit before and after;
 * - **elsewhere** (`ElsewhereSetting`): settings a module keeps on its own page under its own role
 *   (the records manager's archive settings, the secretariat's notice rule, Digital Post's sender).
 *   The admin module imports no feature module, so src/app.tsx hands these in; the page lists
 *   them with their value and a link.
 */

export const SECTIONS = ['municipality', 'calendar', 'files', 'records', 'meetings'] as const;
export type SettingSection = (typeof SECTIONS)[number];

export type Check =
  { ok: true; stored: string } | { ok: false; error: MessageKey; params?: Record<string, string | number> };

export interface SettingDefinition {
  key: string;
  section: SettingSection;
  type: 'text' | 'choice' | 'megabytes' | 'dates';
  label: MessageKey;
  help: MessageKey;
  /** Where the setting takes effect. */
  effect: MessageKey;
  /** Who may change it. */
  action: Action;
  save: 'registry' | 'own';
  /** The choices of a `choice` setting. */
  choices?: ReadonlyArray<{ value: string; label: MessageKey }>;
  /** The current value as the form shows it. */
  current(database: Database): Promise<string>;
  /** The default, as a reader sees it. */
  defaultText(database: Database, locale: Locale): Promise<string>;
  /** The current value as a reader sees it. */
  display(value: string, locale: Locale): string;
  /** Checks what was typed; gives the value to store (registry settings). */
  check(input: string): Check;
}

/** A setting a module keeps on its own page, listed here with a link (handed in by src/app.tsx). */
export interface ElsewhereSetting {
  key: string;
  section: SettingSection;
  label: MessageKey;
  help: MessageKey;
  effect: MessageKey;
  /** Where it is changed, and the link's text ("Ændres på Arkivering"). */
  href: string;
  linkLabel: MessageKey;
  /** Who changes it (catalog: a role or a page). */
  owner: MessageKey;
  current(database: Database, locale: Locale): Promise<string>;
  defaultText(locale: Locale): string;
}

const NAME_MAX = 100;

export const SETTINGS: readonly SettingDefinition[] = [
  {
    key: MUNICIPALITY_NAME,
    section: 'municipality',
    type: 'text',
    label: 'settings.name',
    help: 'settings.name.help',
    effect: 'settings.name.effect',
    action: 'settings.manage',
    save: 'registry',
    current: async (database) => (await getSetting(database, MUNICIPALITY_NAME)) ?? '',
    defaultText: async (database, locale) =>
      translator(locale)('settings.name.default', { name: await rootUnitName(database) }),
    display: (value, locale) => value || translator(locale)('settings.name.unset'),
    check: (input) => {
      const value = input.replace(/\s+/g, ' ').trim();
      if (value.length > NAME_MAX) return { ok: false, error: 'settings.error.nameTooLong', params: { max: NAME_MAX } };
      return { ok: true, stored: value };
    },
  },
  {
    key: COLOUR_SETTING,
    section: 'municipality',
    type: 'choice',
    label: 'settings.colour',
    help: 'settings.colour.help',
    effect: 'settings.colour.effect',
    action: 'settings.manage',
    save: 'registry',
    choices: PALETTE.map((p) => ({ value: p.id, label: p.label })),
    current: async (database) => paletteColour(await getSetting(database, COLOUR_SETTING)).id,
    defaultText: (_database, locale) => Promise.resolve(translator(locale)(paletteColour(DEFAULT_COLOUR).label)),
    display: (value, locale) => translator(locale)(paletteColour(value).label),
    check: (input) =>
      PALETTE.some((p) => p.id === input) ? { ok: true, stored: input } : { ok: false, error: 'settings.error.colour' },
  },
  {
    key: 'calendar.closing_days',
    section: 'calendar',
    type: 'dates',
    label: 'settings.closingDays.label',
    help: 'settings.closing.lead',
    effect: 'settings.closingDays.effect',
    action: 'settings.manage',
    save: 'own',
    current: async (database) => closingDaysText(await closingDays(database)),
    defaultText: () => Promise.resolve(closingDaysText(DEFAULT_CLOSING_DAYS).replace(/\n/g, ', ')),
    display: (value) => value.replace(/\n/g, ', '),
    check: (input) => ({ ok: true, stored: input }),
  },
  {
    key: 'files.personalQuotaBytes',
    section: 'files',
    type: 'megabytes',
    label: 'settings.personalMb',
    help: 'settings.personalMb.help',
    effect: 'settings.personalMb.effect',
    action: 'settings.manage',
    save: 'own',
    current: async (database) => String(Math.floor((await fileQuotas(database)).personalBytes / MB)),
    defaultText: (_database, locale) => Promise.resolve(`${formatNumber(DEFAULT_PERSONAL_QUOTA / MB, locale)} MB`),
    display: (value, locale) => `${formatNumber(Number(value), locale)} MB`,
    check: (input) => ({ ok: true, stored: input }),
  },
  {
    key: 'files.roomQuotaBytes',
    section: 'files',
    type: 'megabytes',
    label: 'settings.roomMb',
    help: 'settings.roomMb.help',
    effect: 'settings.roomMb.effect',
    action: 'settings.manage',
    save: 'own',
    current: async (database) => String(Math.floor((await fileQuotas(database)).roomBytes / MB)),
    defaultText: (_database, locale) => Promise.resolve(`${formatNumber(DEFAULT_ROOM_QUOTA / MB, locale)} MB`),
    display: (value, locale) => `${formatNumber(Number(value), locale)} MB`,
    check: (input) => ({ ok: true, stored: input }),
  },
];

export function settingDefinition(key: string): SettingDefinition | null {
  return SETTINGS.find((s) => s.key === key) ?? null;
}

export type SettingErrors = Record<string, { key: MessageKey; params?: Record<string, string | number> }>;

/**
 * Saves the registry settings of a section as typed (`input` by key). Nothing is written when
 * any fails its check; each value that changes is audited with its value before and after.
 */
export async function saveSettings(
  database: Database,
  actor: AuditActor & { can: (action: Action) => boolean },
  section: SettingSection,
  input: Readonly<Record<string, string>>,
  opts: { ip?: string | null } = {},
): Promise<{ ok: true; changed: string[] } | { ok: false; errors: SettingErrors }> {
  const defs = SETTINGS.filter((s) => s.section === section && s.save === 'registry' && actor.can(s.action));
  const errors: SettingErrors = {};
  const values = new Map<string, string>();
  for (const def of defs) {
    const checked = def.check(input[def.key] ?? '');
    if (checked.ok) values.set(def.key, checked.stored);
    else errors[def.key] = { key: checked.error, params: checked.params };
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const changed: string[] = [];
  await writeTransaction(database, async (tx) => {
    for (const def of defs) {
      const before = await getSetting(tx, def.key);
      const after = values.get(def.key)!;
      if ((before ?? '') === after) continue;
      if (after === '') await deleteSetting(tx, def.key);
      else await putSetting(tx, def.key, after);
      changed.push(def.key);
      await appendAudit(tx, {
        actor: { id: actor.id, name: actor.name },
        action: 'settings.update',
        entityType: 'setting',
        entityId: def.key,
        summary: `Setting ${def.key} changed`,
        details: { key: def.key, before, after: after === '' ? null : after },
        ip: opts.ip ?? null,
      });
    }
  });
  if (changed.length) forgetBranding(database);
  return { ok: true, changed };
}
