/** Danish messages for the audit page's search and export and the jobs page (views/admin/Audit.tsx, Jobs.tsx). */
export const adminLogDa = {
  // The audit page: search by person, action, object and period; the export
  'audit.person': 'Person',
  'audit.person.hint': 'Navn eller brugernavn',
  'audit.personRole': 'Personens rolle',
  'audit.personRole.actor': 'Har udført handlingen',
  'audit.personRole.subject': 'Hændelsen handler om personen',
  'audit.person.matches': 'Personer der passer på søgningen ({count})',
  'audit.person.by': 'Hændelser udført af',
  'audit.person.about': 'Hændelser om',
  'audit.person.none': 'Ingen brugere har "{text}" i navn eller brugernavn. Der søges i navnene, som de står i loggen.',
  'audit.person.showingBy': 'Viser hændelser udført af {name}.',
  'audit.person.showingAbout': 'Viser hændelser om {name}.',
  'audit.person.clear': 'Søg efter en anden person',
  'audit.actionAll': 'Alle handlinger',
  'audit.actionAllIn': 'Alle handlinger: {area}',
  'audit.entityType': 'Type af objekt',
  'audit.entityTypeAll': 'Alle typer',
  'audit.entityId': 'Objektets id eller sagsnummer',
  'audit.entityId.hint': 'Vælg en type først. For en sag kan du skrive sagsnummeret.',
  'audit.noSuchCase': 'Der er ingen sag med nummeret {number}.',
  'audit.entryNumber': 'Nr. {id}',
  'audit.export': 'Hent som CSV',
  'audit.csv.time': 'Tidspunkt (dansk tid)',
  'audit.csv.code': 'Handlingskode',
  'audit.csv.filename': 'revisionslog',

  // The jobs page and a job's page
  'jobs.description': 'Hvad gør jobbet',
  'jobs.runningNow': 'Kører nu',
  'jobs.idle': 'Kører ikke lige nu',
  'jobs.notScheduled': 'Ikke planlagt i denne instans',
  'jobs.lastRuns': 'Seneste kørsler',
  'jobs.history': 'Alle kørsler',
  'jobs.older': 'Vis ældre kørsler',
  'jobs.open': 'Se jobbet og alle dets kørsler',
  'jobs.duration': 'Varighed',
  'jobs.error': 'Fejl',
  'jobs.failedMark': 'Fejlet',
  'jobs.lastFailed': 'Seneste kørsel fejlede',
  'jobs.back': 'Alle planlagte job',
  'jobs.duration.ms': 'under 1 sekund',
  'jobs.duration.s': '{s} sek.',
  'jobs.duration.min': '{m} min. {s} sek.',
  'jobs.duration.running': 'kører stadig',
  'jobs.cronExpression': 'Udtryk',

  // What each job does (jobs.<name>.description)
  'jobs.session-cleanup.description':
    'Sletter udløbne sessioner, brugte tællere for mislykkede login og gamle låse fra tidligere kørsler.',
  'jobs.deadline-reminders.description':
    'Sender påmindelser til sagsbehandlerne om sagsfrister, der nærmer sig eller er overskredet.',
  'jobs.access-request-deadlines.description':
    'Varsler, når fristen for at svare på en anmodning om aktindsigt nærmer sig, og når den er overskredet.',
  'jobs.mail-delivery.description':
    'Sender de e-mails, der ligger i udbakken. En e-mail, der ikke kan sendes, prøves igen senere.',
  'jobs.notification-digest.description':
    'Samler dagens notifikationer i én e-mail til dem, der har valgt et dagligt sammendrag.',
  'jobs.page-review-reminders.description':
    'Minder ansvarlige for vidensider om at gennemse sider, hvis gennemsynsdato er nået.',
  'jobs.blob-cleanup.description':
    'Sletter gemte filer, som intet længere henviser til, og rydder op efter afbrudte upload.',
  'jobs.records-archive.description':
    'Arkiverer afsluttede sager, når deres frist er nået, så de ikke længere kan ændres.',
  'jobs.archival-export.description':
    'Laver de bestilte arkiveringsversioner til Rigsarkivet: konverterer dokumenterne og skriver filerne.',
  'jobs.digital-post-outbox.description':
    'Sender breve med Digital Post eller fjernprint og prøver igen, når afsendelsen fejler.',
} as const;
