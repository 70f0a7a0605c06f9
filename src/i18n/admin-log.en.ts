import type { adminLogDa } from './admin-log.da.ts';

/** English messages for the audit page's search and export and the jobs page. */
export const adminLogEn: { readonly [K in keyof typeof adminLogDa]: string } = {
  'audit.person': 'Person',
  'audit.person.hint': 'Name or username',
  'audit.personRole': 'The person’s role',
  'audit.personRole.actor': 'Did it',
  'audit.personRole.subject': 'The entry is about the person',
  'audit.person.matches': 'People matching the search ({count})',
  'audit.person.by': 'Entries by',
  'audit.person.about': 'Entries about',
  'audit.person.none': 'No user has “{text}” in their name or username. Searching the names as the log stored them.',
  'audit.person.showingBy': 'Showing entries by {name}.',
  'audit.person.showingAbout': 'Showing entries about {name}.',
  'audit.person.clear': 'Search for someone else',
  'audit.actionAll': 'All actions',
  'audit.actionAllIn': 'All actions: {area}',
  'audit.entityType': 'Kind of object',
  'audit.entityTypeAll': 'All kinds',
  'audit.entityId': 'Object id or case number',
  'audit.entityId.hint': 'Choose a kind first. For a case you may type its case number.',
  'audit.noSuchCase': 'There is no case numbered {number}.',
  'audit.entryNumber': 'No. {id}',
  'audit.export': 'Download as CSV',
  'audit.csv.time': 'Time (Danish time)',
  'audit.csv.code': 'Action code',
  'audit.csv.filename': 'audit-log',

  'jobs.description': 'What the job does',
  'jobs.runningNow': 'Running now',
  'jobs.idle': 'Not running now',
  'jobs.notScheduled': 'Not scheduled in this instance',
  'jobs.lastRuns': 'Latest runs',
  'jobs.history': 'All runs',
  'jobs.older': 'Show older runs',
  'jobs.open': 'See the job and all its runs',
  'jobs.duration': 'Duration',
  'jobs.error': 'Error',
  'jobs.failedMark': 'Failed',
  'jobs.lastFailed': 'The latest run failed',
  'jobs.back': 'All scheduled jobs',
  'jobs.duration.ms': 'under 1 second',
  'jobs.duration.s': '{s} s',
  'jobs.duration.min': '{m} min {s} s',
  'jobs.duration.running': 'still running',
  'jobs.cronExpression': 'Expression',

  'jobs.session-cleanup.description':
    'Deletes expired sessions, spent counters of failed sign-ins and old locks from earlier runs.',
  'jobs.deadline-reminders.description': 'Reminds caseworkers of case deadlines that are near or past.',
  'jobs.access-request-deadlines.description':
    'Warns when the deadline for answering an access request is near, and when it has passed.',
  'jobs.mail-delivery.description':
    'Sends the e-mails in the outbox. An e-mail that cannot be sent is tried again later.',
  'jobs.notification-digest.description':
    'Gathers the day’s notifications into one e-mail for those who chose a daily digest.',
  'jobs.page-review-reminders.description':
    'Reminds the owners of knowledge pages to review pages whose review date has come.',
  'jobs.blob-cleanup.description':
    'Deletes stored files that nothing refers to any more, and cleans up after interrupted uploads.',
  'jobs.records-archive.description':
    'Archives closed cases when their time has come, so that they can no longer be changed.',
  'jobs.archival-export.description':
    'Makes the ordered archival versions for the National Archives: converts the documents and writes the files.',
  'jobs.digital-post-outbox.description':
    'Sends letters by Digital Post or remote print, and tries again when sending fails.',
};
