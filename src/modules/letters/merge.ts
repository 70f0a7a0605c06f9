/**
 * Merge fields in letter templates: `{{part.navn}}` and the like, replaced by the case's facts
 * when a letter is written. Pure (no database): letters.ts gathers the values, the template form
 * lists the fields (MERGE_FIELDS) and refuses a template with an unknown one. The field syntax and
 * the merging are the platform's (src/content/merge.ts), shared with the e-mail templates.
 */

import { mergeFields, paragraphs, unknownMergeFields } from '../../content/merge.ts';

/** Every merge field, in the order the template form explains them (catalog `letters.field.<name>`). */
export const MERGE_FIELDS = [
  'part.navn',
  'part.adresse',
  'sag.nummer',
  'sag.titel',
  'sagsbehandler.navn',
  'sagsbehandler.enhed',
  'dato.idag',
  'dato.frist',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Record<MergeField, string>;

const isField = (name: string): name is MergeField => (MERGE_FIELDS as readonly string[]).includes(name);

/** The merge fields a text uses that do not exist (for the template form's error). */
export function unknownFields(text: string): string[] {
  return unknownMergeFields(text, MERGE_FIELDS);
}

/**
 * The text with every known field replaced by its value. An unknown field is left as written,
 * so the caseworker sees it in the editable text instead of a silent gap.
 */
export function mergeText(text: string, values: MergeValues): string {
  const known: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (isField(k)) known[k] = v;
  return mergeFields(text, known);
}

/**
 * Example values for the template editor's preview ("Vis eksempel"): a made-up party and case,
 * so an administrator sees the merged letter without opening anyone's case.
 */
export const EXAMPLE_VALUES: MergeValues = {
  'part.navn': 'Jens Eksempel',
  'part.adresse': 'Eksempelvej 1, 8000 Aarhus C',
  'sag.nummer': 'EMN-2026-000123',
  'sag.titel': 'Byggetilladelse til carport, Eksempelvej 1',
  'sagsbehandler.navn': 'Karin Eksempel',
  'sagsbehandler.enhed': 'Byggeri',
  'dato.idag': '1. december 2026',
  'dato.frist': '15. december 2026',
};

/** A letter's body as paragraphs: split at blank lines, each trimmed, empty ones dropped. */
export { paragraphs };
