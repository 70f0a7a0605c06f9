import type { Database } from '../../db/index.ts';
import type { PublishedVersion } from './snapshot.ts';

/**
 * The approval round of a published minutes version, as read by everyone who shows it (the
 * minutes editor, the reader, the minutes PDF): who must approve it (the members present in the
 * frozen version) and who has. Recording an approval is the minutes module's.
 */

export interface ApprovalState {
  version: PublishedVersion;
  /** Members present according to the frozen version (members and substitutes). */
  expected: Array<{ personId: number; name: string }>;
  approvals: Array<{ personId: number; name: string; approvedAt: string }>;
  complete: boolean;
}

/** Who must approve a minutes version (the members present in it) and who has. */
export async function approvalState(database: Database, version: PublishedVersion): Promise<ApprovalState> {
  const att = version.snapshot.attendance ?? { present: [], absent: [], substitutes: [] };
  const expected = [...att.present, ...att.substitutes].map((p) => ({ personId: p.personId, name: p.name }));
  const rows = await database.db
    .selectFrom('minutes_approvals as a')
    .innerJoin('council_persons as p', 'p.id', 'a.person_id')
    .select(['a.person_id', 'a.approved_at', 'p.name'])
    .where('a.version_id', '=', version.id)
    .orderBy('a.approved_at')
    .execute();
  const approvals = rows.map((r) => ({ personId: r.person_id, name: r.name, approvedAt: r.approved_at }));
  const approved = new Set(approvals.map((a) => a.personId));
  return {
    version,
    expected,
    approvals,
    complete: expected.length > 0 && expected.every((e) => approved.has(e.personId)),
  };
}
