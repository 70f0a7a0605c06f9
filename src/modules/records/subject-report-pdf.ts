import { formatDate, formatDateTime, type Locale, type T } from '../../i18n/index.ts';
import { renderDocumentPdf, type Block } from '../../pdf/index.ts';
import type { ReportCase, SubjectReport } from './subject-report.ts';

/**
 * The data subject's report as a tagged PDF (src/pdf renderDocumentPdf): who it is about, the
 * cases with how the subject is on each, and the documents on them, then the possible matches by
 * name. Confidential cases are marked. The full number is printed: the report is the data
 * subject's own copy of what is registered about them (GDPR art. 15(3)).
 */
export async function subjectReportPdf(
  report: SubjectReport,
  t: T,
  locale: Locale,
  opts: { author: string; at: Date },
): Promise<Uint8Array> {
  const day = (date: string) => formatDate(`${date}T12:00:00Z`, locale);
  const yes = (b: boolean) => (b ? t('records.report.confidentialYes') : '');
  const role = (r: ReportCase['roles'][number]) =>
    `${r.name} (${t(r.as === 'requester' ? 'records.report.role.requester' : `parties.role.${r.as}`)})`;
  const docRows = (docs: SubjectReport['documents']) =>
    docs.map((d) => [
      d.caseNumber,
      d.number === null ? '–' : String(d.number),
      d.title,
      day(d.documentDate),
      t(`documents.direction.${d.direction}`),
      [d.sender, d.recipient].filter(Boolean).join(' → '),
    ]);
  const docColumns = [
    { header: t('records.report.case'), share: 2 },
    { header: t('records.report.docNumber'), share: 0.8 },
    { header: t('records.report.docTitle'), share: 3 },
    { header: t('records.report.docDate'), share: 1.2 },
    { header: t('documents.direction'), share: 1.2 },
    { header: t('records.report.senderRecipient'), share: 2.2 },
  ];
  const number = report.subject.kind === 'cpr' ? report.subject.number : `CVR ${report.subject.number}`;
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: t('records.report.pdfTitle') },
    {
      type: 'paragraph',
      text: [{ text: `${t('records.report.about')}: ` }, { text: number, bold: true }],
    },
    ...(report.names.length
      ? [{ type: 'paragraph' as const, text: `${t('records.report.names')}: ${report.names.join(', ')}` }]
      : []),
    { type: 'paragraph', text: t('records.report.made', { when: formatDateTime(opts.at, locale), who: opts.author }) },
    {
      type: 'paragraph',
      muted: true,
      text: t('records.report.counts', { cases: report.cases.length, documents: report.documents.length }),
    },
    ...(report.confidential
      ? [{ type: 'paragraph' as const, text: t('records.report.confidentialNote', { count: report.confidential }) }]
      : []),
    { type: 'heading', level: 2, text: t('records.report.casesTitle') },
    report.cases.length
      ? {
          type: 'table',
          columns: [
            { header: t('records.report.case'), share: 2 },
            { header: t('records.report.caseTitle'), share: 3.2 },
            { header: t('cases.status'), share: 1.2 },
            { header: t('records.report.how'), share: 2.6 },
            { header: t('records.report.confidential'), share: 1.2 },
          ],
          rows: report.cases.map((c) => [
            c.number,
            c.title,
            t(`cases.status.${c.status}`),
            c.roles.map(role).join('; '),
            yes(c.confidential),
          ]),
        }
      : { type: 'paragraph', text: t('records.report.noCases') },
    { type: 'heading', level: 2, text: t('records.report.documentsTitle') },
    report.documents.length
      ? { type: 'table', columns: docColumns, rows: docRows(report.documents) }
      : { type: 'paragraph', text: t('records.report.noDocuments') },
  ];
  if (report.nameMatches.length) {
    blocks.push(
      { type: 'heading', level: 2, text: t('records.report.nameMatchesTitle') },
      { type: 'paragraph', text: t('records.report.nameMatchesIntro') },
      { type: 'table', columns: docColumns, rows: docRows(report.nameMatches) },
    );
  }
  return renderDocumentPdf({
    title: t('records.report.pdfTitle'),
    locale,
    author: opts.author,
    subject: t('records.report.pdfSubject'),
    blocks,
    footer: t('records.report.pdfFooter'),
    createdAt: opts.at,
  });
}
