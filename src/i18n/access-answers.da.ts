/** Danish messages for redaction and the answer package of access requests (aktindsigt). */
export const accessAnswersDa = {
  'accessAnswers.redaction.title': 'Undtag tekst: {title}',
  'accessAnswers.redaction.intro':
    'Markér de passager, der skal undtages. I den udleverede kopi er de væk og erstattet af en note med lovhjemlen. Originalen ændres ikke.',
  'accessAnswers.redaction.layoutNote':
    'Den udleverede kopi er dokumentets tekst sat op på ny: originalens layout, billeder og tabeller kommer ikke med. Består dokumentet mest af billeder, så giv afslag eller delvis aktindsigt med ekstrahering af oplysninger i stedet.',
  'accessAnswers.redaction.notPartial':
    'Afgørelsen for dette dokument er ikke »delvis aktindsigt«. Undtagne passager bruges kun, når afgørelsen er delvis aktindsigt.',
  'accessAnswers.redaction.noText':
    'Dokumentets version {version} har ingen læsbar tekst (fx en scanning eller et billede). Der kan ikke undtages passager: giv afslag, eller ekstrahér oplysningerne (§ 28).',
  'accessAnswers.redaction.text': 'Dokumentets tekst (version {version})',
  'accessAnswers.redaction.textHint':
    'Hver sætning har et nummer. Undtagne passager er fremhævet. Med mus eller tastatur (Skift + piletaster) kan du markere tekst og trykke »Undtag markeret tekst«.',
  'accessAnswers.redaction.sentence': 'Sætning {number}',
  'accessAnswers.redaction.markSelected': 'Undtag markeret tekst',
  'accessAnswers.redaction.selectFirst': 'Markér først en tekst i dokumentet ovenfor.',
  'accessAnswers.redaction.selectedFilled':
    'Den markerede tekst er sat ind i formularen. Vælg lovhjemmel og tryk »Undtag«.',
  'accessAnswers.redaction.add': 'Undtag en passage',
  'accessAnswers.redaction.byText': 'Efter tekst',
  'accessAnswers.redaction.passage': 'Passagens tekst',
  'accessAnswers.redaction.passageHint': 'Indsæt eller skriv den nøjagtige tekst, der skal undtages.',
  'accessAnswers.redaction.occurrence': 'Forekomst nr.',
  'accessAnswers.redaction.occurrenceHint': 'Står teksten flere steder, så vælg hvilken forekomst (1 = den første).',
  'accessAnswers.redaction.bySentence': 'Eller efter sætningsnumre',
  'accessAnswers.redaction.fromSentence': 'Fra sætning',
  'accessAnswers.redaction.toSentence': 'Til og med sætning',
  'accessAnswers.redaction.basis': 'Lovhjemmel',
  'accessAnswers.redaction.basisChoose': 'Vælg lovhjemmel',
  'accessAnswers.redaction.submit': 'Undtag',
  'accessAnswers.redaction.list': 'Undtagne passager',
  'accessAnswers.redaction.none': 'Ingen passager er undtaget endnu.',
  'accessAnswers.redaction.col.passage': 'Passage',
  'accessAnswers.redaction.col.position': 'Placering',
  'accessAnswers.redaction.col.basis': 'Lovhjemmel',
  'accessAnswers.redaction.position': 'Tegn {start}–{end}',
  'accessAnswers.redaction.remove': 'Fjern',
  'accessAnswers.redaction.removeLabel': 'Fjern undtagelsen af »{passage}«',
  'accessAnswers.redaction.added': 'Passagen er undtaget.',
  'accessAnswers.redaction.merged':
    'Passagen er undtaget og lagt sammen med en passage med samme lovhjemmel, som den overlappede.',
  'accessAnswers.redaction.removed': 'Undtagelsen er fjernet.',
  'accessAnswers.redaction.preview': 'Hent den udleverede kopi (PDF)',
  'accessAnswers.redaction.back': 'Tilbage til afgørelsen',
  'accessAnswers.redaction.error.range': 'Passagen findes ikke i dokumentets tekst. Kontrollér start og slut.',
  'accessAnswers.redaction.error.passage':
    'Teksten blev ikke fundet i dokumentet (eller ikke så mange gange). Kopiér den nøjagtigt fra teksten ovenfor.',
  'accessAnswers.redaction.error.overlap':
    'Passagen overlapper en passage, der allerede er undtaget med en anden lovhjemmel (tegn {start}–{end}). Fjern den først, eller vælg en passage, der ikke overlapper.',
  'accessAnswers.redaction.error.basis': 'Vælg en lovhjemmel fra listen.',
  'accessAnswers.redaction.error.noText': 'Dokumentet har ingen tekst, der kan undtages passager i.',
  'accessAnswers.redaction.error.answered': 'Anmodningen er besvaret. Undtagelserne kan ikke længere ændres.',
  'accessAnswers.redaction.error.notFound': 'Undtagelsen findes ikke (længere).',
  'accessAnswers.redaction.error.sentences':
    'Vælg en fra- og en til-sætning, hvor til-sætningen ikke kommer før fra-sætningen.',
  'accessAnswers.released.intro':
    'Udleveret kopi af dokument {number} på sag {case}, dateret {date} (version {version}).',
  'accessAnswers.released.explain':
    'Kopien er dokumentets tekst sat op på ny. Hvor der står en note i klammer, er tekst undtaget fra aktindsigt efter den nævnte bestemmelse.',
  'accessAnswers.law.offl': 'Offentlighedsloven',
  'accessAnswers.law.fvl': 'Forvaltningsloven',
} as const;
