import { list, str } from '../../http/forms.ts';
import { emptyItemInput, type ItemInput } from './items.ts';
import type { MeetingInput } from './meetings.ts';

/** Reading the production forms' bodies (with the shared form helpers of src/http/forms.ts). */

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
