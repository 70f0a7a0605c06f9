import type { ViewContext } from '../context.ts';
import type { DeliveryStatus } from '../../src/modules/digital-post/index.ts';

const BADGE: Record<DeliveryStatus, string> = {
  queued: 'badge',
  sending: 'badge bg-amber-100 text-amber-900',
  sent: 'badge bg-green-100 text-green-900',
  sent_by_post: 'badge bg-green-100 text-green-900',
  failed: 'badge bg-red-100 text-red-900',
};

/** A letter's (or outbox message's) delivery status as a badge. */
export function DeliveryBadge({ v, status }: { v: ViewContext; status: DeliveryStatus }) {
  return <span class={BADGE[status]}>{v.t(`letters.status.${status}`)}</span>;
}
