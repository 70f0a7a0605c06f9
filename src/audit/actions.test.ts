import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanAuditActions } from '../../test/helpers/audit-action-scan.ts';
import { da } from '../i18n/da.ts';
import { en } from '../i18n/en.ts';
import { actionPhrase, AUDIT_AREA_OF, auditActionGroups, AUDIT_ACTION_CODES } from '../i18n/audit-actions.ts';
import { translator } from '../i18n/index.ts';

/**
 * Every audit action code the code base writes has a phrase in both catalogs
 * (src/i18n/audit-actions.{da,en}.ts) and an area. The codes are read from the source
 * (test/helpers/audit-action-scan.ts); what the scan cannot follow is listed here, by hand.
 */

/** Templates with `${…}`: the codes each can make. */
const TEMPLATES: Record<string, string[]> = {
  // StatusChange in cases/service.ts
  'src/modules/cases/service.ts: `case.${change}`': ['case.close', 'case.reopen', 'case.archive'],
  // MeetingStatus in db/schema/meetings.ts
  'src/modules/meetings/meetings.ts: `meeting.status.${to}`': [
    'meeting.status.planned',
    'meeting.status.published',
    'meeting.status.held',
    'meeting.status.approved',
    'meeting.status.cancelled',
  ],
  'src/modules/records/subject-report.ts: `records.subjectReport.${what}`': [
    'records.subjectReport.search',
    'records.subjectReport.pdf',
  ],
};

/** Values that only pass on a code written elsewhere (and scanned there). */
const PASS_THROUGH = new Set([
  'src/audit/service.ts: event.action', // appendAudit's own event
  'src/modules/cases/reads.ts: read?.action', // a route's CaseRead, itself an object the scan reads
  "src/modules/admin/audit-search.ts: text('action')", // the audit page's filter, not an event
]);

const root = path.resolve(import.meta.dirname, '../..');
const scan = scanAuditActions(root, ['src', 'seeds', 'scripts']);
const codes = new Map(scan.codes);
for (const t of scan.templates) for (const code of TEMPLATES[t] ?? []) codes.set(code, new Set([t.split(':')[0]!]));

describe('audit action phrases', () => {
  it('finds the codes written in many ways (literals, branches, constants, templates)', () => {
    for (const code of [
      'session.create',
      'case.create',
      'document.journalise',
      'thread.lock',
      'accessRequest.withdraw',
    ])
      expect(codes.has(code), code).toBe(true);
  });

  it('can follow every way the source writes an action code', () => {
    expect(
      scan.templates.filter((t) => !TEMPLATES[t]),
      'templates: expand them in TEMPLATES above',
    ).toEqual([]);
    expect(
      scan.unresolved.filter((u) => !PASS_THROUGH.has(u)),
      'write the code as a literal, or a constant in the same file, or add it to PASS_THROUGH',
    ).toEqual([]);
  });

  it('has a Danish and an English phrase, and an area, for every action code in src/', () => {
    const missing = [...codes.keys()]
      .filter((code) => !(`audit.phrase.${code}` in da) || !(`audit.phrase.${code}` in en))
      .map((code) => `${code} (${[...codes.get(code)!].join(', ')})`);
    expect(missing, 'add audit.phrase.<code> to src/i18n/audit-actions.{da,en}.ts').toEqual([]);
    const noArea = [...codes.keys()].filter((code) => !(code.split('.', 1)[0]! in AUDIT_AREA_OF));
    expect(noArea, 'add the first part of the code to AUDIT_AREA_OF in src/i18n/audit-actions.ts').toEqual([]);
  });

  it('shows the code itself for an action nobody has worded', () => {
    const t = translator('da');
    expect(actionPhrase(t, 'case.create')).toBe('Oprettede en sag');
    expect(actionPhrase(translator('en'), 'case.create')).toBe('Created a case');
    expect(actionPhrase(t, 'something.new')).toBe('something.new');
  });

  it('groups every worded action under exactly one area', () => {
    const grouped = auditActionGroups().flatMap((g) => g.codes);
    expect(grouped.sort()).toEqual([...AUDIT_ACTION_CODES].sort());
    expect(auditActionGroups().find((g) => g.area === 'cases')?.codes).toContain('party.unmask');
  });
});
