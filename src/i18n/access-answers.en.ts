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
  'accessAnswers.law.offl': 'Access to Public Administration Files Act',
  'accessAnswers.law.fvl': 'Public Administration Act',
};
