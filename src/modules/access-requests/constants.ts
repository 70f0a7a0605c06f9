import type { AccessDecision, Law, RequestChannel, RequesterKind } from '../../db/schema/access-requests.ts';

/** The access-requests module's fixed lists (no database: views use them too). */
export const REQUESTER_KINDS: readonly RequesterKind[] = ['citizen', 'company', 'journalist', 'party', 'other'];
export const CHANNELS: readonly RequestChannel[] = ['form', 'email', 'letter', 'digital_post', 'phone', 'in_person'];
export const DECISIONS: readonly AccessDecision[] = ['full', 'partial', 'refused'];
export const LAWS: readonly Law[] = ['offl', 'fvl'];
export type ListFilter = 'open' | 'mine' | 'overdue' | 'new' | 'answered' | 'all';
export const LIST_FILTERS: readonly ListFilter[] = ['open', 'mine', 'overdue', 'new', 'answered', 'all'];
