import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/helpers/app.ts';
import { DIALECTS } from '../../test/helpers/db.ts';

/**
 * Ids beyond the integer range, in addresses, query strings and forms, across the modules: never
 * a 500 (PostgreSQL refuses to compare such a number with an integer column). Each answer is a
 * 404, a redirect or the form again with a message.
 */
describe.each(DIALECTS)('ids beyond the integer range (%s)', (dialect) => {
  it('never turn into a server error, in an address, a query string or a form', async () => {
    const t = await createTestApp(dialect);
    const sek = await t.signIn('sekretariat');
    const jr = await t.signIn('journal');
    const admin = await t.signIn('admin');
    const big = '99999999999';
    const out: string[] = [];
    for (const [p, c] of [
      [`/meetings?committee=${big}`, sek],
      [`/meetings/1?version=${big}`, sek],
      [`/meetings/proposals?meeting=${big}`, sek],
      [`/meetings/committees/1?year=${big}`, sek],
      [`/notifications?seen=${big}`, sek],
      [`/pages/new?parent=${big}`, sek],
      [`/pages/1/history?from=${big}`, sek],
      [`/me/files?folder=${big}`, sek],
      [`/cases?unit=${big}`, jr],
      [`/cases?after=${big}`, jr],
      [`/cases/search?q=x&unit=${big}`, jr],
      [`/people?unit=${big}`, sek],
      [`/org?unit=${big}`, sek],
      [`/news?page=${big}`, sek],
      [`/admin/audit?entity=${big}`, admin],
      [`/reader/search?q=x&committee=${big}`, sek],
      [`/public/meetings?committee=${big}`, ''],
      [`/oparl/v1.1/body/1/meetings?page=${big}`, ''],
      [`/oparl/v1.1/meeting/${big}`, ''],
      [`/rooms?after=${big}`, sek],
    ] as const) {
      const r = await t.get(p, c ? { cookie: c } : {});
      if (r.status >= 500) out.push(`${p} ${r.status}`);
    }
    for (const [p, body, c] of [
      ['/me/folders', { name: 'x', parent: big }, sek],
      ['/me/files', { folder: big }, sek],
      ['/pages', { title: 'x', body: 'y', parentId: big, ownerUsername: 'sekretariat', reviewBy: '', sortOrder: '' }, sek],
      ['/meetings', { committeeId: big, title: 'x', date: '2027-01-01', startTime: '10:00', endTime: '', locationId: big }, sek],
      ['/cases', { type: 'subject', title: 'x', kleNumber: '00.01.00', facetCode: 'G01', unitId: big }, jr],
      ['/cases', { type: 'subject', title: 'x', kleNumber: '00.01.00', facetCode: 'G01', unitId: '1', confidential: 'on', accessUnitIds: big }, jr],
      ['/news', { title: 'x', summary: 'y', body: 'z', audience: big }, sek],
      ['/meetings/1/items', { title: 'x', caseId: big }, sek],
      ['/meetings/committees/1/memberships', { personId: big, role: 'member', startsOn: '2026-01-01' }, sek],
      ['/rooms', { name: 'x', purpose: 'y', visibility: 'open' }, sek],
      ['/shortcuts', { label: 'x', url: '/cases/' + big }, sek],
      ['/cases/1/relations', { number: big }, jr],
      ['/admin/users', { username: 'xx', name: 'x', email: 'a@b.dk', unitId: big, managerUsername: '' }, admin],
    ] as const) {
      const r = await t.post(p, body as Record<string, string>, { cookie: c });
      if (r.status >= 500) out.push(`POST ${p} ${r.status}`);
    }
    await t.cleanup();
    expect(out).toEqual([]);
  }, 120000);
});
