import type { CaseCloseCheck } from '../cases/index.ts';

/**
 * Closing a case (cases/close-check.ts): every document on it must be journalised and final
 * (its current version locked). Each one that is not is a problem linking to the document.
 */
export const documentsCloseCheck: CaseCloseCheck = async (database, row) => {
  const docs = await database.db
    .selectFrom('documents')
    .select(['id', 'title', 'journalised_at', 'finalised_at'])
    .where('case_id', '=', row.id)
    .where((eb) => eb.or([eb('journalised_at', 'is', null), eb('finalised_at', 'is', null)]))
    .orderBy('id')
    .execute();
  return docs.map((d) => ({
    key: d.journalised_at ? 'records.close.documentNotFinal' : 'records.close.documentNotJournalised',
    params: { title: d.title },
    href: `/cases/${row.id}/documents/${d.id}`,
  }));
};
