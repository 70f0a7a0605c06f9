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
  'accessAnswers.decision.full': 'Fuld aktindsigt',
  'accessAnswers.decision.partial': 'Delvis aktindsigt',
  'accessAnswers.decision.refused': 'Afslag',
  'accessAnswers.decision.none': 'Ikke afgjort',
  'accessAnswers.letter.heading': 'Afgørelse om aktindsigt',
  'accessAnswers.letter.ref': 'Vores sagsnummer: {caseNumber}',
  'accessAnswers.letter.summary':
    'Vi har gennemgået {total} dokumenter. Du får fuld aktindsigt i {full}, delvis aktindsigt i {partial} og afslag på aktindsigt i {refused}.',
  'accessAnswers.letter.template':
    'Kære {requester}\n\nVi har den {received} modtaget din anmodning om aktindsigt. Du har bedt om: {asksFor}\n\nAnmodningen vedrører sag {cases}. Vi skulle svare dig senest {deadline}.\n\n{summary} Du kan se hvert dokument og afgørelsen for det på aktlisten. De dokumenter, du får aktindsigt i, følger efter aktlisten.\n\nHvor der står en note i klammer i et dokument, er en del af teksten undtaget efter den nævnte bestemmelse. Lovgrundlaget er: {bases}.',
  'accessAnswers.letter.basesHeading': 'Lovgrundlag',
  'accessAnswers.letter.reasonsHeading': 'Begrundelse',
  'accessAnswers.letter.extraction': 'Oplysninger ekstraheret efter offentlighedslovens § 28: {text}',
  'accessAnswers.letter.complaintHeading': 'Klagevejledning',
  'accessAnswers.letter.complaint':
    'Kommunens afgørelser om aktindsigt kan ikke påklages til en anden administrativ myndighed, men du kan klage til Folketingets Ombudsmand. Har du spørgsmål til afgørelsen, er du velkommen til at kontakte os og oplyse sagsnummeret.',
  'accessAnswers.letter.closing': 'Med venlig hilsen\n{caseworker}\n{organisation}',
  'accessAnswers.aktliste.heading': 'Aktliste',
  'accessAnswers.aktliste.intro': 'Dokumenterne i anmodningen, sag {caseNumber}.',
  'accessAnswers.aktliste.number': 'Nr.',
  'accessAnswers.aktliste.date': 'Dato',
  'accessAnswers.aktliste.title': 'Titel',
  'accessAnswers.aktliste.decision': 'Afgørelse',
  'accessAnswers.aktliste.basis': 'Hjemmel',
  'accessAnswers.aktliste.item': 'Dokument {number}',
  'accessAnswers.aktliste.docNo': 'dok. {number}',
  'accessAnswers.released.noText': 'Dokumentet har ingen læsbar tekst.',
  'accessAnswers.package.pageOf': 'Side {page} af {total}',
  'accessAnswers.package.couldNotInsert': 'Dokumentet kunne ikke sættes ind her. Kontakt os for en kopi.',
  'accessAnswers.package.filename': 'Svar på aktindsigt {caseNumber}',
  'accessAnswers.package.documentTitle': 'Svar på anmodning om aktindsigt ({caseNumber})',
  'accessAnswers.mail.heading': 'Svar på din anmodning om aktindsigt',
  'accessAnswers.mail.body':
    'Kære {requester}. Vores afgørelse om aktindsigt (sag {caseNumber}) er vedhæftet som PDF med aktlisten og de dokumenter, du får aktindsigt i.',
  'accessAnswers.mail.footer': 'Du får denne e-mail, fordi du har bedt {organisation} om aktindsigt.',
  'accessAnswers.answer.title': 'Svar på aktindsigt',
  'accessAnswers.answer.intro':
    'Svaret samles i én PDF: følgebrev, aktliste og de udleverede dokumenter. Hent forhåndsvisningen og kontrollér den, før du sender.',
  'accessAnswers.answer.preview': 'Hent forhåndsvisning (PDF)',
  'accessAnswers.answer.documents': 'Dokumenter i svaret',
  'accessAnswers.answer.redact': 'Undtag tekst',
  'accessAnswers.answer.redactLabel': 'Undtag tekst i »{title}«',
  'accessAnswers.answer.passages': 'undtagne passager: {count}',
  'accessAnswers.answer.requester': 'Anmoder',
  'accessAnswers.answer.deadline': 'Frist',
  'accessAnswers.answer.send': 'Send svaret',
  'accessAnswers.answer.channel': 'Send med',
  'accessAnswers.answer.channel.digital_post': 'Digital Post',
  'accessAnswers.answer.channel.digital_post.hint': 'Til anmoderens digitale postkasse (CPR- eller CVR-nummer).',
  'accessAnswers.answer.channel.email': 'E-mail',
  'accessAnswers.answer.channel.email.hint': 'Til {email}, med PDF’en vedhæftet.',
  'accessAnswers.answer.channel.emailNone': 'Anmoderen har ikke oplyst en e-mailadresse.',
  'accessAnswers.answer.channel.post': 'Brev med posten',
  'accessAnswers.answer.channel.post.hint': 'Svaret journaliseres og skal printes og sendes.',
  'accessAnswers.answer.sent': 'Svaret er sendt og journaliseret som dokument {number} på sagen.',
  'accessAnswers.answer.sentPost':
    'Svaret er journaliseret som dokument {number} på sagen. Husk at printe det og sende det med posten.',
  'accessAnswers.answer.answered': 'Anmodningen blev besvaret {date} ({channel}).',
  'accessAnswers.answer.answerDocument': 'Hent det sendte svar',
  'accessAnswers.answer.error.undecided':
    'Der er {count} dokumenter uden afgørelse. Træf afgørelse om alle dokumenter, før svaret sendes.',
  'accessAnswers.answer.error.empty': 'Der er ingen dokumenter i anmodningen endnu.',
  'accessAnswers.answer.error.undecidedOne':
    'Der er 1 dokument uden afgørelse. Træf afgørelse om alle dokumenter, før svaret sendes.',
  'accessAnswers.answer.error.answered': 'Anmodningen er allerede besvaret.',
  'accessAnswers.answer.error.withdrawn': 'Anmodningen er trukket tilbage, så der sendes intet svar.',
  'accessAnswers.answer.error.channel': 'Vælg, hvordan svaret skal sendes.',
  'accessAnswers.answer.error.noDigitalPost':
    'Anmoderen har hverken CPR- eller CVR-nummer på anmodningen, så svaret kan ikke sendes med Digital Post. Vælg e-mail eller post.',
  'accessAnswers.answer.error.noEmail':
    'Anmoderen har ingen e-mailadresse på anmodningen. Vælg Digital Post eller post.',
  'accessAnswers.answer.titleWarning':
    'Titlen på disse dokumenter indeholder tekst, der er undtaget i dokumentet. Titlen står på aktlisten: ret dokumentets titel, før svaret sendes.',
} as const;
