import type { Database } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';

/**
 * Keeps `search_entries` in step with cases and documents. One entry per case (number, title,
 * description, address, parties' names and CVR numbers, and the case notes) and one per document
 * (number, title, sender/recipient and the current version's text). CPR numbers are never put in
 * the full-text index: a CPR search is an exact, audited lookup (see search.ts).
 *
 * Callers run these inside the transaction that made the change.
 */

const MAX_BODY = 1_000_000;

async function upsert(
  tx: Database,
  kind: 'case' | 'document',
  refId: number,
  caseId: number,
  title: string,
  body: string,
) {
  const updated_at = nowIso();
  const values = { kind, ref_id: refId, case_id: caseId, title, body: body.slice(0, MAX_BODY), updated_at };
  await tx.db
    .insertInto('search_entries')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['kind', 'ref_id'])
        .doUpdateSet({ title: values.title, body: values.body, case_id: caseId, updated_at }),
    )
    .execute();
}

export async function reindexCase(tx: Database, caseId: number): Promise<void> {
  const c = await tx.db
    .selectFrom('cases')
    .select(['number', 'title', 'description', 'address'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const [parties, notes] = await Promise.all([
    tx.db.selectFrom('case_parties').select(['name', 'cvr', 'address']).where('case_id', '=', caseId).execute(),
    tx.db.selectFrom('case_notes').select('body').where('case_id', '=', caseId).orderBy('id').execute(),
  ]);
  const body = [
    c.description,
    c.address,
    ...parties.flatMap((p) => [p.name, p.cvr, p.address]),
    ...notes.map((n) => n.body),
  ]
    .filter(Boolean)
    .join('\n');
  await upsert(tx, 'case', caseId, caseId, `${c.number} ${c.title}`, body);
}

export async function reindexDocument(tx: Database, documentId: number): Promise<void> {
  const d = await tx.db
    .selectFrom('documents')
    .innerJoin('document_versions', (j) =>
      j
        .onRef('document_versions.document_id', '=', 'documents.id')
        .onRef('document_versions.version', '=', 'documents.current_version'),
    )
    .select([
      'documents.case_id',
      'documents.number',
      'documents.title',
      'documents.sender',
      'documents.recipient',
      'document_versions.filename',
      'document_versions.text_content',
    ])
    .where('documents.id', '=', documentId)
    .executeTakeFirstOrThrow();
  const body = [d.sender, d.recipient, d.filename, d.text_content].filter(Boolean).join('\n');
  await upsert(tx, 'document', documentId, d.case_id, d.title, body);
}
