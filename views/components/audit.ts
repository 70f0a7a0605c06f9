import type { ViewContext } from '../context.ts';
import { hasMessage } from '../../src/i18n/index.ts';

/** The entry's description in the reader's language, from its action and details; else as stored. */
export function describeEntry(
  v: ViewContext,
  r: { action: string; summary: string | null; details: string | null },
): string {
  const key = `audit.action.${r.action}`;
  if (!hasMessage(key)) return r.summary ?? '';
  let params: Record<string, string | number> = {};
  try {
    const details = r.details ? (JSON.parse(r.details) as Record<string, unknown>) : {};
    for (const [k, val] of Object.entries(details))
      if (typeof val === 'string' || typeof val === 'number') params[k] = val;
  } catch {
    params = {};
  }
  return v.t(key, params);
}
