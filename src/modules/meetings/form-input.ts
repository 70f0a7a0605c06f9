import type { FieldErrors } from '../../../views/components/form.tsx';
import type { MessageKey, T } from '../../i18n/index.ts';
import { emptyItemInput, type ItemInput } from './items.ts';
import type { MeetingInput } from './meetings.ts';

/** Reading the production forms' bodies (bounded strings) and translating their field errors. */

export const str = (body: Record<string, unknown>, key: string, max = 1000) => (typeof body[key] === 'string' ? (body[key] as string).slice(0, max) : '');
export const list = (body: Record<string, unknown>, key: string) => {
  const v = body[key];
  return (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').slice(0, 500);
};

export function translateErrors(t: T, errors: Partial<Record<string, MessageKey>>): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, key] of Object.entries(errors)) if (key) out[k] = t(key);
  return out;
}

export function readMeetingForm(body: Record<string, unknown>): MeetingInput {
  return {
    committeeId: str(body, 'committeeId', 20),
    title: str(body, 'title', 300),
    date: str(body, 'date', 20).trim(),
    startTime: str(body, 'startTime', 10),
    endTime: str(body, 'endTime', 10),
    locationId: str(body, 'locationId', 20),
  };
}

export function readItemForm(body: Record<string, unknown>): ItemInput {
  return emptyItemInput({
    title: str(body, 'title', 400),
    closed: body.closed !== undefined,
    closedReason: str(body, 'closedReason', 600),
    presentation: str(body, 'presentation', 60_000),
    recommendation: str(body, 'recommendation', 60_000),
    economy: str(body, 'economy', 60_000),
    attachments: list(body, 'attachments'),
    closedAttachments: list(body, 'closedAttachments'),
  });
}
