import type { Generated } from 'kysely';

/**
 * Table types for letters from a case (migrations/2026-12-01-0005-letters.ts).
 * Merged into DB in src/db/schema.ts. Instants are ISO strings, flags 0/1 (see src/db/schema.ts).
 */

export interface LetterTemplateTable {
  id: Generated<number>;
  name: string;
  /** The letter's heading, with merge fields ({{sag.nummer}} …). */
  title: string;
  /** Plain text, paragraphs separated by a blank line, with merge fields. */
  body: string;
  active: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export type LetterChannel = 'digital' | 'print';

export interface LetterTable {
  id: Generated<number>;
  case_id: number;
  party_id: number;
  template_id: number | null;
  title: string;
  channel: LetterChannel;
  outbox_id: number;
  document_id: number;
  /** The letter form's one-time key (a v4 UUID), so one form sends one letter. */
  form_token: string | null;
  created_by: string | null;
  created_at: string;
}

export interface LettersTables {
  letter_templates: LetterTemplateTable;
  letters: LetterTable;
}
