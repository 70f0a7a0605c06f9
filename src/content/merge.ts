/**
 * Merge fields in texts that the municipality writes once and the platform fills in many times
 * (letter templates, e-mail templates): `{{part.navn}}`, `{{modtager.navn}}` and the like. Pure
 * (no database): callers gather the values and say which fields a text may use.
 */

const FIELD = /\{\{\s*([a-zæøå]+(?:\.[a-zæøå]+)*)\s*\}\}/gi;

/** The merge fields a text uses that are not among `known` (for a template form's error), as written. */
export function unknownMergeFields(text: string, known: readonly string[]): string[] {
  const unknown = new Set<string>();
  for (const m of text.matchAll(FIELD)) if (!known.includes(m[1]!.toLowerCase())) unknown.add(m[1]!);
  return [...unknown];
}

/**
 * The text with every field that has a value replaced by it. A field without one is left as
 * written, so an editor sees it in the text instead of a silent gap.
 */
export function mergeFields(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(FIELD, (whole, name: string) => {
    const key = name.toLowerCase();
    return Object.hasOwn(values, key) ? values[key]! : whole;
  });
}

/** A body as paragraphs: split at blank lines, each trimmed, empty ones dropped. */
export function paragraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
