import type { accessAnswersDa } from './access-answers.da.ts';

export const accessAnswersEn: { readonly [K in keyof typeof accessAnswersDa]: string } = {
  'accessAnswers.redaction.title': 'Withhold text: {title}',
  'accessAnswers.redaction.intro':
    'Mark the passages to withhold. In the released copy they are gone and replaced by a note with the legal basis. The original is not changed.',
  'accessAnswers.redaction.layoutNote':
    'The released copy is the document’s text set anew: the original’s layout, images and tables are not kept. If the document is mostly images, refuse or give partial access with extraction of facts instead.',
  'accessAnswers.redaction.notPartial':
    'The decision for this document is not “partial access”. Withheld passages are only used when the decision is partial access.',
  'accessAnswers.redaction.noText':
    'Version {version} of the document has no readable text (a scan or an image, say). No passages can be withheld: refuse, or extract the facts (§ 28).',
  'accessAnswers.redaction.text': 'The document’s text (version {version})',
  'accessAnswers.redaction.textHint':
    'Every sentence has a number. Withheld passages are highlighted. With the mouse or the keyboard (Shift + arrow keys) you can select text and press “Withhold selected text”.',
  'accessAnswers.redaction.sentence': 'Sentence {number}',
  'accessAnswers.redaction.markSelected': 'Withhold selected text',
  'accessAnswers.redaction.selectFirst': 'First select some text in the document above.',
  'accessAnswers.redaction.selectedFilled':
    'The selected text is in the form. Choose a legal basis and press “Withhold”.',
  'accessAnswers.redaction.add': 'Withhold a passage',
  'accessAnswers.redaction.byText': 'By text',
  'accessAnswers.redaction.passage': 'The passage’s text',
  'accessAnswers.redaction.passageHint': 'Paste or type the exact text to withhold.',
  'accessAnswers.redaction.occurrence': 'Occurrence no.',
  'accessAnswers.redaction.occurrenceHint':
    'If the text occurs more than once, choose which occurrence (1 = the first).',
  'accessAnswers.redaction.bySentence': 'Or by sentence numbers',
  'accessAnswers.redaction.fromSentence': 'From sentence',
  'accessAnswers.redaction.toSentence': 'To sentence (inclusive)',
  'accessAnswers.redaction.basis': 'Legal basis',
  'accessAnswers.redaction.basisChoose': 'Choose a legal basis',
  'accessAnswers.redaction.submit': 'Withhold',
  'accessAnswers.redaction.list': 'Withheld passages',
  'accessAnswers.redaction.none': 'No passages are withheld yet.',
  'accessAnswers.redaction.col.passage': 'Passage',
  'accessAnswers.redaction.col.position': 'Position',
  'accessAnswers.redaction.col.basis': 'Legal basis',
  'accessAnswers.redaction.position': 'Characters {start}–{end}',
  'accessAnswers.redaction.remove': 'Remove',
  'accessAnswers.redaction.removeLabel': 'Stop withholding “{passage}”',
  'accessAnswers.redaction.added': 'The passage is withheld.',
  'accessAnswers.redaction.merged':
    'The passage is withheld and joined with an overlapping passage with the same legal basis.',
  'accessAnswers.redaction.removed': 'The passage is no longer withheld.',
  'accessAnswers.redaction.preview': 'Download the released copy (PDF)',
  'accessAnswers.redaction.back': 'Back to the decision',
  'accessAnswers.redaction.error.range': 'The passage is not in the document’s text. Check its start and end.',
  'accessAnswers.redaction.error.passage':
    'The text was not found in the document (or not that many times). Copy it exactly from the text above.',
  'accessAnswers.redaction.error.overlap':
    'The passage overlaps one already withheld with another legal basis (characters {start}–{end}). Remove that first, or choose a passage that does not overlap.',
  'accessAnswers.redaction.error.basis': 'Choose a legal basis from the list.',
  'accessAnswers.redaction.error.noText': 'The document has no text to withhold passages in.',
  'accessAnswers.redaction.error.answered':
    'The request has been answered. Its withheld passages can no longer change.',
  'accessAnswers.redaction.error.notFound': 'That withheld passage does not exist (any more).',
  'accessAnswers.redaction.error.sentences':
    'Choose a from and a to sentence, the to sentence not before the from sentence.',
  'accessAnswers.released.intro':
    'Released copy of document {number} on case {case}, dated {date} (version {version}).',
  'accessAnswers.released.explain':
    'This copy is the document’s text set anew. Where a note in brackets stands, text is withheld from access under the provision named.',
  'accessAnswers.decision.full': 'Full access',
  'accessAnswers.decision.partial': 'Partial access',
  'accessAnswers.decision.refused': 'Refused',
  'accessAnswers.decision.none': 'Not decided',
  'accessAnswers.letter.heading': 'Decision on access to records',
  'accessAnswers.letter.ref': 'Our case number: {caseNumber}',
  'accessAnswers.letter.summary':
    'We have gone through {total} documents. You get full access to {full}, partial access to {partial}, and access is refused to {refused}.',
  'accessAnswers.letter.template':
    'Dear {requester}\n\nOn {received} we received your request for access to records. You asked for: {asksFor}\n\nThe request concerns case {cases}. We were to answer you by {deadline}.\n\n{summary} The list of documents shows each document and the decision for it. The documents you get access to follow the list.\n\nWhere a note in brackets stands in a document, part of its text is withheld under the provision named. The legal basis is: {bases}.',
  'accessAnswers.letter.basesHeading': 'Legal basis',
  'accessAnswers.letter.reasonsHeading': 'Reasons',
  'accessAnswers.letter.extraction':
    'Facts extracted under § 28 of the Access to Public Administration Files Act: {text}',
  'accessAnswers.letter.complaintHeading': 'How to complain',
  'accessAnswers.letter.complaint':
    'The municipality’s decisions on access to records cannot be appealed to another administrative authority, but you can complain to the Danish Parliamentary Ombudsman. If you have questions about the decision, please contact us and give the case number.',
  'accessAnswers.letter.closing': 'Kind regards\n{caseworker}\n{organisation}',
  'accessAnswers.aktliste.heading': 'List of documents',
  'accessAnswers.aktliste.intro': 'The documents in the request, case {caseNumber}.',
  'accessAnswers.aktliste.number': 'No.',
  'accessAnswers.aktliste.date': 'Date',
  'accessAnswers.aktliste.title': 'Title',
  'accessAnswers.aktliste.decision': 'Decision',
  'accessAnswers.aktliste.basis': 'Legal basis',
  'accessAnswers.aktliste.item': 'Document {number}',
  'accessAnswers.aktliste.docNo': 'doc. {number}',
  'accessAnswers.released.noText': 'The document has no readable text.',
  'accessAnswers.package.pageOf': 'Page {page} of {total}',
  'accessAnswers.package.couldNotInsert': 'The document could not be inserted here. Contact us for a copy.',
  'accessAnswers.package.filename': 'Access to records answer {caseNumber}',
  'accessAnswers.package.documentTitle': 'Answer to the request for access to records ({caseNumber})',
  'accessAnswers.mail.heading': 'The answer to your request for access to records',
  'accessAnswers.mail.body':
    'Dear {requester}. Our decision on access to records (case {caseNumber}) is attached as a PDF, with the list of documents and the documents you get access to.',
  'accessAnswers.mail.footer': 'You get this e-mail because you asked {organisation} for access to records.',
  'accessAnswers.answer.title': 'Answer the access request',
  'accessAnswers.answer.intro':
    'The answer is one PDF: cover letter, list of documents and the released documents. Download the preview and check it before you send.',
  'accessAnswers.answer.preview': 'Download the preview (PDF)',
  'accessAnswers.answer.documents': 'Documents in the answer',
  'accessAnswers.answer.redact': 'Withhold text',
  'accessAnswers.answer.redactLabel': 'Withhold text in “{title}”',
  'accessAnswers.answer.passages': 'withheld passages: {count}',
  'accessAnswers.answer.requester': 'Requester',
  'accessAnswers.answer.deadline': 'Deadline',
  'accessAnswers.answer.send': 'Send the answer',
  'accessAnswers.answer.channel': 'Send by',
  'accessAnswers.answer.channel.digital_post': 'Digital Post',
  'accessAnswers.answer.channel.digital_post.hint': 'To the requester’s digital mailbox (by CPR or CVR number).',
  'accessAnswers.answer.channel.email': 'E-mail',
  'accessAnswers.answer.channel.email.hint': 'To {email}, with the PDF attached.',
  'accessAnswers.answer.channel.emailNone': 'The requester gave no e-mail address.',
  'accessAnswers.answer.channel.post': 'Letter by post',
  'accessAnswers.answer.channel.post.hint': 'The answer is journalised and must be printed and posted.',
  'accessAnswers.answer.sent': 'The answer is sent and journalised as document {number} on the case.',
  'accessAnswers.answer.sentPost':
    'The answer is journalised as document {number} on the case. Remember to print it and post it.',
  'accessAnswers.answer.answered': 'The request was answered on {date} ({channel}).',
  'accessAnswers.answer.answerDocument': 'Download the answer as sent',
  'accessAnswers.answer.error.undecided':
    '{count} documents have no decision. Decide on every document before the answer is sent.',
  'accessAnswers.answer.error.empty': 'The request has no documents yet.',
  'accessAnswers.answer.error.undecidedOne':
    '1 document has no decision. Decide on every document before the answer is sent.',
  'accessAnswers.answer.error.answered': 'The request has already been answered.',
  'accessAnswers.answer.error.withdrawn': 'The request has been withdrawn, so no answer is sent.',
  'accessAnswers.answer.error.channel': 'Choose how to send the answer.',
  'accessAnswers.answer.error.noDigitalPost':
    'The request has neither a CPR nor a CVR number for the requester, so the answer cannot go by Digital Post. Choose e-mail or post.',
  'accessAnswers.answer.error.noEmail':
    'The request has no e-mail address for the requester. Choose Digital Post or post.',
  'accessAnswers.answer.titleWarning':
    'The title of these documents holds text that is withheld in the document. The title is printed in the list of documents: correct the document’s title before the answer is sent.',
};
